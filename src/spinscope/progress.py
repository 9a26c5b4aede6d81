"""Progress reports and cooperative cancellation for long analyses.

Long loops (the encoder windows of every neural model) call :func:`report` between steps. Whoever
runs an analysis can watch those calls with :func:`watching`: the CLI draws a progress bar, the
HTTP API raises :class:`~spinscope.errors.AnalysisCancelled` from its callback once a request's
time is up, which stops the analysis at the next window. Nothing is reported when no one watches.

The watcher lives in a :class:`~contextvars.ContextVar`, so concurrent analyses in threads each see
their own (set it inside the thread that runs the analysis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: ``callback(step, done, total)``: ``step`` names the loop (e.g. "techniques"), ``done`` of ``total`` units.
ProgressCallback = Callable[[str, int, int], None]

_WATCHER: ContextVar[ProgressCallback | None] = ContextVar("spinscope_progress", default=None)


def report(step: str, done: int, total: int) -> None:
    """Tell the current watcher, if any, that ``done`` of ``total`` units of ``step`` are finished.

    The watcher may raise (e.g. :class:`~spinscope.errors.AnalysisCancelled`) to stop the analysis.
    """
    watcher = _WATCHER.get()
    if watcher is not None:
        watcher(step, done, total)


@contextmanager
def watching(callback: ProgressCallback | None) -> Iterator[None]:
    """Within the block, every :func:`report` in this thread or task calls ``callback``."""
    token = _WATCHER.set(callback)
    try:
        yield
    finally:
        _WATCHER.reset(token)


@contextmanager
def progress_part(start: int, length: int, total: int) -> Iterator[None]:
    """Within the block, reports are of one part of a larger job: units ``[start, start + length)`` of ``total``.

    A long article analysed piece by piece reports, for each piece, its own ``done`` of ``total``
    windows; the watcher sees them as characters of the whole article, so its progress only grows.
    """
    outer = _WATCHER.get()
    if outer is None:
        yield
        return
    watcher = outer  # bound for the closure (mypy cannot narrow a ContextVar's value there)

    def within(step: str, done: int, part_total: int) -> None:
        share = length * done // part_total if part_total else length
        watcher(step, start + share, total)

    with watching(within):
        yield
