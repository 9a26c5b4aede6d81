"""SemEval-2023 Task 3 subtask 3 from the SemEval-2020 model: findings mapped to 2023 labels, projected to paragraphs.

The baseline of the 2023 taxonomy: the shipped model finds spans with a 2020 technique
(:meth:`TechniqueModel.detect`, most probable technique per span); each maps to its 2023 label(s)
(:func:`spinscope.taxonomy.mapping.to_semeval2023`); a paragraph gets every label of the findings that
overlap its line. Lines are numbered as the task's label files number them (:func:`paragraph_lines`).
The result is the ``paragraph_techniques`` layer; :func:`spinscope.io.semeval.paragraph_rows` makes the rows.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.model import Article, Layer, Span
from spinscope.taxonomy.mapping import DEFAULT_POLICY, to_semeval2023

#: Default minimum calibrated finding score for projection: 0 keeps every span the model decodes (its
#: own SI decision). Checked on the 2023 paragraph labels of the 371 SemEval-2020 train articles
#: (benchmarks/bench_paragraphs.py --split train371; never the 75 SemEval-2020 dev articles or 2023
#: dev): micro-F1 0.4417 at 0, 0.4446 at 0.1, falling from 0.2 on; 0.1's gain is within noise on
#: articles the model was trained on, so the default stays 0.
PARAGRAPH_MIN_SCORE = 0.0


def paragraph_lines(text: str) -> list[tuple[int, int, int]]:
    """``(line number, start, end)`` of every paragraph, as SemEval-2023 numbers them.

    The text is split on ``\\n``; lines count from 1, and a line that is empty or only whitespace
    gets a number but no row (the task's label files skip it). ``start``/``end`` are character
    offsets of the line without its newline.
    """
    rows = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            rows.append((number, start, start + len(line)))
        start += len(line) + 1
    return rows


def findings_2020(model: TechniqueModel, text: str) -> list[Span]:
    """The 2020 model's findings in ``text``: each decoded span, labelled with its most probable technique and
    scored with its calibrated score."""
    _, _, spans = model.detect(text)
    return [
        Span(
            span.start,
            span.end,
            label=model.techniques[int(np.argmax(span.technique_probs))],
            score=model.calibration.score_detected(span),
        )
        for span in spans
    ]


def project_paragraphs(
    text: str,
    findings: Iterable[Span],
    *,
    policy: str = DEFAULT_POLICY,
    min_score: float = PARAGRAPH_MIN_SCORE,
) -> list[Span]:
    """One span per non-empty line of ``text`` (the ``paragraph_techniques`` layer): the 2023 labels of the
    findings overlapping it.

    Args:
        policy: how a 2020 class with several 2023 candidates maps (:data:`spinscope.taxonomy.mapping.POLICIES`).
        min_score: findings whose calibrated score is below it are dropped.
    """
    kept = [
        (finding.start, finding.end, to_semeval2023(finding.label, policy))
        for finding in findings
        if (finding.score or 0.0) >= min_score
    ]
    paragraphs = []
    for number, start, end in paragraph_lines(text):
        labels = {label for s, e, mapped in kept if s < end and e > start for label in mapped}
        paragraphs.append(Span(start, end, attrs={"line": number, "techniques": sorted(labels)}))
    return paragraphs


def predict_paragraphs(
    model: TechniqueModel,
    articles: Iterable[Article],
    *,
    policy: str = DEFAULT_POLICY,
    min_score: float = PARAGRAPH_MIN_SCORE,
) -> list[Article]:
    """Put the ``paragraph_techniques`` layer, from the 2020 model's findings, on every article; return them.

    See :func:`project_paragraphs` for ``policy`` and ``min_score``.
    """
    done = []
    for article in articles:
        paragraphs = project_paragraphs(
            article.text, findings_2020(model, article.text), policy=policy, min_score=min_score
        )
        article.set_layer(Layer.PARAGRAPH_TECHNIQUES, paragraphs)
        done.append(article)
    return done
