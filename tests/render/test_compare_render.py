"""The comparison views from hand-made results: the figure rows, the text table, the static HTML page."""

from __future__ import annotations

from typing import Any

from spinscope.compare import compare_results
from spinscope.model import Article, Layer, Span
from spinscope.render.compare import figure_rows, render_compare_html, render_compare_text


def _result(text: str, spans: list[tuple[str, str, float]], *, id: str) -> dict[str, Any]:
    article = Article(text, id=id, title=f"Title {id} <b>", outlet="Daily Lantern")
    found = []
    for fragment, label, score in spans:
        start = text.index(fragment)
        found.append(Span(start, start + len(fragment), label=label, score=score))
    article.set_layer(Layer.TECHNIQUES, found)
    article.set_layer(Layer.SENTENCES, [Span(0, len(text), label="sentence")])
    article.summary = {"propaganda_score": 0.5 if spans else 0.1}
    return article.to_dict()


LOADED = _result(
    "Traitors and vultures, these traitors <script>x</script> are vultures.",
    [
        ("Traitors", "Name_Calling,Labeling", 0.8),
        ("vultures", "Name_Calling,Labeling", 0.7),
        ("traitors", "Loaded_Language", 0.1),
    ],
    id="a",
)
CALM = _result("The council met on Tuesday.", [], id="b")


def test_rows_hold_both_sides_and_each_technique() -> None:
    comparison = compare_results(LOADED, CALM, min_score=0.5)
    rows = {label.strip(): (a, b) for label, a, b in figure_rows(comparison)}
    assert rows["propaganda score"] == ("0.50", "0.10")
    assert rows["Name calling / labelling"][1] == "0.0 (0)"
    assert "Loaded language" not in rows  # under the threshold
    assert rows["sentences flagged"] == ("100% (1/1)", "0% (0/1)")


def test_text_table_lists_the_differences() -> None:
    text = render_compare_text(compare_results(LOADED, CALM, min_score=0.5))
    assert "at least 0.50" in text
    assert "- A uses name calling / labelling" in text


def test_html_page_is_static_escaped_and_filtered() -> None:
    comparison = compare_results(LOADED, CALM, min_score=0.5)
    page = render_compare_html(comparison, LOADED, CALM)
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert "Title a &lt;b&gt;" in page
    assert page.count('<mark class="seg') == 2  # the finding under the threshold is not drawn
    assert 'id="side-a"' in page and 'id="side-b"' in page and "default-src 'none'" in page
