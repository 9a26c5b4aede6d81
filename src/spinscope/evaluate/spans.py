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


# --- SemEval-2023 labels -------------------------------------------------------------------------------------

#: How a finding with several SemEval-2023 candidates (a 2020 class that 2023 split) is named before scoring:
#: ``strict`` = its first candidate (the mapping's most frequent on the 371 SemEval-2020 train articles),
#: ``lenient`` = the candidate the gold agrees with most (an oracle: an upper bound, see :func:`name_2023`).
CANDIDATE_MODES: tuple[str, ...] = ("strict", "lenient")


def candidates_2023(label: str) -> tuple[str, ...]:
    """The SemEval-2023 candidates a predicted label stands for: a 2023 label itself, a 2020 class through the
    documented mapping (most frequent first), or candidates joined by ``|`` (as the faces count them).

    Raises:
        FormatError: a part of ``label`` is a label of neither taxonomy.
    """
    from spinscope.taxonomy.mapping import semeval2023_reading

    found: list[str] = []
    for part in label.split("|"):
        reading = semeval2023_reading(part.strip())
        if reading is None:
            raise FormatError(repr(label), "not a SemEval-2020 or SemEval-2023 technique label")
        found += [name for name in reading if name not in found]
    return tuple(found)


def name_2023(pred: Iterable[LabelRow], gold: Iterable[LabelRow], *, mode: str = "strict") -> list[LabelRow]:
    """The predicted rows with one SemEval-2023 label each, chosen among their candidates by ``mode``.

    ``lenient`` picks, per row, the candidate whose gold spans (same article) cover most of its characters,
    then the one giving most recall credit (``Σ |s∩t| / |t|``), then the first. When no two predicted spans of one
    2023 label overlap (true of the 2020 model's findings: they never overlap within a class and the split classes'
    candidates are disjoint) this is the largest precision any choice of one candidate per row can reach.

    Raises:
        FormatError: ``mode`` is unknown, or a label is of neither taxonomy.
    """
    if mode not in CANDIDATE_MODES:
        raise FormatError(repr(mode), f"unknown candidate mode; expected one of {', '.join(CANDIDATE_MODES)}")
    by_article: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for article_id, technique, start, end in gold:
        by_article.setdefault((article_id, technique), []).append((start, end))
    named: list[LabelRow] = []
    for article_id, label, start, end in pred:
        candidates = candidates_2023(label)
        choice = candidates[0]
        if mode == "lenient" and len(candidates) > 1:

            def credit(name: str, s: int = start, e: int = end, a: str = article_id) -> tuple[int, float]:
                spans = by_article.get((a, name), [])
                overlaps = [(max(0, min(e, te) - max(s, ts)), te - ts) for ts, te in spans]
                return sum(o for o, _ in overlaps), sum(o / n for o, n in overlaps if n > 0)

            choice = max(candidates, key=credit)  # max keeps the first of equals: the mapping's order
        named.append((article_id, choice, start, end))
    return named


def score_spans_2023(pred: Iterable[LabelRow], gold: Iterable[LabelRow], *, mode: str = "strict") -> dict[str, Any]:
    """:func:`score_spans` of findings named in SemEval-2023 (:func:`name_2023`) against 2023 span gold.

    Returns:
        :func:`score_spans`'s dict, plus ``mode`` and ``n_several`` (predicted rows with several candidates).

    Raises:
        FormatError: a gold label is not a SemEval-2023 label, a predicted label is of neither taxonomy, a span is
            empty, or ``mode`` is unknown.
    """
    from spinscope.taxonomy import get_taxonomy

    known = set(get_taxonomy("semeval2023").ids)
    gold_rows = list(gold)
    stray = next((row for row in gold_rows if row[1] not in known), None)
    if stray is not None:
        raise FormatError(f"gold article {stray[0]}", f"{stray[1]!r} is not a SemEval-2023 technique label")
    pred_rows = list(pred)
    several = sum(1 for row in pred_rows if len(candidates_2023(row[1])) > 1)
    result = score_spans(name_2023(pred_rows, gold_rows, mode=mode), gold_rows)
    return result | {"mode": mode, "n_several": several}
