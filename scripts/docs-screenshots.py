"""Take the screenshots of docs/lint.md and docs/compare.md with Debian's chromium (through Playwright).

- docs/img/lint.png: ``spinscope lint examples/draft-harbour.md --select all`` as a terminal shows it;
- docs/img/compare.png: ``spinscope compare`` of the two example articles, the HTML page.

usage (from the repo root): python scripts/docs-screenshots.py
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
#: Screenshots are taken at this device scale, so the PNGs stay small.
SCALE = 0.75


def spinscope(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, cwd=REPO)
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr)
    return result.stdout


def main() -> None:
    lint = spinscope("lint", "examples/draft-harbour.md", "--select", "all")
    terminal = (
        '<!DOCTYPE html><html><body style="margin:0;background:#1e1e1e"><pre id="t" style="margin:0;'
        "padding:16px;color:#e6e6e6;font:14px/1.5 'DejaVu Sans Mono',monospace;white-space:pre-wrap;width:1100px\">"
        f"$ spinscope lint examples/draft-harbour.md --select all\n{html.escape(lint)}$ echo $?\n1</pre></body></html>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "compare.html"
        spinscope(
            "compare",
            "examples/arvelia-2031-03-14.txt",
            "examples/harbour-2031-03-14.txt",
            "--format",
            "html",
            "-o",
            str(page_path),
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1140, "height": 400}, device_scale_factor=SCALE)
            page.set_content(terminal)
            page.locator("#t").screenshot(path=str(REPO / "docs" / "img" / "lint.png"))
            page = browser.new_page(viewport={"width": 1400, "height": 1500}, device_scale_factor=SCALE)
            page.goto(page_path.as_uri())
            page.screenshot(path=str(REPO / "docs" / "img" / "compare.png"))
            browser.close()


if __name__ == "__main__":
    main()
