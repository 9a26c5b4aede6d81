"""``spinscope quotes`` as a real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "quotes", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_quotes_json_from_stdin() -> None:
    done = _run("-", "--json", stdin="“We will win this race and nobody can stop us,” Senator Jane Doe said.\n")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    spans = payload["layers"]["attributions"]
    assert len(spans) == 1
    assert spans[0]["attrs"]["source_name"] == "Jane Doe"
    assert set(payload["layers"]) == {"attributions", "quote_sources", "quote_cues", "relays"}


def test_quotes_text_output(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "“Talks with the other side are over for now,” the ministry said in a statement.\n", encoding="utf-8"
    )
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    assert "cue: said" in done.stdout
    assert "statement (official_statement)" in done.stdout


def test_missing_input_is_one_line_error(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "nope.txt"))
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and "spinscope quotes: error:" in done.stderr


def test_quotes_refuses_a_text_over_max_chars() -> None:
    done = _run("-", "--max-chars", "20", stdin="“We will win this race,” Senator Jane Doe said.\n")
    assert done.returncode == 2
    assert "over the limit of 20 characters" in done.stderr and "--max-chars" in done.stderr
