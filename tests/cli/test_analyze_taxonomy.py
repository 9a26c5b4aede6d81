"""``spinscope analyze --taxonomy``: the same findings of the shipped model, named in SemEval-2023 or both."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from spinscope.taxonomy.mapping import candidates_2023


def _analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", *args, "--no-quotes", "--no-outlet", "--min-score", "0"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _json(example_path: Path, *args: str) -> dict[str, Any]:
    done = _analyze(str(example_path), "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_every_finding_carries_its_2023_reading_and_the_findings_do_not_change(example_path: Path) -> None:
    default = _json(example_path)
    mapped = _json(example_path, "--taxonomy", "semeval2023")
    spans = default["layers"]["techniques"]
    assert spans, "the example has findings"
    for span in spans + default["summary"]["headline"]["techniques"]:
        assert span["attrs"]["semeval2023"] == list(candidates_2023(span["label"]))
    paragraphs = mapped["layers"].pop("paragraph_techniques")  # the 2023 paragraph head's labels, added
    assert paragraphs and all(set(p["attrs"]) == {"line", "techniques", "scores"} for p in paragraphs)
    assert mapped["layers"] == default["layers"]  # same spans, scores and labels
    display = mapped["summary"]["display"]
    assert display["taxonomy"] == "semeval2023"
    assert sum(display["semeval2023_counts"].values()) == len(spans)
    assert "taxonomy" not in default["summary"]["display"]


def test_the_text_and_html_faces_use_the_2023_names(example_path: Path, tmp_path: Path) -> None:
    done = _analyze(str(example_path), "--format", "text", "--taxonomy", "semeval2023")
    assert done.returncode == 0, done.stderr
    assert "named in the SemEval-2023 taxonomy" in done.stdout
    assert "[[Name_Calling-Labeling: " in done.stdout and "[[Name_Calling,Labeling: " not in done.stdout
    assert "(Attack on reputation)" in done.stdout
    report = tmp_path / "report.html"
    done = _analyze(str(example_path), "--taxonomy", "both", "-o", str(report))
    assert done.returncode == 0, done.stderr
    assert "Name calling / labelling (2023: Name calling / labelling)" in report.read_text(encoding="utf-8")


def test_an_unknown_taxonomy_is_refused_before_anything_is_analysed(example_path: Path) -> None:
    done = _analyze(str(example_path), "--taxonomy", "semeval2019")
    assert done.returncode == 2
    assert "semeval2019" in done.stderr and "semeval2023" in done.stderr and "both" in done.stderr
