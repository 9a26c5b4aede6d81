"""Analyse a whole corpus into Parquet tables; rerun the same command to resume after a crash.

INPUT is a folder (searched recursively; a PTC/SemEval articles folder is read as such), a glob,
a file, or a JSONL/CSV corpus. Results go to RESULTS_DIR as the tables articles, spans,
attributions and errors (see docs/batch.md). Exit code 0 when every document was analysed,
3 when any failed (the failures are in the errors table; all the others are written).

examples:
  spinscope batch examples/ -o results/
  spinscope batch ../shared/data/semeval2020-task11-ptc-v2/{train,dev,test}-articles -o ptc-results/
  spinscope batch 'crawl/*.jsonl' -o results/ --workers 2 --time-limit 60
  spinscope batch corpus.csv -o results/ --engine dask --workers 4
  spinscope batch examples/ -o results-2023/ --taxonomy semeval2023
  spinscope batch corpus.jsonl -o results/ --dask-scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinscope.cli import add_analysis_arguments, add_taxonomy_argument, analysis_settings, taxonomy_settings
from spinscope.cli._text import plural
from spinscope.settings import Settings

if TYPE_CHECKING:
    from spinscope.batch import BatchProgress

COMMAND = "batch"
HELP = "analyse a corpus into Parquet tables (resumable; local processes or Dask)"

#: Exit code when the batch finished but some documents failed.
EXIT_SOME_FAILED = 3


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", metavar="INPUT", nargs="+", help="folders, globs, files, JSONL/CSV corpora")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="RESULTS_DIR", help="results folder")
    parser.add_argument(
        "--workers", type=_positive_int, default=None, help="worker processes (default: all local cores)"
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes or Dask")
    parser.add_argument("--dask-scheduler", default=None, metavar="tcp://HOST:PORT", help="run on this Dask cluster")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help=f"per-document limit; 0 for none (default: {Settings().time_limit:g})",
    )
    parser.add_argument(
        "--chunk-size", type=_positive_int, default=None, help="documents per Parquet part (default: 64)"
    )
    add_analysis_arguments(parser, urls=False)
    add_taxonomy_argument(
        parser,
        help="name the findings in the tables in SemEval-2020 (default: the model's labels), SemEval-2023 (through "
        "the documented mapping, every candidate where 2023 split a class, joined by |) or both; stats and plot "
        "then default to it, and a resume must use the same (docs/batch.md)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


class _ProgressBar:
    """A tqdm bar on stderr over this run's documents (resumed ones excluded, so rate and ETA stay true)."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.failed = 0

    def show(self, progress: BatchProgress) -> None:
        from tqdm import tqdm

        if not self.enabled:
            return
        if self.bar is None:
            total = None if progress.total is None else progress.total - progress.skipped
            postfix = {"failed": 0, "resumed": progress.skipped}
            # On a terminal redraw often; in a log file (not a tty) write a line every 30 s at most.
            interval = 0.1 if sys.stderr.isatty() else 30.0
            self.bar = tqdm(
                total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, postfix=postfix, mininterval=interval
            )
        if progress.failed != self.failed:
            self.failed = progress.failed
            self.bar.set_postfix(failed=progress.failed, resumed=progress.skipped, refresh=False)
        self.bar.update(progress.done - self.bar.n)  # tqdm redraws at most every 0.1 s

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.batch import BatchOptions, run_batch
    from spinscope.batch.runner import DEFAULT_CHUNK_SIZE

    settings = taxonomy_settings(args, analysis_settings(args, settings))
    if args.time_limit is not None:
        settings = settings.with_(time_limit=args.time_limit or None)
    bar = _ProgressBar(enabled=not args.no_progress)
    options = BatchOptions(
        engine=args.engine,
        workers=args.workers,
        dask_scheduler=args.dask_scheduler,
        chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE,
        on_progress=bar.show,
    )
    try:
        report = run_batch(args.inputs, args.output, settings=settings, options=options)
    finally:
        bar.close()
    print(
        f"{report.processed:,} analysed ({report.failed:,} failed), {report.skipped:,} already done, "
        f"{report.total:,} in the inputs; {plural(report.errors_total, 'error')} in {report.results_dir} "
        f"[{report.seconds:.1f} s]",
        file=sys.stderr,
    )
    if not report.ok:
        print(f"list the failures with: spinscope stats {report.results_dir} --errors", file=sys.stderr)
    return 0 if report.ok else EXIT_SOME_FAILED
