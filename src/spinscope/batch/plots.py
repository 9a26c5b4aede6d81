"""Plots of a results folder with matplotlib (Agg, no display): PNG, SVG, or an offline HTML page.

The HTML page embeds the SVG inline, so it opens anywhere without a network.
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any, Literal

from spinscope.batch.stats import named_spans_sql, query
from spinscope.batch.store import batch_taxonomy
from spinscope.errors import DataNotFoundError, InputError
from spinscope.model import Layer
from spinscope.render.view import UNKNOWN_COLOR, technique_styles
from spinscope.settings import SEMEVAL2020, SEMEVAL2023, check_taxonomy

PlotKind = Literal["techniques-by-outlet", "over-time", "score-distribution"]
PLOT_KINDS: tuple[PlotKind, ...] = ("techniques-by-outlet", "over-time", "score-distribution")
FORMATS = (".png", ".svg", ".html")

#: Outlets shown in techniques-by-outlet (the ones with most articles); more bars stop being readable.
TOP_OUTLETS = 15
#: Bins of the score histogram: 20 bins of 0.05 resolve a few hundred articles without gaps.
SCORE_BINS = 20
#: Resolution of PNG output; 150 dpi is sharp on screens and fine for print drafts.
PNG_DPI = 150

_UNKNOWN = "(unknown)"


def _techniques_by_outlet(
    results_dir: Path, layer: str, min_score: float = 0.0, taxonomy: str = SEMEVAL2020
) -> tuple[dict[str, int], list[str], dict[tuple[str, str], float]]:
    """Articles per outlet (most first), techniques (most spans first), and spans per article of each pair.

    ``taxonomy`` ``semeval2023``: techniques are SemEval-2023 names (a finding with several candidates
    once, under their joined name); otherwise SemEval-2020 labels.
    """
    column = "s.semeval2023" if taxonomy == SEMEVAL2023 else "s.semeval2020"
    outlets = query(
        results_dir,
        f"""SELECT coalesce(outlet_name, outlet, '{_UNKNOWN}') AS outlet, count(*) AS articles
            FROM articles GROUP BY 1 ORDER BY articles DESC, outlet LIMIT {TOP_OUTLETS}""",
    )
    cells = query(
        results_dir,
        f"""WITH named AS ({named_spans_sql(batch_taxonomy(results_dir) or SEMEVAL2020)})
            SELECT coalesce(a.outlet_name, a.outlet, '{_UNKNOWN}') AS outlet, {column} AS technique,
                   count(*) AS spans
            FROM named s JOIN articles a ON a.id = s.article_id
            WHERE s.layer = $layer AND (s.score IS NULL OR s.score >= $min_score) GROUP BY 1, 2""",
        {"layer": layer, "min_score": min_score},
    )
    if not cells:
        raise DataNotFoundError(f"{results_dir}: no spans in layer {layer!r} (was the batch run with --no-techniques?)")
    articles = {row["outlet"]: row["articles"] for row in outlets}
    totals: dict[str, int] = {}
    for row in cells:
        totals[row["technique"]] = totals.get(row["technique"], 0) + row["spans"]
    techniques = sorted(totals, key=lambda t: (-totals[t], t))
    per_article = {
        (row["outlet"], row["technique"]): row["spans"] / articles[row["outlet"]]
        for row in cells
        if row["outlet"] in articles
    }
    return articles, techniques, per_article


def technique_color(name: str, taxonomy: str = SEMEVAL2020) -> str | None:
    """The colour the HTML report gives a technique, or None for a name outside the taxonomy."""
    color = technique_styles([name], taxonomy)[name].color
    return None if color == UNKNOWN_COLOR else color


def _legend_label(name: str, taxonomy: str) -> str:
    """A technique as the plot's legend names it: the label, or the report's name in 2023 and both."""
    return name if taxonomy == SEMEVAL2020 else technique_styles([name], taxonomy)[name].display_name


def _draw(results_dir: Path, kind: PlotKind, layer: str, min_score: float = 0.0, taxonomy: str = SEMEVAL2020) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 6), layout="constrained")
    axes = figure.add_subplot()
    if kind == "techniques-by-outlet":
        articles, techniques, per_article = _techniques_by_outlet(results_dir, layer, min_score, taxonomy)
        outlets = list(articles)
        bar_names = [f"{outlet} ({articles[outlet]})" for outlet in outlets]
        fallback = matplotlib.colormaps["tab20"]
        left = [0.0] * len(outlets)
        for index, technique in enumerate(techniques):
            widths = [per_article.get((outlet, technique), 0.0) for outlet in outlets]
            color = technique_color(technique, taxonomy) or fallback(index % 20)
            name = _legend_label(technique, taxonomy)
            axes.barh(bar_names, widths, left=left, label=name, color=color, edgecolor="#4d4d4d", linewidth=0.4)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel(f"{layer} spans per article (outlet, number of articles)")
        axes.set_title(f"Techniques by outlet ({layer})")
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))  # outside: bars may be long
    elif kind == "over-time":
        rows = query(
            results_dir,
            """SELECT substr(date, 1, 7) AS month, count(*) AS articles, avg(propaganda_score) AS score
               FROM articles WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1""",
        )
        if not rows:
            raise DataNotFoundError(f"{results_dir}: no article has a date; over-time needs dated articles")
        months = [row["month"] for row in rows]
        axes.bar(months, [row["articles"] for row in rows], color="#b0c4de", label="articles")
        axes.set_ylabel("articles per month")
        axes.tick_params(axis="x", labelrotation=45)
        scores = [row["score"] for row in rows]
        if any(score is not None for score in scores):
            right = axes.twinx()
            right.plot(months, [float("nan") if s is None else s for s in scores], color="#c0392b", marker="o")
            right.set_ylim(0, 1)
            right.set_ylabel("mean propaganda score", color="#c0392b")
        axes.set_title("Articles and propaganda score over time")
    else:
        rows = query(results_dir, "SELECT propaganda_score AS score FROM articles WHERE propaganda_score IS NOT NULL")
        if not rows:
            raise DataNotFoundError(f"{results_dir}: no propaganda scores (was the batch run with --no-techniques?)")
        axes.hist([row["score"] for row in rows], bins=SCORE_BINS, range=(0.0, 1.0), color="#4a7ab5", edgecolor="white")
        axes.set_xlabel("article propaganda score")
        axes.set_ylabel("articles")
        axes.set_title(f"Propaganda score distribution ({len(rows):,} article{'' if len(rows) == 1 else 's'})")
    return figure


def plot(
    results_dir: Path | str,
    kind: PlotKind,
    output: Path | str,
    *,
    layer: str = Layer.TECHNIQUES,
    min_score: float = 0.0,
    taxonomy: str | None = None,
) -> Path:
    """Draw one plot of a results folder into ``output`` (.png, .svg or .html by its suffix).

    Args:
        kind: ``techniques-by-outlet``, ``over-time`` or ``score-distribution``.
        layer: for techniques-by-outlet, predicted ``techniques`` or ``gold_techniques``.
        min_score: for techniques-by-outlet, count the findings scoring at least this (gold spans always).
        taxonomy: for techniques-by-outlet (:attr:`Settings.taxonomy`; ``None``: the one the batch was run with):
            ``semeval2023`` stacks and colours the bars by SemEval-2023 name; ``both`` keeps the 2020 bars, named
            in both.

    Raises:
        InputError: unknown kind or output suffix.
        DataNotFoundError: no results, or nothing to draw (no dates, no scores, no spans).
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(str(output), f"unsupported plot format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")
    if kind not in PLOT_KINDS:
        raise InputError(kind, f"unknown plot kind; use one of {', '.join(PLOT_KINDS)}")
    taxonomy = check_taxonomy(taxonomy or batch_taxonomy(results_dir) or SEMEVAL2020)
    figure = _draw(Path(results_dir), kind, layer, min_score, taxonomy)
    if suffix == ".png":
        figure.savefig(output, dpi=PNG_DPI)
    elif suffix == ".svg":
        figure.savefig(output, format="svg", metadata={"Date": None})
    else:
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: not allowed inside HTML
        title = html.escape(f"spinscope: {kind} of {Path(results_dir).name}")
        output.write_text(
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f"<body>\n<h1>{title}</h1>\n{svg}\n</body></html>\n",
            encoding="utf-8",
        )
    return output
