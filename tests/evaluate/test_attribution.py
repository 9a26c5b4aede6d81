"""Attribution scoring rules and the PolNeAR evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.evaluate.attribution import evaluate_attribution, format_attribution_report, score_articles
from spinscope.io.polnear import add_gold_relation, gold_relation_count
from spinscope.model import Article, Layer, Span

#: (content, cue, source) of two gold relations; the second has two content fragments and no source.
RELATIONS = [
    (((20, 40),), ((10, 14),), ((0, 9),)),
    (((60, 80), (90, 95)), ((82, 86),), None),
]


def _gold(count: int = len(RELATIONS)) -> Article:
    article = Article("x" * 100, id="gold")
    for content, cue, source in RELATIONS[:count]:
        add_gold_relation(article, content=content, cue=cue, source=source)
    return article


GOLD = _gold()


def _pair(pair: tuple[int, int] | None) -> dict[str, int] | None:
    return None if pair is None else {"start": pair[0], "end": pair[1]}


def _predicted(*relations: tuple[list[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]) -> Article:
    """An article with an ``attributions`` layer as the quotes stage writes it: (content, cue, source) each."""
    article = Article("x" * 100, id="predicted")
    article.set_layer(
        Layer.ATTRIBUTIONS,
        [
            Span(
                content[0][0],
                content[-1][1],
                label="indirect",
                attrs={"fragments": [_pair(f) for f in content], "cue": _pair(cue), "source": _pair(source)},
            )
            for content, cue, source in relations
        ],
    )
    return article


def _as_predicted() -> Article:
    return _predicted(
        *[(list(content), cue[0], None if source is None else source[0]) for content, cue, source in RELATIONS]
    )


def test_gold_relations_are_layers_linked_by_relation_number() -> None:
    assert gold_relation_count(GOLD) == 2
    assert [(s.start, s.end, s.attrs) for s in GOLD.spans("gold_attributions")] == [
        (20, 40, {"relation": 0, "fragment": 0}),
        (60, 80, {"relation": 1, "fragment": 0}),
        (90, 95, {"relation": 1, "fragment": 1}),
    ]
    assert [s.attrs["relation"] for s in GOLD.spans("gold_quote_sources")] == [0]


def test_perfect_prediction_scores_one_everywhere() -> None:
    scores = score_articles([(_as_predicted(), GOLD)])
    for mode in ("overlap", "exact"):
        for role in ("content", "cue", "source", "relation"):
            assert scores[mode][role]["f1"] == 1.0, (mode, role)


def test_overlap_counts_partial_spans_exact_does_not() -> None:
    predicted = _predicted(([(25, 45)], (11, 14), (5, 9)))
    scores = score_articles([(predicted, _gold(1))])
    assert scores["overlap"]["content"]["f1"] == 1.0
    assert scores["overlap"]["source"]["f1"] == 1.0
    assert scores["exact"]["content"]["f1"] == 0.0
    assert scores["exact"]["cue"]["f1"] == 0.0


def test_a_cue_of_another_relation_does_not_count() -> None:
    # right cue offsets, but attached to content that overlaps no gold relation holding that cue
    predicted = _predicted(([(60, 70)], (10, 14), None))
    scores = score_articles([(predicted, GOLD)])
    assert scores["overlap"]["cue"]["precision"] == 0.0
    assert scores["overlap"]["content"]["precision"] == 1.0


def test_empty_prediction_scores_zero_without_error() -> None:
    scores = score_articles([(_predicted(), GOLD)])
    assert scores["overlap"]["content"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "predicted": 0, "gold": 3}


@pytest.mark.data
@pytest.mark.slow
def test_dev_evaluation_runs_and_reports(data_dir: Path) -> None:
    result = evaluate_attribution(data_dir, "dev")
    assert result["articles"] == 84
    overlap = result["scores"]["overlap"]
    # floors well under the measured dev figures (docs/benchmarks/quotes.md): a gate against regressions
    assert overlap["content"]["f1"] >= 0.75
    assert overlap["cue"]["f1"] >= 0.6
    assert overlap["source"]["f1"] >= 0.6
    report = format_attribution_report(result)
    assert "overlap  content" in report and "exact    relation" in report
