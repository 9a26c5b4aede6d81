"""The detect stage with the shipped paragraph head: SemEval-2023 labels per paragraph from the same pass."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from spinscope import Article, Layer
from spinscope.detect import DetectStage
from spinscope.detect.model import TechniqueModel
from spinscope.detect.paragraph_head import PARAGRAPH_HEAD_FILE
from spinscope.detect.stage import SHIPPED_MODEL_DIR, build_stage, load_model, paragraph_head_for
from spinscope.pipeline import attach
from spinscope.settings import Settings
from spinscope.taxonomy import get_taxonomy

TEXT = (
    "A headline about the vote\n\n"
    "The corrupt, lying traitors in Washington want to destroy our great nation.\n"
    "The committee met on Tuesday to discuss the budget for next year.\n"
    "Make America great again!"
)


def test_the_2023_taxonomy_adds_paragraph_labels_and_leaves_the_findings_alone(detect_stage: DetectStage) -> None:
    with_head = build_stage(Settings(taxonomy="semeval2023", threads=1))
    assert with_head.paragraph_head is not None
    assert build_stage(Settings(threads=1)).paragraph_head is None
    plain = attach(Article(TEXT, id="t"), detect_stage.predict(Article(TEXT, id="t")))
    article = attach(Article(TEXT, id="t"), with_head.predict(Article(TEXT, id="t")))
    assert not plain.spans(Layer.PARAGRAPH_TECHNIQUES)
    found = [s.to_dict() for s in article.spans(Layer.TECHNIQUES)]
    assert found == [s.to_dict() for s in plain.spans(Layer.TECHNIQUES)]
    paragraphs = article.spans(Layer.PARAGRAPH_TECHNIQUES)
    assert [p.attrs["line"] for p in paragraphs] == [1, 3, 4, 5]
    known = set(get_taxonomy("semeval2023").detected_ids)
    for paragraph in paragraphs:
        assert TEXT[paragraph.start : paragraph.end] == TEXT.split("\n")[paragraph.attrs["line"] - 1]
        assert set(paragraph.attrs["techniques"]) <= known
        assert sorted(paragraph.attrs["scores"]) == paragraph.attrs["techniques"]
    loaded = next(p for p in paragraphs if p.attrs["line"] == 3)
    assert "Loaded_Language" in loaded.attrs["techniques"] or "Name_Calling-Labeling" in loaded.attrs["techniques"]


def test_the_head_reads_the_pass_states_of_long_texts_in_pieces(detect_stage: DetectStage) -> None:
    text = "\n".join(f"Paragraph {i}: the reckless, shameful scheme will devastate our town." for i in range(400))
    passage = detect_stage.read(Article(text, id="long"), keep_states=True)
    assert passage.states is not None and passage.states.shape[0] == len(passage.encoding)
    assert np.isfinite(passage.states).all()
    assert detect_stage.read(Article(text, id="long")).states is None


def _model_copy(tmp_path: Path, *, findings: bool) -> TechniqueModel:
    """The shipped model's files linked into ``tmp_path`` without its paragraph head (and ``findings`` entry)."""
    for path in SHIPPED_MODEL_DIR.iterdir():
        if path.name not in ("config.json", PARAGRAPH_HEAD_FILE):
            (tmp_path / path.name).symlink_to(path)
    config = json.loads((SHIPPED_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    if not findings:
        config.pop("findings")
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return load_model(tmp_path, threads=1)


def test_one_function_decides_the_paragraph_head_of_a_taxonomy(detect_stage: DetectStage, tmp_path: Path) -> None:
    model = detect_stage.model
    assert paragraph_head_for(model, "semeval2020") is None
    head = paragraph_head_for(model, "semeval2023")
    assert head is not None and paragraph_head_for(model, "both") is not None
    assert paragraph_head_for(model, "both", loaded=head) is head
    assert paragraph_head_for(model, "semeval2020", loaded=head) is None
    (tmp_path / "no-head").mkdir()
    (tmp_path / "no-findings").mkdir()
    without_head = _model_copy(tmp_path / "no-head", findings=True)
    assert paragraph_head_for(without_head, "semeval2023") is None
    without_findings = _model_copy(tmp_path / "no-findings", findings=False)
    assert paragraph_head_for(without_findings, "both") is None
