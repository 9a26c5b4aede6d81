"""A real ``spinscope serve`` process and Debian's headless chromium (driven by Playwright) for the web page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def server_url(start_server: Callable[..., Any]) -> Iterator[str]:
    """``python -m spinscope serve`` on a free 127.0.0.1 port, with default settings; always stopped."""
    server = start_server()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def page(browser: Browser, server_url: str) -> Iterator[Page]:
    """The web page of the module's ``server_url``, with every request it makes checked to stay on the server."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server_url)
    yield page
    outside = [url for url in requests if not url.startswith((server_url, "about:", "data:", "blob:"))]
    page.close()
    assert not outside, f"the page loaded external assets: {outside}"
