"""Flag persuasion techniques in drafts, one line per finding, as a linter flags code.

PATH is a plain text or Markdown file (.txt, .md), a folder (searched for such files) or a glob.
Each finding is printed as ``path:line:col: rule (score) "fragment" - reason``, with the line and
column of the fragment's first character in the file itself (record header, CRLF line ends,
Markdown syntax and a removed share/subscribe trailer accounted for).

Only technique findings at or above the display threshold are reported; quotes and the outlet
are not linted. ``--select anonymous-source`` adds attributions without a named source.
``--taxonomy semeval2023`` names the rules in SemEval-2023 through the documented mapping (each
reason says "mapped from" its SemEval-2020 class; a class that 2023 split is one rule named by every
candidate); ``--taxonomy both`` keeps the 2020 rules and adds the 2023 name.

exit codes: 0 nothing reported, 1 findings reported, 2 a usage or input error (the other files
are still linted).

examples:
  spinscope lint drafts/
  spinscope lint story.md --min-score 0.5 --ignore repetition
  spinscope lint 'drafts/**/*.md' --format sarif > spinscope.sarif
  spinscope lint story.md --select all
  spinscope lint drafts/ --taxonomy semeval2023 --format sarif > spinscope.sarif
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinscope.cli import (
    add_max_chars_argument,
    add_taxonomy_argument,
    max_chars_settings,
    score_type,
    taxonomy_settings,
)
from spinscope.errors import InputError
from spinscope.settings import Settings

COMMAND = "lint"
HELP = "flag persuasion techniques in text and Markdown drafts (path:line:col, SARIF, exit codes)"

#: Exit codes (docs/exit-codes.md).
EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="PATH", nargs="+", help="draft file, folder or glob")
    parser.add_argument(
        "--min-score",
        type=score_type,
        default=None,
        metavar="S",
        help="report findings scored at least S (default: the display threshold of the settings or model)",
    )
    parser.add_argument(
        "--select",
        action="append",
        default=None,
        metavar="RULES",
        help="comma-separated rules to run instead of every technique (technique names, anonymous-source, "
        "techniques, all)",
    )
    parser.add_argument("--ignore", action="append", default=[], metavar="RULES", help="comma-separated rules to skip")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    parser.add_argument("--model", type=Path, default=None, help="technique model directory (default: shipped model)")
    add_max_chars_argument(parser)
    add_taxonomy_argument(
        parser,
        help="name the rules in SemEval-2020 (default: the model's labels), SemEval-2023 (the same findings "
        "through the documented mapping, marked as mapped; a split class is one rule named by every candidate) "
        "or both (docs/lint.md)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.lint import Finding, Linter, LintOptions, draft_paths, resolve_rules
    from spinscope.lint.report import json_report, sarif_report, text_report

    settings = taxonomy_settings(args, max_chars_settings(args, settings))
    settings = settings.with_(model_dir=args.model, quotes=False, outlet=False)
    selected = resolve_rules(args.select, args.ignore, taxonomy=settings.taxonomy)
    options = LintOptions(min_score=args.min_score, rules=selected)
    errors: list[str] = []
    paths: list[Path] = []
    for pattern in args.paths:
        try:
            paths += draft_paths([pattern])
        except InputError as e:
            errors.append(str(e))
    linter = Linter(settings, options)
    findings: list[Finding] = []
    for path in paths:
        try:
            findings += linter.lint_path(path)
        except InputError as e:
            errors.append(str(e))
    for error in errors:
        print(f"spinscope lint: error: {error}", file=sys.stderr)
    if args.format == "json":
        report = json_report(
            findings, files=len(paths), min_score=linter.min_score, errors=errors, taxonomy=settings.taxonomy
        )
        sys.stdout.write(report)
    elif args.format == "sarif":
        sys.stdout.write(sarif_report(findings, min_score=linter.min_score, errors=errors, taxonomy=settings.taxonomy))
    else:
        sys.stdout.write(text_report(findings))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_CLEAN
