"""Quote attribution: who said what (source, cue, content) and through whom (relay chain).

:func:`attribute_quotes` returns the ``attributions``, ``quote_sources``, ``quote_cues`` and ``relays``
layers of an article; :func:`build_stage` wraps it as a pipeline stage.
"""

from __future__ import annotations

from pathlib import Path

from spinscope.model import Article
from spinscope.model.annotations import Annotations, check_length
from spinscope.quotes.attribute import Attributor, shipped_model_dir
from spinscope.quotes.network import RoleNetwork
from spinscope.quotes.tagger import AttributionTagger
from spinscope.settings import Settings


def attribute_quotes(article: Article, settings: Settings | None = None) -> Annotations:
    """Every attribution in ``article`` with its source, cue and relay chain.

    Loads the models on each call; to attribute many articles, build the stage once with :func:`build_stage`.

    Raises:
        InputTooLargeError: the text is over :attr:`Settings.max_chars`.
        ModelError: :attr:`Settings.quotes_model_dir` is not a quote model directory.
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


def load_attributor(settings: Settings) -> Attributor:
    """Load the attributor :attr:`Settings.quotes_model_dir` names (the shipped models when None), with the
    role network unless :attr:`Settings.fast_quotes`; each call reads the models from disk.

    ``fast_quotes`` runs the CRF alone: several times faster, fewer cues and contents found
    (figures in ``docs/quotes.md``).

    Raises:
        ModelError: the directory lacks the CRF, or (without ``fast_quotes``) the role network.
    """
    directory = shipped_model_dir() if settings.quotes_model_dir is None else Path(settings.quotes_model_dir)
    network = None if settings.fast_quotes else RoleNetwork.from_disk(directory, threads=settings.threads)
    return Attributor(AttributionTagger.from_disk(directory), network)


def build_stage(settings: Settings) -> QuotesStage:
    """Load the quotes stage (:func:`load_attributor`)."""
    return QuotesStage(load_attributor(settings))


__all__ = ["Attributor", "QuotesStage", "attribute_quotes", "build_stage", "load_attributor"]
