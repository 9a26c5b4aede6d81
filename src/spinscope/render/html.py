"""The HTML report: one self-contained file (CSS and JS inlined, no network) rendered from a result dict.

Every piece of article text and metadata is escaped; the data the script needs travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and a
Content-Security-Policy forbids any request, so the report opens offline and untrusted text stays inert.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from spinscope.render.view import (
    RATING_COLUMNS,
    Quote,
    ReportView,
    Segment,
    TechniqueStyle,
    build_view,
    innermost,
    is_shown,
    text_color_for,
)
from spinscope.settings import SEMEVAL2020

#: No fetch of any kind: styles and the script are inline, images only as data URIs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
#: Underline styles cycled over technique numbers, so spans differ without colour too.
UNDERLINE_STYLES = ("solid", "dashed", "dotted", "double", "wavy")
#: Height of one bar in the technique-count chart, and the width its longest bar gets (SVG units).
CHART_BAR_HEIGHT = 22
CHART_BAR_WIDTH = 160
CHART_LABEL_WIDTH = 260
#: Longest technique name drawn in the chart before it is cut with an ellipsis.
CHART_NAME_CHARS = 30


@cache
def _asset(name: str) -> str:
    """A stylesheet or script shipped in ``render/assets`` (package data: read once per process)."""
    return (files("spinscope.render") / "assets" / name).read_text(encoding="utf-8")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON that cannot close its ``<script>`` element or start a comment or entity."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _span_style(style: TechniqueStyle) -> str:
    underline = UNDERLINE_STYLES[style.number % len(UNDERLINE_STYLES)]
    return f"background-color:{style.color};color:{text_color_for(style.color)};text-decoration-style:{underline}"


def _segment_html(view: ReportView, segment: Segment) -> str:
    text = escape(view.article.text[segment.start : segment.end], quote=False)
    for role in segment.roles:  # parts of quotes: styled by class, see report.css
        text = f'<span class="q-{role}">{text}</span>'
    anchors = "".join(
        f'<span id="quote-{number}" class="anchor"></span>'
        for number, quote in enumerate(view.quotes, start=1)
        if quote.start == segment.start
    )
    if not segment.covering:
        return anchors + text
    starting = [i for i in segment.covering if view.spans[i].start == segment.start]
    tags = "".join(
        f'<span class="tag" data-t="{view.style(view.spans[i].label).number}" data-i="{i}" aria-hidden="true">'
        f"{view.style(view.spans[i].label).number}</span>"
        for i in sorted(starting, key=lambda i: -(view.spans[i].end - view.spans[i].start))
    )
    top = view.style(view.spans[innermost(segment.covering, view.spans)].label)
    multi = " multi" if len(segment.covering) > 1 else ""
    covering = " ".join(map(str, segment.covering))
    return (
        f'{anchors}<mark class="seg{multi}" tabindex="0" aria-describedby="tip" data-spans="{covering}"'
        f' style="{_span_style(top)}">{tags}{text}</mark>'
    )


def _text_html(view: ReportView) -> str:
    return "".join(_segment_html(view, segment) for segment in view.segments)


def _legend_html(view: ReportView) -> str:
    if not view.counts:
        return '<p class="empty">No technique spans in this result.</p>'
    items = []
    for label, count in sorted(view.counts.items(), key=lambda item: view.style(item[0]).number):
        style = view.style(label)
        definition = f'<span class="definition">{escape(style.definition)}</span>' if style.definition else ""
        if style.group:
            definition = f'<span class="group">Group: {escape(style.group)}</span>{definition}'
        items.append(
            f'<li><button type="button" class="legend-item" aria-pressed="true" data-t="{style.number}">'
            f'<span class="swatch" style="{_span_style(style)}">{style.number}</span> '
            f'<span class="name">{escape(style.display_name)}</span> <span class="count">({count})</span>'
            f"</button>{definition}</li>"
        )
    note = f'<p class="taxonomy-note" id="taxonomy-note">{escape(view.taxonomy_note)}</p>' if view.taxonomy_note else ""
    return (
        f"{note}{_score_control(view)}"
        '<p class="hint">Press a technique to hide or show its spans.</p>'
        f'<ul class="legend">{"".join(items)}</ul>'
        '<p><button type="button" id="show-all">Show all techniques</button> '
        '<span id="legend-status" role="status"></span></p>'
    )


def _score_control(view: ReportView) -> str:
    """The slider that shows more or fewer findings (from the display threshold), if any has a score."""
    if all(span.score is None for span in view.spans):
        return ""
    return (
        '<p class="score-control"><label for="min-score">Show findings scoring at least '
        f'<output id="min-score-value" for="min-score">{view.min_score:.2f}</output></label><br>'
        f'<input type="range" id="min-score" min="0" max="1" step="0.01" value="{view.min_score:.2f}"> '
        '<span id="score-status" role="status"></span></p>'
        '<p class="hint">The default shows only the most certain findings (even these were right about four '
        "times in ten on held-out articles); lower it to see less certain ones.</p>"
    )


def _headline_html(view: ReportView) -> str:
    """Findings in a title that is not part of the text, each hidden by the slider like the others."""
    title = view.article.title or ""
    items = []
    for span in view.headline:
        style = view.style(span.label)
        score = "" if span.score is None else f" {span.score:.2f}"
        shown = "" if is_shown(span.score, view.min_score) else " hidden"
        items.append(
            f'<li class="headline-finding" data-score="{span.score if span.score is not None else ""}"{shown}>'
            f'<mark style="{_span_style(style)}">{escape(title[span.start : span.end])}</mark> '
            f"{escape(style.display_name)}{score}</li>"
        )
    return f'<ul class="headline" aria-label="findings in the headline">{"".join(items)}</ul>' if items else ""


def _shorten(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _chart_svg(view: ReportView) -> str:
    if not view.counts:
        return ""
    most = max(view.counts.values())
    height = CHART_BAR_HEIGHT * len(view.counts) + 4
    width = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 40
    rows = []
    for row, (label, count) in enumerate(view.counts.items()):
        style = view.style(label)
        y = row * CHART_BAR_HEIGHT + 2
        bar = max(2, round(CHART_BAR_WIDTH * count / most))
        rows.append(
            f'<g class="bar" data-t="{style.number}">'
            f'<text x="{CHART_LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{style.number}. '
            f"{escape(_shorten(style.display_name, CHART_NAME_CHARS))}</text>"
            f'<rect x="{CHART_LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{CHART_BAR_HEIGHT - 6}" '
            f'fill="{style.color}" stroke="#222" stroke-width="0.5"></rect>'
            f'<text x="{CHART_LABEL_WIDTH + bar + 5}" y="{y + 15}">{count}</text></g>'
        )
    summary = ", ".join(f"{view.style(label).display_name}: {count}" for label, count in view.counts.items())
    return (
        f'<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">Spans per technique: {escape(summary)}</title>{"".join(rows)}</svg>'
    )


def _speaker_html(quote: Quote) -> str:
    """The speaker: a name (the written form in a tooltip), or the written form marked unresolved."""
    if quote.speaker is None:
        return '<li class="speaker unknown">unknown speaker</li>'
    if quote.unresolved:
        return (
            '<li class="speaker unresolved" title="no name could be given with confidence">'
            f'{escape(quote.speaker)} <span class="note">(unresolved)</span></li>'
        )
    if quote.written and quote.written != quote.speaker:
        return f'<li class="speaker" title="{_attr("written: " + quote.written)}">{escape(quote.speaker)}</li>'
    return f'<li class="speaker">{escape(quote.speaker)}</li>'


def _quotes_html(view: ReportView) -> str:
    if not view.quotes:
        return '<p class="empty">No quotes found.</p>'
    items = []
    for number, quote in enumerate(view.quotes, start=1):
        chain = [_speaker_html(quote)]
        if quote.cue:
            chain[0] = chain[0].replace("</li>", f' <span class="cue">({escape(quote.cue)})</span></li>')
        for relay in quote.relays:
            kind = escape(relay.note)
            chain.append(f'<li class="relay">{escape(relay.name)} <span class="kind">{kind}</span></li>')
        items.append(
            f'<li class="quote"><span class="quote-kind">{escape(quote.kind or "quote")}</span> '
            f'<a class="quote-link" href="#quote-{number}">show in the text</a>'
            f"<blockquote>{escape(quote.content)}</blockquote>"
            f'<ol class="chain" aria-label="relay chain">{"".join(chain)}</ol></li>'
        )
    return f'<ol class="quotes">{"".join(items)}</ol>'


def _paragraphs_html(view: ReportView) -> str:
    """SemEval-2023 labels per paragraph (the model's paragraph head): a short list, or nothing."""
    if not view.paragraphs:
        return ""
    items = [
        f'<li><span class="line">line {p.line}</span>: {escape(p.names)}<br>{escape(p.excerpt)}</li>'
        for p in view.paragraphs
    ]
    return (
        '<section aria-labelledby="paragraphs-heading"><h2 id="paragraphs-heading">SemEval-2023 paragraph labels</h2>'
        f'<ol class="paragraphs">{"".join(items)}</ol></section>'
    )


def _outlet_html(view: ReportView) -> str:
    outlet = view.outlet
    if not outlet:
        return '<p class="empty">No outlet profile.</p>'
    name = outlet.get("name") or outlet.get("query") or "unknown outlet"
    facts = [
        ("Outlet", name),
        ("Domain", outlet.get("domain") or "-"),
        ("In a reliability list", "yes" if outlet.get("known") else "no"),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in facts)
    ratings = [rating for rating in outlet.get("ratings") or () if isinstance(rating, dict)]
    table = ""
    if ratings:
        head = "".join(f'<th scope="col">{column}</th>' for column in RATING_COLUMNS)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(str(rating.get(column)) if rating.get(column) is not None else '-')}</td>"
                for column in RATING_COLUMNS
            )
            + "</tr>"
            for rating in ratings
        )
        table = f'<table class="ratings"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    registry = outlet.get("registry")
    if isinstance(registry, dict) and registry:
        entries = "".join(f"<dt>{escape(str(k))}</dt><dd>{escape(str(v))}</dd>" for k, v in registry.items())
        table += f'<h3>Registry</h3><dl class="facts">{entries}</dl>'
    return f'<dl class="facts">{rows}</dl>{table}'


