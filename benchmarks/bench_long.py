"""Long-article benchmark: time and peak memory of one analysis, every stage on, from 10 KB to 1 MB.

usage:
  python benchmarks/bench_long.py [--data-dir ../shared/data] [--sizes 10000,50000,200000,1000000]
                                  [--min-chars 100000] [--threads N]

Each article is built at run time from real text: PTC train articles, stripped and joined by blank
lines (one paragraph break between articles), cut to the size. Nothing is written to the repo. Each
size runs in a fresh subprocess, which reads the article from a file like ``spinscope analyze`` does,
loads the models, warms up on the shipped example, then analyses the article (segment, techniques,
quotes with the role network, outlet); sizes under ``--min-chars`` are analysed several times and
the mean is taken, so that every size is timed over about the same number of characters. The
subprocess's own peak RSS (models included) is its size's figure.

Prints, per size, seconds per analysis, characters per second and peak RSS, then the figures of
issue 16: ``1 MB time / (5 x 200 KB time)`` (target at most 1.3), the spread of throughput from the
smallest to the largest size (``max / min - 1`` of characters per second; target at most 20%) and the
peak RSS at 1 MB (target at most 1 GB).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spinscope.settings import default_data_dir

REPO = Path(__file__).resolve().parents[1]
PTC_TRAIN = Path("semeval2020-task11-ptc-v2") / "train-articles"
EXAMPLE = REPO / "examples" / "arvelia-2031-03-14.txt"
#: Targets of issue 16.
MAX_SCALING = 1.3
MAX_SPREAD = 0.20
MAX_RSS_MB = 1024


def build_text(data_dir: Path, size: int) -> str:
    """``size`` characters of PTC train articles, joined by blank lines (files in name order, reused if needed)."""
    files = sorted((data_dir / PTC_TRAIN).glob("*.txt"))
    if not files:
        raise SystemExit(f"no PTC train articles under {data_dir / PTC_TRAIN}: pass --data-dir")
    parts: list[str] = []
    total = 0
    while total < size:
        for path in files:
            body = path.read_text(encoding="utf-8").strip()
            parts.append(body)
            total += len(body) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def measure(data_dir: Path, size: int, min_chars: int, threads: int | None) -> dict[str, float]:
    """Analyse one article of ``size`` characters in this process (see the module docstring)."""
    from spinscope.io import read_input
    from spinscope.pipeline import Analyzer
    from spinscope.settings import Settings

    settings = Settings(data_dir=data_dir, max_chars=max(size, Settings().max_chars), threads=threads)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"long-{size}.txt"
        path.write_text(build_text(data_dir, size), encoding="utf-8")
        analyzer = Analyzer(settings)
        analyzer.analyze(read_input(str(EXAMPLE), settings=settings))
        repeats = max(1, math.ceil(min_chars / size))
        started = time.perf_counter()
        for _ in range(repeats):
            article = analyzer.analyze(read_input(str(path), settings=settings))
        seconds = (time.perf_counter() - started) / repeats
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {
        "chars": len(article.text),
        "seconds": seconds,
        "repeats": repeats,
        "rss_mb": rss_kb / 1024,
        "techniques": len(article.spans("techniques")),
        "attributions": len(article.spans("attributions")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--sizes", default="10000,50000,200000,1000000", help="article sizes in characters")
    parser.add_argument("--min-chars", type=int, default=100_000, help="analyse small sizes until this many")
    parser.add_argument("--threads", type=int, default=None, help="inference threads (default: all cores)")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # the per-size subprocess
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.data_dir, args.one, args.min_chars, args.threads)))
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"long articles, every stage on ({os.cpu_count()} CPUs, {platform.processor() or platform.machine()})")
    print(f"{'size':>9} {'chars':>9} {'runs':>4} {'seconds':>8} {'chars/s':>8} {'peak RSS':>9}")
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size), "--data-dir", str(args.data_dir)]
        command += ["--min-chars", str(args.min_chars)] + (
            [] if args.threads is None else ["--threads", str(args.threads)]
        )
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        result = results[size] = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{size:>9,} {int(result['chars']):>9,} {int(result['repeats']):>4} {result['seconds']:>8.2f} "
            f"{result['chars'] / result['seconds']:>8.0f} {result['rss_mb']:>6.0f} MB",
            flush=True,
        )
    speeds = [r["chars"] / r["seconds"] for r in results.values()]
    spread = max(speeds) / min(speeds) - 1
    print(f"throughput spread {min(sizes):,} .. {max(sizes):,} chars: {spread:.1%} (target <= {MAX_SPREAD:.0%})")
    if 200_000 in results and 1_000_000 in results:
        scaling = results[1_000_000]["seconds"] / (5 * results[200_000]["seconds"])
        print(f"1 MB time / (5 x 200 KB time): {scaling:.2f} (target <= {MAX_SCALING})")
        print(f"peak RSS at 1 MB: {results[1_000_000]['rss_mb']:.0f} MB (target <= {MAX_RSS_MB} MB)")


if __name__ == "__main__":
    main()
