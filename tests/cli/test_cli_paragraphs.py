"""`spinscope predict --task paragraphs --taxonomy semeval2023`, then `evaluate --task paragraphs` (real commands)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.io.semeval import read_paragraph_labels
from spinscope.taxonomy import get_taxonomy

TEXTS = {
    "111": "Title one\n\nThe corrupt traitors want to destroy our nation.\n\nThe meeting is on Monday.\n",
    "222": "Title two\nThese evil thugs will stop at nothing!\n",
}


def _spinscope(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, check=check)


def test_predict_and_score_paragraphs(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in TEXTS.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "st3.txt"
    _spinscope(
        "predict", "--task", "paragraphs", "--taxonomy", "semeval2023", "--articles", str(folder), "-o", str(out)
    )
    rows = read_paragraph_labels(out)
    assert [(a, n) for a, n, _ in rows] == [("111", 1), ("111", 3), ("111", 5), ("222", 1), ("222", 2)]
    assert all(labels <= set(get_taxonomy("semeval2023").ids) for _, _, labels in rows)

    gold = tmp_path / "gold.txt"
    gold.write_text(
        "111\t1\t\n111\t3\tLoaded_Language,Name_Calling-Labeling\n111\t5\t\n222\t1\t\n222\t2\tLoaded_Language\n",
        encoding="utf-8",
    )
    result = json.loads(
        _spinscope("evaluate", "--task", "paragraphs", "--pred", str(out), "--gold", str(gold), "--json").stdout
    )
    assert 0.0 <= result["micro_f1"] <= 1.0 and result["n_missing"] == 0 and result["n_unexpected"] == 0


def test_paragraphs_refuse_the_2020_taxonomy(tmp_path: Path) -> None:
    done = _spinscope(
        "predict",
        "--task",
        "paragraphs",
        "--taxonomy",
        "semeval2020",
        "--articles",
        str(tmp_path),
        "-o",
        str(tmp_path / "x"),
        check=False,
    )
    assert done.returncode != 0 and "--taxonomy" in done.stderr and "semeval2023" in done.stderr


def test_techniques_lists_semeval2023_with_groups_and_not_detected() -> None:
    text = _spinscope("techniques", "--taxonomy", "semeval2023").stdout
    assert "== Attack on reputation ==" in text and "== Manipulative wording ==" in text
    assert text.count("NOT DETECTED") == 4
    for technique in get_taxonomy("semeval2023").techniques:
        assert technique.id in text and technique.example in " ".join(text.split())
    data = json.loads(_spinscope("techniques", "--taxonomy", "semeval2023", "--json").stdout)
    assert (
        len(data["techniques"]) == 23
        and "Bandwagon,Reductio_ad_hitlerum" in data["mapping"]["semeval2020_to_semeval2023"]
    )
    assert "Group: Justification" in _spinscope("techniques").stdout


def test_predict_paragraphs_says_which_reading_wrote_them(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in TEXTS.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    base = ("predict", "--task", "paragraphs", "--taxonomy", "semeval2023", "--articles", str(folder))
    model = _spinscope(*base, "-o", str(tmp_path / "model.txt"))
    mapped = _spinscope(*base, "--paragraphs-from", "mapped", "-o", str(tmp_path / "mapped.txt"))
    assert "paragraph head" in model.stderr and "mapped 2020 findings" in mapped.stderr
    rows = {path: read_paragraph_labels(tmp_path / path) for path in ("model.txt", "mapped.txt")}
    assert [r[:2] for r in rows["model.txt"]] == [r[:2] for r in rows["mapped.txt"]]


@pytest.mark.parametrize(
    ("task", "taxonomy", "wanted"),
    [
        ("paragraphs", "both", "semeval2023"),
        ("si", "semeval2023", "semeval2020"),
        ("tc", "both", "semeval2020"),
    ],
)
def test_predict_takes_the_taxonomy_choices_of_every_command_and_refuses_an_impossible_one(
    tmp_path: Path, task: str, taxonomy: str, wanted: str
) -> None:
    help_text = _spinscope("predict", "--help").stdout
    assert "{semeval2020,semeval2023,both}" in help_text  # TAXONOMY_CHOICES, as analyze/batch/serve take them
    out = tmp_path / "x.txt"
    args = ("predict", "--task", task, "--taxonomy", taxonomy, "--articles", str(tmp_path), "-o", str(out))
    done = _spinscope(*args, check=False)
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"--task {task} writes {wanted} labels only" in done.stderr and f"--taxonomy {wanted}" in done.stderr
