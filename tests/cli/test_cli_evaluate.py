"""`spinscope evaluate`, run as a real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def spinscope(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def hand_case(tmp_path: Path) -> tuple[Path, Path]:
    """SI: gold [10,20) in article 1, prediction [15,25): P = R = F1 = 5/10."""
    gold, pred = tmp_path / "gold.labels", tmp_path / "pred.txt"
    gold.write_text("1\tLoaded_Language\t10\t20\n", encoding="utf-8")
    pred.write_text("1\t15\t25\n", encoding="utf-8")
    return pred, gold


def test_si_text_report(hand_case: tuple[Path, Path]) -> None:
    pred, gold = hand_case
    result = spinscope("evaluate", "--task", "si", "--pred", pred, "--gold", gold)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "F1=0.500000  P=0.500000  R=0.500000"


def test_si_json_and_gold_folder(hand_case: tuple[Path, Path], tmp_path: Path) -> None:
    pred, gold = hand_case
    folder = tmp_path / "gold-folder"
    folder.mkdir()
    gold.rename(folder / "article1.task-flc-tc.labels")
    result = spinscope("evaluate", "--task", "si", "--pred", pred, "--gold", folder, "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert (figures["precision"], figures["recall"], figures["f1"]) == (0.5, 0.5, 0.5)


def test_tc_warns_when_spans_differ_from_gold(tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold.labels", tmp_path / "pred.txt"
    gold.write_text("1\tDoubt\t0\t5\n1\tSlogans\t7\t9\n", encoding="utf-8")
    pred.write_text("1\tDoubt\t0\t5\n", encoding="utf-8")
    result = spinscope("evaluate", "--task", "tc", "--pred", pred, "--gold", gold)
    assert result.returncode == 0, result.stderr
    assert "official TC scorer would refuse" in result.stderr
    assert result.stdout.startswith("F1=0.666667  P=1.000000  R=0.500000")
    assert "Slogans" in result.stdout


def test_paragraphs_task(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("5\t1\tDoubt,Slogans\n5\t2\t\n", encoding="utf-8")
    result = spinscope("evaluate", "--task", "paragraphs", "--pred", gold, "--gold", gold, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["micro_f1"] == 1.0


def test_missing_pred_is_one_clear_line(hand_case: tuple[Path, Path]) -> None:
    _, gold = hand_case
    result = spinscope("evaluate", "--task", "tc", "--gold", gold)
    assert result.returncode == 2
    assert result.stderr.strip() == "spinscope evaluate: error: --pred: required for --task tc"


def test_malformed_prediction_is_one_clear_line(hand_case: tuple[Path, Path], tmp_path: Path) -> None:
    _, gold = hand_case
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tx\ty\n", encoding="utf-8")
    result = spinscope("evaluate", "--task", "si", "--pred", bad, "--gold", gold)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bad.txt" in result.stderr


@pytest.mark.data
def test_dev_gold_against_itself(data_dir: Path) -> None:
    ptc = data_dir / "semeval2020-task11-ptc-v2"
    result = spinscope(
        "evaluate", "--task", "tc", "--pred", ptc / "dev-task-flc-tc.labels", "--gold", ptc / "dev-labels-task-flc-tc"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("F1=1.000000")
    assert result.stdout.count("1.0000  1.0000  1.0000") == 14


@pytest.fixture
def gold_2023(tmp_path: Path) -> Path:
    """SemEval-2023 span gold: Appeal to popularity [0,10) and Loaded language [20,30) in article 1."""
    gold = tmp_path / "gold-2023"
    gold.mkdir()
    (gold / "article1-labels-subtask-3.txt").write_text(
        "1\tAppeal_to_Popularity\t0\t10\n1\tLoaded_Language\t20\t30\n", encoding="utf-8"
    )
    return gold


def test_spans_in_semeval2023_read_2020_labels_through_the_mapping(gold_2023: Path, tmp_path: Path) -> None:
    pred = tmp_path / "findings.txt"
    pred.write_text("1\tBandwagon,Reductio_ad_hitlerum\t0\t10\n1\tLoaded_Language\t20\t30\n", encoding="utf-8")
    base = ("evaluate", "--task", "spans", "--taxonomy", "semeval2023", "--pred", pred, "--gold", gold_2023)
    strict = spinscope(*base, "--json")
    assert strict.returncode == 0, strict.stderr
    figures = json.loads(strict.stdout)
    # strict: Bandwagon counts as Guilt by association (its first candidate), wrong here; LL is exact
    assert (figures["precision"], figures["recall"], figures["mode"], figures["n_several"]) == (0.5, 0.5, "strict", 1)
    lenient = spinscope(*base, "--candidates", "lenient")
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stdout.splitlines()[0] == "F1=1.000000  P=1.000000  R=1.000000"
    assert "lenient: an upper bound" in lenient.stdout


def test_spans_in_semeval2023_refuse_a_2020_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold.labels"
    gold.write_text("1\tName_Calling,Labeling\t0\t10\n", encoding="utf-8")
    result = spinscope("evaluate", "--task", "spans", "--taxonomy", "semeval2023", "--pred", gold, "--gold", gold)
    assert result.returncode == 2
    assert "not a SemEval-2023 technique label" in result.stderr and "Traceback" not in result.stderr


def test_candidates_need_the_2023_taxonomy(gold_2023: Path) -> None:
    result = spinscope(
        "evaluate", "--task", "spans", "--candidates", "lenient", "--pred", gold_2023, "--gold", gold_2023
    )
    assert result.returncode == 2 and "--taxonomy semeval2023" in result.stderr
