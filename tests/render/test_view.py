"""The view every face formats: segments at span boundaries, layer choice, quotes and styles."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.errors import FormatError
from spinscope.model import Article, Layer, Span
from spinscope.render.view import (
    UNKNOWN_COLOR,
    TechniqueSpan,
    build_view,
    contrast_ratio,
    split_segments,
    technique_layer,
    text_color_for,
)
from spinscope.taxonomy import TECHNIQUES


def _span(start: int, end: int, label: str = "Loaded_Language") -> TechniqueSpan:
    return TechniqueSpan(start, end, label, 0.5, "", ())


@st.composite
def _spans(draw: st.DrawFn) -> tuple[int, list[TechniqueSpan]]:
    length = draw(st.integers(min_value=0, max_value=60))
    pairs = draw(st.lists(st.tuples(st.integers(0, length), st.integers(0, length)), max_size=8))
    return length, [_span(min(a, b), max(a, b)) for a, b in pairs]


@given(_spans())
def test_segments_tile_the_text_and_name_every_covering_span(case: tuple[int, list[TechniqueSpan]]) -> None:
    length, spans = case
    segments = split_segments(length, spans)
    assert [s.start for s in segments] == [0, *[s.end for s in segments[:-1]]][: len(segments)]
    assert (segments[-1].end if segments else 0) == length
    for segment in segments:
        assert segment.start < segment.end
        for i, span in enumerate(spans):
            covers = span.start <= segment.start and segment.end <= span.end
            overlaps = span.start < segment.end and segment.start < span.end
            assert covers == overlaps, "a span boundary falls inside a segment"
            assert (i in segment.covering) == covers


def test_overlapping_spans_share_the_segment_between_them() -> None:
    spans = [_span(0, 10), _span(5, 15)]
    segments = split_segments(20, spans)
    assert [(s.start, s.end, s.covering) for s in segments] == [
        (0, 5, (0,)),
        (5, 10, (0, 1)),
        (10, 15, (1,)),
        (15, 20, ()),
    ]


def test_view_of_a_hand_made_result(result: dict[str, Any]) -> None:
    view = build_view(result)
    assert view.layer == Layer.TECHNIQUES
    assert len(view.spans) == 4
    assert sum(view.counts.values()) == 4
    text = view.article.text
    assert "".join(text[s.start : s.end] for s in view.segments) == text
    (quote,) = view.quotes
    assert quote.speaker == "Sergei Lavrov"
    assert quote.cue == "said"
    assert [(relay.name, relay.kind, relay.order) for relay in quote.relays] == [("TASS", "news_agency", 1)]
    assert view.outlet is not None and view.outlet["name"] == "Example Post"
    assert view.propaganda_score == pytest.approx(0.73)


def test_gold_layer_is_shown_when_there_are_no_predictions() -> None:
    article = Article("They are traitors.", id="g")
    article.set_layer(Layer.GOLD_TECHNIQUES, [Span(9, 17, label="Name_Calling,Labeling")])
    view = build_view(article.to_dict())
    assert view.layer == Layer.GOLD_TECHNIQUES
    assert [(s.start, s.end, s.score) for s in view.spans] == [(9, 17, None)]
    assert technique_layer({"techniques": [], "gold_techniques": [{}]}) == Layer.GOLD_TECHNIQUES
    assert technique_layer({"techniques": [{}], "gold_techniques": [{}]}) == Layer.TECHNIQUES
    assert technique_layer({}) == Layer.TECHNIQUES


def test_unknown_and_empty_labels_get_a_neutral_style() -> None:
    article = Article("one two three", id="u")
    article.set_layer(Layer.GOLD_TECHNIQUES, [Span(0, 3, label=""), Span(4, 7, label="Not_A_Technique")])
    view = build_view(article.to_dict())
    assert {view.style(s.label).color for s in view.spans} == {UNKNOWN_COLOR}
    assert len({view.style(s.label).number for s in view.spans}) == 2
    assert all(view.style(s.label).number > len(TECHNIQUES) for s in view.spans)


def test_every_technique_colour_reads_with_the_chosen_text_colour() -> None:
    for technique in TECHNIQUES:
        assert contrast_ratio(technique.color, text_color_for(technique.color)) >= 4.5, technique.name


def test_a_result_whose_span_does_not_match_its_text_is_refused(result: dict[str, Any]) -> None:
    result["layers"]["techniques"][0]["text"] = "something else"
    with pytest.raises(FormatError, match="does not match"):
        build_view(result)


def test_parts_of_quotes_are_marked_on_the_segments(result: dict[str, Any]) -> None:
    view = build_view(result)
    text = view.article.text
    roles = {text[s.start : s.end]: s.roles for s in view.segments if s.roles}
    assert roles["Foreign Minister Sergei Lavrov"] == ("source",)
    assert roles["said"] == ("cue",)
    assert roles["TASS"] == ("relay",)
    assert roles["monstrous crime"] == ("quote",)
    assert "".join(text[s.start : s.end] for s in view.segments) == text


def test_a_content_in_fragments_leaves_its_reporting_clause_out() -> None:
    from spinscope.render.plain import format_attributions

    text = "“We stand firm,” President Ilsa Varen declared. “We will not bow.”"
    first, second = text.index("“We stand"), text.index("“We will")
    fragments = [{"start": first, "end": text.index(" President")}, {"start": second, "end": len(text)}]
    source, cue = text.index("President"), text.index("declared")
    attrs = {
        "source": {"start": source, "end": text.index(" declared")},
        "cue": {"start": cue, "end": cue + len("declared")},
        "source_name": "Ilsa Varen",
        "relays": [],
        "fragments": fragments,
    }
    article = Article(text)
    article.set_layer(Layer.ATTRIBUTIONS, [Span(first, len(text), label="direct", attrs=attrs)])
    result = article.to_dict()
    (quote,) = build_view(result).quotes
    assert quote.content == "“We stand firm,” … “We will not bow.”"
    assert [(s, e) for s, e, role in quote.parts if role == "quote"] == [(f["start"], f["end"]) for f in fragments]
    assert "declared" not in format_attributions(result).splitlines()[1]
