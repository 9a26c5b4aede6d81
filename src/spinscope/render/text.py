"""Terminal view of a result dict: coloured spans with rich, or plain text with ``[[Technique: ...]]`` markers."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from spinscope.render.view import (
    RATING_COLUMNS,
    Relay,
    ReportView,
    TechniqueSpan,
    build_view,
    innermost,
    text_color_for,
)
from spinscope.settings import SEMEVAL2020

#: Width of the rendered text; wide enough for tables, narrow enough to read.
TEXT_WIDTH = 100


def _score(score: float | None) -> str:
    return "gold" if score is None else f"{score:.2f}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def plain_marked_text(text: str, spans: tuple[TechniqueSpan, ...]) -> str:
    """The text with ``[[Label: ...]]`` around every span; crossing spans are closed and reopened.

    Markers always nest properly, so ``[[`` and ``]]`` pair up like brackets.
    """
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        opens.setdefault(span.start, []).append(i)
        closes.setdefault(span.end, []).append(i)
    out: list[str] = []
    stack: list[int] = []
    positions = sorted({0, len(text), *opens, *closes})
    for position, following in zip(positions, [*positions[1:], len(text)], strict=True):
        ending = set(closes.get(position, ()))
        if ending:
            reopen = []
            while ending:
                top = stack.pop()
                out.append("]]")
                if top in ending:
                    ending.discard(top)
                else:
                    reopen.append(top)
            for i in reversed(reopen):
                stack.append(i)
                out.append(f"[[{spans[i].label or 'Propaganda'}: ")
        # Longer spans open first so that the spans nested in them close first.
        for i in sorted(opens.get(position, ()), key=lambda i: -(spans[i].end - spans[i].start)):
            stack.append(i)
            out.append(f"[[{spans[i].label or 'Propaganda'}: ")
        out.append(text[position:following])
    return "".join(out)


#: How parts of quotes look on a terminal.
ROLE_STYLES = {"quote": "overline", "source": "bold", "cue": "italic", "relay": "bold italic"}


def _coloured_text(view: ReportView) -> Text:
    text = Text(view.article.text)
    for segment in view.segments:
        for role in segment.roles:
            text.stylize(ROLE_STYLES[role], segment.start, segment.end)
        if segment.covering:
            top = view.spans[innermost(segment.covering, view.spans)]
            color = view.style(top.label).color
            style = f"{text_color_for(color)} on {color}"
            if len(segment.covering) > 1:
                style += " underline"
            text.stylize(style, segment.start, segment.end)
    return text


def _legend(view: ReportView, color: bool) -> Table:
    table = Table(title="Techniques", title_justify="left", show_edge=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("technique")
    table.add_column("spans", justify="right")
    for label, count in view.counts.items():
        style = view.style(label)
        name = Text(style.display_name, style=f"{text_color_for(style.color)} on {style.color}" if color else "")
        if style.group:
            name.append(f" ({style.group})")
        table.add_row(str(style.number), name, str(count))
    return table


def _definitions(view: ReportView) -> Text:
    """Each shown technique's definition, once (the span list then gives only what is particular to a span)."""
    text = Text()
    for label in view.counts:
        style = view.style(label)
        if style.definition:
            text.append(f"{style.number}. {style.display_name}: ", style="bold")
            text.append(f"{style.definition}\n")
    return text


def _span_reason(view: ReportView, span: TechniqueSpan) -> str:
    """The span's reason without its technique's definition (the legend states it once)."""
    definition = view.style(span.label).definition
    reason = span.reason
    if definition and reason.startswith(definition):
        reason = reason[len(definition) :].strip()
    return reason


def _span_list(view: ReportView) -> Table:
    table = Table(title="Spans", title_justify="left", show_edge=False)
    table.add_column("where", justify="right", no_wrap=True)
    table.add_column("technique")
    table.add_column("score", justify="right")
    table.add_column("text and reason")
    for span in view.spans:
        excerpt = view.article.text[span.start : span.end]
        detail = Text(excerpt if len(excerpt) <= 160 else excerpt[:157] + "...")
        reason = _span_reason(view, span)
        if reason:
            detail.append(f"\n{reason}", style="italic")
        table.add_row(f"{span.start}-{span.end}", view.style(span.label).display_name, _score(span.score), detail)
    return table


