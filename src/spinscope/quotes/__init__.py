"""Quote attribution: who said what (source, cue, content) and through whom (relay chain).

:func:`attribute_quotes` returns the ``attributions``, ``quote_sources``, ``quote_cues`` and ``relays``
layers of an article; :func:`build_stage` wraps it as a pipeline stage.
"""

from __future__ import annotations

from spinscope.model import Article
from spinscope.model.annotations import Annotations, check_length
from spinscope.quotes.attribute import Attributor, default_attributor
from spinscope.settings import Settings


def attribute_quotes(article: Article, settings: Settings | None = None) -> Annotations:
    """Every attribution in ``article`` with its source, cue and relay chain (shipped models).

    Raises:
        InputTooLargeError: the text is over :attr:`Settings.max_chars`.
    """
    settings = settings or Settings()
    check_length(article, settings)
    return build_stage(settings).predict(article)


class QuotesStage:
    """Pipeline stage: attribution layers for each article."""

    name = "quotes"

    def __init__(self, attributor: Attributor) -> None:
        self.attributor = attributor

    def predict(self, article: Article) -> Annotations:
        return self.attributor.annotate(article)


def build_stage(settings: Settings) -> QuotesStage:
    """Load the quotes stage (the shipped CRF and role network, loaded once per process and setting)."""
    return QuotesStage(default_attributor(network=settings.quote_network, threads=settings.threads))


__all__ = ["Attributor", "QuotesStage", "attribute_quotes", "build_stage"]
