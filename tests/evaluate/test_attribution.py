"""Attribution scoring rules and the PolNeAR evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.evaluate.attribution import evaluate_attribution, format_attribution_report, score_articles
from spinscope.io.polnear import GoldRelation
from spinscope.quotes.relations import Relation

GOLD = [
    GoldRelation(content=((20, 40),), cue=((10, 14),), source=((0, 9),)),
    GoldRelation(content=((60, 80), (90, 95)), cue=((82, 86),), source=None),
]


def _as_predicted(gold: list[GoldRelation]) -> list[Relation]:
    return [
        Relation(content=list(g.content), cue=g.cue[0], source=None if g.source is None else g.source[0]) for g in gold
    ]


def test_perfect_prediction_scores_one_everywhere() -> None:
    scores = score_articles([(_as_predicted(GOLD), GOLD)])
    for mode in ("overlap", "exact"):
        for role in ("content", "cue", "source", "relation"):
            assert scores[mode][role]["f1"] == 1.0, (mode, role)


def test_overlap_counts_partial_spans_exact_does_not() -> None:
    predicted = [Relation(content=[(25, 45)], cue=(11, 14), source=(5, 9))]
    scores = score_articles([(predicted, GOLD[:1])])
    assert scores["overlap"]["content"]["f1"] == 1.0
    assert scores["overlap"]["source"]["f1"] == 1.0
    assert scores["exact"]["content"]["f1"] == 0.0
    assert scores["exact"]["cue"]["f1"] == 0.0


def test_a_cue_of_another_relation_does_not_count() -> None:
    # right cue offsets, but attached to content that overlaps no gold relation holding that cue
    predicted = [Relation(content=[(60, 70)], cue=(10, 14), source=None)]
    scores = score_articles([(predicted, GOLD)])
    assert scores["overlap"]["cue"]["precision"] == 0.0
    assert scores["overlap"]["content"]["precision"] == 1.0


def test_empty_prediction_scores_zero_without_error() -> None:
    scores = score_articles([([], GOLD)])
    assert scores["overlap"]["content"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 3}


@pytest.mark.data
@pytest.mark.slow
def test_dev_evaluation_runs_and_reports(data_dir: Path) -> None:
    result = evaluate_attribution(data_dir, "dev")
    assert result["articles"] == 84
    overlap = result["scores"]["overlap"]
    # floors well under the measured dev figures (docs/benchmarks/quotes.md): a gate against regressions
    assert overlap["content"]["f1"] >= 0.75
    assert overlap["cue"]["f1"] >= 0.6
    assert overlap["source"]["f1"] >= 0.6
    report = format_attribution_report(result)
    assert "overlap  content" in report and "exact    relation" in report
