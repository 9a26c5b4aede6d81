"""compare_results and its rules: which differences are said in words, and which stay under their thresholds."""

from __future__ import annotations

from dataclasses import replace

from spinscope.compare import (
    COUNT_GAP,
    RATE_GAP,
    SCORE_GAP,
    Comparison,
    compare_results,
    differences,
    is_analysed,
)
from spinscope.model import Article, Layer, Span
from spinscope.model.profile import Profile, QuoteFigures


def _profile(**changes: object) -> Profile:
    base = Profile(
        id="x",
        title=None,
        outlet_name=None,
        n_chars=1000,
        n_words=1000,
        n_sentences=50,
        layer=Layer.TECHNIQUES,
        propaganda_score=0.3,
        technique_counts={},
        detected_counts={},
        rates={},
        sentences_flagged=10,
        sentence_share_flagged=0.2,
        quotes=QuoteFigures(),
        outlet=None,
        model=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_equal_profiles_have_no_differences() -> None:
    assert differences(_profile(), _profile()) == ()


def test_technique_rates_in_words() -> None:
    a = _profile(technique_counts={"Loaded_Language": 3}, rates={"Loaded_Language": 3.0})
    b = _profile(technique_counts={"Loaded_Language": 9}, rates={"Loaded_Language": 9.0})
    assert differences(a, b) == ("B uses 3x more loaded language per 1,000 words (9.0 vs 3.0)",)
    alone = _profile(technique_counts={"Doubt": 4}, rates={"Doubt": 4.0})
    assert differences(alone, _profile()) == ("A uses doubt (4.0 per 1,000 words); B does not",)


def test_small_gaps_stay_unsaid() -> None:
    close = _profile(technique_counts={"Doubt": 4}, rates={"Doubt": RATE_GAP - 0.1})
    assert differences(close, _profile()) == ()
    one = _profile(technique_counts={"Doubt": 1}, rates={"Doubt": 5.0})  # a single span is no pattern
    assert differences(one, _profile()) == ()
    assert differences(_profile(propaganda_score=0.3 + SCORE_GAP / 2), _profile()) == ()


def test_scores_shares_sources_relays_and_outlets() -> None:
    a = _profile(
        propaganda_score=0.6,
        sentence_share_flagged=0.5,
        quotes=QuoteFigures(count=5, anonymous=COUNT_GAP + 1, direct=4, indirect=1, relays_by_kind={"news_agency": 4}),
        outlet={"ratings": [{"factuality": "low"}]},
    )
    b = _profile(quotes=QuoteFigures(count=4, direct=0, indirect=4), outlet={"ratings": [{"factuality": "high"}]})
    said = differences(a, b)
    assert said == (
        "A scores higher on propaganda than B (0.60 vs 0.30)",
        "A flags 50% of its sentences, B 20%",
        "A attributes 3 quotes to sources it does not name; B none",
        "A relays 4 quotes through news agencies; B none",
        "A quotes directly (80% of its quotes), B mostly paraphrases (0%)",
        "A's outlet is rated low factuality, B's high",
    )


def test_compare_results_and_json_form() -> None:
    loaded = Article("They are traitors and traitors again, vile traitors.", id="a")
    loaded.set_layer(
        Layer.TECHNIQUES,
        [Span(9, 17, label="Name_Calling,Labeling", score=0.8), Span(22, 30, label="Name_Calling,Labeling", score=0.8)],
    )
    calm = Article("The council met on Tuesday and adjourned at noon.", id="b")
    calm.set_layer(Layer.TECHNIQUES, [])
    comparison = compare_results(loaded.to_dict(), calm.to_dict(), min_score=0.5)
    assert isinstance(comparison, Comparison)
    assert comparison.differences[0].startswith("A uses name calling / labelling")
    data = comparison.to_dict()
    assert set(data) == {"min_score", "a", "b", "differences"} and data["a"]["findings"] == 2
    assert compare_results(loaded.to_dict(), calm.to_dict(), min_score=0.9).differences == ()


def test_is_analysed() -> None:
    assert not is_analysed(Article("plain text"))
    result = Article("text")
    result.summary["propaganda_score"] = 0.1
    assert is_analysed(result)


def test_quotes_relayed_through_state_media() -> None:
    text = 'Lavrov said "no", TASS reported. He said "never", according to RIA Novosti. Reuters said so.'
    relayed = Article(text, id="a")
    quotes = [
        Span(
            0, 16, label="direct", attrs={"source_name": "Lavrov", "relays": [{"name": "TASS", "kind": "news_agency"}]}
        ),
        Span(33, 48, label="direct", attrs={"relays": [{"name": "RIA Novosti", "kind": "news_agency"}]}),
        Span(76, 92, label="indirect", attrs={"relays": [{"name": "Reuters", "kind": "news_agency"}]}),
    ]
    relayed.set_layer(Layer.ATTRIBUTIONS, quotes)
    calm = Article("The council met.", id="b")
    comparison = compare_results(relayed.to_dict(), calm.to_dict())
    assert comparison.state_relays == (2, 0)  # TASS and RIA Novosti are state-owned; Reuters is not
    assert "A relays 2 quotes through state media; B none" in comparison.differences
    assert comparison.to_dict()["a"]["quotes"]["state_relayed"] == 2
