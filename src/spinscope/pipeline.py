"""The analysis pipeline: read -> segment -> techniques -> quotes -> outlet, as one cascade.

Each stage (:class:`spinscope.ty.Stage`) predicts (returns :class:`~spinscope.model.annotations.Annotations`)
and never writes to the article itself; :func:`~spinscope.model.annotations.attach` is the one place where
results are put on an :class:`Article`. The stage contract lives below the stages, so this module imports
them like any other module; ``Annotations``, ``attach`` and ``check_length`` are re-exported for callers above.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence

from spinscope import detect, outlets, quotes, segment
from spinscope.model import Article
from spinscope.model.annotations import Annotations, attach, check_length
from spinscope.settings import Settings, check_taxonomy
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
    Faces that need one per process take :func:`shared_analyzer`. ``stages``: stages already loaded
    (:meth:`for_taxonomy`), instead of loading those ``settings`` ask for.
    """

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[Stage] | None = None) -> None:
        self.settings = settings or Settings()
        self.stages = build_stages(self.settings) if stages is None else list(stages)
        self._by_taxonomy: dict[str, Analyzer] = {}
        self._lock = threading.Lock()

    def for_taxonomy(self, taxonomy: str) -> Analyzer:
        """The analyzer of a request whose findings are named in ``taxonomy`` (the HTTP API's ``taxonomy``).

        What ``Settings(taxonomy=taxonomy)`` would run, without loading anything twice: this analyzer
        when ``taxonomy`` is its own; else one, built once and kept, that shares every loaded stage except
        the detect stage, which reads the same technique model with the model's SemEval-2023 paragraph
        head (loaded here; the ``paragraph_techniques`` layer) when ``taxonomy`` includes SemEval-2023,
        and without it otherwise.

        Raises:
            ValueError: ``taxonomy`` is not one of :data:`~spinscope.settings.TAXONOMY_CHOICES`.
        """
        if check_taxonomy(taxonomy) == self.settings.taxonomy:
            return self
        with self._lock:
            derived = self._by_taxonomy.get(taxonomy)
            if derived is None:
                settings = self.settings.with_(taxonomy=taxonomy)
                stages = [_detect_stage_for(stage, taxonomy) for stage in self.stages]
                derived = self._by_taxonomy[taxonomy] = Analyzer(settings, stages=stages)
        return derived

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


def _detect_stage_for(stage: Stage, taxonomy: str) -> Stage:
    """``stage`` itself, or for the detect stage one on the same model with the paragraph head
    :func:`spinscope.detect.stage.paragraph_head_for` gives ``taxonomy`` (what ``build_stage`` would load)."""
    if not isinstance(stage, detect.DetectStage):
        return stage
    from spinscope.detect.stage import paragraph_head_for

    head = paragraph_head_for(stage.model, taxonomy, loaded=stage.paragraph_head)
    return stage if head is stage.paragraph_head else detect.DetectStage(stage.model, head)


#: The :class:`Settings` fields the stages load their models from (model directories, which stages run, how
#: they load); settings that agree on these share one set of loaded stages (:func:`shared_analyzer`).
LOAD_FIELDS = ("data_dir", "model_dir", "quotes_model_dir", "techniques", "quotes", "fast_quotes", "outlet", "threads")

#: The one process-level cache of loaded models: an :class:`Analyzer` per :class:`Settings`, the analyzers
#: whose settings agree on :data:`LOAD_FIELDS` holding the same loaded stages (two taxonomies, two size limits:
#: the models load once). The faces that analyse again and again in one process read it: the HTTP app, a Dask
#: worker between tasks, :func:`analyze` and the CLI commands built on it. No stage or model module keeps a
#: cache of its own; an :class:`Analyzer` built directly loads its own models.
_SHARED: dict[Settings, Analyzer] = {}


def load_key(settings: Settings) -> tuple[object, ...]:
    """What the models of ``settings`` depend on: its :data:`LOAD_FIELDS`, in order."""
    return tuple(getattr(settings, name) for name in LOAD_FIELDS)


def shared_analyzer(settings: Settings) -> Analyzer:
    """This process's :class:`Analyzer` for ``settings``, made on first use and kept (see :data:`_SHARED`).

    Where an analyzer of the same :func:`load_key` is kept already, the new one takes its stages (the detect
    stage with or without the paragraph head, as ``settings.taxonomy`` asks: :meth:`Analyzer.for_taxonomy`).
    """
    analyzer = _SHARED.get(settings)
    if analyzer is None:
        key = load_key(settings)
        loaded = next((kept for kept in _SHARED.values() if load_key(kept.settings) == key), None)
        stages = None if loaded is None else [_detect_stage_for(stage, settings.taxonomy) for stage in loaded.stages]
        analyzer = _SHARED[settings] = Analyzer(settings, stages=stages)
    return analyzer


def shared_analyzers() -> int:
    """How many analyzers this process keeps (one per settings; those of one :func:`load_key` share their models)."""
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
