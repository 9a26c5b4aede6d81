"""Span + technique F1: the fragment-level measure of technique findings (EMNLP-2019 PTC paper).

A finding is a (span, technique) pair. For each technique separately, its spans are merged per
article on both sides (spans that share a character become one) and scored with SemEval-2020 SI's
partial-overlap credit: a predicted span s earns ``Σ_t |s∩t| / |s|`` towards precision and a gold
span t earns ``Σ_s |s∩t| / |t|`` towards recall, over the spans of the same article and technique.

- micro: precision and recall sum the credits and the span counts over all techniques
  (``P = Σ_k credit_P(k) / Σ_k |S_k|``, ``R = Σ_k credit_R(k) / Σ_k |T_k|``); a technique predicted
  but absent from the gold adds to ``|S|`` only;
- macro-F1: the mean of the per-technique F1 over the techniques present in the gold;
- per technique: P, R, F1, predicted and gold span counts (after merging).

Rows are :data:`spinscope.io.ptc.LabelRow` tuples ``(article_id, technique, start, end)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spinscope.errors import FormatError
from spinscope.evaluate.metrics import precision_recall_f1
from spinscope.evaluate.semeval import _checked, _intervals_by_article, _si_sums
from spinscope.io.ptc import LabelRow


def score_spans(pred: Iterable[LabelRow], gold: Iterable[LabelRow]) -> dict[str, Any]:
    """Span + technique precision, recall and F1 (micro), macro-F1, and figures per technique.

    Returns:
        ``precision``, ``recall``, ``f1`` (micro), ``macro_f1``, ``n_pred``, ``n_gold`` (merged spans
        summed over techniques), ``n_techniques`` (techniques in the gold: what macro averages over),
        ``per_technique`` ({technique: {precision, recall, f1, n_pred, support}}, every technique
        predicted or in gold, sorted by name).

    Raises:
        FormatError: a span is empty or negative, or a row has no technique.
    """
    pred_rows = _checked(pred, "prediction")
    gold_rows = _checked(gold, "gold")
    for side, rows in (("prediction", pred_rows), ("gold", gold_rows)):
        unlabelled = next((row for row in rows if not row[1] or row[1] == "?"), None)
        if unlabelled is not None:
            raise FormatError(f"{side} article {unlabelled[0]}", "a row has no technique (is this an SI file?)")
    gold_techniques = {row[1] for row in gold_rows}
    per_technique: dict[str, dict[str, Any]] = {}
    p_credit = r_credit = 0.0
    n_pred = n_gold = 0
    for technique in sorted(gold_techniques | {row[1] for row in pred_rows}):
        p_sum, r_sum, k_pred, k_gold = _si_sums(
            _intervals_by_article(pred_rows, technique), _intervals_by_article(gold_rows, technique)
        )
        p_credit, r_credit, n_pred, n_gold = p_credit + p_sum, r_credit + r_sum, n_pred + k_pred, n_gold + k_gold
        precision, recall, f1 = precision_recall_f1(p_sum, k_pred, r_sum, k_gold)
        per_technique[technique] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "n_pred": k_pred,
            "support": k_gold,
        }
    precision, recall, f1 = precision_recall_f1(p_credit, n_pred, r_credit, n_gold)
    in_gold = [figures["f1"] for name, figures in per_technique.items() if name in gold_techniques]
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": sum(in_gold) / len(in_gold) if in_gold else 0.0,
        "n_pred": n_pred,
        "n_gold": n_gold,
        "n_techniques": len(in_gold),
        "per_technique": per_technique,
    }
