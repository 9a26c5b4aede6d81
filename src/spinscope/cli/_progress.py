"""A progress bar on stderr while a long article is analysed (only when stderr is a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from spinscope.progress import watching

#: Articles longer than this get a progress bar: shorter ones are done in a few seconds, and a bar
#: that flashes by is noise. The same length at which analysis starts to go piece by piece
#: (:data:`spinscope.segment.CHUNK_CHARS`).
PROGRESS_MIN_CHARS = 50_000


@contextmanager
def progress_bar(n_chars: int, *, stream: TextIO | None = None) -> Iterator[None]:
    """Within the block, draw the analysis's progress reports as bars on ``stream`` (stderr).

    Nothing is drawn (and nothing is watched) for articles of :data:`PROGRESS_MIN_CHARS` or fewer
    characters, or when ``stream`` is not a terminal, so pipes and tests see clean output.
    """
    stream = stream or sys.stderr
    if n_chars <= PROGRESS_MIN_CHARS or not stream.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description:<10}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bars:
        tasks: dict[str, TaskID] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bars.add_task(step, total=total)
            bars.update(tasks[step], completed=done, total=total)

        with watching(update):
            yield
