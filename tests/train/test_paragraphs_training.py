"""`spinscope train --task paragraphs`: the data it reads (never the 75 SemEval-2020 dev articles) and the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from spinscope.detect.paragraph_head import PARAGRAPH_HEAD_FILE, ParagraphHead
from spinscope.settings import default_data_dir
from spinscope.train.paragraphs import choose_thresholds, folds, training_articles


def _spinscope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, check=False)


def test_folds_are_seeded_and_balanced() -> None:
    fold = folds(23, 5, seed=13)
    assert fold == folds(23, 5, seed=13) != folds(23, 5, seed=14)
    assert sorted(np.bincount(fold).tolist()) == [4, 4, 5, 5, 5]


def test_thresholds_maximise_micro_f1_on_what_they_are_given() -> None:
    probs = np.asarray([[0.9, 0.2], [0.6, 0.35], [0.2, 0.8], [0.15, 0.1]])
    truth = np.asarray([[1, 0], [1, 1], [0, 1], [0, 0]], dtype=bool)
    cut, f1 = choose_thresholds(probs, truth, per_label=True)
    assert f1 == 1.0 and (probs >= cut).tolist() == truth.tolist()


def test_training_without_somewhere_to_write_is_refused() -> None:
    done = _spinscope("train", "--task", "paragraphs")
    assert done.returncode != 0 and "--apply-to" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.data
@pytest.mark.slow
def test_training_reads_only_the_371_train_articles_and_writes_a_head(tmp_path: Path) -> None:
    data = default_data_dir()
    articles, gold = training_articles(data)
    dev_ids = {p.name[7:-4] for p in (data / "semeval2020-task11-ptc-v2" / "dev-articles").glob("article*.txt")}
    assert len(articles) == 371 and not {a.id for a in articles} & dev_ids and set(gold) <= {a.id for a in articles}
    done = _spinscope("train", "--task", "paragraphs", "--max-articles", "15", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    head = ParagraphHead.from_disk(tmp_path / PARAGRAPH_HEAD_FILE)
    assert record["paragraphs"] > 15 and head.info["cv_micro_f1"] == record["cv_micro_f1"]
    assert len(head.labels) == 19


def test_thresholds_from_a_folder_that_is_not_a_heldout_network_are_refused(tmp_path: Path) -> None:
    done = _spinscope("train", "--task", "paragraphs", "--tuning-from", str(tmp_path), "-o", str(tmp_path / "out"))
    assert done.returncode != 0 and "heldout.json" in done.stderr and str(tmp_path) in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out" / PARAGRAPH_HEAD_FILE).exists()


@pytest.mark.data
@pytest.mark.slow
def test_thresholds_are_chosen_on_the_heldout_articles_of_the_split(tmp_path: Path) -> None:
    """A held-out folder (here the shipped network, with a split of the first 12 articles written by hand):
    the head's thresholds are those chosen on its held-out side, and the record says so."""
    from spinscope.detect.stage import SHIPPED_MODEL_DIR

    articles, _ = training_articles(default_data_dir(), max_articles=12)
    ids = [a.id for a in articles]
    heldout = tmp_path / "heldout"
    heldout.mkdir()
    for item in SHIPPED_MODEL_DIR.iterdir():
        if item.is_file() and item.name != PARAGRAPH_HEAD_FILE:
            (heldout / item.name).write_bytes(item.read_bytes())
    split = {"seed": 7, "fit_ids": ids[:9], "heldout_ids": ids[9:]}
    (heldout / "heldout.json").write_text(json.dumps(split), encoding="utf-8")
    done = _spinscope(
        "train", "--task", "paragraphs", "--max-articles", "12", "--tuning-from", str(heldout), "-o", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["thresholds_from"] == "held-out network heldout (seed 7)"
    assert (record["fit_articles"], record["heldout_articles"]) == (9, 3)
    head = ParagraphHead.from_disk(tmp_path / PARAGRAPH_HEAD_FILE)
    assert np.allclose(head.thresholds, record["thresholds"]) and 0.0 <= record["heldout_micro_f1"] <= 1.0
