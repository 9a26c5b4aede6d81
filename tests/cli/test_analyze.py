"""``spinscope analyze`` as a real command: JSON in a pipe, text on a terminal, markers with NO_COLOR, HTML files."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.io.ptc import read_ptc
from spinscope.model import Article, Layer, Span

ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Stages off: these tests are about the output formats; a saved result keeps its technique spans.
NO_MODELS = ["--no-techniques", "--no-quotes", "--no-outlet"]
TEXT = "They are traitors who hate our great nation."


@pytest.fixture
def saved_result(tmp_path: Path) -> Path:
    """A saved result with two technique spans, as ``--format json`` writes it."""
    article = Article(TEXT, id="saved", title="Saved")
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(
                TEXT.index("traitors"),
                TEXT.index(" who"),
                label="Name_Calling,Labeling",
                score=0.9,
                attrs={"reason": "a label"},
            ),
            Span(TEXT.index("great"), TEXT.index("."), label="Flag-Waving", score=0.7, attrs={"reason": "the nation"}),
        ],
    )
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(article.to_dict()), encoding="utf-8")
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def _run_on_terminal(*args: str, env: dict[str, str]) -> str:
    """Run with stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "spinscope", "analyze", *args], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=120)
    if process.stderr:
        process.stderr.close()
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_json_is_the_default_in_a_pipe(saved_result: Path) -> None:
    result = _run(str(saved_result), *NO_MODELS)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [span["text"] for span in data["layers"]["techniques"]] == ["traitors", "great nation"]


def test_text_in_a_pipe_has_markers_and_no_colour(saved_result: Path) -> None:
    result = _run(str(saved_result), *NO_MODELS, "--format", "text")
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout)
    assert "They are [[Name_Calling,Labeling: traitors]] who hate our [[Flag-Waving: great nation]]." in result.stdout


def test_text_is_the_default_on_a_terminal_and_coloured(saved_result: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    out = _run_on_terminal(str(saved_result), *NO_MODELS, env=env)
    assert ANSI.search(out) and "[[" not in out
    assert "traitors" in ANSI.sub("", out)


def test_no_color_gives_markers_on_a_terminal(saved_result: Path) -> None:
    out = _run_on_terminal(str(saved_result), *NO_MODELS, env={**os.environ, "NO_COLOR": "1"})
    assert not ANSI.search(out)
    assert "[[Name_Calling,Labeling: traitors]]" in out


def test_html_report_to_a_file(saved_result: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = _run(str(saved_result), *NO_MODELS, "--format", "html", "-o", str(report))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<mark") == 2
    assert "<link" not in html and " src=" not in html


@pytest.mark.data
def test_a_gold_file_renders_like_an_analysis(data_dir: Path, tmp_path: Path) -> None:
    article = next(read_ptc(data_dir / "semeval2020-task11-ptc-v2" / "train-articles"))
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(article.to_dict()), encoding="utf-8")
    result = _run(str(gold), *NO_MODELS, "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "(gold labels)" in result.stdout
    assert result.stdout.count("[[") == len(article.spans(Layer.GOLD_TECHNIQUES))


@pytest.mark.parametrize(("name", "start"), [("out.html", "<!DOCTYPE html>"), ("out.txt", "Saved"), ("out.json", "{")])
def test_output_suffix_picks_the_format(saved_result: Path, tmp_path: Path, name: str, start: str) -> None:
    result = _run(str(saved_result), *NO_MODELS, "-o", str(tmp_path / name))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


def test_a_text_over_max_chars_exits_2_and_says_how_to_raise_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("A sentence of the article. " * 10, encoding="utf-8")
    done = _run(str(path), "--max-chars", "100", *NO_MODELS)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "270 characters, over the limit of 100 characters" in done.stderr
    assert "--max-chars" in done.stderr and "Traceback" not in done.stderr
    done = _run(str(path), "--max-chars", "1000", *NO_MODELS)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["text"].startswith("A sentence")


def test_max_chars_must_be_a_positive_number() -> None:
    done = _run("-", "--max-chars", "zero")
    assert done.returncode == 2
    assert "must be a positive number of characters" in done.stderr


@pytest.mark.parametrize("command", ["batch", "serve", "quotes"])
def test_every_analysing_command_takes_max_chars(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spinscope", command, "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert "--max-chars N" in done.stdout


def test_analysis_settings_carry_max_chars_and_a_larger_byte_cap() -> None:
    from spinscope.cli import analysis_settings, build_parser, settings_from_args

    args = build_parser().parse_args(["analyze", "x.txt", "--max-chars", "2,000,000"])
    settings = analysis_settings(args, settings_from_args(args))
    assert settings.max_chars == 2_000_000
    assert settings.input_byte_limit == 20_000_000


def test_min_score_chooses_the_findings_shown_in_json_and_text(saved_result: Path) -> None:
    shown = _run(str(saved_result), *NO_MODELS, "--format", "json", "--min-score", "0.8")
    assert shown.returncode == 0, shown.stderr
    result = json.loads(shown.stdout)
    assert [span["label"] for span in result["layers"]["techniques"]] == ["Name_Calling,Labeling"]
    assert result["summary"]["display"] == {"min_score": 0.8, "not_shown": 1}
    text = _run(str(saved_result), *NO_MODELS, "--format", "text", "--min-score", "0.8").stdout
    assert "[[Name_Calling,Labeling: traitors]]" in text and "[[Flag-Waving" not in text
    assert "1 less certain finding (score under 0.80) not shown" in text
    everything = json.loads(_run(str(saved_result), *NO_MODELS, "--format", "json", "--min-score", "0").stdout)
    assert len(everything["layers"]["techniques"]) == 2
    refused = _run(str(saved_result), *NO_MODELS, "--min-score", "1.5")
    assert refused.returncode == 2 and "must be a score from 0 to 1" in refused.stderr
