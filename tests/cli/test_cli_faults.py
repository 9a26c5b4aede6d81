"""Faults a new user met on the way (issue 16): each one has its test here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.cli import command_modules
from spinscope.cli._text import plain_help, plural

COMMANDS = [module.COMMAND for module in command_modules()]
NO_MODELS = ["--no-techniques", "--no-quotes", "--no-outlet"]


def _spinscope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_rst_markup(command: str) -> None:
    done = _spinscope(command, "--help")
    assert done.returncode == 0, done.stderr
    assert "``" not in done.stdout, f"spinscope {command} --help prints RST double backticks"
    assert ":func:" not in done.stdout and ":meth:" not in done.stdout


def test_top_level_help_has_no_rst_markup() -> None:
    done = _spinscope("--help")
    assert done.returncode == 0 and "``" not in done.stdout


def test_plain_help_and_plural() -> None:
    markup = "or ``-`` for stdin, see :func:`spinscope.io.read_input`"
    assert plain_help(markup) == "or - for stdin, see spinscope.io.read_input"
    assert [plural(n, "error") for n in (0, 1, 2, 1000)] == ["0 errors", "1 error", "2 errors", "1,000 errors"]


@pytest.mark.parametrize("command", ["analyze", "quotes"])
@pytest.mark.parametrize(
    ("name", "content"),
    [("corpus.jsonl", '{"text": "A story."}\n{"text": "Another."}\n'), ("corpus.csv", "text\nA story.\nAnother.\n")],
)
def test_single_article_commands_refuse_a_corpus(tmp_path: Path, command: str, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    done = _spinscope(command, str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert f"spinscope batch {path} -o RESULTS_DIR" in line and "corpus" in line


def test_unknown_output_suffix_is_refused_before_analysing(tmp_path: Path, example_path: Path) -> None:
    report = tmp_path / "report.pdf"
    done = _spinscope("analyze", str(example_path), "-o", str(report), *NO_MODELS)
    assert done.returncode == 2
    assert not report.exists()
    assert ".html" in done.stderr and ".json" in done.stderr and ".txt" in done.stderr and "--format" in done.stderr


@pytest.mark.parametrize(("suffix", "start"), [(".html", "<!DOCTYPE html>"), (".json", "{"), (".txt", "Arvelia")])
def test_known_output_suffixes_keep_working(tmp_path: Path, example_path: Path, suffix: str, start: str) -> None:
    out = tmp_path / f"report{suffix}"
    done = _spinscope("analyze", str(example_path), "-o", str(out), *NO_MODELS)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith(start)


def test_explicit_format_wins_over_an_unknown_suffix(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = _spinscope("analyze", str(example_path), "-o", str(out), "--format", "html", *NO_MODELS)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
