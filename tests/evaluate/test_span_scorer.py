"""Span + technique F1: hand-computed cases, gold against itself, edge cases."""

from __future__ import annotations

import pytest

from spinscope.errors import FormatError
from spinscope.evaluate.spans import score_spans

LL, NC, SLO = "Loaded_Language", "Name_Calling,Labeling", "Slogans"


def test_gold_against_itself_scores_one() -> None:
    gold = [("1", LL, 0, 10), ("1", NC, 5, 20), ("2", SLO, 3, 9)]
    result = score_spans(gold, gold)
    assert result["f1"] == pytest.approx(1.0)
    assert result["macro_f1"] == pytest.approx(1.0)
    assert result["n_techniques"] == 3


def test_partial_overlap_is_credited_only_with_the_right_technique() -> None:
    # gold LL [0, 10); predicted LL [5, 15): overlap 5 -> precision credit 5/10, recall credit 5/10
    # predicted NC [0, 10) lies on the gold LL span but names another technique: no credit
    gold = [("1", LL, 0, 10)]
    pred = [("1", LL, 5, 15), ("1", NC, 0, 10)]
    result = score_spans(pred, gold)
    assert result["precision"] == pytest.approx(0.5 / 2)  # credits 0.5 over 2 predicted spans
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 * 0.25 * 0.5 / 0.75)
    # NC is not in the gold: it lowers micro precision but is not averaged into macro
    assert result["n_techniques"] == 1
    assert result["macro_f1"] == pytest.approx(0.5)
    assert result["per_technique"][NC] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n_pred": 1, "support": 0}


def test_spans_of_one_technique_are_merged_per_article_on_both_sides() -> None:
    # two overlapping predicted LL spans become [0, 12): credit 10/12 precision, 1 recall
    gold = [("1", LL, 0, 10)]
    pred = [("1", LL, 0, 6), ("1", LL, 4, 12)]
    result = score_spans(pred, gold)
    assert result["n_pred"] == 1
    assert result["precision"] == pytest.approx(10 / 12)
    assert result["recall"] == pytest.approx(1.0)
    # the same offsets in another article do not overlap
    other = score_spans([("2", LL, 0, 10)], gold)
    assert other["f1"] == 0.0 and other["n_pred"] == 1 and other["n_gold"] == 1


def test_micro_sums_credits_over_techniques_and_macro_averages_gold_techniques() -> None:
    gold = [("1", LL, 0, 10), ("1", LL, 20, 30), ("1", SLO, 40, 50)]
    pred = [("1", LL, 0, 10), ("1", SLO, 45, 55)]
    result = score_spans(pred, gold)
    # LL: P 1/1, R 1/2 -> F1 2/3; SLO: P 0.5, R 0.5 -> F1 0.5
    assert result["per_technique"][LL]["f1"] == pytest.approx(2 / 3)
    assert result["per_technique"][SLO]["f1"] == pytest.approx(0.5)
    assert result["precision"] == pytest.approx((1 + 0.5) / 2)
    assert result["recall"] == pytest.approx((1 + 0.5) / 3)
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0.5) / 2)


def test_nothing_predicted_scores_zero() -> None:
    result = score_spans([], [("1", LL, 0, 10)])
    assert result["f1"] == 0.0 and result["macro_f1"] == 0.0 and result["n_pred"] == 0


@pytest.mark.parametrize("row", [("1", "", 0, 4), ("1", "?", 0, 4), ("1", LL, 4, 4)])
def test_rows_without_technique_or_with_empty_spans_are_refused(row: tuple[str, str, int, int]) -> None:
    with pytest.raises(FormatError):
        score_spans([row], [("1", LL, 0, 4)])
