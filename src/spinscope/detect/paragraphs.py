"""SemEval-2023 Task 3 subtask 3 from the SemEval-2020 model: findings mapped to 2023 labels, projected to paragraphs.

The baseline of the 2023 taxonomy: the shipped model finds spans with a 2020 technique
(:meth:`TechniqueModel.detect`, most probable technique per span); each maps to its 2023 label(s)
(:func:`spinscope.taxonomy.mapping.to_semeval2023`); a paragraph gets every label of the findings that
overlap its line. Lines are numbered as the task's label files number them (:func:`paragraph_lines`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.io.semeval import ParagraphRow
from spinscope.model import Article
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


#: A finding of the 2020 model: (start, end, calibrated score, most probable 2020 technique).
Finding = tuple[int, int, float, str]


def findings_2020(model: TechniqueModel, text: str) -> list[Finding]:
    """The 2020 model's findings in ``text``: each decoded span with its score and most probable technique."""
    _, _, spans = model.detect(text)
    return [
        (
            span.start,
            span.end,
            model.calibration.score_detected(span),
            model.techniques[int(np.argmax(span.technique_probs))],
        )
        for span in spans
    ]


def project_paragraphs(
    article_id: str,
    text: str,
    findings: Iterable[Finding],
    *,
    policy: str = DEFAULT_POLICY,
    min_score: float = PARAGRAPH_MIN_SCORE,
) -> list[ParagraphRow]:
    """One subtask-3 row per non-empty line of ``text``: the 2023 labels of the findings overlapping it.

    Args:
        policy: how a 2020 class with several 2023 candidates maps (:data:`spinscope.taxonomy.mapping.POLICIES`).
        min_score: findings whose calibrated score is below it are dropped.
    """
    kept = [
        (start, end, to_semeval2023(technique, policy))
        for start, end, score, technique in findings
        if score >= min_score
    ]
    rows: list[ParagraphRow] = []
    for number, start, end in paragraph_lines(text):
        labels = {label for s, e, mapped in kept if s < end and e > start for label in mapped}
        rows.append((article_id, number, frozenset(labels)))
    return rows


def predict_paragraphs(
    model: TechniqueModel,
    articles: Iterable[Article],
    *,
    policy: str = DEFAULT_POLICY,
    min_score: float = PARAGRAPH_MIN_SCORE,
) -> list[ParagraphRow]:
    """Subtask-3 rows (one per non-empty line of every article, in order) from the 2020 model's findings.

    See :func:`project_paragraphs` for ``policy`` and ``min_score``.
    """
    rows: list[ParagraphRow] = []
    for article in articles:
        findings = findings_2020(model, article.text)
        rows.extend(project_paragraphs(article.id, article.text, findings, policy=policy, min_score=min_score))
    return rows
