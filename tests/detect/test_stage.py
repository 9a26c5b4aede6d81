"""The detect stage with the shipped model: invariants of spans, scores, reasons, windows and faces."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from spinscope import Article, Layer, Span
from spinscope.detect import SHIPPED_MODEL_DIR, DetectStage, TechniqueModel, predict_tc
from spinscope.detect import stage as stage_module
from spinscope.encoder.windows import PieceIndex
from spinscope.errors import InputError, ModelError
from spinscope.pipeline import attach
from spinscope.progress import watching
from spinscope.segment import chunk_ranges

LOADED = (
    "The corrupt, lying traitors in Washington want to destroy our great nation. "
    "These evil globalist thugs will stop at nothing. Make America great again!"
)
NEUTRAL = "The committee met on Tuesday to discuss the budget for next year."


@pytest.fixture(scope="module")
def model(detect_stage: DetectStage) -> TechniqueModel:
    return detect_stage.model


def _analyze(stage: DetectStage, text: str, **layers: list[Span]) -> Article:
    article = Article(text, id="t")
    for name, spans in layers.items():
        article.set_layer(name, spans)
    return attach(article, stage.predict(article))


def test_technique_spans_are_valid_views_with_scores_and_reasons(
    model: TechniqueModel, detect_stage: DetectStage
) -> None:
    article = _analyze(detect_stage, NEUTRAL + "\n" + LOADED)
    spans = article.spans(Layer.TECHNIQUES)
    assert spans, "an obviously loaded paragraph yields technique spans"
    for span in spans:
        assert 0 <= span.start < span.end <= len(article.text)
        assert span.label in model.techniques
        assert span.score is not None and 0.0 <= span.score <= 1.0
        assert span.attrs["reason"]
        for word in span.attrs["top_words"]:
            assert word in article.span_text(span)
    summary = article.summary
    assert 0.0 <= summary["propaganda_score"] <= 1.0
    assert sum(summary["technique_counts"].values()) == len(spans)
    assert summary["model"] == {"name": "ptc-minilm", "version": model.version, "min_score": model.min_score}


def test_sentences_get_scores_and_loaded_ones_score_higher(detect_stage: DetectStage) -> None:
    sentences = [Span(0, len(NEUTRAL), label="sentence"), Span(len(NEUTRAL) + 1, len(NEUTRAL) + 1 + len(LOADED))]
    article = _analyze(detect_stage, NEUTRAL + "\n" + LOADED, sentences=sentences)
    scored = article.spans(Layer.SENTENCES)
    assert [(s.start, s.end) for s in scored] == [(s.start, s.end) for s in sentences]
    assert all(s.score is not None and 0.0 <= s.score <= 1.0 for s in scored)
    assert scored[1].score > scored[0].score  # type: ignore[operator]


def test_spans_inside_boilerplate_are_skipped(detect_stage: DetectStage) -> None:
    text = NEUTRAL + "\n" + LOADED
    boilerplate = [Span(len(NEUTRAL) + 1, len(text), label="trailer")]
    article = _analyze(detect_stage, text, boilerplate=boilerplate)
    assert all(span.end <= len(NEUTRAL) + 1 for span in article.spans(Layer.TECHNIQUES))


def test_long_articles_are_windowed_not_truncated(model: TechniqueModel, detect_stage: DetectStage) -> None:
    text = " ".join([NEUTRAL] * 120) + " " + LOADED
    encoding, p_inside = model.p_inside(text)
    assert len(encoding) > 1500
    assert len(p_inside) == len(encoding)
    tail = p_inside[-40:]
    assert tail.max() > np.median(p_inside[:500]), "the loaded ending is seen although it is far past one window"
    article = _analyze(detect_stage, text)
    assert any(span.start > len(text) - len(LOADED) - 1 for span in article.spans(Layer.TECHNIQUES))


def test_empty_and_whitespace_texts_give_no_spans(detect_stage: DetectStage) -> None:
    for text in ("", "   \n  "):
        article = _analyze(detect_stage, text)
        assert article.spans(Layer.TECHNIQUES) == []
        assert article.summary["propaganda_score"] == 0.0


def test_template_spans_listed_twice_get_two_different_techniques(model: TechniqueModel) -> None:
    article = Article(LOADED, id="42")
    template = {"42": [Span(4, 24), Span(4, 24), Span(30, 40)]}
    labelled = predict_tc(model, [article], template)["42"]
    assert [(s.start, s.end) for s in labelled] == [(4, 24), (4, 24), (30, 40)]
    assert labelled[0].label != labelled[1].label
    assert all(s.label in model.techniques for s in labelled)
    with pytest.raises(InputError):
        predict_tc(model, [article], {"43": [Span(0, 3)]})


def test_shipped_model_is_small_and_pickle_free() -> None:
    files = {p.name: p.stat().st_size for p in SHIPPED_MODEL_DIR.iterdir() if p.is_file()}
    assert sum(files.values()) <= 50 * 1024 * 1024
    assert {"encoder.onnx", "heads.npz", "config.json", "tokenizer.json", "MODEL_CARD.md"} <= set(files)
    with np.load(SHIPPED_MODEL_DIR / "heads.npz", allow_pickle=False) as heads:
        assert all(heads[name].dtype == np.float32 for name in heads.files)


def test_incomplete_model_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"format_version": 1}), encoding="utf-8")
    with pytest.raises(ModelError, match=r"encoder\.onnx"):
        TechniqueModel.from_disk(tmp_path)


def test_detect_runs_without_torch() -> None:
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from spinscope import Article, Settings\n"
        "from spinscope.detect import build_stage\n"
        f"print(len(build_stage(Settings()).predict(Article({LOADED!r})).layers['techniques']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) > 0


def _long_text() -> str:
    paragraphs = [
        LOADED,
        NEUTRAL,
        "Critics say the plan is a disaster. “It will ruin us all,” one senator warned on Monday.",
        LOADED.replace("Washington", "Brussels"),
        NEUTRAL.replace("Tuesday", "Friday"),
    ]
    return "\n\n".join(paragraphs * 3)


def test_a_long_text_is_read_in_pieces_each_found_as_if_alone(
    monkeypatch: pytest.MonkeyPatch, detect_stage: DetectStage
) -> None:
    """Over CHUNK_CHARS, each piece (cut at a paragraph boundary) gives what it gives as an article of its own."""
    text = _long_text()
    monkeypatch.setattr(stage_module, "CHUNK_CHARS", 700)
    pieces = chunk_ranges(text, 700)
    assert len(pieces) > 2
    long_article = _analyze(detect_stage, text)
    monkeypatch.setattr(stage_module, "CHUNK_CHARS", 10**9)
    for start, end in pieces:
        alone = _analyze(detect_stage, text[start:end])
        for layer in (Layer.TECHNIQUES, Layer.SENTENCES):
            inside = [s for s in long_article.spans(layer) if start <= s.start < end]
            assert [(s.start - start, s.end - start, s.label, s.score) for s in inside] == [
                (s.start, s.end, s.label, s.score) for s in alone.spans(layer)
            ]
            assert all(s.end <= end for s in inside)


def test_progress_of_a_long_text_grows_to_its_length(
    monkeypatch: pytest.MonkeyPatch, detect_stage: DetectStage
) -> None:
    text = _long_text()
    monkeypatch.setattr(stage_module, "CHUNK_CHARS", 700)
    seen: list[tuple[str, int, int]] = []
    with watching(lambda *args: seen.append(args)):
        _analyze(detect_stage, text)
    done = [d for step, d, total in seen if step == "techniques" and total == len(text)]
    assert len(done) == len(seen) > 3
    assert done == sorted(done) and done[-1] == len(text)


def test_piece_index_finds_the_pieces_the_mask_finds(model: TechniqueModel) -> None:
    text = _long_text()
    encoding = model.encode(text)
    index = PieceIndex(encoding)
    assert index.ordered
    starts, ends = encoding.offsets[:, 0], encoding.offsets[:, 1]
    for start in range(0, len(text), 37):
        for length in (0, 1, 5, 60, 400):
            mask = np.nonzero((starts < start + length) & (ends > start))[0]
            assert list(np.arange(len(encoding))[index.overlapping(start, start + length)]) == list(mask)
