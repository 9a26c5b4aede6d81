"""What a stage returns (:class:`Annotations`) and the one place it is put on an article (:func:`attach`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spinscope.errors import InputTooLargeError
from spinscope.model.article import Article, Span

if TYPE_CHECKING:
    from spinscope.settings import Settings


@dataclass
class Annotations:
    """What one stage found: span layers to set, and document-level summary entries."""

    layers: dict[str, list[Span]] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


def attach(article: Article, annotations: Annotations) -> Article:
    """Put a stage's findings on the article (layers replaced, summary merged)."""
    for layer, spans in annotations.layers.items():
        article.set_layer(layer, spans)
    article.summary.update(annotations.summary)
    return article


def check_length(article: Article, settings: Settings) -> None:
    """Refuse an article longer than :attr:`Settings.max_chars` (the one size limit of CLI, batch and API).

    Raises:
        InputTooLargeError: naming the article (its id and where it was read from), its length and the limit.
    """
    if len(article.text) <= settings.max_chars:
        return
    source = article.meta.get("source")
    name = " ".join(part for part in (f"article {article.id!r}" if article.id else "", f"({source})" if source else ""))
    raise InputTooLargeError(
        name.strip() or "article",
        f"{len(article.text):,} characters, over the limit of {settings.max_chars:,} characters; "
        "raise it with --max-chars (Settings.max_chars)",
    )
