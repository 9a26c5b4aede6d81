"""The pipeline cascade: stages predict, ``attach`` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.detect import DetectStage
from spinscope.detect.stage import SHIPPED_MODEL_DIR
from spinscope.errors import InputTooLargeError
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import Analyzer, Annotations, attach, load_key, shared_analyzer
from spinscope.settings import Settings


def test_attach_sets_layers_and_merges_summary() -> None:
    article = Article("One. Two.")
    article.summary["kept"] = 1
    attach(article, Annotations(layers={"x": [Span(5, 9)]}, summary={"added": 2}))
    assert article.span_text(article.spans("x")[0]) == "Two."
    assert article.summary == {"kept": 1, "added": 2}


def test_analyzer_runs_only_the_stages_asked_for() -> None:
    settings = Settings(techniques=False, quotes=False, outlet=False)
    analyzer = Analyzer(settings)
    assert [stage.name for stage in analyzer.stages] == ["segment"]
    article = analyzer.analyze(Article("First sentence here. Second one follows.\n\nA new paragraph."))
    assert Layer.TECHNIQUES not in article.layers
    for span in article.spans(Layer.SENTENCES):
        assert 0 <= span.start < span.end <= len(article.text)


def test_analyze_many_keeps_order() -> None:
    analyzer = Analyzer(Settings(techniques=False, quotes=False, outlet=False))
    ids = [a.id for a in analyzer.analyze_many(Article(f"Text number {i}.", id=str(i)) for i in range(5))]
    assert ids == ["0", "1", "2", "3", "4"]


class _Recorder:
    """A stage that records that it ran."""

    name = "recorder"

    def __init__(self) -> None:
        self.ran = 0

    def predict(self, article: Article) -> Annotations:
        self.ran += 1
        return Annotations()


def test_an_article_over_max_chars_is_refused_before_any_stage_runs() -> None:
    analyzer = Analyzer(Settings(techniques=False, quotes=False, outlet=False, max_chars=20))
    recorder = _Recorder()
    analyzer.stages = [recorder]
    article = Article("x" * 21, id="long-one", meta={"source": "long.txt"})
    with pytest.raises(InputTooLargeError) as caught:
        analyzer.analyze(article)
    message = str(caught.value)
    assert "article 'long-one' (long.txt)" in message
    assert "21 characters" in message and "limit of 20 characters" in message
    assert "--max-chars (Settings.max_chars)" in message
    assert recorder.ran == 0
    analyzer.analyze(Article("x" * 20))
    assert recorder.ran == 1


def test_for_taxonomy_shares_the_loaded_stages_and_adds_or_drops_the_paragraph_head(example_path: Path) -> None:
    """A request's taxonomy runs what ``Settings(taxonomy=...)`` runs, on the models already loaded."""
    text = example_path.read_text(encoding="utf-8")
    analyzer = Analyzer(Settings(quotes=False, outlet=False))
    assert analyzer.for_taxonomy("semeval2020") is analyzer
    mapped = analyzer.for_taxonomy("semeval2023")
    assert mapped is analyzer.for_taxonomy("semeval2023") and mapped.settings.taxonomy == "semeval2023"
    assert mapped.stages[0] is analyzer.stages[0]
    assert isinstance(mapped.stages[1], DetectStage) and isinstance(analyzer.stages[1], DetectStage)
    assert mapped.stages[1].model is analyzer.stages[1].model and analyzer.stages[1].paragraph_head is None
    plain, labelled = analyzer.analyze(Article(text)), mapped.analyze(Article(text))
    assert Layer.PARAGRAPH_TECHNIQUES not in plain.layers
    assert plain.to_dict()["layers"][Layer.TECHNIQUES] == labelled.to_dict()["layers"][Layer.TECHNIQUES]
    own = Analyzer(Settings(quotes=False, outlet=False, taxonomy="semeval2023"))
    assert own.analyze(Article(text)).to_dict() == labelled.to_dict()
    back = own.for_taxonomy("semeval2020")
    assert back.stages[1].model is own.stages[1].model
    assert back.analyze(Article(text)).to_dict() == plain.to_dict()
    with pytest.raises(ValueError, match="semeval2019"):
        analyzer.for_taxonomy("semeval2019")


def test_shared_analyzers_of_two_taxonomies_load_the_models_once() -> None:
    """The cache keys the loaded stages on what the models load from, not on the whole settings."""
    base = Settings(quotes=False, outlet=False, threads=1, model_dir=SHIPPED_MODEL_DIR)
    plain = shared_analyzer(base)
    mapped = shared_analyzer(base.with_(taxonomy="semeval2023", max_chars=5_000))
    assert mapped is shared_analyzer(base.with_(taxonomy="semeval2023", max_chars=5_000)) and mapped is not plain
    assert mapped.settings.max_chars == 5_000 and mapped.settings.taxonomy == "semeval2023"
    assert mapped.stages[0] is plain.stages[0]
    detect_plain, detect_mapped = plain.stages[1], mapped.stages[1]
    assert isinstance(detect_plain, DetectStage) and isinstance(detect_mapped, DetectStage)
    assert detect_mapped.model is detect_plain.model
    assert detect_plain.paragraph_head is None and detect_mapped.paragraph_head is not None
    assert load_key(base) != load_key(base.with_(fast_quotes=True))
    other = shared_analyzer(base.with_(threads=2))  # a load field apart: its own models
    assert isinstance(other.stages[1], DetectStage) and other.stages[1].model is not detect_plain.model
