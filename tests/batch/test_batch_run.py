"""run_batch and ``spinscope batch``: tables, failures, time limit, worker crashes, duplicates, resume."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq
import pytest

from spinscope.batch import BatchOptions, BatchProgress, read_table, run_batch
from spinscope.batch.schema import REASON_CRASH, REASON_DUPLICATE, REASON_TIMEOUT, TABLES
from spinscope.batch.store import ResultStore, part_dirs
from spinscope.errors import InputError
from spinscope.settings import Settings


def test_batch_writes_each_article_once_with_the_documented_schema(
    corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings
) -> None:
    folder, ids = corpus
    out = tmp_path / "results"
    report = run_batch([str(folder)], out, settings=fast_settings, options=BatchOptions(workers=2, chunk_size=5))
    assert (report.total, report.processed, report.failed, report.skipped) == (12, 12, 0, 0)
    assert report.ok and report.parts_written == 3
    for part in part_dirs(out):
        for table, schema in TABLES.items():
            assert pq.read_schema(part / f"{table}.parquet").equals(schema, check_metadata=False)
    articles = read_table(out, "articles").to_pylist()
    assert sorted(row["id"] for row in articles) == ids
    story = next(row for row in articles if row["id"] == "story-004")
    assert (story["outlet"], story["author"], story["date"]) == ("Daily Lantern", "Author 0", "2031-02-05")
    assert story["n_chars"] > 0 and story["status"] == "ok"
    assert story["propaganda_score"] is None  # techniques were off
    assert read_table(out, "errors").num_rows == 0


def test_a_rerun_skips_what_is_done(corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings) -> None:
    folder, ids = corpus
    out = tmp_path / "results"
    options = BatchOptions(workers=1, chunk_size=4)
    run_batch([str(folder)], out, settings=fast_settings, options=options)
    again = run_batch([str(folder)], out, settings=fast_settings, options=options)
    assert (again.processed, again.skipped, again.parts_written) == (0, len(ids), 0)
    assert sorted(read_table(out, "articles").column("id").to_pylist()) == ids


def test_bad_documents_go_to_errors_and_the_exit_code_says_so(
    corpus: tuple[Path, list[str]], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    folder, ids = corpus
    (folder / "broken.txt").write_bytes(b"date 2031-01-01 Broken by X \xe2\x80\x93 Y\n\nbad byte \xff here\n")
    (folder / "rows.jsonl").write_text(
        '{"id": "row-ok", "text": "A fine article about the harbour."}\n{"id": "row-bad", "text": \n',
        encoding="utf-8",
    )
    out = tmp_path / "results"
    result = run_cli(
        "batch",
        str(folder),
        "-o",
        str(out),
        "--workers",
        "2",
        "--no-techniques",
        "--no-progress",
    )
    assert result.returncode == 3, result.stderr
    assert "2 failed" in result.stderr
    errors = read_table(out, "errors").to_pylist()
    reasons = {row["input"]: row["reason"] for row in errors}
    assert reasons[str(folder / "broken.txt")] == "EncodingError"
    assert reasons[f"{folder / 'rows.jsonl'}:2"] == "FormatError"
    assert all(row["message"] for row in errors)
    assert sorted(read_table(out, "articles").column("id").to_pylist()) == sorted([*ids, "row-ok"])


def _workers_of(process: psutil.Process) -> list[psutil.Process]:
    return [child for child in process.children() if "spawn_main" in " ".join(child.cmdline())]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signal_number", "reason"),
    [(signal.SIGSTOP, REASON_TIMEOUT), (signal.SIGKILL, REASON_CRASH)],
    ids=["hung-worker", "dead-worker"],
)
def test_a_hung_or_dead_worker_costs_one_document_and_is_replaced(
    tmp_path: Path,
    make_corpus: Callable[[Path, int], list[str]],
    fast_settings: Settings,
    signal_number: int,
    reason: str,
) -> None:
    ids = make_corpus(tmp_path / "corpus", 16)
    struck: list[int] = []

    def strike_worker(progress: BatchProgress) -> None:
        # After the first result the worker is loaded and holds the next documents: stop or kill it there.
        if progress.done >= 1 and not struck:
            for worker in _workers_of(psutil.Process()):
                os.kill(worker.pid, signal_number)
                struck.append(worker.pid)

    settings = fast_settings.with_(time_limit=3.0)
    options = BatchOptions(workers=1, chunk_size=4, on_progress=strike_worker)
    report = run_batch([str(tmp_path / "corpus")], tmp_path / "results", settings=settings, options=options)
    assert len(struck) == 1
    assert not psutil.pid_exists(struck[0]) or psutil.Process(struck[0]).status() == psutil.STATUS_ZOMBIE
    errors = read_table(tmp_path / "results", "errors").to_pylist()
    assert [row["reason"] for row in errors] == [reason]
    analysed = read_table(tmp_path / "results", "articles").column("id").to_pylist()
    assert sorted([*analysed, errors[0]["id"]]) == ids
    assert report.failed == 1 and not report.ok


def test_a_stem_repeated_in_another_folder_is_not_skipped(tmp_path: Path, fast_settings: Settings) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(f"Folder {name} has an article called same.", encoding="utf-8")
    out = tmp_path / "results"
    inputs = [str(tmp_path / "a"), str(tmp_path / "b")]
    report = run_batch(inputs, out, settings=fast_settings)
    assert sorted(read_table(out, "articles").column("id").to_pylist()) == ["a/same", "b/same"]
    assert read_table(out, "errors").num_rows == 0
    assert report.ok and report.processed == 2
    again = run_batch(inputs, out, settings=fast_settings)  # the ids are stable: a rerun resumes
    assert (again.skipped, again.processed) == (2, 0)


def test_a_repeated_id_is_an_error_not_a_second_row(tmp_path: Path, fast_settings: Settings) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "same", "text": "First row."}\n{"id": "same", "text": "Second row."}\n')
    out = tmp_path / "results"
    report = run_batch([str(corpus)], out, settings=fast_settings)
    assert read_table(out, "articles").column("id").to_pylist() == ["same"]
    errors = read_table(out, "errors").to_pylist()
    assert [(row["id"], row["reason"]) for row in errors] == [("same", REASON_DUPLICATE)]
    assert report.failed == 1


def test_two_batches_cannot_write_one_folder(
    tmp_path: Path, corpus: tuple[Path, list[str]], fast_settings: Settings
) -> None:
    with ResultStore(tmp_path / "results"), pytest.raises(InputError, match="another batch"):
        run_batch([str(corpus[0])], tmp_path / "results", settings=fast_settings)


def test_leftovers_of_a_killed_part_write_are_removed(
    corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings
) -> None:
    out = tmp_path / "results"
    leftover = out / "parts" / ".tmp-part-000000-12345"
    leftover.mkdir(parents=True)
    (leftover / "articles.parquet").write_bytes(b"half written")
    run_batch([str(corpus[0])], out, settings=fast_settings, options=BatchOptions(workers=1))
    assert not leftover.exists()
    assert read_table(out, "articles").num_rows == len(corpus[1])


@pytest.mark.data
@pytest.mark.slow
def test_ptc_gold_spans_land_in_the_spans_table(data_dir: Path, tmp_path: Path) -> None:
    articles_dir = data_dir / "semeval2020-task11-ptc-v2" / "dev-articles"
    settings = Settings(techniques=False, quotes=False, outlet=False)
    run_batch([str(articles_dir)], tmp_path / "results", settings=settings, options=BatchOptions(workers=2))
    assert read_table(tmp_path / "results", "articles").num_rows == 75
    spans = read_table(tmp_path / "results", "spans").to_pylist()
    assert len(spans) == 1063 and {row["layer"] for row in spans} == {"gold_techniques"}
    texts: dict[str, str] = {}
    for row in spans[:200]:
        text = texts.setdefault(
            row["article_id"], (articles_dir / f"article{row['article_id']}.txt").read_text(encoding="utf-8")
        )
        assert row["text"] == text[row["start"] : row["end"]]
