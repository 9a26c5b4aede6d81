"""Fixtures of the batch tests: small hand-made corpora and results folders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from spinscope.batch.store import iter_part_keys
from spinscope.settings import Settings

OUTLETS = ("Northwind Herald", "Daily Lantern", "Civic Courier")


def record_text(number: int) -> str:
    """A short article in the record format, with metadata that varies by ``number``."""
    month = number % 3 + 1
    author = f"Author {number % 4}"
    outlet = OUTLETS[number % len(OUTLETS)]
    body = (
        f"The council met on day {number} to discuss the harbour budget. "
        f'"We will not be silenced," said Mayor Ilsa Varn. '
        f"Critics called the plan a disgrace and a betrayal of every honest family.\n\n"
        f"Officials said the vote would take place next week, according to the Harbour Press Agency.\n"
    )
    return f"date 2031-{month:02d}-{number % 28 + 1:02d} Harbour budget story {number} by {author} – {outlet}\n\n{body}"


def write_corpus(folder: Path, count: int) -> list[str]:
    """Write ``count`` record-format articles ``story-NNN.txt``; return their ids (the file stems)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(count):
        path = folder / f"story-{number:03d}.txt"
        path.write_text(record_text(number), encoding="utf-8")
        ids.append(path.stem)
    return ids


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder of 12 record-format articles and their ids."""
    folder = tmp_path / "corpus"
    return folder, write_corpus(folder, 12)


@pytest.fixture
def make_corpus() -> Callable[[Path, int], list[str]]:
    """:func:`write_corpus`, for tests that need a corpus of their own size."""
    return write_corpus


@pytest.fixture(scope="session")
def fast_settings() -> Settings:
    """Batch machinery tests do not need the technique model (its own tests cover it)."""
    return Settings(techniques=False)


def _keys_in(results_dir: Path) -> Counter[str]:
    return Counter(key for _, keys in iter_part_keys(results_dir) for key in keys)


@pytest.fixture
def keys_in() -> Callable[[Path], Counter[str]]:
    """How many times each document key appears over all whole parts of a results folder."""
    return _keys_in


def _run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``spinscope`` command in a subprocess; returns the completed process."""
    return _run_cli
