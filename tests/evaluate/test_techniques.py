"""A labelled split is articles with gold layers; the scorers' label rows are made from those layers."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import DataNotFoundError, FormatError
from spinscope.evaluate.spans import score_spans_2023
from spinscope.evaluate.techniques import SEMEVAL2023_DEV, Split, load_split
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


def _semeval2023_dev(root: Path, labels: str) -> Path:
    """A SemEval-2023 English folder with one dev article (two paragraphs) and its span labels file."""
    corpus = root / "semeval2023-task3-en"
    (corpus / "dev-articles-subtask-3").mkdir(parents=True)
    (corpus / "dev-labels-subtask-3-spans").mkdir()
    (corpus / "dev-articles-subtask-3" / "article7.txt").write_text(TEXT_2023, encoding="utf-8")
    (corpus / "dev-labels-subtask-3-spans" / "article7-labels-subtask-3.txt").write_text(labels, encoding="utf-8")
    return root


TEXT_2023 = "Title line\n\nEveryone is joining; only cowards stay home.\n"


def test_semeval2023_dev_span_gold_becomes_spans_over_the_text(tmp_path: Path) -> None:
    labels = "7\tAppeal_to_Popularity\t12\t32\n7\tName_Calling-Labeling\t38\t45\n"
    split = load_split(_semeval2023_dev(tmp_path, labels), SEMEVAL2023_DEV)
    (article,) = split.articles
    assert article.id == "7" and article.text == TEXT_2023
    gold = article.spans(Layer.GOLD_TECHNIQUES)
    assert [(article.text[s.start : s.end], s.label) for s in gold] == [
        ("Everyone is joining;", "Appeal_to_Popularity"),
        ("cowards", "Name_Calling-Labeling"),
    ]
    assert split.tc_gold == [("7", "Appeal_to_Popularity", 12, 32), ("7", "Name_Calling-Labeling", 38, 45)]
    assert split.si_gold == [("7", "", 12, 32), ("7", "", 38, 45)]
    assert score_spans_2023(split.tc_gold, split.tc_gold)["f1"] == 1.0


@pytest.mark.parametrize(
    ("labels", "words"),
    [
        ("7\tName_Calling,Labeling\t38\t45\n", "not in SemEval-2023"),  # a 2020 name in 2023 gold
        ("7\tDoubt\t38\t450\n", r"1 span\(s\) fall outside"),
        ("8\tDoubt\t0\t5\n", r"1 article id\(s\) with gold name no article"),
    ],
)
def test_semeval2023_dev_bad_gold_is_refused(tmp_path: Path, labels: str, words: str) -> None:
    with pytest.raises(FormatError, match=words):
        load_split(_semeval2023_dev(tmp_path, labels), SEMEVAL2023_DEV)


def test_semeval2023_dev_missing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="dev-articles-subtask-3"):
        load_split(tmp_path, SEMEVAL2023_DEV)
