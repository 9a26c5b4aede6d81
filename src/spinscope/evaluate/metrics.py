"""Precision, recall and F1 computed in one place for every scorer of :mod:`spinscope.evaluate` (and the
tuning in :mod:`spinscope.train`).

Two forms of F1 exist because the official scorers differ: overlap-credit scorers (SemEval-2020 SI,
attribution overlap) take the harmonic mean of precision and recall (:func:`f1_score`); count scorers
(SemEval-2020 TC, SemEval-2023 paragraphs, as scikit-learn computes them) take
``2 TP / (predicted + gold)`` (:func:`count_f1`). They agree up to floating-point rounding, and each
scorer keeps its official form so that its figures stay the official ones to the last digit.
"""

from __future__ import annotations

from typing import Any


def divide(numerator: float, denominator: float, *, undefined: float = 0.0) -> float:
    """``numerator / denominator``; ``undefined`` (0 unless a scorer's rule says 1) when the denominator is 0."""
    return numerator / denominator if denominator else undefined


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall, 0 unless one of them is positive."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def count_f1(true_positives: float, n_pred: float, n_gold: float, *, undefined: float = 0.0) -> float:
    """F1 from counts, ``2 TP / (predicted + gold)``; ``undefined`` when nothing is predicted or expected."""
    return divide(2 * true_positives, n_pred + n_gold, undefined=undefined)


def precision_recall_f1(
    matched_pred: float, n_pred: float, matched_gold: float, n_gold: float
) -> tuple[float, float, float]:
    """(precision, recall, F1) from matched predicted units / predicted and matched gold units / gold."""
    precision = divide(matched_pred, n_pred)
    recall = divide(matched_gold, n_gold)
    return precision, recall, f1_score(precision, recall)


def count_figures(true_positives: int, n_pred: int, n_gold: int, *, undefined: float = 0.0) -> dict[str, Any]:
    """``precision``, ``recall``, ``f1`` (:func:`count_f1`), ``n_pred`` and ``support`` of one class from counts."""
    return {
        "precision": divide(true_positives, n_pred, undefined=undefined),
        "recall": divide(true_positives, n_gold, undefined=undefined),
        "f1": count_f1(true_positives, n_pred, n_gold, undefined=undefined),
        "n_pred": n_pred,
        "support": n_gold,
    }
