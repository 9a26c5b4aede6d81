"""Loopback-only plumbing of the bad-input table: counting HTTP servers, and spinscope processes
whose resolver only knows numeric hosts and ``localhost`` (see bench_bad_inputs.py).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

#: How long the server may take to load the analyzer and answer /healthz.
SERVER_STARTUP_S = 180.0
#: The address of the redirector, which the redirect rows' processes treat as public.
REDIRECTOR_ADDRESS = "127.0.0.2"

#: Runs spinscope's CLI with the resolver pinned to loopback (see the module docstring).
BOOTSTRAP = r"""
import os, socket, sys
_real = socket.getaddrinfo
def _loopback_only(host, port, family=0, type=0, proto=0, flags=0):
    name = host.decode() if isinstance(host, bytes) else host
    if name is None:
        return _real(host, port, family, type, proto, flags)
    if name.lower().rstrip(".") == "localhost":
        return _real("localhost", port, family, type, proto, flags)
    try:
        return _real(name, port, family, type, proto, flags | socket.AI_NUMERICHOST)
    except socket.gaierror:
        raise socket.gaierror(socket.EAI_NONAME, f"benchmark resolver: {name!r} is not resolved (loopback only)")
socket.getaddrinfo = _loopback_only
public = os.environ.get("BENCH_TREAT_AS_PUBLIC")
if public:
    import spinscope.io.fetch as fetch
    _guard = fetch._non_public
    fetch._non_public = lambda address: None if address == public else _guard(address)
from spinscope.cli import main
sys.exit(main(sys.argv[1:]))
"""


# -- the counting servers -------------------------------------------------------------------


class _Counting(BaseHTTPRequestHandler):
    """Answers every GET with a small article and counts it; ``/redirect?to=URL`` answers 302 to URL."""

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.split("=", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"The secret internal page was read. This must never happen.\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily = socket.AF_INET) -> None:
        self.address_family = family
        self.hits: list[str] = []
        super().__init__(address, _Counting)


@contextmanager
def counting_servers() -> Iterator[tuple[int, list[CountingServer]]]:
    """A counting server on 127.0.0.1 and (where the machine has IPv6) on ::1, on the same port."""
    servers = [CountingServer(("127.0.0.1", 0))]
    port = servers[0].server_address[1]
    with suppress(OSError):
        servers.append(CountingServer(("::1", port), socket.AF_INET6))
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield port, servers
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@contextmanager
def redirector() -> Iterator[CountingServer]:
    server = CountingServer((REDIRECTOR_ADDRESS, 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# -- running the CLI and the server --------------------------------------------------------


def spinscope_command(*args: str) -> list[str]:
    return [sys.executable, "-c", BOOTSTRAP, *args]


def run_cli(
    args: list[str], *, timeout: float, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> tuple[int | None, str, str, float]:
    """(exit code or None on a hang, stdout, stderr, seconds); a hang kills the whole process group."""
    started = time.perf_counter()
    process = subprocess.Popen(
        spinscope_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        code = None
    return code, out.decode(errors="replace"), err.decode(errors="replace"), time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiServer:
    """A ``spinscope serve`` process (through the bootstrap) whose log is kept to look for tracebacks."""

    def __init__(self, log: Path, *, env: dict[str, str] | None = None) -> None:
        self.log_path = log
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                spinscope_command("serve", "--port", str(port), "--log-level", "warning"),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **self.env},
            )
        deadline = time.monotonic() + SERVER_STARTUP_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"spinscope serve exited with {self.process.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.3)
        raise SystemExit(f"spinscope serve did not answer /healthz within {SERVER_STARTUP_S:g} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")
