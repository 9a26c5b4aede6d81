"""Choosing what the loss cannot: epochs, SI post-processing and score calibration, on held-out train.

SI post-processing is tuned on the held-out train split with the official SI scorer of
:mod:`spinscope.evaluate.semeval`, the one that reports every figure.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.detect.heads import ArticleOutput, Heads, HiddenFn, run_article
from spinscope.detect.linear import LinearTechniqueClassifier, mix_probabilities
from spinscope.detect.spans import DecodeSettings, decode_spans
from spinscope.encoder.session import softmax
from spinscope.encoder.windows import INFERENCE_STRIDE
from spinscope.evaluate.semeval import si_figures
from spinscope.train.neural import TrainingArticle

#: The grid searched for SI post-processing.
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))
MAX_GAPS = (0, 2, 4, 6, 9, 14)
MIN_CHARS = (2, 10, 20)
#: Weights of the linear classifier tried in the TC mix (0: the neural head alone).
MIX_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(9))


def si_scores(pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]) -> dict[str, float]:
    """SemEval-2020 SI precision/recall/F1 with the official scorer (:func:`spinscope.evaluate.semeval.si_figures`).

    Tuning scores decoded spans against merged gold ranges; both are already sorted, disjoint and never
    touching (:func:`~spinscope.detect.spans.decode_spans` and :func:`~spinscope.detect.spans.merge_ranges`
    join touching ranges), so the official merge (overlapping only) leaves them as they are.
    """
    figures = si_figures(pred, gold)
    return {key: figures[key] for key in ("precision", "recall", "f1")}


def run_heldout(
    hidden_states: HiddenFn,
    heads: Heads,
    data: Sequence[TrainingArticle],
    *,
    cls_id: int,
    sep_id: int,
    stride: int = INFERENCE_STRIDE,
) -> list[ArticleOutput]:
    """Inference on held-out articles, classifying their gold technique spans too."""
    return [
        run_article(
            hidden_states,
            heads,
            item.encoding,
            cls_id=cls_id,
            sep_id=sep_id,
            stride=stride,
            span_pieces=[(span.first, span.last) for span in item.spans],
            span_features=[span.features for span in item.spans],
        )
        for item in data
    ]


@dataclass
class HeldoutReport:
    """Best SI decode settings and scores, and TC accuracy on gold spans."""

    decode: DecodeSettings
    si: dict[str, float]
    tc_accuracy: float


def evaluate_heldout(data: Sequence[TrainingArticle], outputs: Sequence[ArticleOutput]) -> HeldoutReport:
    """Search the SI post-processing grid; measure TC top-1 accuracy on gold spans."""
    gold = {item.article_id: item.gold_ranges for item in data}
    best: tuple[float, DecodeSettings, dict[str, float]] | None = None
    for threshold, max_gap, min_chars in itertools.product(THRESHOLDS, MAX_GAPS, MIN_CHARS):
        settings = DecodeSettings(threshold=threshold, max_gap=max_gap, min_chars=min_chars)
        pred = {
            item.article_id: [
                (s, e) for s, e, _ in decode_spans(item.text, item.encoding.offsets, out.p_inside, settings)
            ]
            for item, out in zip(data, outputs, strict=True)
        }
        scores = si_scores(pred, gold)
        if best is None or scores["f1"] > best[0]:
            best = (scores["f1"], settings, scores)
    correct = total = 0
    for item, out in zip(data, outputs, strict=True):
        for span, logits in zip(item.spans, out.technique_logits, strict=True):
            correct += int(np.argmax(logits) == span.technique)
            total += 1
    assert best is not None
    return HeldoutReport(decode=best[1], si=best[2], tc_accuracy=correct / max(total, 1))


def heldout_temperature(data: Sequence[TrainingArticle], outputs: Sequence[ArticleOutput]) -> float:
    """The softmax temperature of the TC head fitted on the held-out gold spans (1 without any)."""
    from spinscope.train.calibration import fit_temperature

    logits = [row for out in outputs for row in out.technique_logits]
    labels = [span.technique for item in data for span in item.spans]
    return fit_temperature(np.asarray(logits), np.asarray(labels)) if labels else 1.0


def choose_mix_weight(
    data: Sequence[TrainingArticle],
    outputs: Sequence[ArticleOutput],
    linear: LinearTechniqueClassifier,
    temperature: float,
) -> tuple[float, float]:
    """The linear classifier's weight in the TC mix with the best held-out accuracy: (weight, accuracy).

    Accuracy is top-1 on the held-out gold spans; a tie goes to the smaller weight.
    """
    scored = []  # per article: neural probabilities, linear logits, gold labels (computed once)
    for item, out in zip(data, outputs, strict=True):
        if item.spans:
            labels = np.asarray([span.technique for span in item.spans])
            linear_logits = linear.logits(item.text, item.span_ranges())
            scored.append((softmax(out.technique_logits, temperature), linear_logits, labels))
    total = max(sum(len(labels) for *_, labels in scored), 1)
    best = (0.0, -1.0)
    for weight in MIX_WEIGHTS:
        correct = sum(
            int(((mix_probabilities(probs, logits, weight) if weight > 0 else probs).argmax(axis=1) == labels).sum())
            for probs, logits, labels in scored
        )
        if correct / total > best[1]:
            best = (weight, correct / total)
    return best
