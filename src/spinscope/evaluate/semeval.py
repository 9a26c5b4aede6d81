"""The official SemEval scorers as library code: 2020 Task 11 SI and TC, 2023 Task 3 subtask 3 paragraphs.

Every function returns a plain dict (overall figures and, where the task has them, per technique).
The rules follow the organisers' published scorers; ``docs/evaluation.md`` states each rule and the
few places where spinscope is more lenient than the official scripts (which refuse some inputs).

Span rows are :data:`spinscope.io.ptc.LabelRow` tuples ``(article_id, technique, start, end)`` with
character offsets, start inclusive and end exclusive; ``technique`` is ``""`` for SI rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from spinscope.errors import FormatError
from spinscope.evaluate.metrics import count_f1, count_figures, divide, precision_recall_f1
from spinscope.io.ptc import LabelRow, read_label_rows
from spinscope.io.semeval import ParagraphRow, read_paragraph_labels

Interval = tuple[int, int]


# --- shared helpers -------------------------------------------------------------------------------


def _checked(rows: Iterable[LabelRow], side: str) -> list[LabelRow]:
    """The rows as a list; refuses empty or negative spans, which the official scorers reject too."""
    checked = []
    for row in rows:
        article_id, _, start, end = row
        if start < 0 or end <= start:
            raise FormatError(f"{side} article {article_id}", f"span [{start}, {end}) is empty or negative")
        checked.append(row)
    return checked


def merge_overlapping(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge spans that share at least one character; spans that only touch (a.end == b.start) stay apart.

    This is the official SI scorer's rule: it represents a span as the set of its character
    positions and merges two spans when those sets intersect, transitively.
    """
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# --- SemEval-2020 Task 11, subtask SI ---------------------------------------------------------------


def _si_sums(pred: dict[str, list[Interval]], gold: dict[str, list[Interval]]) -> tuple[float, float, int, int]:
    """(Σ|s∩t|/|s|, Σ|s∩t|/|t|, |S|, |T|) over all articles, spans merged per article first."""
    precision_sum = recall_sum = 0.0
    n_pred = n_gold = 0
    for article_id in pred.keys() | gold.keys():
        predicted = merge_overlapping(pred.get(article_id, ()))
        gold_spans = merge_overlapping(gold.get(article_id, ()))
        n_pred += len(predicted)
        n_gold += len(gold_spans)
        for s_start, s_end in predicted:
            for t_start, t_end in gold_spans:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    return precision_sum, recall_sum, n_pred, n_gold


def si_figures(pred: dict[str, list[Interval]], gold: dict[str, list[Interval]]) -> dict[str, Any]:
    """SI ``precision``, ``recall``, ``f1``, ``n_pred``, ``n_gold`` of character spans per article id
    (the official rule of :func:`score_si`; training tunes with it too)."""
    precision_sum, recall_sum, n_pred, n_gold = _si_sums(pred, gold)
    precision, recall, f1 = precision_recall_f1(precision_sum, n_pred, recall_sum, n_gold)
    # The official scorer gives F1 = 1 when there is nothing to find and nothing was predicted.
    f1 = 1.0 if n_pred == 0 and n_gold == 0 else f1
    return {"precision": precision, "recall": recall, "f1": f1, "n_pred": n_pred, "n_gold": n_gold}


def _intervals_by_article(rows: Iterable[LabelRow], technique: str | None = None) -> dict[str, list[Interval]]:
    by_article: dict[str, list[Interval]] = defaultdict(list)
    for article_id, label, start, end in rows:
        if technique is None or label == technique:
            by_article[article_id].append((start, end))
    return by_article


