"""The one article a single-article command (``analyze``, ``quotes``) reads."""

from __future__ import annotations

from pathlib import Path

from spinscope.errors import FormatError
from spinscope.model import Article
from spinscope.settings import Settings

#: Corpus files hold many articles (one per line or row); single-article commands refuse them.
_CORPUS_KINDS = {".jsonl": "a JSONL corpus (one article per line)", ".csv": "a CSV corpus (one article per row)"}


def read_one_article(source: str, *, settings: Settings) -> Article:
    """Read INPUT as :func:`spinscope.io.read_input` does, refusing a JSONL/CSV corpus file.

    Raises:
        FormatError: ``source`` is a ``.jsonl`` or ``.csv`` file (exit code 2), pointing to ``spinscope batch``.
        InputError: whatever the reader refuses.
    """
    from spinscope.io import read_input
    from spinscope.io.files import STDIN

    kind = _CORPUS_KINDS.get(Path(source).suffix.lower()) if source != STDIN and "://" not in source else None
    if kind is not None:
        raise FormatError(
            source,
            f"is {kind}, not one article; analyse it with: spinscope batch {source} -o RESULTS_DIR",
        )
    return read_input(source, settings=settings)
