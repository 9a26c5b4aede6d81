"""``spinscope compare`` as a real command: text, JSON and the self-contained HTML page; saved results; errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "arvelia-2031-03-14.txt"
CALM = (
    "date 2031-03-15 Harbour council approves budget by Jane Roe – Northwind Daily\n\n"
    "The harbour council of Port Vell approved the budget on Tuesday. The mayor said the vote was close.\n"
)


def _compare(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "compare", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_text_table_and_differences(tmp_path: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(CALM, encoding="utf-8")
    result = _compare(EXAMPLE, calm, "--min-score", "0")
    assert result.returncode == 0, result.stderr
    for figure in (
        "propaganda score",
        "findings per 1,000 words",
        "sentences flagged",
        "named / unresolved / anonymous",
    ):
        assert figure in result.stdout
    assert "Differences:" in result.stdout
    assert re.search(r"^- A .+\.$", result.stdout, re.M), result.stdout


def test_json_of_a_saved_result_against_a_text(tmp_path: Path) -> None:
    saved = tmp_path / "a.json"
    analysed = subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", str(EXAMPLE), "--format", "json", "-o", str(saved)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert analysed.returncode == 0, analysed.stderr
    calm = tmp_path / "calm.txt"
    calm.write_text(CALM, encoding="utf-8")
    result = _compare(saved, calm, "--format", "json")
    data = json.loads(result.stdout)
    assert data["a"]["title"].startswith("Arvelia Stands Firm")
    assert data["b"]["outlet_name"] == "Northwind Daily"
    assert data["a"]["findings"] >= data["b"]["findings"]


def test_html_page_is_self_contained(tmp_path: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(CALM, encoding="utf-8")
    page = tmp_path / "compare.html"
    result = _compare(EXAMPLE, calm, "--format", "html", "-o", page, "--min-score", "0")
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "<script" not in html and "<link" not in html and not re.search(r"""(src|href)=["']https?:""", html)
    assert 'id="side-a"' in html and 'id="side-b"' in html and "<mark" in html


def test_unreadable_input_is_exit_code_two(tmp_path: Path) -> None:
    result = _compare(EXAMPLE, tmp_path / "missing.txt")
    assert result.returncode == 2 and "missing.txt" in result.stderr