def score_si(pred: Iterable[LabelRow], gold: Iterable[LabelRow]) -> dict[str, Any]:
    """SemEval-2020 Task 11 span identification: character-overlap precision, recall and F1.

    Per article, overlapping spans are merged (pred and gold alike); then, with S and T the merged
    predicted and gold spans of all articles,
    ``P = Σ_{s∈S,t∈T} |s∩t|/|s| / |S|``, ``R = Σ |s∩t|/|t| / |T|`` (pairs from the same article),
    ``F1 = 2PR/(P+R)``. Technique labels are ignored for the overall figures. Predictions for an
    article with no gold spans count in |S| and add nothing to the sums.

    Returns:
        ``precision``, ``recall``, ``f1``, ``n_pred`` (|S|), ``n_gold`` (|T|), and ``per_technique``
        ({technique: {precision, recall, f1, n_pred, support}}, the same measure restricted to the spans
        of one technique on both sides) when the rows carry technique labels, else ``{}``.

    Raises:
        FormatError: a span is empty or negative.
    """
    pred_rows = _checked(pred, "prediction")
    gold_rows = _checked(gold, "gold")
    result = si_figures(_intervals_by_article(pred_rows), _intervals_by_article(gold_rows))
    techniques = sorted({row[1] for row in pred_rows + gold_rows if row[1]})
    per_technique: dict[str, dict[str, Any]] = {}
    if any(row[1] for row in pred_rows) and any(row[1] for row in gold_rows):
        for technique in techniques:
            figures = si_figures(
                _intervals_by_article(pred_rows, technique), _intervals_by_article(gold_rows, technique)
            )
            per_technique[technique] = {
                "precision": figures["precision"],
                "recall": figures["recall"],
                "f1": figures["f1"],
                "n_pred": figures["n_pred"],
                "support": figures["n_gold"],
            }
    result["per_technique"] = per_technique
    return result


# --- SemEval-2020 Task 11, subtask TC ---------------------------------------------------------------


def _labels_by_span(rows: Iterable[LabelRow]) -> dict[tuple[str, int, int], Counter[str]]:
    by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for article_id, technique, start, end in rows:
        by_span[(article_id, start, end)][technique] += 1
    return by_span


def score_tc(pred: Iterable[LabelRow], gold: Iterable[LabelRow]) -> dict[str, Any]:
    """SemEval-2020 Task 11 technique classification: micro-averaged P/R/F1 over the given spans.

    A prediction is correct when (article id, start, end, technique) equals a gold row. Each row
    counts once, so a span listed twice with two techniques is two items; within one span, the
    predicted and gold labels are paired to maximise agreement (as the official scorer aligns them),
    i.e. the correct count is the size of the multiset intersection of the two label lists.
    When the prediction lists exactly the gold spans (the official precondition: ``same_spans``),
    precision, recall and F1 all equal accuracy. A predicted row with no technique (``?`` in a
    template) counts as a wrong answer.

    Returns:
        ``precision``, ``recall``, ``f1``, ``n_pred``, ``n_gold``, ``n_correct``, ``same_spans``,
        ``per_technique`` ({technique: {precision, recall, f1, n_pred, support}} for every technique
        predicted or in gold) and ``macro_f1`` (mean F1 over those techniques, scikit-learn's default).

    Raises:
        FormatError: a span is empty or negative, or a gold row has no technique label.
    """
    pred_rows = _checked(pred, "prediction")
    gold_rows = _checked(gold, "gold")
    unlabelled = next((row for row in gold_rows if not row[1]), None)
    if unlabelled is not None:
        raise FormatError(f"gold article {unlabelled[0]}", "a TC gold row has no technique (is this an SI file?)")
    pred_by_span = _labels_by_span(pred_rows)
    gold_by_span = _labels_by_span(gold_rows)
    correct_by_technique: Counter[str] = Counter()
    for span, gold_labels in gold_by_span.items():
        correct_by_technique.update(gold_labels & pred_by_span.get(span, Counter()))
    n_correct = sum(correct_by_technique.values())
    n_pred, n_gold = len(pred_rows), len(gold_rows)
    precision, recall = divide(n_correct, n_pred), divide(n_correct, n_gold)
    f1 = count_f1(n_correct, n_pred, n_gold)
    pred_counts = Counter(row[1] for row in pred_rows)
    gold_counts = Counter(row[1] for row in gold_rows)
    # per class as scikit-learn computes them by default (0 where a ratio is undefined)
    per_technique = {
        technique: count_figures(correct_by_technique[technique], pred_counts[technique], gold_counts[technique])
        for technique in sorted((pred_counts.keys() | gold_counts.keys()) - {""})
    }
    macro_f1 = sum(v["f1"] for v in per_technique.values()) / len(per_technique) if per_technique else 0.0
    same_spans = Counter({k: v.total() for k, v in pred_by_span.items()}) == Counter(
        {k: v.total() for k, v in gold_by_span.items()}
    )
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "n_pred": n_pred,
        "n_gold": n_gold,
        "n_correct": n_correct,
        "same_spans": same_spans,
        "per_technique": per_technique,
        "macro_f1": macro_f1,
    }


