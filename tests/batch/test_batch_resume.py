"""Kill the real ``spinscope batch`` with SIGKILL mid-run, rerun it: every document ends up exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import pytest

from spinscope.batch import read_table

#: Seconds to wait for the first part of a run before giving up.
FIRST_PART_TIMEOUT_S = 120


def _start(corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "spinscope", "batch", str(corpus), "-o", str(out), "--workers", "2"]
    command += ["--chunk-size", "3", "--no-techniques", "--no-quotes", "--no-outlet", "--no-progress"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_parts(out: Path, process: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + FIRST_PART_TIMEOUT_S
    while len(list((out / "parts").glob("part-*"))) < count:
        assert process.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline, "no part was written in time"
        time.sleep(0.005)


@pytest.mark.slow
def test_sigkill_then_rerun_holds_every_document_exactly_once(
    tmp_path: Path,
    make_corpus: Callable[[Path, int], list[str]],
    keys_in: Callable[[Path], Counter[str]],
    run_cli: Callable[..., Any],
) -> None:
    ids = make_corpus(tmp_path / "corpus", 150)
    out = tmp_path / "results"
    for kill in (1, 2):
        process = _start(tmp_path / "corpus", out)
        _wait_for_parts(out, process, count=kill)
        workers = psutil.Process(process.pid).children()
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        # Orphaned workers notice their parent is gone and leave by themselves.
        psutil.wait_procs(workers, timeout=30)
        assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
        done = keys_in(out)
        assert 0 < sum(done.values()) < len(ids), "the kill should land mid-run"
        assert max(done.values()) == 1
    result = run_cli("batch", str(tmp_path / "corpus"), "-o", str(out), "--no-techniques", "--no-quotes", "--no-outlet")
    assert result.returncode == 0, result.stderr
    assert "already done" in result.stderr
    assert keys_in(out) == Counter(ids)
    articles = read_table(out, "articles").column("id").to_pylist()
    assert sorted(articles) == ids
    assert not list((out / "parts").glob(".tmp-*"))
