"""Wording helpers of the CLI: counts with the right plural, docstrings as plain help text."""

from __future__ import annotations

import re

#: ``literal`` and :role:`target` markup of reStructuredText docstrings.
_RST_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_RST_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``"1 error"``, ``"2 errors"``, ``"0 errors"``: the count and the noun, agreeing."""
    word = noun if count == 1 else (plural_form or noun + "s")
    return f"{count:,} {word}"


def plain_help(text: str | None) -> str | None:
    """A module docstring as terminal help text: reStructuredText markup removed (``x`` -> x)."""
    if text is None:
        return None
    return _RST_ROLE.sub(r"\1", _RST_LITERAL.sub(r"\1", text))
