"""docs/exit-codes.md has a row for every command, and lint's codes are the ones it documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.cli import command_modules
from spinscope.cli.lint import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

PAGE = Path(__file__).resolve().parents[2] / "docs" / "exit-codes.md"


@pytest.mark.parametrize("command", [module.COMMAND for module in command_modules()])
def test_every_command_has_a_row(command: str) -> None:
    rows = [
        line for line in PAGE.read_text(encoding="utf-8").splitlines() if line.startswith(f"| `spinscope {command}` |")
    ]
    assert len(rows) == 1, f"docs/exit-codes.md has no row for spinscope {command}"


def test_lint_codes() -> None:
    assert (EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR) == (0, 1, 2)
