"""Benchmark and soak ``POST /v1/analyze`` on a real ``spinscope serve`` process on 127.0.0.1.

Prints one JSON object:

- latency: p50/p95 of one client sending the seed article (``--latency-requests``);
- throughput: requests/s of ``--clients`` concurrent clients for ``--duration`` s (0 skips it);
- soak: ``--soak-requests`` requests from ``--clients`` clients, cycling through a mix of good and
  bad requests (short texts, an HTML page, an upload, the HTML report, invalid JSON, a body over
  the cap, a text over --max-chars, an unknown route), each with the status it must get. It prints
  the requests, the errors (a different status, a 5xx or a transport error), and the server's RSS
  over the first and over the last 1,000 requests (mean and max of a reading after every request).

Bounded: the soak stops after ``--soak-requests`` or ``--max-seconds``, whichever comes first; the
server listens on 127.0.0.1 only and is always stopped.

usage (from the repo root, next to ../shared):
  python benchmarks/bench_api.py
  python benchmarks/bench_api.py --duration 0 --latency-requests 20 --soak-requests 3000 --max-seconds 900
  python benchmarks/bench_api.py --duration 30 --clients 8 -- --fast-quotes
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

SEED = Path("..") / "shared" / "examples" / "russia-insider-2017-11-19.txt"
EXAMPLE = Path("examples") / "arvelia-2031-03-14.txt"
#: Size of the first and the last window of soak requests whose server RSS is compared.
MEMORY_WINDOW = 1_000
STARTUP_TIMEOUT_S = 180
#: The soak server's caps: small, so that the over-the-limit requests stay cheap to send.
SOAK_MAX_CHARS = 20_000
SOAK_MAX_BODY_BYTES = 200_000
#: Shorter paragraphs of the example are its boilerplate line ("Share this: ..."), refused as no text.
MIN_PARAGRAPH_CHARS = 100
#: One request of the soak never takes longer than this (the server's own --timeout is 30 s).
REQUEST_TIMEOUT_S = 60


@dataclass(frozen=True)
class Probe:
    """One kind of soak request and the status it must get."""

    name: str
    expected: int
    send: Any  # Callable[[httpx.Client, int], httpx.Response]


def soak_probes(example: str) -> list[Probe]:
    """The cycle of soak requests: mostly real analyses, and every kind of refusal."""
    # Paragraphs of the shipped example (record header and the share-button boilerplate left out).
    paragraphs = [p for p in example.split("\n\n")[1:] if len(p) > MIN_PARAGRAPH_CHARS]
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + "</article></body></html>"
    json_headers = {"content-type": "application/json"}

    def text(http: httpx.Client, i: int) -> httpx.Response:
        return http.post("/v1/analyze", json={"text": paragraphs[i % len(paragraphs)], "id": f"soak-{i}"})

    return [
        Probe("text", 200, text),
        Probe("text", 200, text),
        Probe("html", 200, lambda http, i: http.post("/v1/analyze", json={"html": page})),
        Probe(
            "upload",
            200,
            lambda http, i: http.post("/v1/analyze", files={"file": (f"a{i}.txt", example.encode(), "text/plain")}),
        ),
        Probe(
            "report",
            200,
            lambda http, i: http.post("/v1/analyze", params={"format": "html"}, json={"text": paragraphs[0]}),
        ),
        Probe("bad_json", 422, lambda http, i: http.post("/v1/analyze", content=b"{nope", headers=json_headers)),
        Probe(
            "body_over_cap",
            413,
            lambda http, i: http.post("/v1/analyze", content=b"a" * (SOAK_MAX_BODY_BYTES + 1), headers=json_headers),
        ),
        Probe(
            "text_over_max_chars",
            413,
            lambda http, i: http.post("/v1/analyze", json={"text": "word " * (SOAK_MAX_CHARS // 5 + 1)}),
        ),
        Probe("unknown_route", 404, lambda http, i: http.get("/v1/nothing")),
    ]


@dataclass
class Tally:
    """Counts and memory readings shared by the client threads."""

    done: int = 0
    errors: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    error_kinds: Counter[str] = field(default_factory=Counter)
    rss: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(serve_args: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m spinscope serve`` on a free 127.0.0.1 port, once it answers /healthz."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "spinscope",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        *serve_args,
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}; run `spinscope serve` to see why")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("server did not start in time")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def latency(url: str, body: dict[str, str], requests: int) -> dict[str, Any]:
    """p50/p95 of ``requests`` sequential requests after 5 warm-up ones."""
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        for _ in range(5):  # warm-up: first-request costs are not what we measure
            http.post("/v1/analyze", json=body).raise_for_status()
        times, errors = [], 0
        for _ in range(requests):
            started = time.perf_counter()
            errors += http.post("/v1/analyze", json=body).status_code != 200
            times.append(time.perf_counter() - started)
    cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    return {
        "requests": requests,
        "errors": errors,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
    }


def throughput(url: str, body: dict[str, str], *, clients: int, duration: float) -> dict[str, Any]:
    """Requests/s of ``clients`` threads sending ``body`` for ``duration`` seconds."""
    counts = [0] * clients
    errors = [0] * clients
    until = time.monotonic() + duration

    def client(index: int) -> None:
        with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
            while time.monotonic() < until:
                errors[index] += http.post("/v1/analyze", json=body).status_code != 200
                counts[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": sum(counts),
        "requests_per_s": round(sum(counts) / elapsed, 2),
        "errors": sum(errors),
    }


def soak(
    url: str, server: psutil.Process, *, clients: int, requests: int, max_seconds: float, example: str
) -> dict[str, Any]:
    """Cycle through :func:`soak_probes` from ``clients`` threads; stop at ``requests`` or ``max_seconds``."""
    probes = soak_probes(example)
    tally = Tally()
    issued = 0
    issue_lock = threading.Lock()
    until = time.monotonic() + max_seconds

    def next_index() -> int | None:
        nonlocal issued
        with issue_lock:
            if issued >= requests or time.monotonic() >= until:
                return None
            issued += 1
            return issued - 1

    def client() -> None:
        with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
            while (index := next_index()) is not None:
                probe = probes[index % len(probes)]
                try:
                    status = probe.send(http, index).status_code
                    kind = f"{probe.name}:{status}"
                except httpx.TransportError as e:
                    status, kind = -1, f"{probe.name}:{type(e).__name__}"
                rss = server.memory_info().rss
                with tally.lock:
                    tally.done += 1
                    tally.statuses[str(status)] += 1
                    if status != probe.expected:
                        tally.errors += 1
                        tally.error_kinds[kind] += 1
                    tally.rss.append(rss)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    window = min(MEMORY_WINDOW, len(tally.rss) // 2) or 1
    first, last = tally.rss[:window], tally.rss[-window:]
    mb = 2**20
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "stopped_by": "count" if tally.done >= requests else "time",
        "requests": tally.done,
        "errors": tally.errors,
        "unexpected": dict(tally.error_kinds),
        "statuses": dict(sorted(tally.statuses.items())),
        "window": window,
        "rss_first_window_mean_mb": round(statistics.fmean(first) / mb, 1),
        "rss_first_window_max_mb": round(max(first) / mb, 1),
        "rss_last_window_mean_mb": round(statistics.fmean(last) / mb, 1),
        "rss_last_window_max_mb": round(max(last) / mb, 1),
        "rss_change_pct": round(100 * (statistics.fmean(last) - statistics.fmean(first)) / statistics.fmean(first), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-requests", type=int, default=100, help="sequential requests for p50/p95 (0 skips)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of the throughput phase (0 skips)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--soak-requests", type=int, default=2 * MEMORY_WINDOW, help="requests of the soak (0 skips)")
    parser.add_argument("--max-seconds", type=float, default=1200.0, help="the soak stops after this long at most")
    parser.add_argument("--workers", type=int, default=1, help="the server's --workers")
    parser.add_argument("serve_args", nargs="*", help="extra `spinscope serve` flags, after --")
    args = parser.parse_args()

    body = {"text": SEED.read_text(encoding="utf-8")}
    example = EXAMPLE.read_text(encoding="utf-8")
    flags = ["--workers", str(args.workers), "--max-chars", str(SOAK_MAX_CHARS)]
    flags += ["--max-body-bytes", str(SOAK_MAX_BODY_BYTES), *args.serve_args]
    process, url = start_server(flags)
    server = psutil.Process(process.pid)
    figures: dict[str, Any] = {"seed_chars": len(body["text"]), "serve_flags": flags}
    try:
        if args.latency_requests:
            figures["latency"] = latency(url, body, args.latency_requests)
        if args.duration > 0:
            figures["throughput"] = throughput(url, body, clients=args.clients, duration=args.duration)
        figures["rss_before_soak_mb"] = round(server.memory_info().rss / 2**20, 1)
        if args.soak_requests:
            figures["soak"] = soak(
                url,
                server,
                clients=args.clients,
                requests=args.soak_requests,
                max_seconds=args.max_seconds,
                example=example,
            )
    finally:
        stop_server(process)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
