"""``spinscope train``: what each task runs (``--task all``: the technique model, then its paragraph head)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.cli import build_parser
from spinscope.cli.train import steps


def _steps(*argv: str) -> tuple[str, ...]:
    return steps(build_parser().parse_args(["train", *argv]))


def test_task_all_fits_the_paragraph_head_after_the_technique_model() -> None:
    assert _steps("--task", "all", "-o", "out") == ("techniques", "paragraphs")
    assert _steps("-o", "out") == ("techniques", "paragraphs")  # all is the default task
    assert _steps("--task", "all", "--no-paragraphs", "-o", "out") == ("techniques",)
    assert _steps("--task", "si", "-o", "out") == _steps("--task", "tc", "-o", "out") == ("techniques",)
    assert _steps("--task", "paragraphs", "--apply-to", "m") == ("paragraphs",)
    assert _steps("--task", "attribution", "-o", "out") == ("attribution",)
    assert _steps("--findings-only", "--tuning-from", "m", "-o", "f.json") == ("findings",)
    assert _steps("--heldout-only", "-o", "out") == ("heldout",)


def test_task_all_without_the_paragraph_data_stops_before_training(tmp_path: Path) -> None:
    """The 2023 paragraph data is checked first: a missing folder is one clear line, not hours of training lost."""
    argv = ["train", "--task", "all", "-o", str(tmp_path / "model"), "--data-dir", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-m", "spinscope", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "semeval2023-task3-en" in done.stderr and "paragraph head" in done.stderr
    assert not (tmp_path / "model").exists()


def test_task_all_takes_paragraph_thresholds_from_a_held_out_tuning_folder(tmp_path: Path) -> None:
    """``--tuning-from`` a held-out network: its split chooses the thresholds, and no temporary folder is made."""
    from spinscope.cli.train import _paragraph_heldout
    from spinscope.errors import ModelError
    from spinscope.train.techniques import HELDOUT_RECORD

    plain, heldout = tmp_path / "model", tmp_path / "heldout"
    plain.mkdir()
    heldout.mkdir()
    (heldout / HELDOUT_RECORD).write_text('{"seed": 13, "fit_ids": ["1"], "heldout_ids": ["2"]}', encoding="utf-8")
    with _paragraph_heldout(heldout) as found:
        assert found == (heldout, False)
    with _paragraph_heldout(plain) as found:
        assert found == (None, False)  # a model without a split: the head falls back to cross-validation
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / HELDOUT_RECORD).write_text('{"seed": 13}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a held-out model directory"), _paragraph_heldout(broken):
        pass  # refused before the training run, not after it
    with _paragraph_heldout(None) as (folder, export):
        assert export and folder is not None and folder.is_dir() and not any(folder.iterdir())
    assert not folder.exists()  # the held-out run's export goes with the temporary folder
