"""Reliability figures of a real ``spinscope serve`` process on 127.0.0.1 (issue 16, points 4 and 5).

Prints one JSON object:

- after_timeout: the server runs with ``--timeout`` (default 5 s, every stage on). One small
  request first (normal speed), then one request of ``--long-chars`` characters (199,000: real
  sentences, the shipped example repeated) that takes far longer than the limit, so it gets 504;
  then ``--small`` tiny requests one after another. Printed: each status and latency, and the
  first small request's latency after the 504 (target: under 2 s). Before the analysis was
  stopped on time-out, the tiny requests answered 504, 504, 200: the timed-out analysis kept the
  single worker busy.
- oversize: a ``--oversize-bytes`` body (6 MB, over the server's body cap) sent by urllib,
  http.client (with Content-Length, and chunked), httpx and curl (when installed; with and without
  ``Expect: 100-continue``): the status or error each client saw, and the error ``type``.

The server listens on 127.0.0.1 only and is always stopped.

usage (from the repo root):
  python benchmarks/bench_server_reliability.py
  python benchmarks/bench_server_reliability.py --timeout 3 --small 5 -- --fast-quotes
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench_api import start_server, stop_server

EXAMPLE = Path("examples") / "arvelia-2031-03-14.txt"
SMALL_TEXT = "They are traitors who hate freedom."
#: The body cap of the oversize server: far below the body sent, as in the report of issue 16.
OVERSIZE_CAP_BYTES = 100_000
#: Seconds any one request of this benchmark may take before the client gives up.
CLIENT_TIMEOUT_S = 300


def long_text(chars: int) -> str:
    """``chars`` characters of real sentences: the shipped example's paragraphs, repeated."""
    body = EXAMPLE.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    return ((body + "\n\n") * (chars // len(body) + 1))[:chars]


def post_json(url: str, payload: dict[str, str]) -> tuple[int, float, str]:
    """(status, seconds, error type or "") of one JSON POST with urllib, a client that reads nothing early."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode("utf-8"), headers={"content-type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT_S) as response:
            response.read()
            return response.status, time.perf_counter() - started, ""
    except urllib.error.HTTPError as e:
        kind = json.loads(e.read())["error"]["type"]
        return e.code, time.perf_counter() - started, kind


def after_timeout(serve_args: list[str], *, timeout: float, long_chars: int, small: int) -> dict[str, Any]:
    process, base = start_server(["--timeout", f"{timeout:g}", *serve_args])
    url = f"{base}/v1/analyze"
    try:
        post_json(url, {"text": SMALL_TEXT})  # warm-up
        before = post_json(url, {"text": SMALL_TEXT})
        long = post_json(url, {"text": long_text(long_chars)})
        after = [post_json(url, {"text": SMALL_TEXT}) for _ in range(small)]
    finally:
        stop_server(process)
    return {
        "timeout_s": timeout,
        "small_before": {"status": before[0], "seconds": round(before[1], 2)},
        "long": {"chars": long_chars, "status": long[0], "type": long[2], "seconds": round(long[1], 2)},
        "small_after": [{"status": status, "seconds": round(seconds, 2)} for status, seconds, _ in after],
        "first_after_504_s": round(after[0][1], 2) if after else None,
        "target_s": 2.0,
    }


def _answer(status: int, body: bytes) -> dict[str, Any]:
    try:
        kind = json.loads(body)["error"]["type"]
    except (ValueError, KeyError, TypeError):
        kind = None
    return {"status": status, "type": kind}


def _urllib(url: str, body: bytes) -> dict[str, Any]:
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT_S) as response:
            return _answer(response.status, response.read())
    except urllib.error.HTTPError as e:
        return _answer(e.code, e.read())


def _http_client(url: str, body: bytes, *, chunked: bool) -> dict[str, Any]:
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=CLIENT_TIMEOUT_S)
    try:
        sent: Any = iter([body[i : i + 1_000_000] for i in range(0, len(body), 1_000_000)]) if chunked else body
        connection.request(
            "POST", "/v1/analyze", body=sent, headers={"content-type": "application/json"}, encode_chunked=chunked
        )
        response = connection.getresponse()
        return _answer(response.status, response.read())
    finally:
        connection.close()


def _httpx(url: str, body: bytes) -> dict[str, Any]:
    response = httpx.post(url, content=body, headers={"content-type": "application/json"}, timeout=CLIENT_TIMEOUT_S)
    return _answer(response.status_code, response.content)


def _curl(url: str, path: Path, *, expect: bool) -> dict[str, Any]:
    command = ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "-H", "content-type: application/json"]
    command += [] if expect else ["-H", "Expect:"]
    done = subprocess.run(
        [*command, "--data-binary", f"@{path}", url], capture_output=True, timeout=CLIENT_TIMEOUT_S, check=False
    )
    if done.returncode != 0:
        return {"error": done.stderr.decode(errors="replace").strip()}
    body, _, status = done.stdout.rpartition(b"\n")
    return _answer(int(status), body)


def oversize(serve_args: list[str], *, size: int) -> dict[str, Any]:
    process, base = start_server(["--max-body-bytes", str(OVERSIZE_CAP_BYTES), *serve_args])
    url = f"{base}/v1/analyze"
    body = b"a" * size
    clients: dict[str, Callable[[], dict[str, Any]]] = {
        "urllib": lambda: _urllib(url, body),
        "http.client": lambda: _http_client(url, body, chunked=False),
        "http.client chunked": lambda: _http_client(url, body, chunked=True),
        "httpx": lambda: _httpx(url, body),
    }
    results: dict[str, Any] = {"body_bytes": size, "cap_bytes": OVERSIZE_CAP_BYTES}
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "body.json"
            path.write_bytes(body)
            if shutil.which("curl"):
                clients["curl"] = lambda: _curl(url, path, expect=True)
                clients["curl without Expect"] = lambda: _curl(url, path, expect=False)
            for name, send in clients.items():
                try:
                    results[name] = send()
                except OSError as e:  # what urllib saw before the body was drained: ConnectionResetError(104)
                    results[name] = {"error": repr(e)}
    finally:
        stop_server(process)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout in seconds")
    parser.add_argument("--long-chars", type=int, default=199_000, help="length of the request that times out")
    parser.add_argument("--small", type=int, default=3, help="tiny requests sent after the 504")
    parser.add_argument("--oversize-bytes", type=int, default=6_000_000, help="body sent to every client")
    parser.add_argument("serve_args", nargs="*", help="extra `spinscope serve` flags, after --")
    args = parser.parse_args()
    stopped = after_timeout(args.serve_args, timeout=args.timeout, long_chars=args.long_chars, small=args.small)
    figures = {"after_timeout": stopped, "oversize": oversize(args.serve_args, size=args.oversize_bytes)}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
