"""A comparison of two articles for people: a terminal table, or one self-contained HTML page.

Both show the same rows (:func:`figure_rows`) and the differences in words; the page also shows the
two texts side by side, highlighted by the report's own functions (:mod:`spinscope.render.html`).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from spinscope.compare import Comparison
from spinscope.model.profile import WORDS_PER_RATE, Profile
from spinscope.render.html import _asset, _span_style, _text_html
from spinscope.render.view import ReportView, build_view, technique_styles
from spinscope.settings import SEMEVAL2020
from spinscope.taxonomy.naming import label_name_2023, taxonomy_note

#: No request of any kind, and no script: the page is static.
COMPARE_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)
#: Width of the figure column in the terminal table.
LABEL_WIDTH = 34
VALUE_WIDTH = 30


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _outlet(profile: Profile) -> tuple[str, str]:
    outlet = profile.outlet or {}
    name = str(outlet.get("name") or outlet.get("query") or profile.outlet_name or "-")
    ratings = [rating for rating in outlet.get("ratings") or () if isinstance(rating, Mapping)]
    rated = ", ".join(
        f"{rating.get('list')}: {rating.get('factuality') or '-'} factuality, {rating.get('bias') or '-'} bias"
        for rating in ratings
    )
    known = "in a reliability list" if outlet.get("known") else "not in any list"
    return name, (rated or known) if outlet else "-"


def figure_rows(comparison: Comparison) -> list[tuple[str, str, str]]:
    """``(figure, A, B)`` rows: the profile figures of both articles, techniques by rate (highest first)."""
    a, b = comparison.a, comparison.b
    per = f"per {WORDS_PER_RATE:,} words"
    rows = [
        ("title", a.title or a.id or "-", b.title or b.id or "-"),
        ("words", f"{a.n_words:,}", f"{b.n_words:,}"),
        ("propaganda score", _score(a.propaganda_score), _score(b.propaganda_score)),
        (
            f"findings {per}",
            f"{a.findings_per_1000_words:.1f} ({a.findings})",
            f"{b.findings_per_1000_words:.1f} ({b.findings})",
        ),
        (
            "sentences flagged",
            f"{_share(a.sentence_share_flagged)} ({a.sentences_flagged}/{a.n_sentences})",
            f"{_share(b.sentence_share_flagged)} ({b.sentences_flagged}/{b.n_sentences})",
        ),
    ]
    labels = sorted(set(a.rates) | set(b.rates), key=lambda label: -max(a.rates.get(label, 0), b.rates.get(label, 0)))
    styles = technique_styles(labels, comparison.taxonomy)
    for label in labels:
        rows.append(
            (
                f"  {styles[label].display_name}",
                f"{a.rates.get(label, 0.0):.1f} ({a.technique_counts.get(label, 0)})",
                f"{b.rates.get(label, 0.0):.1f} ({b.technique_counts.get(label, 0)})",
            )
        )
    rows += _paragraph_rows(comparison)
    qa, qb = a.quotes, b.quotes
    rows += [
        ("quotes", str(qa.count), str(qb.count)),
        (
            "  named / unresolved / anonymous",
            f"{qa.named} / {qa.unresolved} / {qa.anonymous}",
            f"{qb.named} / {qb.unresolved} / {qb.anonymous}",
        ),
        ("  direct / indirect", f"{qa.direct} / {qa.indirect}", f"{qb.direct} / {qb.indirect}"),
        ("  relayed", str(qa.relayed), str(qb.relayed)),
        ("  through state media", str(comparison.state_relays[0]), str(comparison.state_relays[1])),
    ]
    for kind in sorted(set(qa.relays_by_kind) | set(qb.relays_by_kind)):
        rows.append(
            (
                f"  through {kind.replace('_', ' ')}",
                str(qa.relays_by_kind.get(kind, 0)),
                str(qb.relays_by_kind.get(kind, 0)),
            )
        )
    (name_a, rated_a), (name_b, rated_b) = _outlet(a), _outlet(b)
    rows += [("outlet", name_a, name_b), ("  ratings", rated_a, rated_b)]
    return rows


def _paragraph_rows(comparison: Comparison) -> list[tuple[str, str, str]]:
    """The SemEval-2023 paragraph rows: paragraphs labelled, then per label how many paragraphs carry it."""
    para_a, para_b = comparison.paragraphs
    if para_a is None and para_b is None:
        return []
    labelled = [f"{p.labelled} of {p.paragraphs}" if p is not None else "-" for p in (para_a, para_b)]
    rows = [("paragraphs labelled (2023)", labelled[0], labelled[1])]
    counts = [dict(p.counts) if p is not None else None for p in (para_a, para_b)]
    labels = dict.fromkeys(label for p in (para_a, para_b) if p is not None for label, _ in p.counts)
    for label in sorted(labels, key=lambda label: -max((c or {}).get(label, 0) for c in counts)):
        value_a, value_b = (str(c.get(label, 0)) if c is not None else "-" for c in counts)
        rows.append((f"  {label_name_2023(label)}", value_a, value_b))
    return rows


def paragraph_contrast(comparison: Comparison) -> list[str]:
    """Sentences naming the paragraph labels one article has and the other lacks (both need paragraph labels)."""
    said = []
    for side in ("A", "B"):
        only = comparison.only_in(side)
        if only is not None:
            names = ", ".join(label_name_2023(label) for label in only) or "none"
            said.append(f"Paragraph labels only {side} has (2023): {names}.")
    return said


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def render_compare_text(comparison: Comparison) -> str:
    """The terminal comparison: the figure table, then the differences as a list."""
    lines = [f"{'':<{LABEL_WIDTH}} {'A':<{VALUE_WIDTH}} B"]
    for label, a, b in figure_rows(comparison):
        lines.append(
            f"{_cut(label, LABEL_WIDTH):<{LABEL_WIDTH}} {_cut(a, VALUE_WIDTH):<{VALUE_WIDTH}} {_cut(b, VALUE_WIDTH)}"
        )
    lines.append("")
    lines.append(f"Findings counted at a score of at least {comparison.min_score:.2f}.")
    if comparison.taxonomy != SEMEVAL2020:
        lines.append(taxonomy_note(comparison.taxonomy))
        lines += paragraph_contrast(comparison)
    lines.append("Differences:" if comparison.differences else "No difference passes the thresholds (docs/compare.md).")
    lines += [f"- {sentence}." for sentence in comparison.differences]
    return "\n".join(lines) + "\n"


def _legend(view: ReportView) -> str:
    if not view.counts:
        return '<p class="empty">No technique findings.</p>'
    items = "".join(
        f'<li><span class="swatch" style="{_span_style(view.style(label))}">{view.style(label).number}</span> '
        f"{escape(view.style(label).display_name)} ({count})</li>"
        for label, count in view.counts.items()
    )
    return f'<ul class="legend">{items}</ul>'


def _side(side: str, view: ReportView) -> str:
    article = view.article
    title = escape(article.title or article.id or "Untitled article")
    byline = " · ".join(escape(part) for part in (article.author, article.outlet, article.date) if part)
    text = (
        _text_html(view)
        .replace('id="quote-', f'id="{side.lower()}-quote-')
        .replace('href="#quote-', f'href="#{side.lower()}-quote-')
    )
    return (
        f'<section class="side" id="side-{side.lower()}" aria-labelledby="title-{side.lower()}">'
        f'<h2 id="title-{side.lower()}"><span class="letter">{side}</span> {title}</h2>'
        f'<p class="byline">{byline}</p>{_legend(view)}'
        f'<div class="text" id="text-{side.lower()}">{text}</div></section>'
    )


def render_compare_html(comparison: Comparison, a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """One self-contained page (no script, no request): differences, figures, both texts highlighted.

    Args:
        comparison: what :func:`spinscope.compare.compare_results` returned for ``a`` and ``b``.
        a, b: the two result dicts (their texts and spans are drawn).
    """
    views = [build_view(result, min_score=comparison.min_score, taxonomy=comparison.taxonomy) for result in (a, b)]
    rows = "".join(
        f'<tr><th scope="row">{escape(label.strip())}</th><td>{escape(value_a)}</td><td>{escape(value_b)}</td></tr>'
        for label, value_a, value_b in figure_rows(comparison)
    )
    said = "".join(f"<li>{escape(sentence)}.</li>" for sentence in comparison.differences)
    differences = (
        f'<ul id="differences">{said}</ul>' if said else '<p id="differences">No difference passes the thresholds.</p>'
    )
    note = f'<p class="taxonomy-note">{escape(views[0].taxonomy_note)}</p>' if views[0].taxonomy_note else ""
    note += "".join(f'<p class="paragraph-contrast">{escape(line)}</p>' for line in paragraph_contrast(comparison))
    title = escape(
        f"{views[0].article.title or views[0].article.id} vs {views[1].article.title or views[1].article.id}"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{COMPARE_SECURITY_POLICY}">
<meta name="generator" content="spinscope">
<title>spinscope compare: {title}</title>
<style>{_asset("report.css")}{_asset("compare.css")}</style>
</head>
<body>
<header><h1 id="title">Compare: {title}</h1>
<p class="hint">Findings counted at a score of at least {comparison.min_score:.2f};
rates are per {WORDS_PER_RATE:,} words.</p>{note}</header>
<section aria-labelledby="differences-heading">
<h2 id="differences-heading">Differences that matter</h2>{differences}</section>
<section aria-labelledby="figures-heading"><h2 id="figures-heading">Figures</h2>
<table class="figures"><thead><tr><th scope="col">figure</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
<tbody>{rows}</tbody></table></section>
<div class="sides">{_side("A", views[0])}{_side("B", views[1])}</div>
</body>
</html>
"""
