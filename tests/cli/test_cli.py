"""Every sub-command exists, has help with examples, and is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.cli import build_parser, command_modules

REPO = Path(__file__).resolve().parents[2]
COMMANDS = [module.COMMAND for module in command_modules()]


def _documentation() -> str:
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages if page.exists())


def test_core_commands_exist() -> None:
    assert {"analyze", "evaluate", "techniques"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"spinscope {command}" in _documentation(), f"`spinscope {command}` is in neither README.md nor docs/"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    module = next(m for m in command_modules() if command == m.COMMAND)
    assert module.__doc__ and "example" in module.__doc__.lower(), f"{command}: module docstring needs examples"
    assert module.HELP


def test_help_runs_as_a_real_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "spinscope", "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_parser_requires_a_command() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args([])
