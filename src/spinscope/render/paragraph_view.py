"""The SemEval-2023 paragraph labels of a result (its ``paragraph_techniques`` layer), as the faces show them."""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.model import Article, Layer


@dataclass(frozen=True)
class ParagraphLabels:
    """One paragraph with its SemEval-2023 labels: line number, characters, ``(id, display name, score)`` each."""

    line: int
    start: int
    end: int
    labels: tuple[tuple[str, str, float | None], ...]


def _display_name(label: str) -> str:
    from spinscope.errors import FormatError
    from spinscope.taxonomy import get_taxonomy

    try:
        return get_taxonomy("semeval2023").get(label).display_name
    except FormatError:
        return label.replace("_", " ").replace("-", " / ")


def paragraph_labels(article: Article) -> tuple[ParagraphLabels, ...]:
    """The labelled paragraphs of ``article``'s ``paragraph_techniques`` layer (paragraphs without a label left out)."""
    found = []
    for span in article.spans(Layer.PARAGRAPH_TECHNIQUES):
        labels = [str(label) for label in span.attrs.get("techniques") or ()]
        if not labels:
            continue
        scores = span.attrs.get("scores") or {}
        named = tuple(
            (label, _display_name(label), float(scores[label]) if label in scores else None) for label in labels
        )
        found.append(ParagraphLabels(int(span.attrs.get("line", 0)), span.start, span.end, named))
    return tuple(found)
