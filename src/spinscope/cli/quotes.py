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
from typing import Any

from spinscope.cli import add_fast_quotes_argument, add_max_chars_argument, max_chars_settings
from spinscope.cli._input import read_one_article
from spinscope.cli._progress import progress_bar
from spinscope.settings import Settings

COMMAND = "quotes"
HELP = "print the quote attributions of one article (source, cue, content, relay chain)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="file path, http(s) URL, or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the attribution layers as JSON")
    parser.add_argument("--allow-private-urls", action="store_true", help="allow URLs on private/loopback addresses")
    add_fast_quotes_argument(parser)
    add_max_chars_argument(parser)


def _shorten(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _relay_kind(relay: dict[str, Any]) -> str:
    """The relay's kind, with "not in registry" for an outlet the registry does not know."""
    from spinscope.render.view import OUTLET_KINDS

    unlisted = relay.get("in_registry") is False and relay.get("kind") in OUTLET_KINDS
    return f"{relay['kind']}, not in registry" if unlisted else str(relay["kind"])


def format_attributions(result: dict[str, Any]) -> str:
    """Plain-text lines for the ``attributions`` layer of an :meth:`Article.to_dict` result."""
    text = result["article"]["text"]
    spans = result["layers"].get("attributions", [])
    if not spans:
        return "no attributions found\n"
    lines = []
    for number, span in enumerate(spans, start=1):
        attrs = span["attrs"]
        source = attrs.get("source")
        cue = attrs.get("cue")
        written = text[source["start"] : source["end"]] if source else None
        speaker = attrs.get("source_name") or written or "(no speaker)"
        resolution = attrs.get("speaker") or {}
        if resolution.get("name") is None and resolution.get("kind") in ("pronoun", "title"):
            speaker = f"{resolution.get('written') or written} (unresolved)"
        elif written and attrs.get("source_name") and written != attrs["source_name"]:
            speaker = f"{attrs['source_name']} (written: {written})"
        cue_text = text[cue["start"] : cue["end"]] if cue else "-"
        lines.append(f"{number}. [{span['label']}] {speaker} | cue: {cue_text} | chars {span['start']}-{span['end']}")
        lines.append(f"   {_shorten(span['text'])}")
        relays = attrs.get("relays") or []
        if relays:
            chain = " -> ".join(f"{r['order']}. {r['name']} ({_relay_kind(r)})" for r in relays)
            lines.append(f"   relayed via: {chain}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.pipeline import attach
    from spinscope.quotes import attribute_quotes

    settings = max_chars_settings(args, settings).with_(
        allow_private_urls=args.allow_private_urls, quote_network=not args.fast_quotes
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
