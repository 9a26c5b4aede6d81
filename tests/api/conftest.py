"""A real ``spinscope serve`` process on a free loopback port, started once per module and always stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

#: Small caps so the limit tests stay cheap; the seed article (~2.3 KB) is well inside them.
MAX_BODY_BYTES = 100_000
MAX_CHARS = 20_000


@pytest.fixture(scope="module")
def server(start_server: Callable[..., Any]) -> Iterator[Any]:
    running = start_server("--max-body-bytes", str(MAX_BODY_BYTES), "--max-chars", str(MAX_CHARS))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def caps() -> dict[str, int]:
    """The caps the module's server runs with."""
    return {"max_body_bytes": MAX_BODY_BYTES, "max_chars": MAX_CHARS}


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http
