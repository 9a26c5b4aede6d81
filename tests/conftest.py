"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from spinscope.settings import Settings, default_data_dir

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from spinscope.detect import DetectStage
    from spinscope.quotes import QuotesStage

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The labelled corpora (``../shared/data`` or ``$SPINSCOPE_DATA_DIR``); tests needing it are marked ``data``."""
    path = default_data_dir().resolve()
    if not path.is_dir():
        pytest.fail(f"data directory {path} is missing: run the tests from the repo root next to ../shared")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article the project started from (third-party text, kept in ../shared)."""
    return default_data_dir().resolve().parent / "examples" / "russia-insider-2017-11-19.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The example article shipped in the repo (fictional, written by the project)."""
    return REPO / "examples" / "arvelia-2031-03-14.txt"


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: How long a server may take to load the analyzer and answer /healthz (models load at start).
SERVER_STARTUP_TIMEOUT_S = 120


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium via Playwright (never a downloaded browser); skipped only outside CI.

    Session-scoped: Playwright's sync API allows one running instance per process.
    """
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def detect_stage() -> DetectStage:
    """The detect stage with the shipped technique model, loaded once for the suite (tests never change it)."""
    from spinscope import detect

    return detect.build_stage(Settings())


@pytest.fixture(scope="session")
def quotes_stage() -> QuotesStage:
    """The quotes stage with the shipped models (CRF and role network), loaded once for the suite."""
    from spinscope import quotes

    return quotes.build_stage(Settings())


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where tests leave screenshots and reports for people to look at (git-ignored)."""
    folder = REPO / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


@dataclass
class Server:
    """A running ``spinscope serve`` process and its base URL."""

    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Terminate the process (kill it if it lingers)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def start_server() -> Iterator[Callable[..., Server]]:
    """A function that starts ``python -m spinscope serve FLAGS`` on a free 127.0.0.1 port and waits for /healthz.

    Every server it started is stopped at the end of the session at the latest.
    """
    started: list[Server] = []

    def start(*flags: str) -> Server:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "spinscope", "serve", "--port", str(port), "--log-level", "warning", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", process)
        started.append(server)
        deadline = time.monotonic() + SERVER_STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                pytest.fail(f"spinscope serve exited with {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                    return server
            except httpx.TransportError:
                time.sleep(0.2)
        server.stop()
        pytest.fail(f"spinscope serve did not answer /healthz within {SERVER_STARTUP_TIMEOUT_S} s")

    yield start
    for server in started:
        if server.process.poll() is None:
            server.stop()


#: Fixtures that read ../shared: a test using one (directly or through another fixture) is marked ``data``.
DATA_FIXTURES = frozenset({"data_dir", "seed_path", "seed_result"})


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail a test that reads ../shared without the ``data`` marker (so ``-m "not data"`` runs anywhere)."""
    used = DATA_FIXTURES & set(getattr(item, "fixturenames", ()))
    if used and item.get_closest_marker("data") is None:
        pytest.fail(f"{item.nodeid} uses {', '.join(sorted(used))} (reads ../shared) but is not marked data")
