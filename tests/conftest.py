"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.settings import default_data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The labelled corpora (``../shared/data`` or ``$SPINSCOPE_DATA_DIR``); tests needing it are marked ``data``."""
    path = default_data_dir().resolve()
    if not path.is_dir():
        pytest.fail(f"data directory {path} is missing: run the tests from the repo root next to ../shared")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article the project started from (third-party text, kept in ../shared)."""
    return default_data_dir().resolve().parent / "examples" / "russia-insider-2017-11-19.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The example article shipped in the repo (fictional, written by the project)."""
    return REPO / "examples" / "arvelia-2031-03-14.txt"
