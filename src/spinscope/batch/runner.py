"""``run_batch``: analyse a corpus into a results folder that survives being killed at any moment.

1. Lock the results folder and read which documents its whole parts already hold.
2. Walk the inputs once to count them (for progress and ETA), then again to do the work,
   skipping every document that is done; unreadable inputs become error rows right away.
3. Hand the rest to an engine (local processes or Dask); collect results here, and every
   ``chunk_size`` documents write them as one new part (see :mod:`spinscope.batch.store`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from spinscope.batch.schema import REASON_DUPLICATE, DocumentRows, article_error_rows, error_rows
from spinscope.batch.store import ResultStore, done_keys, table_files
from spinscope.batch.worker import THREADS_PER_WORKER, Task
from spinscope.errors import InputError
from spinscope.model import Article
from spinscope.settings import Settings

#: Documents per part. A kill loses at most this much finished work (about half a minute of
#: analysis with the technique model on two cores); larger parts mean fewer files, and a million
#: articles still make only ~16k parts. Raise it with ``--chunk-size`` for very large corpora.
DEFAULT_CHUNK_SIZE = 64

Engine = Literal["local", "dask"]


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch stands, passed to :attr:`BatchOptions.on_progress` after every document."""

    total: int | None
    skipped: int
    done: int
    failed: int


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """How a batch runs (what it analyses is in :class:`~spinscope.settings.Settings`)."""

    engine: Engine = "local"
    #: Worker processes; ``None`` uses every local core (or the cluster's workers for a scheduler).
    workers: int | None = None
    #: ``tcp://HOST:PORT`` of a running Dask scheduler (implies the Dask engine).
    dask_scheduler: str | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    #: Count the inputs first so progress has a total (reads the inputs twice; analysis dominates).
    count_first: bool = True
    on_progress: Callable[[BatchProgress], None] | None = None

    def __post_init__(self) -> None:
        if self.chunk_size < 1 or (self.workers is not None and self.workers < 1):
            raise ValueError(f"chunk_size and workers must be at least 1 (got {self.chunk_size}, {self.workers})")
        if self.engine not in ("local", "dask"):
            raise ValueError(f"engine must be 'local' or 'dask', not {self.engine!r}")


@dataclass(frozen=True)
class BatchReport:
    """What a batch did."""

    results_dir: Path
    #: Documents in the inputs (unreadable ones included).
    total: int
    #: Documents already in the results folder from an earlier run, not redone.
    skipped: int
    #: Documents handled by this run (analysed or failed).
    processed: int
    #: Of those, how many failed.
    failed: int
    #: Rows of the errors table after this run (earlier runs included).
    errors_total: int
    parts_written: int
    seconds: float

    @property
    def ok(self) -> bool:
        """True when no document in the results folder failed."""
        return self.errors_total == 0


def _key(item: Article | InputError) -> str:
    """An article's id (its input path when it has none), or ``input:<source>`` for an unreadable input."""
    if isinstance(item, InputError):
        return f"input:{item.source}"
    return item.id or f"input:{item.meta.get('path', '?')}"


def _keyed(items: Iterator[Article | InputError]) -> Iterator[tuple[str, Article | InputError, bool]]:
    """Each input with the key that identifies it across runs, and whether it repeats an earlier key.

    A repeat gets a key of its own (``<key>#duplicate-<n>``), so it is recorded once as an error.
    """
    seen: dict[str, int] = {}
    for item in items:
        key = _key(item)
        count = seen.get(key, 0)
        seen[key] = count + 1
        yield (key if count == 0 else f"{key}#duplicate-{count}"), item, count > 0


def _corpus(inputs: Sequence[str], settings: Settings) -> Iterator[tuple[str, Article | InputError, bool]]:
    from spinscope.io import iter_corpus

    return _keyed(iter_corpus(list(inputs), settings=settings))


def _errors_total(results_dir: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.read_metadata(path).num_rows for path in table_files(results_dir, "errors"))


def _usable_cores() -> int:
    """Cores this process may run on (``sched_getaffinity`` is Linux-only)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_batch(
    inputs: Sequence[str],
    output_dir: Path | str,
    *,
    settings: Settings,
    options: BatchOptions | None = None,
) -> BatchReport:
    """Analyse every document of ``inputs`` into ``output_dir``, resuming what an earlier run left.

    Args:
        inputs: folders, globs, files and corpora, as :func:`spinscope.io.iter_corpus` reads them.
        output_dir: the results folder (created if missing).
        settings: what to analyse (stages, model, ``time_limit`` per document) and the ``taxonomy`` the tables
            name the findings in (:func:`~spinscope.batch.schema.tables_for`).
        options: engine, workers, part size, progress callback.

    Raises:
        InputError: the results folder is in use by another batch, holds results named in another taxonomy
            or made by another technique model (``settings.model_dir``), or a Dask scheduler is unreachable.
        ModelError: the analyzer cannot be loaded.
    """
    options = options or BatchOptions()
    if settings.threads is None:
        settings = settings.with_(threads=THREADS_PER_WORKER)
    started = time.monotonic()
    results_dir = Path(output_dir)
    with ResultStore(results_dir, taxonomy=settings.taxonomy, model_dir=settings.model_dir) as store:
        done = done_keys(results_dir)
        total: int | None = None
        counted_skipped = 0
        if options.count_first:
            keys = [key for key, _, _ in _corpus(inputs, settings)]
            total, counted_skipped = len(keys), sum(key in done for key in keys)
        skipped = processed = failed = parts = 0
        buffer: list[DocumentRows] = []

        def report_progress() -> None:
            if options.on_progress is not None:
                already = max(skipped, counted_skipped)
                options.on_progress(BatchProgress(total=total, skipped=already, done=processed, failed=failed))

        def flush() -> None:
            nonlocal parts
            if buffer:
                store.write_part(buffer)
                buffer.clear()
                parts += 1

        def on_result(rows: DocumentRows) -> None:
            nonlocal processed, failed
            buffer.append(rows)
            processed += 1
            failed += rows.failed
            if len(buffer) >= options.chunk_size:
                flush()
            report_progress()

        def pending() -> Iterator[Task]:
            nonlocal skipped
            for key, item, repeated in _corpus(inputs, settings):
                if key in done:
                    skipped += 1
                elif isinstance(item, InputError):
                    on_result(
                        error_rows(
                            key, reason=type(item).__name__, message=str(item), article_id=None, source=item.source
                        )
                    )
                elif repeated:
                    message = f"article id {item.id!r} appears more than once in the inputs; only the first is analysed"
                    on_result(article_error_rows(key, item, reason=REASON_DUPLICATE, message=message))
                else:
                    yield key, item

        report_progress()
        workers = options.workers or _usable_cores()
        try:
            if options.engine == "dask" or options.dask_scheduler:
                from spinscope.batch.distributed import run_dask

                run_dask(
                    pending(), settings=settings, workers=workers, scheduler=options.dask_scheduler, on_result=on_result
                )
            else:
                from spinscope.batch.local import run_local

                run_local(pending(), settings=settings, workers=workers, on_result=on_result)
        finally:
            flush()  # also on Ctrl-C: finished documents are kept
        errors_total = _errors_total(results_dir) if parts or done else 0
    return BatchReport(
        results_dir=results_dir,
        total=total if total is not None else skipped + processed,
        skipped=skipped,
        processed=processed,
        failed=failed,
        errors_total=errors_total,
        parts_written=parts,
        seconds=time.monotonic() - started,
    )
