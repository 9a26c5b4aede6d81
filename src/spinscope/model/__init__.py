"""The one document model: :class:`Article` and :class:`Span`."""

from spinscope.model.article import SCHEMA_VERSION, Article, Span
from spinscope.model.layers import Layer

__all__ = ["SCHEMA_VERSION", "Article", "Layer", "Span"]