def _paragraphs(view: ReportView) -> Table:
    """SemEval-2023 labels per paragraph (the model's paragraph head), with their probabilities."""
    table = Table(title="SemEval-2023 paragraph labels", title_justify="left", show_edge=False)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("labels")
    table.add_column("paragraph")
    for paragraph in view.paragraphs:
        table.add_row(str(paragraph.line), paragraph.names, paragraph.excerpt)
    return table


#: How an unresolved speaker ("he (unresolved)") is styled: set apart from the names shown.
UNRESOLVED_STYLE = "dim italic"


def _relay_label(relay: Relay) -> str:
    return f"{relay.name} ({relay.note})"


def _quotes(view: ReportView) -> Table:
    table = Table(title="Quotes", title_justify="left", show_edge=False)
    table.add_column("speaker")
    table.add_column("said")
    table.add_column("relayed by")
    for quote in view.quotes:
        chain = " -> ".join(_relay_label(relay) for relay in quote.relays)
        said = f"[{quote.kind}] {quote.content}" if quote.kind else quote.content
        speaker = Text(quote.speaker_label, style=UNRESOLVED_STYLE if quote.unresolved else "")
        table.add_row(speaker, said, chain or "-")
    return table


def _outlet(outlet: dict[str, Any]) -> Table:
    name = outlet.get("name") or outlet.get("query") or "(unknown)"
    known = "known" if outlet.get("known") else "not in any list"
    table = Table(title=f"Outlet: {name} ({outlet.get('domain') or 'no domain'}, {known})", title_justify="left")
    for column in RATING_COLUMNS:
        table.add_column(column)
    for rating in outlet.get("ratings") or ():
        table.add_row(
            *(str(rating.get(column) if rating.get(column) is not None else "-") for column in RATING_COLUMNS)
        )
    return table


def _header(view: ReportView) -> Text:
    article = view.article
    header = Text()
    header.append(article.title or article.id or "Untitled article", style="bold")
    byline = ", ".join(part for part in (article.author, article.outlet, article.date, article.url) if part)
    if byline:
        header.append(f"\n{byline}")
    if view.propaganda_score is not None:
        header.append(f"\nPropaganda score: {view.propaganda_score:.2f}")
    source = "gold labels" if view.layer != "techniques" else "predicted"
    header.append(f"\n{_count(len(view.spans), 'technique span')} ({source}), {_count(len(view.quotes), 'quote')}")
    if view.below:
        header.append(
            f"\n{_count(view.below, 'less certain finding')} (score under {view.min_score:.2f}) not shown; "
            "--min-score 0 shows them"
        )
    if view.taxonomy_note:
        header.append(f"\n{view.taxonomy_note}", style="italic")
    title = article.title or ""
    for span in view.headline:
        name = view.style(span.label).display_name
        header.append(f"\nHeadline: {name} ({_score(span.score)}): {title[span.start : span.end]!r}")
    return header


def render_text(
    result: dict[str, Any], *, color: bool, min_score: float | None = None, taxonomy: str = SEMEVAL2020
) -> str:
    """The terminal view: header, the text with its spans, legend, span list, quotes and outlet.

    Only findings scoring at least ``min_score`` are shown (``None``: the model's display threshold).
    With ``color`` the spans are coloured with ANSI codes; without it they are marked
    ``[[Technique: ...]]`` so the view reads in a pipe, a file or with ``NO_COLOR``. ``taxonomy``
    (:attr:`Settings.taxonomy`) names the findings.
    """
    view = build_view(result, min_score=min_score, taxonomy=taxonomy)
    tables: list[RenderableType] = []
    if view.spans:
        tables += [_legend(view, color), Text(""), _definitions(view), _span_list(view), Text("")]
    if view.paragraphs:
        tables += [_paragraphs(view), Text("")]
    if view.quotes:
        tables += [_quotes(view), Text("")]
    if view.outlet:
        tables.append(_outlet(view.outlet))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=TEXT_WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="truecolor" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(_header(view))
    console.print()
    if color:
        console.print(_coloured_text(view))
    else:
        # Printed as is, not wrapped, so removing the markers gives back the article text exactly.
        buffer.write(plain_marked_text(view.article.text, view.spans) + "\n")
    console.print()
    console.print(Group(*tables))
    return buffer.getvalue()