def _header_html(view: ReportView) -> str:
    article = view.article
    title = escape(article.title or article.id or "Untitled article")
    byline = [escape(part) for part in (article.author, article.outlet, article.date) if part]
    if article.url:
        scheme = urlsplit(article.url).scheme.lower()
        url = escape(article.url)
        if scheme in ("http", "https"):
            byline.append(f'<a href="{_attr(article.url)}" rel="noopener noreferrer nofollow">{url}</a>')
        else:
            byline.append(url)
    facts = []
    if view.propaganda_score is not None:
        facts.append(
            f'Propaganda score <meter min="0" max="1" value="{view.propaganda_score:.3f}"></meter> '
            f"<strong>{view.propaganda_score:.2f}</strong>"
        )
    source = "gold labels" if view.layer != "techniques" else "predicted"
    shown = sum(1 for span in view.spans if is_shown(span.score, view.min_score))
    plural = "s" if len(view.spans) != 1 else ""
    facts.append(f'<span id="shown-count">{shown}</span> of {len(view.spans)} technique span{plural} shown ({source})')
    facts.append(f"{len(view.quotes)} quote{'s' if len(view.quotes) != 1 else ''}")
    if view.model:
        facts.append(f"model {escape(str(view.model.get('name')))} {escape(str(view.model.get('version') or ''))}")
    return (
        f'<header><h1 id="title">{title}</h1>{_headline_html(view)}<p class="byline">{" · ".join(byline)}</p>'
        f'<p class="facts-line">{" · ".join(facts)}</p></header>'
    )


