"""Quality gate: the shipped SemEval-2023 paragraph head's micro-F1 on SemEval-2023 English dev stays above its
floor, and above the mapped 2020 baseline's figure by the margin issue 20 asks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.detect import load_model
from spinscope.detect.stage import DetectStage, load_paragraph_head, model_paragraphs
from spinscope.evaluate.semeval import score_paragraphs
from spinscope.io.ptc import read_ptc
from spinscope.io.semeval import paragraph_rows, read_paragraph_labels
from spinscope.model import Layer
from spinscope.settings import default_data_dir

FLOOR_FILE = Path(__file__).parent / "quality_floor.json"


@pytest.mark.data
@pytest.mark.slow
def test_shipped_paragraph_head_stays_above_its_floor_on_2023_dev() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["semeval2023_dev"]
    folder = default_data_dir() / "semeval2023-task3-en"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there")
    model = load_model(None, threads=1)
    head = load_paragraph_head(model.model_dir)
    assert head is not None
    stage = DetectStage(model, head)
    articles = list(read_ptc(folder / "dev-articles-subtask-3", labels=None))
    assert len(articles) == 90
    for article in articles:
        passage = stage.read(article, keep_states=True)
        article.set_layer(Layer.PARAGRAPH_TECHNIQUES, model_paragraphs(head, model, article.text, passage))
    result = score_paragraphs(paragraph_rows(articles), read_paragraph_labels(folder / "dev-labels-subtask-3"))
    assert result["n_missing"] == 0 and result["n_unexpected"] == 0
    assert result["micro_f1"] >= floor["paragraph_micro_f1"], result["micro_f1"]
    assert result["micro_f1"] >= floor["mapped_baseline_micro_f1"] + 0.03, result["micro_f1"]
    assert result["macro_f1"] >= floor["paragraph_macro_f1"], result["macro_f1"]
