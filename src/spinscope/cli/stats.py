"""Print statistics of a batch results folder (DuckDB over its Parquet tables).

Without --by: one overview row (articles, errors, scores, spans, attributions).
--by outlet|author|month: articles, mean propaganda score, spans and attributions per group.
--by technique: spans, articles and share per technique (--layer gold_techniques for a corpus's gold).
--errors: every failed document (id, input, reason and error message), from the errors table.

examples:
  spinscope stats results/
  spinscope stats results/ --by outlet
  spinscope stats results/ --by technique --format csv > techniques.csv
  spinscope stats results/ --errors
  spinscope stats ptc-results/ --by technique --layer gold_techniques --format json
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from spinscope.cli import add_min_score_argument, add_taxonomy_argument, display_min_score
from spinscope.cli._text import plural
from spinscope.settings import Settings

COMMAND = "stats"
HELP = "statistics of a batch results folder, by outlet, author, month or technique"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results_dir", metavar="RESULTS_DIR", type=Path, help="folder written by spinscope batch")
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--by", choices=("outlet", "author", "month", "technique"), default=None, help="group rows by")
    view.add_argument(
        "--errors", action="store_true", help="list the failed documents: id, input, reason and error message"
    )
    parser.add_argument(
        "--layer", choices=("techniques", "gold_techniques"), default="techniques", help="for --by technique"
    )
    add_min_score_argument(parser, what="for --by technique")
    add_taxonomy_argument(
        parser,
        help="for --by technique: count by SemEval-2020 label, by SemEval-2023 name (a finding with several "
        "candidates once, under their joined name) or both (default: the taxonomy the batch was run with)",
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")


def format_table(rows: list[dict[str, Any]]) -> str:
    """Rows as aligned plain-text columns (numbers right-aligned, empty values as '-')."""
    if not rows:
        return "(no rows)\n"
    names = list(rows[0])
    cells = [["-" if row[name] is None else str(row[name]) for name in names] for row in rows]
    widths = [max(len(name), *(len(line[i]) for line in cells)) for i, name in enumerate(names)]
    numeric = [all(isinstance(row[name], int | float) or row[name] is None for row in rows) for name in names]

    def line(values: list[str]) -> str:
        padded = (v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(values) for values in cells)]
    return "\n".join(out) + "\n"


def format_errors(rows: list[dict[str, Any]], results_dir: Path) -> str:
    """The failed documents, one block each: id and input, then reason and message."""
    if not rows:
        return f"no failed documents in {results_dir}\n"
    lines = [f"{plural(len(rows), 'failed document')} in {results_dir}:"]
    for row in rows:
        lines.append(f"- {row['id'] or '(not read)'}  [{row['input'] or '-'}]")
        lines.append(f"  {row['reason']}: {row['message']}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.batch.stats import compute_stats, list_errors

    if args.errors:
        rows = list_errors(args.results_dir)
    else:
        rows = compute_stats(
            args.results_dir,
            by=args.by,
            layer=args.layer,
            min_score=display_min_score(args, settings),
            taxonomy=args.taxonomy,
        )
    if args.errors and args.format == "table":
        sys.stdout.write(format_errors(rows, args.results_dir))
    elif args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        sys.stdout.write(format_table(rows))
    return 0
