"""The web page at ``/`` in a real headless chromium against a real server: paste, upload, URL errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from spinscope.io.ptc import read_ptc
from spinscope.model import Layer
from spinscope.settings import default_data_dir

if TYPE_CHECKING:
    from playwright.sync_api import FrameLocator, Page

pytestmark = pytest.mark.browser

#: Analysing the seed article takes well under this on the 2-core CI box; generous for a cold model.
ANALYSIS_TIMEOUT_MS = 60_000


def _screenshot(page: Page, path: Path) -> None:
    """A screenshot of the whole page; the viewport grows first so the report frame paints in full."""
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    page.set_viewport_size({"width": 1400, "height": min(height, 6000)})
    page.screenshot(path=str(path), full_page=True)


def _report(page: Page) -> FrameLocator:
    page.wait_for_selector("#report:not([hidden])", timeout=ANALYSIS_TIMEOUT_MS)
    report = page.frame_locator("#report")
    report.locator("html[data-ready=true]").wait_for(state="attached")
    return report


@pytest.mark.data
def test_paste_the_seed_article_and_see_the_report(page: Page, seed_path: Path, artifacts: Path) -> None:
    page.fill("#text", seed_path.read_text(encoding="utf-8"))
    page.click("#analyze")
    report = _report(page)
    _screenshot(page, artifacts / "web-seed.png")
    assert "Lavrov Throws Washington a Bone" in report.locator("#title").inner_text()
    assert report.locator("#legend-heading").is_visible()
    assert report.locator("#quotes-heading").is_visible()
    assert report.locator("#article-text").inner_text().startswith("Russian Foreign Minister Sergei Lavrov")
    assert report.locator("mark.seg").count() > 0, "no highlighted spans"
    assert report.locator(".legend-item").count() > 0
    assert report.locator(".quote").count() > 0, "no quotes"
    assert page.locator("#download-json").is_visible()


@pytest.mark.data
def test_open_a_saved_gold_result(page: Page, tmp_path: Path, artifacts: Path) -> None:
    articles = read_ptc(default_data_dir() / "semeval2020-task11-ptc-v2" / "train-articles")
    article = next(a for a in articles if len(a.spans(Layer.GOLD_TECHNIQUES)) >= 5)
    saved = tmp_path / "gold.json"
    saved.write_text(json.dumps(article.to_dict()), encoding="utf-8")
    page.check("input[value=result]")
    page.set_input_files("#result-file", str(saved))
    page.click("#analyze")
    report = _report(page)
    assert report.locator("mark.seg").count() > 0
    report.locator("mark.seg").first.focus()
    assert "gold label" in report.locator("#tip").inner_text()
    _screenshot(page, artifacts / "web-gold.png")


def test_upload_a_file(page: Page, tmp_path: Path) -> None:
    upload = tmp_path / "story.txt"
    upload.write_text("date 2031-03-14 A Test Story by Jo Writer – Test Post\n\nThe council met on Monday.\n")
    page.check("input[value=file]")
    page.set_input_files("#file", str(upload))
    page.click("#analyze")
    report = _report(page)
    assert report.locator("#title").inner_text() == "A Test Story"
    assert "The council met on Monday." in report.locator("#article-text").inner_text()


def test_a_refused_url_shows_the_error(page: Page) -> None:
    page.check("input[value=url]")
    page.fill("#url", "http://127.0.0.1:9/story")
    page.click("#analyze")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert "loopback" in error.inner_text() and "422" in error.inner_text()
    assert page.locator("#report").is_hidden()
