"""The model's SemEval-2023 paragraph labels on the web page (headless chromium, a server on the default taxonomy)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from spinscope.model import Article
from spinscope.render.paragraph_view import paragraph_labels

if TYPE_CHECKING:
    from playwright.sync_api import FrameLocator, Page

pytestmark = pytest.mark.browser

ANALYSIS_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server_url(start_server: Callable[..., Any]) -> Iterator[str]:
    server = start_server("--no-quotes", "--no-outlet")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def expected(server_url: str, example_path: Path) -> list[tuple[int, list[str]]]:
    """``(line, display names)`` of each labelled paragraph, from the API's result dict for the same text."""
    text = example_path.read_text(encoding="utf-8")
    result = httpx.post(f"{server_url}/v1/analyze?taxonomy=semeval2023", json={"text": text}, timeout=60).json()
    found = paragraph_labels(Article.from_dict(result))
    assert found, "the example article should have labelled paragraphs"
    return [(paragraph.line, [name for _, name, _ in paragraph.labels]) for paragraph in found]


def _analyses(page: Page) -> list[str]:
    """The ``/v1/analyze`` requests the page makes, from now on."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/v1/analyze" in request.url else None)
    return seen


def _report(page: Page) -> FrameLocator:
    page.wait_for_selector("#report:not([hidden])", timeout=ANALYSIS_TIMEOUT_MS)
    report = page.frame_locator("#report")
    report.locator("html[data-ready=true]").wait_for(state="attached", timeout=ANALYSIS_TIMEOUT_MS)
    return report


def _assert_listed(report: FrameLocator, expected: list[tuple[int, list[str]]]) -> None:
    report.locator("#paragraphs-heading").wait_for(state="attached", timeout=ANALYSIS_TIMEOUT_MS)
    assert report.locator("#paragraphs-heading").inner_text() == "SemEval-2023 paragraph labels"
    items = report.locator("ol.paragraphs > li").all_inner_texts()
    assert len(items) == len(expected)
    for item, (line, names) in zip(items, expected, strict=True):
        assert item.startswith(f"line {line}: ")
        assert all(name in item for name in names)


def test_2020_shows_no_paragraph_labels_and_2023_analyses_again_to_show_them(
    page: Page, example_path: Path, expected: list[tuple[int, list[str]]], artifacts: Path
) -> None:
    analyses = _analyses(page)
    assert page.locator("#taxonomy").input_value() == "semeval2020"
    page.fill("#text", example_path.read_text(encoding="utf-8"))
    page.click("#analyze")
    report = _report(page)
    assert report.locator("#legend-heading").is_visible()
    assert report.locator("#paragraphs-heading").count() == 0
    assert len(analyses) == 1 and "taxonomy=semeval2020" in analyses[0]
    page.select_option("#taxonomy", "semeval2023")
    _assert_listed(report, expected)
    report.locator("ol.paragraphs").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "web-paragraphs-2023.png"))
    assert len(analyses) == 2 and "taxonomy=semeval2023" in analyses[1]
    page.select_option("#taxonomy", "semeval2020")
    report.locator("#paragraphs-heading").wait_for(state="detached", timeout=ANALYSIS_TIMEOUT_MS)
    page.select_option("#taxonomy", "both")
    _assert_listed(report, expected)
    assert len(analyses) == 2  # the result on show has the labels: rendered again, not analysed again


def test_2023_chosen_first_lists_the_labels_on_the_first_report(
    page: Page, example_path: Path, expected: list[tuple[int, list[str]]]
) -> None:
    analyses = _analyses(page)
    page.select_option("#taxonomy", "semeval2023")
    page.fill("#text", example_path.read_text(encoding="utf-8"))
    page.click("#analyze")
    _assert_listed(_report(page), expected)
    assert len(analyses) == 1


def test_a_saved_result_is_never_analysed_again(
    page: Page, server_url: str, example_path: Path, tmp_path: Path
) -> None:
    text = example_path.read_text(encoding="utf-8")
    saved = tmp_path / "result.json"
    result = httpx.post(f"{server_url}/v1/analyze?min_score=0", json={"text": text}, timeout=60).json()
    saved.write_text(json.dumps(result), encoding="utf-8")
    analyses = _analyses(page)
    page.check("input[name=source][value=result]")
    page.set_input_files("#result-file", str(saved))
    page.click("#analyze")
    report = _report(page)
    page.select_option("#taxonomy", "semeval2023")
    report.locator("#taxonomy-note").wait_for(state="attached", timeout=ANALYSIS_TIMEOUT_MS)
    assert report.locator("#paragraphs-heading").count() == 0 and analyses == []
