"""The progress bar of ``analyze`` and ``quotes``: drawn on a terminal for long articles only."""

from __future__ import annotations

import io

from spinscope.cli._progress import PROGRESS_MIN_CHARS, progress_bar
from spinscope.progress import report


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _draw(n_chars: int, stream: io.StringIO) -> str:
    with progress_bar(n_chars, stream=stream):
        for done in range(0, 101, 20):
            report("techniques", done, 100)
        report("quotes", 100, 100)
    return stream.getvalue()


def test_a_long_article_on_a_terminal_gets_a_bar_for_each_step() -> None:
    drawn = _draw(PROGRESS_MIN_CHARS + 1, _Terminal())
    assert "techniques" in drawn and "quotes" in drawn
    assert "100%" in drawn


def test_no_bar_for_a_short_article_or_when_stderr_is_not_a_terminal() -> None:
    assert _draw(PROGRESS_MIN_CHARS, _Terminal()) == ""
    assert _draw(10 * PROGRESS_MIN_CHARS, io.StringIO()) == ""
