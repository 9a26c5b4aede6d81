"""Benchmark ``POST /v1/analyze`` on a real ``spinscope serve`` process on 127.0.0.1.

Prints: p50/p95 latency of one client sending the seed article; throughput and errors of 8
concurrent clients for 30 s; the server's RSS after the first 1,000 requests and after the last
(at least 2,000 requests in all, so the two windows do not overlap). The server is always stopped.

usage (from the repo root, next to ../shared):
  python benchmarks/bench_api.py
  python benchmarks/bench_api.py --duration 30 --clients 8 --latency-requests 100 -- --no-quotes
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
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

SEED = Path("..") / "shared" / "examples" / "russia-insider-2017-11-19.txt"
#: Requests after which the first memory reading is taken, and the size of the last window.
MEMORY_WINDOW = 1_000
STARTUP_TIMEOUT_S = 180


@dataclass
class Tally:
    """Counts shared by the client threads."""

    done: int = 0
    errors: int = 0
    rss_after_first_window: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(serve_args: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "spinscope", "serve", "--port", str(port), "--log-level", "warning", *serve_args]
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
    process.kill()
    raise SystemExit("server did not start in time")


def run_clients(
    url: str, body: dict[str, str], *, clients: int, until: float, min_total: int, tally: Tally, server: psutil.Process
) -> int:
    """Send requests from ``clients`` threads until ``until`` (monotonic) and ``min_total`` requests; return count."""
    sent = [0] * clients

    def client(index: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while time.monotonic() < until or tally.done < min_total:
                response = http.post("/v1/analyze", json=body)
                with tally.lock:
                    tally.done += 1
                    tally.errors += response.status_code != 200
                    if tally.done == MEMORY_WINDOW:
                        tally.rss_after_first_window = server.memory_info().rss
                sent[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(sent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of the concurrent phase")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--latency-requests", type=int, default=100, help="sequential requests for p50/p95")
    parser.add_argument("--workers", type=int, default=1, help="the server's --workers")
    parser.add_argument("serve_args", nargs="*", help="extra `spinscope serve` flags, after --")
    args = parser.parse_args()

    body = {"text": SEED.read_text(encoding="utf-8")}
    process, url = start_server(["--workers", str(args.workers), *args.serve_args])
    server = psutil.Process(process.pid)
    tally = Tally()
    try:
        with httpx.Client(base_url=url, timeout=120) as http:
            for _ in range(10):  # warm-up: first-request costs are not what we measure
                http.post("/v1/analyze", json=body).raise_for_status()
            rss_start = server.memory_info().rss
            latencies = []
            for _ in range(args.latency_requests):
                started = time.perf_counter()
                response = http.post("/v1/analyze", json=body)
                latencies.append(time.perf_counter() - started)
                with tally.lock:
                    tally.done += 1
                    tally.errors += response.status_code != 200
        started = time.monotonic()
        concurrent = run_clients(
            url, body, clients=args.clients, until=started + args.duration, min_total=0, tally=tally, server=server
        )
        elapsed = time.monotonic() - started
        errors_concurrent = tally.errors
        # Top up so that the first and the last 1,000 requests are different requests.
        run_clients(url, body, clients=args.clients, until=0, min_total=2 * MEMORY_WINDOW, tally=tally, server=server)
        rss_end = server.memory_info().rss
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()

    cuts = statistics.quantiles(latencies, n=100)
    first = tally.rss_after_first_window or rss_start
    figures = {
        "seed_chars": len(body["text"]),
        "latency_requests": len(latencies),
        "latency_p50_ms": round(cuts[49] * 1000, 1),
        "latency_p95_ms": round(cuts[94] * 1000, 1),
        "clients": args.clients,
        "duration_s": round(elapsed, 1),
        "concurrent_requests": concurrent,
        "throughput_rps": round(concurrent / elapsed, 1),
        "errors": tally.errors,
        "errors_concurrent_phase": errors_concurrent,
        "total_requests": tally.done,
        "rss_after_warmup_mb": round(rss_start / 2**20, 1),
        "rss_after_first_1000_mb": round(first / 2**20, 1),
        "rss_after_last_1000_mb": round(rss_end / 2**20, 1),
        "rss_change_pct": round(100 * (rss_end - first) / first, 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
