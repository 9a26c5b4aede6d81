"""Compare two articles: their persuasion figures side by side and the differences that matter, in words.

A and B are file paths (text, record format, HTML, or a saved spinscope JSON result), http(s)
URLs, or, with ``--batch DIR``, two article ids of a ``spinscope batch`` results folder. An
article that is not a saved result is analysed first.

The figures: propaganda score, findings per 1,000 words by technique, the share of sentences
flagged, quotes (named, unresolved and anonymous sources; direct and indirect), relays by kind
and the outlets' profiles. Findings count from the display threshold (``--min-score``).

examples:
  spinscope compare story-a.txt story-b.txt
  spinscope compare a.json https://example.org/story --format html -o compare.html
  spinscope compare --batch results/ article111111112 article111111113 --format json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinscope.cli import add_analysis_arguments, add_taxonomy_argument, analysis_settings, taxonomy_settings
from spinscope.settings import Settings

if TYPE_CHECKING:
    from spinscope.pipeline import Analyzer

COMMAND = "compare"
HELP = "compare two articles (paths, URLs or batch ids): figures side by side, differences in words"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="first article: path, URL, or an article id with --batch")
    parser.add_argument("b", metavar="B", help="second article: path, URL, or an article id with --batch")
    parser.add_argument("--batch", type=Path, default=None, metavar="DIR", help="read A and B by id from this batch")
    parser.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write here instead of stdout")
    add_analysis_arguments(parser)  # --min-score among them: findings counted from that score
    add_taxonomy_argument(parser)


def _results(sources: tuple[str, str], settings: Settings) -> tuple[list[dict[str, Any]], Analyzer | None]:
    """Both sides' result dicts (a saved result as it is, anything else analysed), and the analyzer if one ran."""
    from spinscope.cli._input import read_one_article
    from spinscope.compare import is_analysed
    from spinscope.pipeline import shared_analyzer

    results, analyzer = [], None
    for source in sources:
        article = read_one_article(source, settings=settings)
        if not is_analysed(article):
            analyzer = shared_analyzer(settings)
            article = analyzer.analyze(article)
        results.append(article.to_dict())
    return results, analyzer


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.compare import compare_results, display_threshold
    from spinscope.render.compare import render_compare_html, render_compare_text

    settings = taxonomy_settings(args, analysis_settings(args, settings))
    analyzer = None
    if args.batch is not None:
        from spinscope.batch.results import read_result

        a, b = read_result(args.batch, args.a), read_result(args.batch, args.b)
    else:
        (a, b), analyzer = _results((args.a, args.b), settings)
    min_score = args.min_score if args.min_score is not None else display_threshold(settings, analyzer)
    comparison = compare_results(a, b, min_score=min_score, taxonomy=settings.taxonomy)
    if args.format == "json":
        output = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        output = render_compare_html(comparison, a, b)
    else:
        output = render_compare_text(comparison)
    if args.output is None:
        sys.stdout.write(output)
    else:
        args.output.write_text(output, encoding="utf-8")
    return 0
