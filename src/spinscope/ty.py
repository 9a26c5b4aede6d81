"""The two contracts every part plugs into: a pipeline :class:`Stage` and a :class:`Persistent` model.

Only protocols live here (no behaviour), so any layer may import them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

if TYPE_CHECKING:
    from spinscope.model import Article
    from spinscope.model.annotations import Annotations


class Stage(Protocol):
    """A pipeline stage: loaded once, then ``predict`` per article (never writes to the article)."""

    name: str

    def predict(self, article: Article) -> Annotations: ...


@runtime_checkable
class Persistent(Protocol):
    """A model that writes itself to one directory and reads itself back from it.

    ``to_disk(path)`` creates ``path`` if needed and writes every file the model needs there (its own
    config included); ``from_disk(path)`` returns a model that predicts exactly as the saved one did.
    Models that can be trained also have ``fit`` (its arguments depend on the model).
    """

    def to_disk(self, path: Path) -> None: ...

    @classmethod
    def from_disk(cls, path: Path) -> Self: ...
