"""Every error spinscope raises on purpose, in one place.

Each message names the input and the problem, and says what to do where that helps.
The CLI prints ``str(error)`` as one line on stderr and exits non-zero.
"""

from __future__ import annotations


class SpinscopeError(Exception):
    """Base class of all spinscope errors."""

    exit_code = 1


class InputError(SpinscopeError):
    """An input (file, URL, string, corpus row) cannot be read as an article."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class InputNotFoundError(InputError):
    """The path does not exist."""


class NotAFileError(InputError):
    """A directory (or other non-file) was given where a file was expected."""


class EmptyInputError(InputError):
    """The input holds no text at all."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""


class EncodingError(InputError):
    """The input is not valid UTF-8."""


class InputTooLargeError(InputError):
    """The input is over the configured size cap."""


class NoTextError(InputError):
    """An HTML page or record yielded no article text."""


class FormatError(InputError):
    """A structured input (labels file, JSON, JSONL, CSV) is malformed."""


class UrlRefusedError(InputError):
    """A URL was refused before fetching (scheme, private address, ...)."""


class FetchError(InputError):
    """Fetching a URL failed (timeout, HTTP error, too many redirects, too large)."""


class SpanError(SpinscopeError):
    """A span does not fit the article it is attached to."""


class ModelError(SpinscopeError):
    """A model directory is missing, incomplete or of the wrong version."""


class DataNotFoundError(SpinscopeError):
    """A training or evaluation data set is not where it was looked for."""


class AnalysisCancelled(SpinscopeError):
    """An analysis was stopped before it finished (its time ran out, or its caller cancelled it)."""
