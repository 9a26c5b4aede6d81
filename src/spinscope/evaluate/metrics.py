"""Precision, recall and F1 computed in one place for every scorer of :mod:`spinscope.evaluate`."""

from __future__ import annotations


def ratio_or_zero(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, 0 when the denominator is 0 (nothing predicted, nothing to find)."""
    return numerator / denominator if denominator else 0.0


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall, 0 unless one of them is positive."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(
    matched_pred: float, n_pred: int, matched_gold: float, n_gold: int
) -> tuple[float, float, float]:
    """(precision, recall, F1) from matched predicted units / predicted and matched gold units / gold."""
    precision = ratio_or_zero(matched_pred, n_pred)
    recall = ratio_or_zero(matched_gold, n_gold)
    return precision, recall, f1_score(precision, recall)
