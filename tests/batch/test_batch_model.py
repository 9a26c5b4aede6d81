"""A batch remembers the technique model of ``--model``; a resume with another model is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spinscope.batch.schema import DocumentRows
from spinscope.batch.store import ResultStore, batch_model, model_record, part_dirs
from spinscope.detect.stage import SHIPPED_MODEL_DIR
from spinscope.errors import InputError


def test_the_shipped_model_is_not_recorded_and_another_one_is_by_its_resolved_path(tmp_path: Path) -> None:
    assert model_record(None) is None and model_record(SHIPPED_MODEL_DIR) is None
    assert model_record(tmp_path / "m" / ".." / "m") == str((tmp_path / "m").resolve())


def test_a_store_of_another_model_is_refused_and_the_folder_stays_usable(tmp_path: Path) -> None:
    out, model = tmp_path / "results", tmp_path / "model-a"
    with ResultStore(out, model_dir=model) as store:
        store.write_part([DocumentRows(key="k1")])
    assert json.loads((part_dirs(out)[0] / "manifest.json").read_text())["model"] == str(model.resolve())
    assert batch_model(out) == str(model.resolve())
    with pytest.raises(InputError, match=r"made by the model in .*model-a, not by the shipped model: resume it with"):
        ResultStore(out).open()
    with pytest.raises(InputError, match=r"not by the model in .*model-b"):
        ResultStore(out, model_dir=tmp_path / "model-b").open()
    with ResultStore(out, model_dir=model) as store:  # the refused stores let go of the lock
        store.write_part([DocumentRows(key="k2")])
    assert len(part_dirs(out)) == 2


def test_the_cli_refuses_a_resume_with_another_model_in_one_line(
    corpus: tuple[Path, list[str]], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    folder, ids = corpus
    out = tmp_path / "results"
    fast = ["--no-techniques", "--no-quotes", "--no-outlet", "--no-progress", "--workers", "1"]
    first = run_cli("batch", str(folder), "-o", str(out), *fast)
    assert first.returncode == 0, first.stderr
    assert batch_model(out) is None and "model" not in json.loads((part_dirs(out)[0] / "manifest.json").read_text())
    other = tmp_path / "other-model"
    refused = run_cli("batch", str(folder), "-o", str(out), "--model", str(other), *fast)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"spinscope batch: error: {out}: holds results made by the shipped model, not by the model in "
        f"{other.resolve()}: resume it without --model, or write these results into another folder"
    ]
    again = run_cli("batch", str(folder), "-o", str(out), "--model", str(SHIPPED_MODEL_DIR), *fast)
    assert again.returncode == 0 and f"{len(ids)} already done" in again.stderr
