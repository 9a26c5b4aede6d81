"""The HTML report as a file: self-contained, escaped, every section present, small."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from spinscope.render import render
from spinscope.render.html import render_html

#: The issue's size budget for the seed article's report.
MAX_REPORT_BYTES = 1_000_000


class _Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_report_is_self_contained(result: dict[str, Any]) -> None:
    html = render_html(result)
    tags = _tags(html)
    assert not [tag for tag, _ in tags if tag in ("link", "iframe", "object", "embed", "img")]
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert len(scripts) == 2 and not any("src" in attrs for attrs in scripts)
    assert not [attrs for _, attrs in tags if "src" in attrs]
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "https://example.org/story"}
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_report_shows_spans_legend_chart_quotes_and_outlet(result: dict[str, Any]) -> None:
    html = render_html(result)
    marks = re.findall(r"<mark class=\"seg[^\"]*\"", html)
    assert len(marks) == 5  # 4 spans, cut at their boundaries into 5 highlighted segments
    assert html.count('class="seg multi"') == 2  # "our great " and "nation" lie under two spans each
    assert html.count('class="legend-item"') == 4
    assert '<svg class="chart"' in html and html.count('class="bar"') == 4
    assert "monstrous crime" in html
    assert "Sergei Lavrov" in html and "TASS" in html and "news agency" in html
    assert "demo-list" in html and "example.org" in html


def test_untrusted_text_is_escaped_everywhere(hostile_result: dict[str, Any]) -> None:
    html = render_html(hostile_result)
    tags = _tags(html)
    assert [tag for tag, _ in tags].count("script") == 2
    assert not [tag for tag, _ in tags if tag in ("img", "b")]
    assert "window.__pwned" in html  # shown as text...
    assert "<script>window" not in html  # ...never as markup
    assert 'href="javascript:' not in html
    data_block = html.split('id="spinscope-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block


@pytest.mark.data
def test_gold_file_renders_like_an_analysis(gold_result: dict[str, Any]) -> None:
    html = render(gold_result, "html")
    assert "gold labels" in html
    assert len(re.findall(r"<mark class=\"seg", html)) >= len(gold_result["layers"]["gold_techniques"]) // 2


@pytest.mark.data
def test_seed_report_is_under_a_megabyte(seed_result: dict[str, Any]) -> None:
    html = render_html(seed_result)
    assert len(html.encode("utf-8")) < MAX_REPORT_BYTES
    assert "Lavrov Throws Washington a Bone" in html


def test_quotes_are_marked_in_the_text_and_linked(result: dict[str, Any]) -> None:
    html = render_html(result)
    assert '<span class="q-source">Foreign Minister Sergei Lavrov</span>' in html
    assert '<span class="q-cue">said</span>' in html and '<span class="q-relay">TASS</span>' in html
    assert 'id="quote-1"' in html and 'href="#quote-1"' in html
