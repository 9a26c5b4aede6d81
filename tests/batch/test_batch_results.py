"""Batch parts keep each analysed article's whole result, so any two can be compared or rendered again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spinscope.batch import BatchOptions, run_batch
from spinscope.batch.results import RESULTS_FILE, is_results_dir, iter_results, read_result
from spinscope.batch.store import part_dirs
from spinscope.errors import InputNotFoundError
from spinscope.model import Article
from spinscope.settings import Settings


def test_every_analysed_article_is_kept_whole(
    corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings
) -> None:
    folder, ids = corpus
    out = tmp_path / "results"
    run_batch([str(folder)], out, settings=fast_settings, options=BatchOptions(workers=1, chunk_size=5))
    assert is_results_dir(out) and not is_results_dir(folder)
    assert all((part / RESULTS_FILE).is_file() for part in part_dirs(out))
    kept = dict(iter_results(out))
    assert sorted(kept) == ids
    story = read_result(out, "story-004")
    article = Article.from_dict(story)  # a whole result: it reads back with its text and layers
    assert article.outlet == "Daily Lantern" and article.text.startswith("The council met on day 4")
    with pytest.raises(InputNotFoundError, match="no-such-id"):
        read_result(out, "no-such-id")


def test_compare_two_batch_articles_by_id(
    corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings, run_cli: Callable[..., Any]
) -> None:
    folder, _ = corpus
    out = tmp_path / "results"
    run_batch([str(folder)], out, settings=fast_settings, options=BatchOptions(workers=1, chunk_size=12))
    result = run_cli("compare", "--batch", str(out), "story-001", "story-002", "--format", "json", "--min-score", "0")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["a"]["id"], data["b"]["id"]) == ("story-001", "story-002")
    assert data["a"]["quotes"]["count"] >= 1
    missing = run_cli("compare", "--batch", str(out), "story-001", "nope", "--min-score", "0")
    assert missing.returncode == 2 and "nope" in missing.stderr
