"""A real ``spinscope serve`` process on a free loopback port, started once per module and always stopped."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

#: How long the server may take to load the analyzer and answer /healthz (models load at start).
STARTUP_TIMEOUT_S = 120


@dataclass
class Server:
    """A running server: its base URL and process."""

    url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*flags: str) -> Server:
    """Start ``python -m spinscope serve`` on 127.0.0.1 and wait until /healthz answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "serve", "--port", str(port), "--log-level", "warning", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            if process.stdout:
                process.stdout.close()
            pytest.fail(f"spinscope serve exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return Server(url, process)
        except httpx.TransportError:
            time.sleep(0.2)
    stop_server(Server(url, process))
    pytest.fail(f"spinscope serve did not answer /healthz within {STARTUP_TIMEOUT_S} s")


def stop_server(server: Server) -> None:
    """Stop the server process (terminate, then kill if it lingers)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)
    if server.process.stdout:
        server.process.stdout.close()


#: Small caps so the limit tests stay cheap; the seed article (~2.3 KB) is well inside them.
MAX_BODY_BYTES = 100_000
MAX_TEXT_CHARS = 20_000


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start_server("--max-body-bytes", str(MAX_BODY_BYTES), "--max-text-chars", str(MAX_TEXT_CHARS))
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture(scope="session")
def caps() -> dict[str, int]:
    """The caps the module's server runs with."""
    return {"max_body_bytes": MAX_BODY_BYTES, "max_text_chars": MAX_TEXT_CHARS}


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http
