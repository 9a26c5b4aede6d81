"""Analyses on a thread pool, each with a deadline; one whose time is up is stopped, not left running.

The deadline counts from when the request arrived, so time spent waiting for a free worker counts.
A request whose deadline has passed before a worker picks it up never starts. One that is running
is stopped cooperatively: the encoder window loops call :func:`spinscope.progress.report` between
windows, and the watcher set here raises :class:`~spinscope.errors.AnalysisCancelled` there once the
deadline has passed or the waiting request gave up. The worker is then free for the next request.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from spinscope.errors import AnalysisCancelled
from spinscope.progress import watching

T = TypeVar("T")


class AnalysisPool:
    """``workers`` threads that run analyses, each stopped once ``timeout_s`` after its request arrived."""

    def __init__(self, *, workers: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="spinscope-analyze")

    def deadline(self) -> float:
        """The deadline (``time.monotonic()`` seconds) of a request arriving now."""
        return time.monotonic() + self.timeout_s

    def _timed_out(self) -> AnalysisCancelled:
        return AnalysisCancelled(
            f"the request took longer than the server's limit of {self.timeout_s:g} s (waiting for a free "
            "worker included) and its analysis was stopped; try a shorter text, or later"
        )

    async def run(self, work: Callable[[], T], *, deadline: float) -> T:
        """The result of ``work()`` run on the pool.

        Raises:
            AnalysisCancelled: ``deadline`` passed first; ``work`` is not started, or is stopped at
                its next progress report.
        """
        given_up = threading.Event()

        def check(step: str = "", done: int = 0, total: int = 0) -> None:
            if given_up.is_set() or time.monotonic() >= deadline:
                raise self._timed_out()

        def guarded() -> T:
            check()  # the deadline passed while the request waited for a worker: do not start
            with watching(check):  # set here, in the worker thread: the watcher is a context variable
                return work()

        future = asyncio.get_running_loop().run_in_executor(self._pool, guarded)
        try:
            return await asyncio.wait_for(future, timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            given_up.set()
            raise self._timed_out() from None

    def shutdown(self) -> None:
        """Stop taking work; queued analyses are dropped, running ones stop at their deadline."""
        self._pool.shutdown(wait=False, cancel_futures=True)
