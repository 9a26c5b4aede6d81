"""The one P/R/F1 helper: both forms of F1 agree, and undefined ratios take the scorer's value."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from spinscope.evaluate.metrics import count_f1, count_figures, divide, f1_score, precision_recall_f1


@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 200))
def test_count_f1_is_the_harmonic_mean(tp: int, fp: int, fn: int) -> None:
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    assert math.isclose(count_f1(tp, tp + fp, tp + fn), f1, abs_tol=1e-12)
    assert f1 == f1_score(precision, recall)
    assert 0.0 <= f1 <= 1.0


def test_undefined_ratios() -> None:
    assert divide(3, 0) == 0.0 and divide(3, 0, undefined=1.0) == 1.0
    assert count_figures(0, 0, 0, undefined=1.0) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "n_pred": 0,
        "support": 0,
    }
    assert count_figures(2, 4, 2)["f1"] == 2 * 2 / 6
