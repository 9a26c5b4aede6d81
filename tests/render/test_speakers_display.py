"""Unresolved speakers look unresolved, resolved ones show the name, relays show their kind."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from spinscope.render import render
from spinscope.render.html import render_html
from spinscope.render.view import build_view


def _with_speaker(result: dict[str, Any], speaker: dict[str, Any], source_name: str) -> dict[str, Any]:
    changed = copy.deepcopy(result)
    attrs = changed["layers"]["attributions"][0]["attrs"]
    attrs["speaker"], attrs["source_name"] = speaker, source_name
    attrs["relays"][0]["in_registry"] = False
    return changed


@pytest.fixture
def unresolved(result: dict[str, Any]) -> dict[str, Any]:
    speaker = {"written": "he", "name": None, "resolved": False, "confidence": 0.3, "antecedent": None}
    return _with_speaker(result, {**speaker, "kind": "pronoun"}, "he")


@pytest.fixture
def resolved(result: dict[str, Any]) -> dict[str, Any]:
    text = result["article"]["text"]
    start = text.index("Sergei Lavrov")
    speaker = {
        "written": "he",
        "name": "Sergei Lavrov",
        "resolved": True,
        "confidence": 0.9,
        "antecedent": {"start": start, "end": start + len("Sergei Lavrov")},
        "kind": "pronoun",
    }
    return _with_speaker(result, speaker, "Sergei Lavrov")


def test_view_marks_unresolved_and_resolved(unresolved: dict[str, Any], resolved: dict[str, Any]) -> None:
    (quote,) = build_view(unresolved).quotes
    assert quote.unresolved and quote.speaker_label == "he (unresolved)"
    (quote,) = build_view(resolved).quotes
    assert not quote.unresolved and quote.speaker_label == "Sergei Lavrov (written: he)"
    assert quote.relays[0].in_registry is False


def test_terminal_view_shows_unresolved_speaker(unresolved: dict[str, Any]) -> None:
    plain = render(unresolved, "text", color=False)
    assert "he (unresolved)" in plain
    assert "news agency, not in registry" in plain


def test_html_report_styles_unresolved_speaker(unresolved: dict[str, Any], resolved: dict[str, Any]) -> None:
    html = render_html(unresolved)
    assert 'class="speaker unresolved"' in html and "(unresolved)" in html
    assert ".speaker.unresolved" in html  # the style travels inside the self-contained report
    html = render_html(resolved)
    assert 'title="written: he"' in html and "Sergei Lavrov" in html


def test_html_report_shows_the_article_outlet_once(result: dict[str, Any]) -> None:
    html = render_html(result)
    assert "this article" not in html
