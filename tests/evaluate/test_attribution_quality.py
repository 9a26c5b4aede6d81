"""Quality gate for quote attribution: PolNeAR dev figures and the hand sets stay above a pinned floor.

The floor (``attribution_floor.json``) sits beside the technique floor of ``tests/detect``: the
shipped cascade (CRF + role network) on PolNeAR dev (overlap F1 per role, relation precision, exact
source F1), the speaker set (precision of shown names, coverage) and the relay set (precision,
recall). One attribution run per dev article serves all three.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from spinscope.evaluate.attribution import evaluate_attribution
from spinscope.evaluate.relays import evaluate_relays
from spinscope.evaluate.speakers import evaluate_speakers
from spinscope.quotes import load_attributor
from spinscope.quotes.attribute import Attributor
from spinscope.quotes.relations import Relation
from spinscope.settings import Settings, default_data_dir

FLOOR_FILE = Path(__file__).parent / "attribution_floor.json"


def measured_figures(attribution: dict[str, Any], speakers: dict[str, Any], relays: dict[str, Any]) -> dict[str, float]:
    """The gated figures, named as in the floor file, from the three evaluation results."""
    scores = attribution["scores"]
    return {
        "content_f1": scores["overlap"]["content"]["f1"],
        "cue_f1": scores["overlap"]["cue"]["f1"],
        "source_f1": scores["overlap"]["source"]["f1"],
        "relation_f1": scores["overlap"]["relation"]["f1"],
        "relation_precision": scores["overlap"]["relation"]["precision"],
        "source_exact_f1": scores["exact"]["source"]["f1"],
        "speaker_precision": speakers["scores"]["precision"],
        "speaker_coverage": speakers["scores"]["coverage"],
        "relay_precision": relays["scores"]["precision"],
        "relay_recall": relays["scores"]["recall"],
    }


def below_floor(figures: dict[str, float], floor: dict[str, float]) -> list[str]:
    """Each floor figure the measured ones fall below (a missing figure counts as below)."""
    return [
        f"{name}: {figures.get(name)} < {minimum}"
        for name, minimum in floor.items()
        if figures.get(name) is None or figures[name] < minimum
    ]


class _CachedAttributor(Attributor):
    """The shipped cascade, each text attributed once (the dev split and the hand sets share articles)."""

    def __init__(self, inner: Attributor) -> None:
        super().__init__(inner.tagger, inner.network)
        self._done: dict[tuple[str, tuple[int, ...] | None], list[Relation]] = {}

    def relations(self, text: str, sentence_starts: Sequence[int] | None = None) -> list[Relation]:
        key = (text, None if sentence_starts is None else tuple(sentence_starts))
        if key not in self._done:
            self._done[key] = super().relations(text, sentence_starts)
        return self._done[key]


def test_the_floor_check_names_each_figure_below_it() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["dev"]
    assert below_floor(dict(floor), floor) == []
    broken = {**floor, "relay_recall": floor["relay_recall"] - 0.3}
    del broken["speaker_coverage"]
    assert [line.split(":")[0] for line in below_floor(broken, floor)] == ["speaker_coverage", "relay_recall"]


@pytest.mark.data
@pytest.mark.slow
def test_shipped_attribution_stays_above_the_floor() -> None:
    floor = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))["dev"]
    data_dir = default_data_dir()
    attributor = _CachedAttributor(load_attributor(Settings()))
    attribution = evaluate_attribution(data_dir, "dev", annotate=attributor.annotate)
    speakers = evaluate_speakers(data_dir, annotate=attributor.annotate)
    relays = evaluate_relays(data_dir, annotate=attributor.annotate)
    figures = measured_figures(attribution, speakers, relays)
    assert attribution["articles"] == 84
    assert below_floor(figures, floor) == [], figures
