"""What runs inside a batch worker: analyse documents with an :class:`Analyzer` loaded once per process."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing import parent_process
from multiprocessing.connection import Connection, wait
from multiprocessing.queues import Queue
from typing import Any

from spinscope.batch.schema import (
    REASON_TIMEOUT,
    DocumentRows,
    article_error_rows,
    result_rows,
)
from spinscope.model import Article
from spinscope.pipeline import Analyzer, shared_analyzer
from spinscope.settings import Settings

#: One unit of work: the document's key and the article to analyse.
Task = tuple[str, Article]

#: Compute threads per worker process. One, as Dask gives its workers (OMP_NUM_THREADS=1): N workers
#: then use N cores instead of each spreading over all of them and fighting for the CPU.
THREADS_PER_WORKER = 1
#: Variables that BLAS/OpenMP libraries read when numpy is first imported. A spawned worker imports
#: numpy while it unpickles its target, before any of its code runs, so they must be in the
#: environment it is started with (measured: an unset OPENBLAS pool spun a second thread at ~0.3 core).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


@contextmanager
def worker_environment() -> Iterator[None]:
    """Start processes inside this block to give them one BLAS/OpenMP thread (the user's own value wins)."""
    added = [name for name in THREAD_VARIABLES if name not in os.environ]
    for name in added:
        os.environ[name] = str(THREADS_PER_WORKER)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def analyze_document(analyzer: Analyzer, key: str, article: Article) -> DocumentRows:
    """Analyse one article and return its rows, findings named in the analyzer's taxonomy; a failure becomes
    an error row, never an exception."""
    started = time.perf_counter()
    try:
        result = analyzer.analyze(article).to_dict()
        return result_rows(key, result, elapsed_s=time.perf_counter() - started, taxonomy=analyzer.settings.taxonomy)
    except Exception as e:  # one document's failure (a stage bug, a bad span) must not stop the batch
        return article_error_rows(key, article, reason=type(e).__name__, message=str(e) or repr(e))


def analyze_chunk(settings: Settings, tasks: Sequence[Task]) -> list[DocumentRows]:
    """Analyse a chunk of documents (the Dask task).

    Dask cannot stop a running thread, so here the time limit is checked after each document:
    one that took longer is recorded as a timeout, like the local engine would have.
    """
    analyzer = shared_analyzer(settings)
    results = []
    for key, article in tasks:
        started = time.perf_counter()
        rows = analyze_document(analyzer, key, article)
        elapsed = time.perf_counter() - started
        if settings.time_limit is not None and elapsed > settings.time_limit:
            message = f"took {elapsed:.1f} s, over the {settings.time_limit:g} s limit"
            rows = article_error_rows(key, article, reason=REASON_TIMEOUT, message=message)
        results.append(rows)
    return results


def _exit_with_parent() -> None:
    """Leave as soon as the parent process is gone (it may have been killed with SIGKILL)."""
    parent = parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def worker_main(settings: Settings, tasks: Queue[Task | None], results: Connection) -> None:
    """Entry point of a local worker process: load once, then analyse tasks until ``None``.

    Messages sent back: ``("ready", None)`` once loaded, ``("done", DocumentRows)`` per task,
    ``("fatal", message)`` when the analyzer cannot be loaded at all.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    try:
        analyzer = Analyzer(settings)
    except Exception as e:  # reported to the parent, which stops the batch with a clear message
        results.send(("fatal", f"{type(e).__name__}: {e}"))
        return
    results.send(("ready", None))
    while (task := tasks.get()) is not None:
        key, article = task
        message: tuple[str, Any] = ("done", analyze_document(analyzer, key, article))
        results.send(message)
