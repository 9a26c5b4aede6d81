"""Profile.from_result: the per-article figures, counted once, as the faces and comparison read them."""

from __future__ import annotations

import pytest

from spinscope.model import Article, Layer, Span
from spinscope.model.profile import Profile, QuoteFigures, source_status


def _article() -> Article:
    text = "They are traitors. The vote is on Monday. Officials said it was fine. Vultures, all of them.\n"
    article = Article(text, id="p", outlet="Daily Lantern")
    sentences = [(0, 18), (19, 41), (42, 69), (70, 91)]
    article.set_layer(Layer.SENTENCES, [Span(a, b, label="sentence") for a, b in sentences])
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(9, 17, label="Name_Calling,Labeling", score=0.9),
            Span(70, 78, label="Name_Calling,Labeling", score=0.2),
            Span(79, 90, label="Loaded_Language", score=0.6),
        ],
    )
    said = text.index("it was fine")
    article.set_layer(
        Layer.ATTRIBUTIONS,
        [
            Span(
                said,
                said + 11,
                label="indirect",
                attrs={
                    "source": {"start": 42, "end": 51},
                    "speaker": {"name": None, "kind": "description"},
                    "relays": [{"kind": "news_agency", "name": "TASS"}, {"kind": "news_agency", "name": "RIA"}],
                },
            ),
            Span(0, 17, label="direct", attrs={"source_name": "Mara Veld"}),
            Span(
                19,
                40,
                label="indirect",
                attrs={"source": {"start": 19, "end": 22}, "speaker": {"name": None, "kind": "pronoun"}},
            ),
        ],
    )
    article.summary = {"propaganda_score": 0.41, "technique_counts": {"Name_Calling,Labeling": 2, "Loaded_Language": 1}}
    return article


def test_counts_rates_and_flagged_sentences() -> None:
    profile = Profile.from_result(_article().to_dict())
    assert profile.n_words == 17
    assert profile.technique_counts == {"Name_Calling,Labeling": 2, "Loaded_Language": 1}
    assert profile.detected_counts == profile.technique_counts
    assert profile.rates["Name_Calling,Labeling"] == pytest.approx(1000 * 2 / 17, abs=1e-3)
    assert (profile.sentences_flagged, profile.sentence_share_flagged) == (2, 0.5)
    assert profile.propaganda_score == 0.41 and profile.findings == 3


def test_min_score_counts_only_findings_at_or_above_it() -> None:
    profile = Profile.from_result(_article().to_dict(), min_score=0.5)
    assert profile.technique_counts == {"Name_Calling,Labeling": 1, "Loaded_Language": 1}
    assert profile.detected_counts == {"Name_Calling,Labeling": 2, "Loaded_Language": 1}  # what the detector wrote
    assert profile.sentences_flagged == 2 and profile.min_score == 0.5


def test_quote_figures() -> None:
    quotes = Profile.from_result(_article().to_dict()).quotes
    assert quotes == QuoteFigures(
        count=3, named=1, unresolved=1, anonymous=1, direct=1, indirect=2, relays_by_kind={"news_agency": 1}, relayed=1
    )


@pytest.mark.parametrize(
    ("attrs", "status"),
    [
        ({"speaker": {"name": "Mara Veld", "kind": "name"}}, "named"),
        ({"source_name": "Mara Veld"}, "named"),
        ({"speaker": {"name": None, "kind": "title"}, "source": {"start": 0, "end": 1}}, "unresolved"),
        ({"source": {"start": 0, "end": 1}}, "unresolved"),
        ({"speaker": {"name": None, "kind": "description"}, "source": {"start": 0, "end": 1}}, "anonymous"),
        ({}, "anonymous"),
    ],
)
def test_source_status(attrs: dict[str, object], status: str) -> None:
    assert source_status(Span(0, 1, attrs=attrs)) == status


def test_gold_file_counts_the_gold_layer() -> None:
    article = Article("They are traitors.", id="g")
    article.set_layer(Layer.GOLD_TECHNIQUES, [Span(9, 17, label="Name_Calling,Labeling")])
    profile = Profile.from_result(article.to_dict(), min_score=0.9)
    assert profile.layer == Layer.GOLD_TECHNIQUES
    assert profile.technique_counts == {"Name_Calling,Labeling": 1}  # gold spans have no score: always counted
    assert profile.sentence_share_flagged is None and profile.propaganda_score is None
    assert profile.to_dict()["findings_per_1000_words"] == pytest.approx(333.333)
