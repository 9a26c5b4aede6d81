"""The compare mode of the web page, and the ``spinscope compare --format html`` page, in a real headless chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "arvelia-2031-03-14.txt"
CALM = (
    "date 2031-03-15 Harbour council approves budget by Jane Roe – Northwind Daily\n\n"
    "The harbour council of Port Vell approved the budget on Tuesday. The mayor said the vote was close.\n"
)
#: Comparing two short articles on the 2-core CI box (both analysed) takes a few seconds; generous.
COMPARE_TIMEOUT_MS = 60_000
#: The issue's figure: the comparison page loads in under a second.
PAGE_LOAD_LIMIT_MS = 1000


def test_compare_two_pasted_articles(page: Page, artifacts: Path) -> None:
    assert page.locator("#compare-mode").is_hidden()
    page.check("input[name=mode][value=compare]")
    assert page.locator("#analyze-mode").is_hidden() and page.locator("#compare-mode").is_visible()
    page.fill("#compare-a", EXAMPLE.read_text(encoding="utf-8"))
    page.fill("#compare-b", CALM)
    page.click("#compare")
    page.wait_for_selector("#compare-report:not([hidden])", timeout=COMPARE_TIMEOUT_MS)
    report = page.frame_locator("#compare-report")
    assert (
        report.locator("#side-a h2")
        .inner_text()
        .endswith("Arvelia Stands Firm as Foreign Meddlers Circle the Salt Coast")
    )
    assert report.locator("#side-b .text").inner_text().startswith("The harbour council of Port Vell")
    assert report.locator("table.figures tbody tr").count() > 5
    assert report.locator("#differences").is_visible()
    page.screenshot(path=str(artifacts / "web-compare.png"), full_page=True)
    page.check("input[name=mode][value=analyze]")
    assert page.locator("#analyze-mode").is_visible()


def test_the_taxonomy_control_compares_again_with_paragraph_labels(page: Page) -> None:
    assert page.locator("#taxonomy-choice").is_visible()
    page.check("input[name=mode][value=compare]")
    assert page.locator("#taxonomy-choice").is_visible(), "the taxonomy control is shared by both modes"
    page.fill("#compare-a", EXAMPLE.read_text(encoding="utf-8"))
    page.fill("#compare-b", CALM)
    page.click("#compare")
    page.wait_for_selector("#compare-report:not([hidden])", timeout=COMPARE_TIMEOUT_MS)
    report = page.frame_locator("#compare-report")
    report.locator("table.figures").wait_for(timeout=COMPARE_TIMEOUT_MS)
    assert "paragraphs labelled (2023)" not in report.locator("table.figures").inner_text()
    page.select_option("#taxonomy", "semeval2023")
    row = report.locator("table.figures tr", has_text="paragraphs labelled (2023)")
    row.wait_for(timeout=COMPARE_TIMEOUT_MS)
    assert row.locator("td").count() == 2
    assert "SemEval-2023" in report.locator(".taxonomy-note").inner_text()


def test_compare_needs_both_texts(page: Page) -> None:
    page.check("input[name=mode][value=compare]")
    page.fill("#compare-a", CALM)
    page.click("#compare")
    assert page.locator("#compare-error").inner_text() == "Paste both articles first."


def test_compare_page_loads_fast_and_offline(browser: Browser, tmp_path: Path, artifacts: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(CALM, encoding="utf-8")
    out = tmp_path / "compare.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spinscope",
            "compare",
            str(EXAMPLE),
            str(calm),
            "--format",
            "html",
            "-o",
            str(out),
            "--min-score",
            "0",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert 0 < load_ms < PAGE_LOAD_LIMIT_MS, f"the comparison page took {load_ms:.0f} ms to load"
    assert requests == [out.as_uri()], f"the page made requests: {requests}"
    assert page.locator(".side").count() == 2 and page.locator("#side-a mark.seg").count() > 0
    page.screenshot(path=str(artifacts / "compare.png"), full_page=False)
    (artifacts / "compare-load-ms.txt").write_text(f"{load_ms:.1f}\n", encoding="utf-8")
    page.close()
