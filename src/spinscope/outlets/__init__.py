"""Placeholder until the outlets stage lands: predicts nothing."""

from __future__ import annotations

from spinscope.model import Article
from spinscope.pipeline import Annotations
from spinscope.settings import Settings


class _EmptyStage:
    name = "outlets"

    def predict(self, article: Article) -> Annotations:
        return Annotations()


def build_stage(settings: Settings) -> _EmptyStage:
    """Load the outlets stage."""
    return _EmptyStage()
