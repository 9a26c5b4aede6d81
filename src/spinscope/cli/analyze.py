"""Analyse one article: techniques, quotes and the outlet profile.

INPUT is a file path (plain text, record format, HTML, or a saved spinscope JSON result),
an http(s) URL, or ``-`` for standard input. A JSONL or CSV corpus (many articles) is
refused: analyse it with ``spinscope batch``.

examples:
  spinscope analyze examples/arvelia-2031-03-14.txt
  spinscope analyze article.html --format html -o report.html
  spinscope analyze https://example.org/story --format json
  cat story.txt | spinscope analyze - --format text
  spinscope analyze examples/arvelia-2031-03-14.txt --min-score 0      # every finding, however unsure

Technique findings scoring under the model's display threshold are not shown (``--min-score``
changes it); the HTML report has a slider that shows more or fewer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from spinscope.cli import add_analysis_arguments, add_taxonomy_argument, analysis_settings, taxonomy_settings
from spinscope.cli._input import read_one_article
from spinscope.cli._progress import progress_bar
from spinscope.errors import FormatError
from spinscope.settings import Settings

COMMAND = "analyze"
HELP = "analyse one article (path, URL or -)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="file path, http(s) URL, or - for stdin")
    parser.add_argument(
        "--format",
        choices=("json", "text", "html"),
        default=None,
        help="output format (default: from the -o suffix .html/.htm/.txt/.json, any other suffix refused; "
        "without -o text on a terminal, json otherwise)",
    )
    parser.add_argument("-o", "--output", type=Path, default=None, help="write here instead of stdout")
    add_analysis_arguments(parser)
    add_taxonomy_argument(parser)


#: Output formats told by the suffix of ``-o`` when ``--format`` is not given.
_FORMAT_BY_SUFFIX = {".html": "html", ".htm": "html", ".txt": "text", ".json": "json"}


def _format_for(output: Path | None) -> str | None:
    """The format an ``-o`` path asks for; ``None`` without ``-o``.

    Raises:
        FormatError: the suffix is none of :data:`_FORMAT_BY_SUFFIX` (``report.pdf`` must not get JSON).
    """
    if output is None:
        return None
    fmt = _FORMAT_BY_SUFFIX.get(output.suffix.lower())
    if fmt is None:
        suffixes = ", ".join(_FORMAT_BY_SUFFIX)
        raise FormatError(
            str(output),
            f"cannot tell the output format from the suffix {output.suffix or '(none)'!r}: "
            f"use {suffixes}, or give --format json|text|html",
        )
    return fmt


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.pipeline import analyze
    from spinscope.render import render

    settings = taxonomy_settings(args, analysis_settings(args, settings))
    to_terminal = args.output is None and sys.stdout.isatty()
    fmt = args.format or _format_for(args.output) or ("text" if to_terminal else "json")  # checked before analysing
    article = read_one_article(args.input, settings=settings)
    with progress_bar(len(article.text)):
        result = analyze(article, settings=settings).to_dict()
    if fmt == "json":
        from spinscope.render.view import shown_result

        output = (
            json.dumps(shown_result(result, settings.min_score, settings.taxonomy), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        color = to_terminal and not os.environ.get("NO_COLOR")
        output = render(result, fmt, color=color, min_score=settings.min_score, taxonomy=settings.taxonomy)
    if args.output is None:
        sys.stdout.write(output)
    else:
        args.output.write_text(output, encoding="utf-8")
    return 0
