"""Terminal view: ANSI colours on a terminal, ``[[Technique: ...]]`` markers otherwise."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from spinscope.render import render
from spinscope.render.text import plain_marked_text
from spinscope.render.view import TechniqueSpan

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARKER_OPEN = re.compile(r"\[\[[^:\]]+: ")


def _strip_markers(marked: str) -> str:
    return MARKER_OPEN.sub("", marked).replace("]]", "")


def test_plain_view_marks_spans_and_shows_legend_quotes_and_outlet(result: dict[str, Any]) -> None:
    out = render(result, "text", color=False)
    assert not ANSI.search(out)
    assert '"[[Loaded_Language: monstrous crime]]"' in out
    assert "Techniques" in out and "Loaded language" in out
    assert "Sergei Lavrov" in out and "TASS (news agency)" in out
    assert "Outlet: Example Post" in out and "demo-list" in out
    assert "Propaganda score: 0.73" in out


def test_plain_markers_nest_and_give_back_the_text(result: dict[str, Any]) -> None:
    out = render(result, "text", color=False)
    body = out.split("\n\n")[1] + "\n\n" + out.split("\n\n")[2]
    depth = 0
    for token in re.findall(r"\[\[|\]\]", body):
        depth += 1 if token == "[[" else -1
        assert depth >= 0
    assert depth == 0
    assert _strip_markers(body) == result["article"]["text"]


def test_crossing_spans_are_closed_and_reopened() -> None:
    spans = (TechniqueSpan(0, 6, "A", 0.5, "", ()), TechniqueSpan(3, 9, "B", 0.5, "", ()))
    assert plain_marked_text("abcdefghij", spans) == "[[A: abc[[B: def]]]][[B: ghi]]j"


def test_colour_view_uses_ansi_and_no_markers(result: dict[str, Any]) -> None:
    out = render(result, "text", color=True)
    assert ANSI.search(out)
    assert "[[" not in out
    assert "monstrous crime" in ANSI.sub("", out)


def test_article_without_findings_still_renders() -> None:
    empty = {"schema_version": "1.0", "article": {"id": "x", "text": "Just a sentence."}, "layers": {}, "summary": {}}
    out = render(empty, "text", color=False)
    assert "Just a sentence." in out and "0 technique spans" in out


@given(
    st.text(alphabet="ab .\n", max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=6),
        )
    )
)
def test_markers_always_nest_and_strip_back_to_the_text(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, pairs = case
    spans = tuple(TechniqueSpan(min(a, b), max(a, b), "T", None, "", ()) for a, b in pairs if a != b)
    marked = plain_marked_text(text, spans)
    depth = 0
    for token in re.findall(r"\[\[T: |\]\]", marked):
        depth += 1 if token.startswith("[[") else -1
        assert depth >= 0
    assert depth == 0
    assert marked.replace("[[T: ", "").replace("]]", "") == text
