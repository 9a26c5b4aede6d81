"""Benchmark the HTML report: its size for the seed article and its render time in headless chromium.

Analyses the seed article with the default settings, writes the report, opens it ``--loads`` times in
Debian's chromium (Playwright, no browser download) and prints the size and the load-event times.
For scale it does the same for the PTC v2 training article with the most gold spans.

usage (from the repo root, next to ../shared):
  python benchmarks/bench_report.py
  python benchmarks/bench_report.py --loads 20 --no-quotes
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from spinscope import analyze
from spinscope.io import read_input, read_ptc
from spinscope.model import Layer
from spinscope.render.html import render_html
from spinscope.settings import Settings, default_data_dir

SEED = Path("..") / "shared" / "examples" / "russia-insider-2017-11-19.txt"
OUT = Path("test-artifacts")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def measure(name: str, result: dict[str, Any], loads: int) -> dict[str, Any]:
    """Render ``result``, write it, and time ``loads`` fresh page loads in chromium."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    html = render_html(result)
    render_ms = (time.perf_counter() - started) * 1000
    OUT.mkdir(exist_ok=True)
    path = OUT / f"bench-report-{name}.html"
    path.write_text(html, encoding="utf-8")
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(loads):
            page = browser.new_page()
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("html[data-ready=true]")
            times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            page.close()
        browser.close()
    layer = result["layers"].get(Layer.TECHNIQUES) or result["layers"].get(Layer.GOLD_TECHNIQUES) or []
    return {
        "article": name,
        "chars": len(result["article"]["text"]),
        "spans": len(layer),
        "report_bytes": len(html.encode("utf-8")),
        "python_render_ms": round(render_ms, 1),
        "loads": loads,
        "load_ms_median": round(statistics.median(times), 1),
        "load_ms_max": round(max(times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=20, help="page loads per report")
    parser.add_argument("--no-quotes", action="store_true", help="skip quote attribution")
    args = parser.parse_args()
    settings = Settings(quotes=not args.no_quotes)
    seed = analyze(read_input(str(SEED), settings=settings), settings=settings).to_dict()
    articles = read_ptc(default_data_dir() / "semeval2020-task11-ptc-v2" / "train-articles")
    busiest = max(articles, key=lambda article: len(article.spans(Layer.GOLD_TECHNIQUES)))
    rows = [measure("seed", seed, args.loads), measure(f"ptc-{busiest.id}-gold", busiest.to_dict(), args.loads)]
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
