"""A real ``spinscope serve`` process and Debian's headless chromium (driven by Playwright) for the web page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def server_url(start_server: Callable[..., Any]) -> Iterator[str]:
    """``python -m spinscope serve`` on a free 127.0.0.1 port, with default settings; always stopped."""
    server = start_server()
    try:
        yield server.url
    finally:
        server.stop()
