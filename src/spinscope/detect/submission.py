"""SemEval-2020 Task 11 predictions of a folder of articles: SI spans, TC labels, technique findings.

Each function returns the spans it found per article id; :func:`spinscope.io.ptc.span_rows` and
:func:`spinscope.io.ptc.in_template_order` make the rows a submission file holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.errors import InputError
from spinscope.model import Article, Span


def predict_si(model: TechniqueModel, articles: Iterable[Article]) -> dict[str, list[Span]]:
    """Propaganda spans of every article (SI: no technique), in the order the model decodes them."""
    found: dict[str, list[Span]] = {}
    for article in articles:
        _, _, spans = model.detect(article.text)
        found[article.id] = [Span(span.start, span.end) for span in spans]
    return found


def _label_template(model: TechniqueModel, article: Article, template: Sequence[Span]) -> list[Span]:
    """``template``'s spans of one article, in its order, each labelled; a span listed k times gets the model's
    k most probable techniques, one per copy, as the gold files list them."""
    ranges: list[tuple[int, int]] = []
    for span in template:
        if (span.start, span.end) not in ranges:
            ranges.append((span.start, span.end))
    if not ranges:
        return []
    probabilities = model.classify(article.text, ranges)
    ranked = {
        key: [model.techniques[i] for i in np.argsort(-row)] for key, row in zip(ranges, probabilities, strict=True)
    }
    used: dict[tuple[int, int], int] = defaultdict(int)
    labelled = []
    for span in template:
        key = (span.start, span.end)
        choices = ranked[key]
        labelled.append(Span(span.start, span.end, label=choices[min(used[key], len(choices) - 1)]))
        used[key] += 1
    return labelled


def predict_tc(
    model: TechniqueModel, articles: Iterable[Article], template: Mapping[str, Sequence[Span]]
) -> dict[str, list[Span]]:
    """Label exactly the template's spans (TC), each article's in the template's order.

    ``template`` holds the spans to label per article id (:func:`spinscope.io.ptc.spans_by_article` of a
    template file); a span listed k times gets the model's k most probable techniques, one per copy.

    Raises:
        InputError: the template names an article that is not among ``articles``.
    """
    given = {article.id: article for article in articles}
    missing = [article_id for article_id in template if article_id not in given]
    if missing:
        raise InputError("template", f"article {missing[0]} is not among the articles given")
    return {article_id: _label_template(model, given[article_id], spans) for article_id, spans in template.items()}


def predict_findings(
    model: TechniqueModel, articles: Iterable[Article], *, min_score: float = 0.0
) -> dict[str, list[Span]]:
    """The technique findings of every article as the detect stage reports them (technique, score), in its
    order; ``min_score`` keeps only findings scoring at least that."""
    from spinscope.detect.stage import DetectStage
    from spinscope.model import Layer

    stage = DetectStage(model)
    return {
        article.id: [
            span for span in stage.predict(article).layers[Layer.TECHNIQUES] if (span.score or 0.0) >= min_score
        ]
        for article in articles
    }
