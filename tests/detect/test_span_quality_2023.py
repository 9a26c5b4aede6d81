"""Quality gate: span + technique F1 of the shipped model's findings, named in SemEval-2023 through the mapping
(strict: a finding with several candidates counts as its first), on SemEval-2023 English dev stays above its floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.detect import load_model
from spinscope.evaluate.techniques import SEMEVAL2023_DEV, load_split, spans_figures_2023
from spinscope.settings import default_data_dir

FLOOR_FILE = Path(__file__).parent / "quality_floor.json"


@pytest.mark.data
@pytest.mark.slow
def test_2023_named_findings_stay_above_their_floor_on_2023_dev() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["semeval2023_dev_spans"]
    if not (default_data_dir() / "semeval2023-task3-en").is_dir():
        pytest.skip("the SemEval-2023 data is not there")
    split = load_split(default_data_dir(), SEMEVAL2023_DEV)
    assert len(split.articles) == 90 and len(split.tc_gold) == 1801
    figures = spans_figures_2023(load_model(None, threads=1), split, split.articles)
    strict, lenient = figures["strict"], figures["lenient"]
    assert strict["f1"] >= floor["span_technique_f1_strict"], strict
    assert strict["macro_f1"] >= floor["span_technique_macro_f1_strict"], strict
    # lenient only renames findings with several candidates: precision never lower, same denominators
    assert lenient["precision"] >= strict["precision"] and lenient["n_pred"] == strict["n_pred"]
