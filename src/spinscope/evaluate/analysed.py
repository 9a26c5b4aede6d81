"""Predictions as a user gets them: a gold article's text through the segment stage, then a predicting stage.

Every attribution scorer (PolNeAR relations, the speaker and relay hand sets) reads what the quotes stage
writes after the segment stage, as ``analyze`` runs them, never an inner function of the cascade.
"""

from __future__ import annotations

from collections.abc import Callable

from spinscope.model import Article
from spinscope.model.annotations import Annotations, attach
from spinscope.segment import SegmentStage

#: A predicting stage's ``predict`` (or :meth:`spinscope.quotes.Attributor.annotate`): article -> annotations.
Annotate = Callable[[Article], Annotations]


def analysed(gold: Article, annotate: Annotate) -> Article:
    """A new article with ``gold``'s text, id and outlet (none of its gold layers), the segment stage's layers
    and those ``annotate`` adds."""
    article = Article(gold.text, id=gold.id, outlet=gold.outlet)
    attach(article, SegmentStage().predict(article))
    return attach(article, annotate(article))
