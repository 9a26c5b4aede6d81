"""The HTML report in a real headless chromium: tooltips on hover and focus, legend filter, inert text, speed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from spinscope.render.html import render_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: The issue's budget for the seed article's report to render in headless chromium.
MAX_RENDER_MS = 1000


def _open(browser: Browser, html: str, path: Path) -> tuple[Page, list[str]]:
    """Write the report to ``path``, open it, and record every request the page makes."""
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("html[data-ready=true]")
    return page, requests


def test_focus_and_hover_show_technique_score_and_reason(
    browser: Browser, result: dict[str, Any], artifacts: Path
) -> None:
    page, requests = _open(browser, render_html(result), artifacts / "report-hand.html")
    try:
        assert requests == [(artifacts / "report-hand.html").resolve().as_uri()], "the report fetched something"
        tip = page.locator("#tip")
        first = page.locator("mark.seg").first
        for _ in range(10):  # keyboard only: Tab until a highlighted span has focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('mark.seg')"):
                break
        assert page.evaluate("document.activeElement.textContent").endswith("monstrous crime")
        assert tip.is_visible()
        assert "Loaded language" in tip.inner_text() and "0.91" in tip.inner_text()
        assert "emotive words" in tip.inner_text()
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.locator("mark.seg.multi").first.hover()
        text = tip.inner_text()
        assert "Name calling" in text and "Flag-waving" in text  # both overlapping spans are described
        page.screenshot(path=str(artifacts / "report-hand.png"), full_page=True)
        assert first.is_visible()
    finally:
        page.close()


def test_legend_filters_techniques(browser: Browser, result: dict[str, Any], artifacts: Path) -> None:
    page, _ = _open(browser, render_html(result), artifacts / "report-filter.html")
    try:
        loaded = page.locator(".legend-item", has_text="Loaded language")
        monstrous = page.locator("mark.seg", has_text="monstrous crime")
        background = monstrous.evaluate("m => getComputedStyle(m).backgroundColor")
        loaded.click()
        assert loaded.get_attribute("aria-pressed") == "false"
        assert "off" in (monstrous.get_attribute("class") or "")
        assert monstrous.evaluate("m => getComputedStyle(m).backgroundColor") != background
        assert monstrous.get_attribute("tabindex") == "-1"
        name_calling = page.locator(".legend-item", has_text="Name calling")
        name_calling.click()  # "our great " stays highlighted by Flag-waving alone
        our_great = page.locator("mark.seg", has_text="our great")
        assert "off" not in (our_great.get_attribute("class") or "")
        assert "multi" not in (our_great.get_attribute("class") or "")
        page.locator("#show-all").click()
        assert page.locator(".legend-item[aria-pressed=false]").count() == 0
        assert page.locator("mark.seg.off").count() == 0
    finally:
        page.close()


def test_script_in_the_article_text_is_inert(browser: Browser, hostile_result: dict[str, Any], artifacts: Path) -> None:
    page, requests = _open(browser, render_html(hostile_result), artifacts / "report-hostile.html")
    try:
        assert page.evaluate("window.__pwned === undefined")
        assert "<script>window.__pwned = 1</script>" in page.locator("#article-text").inner_text()
        assert page.locator("#article-text img, #article-text script").count() == 0
        assert len(requests) == 1
    finally:
        page.close()


@pytest.mark.data
def test_seed_report_renders_within_a_second(browser: Browser, seed_result: dict[str, Any], artifacts: Path) -> None:
    page, _ = _open(browser, render_html(seed_result), artifacts / "report-seed.html")
    try:
        load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        assert 0 < load_ms < MAX_RENDER_MS
        assert "Lavrov" in page.locator("#article-text").inner_text()
        page.screenshot(path=str(artifacts / "report-seed.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.data
def test_gold_report_in_the_browser(browser: Browser, gold_result: dict[str, Any], artifacts: Path) -> None:
    page, _ = _open(browser, render_html(gold_result), artifacts / "report-gold.html")
    try:
        assert page.locator("mark.seg").count() > 0
        page.locator("mark.seg").first.focus()
        assert "gold label" in page.locator("#tip").inner_text()
        page.screenshot(path=str(artifacts / "report-gold.png"), full_page=True)
    finally:
        page.close()


def test_the_score_slider_shows_more_or_fewer_findings_without_a_reload(
    browser: Browser, result: dict[str, Any], artifacts: Path
) -> None:
    result["summary"]["model"]["min_score"] = 0.7  # spans score 0.91, 0.8, 0.66, 0.4
    page, _ = _open(browser, render_html(result), artifacts / "report-slider.html")
    try:
        on = "Array.from(document.querySelectorAll('mark.seg')).filter(m => !m.classList.contains('off')).length"
        assert page.locator("#score-status").inner_text() == "Showing 2 of 4 findings"
        shown_at_default = page.evaluate(on)
        page.locator("#min-score").fill("0")
        assert page.locator("#score-status").inner_text() == "Showing 4 of 4 findings"
        assert page.locator("#min-score-value").inner_text() == "0.00"
        assert page.evaluate(on) > shown_at_default
        page.locator("#min-score").fill("0.95")
        assert page.locator("#score-status").inner_text() == "Showing 0 of 4 findings"
        assert page.evaluate(on) == 0
    finally:
        page.close()
