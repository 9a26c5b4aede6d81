"""Benchmark ``spinscope batch``: throughput and scaling, Dask vs local, memory per worker, resume after kills.

Sections (all by default; pick with --sections):

- throughput: the 536 PTC v2 articles (train+dev+test) with 1 and 2 local workers and a 2-worker
  Dask LocalCluster; articles/s (wall clock, worker start and model load included), the 1->2 worker
  scaling and Dask/local ratio, and each worker's peak RSS in the first and second half of the run.
- scaling: 1x, 4x and 16x a base corpus (``--scale-base`` PTC articles, replicated with new ids
  into a JSONL file), 2 local workers; time ratios against 1x.
- resume: SIGKILL the real CLI at 5 random moments, rerun to the end, and check that every
  article is in the results exactly once.

usage:
  python benchmarks/bench_batch.py                         # everything, default model
  python benchmarks/bench_batch.py --no-techniques         # without the technique model (also --no-quotes, --no-outlet)
  python benchmarks/bench_batch.py --sections resume --scale-base 64
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psutil

from spinscope.batch import BatchOptions, read_table, run_batch
from spinscope.batch.store import iter_part_keys
from spinscope.io import read_ptc
from spinscope.settings import Settings, default_data_dir

PTC = "semeval2020-task11-ptc-v2"
SPLITS = ("train-articles", "dev-articles", "test-articles")
#: Seconds between memory samples of the worker processes.
SAMPLE_EVERY_S = 0.25


def ptc_folders(data_dir: Path) -> list[str]:
    return [str(data_dir / PTC / split) for split in SPLITS]


class WorkerMemory:
    """Samples the RSS of this process's spawned workers (local engine or Dask) in a thread."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, int, int]] = []  # (time, pid, rss)
        self.cpu_seconds: dict[int, float] = {}  # pid -> user + system CPU time at its last sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            now = time.monotonic()
            for child in me.children(recursive=True):
                try:
                    if "spawn_main" in " ".join(child.cmdline()):
                        self.samples.append((now, child.pid, child.memory_info().rss))
                        times = child.cpu_times()
                        self.cpu_seconds[child.pid] = times.user + times.system
                except psutil.Error:
                    continue
            self._stop.wait(SAMPLE_EVERY_S)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peaks(self) -> list[dict[str, Any]]:
        """Per worker: peak RSS (MiB) over the run, in its first half and in its second half."""
        by_pid: dict[int, list[tuple[float, int]]] = {}
        for when, pid, rss in self.samples:
            by_pid.setdefault(pid, []).append((when, rss))
        rows = []
        for pid, series in by_pid.items():
            if len(series) < 4:
                continue  # a helper process, or a worker that lived less than a second
            middle = (series[0][0] + series[-1][0]) / 2
            first = max(rss for when, rss in series if when <= middle)
            second = max(rss for when, rss in series if when > middle)
            mib = 1024 * 1024
            rows.append(
                {
                    "pid": pid,
                    "peak_mib": round(max(first, second) / mib, 1),
                    "first_half_mib": round(first / mib, 1),
                    "second_half_mib": round(second / mib, 1),
                }
            )
        return rows


def timed_batch(
    inputs: list[str], settings: Settings, options: BatchOptions, *, keep: Path | None = None
) -> dict[str, Any]:
    """One batch into a fresh folder (``keep``, or a temporary one), timed and memory-sampled."""
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp, WorkerMemory() as memory:
        out = keep or Path(tmp)
        if keep is not None and keep.exists():
            raise SystemExit(f"{keep} exists; --keep-results needs a new folder")
        started = time.perf_counter()
        report = run_batch(inputs, out, settings=settings, options=options)
        seconds = time.perf_counter() - started
        spans = read_table(out, "spans").num_rows
    worker_cpu = sum(memory.cpu_seconds.values())
    return {
        "articles": report.processed,
        "failed": report.failed,
        "seconds": round(seconds, 2),
        "articles_per_s": round(report.processed / seconds, 2),
        # CPU the workers actually got: on a shared machine, wall-clock scaling depends on it.
        "worker_cpu_s": round(worker_cpu, 1),
        "articles_per_worker_cpu_s": round(report.processed / worker_cpu, 2) if worker_cpu else None,
        "load_average_after": round(os.getloadavg()[0], 2),
        "spans": spans,
        "workers": memory.peaks(),
    }


def throughput(data_dir: Path, settings: Settings, keep: Path | None) -> dict[str, Any]:
    inputs = ptc_folders(data_dir)
    configurations = {
        "local_1": BatchOptions(workers=1),
        "local_2": BatchOptions(workers=2),
        "dask_2": BatchOptions(engine="dask", workers=2),
    }
    runs = {}
    for name, options in configurations.items():
        runs[name] = timed_batch(inputs, settings, options, keep=keep if name == "local_2" else None)
        print(f"  {name}: {json.dumps(runs[name])}", flush=True)
    scaling = runs["local_2"]["articles_per_s"] / runs["local_1"]["articles_per_s"]
    dask_ratio = runs["dask_2"]["articles_per_s"] / runs["local_2"]["articles_per_s"]
    print(f"  scaling 1 -> 2 workers: {scaling:.2f}x (target >= 1.7x)")
    print(f"  dask / local (2 workers): {dask_ratio:.2f} (target within 20%: 0.80-1.20)")
    return {"runs": runs, "scaling_1_to_2": round(scaling, 3), "dask_over_local": round(dask_ratio, 3)}


