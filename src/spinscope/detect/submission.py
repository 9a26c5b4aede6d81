"""SemEval-2020 Task 11 submissions: SI spans and TC labels for a folder of articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.errors import InputError
from spinscope.io.ptc import LabelRow
from spinscope.model import Article


def predict_si(model: TechniqueModel, articles: Iterable[Article]) -> list[LabelRow]:
    """Propaganda spans of every article (SI rows, empty technique)."""
    rows: list[LabelRow] = []
    for article in articles:
        _, _, spans = model.detect(article.text)
        rows.extend((article.id, "", span.start, span.end) for span in spans)
    return rows


def predict_tc(model: TechniqueModel, articles: Iterable[Article], template: Sequence[LabelRow]) -> list[LabelRow]:
    """Label exactly the template's spans (TC), in template order.

    A span listed k times in the template (several techniques on one fragment) gets the model's
    k most probable techniques, one per line, as the gold files do.
    """
    by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, _, start, end in template:
        if (start, end) not in by_article[article_id]:
            by_article[article_id].append((start, end))
    ranked: dict[tuple[str, int, int], list[str]] = {}
    for article in articles:
        ranges = by_article.get(article.id, [])
        if not ranges:
            continue
        probs = model.classify(article.text, ranges)
        for (start, end), row in zip(ranges, probs, strict=True):
            ranked[(article.id, start, end)] = [model.techniques[i] for i in np.argsort(-row)]
    used: dict[tuple[str, int, int], int] = defaultdict(int)
    rows: list[LabelRow] = []
    for article_id, _, start, end in template:
        key = (article_id, start, end)
        if key not in ranked:
            raise InputError("template", f"article {article_id} is not among the articles given")
        choices = ranked[key]
        rows.append((article_id, choices[min(used[key], len(choices) - 1)], start, end))
        used[key] += 1
    return rows


def predict_findings(
    model: TechniqueModel, articles: Iterable[Article], *, min_score: float = 0.0
) -> list[tuple[LabelRow, float]]:
    """The technique findings of every article as the detect stage reports them, with their scores.

    Rows are ``(id, technique, start, end)`` (TC format without a template); ``min_score`` keeps
    only findings scoring at least that.
    """
    from spinscope.detect.stage import DetectStage
    from spinscope.model import Layer

    stage = DetectStage(model)
    rows: list[tuple[LabelRow, float]] = []
    for article in articles:
        for span in stage.predict(article).layers[Layer.TECHNIQUES]:
            if (span.score or 0.0) >= min_score:
                rows.append(((article.id, span.label, span.start, span.end), float(span.score or 0.0)))
    return rows
