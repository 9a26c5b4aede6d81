"""``spinscope outlet`` as a real command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "outlet", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.data
def test_outlet_text_shows_each_list() -> None:
    done = _run("Russia-Insider")
    assert done.returncode == 0, done.stderr
    assert "russia-insider.com" in done.stdout
    assert "baly-emnlp18" in done.stdout and "idiap-mbfc" in done.stdout


@pytest.mark.data
def test_outlet_json_unknown() -> None:
    done = _run("no-such-outlet-here.example", "--json")
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["known"] is False


@pytest.mark.data
def test_unknown_outlet_is_exit_1_and_one_clear_sentence() -> None:
    done = _run("Nowhere Gazette")
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("spinscope outlet: error: 'Nowhere Gazette' is not a known outlet")
    assert line.count("unknown outlet") + line.count("not a known outlet") == 1
