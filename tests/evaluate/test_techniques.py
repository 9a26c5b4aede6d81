"""A labelled split is articles with gold layers; the scorers' label rows are made from those layers."""

from __future__ import annotations

from spinscope.evaluate.techniques import Split
from spinscope.model import Article, Layer, Span


def _article(article_id: str, gold: list[tuple[int, int, str]]) -> Article:
    article = Article("They are traitors and liars.", id=article_id)
    article.set_layer(Layer.GOLD_TECHNIQUES, [Span(s, e, label=t) for s, e, t in gold])
    article.set_layer(Layer.GOLD_SPANS, [Span(s, e) for s, e, _ in gold])
    return article


def test_gold_rows_come_from_the_layers() -> None:
    articles = [_article("1", [(9, 17, "Name_Calling,Labeling"), (9, 17, "Loaded_Language")]), _article("2", [])]
    split = Split("dev", articles)
    assert split.tc_gold == [("1", "Loaded_Language", 9, 17), ("1", "Name_Calling,Labeling", 9, 17)]
    assert split.si_gold == [("1", "", 9, 17), ("1", "", 9, 17)]
    assert split.scored_articles() == articles


def test_the_test_proxy_scores_only_articles_with_gold() -> None:
    articles = [_article("1", [(22, 27, "Name_Calling,Labeling")]), _article("2", [])]
    assert [a.id for a in Split("test-proxy", articles).scored_articles()] == ["1"]
