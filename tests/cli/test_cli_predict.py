"""``spinscope predict`` writes SemEval submission files (real command, real files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from spinscope.io.ptc import read_labels

TEXTS = {
    "111": "Title one\n\nThe corrupt traitors want to destroy our nation.\nThe meeting is on Monday.\n",
    "222": "Title two\n\nThese evil thugs will stop at nothing!\n",
}


def _spinscope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, check=True)


def test_predict_si_and_tc_with_template(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in TEXTS.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    template = tmp_path / "template.out"
    template.write_text("111\t?\t12\t28\n111\t?\t12\t28\n222\t?\t11\t20\n", encoding="utf-8")

    _spinscope(
        "predict",
        "--task",
        "tc",
        "--articles",
        str(folder),
        "--template",
        str(template),
        "-o",
        str(tmp_path / "tc.txt"),
    )
    rows = read_labels(tmp_path / "tc.txt")
    assert [(a, s, e) for a, _, s, e in rows] == [(a, s, e) for a, _, s, e in read_labels(template)]
    assert all(technique for _, technique, _, _ in rows)

    _spinscope("predict", "--task", "si", "--articles", str(folder), "-o", str(tmp_path / "si.txt"))
    for article_id, technique, start, end in read_labels(tmp_path / "si.txt"):
        assert technique == ""
        assert 0 <= start < end <= len(TEXTS[article_id])
