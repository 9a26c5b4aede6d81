"""The SemEval-2023 paragraph labels of a result (its ``paragraph_techniques`` layer), as the faces show them."""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.model import Article, Layer
from spinscope.taxonomy.naming import label_name_2023

#: Characters of a paragraph shown beside its labels; a longer one is cut and ends in "...".
EXCERPT_CHARS = 90


@dataclass(frozen=True)
class ParagraphLabels:
    """One paragraph with its SemEval-2023 labels: line number, characters, ``(id, display name, score)`` each,
    and the start of its text as the faces show it (:data:`EXCERPT_CHARS`)."""

    line: int
    start: int
    end: int
    labels: tuple[tuple[str, str, float | None], ...]
    excerpt: str

    @property
    def names(self) -> str:
        """The labels as the faces list them: ``"Doubt (0.50), Loaded language (0.44)"``."""
        return ", ".join(name if score is None else f"{name} ({score:.2f})" for _, name, score in self.labels)


def paragraph_labels(article: Article) -> tuple[ParagraphLabels, ...]:
    """The labelled paragraphs of ``article``'s ``paragraph_techniques`` layer (paragraphs without a label left out)."""
    found = []
    for span in article.spans(Layer.PARAGRAPH_TECHNIQUES):
        labels = [str(label) for label in span.attrs.get("techniques") or ()]
        if not labels:
            continue
        scores = span.attrs.get("scores") or {}
        named = tuple(
            (label, label_name_2023(label), float(scores[label]) if label in scores else None) for label in labels
        )
        excerpt = article.text[span.start : span.end]
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[: EXCERPT_CHARS - 3] + "..."
        found.append(ParagraphLabels(int(span.attrs.get("line", 0)), span.start, span.end, named, excerpt))
    return tuple(found)
