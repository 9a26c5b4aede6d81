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


def test_predict_tc_without_template_writes_the_findings_scored_by_evaluate_spans(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id, text in TEXTS.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "findings.txt"
    _spinscope("predict", "--task", "tc", "--articles", str(folder), "--min-score", "0", "-o", str(out))
    rows = read_labels(out)
    assert rows, "the shipped model finds something in 'corrupt traitors' and 'evil thugs'"
    for article_id, technique, start, end in rows:
        assert technique and technique != "?"
        assert 0 <= start < end <= len(TEXTS[article_id])
    # scored against itself the findings are perfect
    scored = _spinscope("evaluate", "--task", "spans", "--pred", str(out), "--gold", str(out), "--json")
    import json

    result = json.loads(scored.stdout)
    assert result["f1"] == 1.0 and result["macro_f1"] == 1.0
