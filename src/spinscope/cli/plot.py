"""Draw a plot of a batch results folder: PNG, SVG, or an HTML page that works offline.

kinds:
  techniques-by-outlet  technique spans per article for the outlets with most articles (stacked bars)
  over-time             articles per month and their mean propaganda score
  score-distribution    histogram of the article propaganda scores

examples:
  spinscope plot results/ --kind techniques-by-outlet -o techniques.png
  spinscope plot results/ --kind over-time -o over-time.svg
  spinscope plot results/ --kind score-distribution -o scores.html
  spinscope plot ptc-results/ --kind techniques-by-outlet --layer gold_techniques -o gold.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinscope.cli import add_min_score_argument, add_taxonomy_argument, display_min_score
from spinscope.settings import Settings

COMMAND = "plot"
HELP = "plot a batch results folder (techniques by outlet, over time, score distribution)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results_dir", metavar="RESULTS_DIR", type=Path, help="folder written by spinscope batch")
    parser.add_argument(
        "--kind",
        choices=("techniques-by-outlet", "over-time", "score-distribution"),
        required=True,
        help="what to draw",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.png, FILE.svg or FILE.html")
    parser.add_argument(
        "--layer", choices=("techniques", "gold_techniques"), default="techniques", help="for techniques-by-outlet"
    )
    add_min_score_argument(parser, what="for techniques-by-outlet")
    add_taxonomy_argument(
        parser,
        help="for techniques-by-outlet: bars by SemEval-2020 label, by SemEval-2023 name (a finding with several "
        "candidates once, under all of them) or 2020 bars named in both (default: the taxonomy the batch was run "
        "with)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.batch.plots import plot

    path = plot(
        args.results_dir,
        args.kind,
        args.output,
        layer=args.layer,
        min_score=display_min_score(args, settings),
        taxonomy=args.taxonomy,
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0
