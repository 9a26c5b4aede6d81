"""The web page's taxonomy control, in headless chromium against a server started with ``--taxonomy semeval2023``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import FrameLocator, Page

pytestmark = pytest.mark.browser

ANALYSIS_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server_url(start_server: Callable[..., Any]) -> Iterator[str]:
    server = start_server("--taxonomy", "semeval2023", "--no-quotes", "--no-outlet")
    try:
        yield server.url
    finally:
        server.stop()


def _report(page: Page) -> FrameLocator:
    page.wait_for_selector("#report:not([hidden])", timeout=ANALYSIS_TIMEOUT_MS)
    report = page.frame_locator("#report")
    report.locator("html[data-ready=true]").wait_for(state="attached")
    return report


def test_the_control_starts_on_the_server_taxonomy_and_renders_again_on_change(
    page: Page, example_path: Path, artifacts: Path
) -> None:
    assert page.locator("#taxonomy").input_value() == "semeval2023"
    page.fill("#text", example_path.read_text(encoding="utf-8"))
    page.click("#analyze")
    report = _report(page)
    assert "SemEval-2023 taxonomy" in report.locator("#taxonomy-note").inner_text()
    legend = report.locator(".legend").inner_text()
    assert "Group: Attack on reputation" in legend and "False dilemma / no choice" in legend
    assert "Black-and-white fallacy" not in legend
    page.screenshot(path=str(artifacts / "web-taxonomy-2023.png"), full_page=True)
    page.select_option("#taxonomy", "semeval2020")
    report.locator("#taxonomy-note").wait_for(state="detached", timeout=ANALYSIS_TIMEOUT_MS)
    assert "Black-and-white fallacy" in report.locator(".legend").inner_text()
    assert "Group:" not in report.locator(".legend").inner_text()
    page.select_option("#taxonomy", "both")
    report.locator("#taxonomy-note").wait_for(state="attached", timeout=ANALYSIS_TIMEOUT_MS)
    assert "(2023: Name calling / labelling)" in report.locator(".legend").inner_text()
