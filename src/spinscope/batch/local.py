"""The local engine: a pool of spawned worker processes with a per-document time limit.

Each worker loads the analyzer once, takes documents from its own queue and sends each result
back on its own pipe. The parent knows which document every worker is on and since when, so a
worker over the time limit is killed and replaced; its document is recorded as a timeout and the
documents queued behind it go to other workers. A worker that dies (a crash, the OOM killer) is
replaced the same way.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnProcess
from multiprocessing.queues import Queue

from spinscope.batch.schema import (
    REASON_CRASH,
    REASON_TIMEOUT,
    DocumentRows,
    article_error_rows,
)
from spinscope.batch.worker import Task, worker_environment, worker_main
from spinscope.errors import ModelError
from spinscope.settings import Settings

#: Documents handed to a worker ahead of the one it is on: one is enough to hide the hand-over,
#: more would only pile up work on a worker that may be killed.
PREFETCH = 2

#: How long a finished batch waits for a worker to exit on its own before killing it (seconds).
SHUTDOWN_GRACE_S = 10.0

_CONTEXT = multiprocessing.get_context("spawn")  # onnxruntime and torch are not fork-safe


@dataclass
class _Worker:
    process: SpawnProcess
    tasks: Queue[Task | None]
    results: Connection
    in_flight: deque[Task] = field(default_factory=deque)
    ready: bool = False
    #: When the worker started the document at the head of ``in_flight`` (None: loading or idle).
    started_at: float | None = None


def _start_worker(settings: Settings) -> _Worker:
    tasks: Queue[Task | None] = _CONTEXT.Queue()
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=worker_main, args=(settings, tasks, sender), daemon=True)
    with worker_environment():
        process.start()
    sender.close()
    return _Worker(process=process, tasks=tasks, results=receiver)


def _stop_worker(worker: _Worker, *, kill: bool) -> None:
    if kill and worker.process.is_alive():
        worker.process.kill()
    worker.process.join(SHUTDOWN_GRACE_S)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.tasks.cancel_join_thread()  # a killed worker leaves items in its queue; do not wait on them
    worker.tasks.close()
    worker.results.close()


def _failed(task: Task, reason: str, message: str) -> DocumentRows:
    key, article = task
    return article_error_rows(key, article, reason=reason, message=message)


def run_local(
    tasks: Iterator[Task],
    *,
    settings: Settings,
    workers: int,
    on_result: Callable[[DocumentRows], None],
) -> None:
    """Analyse every task on ``workers`` processes, calling ``on_result`` in the parent for each.

    Raises:
        ModelError: a worker could not load the analyzer (nothing can be analysed).
    """
    time_limit = settings.time_limit
    requeued: deque[Task] = deque()
    pool = [_start_worker(settings) for _ in range(max(1, workers))]
    exhausted = False

    def next_task() -> Task | None:
        nonlocal exhausted
        if requeued:
            return requeued.popleft()
        if exhausted:
            return None
        task = next(tasks, None)
        exhausted = task is None
        return task

    def replace(index: int, reason: str, message: str) -> None:
        worker = pool[index]
        _stop_worker(worker, kill=True)
        if worker.in_flight:
            on_result(_failed(worker.in_flight.popleft(), reason, message))
        requeued.extendleft(reversed(worker.in_flight))
        pool[index] = _start_worker(settings)

    try:
        while True:
            for worker in pool:
                while len(worker.in_flight) < PREFETCH and (task := next_task()) is not None:
                    worker.in_flight.append(task)
                    worker.tasks.put(task)
                if worker.ready and worker.started_at is None and worker.in_flight:
                    worker.started_at = time.monotonic()
            if not any(worker.in_flight for worker in pool):
                return
            now = time.monotonic()
            deadlines = [w.started_at + time_limit for w in pool if time_limit is not None and w.started_at is not None]
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            wait([w.results for w in pool] + [w.process.sentinel for w in pool], timeout)
            for index, worker in enumerate(pool):
                crashed = False
                try:
                    while worker.results.poll():
                        kind, payload = worker.results.recv()
                        if kind == "fatal":
                            raise ModelError(f"a batch worker could not load the analyzer: {payload}")
                        if kind == "done":
                            worker.in_flight.popleft()
                            on_result(payload)
                        worker.ready = True
                        worker.started_at = time.monotonic() if worker.in_flight else None
                except (EOFError, OSError):
                    crashed = True
                if (crashed or not worker.process.is_alive()) and not worker.ready:
                    code = worker.process.exitcode
                    raise ModelError(f"a batch worker died while loading the analyzer (exit code {code})")
                if crashed or not worker.process.is_alive():
                    code = worker.process.exitcode
                    replace(index, REASON_CRASH, f"the worker process died (exit code {code}) on this document")
                elif (
                    time_limit is not None
                    and worker.started_at is not None
                    and time.monotonic() - worker.started_at > time_limit
                ):
                    replace(index, REASON_TIMEOUT, f"analysis took longer than the {time_limit:g} s limit")
    finally:
        for worker in pool:
            if worker.process.is_alive() and not worker.in_flight:
                worker.tasks.put(None)
                _stop_worker(worker, kill=False)
            else:
                _stop_worker(worker, kill=True)
