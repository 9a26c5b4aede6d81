"""Fuzz every reader and the API request model with Hypothesis, many examples per target.

The targets and strategies are those of tests/io/test_fuzz_readers.py and
tests/api/test_fuzz_request.py (imported, not copied); here each runs ``--examples`` times and
every failure is counted instead of stopping the run. A crash is any exception that is not a
``SpinscopeError`` (or a broken property: a span outside the text); a hang is an example slower
than ``--hang-s``. Extra targets: "API response encodes" checks that what the request
reader accepts can be sent back as UTF-8 JSON, as the API does; "render result (views)" renders
odd but loadable results as ``POST /v1/render`` does; the "deeply nested JSON" targets send
JSON nested 500-20,000 levels deep to the JSON readers and request bodies.

usage:
  python benchmarks/bench_fuzz.py                      # 2,000 examples per target
  python benchmarks/bench_fuzz.py --examples 200 --targets read_html,read_text
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
#: An example slower than this is counted as a hang (the inputs are a few kilobytes at most).
HANG_S = 10.0


def _load(path: Path) -> ModuleType:
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def targets() -> dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]]:
    readers = _load(REPO / "tests" / "io" / "test_fuzz_readers.py")
    request = _load(REPO / "tests" / "api" / "test_fuzz_request.py")
    found = {**readers.TARGETS, **request.TARGETS}
    found["API response encodes"] = (request.ANY_BODY, request.response_encodes)
    found.update(readers.BENCH_TARGETS)
    found.update(request.BENCH_TARGETS)
    return found


def fuzz(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], None], *, examples: int, hang_s: float
) -> dict[str, Any]:
    """Run ``check`` on ``examples`` drawn values; count crashes (by kind) and hangs instead of stopping."""
    runs = 0
    crashes: Counter[str] = Counter()
    first: dict[str, str] = {}
    slowest = 0.0
    hangs = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(drawn: Any) -> None:
        nonlocal runs, slowest, hangs
        runs += 1
        started = time.perf_counter()
        try:
            check(drawn)
        except Exception as error:  # every failure is counted: this is what the run measures
            frame = traceback.extract_tb(error.__traceback__)[-1]
            kind = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            crashes[kind] += 1
            first.setdefault(kind, f"{error!s}"[:200] + f" (input: {drawn!r}"[:300] + ")")
        seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        hangs += seconds > hang_s

    run()
    return {
        "examples": runs,
        "crashes": sum(crashes.values()),
        "hangs": hangs,
        "slowest_s": round(slowest, 3),
        "kinds": dict(crashes),
        "first_of_each": first,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="examples per target")
    parser.add_argument("--targets", default="", help="comma-separated target names (default: all)")
    parser.add_argument("--hang-s", type=float, default=HANG_S, help="an example slower than this is a hang")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    every = targets()
    chosen = [name for name in args.targets.split(",") if name] or list(every)
    print("| target | examples run | crashes found | hangs | slowest example (s) |")
    print("|---|---:|---:|---:|---:|")
    figures: dict[str, Any] = {}
    for name in chosen:
        strategy, check = every[name]
        figures[name] = fuzz(strategy, check, examples=args.examples, hang_s=args.hang_s)
        row = figures[name]
        print(f"| {name} | {row['examples']:,} | {row['crashes']} | {row['hangs']} | {row['slowest_s']} |", flush=True)
    total_runs = sum(row["examples"] for row in figures.values())
    total_crashes = sum(row["crashes"] for row in figures.values())
    total_hangs = sum(row["hangs"] for row in figures.values())
    print(f"| **all** | {total_runs:,} | {total_crashes} | {total_hangs} | |")
    for name, row in figures.items():
        for kind, count in row["kinds"].items():
            print(f"- {name}: {count} x {kind}: {row['first_of_each'][kind]}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
