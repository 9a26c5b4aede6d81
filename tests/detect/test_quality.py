"""Quality gate: the shipped model's SI F1, TC micro-F1 and span + technique F1 (micro and macro) of its
findings on PTC v2 dev stay above the pinned floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.detect import load_model
from spinscope.evaluate.techniques import load_split, score_split
from spinscope.settings import default_data_dir

FLOOR_FILE = Path(__file__).parent / "quality_floor.json"


@pytest.mark.data
@pytest.mark.slow
def test_shipped_model_stays_above_the_quality_floor() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    result = score_split(load_model(None), load_split(default_data_dir(), "dev"))
    assert result["n_articles"] == 75
    assert result["si"]["f1"] >= floor["dev"]["si_f1"], result["si"]
    assert result["tc"]["micro_f1"] >= floor["dev"]["tc_micro_f1"], result["tc"]["micro_f1"]
    assert result["spans"]["f1"] >= floor["dev"]["span_technique_f1"], result["spans"]
    assert result["spans"]["macro_f1"] >= floor["dev"]["span_technique_macro_f1"], result["spans"]