def _script_data(view: ReportView) -> dict[str, Any]:
    spans = []
    for span in view.spans:
        style = view.style(span.label)
        spans.append(
            {
                "t": style.number,
                "length": span.end - span.start,
                "score": span.score,
                "reason": span.reason,
                "top_words": list(span.top_words),
            }
        )
    techniques = {
        str(style.number): {"name": style.display_name, "style": _span_style(style)} for style in view.styles.values()
    }
    return {"spans": spans, "techniques": techniques, "min_score": view.min_score}


def render_html(result: dict[str, Any], *, min_score: float | None = None, taxonomy: str = SEMEVAL2020) -> str:
    """The self-contained HTML report of a result dict (an analysis, a saved result or a gold file).

    Every finding is in the report; those scoring under ``min_score`` (``None``: the model's display
    threshold) start hidden, and the report's slider shows more or fewer without a reload. ``taxonomy``
    (:attr:`Settings.taxonomy`) names the findings, colours them and writes the legend.

    Raises:
        FormatError: ``result`` is not a spinscope result dict.
    """
    view = build_view(result, min_score=min_score, keep_all=True, taxonomy=taxonomy)
    title = escape(view.article.title or view.article.id or "article")
    return f"""<!DOCTYPE html>
<html lang="{_attr(view.article.language or "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="generator" content="spinscope">
<title>spinscope: {title}</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<a class="skip" href="#article-text">Skip to the article</a>
{_header_html(view)}
<main>
<section class="article" aria-labelledby="article-heading">
<h2 id="article-heading">Article</h2>
<p class="hint">Highlighted passages use a persuasion technique; hover or focus one (Tab) to see the technique,
score and reason. A number marks where a span starts; a thick underline marks overlapping spans.
In quotes, the statement has a dotted line above it, the speaker is bold, the verb italic and a relay boxed.</p>
<div id="article-text" class="text" tabindex="-1">{_text_html(view)}</div>
</section>
<aside>
<section aria-labelledby="legend-heading"><h2 id="legend-heading">Techniques</h2>{_legend_html(view)}
{_chart_svg(view)}</section>
{_paragraphs_html(view)}
<section aria-labelledby="quotes-heading"><h2 id="quotes-heading">Quotes</h2>{_quotes_html(view)}</section>
<section aria-labelledby="outlet-heading"><h2 id="outlet-heading">Outlet</h2>{_outlet_html(view)}</section>
</aside>
</main>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="spinscope-data">{_json_for_script(_script_data(view))}</script>
<script>{_asset("report.js")}</script>
</body>
</html>
"""