# --- SemEval-2023 Task 3, subtask 3 (paragraph level) -----------------------------------------------


#: The official 2023 scorer uses ``zero_division=1``: an undefined ratio counts as 1.
_ZERO_DIVISION_2023 = 1.0


def score_paragraphs(
    pred: Iterable[ParagraphRow], gold: Iterable[ParagraphRow], *, labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """SemEval-2023 Task 3 subtask 3: multi-label micro- and macro-F1 over paragraphs.

    Each paragraph (article id, line number) carries a set of techniques. Per technique c, over all
    paragraphs: TP_c, FP_c, FN_c; ``F1_c = 2TP_c / (2TP_c + FP_c + FN_c)``, and 1 when a technique is
    neither in gold nor predicted (the official ``zero_division=1``). Micro-F1 pools the counts of all
    techniques; macro-F1 is the mean of F1_c over ``labels``. A later row for the same paragraph
    replaces an earlier one. A gold paragraph missing from ``pred`` counts as predicted empty and a
    predicted paragraph missing from gold as gold empty (the official script refuses such files;
    ``n_missing``/``n_unexpected`` report them).

    Args:
        labels: the technique inventory; default: the 23 SemEval-2023 names, as the official scorer uses.

    Returns:
        ``micro_f1``, ``macro_f1``, ``micro_precision``, ``micro_recall``, ``n_paragraphs``,
        ``n_missing``, ``n_unexpected``, ``per_technique`` ({technique: {precision, recall, f1, n_pred,
        support}} for every technique of ``labels``).

    Raises:
        FormatError: a row uses a technique that is not in ``labels``.
    """
    if labels is None:
        from spinscope.taxonomy import NAMES_2023

        labels = sorted(NAMES_2023)
    allowed = set(labels)
    pred_sets = {(article_id, line): set(found) for article_id, line, found in pred}
    gold_sets = {(article_id, line): set(found) for article_id, line, found in gold}
    for side, table in (("prediction", pred_sets), ("gold", gold_sets)):
        for (article_id, line), found in table.items():
            unknown = found - allowed
            if unknown:
                raise FormatError(
                    f"{side} article {article_id} paragraph {line}", f"unknown technique(s) {sorted(unknown)}"
                )
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for key in pred_sets.keys() | gold_sets.keys():
        predicted, expected = pred_sets.get(key, set()), gold_sets.get(key, set())
        tp.update(predicted & expected)
        fp.update(predicted - expected)
        fn.update(expected - predicted)
    per_technique = {}
    for technique in labels:
        t = tp[technique]
        per_technique[technique] = count_figures(t, t + fp[technique], t + fn[technique], undefined=_ZERO_DIVISION_2023)
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    n_pred, n_gold = total_tp + total_fp, total_tp + total_fn
    return {
        "micro_f1": count_f1(total_tp, n_pred, n_gold, undefined=_ZERO_DIVISION_2023),
        "macro_f1": sum(v["f1"] for v in per_technique.values()) / len(per_technique) if per_technique else 1.0,
        "micro_precision": divide(total_tp, n_pred, undefined=_ZERO_DIVISION_2023),
        "micro_recall": divide(total_tp, n_gold, undefined=_ZERO_DIVISION_2023),
        "n_paragraphs": len(gold_sets),
        "n_missing": len(gold_sets.keys() - pred_sets.keys()),
        "n_unexpected": len(pred_sets.keys() - gold_sets.keys()),
        "per_technique": per_technique,
    }


def score_files(task: Literal["si", "tc", "paragraphs"], pred: Path | str, gold: Path | str) -> dict[str, Any]:
    """Read a prediction file and a gold file or folder, and score them with ``task``'s official rules.

    Raises:
        InputNotFoundError: a path does not exist.
        FormatError: a file is malformed, or ``task`` is unknown.
    """
    if task == "paragraphs":
        return score_paragraphs(read_paragraph_labels(pred), read_paragraph_labels(gold))
    if task not in ("si", "tc"):
        raise FormatError(task, "unknown task; expected 'si', 'tc' or 'paragraphs'")
    pred_rows, gold_rows = read_label_rows(pred), read_label_rows(gold)
    return score_si(pred_rows, gold_rows) if task == "si" else score_tc(pred_rows, gold_rows)