def replicated_corpus(data_dir: Path, base: int, factor: int, path: Path) -> int:
    """Write ``factor`` copies of the first ``base`` PTC articles as JSONL with new ids; return the count."""
    articles = [a for folder in ptc_folders(data_dir) for a in read_ptc(folder)][:base]
    with path.open("w", encoding="utf-8") as f:
        for copy in range(factor):
            for article in articles:
                f.write(
                    json.dumps({"id": f"{article.id}-r{copy}", "text": article.text, "title": article.title}) + "\n"
                )
    return len(articles) * factor


def scaling(data_dir: Path, settings: Settings, base: int) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for factor in (1, 4, 16):
            corpus = Path(tmp) / f"corpus-{factor}x.jsonl"
            count = replicated_corpus(data_dir, base, factor, corpus)
            run = timed_batch([str(corpus)], settings, BatchOptions(workers=2))
            keep = ("articles_per_s", "worker_cpu_s", "articles_per_worker_cpu_s", "load_average_after")
            rows[f"{factor}x"] = {"articles": count, "seconds": run["seconds"], **{k: run[k] for k in keep}}
            print(f"  {factor}x: {json.dumps(rows[f'{factor}x'])}", flush=True)
    for name in ("4x", "16x"):
        ratio = rows[name]["seconds"] / rows["1x"]["seconds"]
        rows[name]["time_over_1x"] = round(ratio, 2)
        print(f"  {name} takes {ratio:.2f}x the time of 1x (linear: {name[:-1]}x; target for 16x: <= 17x)")
    return rows


def _done(results_dir: Path) -> int:
    return sum(len(keys) for _, keys in iter_part_keys(results_dir)) if results_dir.exists() else 0


def resume(data_dir: Path, settings: Settings, base: int, kills: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    stages = {"--no-techniques": settings.techniques, "--no-quotes": settings.quotes, "--no-outlet": settings.outlet}
    flags = [flag for flag, on in stages.items() if not on]
    with tempfile.TemporaryDirectory(prefix="bench-resume-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = replicated_corpus(data_dir, base, 1, corpus)
        out = Path(tmp) / "results"
        command = [sys.executable, "-m", "spinscope", "batch", str(corpus), "-o", str(out), "--no-progress", *flags]
        command += ["--workers", "2", "--chunk-size", "4"]
        log = []
        done = 0
        for attempt in range(kills):
            # A random point in the work that is left: wait until a random number of documents is
            # done, then a random fraction of a second more, so kills also land while a part is written.
            # Targets are spread so that every kill has work left after it.
            target = done + rng.randint(1, max(1, (count - done) // (kills - attempt + 1)))
            extra = rng.uniform(0.0, 0.2)
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while process.poll() is None and _done(out) < target:
                time.sleep(0.02)
            time.sleep(extra)
            mid_run = process.poll() is None
            if mid_run:
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
            done = _done(out)
            log.append({"kill": attempt + 1, "target": target, "mid_run": mid_run, "done": done})
            print(f"  kill {attempt + 1} (aimed at {target} done; mid-run: {mid_run}): {done}/{count} done", flush=True)
        final = subprocess.run(command, capture_output=True, text=True, check=False)
        keys = Counter(k for _, keys in iter_part_keys(out) for k in keys)
        ids = Counter(read_table(out, "articles").column("id").to_pylist())
    duplicates = sum(n - 1 for n in keys.values() if n > 1)
    result = {
        "articles": count,
        "kills": log,
        "final_exit_code": final.returncode,
        "documents_in_results": len(keys),
        "duplicates": duplicates,
        "missing": count - len(keys),
        "article_rows_exactly_once": all(n == 1 for n in ids.values()) and len(ids) == count,
    }
    print(f"  final: {json.dumps({k: v for k, v in result.items() if k != 'kills'})}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", default="throughput,scaling,resume")
    parser.add_argument("--no-techniques", action="store_true", help="benchmark without the technique model")
    parser.add_argument("--no-quotes", action="store_true", help="benchmark without quote attribution")
    parser.add_argument("--no-outlet", action="store_true", help="benchmark without the outlet profile")
    parser.add_argument("--scale-base", type=int, default=64, help="PTC articles in the 1x corpus of scaling/resume")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-results", type=Path, default=None, help="keep the 2-worker PTC results here")
    parser.add_argument("--json", type=Path, default=None, help="also write all figures here")
    args = parser.parse_args()
    data_dir = default_data_dir()
    settings = Settings(techniques=not args.no_techniques, quotes=not args.no_quotes, outlet=not args.no_outlet)
    stages = {"techniques": settings.techniques, "quotes": settings.quotes, "outlet": settings.outlet}
    print(f"cpus: {os.cpu_count()}; stages: {stages}; load average: {os.getloadavg()}")
    figures: dict[str, Any] = {"stages": stages, "cpus": os.cpu_count()}
    sections = args.sections.split(",")
    if "throughput" in sections:
        print("throughput (536 PTC articles):")
        figures["throughput"] = throughput(data_dir, settings, args.keep_results)
    if "scaling" in sections:
        print(f"scaling (1x = {args.scale_base} PTC articles, 2 workers):")
        figures["scaling"] = scaling(data_dir, settings, args.scale_base)
    if "resume" in sections:
        print(f"resume ({args.kills} random SIGKILLs, {args.scale_base * 2} articles):")
        figures["resume"] = resume(data_dir, settings, args.scale_base * 2, args.kills, args.seed)
    print(f"load average at the end: {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
