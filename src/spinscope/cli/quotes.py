"""Print the attributions of one article: who said what, with which cue, relayed through whom.

INPUT is a file path (plain text, record format, HTML, or a saved spinscope JSON result),
an http(s) URL, or ``-`` for standard input. A JSONL or CSV corpus (many articles) is
refused: analyse it with ``spinscope batch``.

examples:
  spinscope quotes ../shared/examples/russia-insider-2017-11-19.txt
  spinscope quotes article.html --json
  cat story.txt | spinscope quotes -
"""

from __future__ import annotations

import argparse
import json
import sys

from spinscope.cli import add_max_chars_argument, add_quotes_model_arguments, max_chars_settings, quotes_model_settings
from spinscope.cli._input import read_one_article
from spinscope.cli._progress import progress_bar
from spinscope.settings import Settings

COMMAND = "quotes"
HELP = "print the quote attributions of one article (source, cue, content, relay chain)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="file path, http(s) URL, or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the attribution layers as JSON")
    parser.add_argument("--allow-private-urls", action="store_true", help="allow URLs on private/loopback addresses")
    add_quotes_model_arguments(parser)
    add_max_chars_argument(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.pipeline import attach
    from spinscope.quotes import attribute_quotes
    from spinscope.render.plain import format_attributions

    settings = quotes_model_settings(args, max_chars_settings(args, settings)).with_(
        allow_private_urls=args.allow_private_urls
    )
    article = read_one_article(args.input, settings=settings)
    with progress_bar(len(article.text)):
        result = attach(article, attribute_quotes(article, settings)).to_dict()
    if args.json:
        layers = ("attributions", "quote_sources", "quote_cues", "relays")
        payload = {
            "article": {"id": result["article"]["id"]},
            "layers": {k: result["layers"].get(k, []) for k in layers},
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_attributions(result))
    return 0
