"""The analysis pipeline: read -> segment -> techniques -> quotes -> outlet, as one cascade.

Each stage (:class:`spinscope.ty.Stage`) predicts (returns :class:`~spinscope.model.annotations.Annotations`)
and never writes to the article itself; :func:`~spinscope.model.annotations.attach` is the one place where
results are put on an :class:`Article`. The stage contract lives below the stages, so this module imports
them like any other module; ``Annotations``, ``attach`` and ``check_length`` are re-exported for callers above.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spinscope import detect, outlets, quotes, segment
from spinscope.model import Article
from spinscope.model.annotations import Annotations, attach, check_length
from spinscope.settings import Settings
from spinscope.ty import Stage


def build_stages(settings: Settings) -> list[Stage]:
    """Load the stages the settings ask for, in the order they run.

    1. segment: paragraphs and sentences (always; later stages read them);
    2. techniques: propaganda spans with technique, score and reason;
    3. quotes: attributions with source, cue and relay chain;
    4. outlet: the outlet's reliability profile.
    """
    stages: list[Stage] = [segment.build_stage(settings)]
    if settings.techniques:
        stages.append(detect.build_stage(settings))
    if settings.quotes:
        stages.append(quotes.build_stage(settings))
    if settings.outlet:
        stages.append(outlets.build_stage(settings))
    return stages


class Analyzer:
    """Loads the stages, and with them the models, once; analyses any number of articles with them.

    The analyzer owns what it loaded: two analyzers built from the same settings load the models twice.
    Faces that need one per process take :func:`shared_analyzer`.
    """

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


#: The one process-level cache of loaded models: an :class:`Analyzer` per :class:`Settings` (the
#: settings name every model directory, ``model_dir`` and ``quotes_model_dir``, and how they load,
#: ``fast_quotes`` and ``threads``). The faces that analyse again and again in one process read it: the
#: HTTP app, a Dask worker between tasks, :func:`analyze` and the CLI commands built on it. No stage or
#: model module keeps a cache of its own; an :class:`Analyzer` built directly loads its own models.
_SHARED: dict[Settings, Analyzer] = {}


def shared_analyzer(settings: Settings) -> Analyzer:
    """This process's :class:`Analyzer` for ``settings``, loaded on first use and kept (see :data:`_SHARED`)."""
    analyzer = _SHARED.get(settings)
    if analyzer is None:
        analyzer = _SHARED[settings] = Analyzer(settings)
    return analyzer


def shared_analyzers() -> int:
    """How many analyzers this process keeps loaded (one per settings)."""
    return len(_SHARED)


def analyze(article: Article, *, settings: Settings | None = None) -> Article:
    """Analyse one article with this process's shared :class:`Analyzer` for ``settings`` (:func:`shared_analyzer`)."""
    return shared_analyzer(settings or Settings()).analyze(article)


__all__ = [
    "Analyzer",
    "Annotations",
    "Stage",
    "analyze",
    "attach",
    "build_stages",
    "check_length",
    "shared_analyzer",
    "shared_analyzers",
]
