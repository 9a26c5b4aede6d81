"""The Dask engine: the same batch on a ``dask.distributed`` cluster (a LocalCluster or a scheduler).

Documents go out in small chunks; each Dask worker process keeps one Analyzer (see
:func:`spinscope.pipeline.shared_analyzer`), so the model loads once per worker. Results
come back to this process, which writes the parts exactly as the local engine does, so the
results folder and its crash safety are the same. Workers of a remote cluster need spinscope
installed with the same version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from spinscope.batch.schema import REASON_CRASH, DocumentRows, article_error_rows
from spinscope.batch.worker import Task, analyze_chunk
from spinscope.errors import InputError
from spinscope.settings import Settings

#: Documents per Dask task: small enough that two workers stay evenly busy to the end of a few
#: hundred articles, large enough that the scheduler's few milliseconds per task do not matter
#: next to ~0.1 s or more of analysis per article.
TASK_SIZE = 8

#: Tasks queued per worker, so a worker never waits for the client between tasks.
TASKS_PER_WORKER = 2


def _connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client (and the LocalCluster it owns, or None) for a scheduler address or a new LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise InputError("--engine dask", "dask.distributed is not installed: pip install 'spinscope[batch]'") from e
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as e:
            raise InputError(scheduler, f"cannot reach the Dask scheduler: {e}") from e
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def run_dask(
    tasks: Iterator[Task],
    *,
    settings: Settings,
    workers: int,
    scheduler: str | None,
    on_result: Callable[[DocumentRows], None],
) -> None:
    """Analyse every task on a Dask cluster, calling ``on_result`` here for each document."""
    from dask.distributed import as_completed

    client, cluster = _connect(scheduler, workers)
    try:
        n_workers = max(1, len(client.nthreads()) or workers)
        chunks = iter(lambda: list(islice(tasks, TASK_SIZE)), [])
        submitted: dict[Any, list[Task]] = {}

        def submit(chunk: list[Task]) -> Any:
            future = client.submit(analyze_chunk, settings, chunk, pure=False)
            submitted[future] = chunk
            return future

        running = as_completed([submit(chunk) for chunk in islice(chunks, n_workers * TASKS_PER_WORKER)])
        for future in running:
            chunk = submitted.pop(future)
            if future.status == "finished":
                for rows in future.result():
                    on_result(rows)
            else:  # the worker died or the task raised: every document of the chunk is a failure
                message = f"the Dask task failed: {future.exception()!r}"
                for key, article in chunk:
                    on_result(article_error_rows(key, article, reason=REASON_CRASH, message=message))
            future.release()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                running.add(submit(next_chunk))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
