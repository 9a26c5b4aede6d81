"""The analysis pipeline: read -> segment -> techniques -> quotes -> outlet, as one cascade.

Each stage predicts (returns :class:`Annotations`) and never writes to the article itself;
:func:`attach` is the one place where results are put on an :class:`Article`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from spinscope.errors import InputTooLargeError
from spinscope.model import Article, Span
from spinscope.settings import Settings


@dataclass
class Annotations:
    """What one stage found: span layers to set, and document-level summary entries."""

    layers: dict[str, list[Span]] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


class Stage(Protocol):
    """A pipeline stage: loaded once, then ``predict`` per article."""

    name: str

    def predict(self, article: Article) -> Annotations: ...


def attach(article: Article, annotations: Annotations) -> Article:
    """Put a stage's findings on the article (layers replaced, summary merged)."""
    for layer, spans in annotations.layers.items():
        article.set_layer(layer, spans)
    article.summary.update(annotations.summary)
    return article


def check_length(article: Article, settings: Settings) -> None:
    """Refuse an article longer than :attr:`Settings.max_chars` (the one size limit of CLI, batch and API).

    Raises:
        InputTooLargeError: naming the article (its id and where it was read from), its length and the limit.
    """
    if len(article.text) <= settings.max_chars:
        return
    source = article.meta.get("source")
    name = " ".join(part for part in (f"article {article.id!r}" if article.id else "", f"({source})" if source else ""))
    raise InputTooLargeError(
        name.strip() or "article",
        f"{len(article.text):,} characters, over the limit of {settings.max_chars:,} characters; "
        "raise it with --max-chars (Settings.max_chars)",
    )


def build_stages(settings: Settings) -> list[Stage]:
    """Load the stages the settings ask for, in the order they run.

    1. segment: paragraphs and sentences (always; later stages read them);
    2. techniques: propaganda spans with technique, score and reason;
    3. quotes: attributions with source, cue and relay chain;
    4. outlet: the outlet's reliability profile.
    """
    from spinscope import detect, outlets, quotes, segment

    stages: list[Stage] = [segment.build_stage(settings)]
    if settings.techniques:
        stages.append(detect.build_stage(settings))
    if settings.quotes:
        stages.append(quotes.build_stage(settings))
    if settings.outlet:
        stages.append(outlets.build_stage(settings))
    return stages


class Analyzer:
    """Loads the stages once; analyses any number of articles with them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.stages = build_stages(self.settings)

    def analyze(self, article: Article) -> Article:
        """Run every stage on ``article`` and return it, annotated.

        Raises:
            InputTooLargeError: the text is over :attr:`Settings.max_chars` (checked before any stage runs).
        """
        check_length(article, self.settings)
        for stage in self.stages:
            attach(article, stage.predict(article))
        return article

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analyse articles one by one, yielding each as soon as it is done, in order."""
        for article in articles:
            yield self.analyze(article)


# One Analyzer per settings per process (a Dask worker keeps it between tasks), so models load once.
_ANALYZERS: dict[Settings, Analyzer] = {}


def cached_analyzer(settings: Settings) -> Analyzer:
    """This process's :class:`Analyzer` for ``settings``, loaded on first use."""
    analyzer = _ANALYZERS.get(settings)
    if analyzer is None:
        analyzer = _ANALYZERS[settings] = Analyzer(settings)
    return analyzer


def loaded_analyzers() -> int:
    """How many analyzers this process has loaded (one per settings)."""
    return len(_ANALYZERS)


def analyze(article: Article, *, settings: Settings | None = None) -> Article:
    """Analyse one article with this process's cached :class:`Analyzer` for ``settings``."""
    return cached_analyzer(settings or Settings()).analyze(article)
