"""Confident findings first: every face shows findings from the display threshold up, and more on request."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import pytest

from spinscope.render.html import render_html
from spinscope.render.text import render_text
from spinscope.render.view import build_view, display_threshold, shown_result
from spinscope.taxonomy import get_technique

MakeResult = Callable[[float | None], dict[str, Any]]


@pytest.fixture
def with_threshold(result: dict[str, Any]) -> MakeResult:
    """The hand-made result (scores 0.91, 0.8, 0.66, 0.4) with a model display threshold."""

    def make(threshold: float | None) -> dict[str, Any]:
        return _with_threshold(copy.deepcopy(result), threshold)

    return make


def _with_threshold(result: dict[str, Any], threshold: float | None) -> dict[str, Any]:
    if threshold is not None:
        result["summary"]["model"]["min_score"] = threshold
    return result


def test_the_model_display_threshold_is_the_default_and_min_score_overrides_it(
    with_threshold: MakeResult,
) -> None:
    result = with_threshold(0.7)
    assert display_threshold(result["summary"]) == 0.7
    assert display_threshold(result["summary"], 0.0) == 0.0
    assert display_threshold(with_threshold(None)["summary"]) == 0.0  # an older result: show everything
    view = build_view(result)
    assert sorted(span.score for span in view.spans) == [0.8, 0.91]
    assert view.below == 2 and view.min_score == 0.7
    assert len(build_view(result, min_score=0.0).spans) == 4
    assert len(build_view(result, keep_all=True).spans) == 4


def test_the_json_face_keeps_the_shown_findings_and_says_how_many_were_left_out(
    with_threshold: MakeResult,
) -> None:
    shown = shown_result(with_threshold(0.7))
    assert [span["score"] for span in shown["layers"]["techniques"]] == [0.91, 0.8]
    assert shown["summary"]["display"] == {"min_score": 0.7, "not_shown": 2}
    assert len(shown_result(with_threshold(0.7), 0.0)["layers"]["techniques"]) == 4


def test_the_text_view_hides_unsure_findings_and_states_each_definition_once(
    with_threshold: MakeResult,
) -> None:
    result = with_threshold(0.7)
    for span in result["layers"]["techniques"]:
        span["attrs"]["reason"] = get_technique(span["label"]).definition + " Words that weighed most: x."
    text = render_text(result, color=False)
    assert "[[Loaded_Language: monstrous crime]]" in text
    assert "Flag-Waving" not in text.split("\n\n", 2)[1]  # the 0.66 span is not marked in the text
    assert "2 less certain findings (score under 0.70) not shown" in text
    for label in ("Loaded_Language", "Name_Calling,Labeling"):
        definition = get_technique(label).definition
        assert text.count(definition[:40]) == 1, label
    everything = render_text(result, color=False, min_score=0.0)
    assert "[[Flag-Waving: our great" in everything


def test_the_html_report_carries_every_finding_and_a_slider_starting_at_the_threshold(
    with_threshold: MakeResult,
) -> None:
    page = render_html(with_threshold(0.7))
    assert re.search(r'<input type="range" id="min-score"[^>]*value="0.70"', page)
    assert '"min_score":0.7' in page
    assert page.count('class="tag"') == 4  # all four spans are in the page; the script hides two
    assert '<span id="shown-count">2</span> of 4' in page
    assert 'value="0.30"' in render_html(with_threshold(0.7), min_score=0.3)


def test_headline_findings_are_shown_in_every_face(with_threshold: MakeResult) -> None:
    result = with_threshold(0.5)
    title = result["article"]["title"]  # "A hand-made article"
    result["summary"]["headline"] = {
        "text": title,
        "techniques": [
            {"start": 2, "end": 11, "label": "Loaded_Language", "score": 0.8, "attrs": {}, "text": title[2:11]},
            {"start": 12, "end": 19, "label": "Doubt", "score": 0.1, "attrs": {}, "text": title[12:19]},
        ],
    }
    view = build_view(result)
    assert [(s.start, s.label) for s in view.headline] == [(2, "Loaded_Language")]
    assert "Headline: Loaded language (0.80): 'hand-made'" in render_text(result, color=False)
    page = render_html(result)
    assert page.count('class="headline-finding"') == 2 and "hidden><mark" in page
    shown = shown_result(result)
    assert [t["label"] for t in shown["summary"]["headline"]["techniques"]] == ["Loaded_Language"]
