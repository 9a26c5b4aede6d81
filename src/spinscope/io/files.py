"""One article from a path, a URL or standard input, recognised by its content."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from spinscope.errors import FormatError
from spinscope.io.decode import decode_text, parse_json, read_limited, read_stream
from spinscope.io.fetch import fetch_url
from spinscope.io.html import read_html
from spinscope.io.text import read_text
from spinscope.model import Article
from spinscope.settings import Settings

STDIN = "-"
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_input(source: str, *, settings: Settings) -> Article:
    """Read one article from ``-`` (stdin), an http(s) URL, or a file path.

    Any other ``scheme://`` (``file://``, ``ftp://``) is refused as a URL rather than read.

    Raises:
        InputError: a subclass naming the input and the problem (see :mod:`spinscope.errors`).
    """
    if source == STDIN:
        data = read_stream(sys.stdin.buffer, source="<stdin>", max_bytes=settings.input_byte_limit)
        return read_bytes(data, source="<stdin>")
    if _URL_SCHEME.match(source):
        return fetch_url(source, settings=settings)
    return read_path(Path(source), settings=settings)


def read_path(path: Path | str, *, settings: Settings) -> Article:
    """Read one article file: a saved spinscope JSON result, HTML, the record format or plain text.

    The article id is the file stem unless the content says otherwise (a JSON result keeps its own).

    Raises:
        InputNotFoundError, NotAFileError, InputTooLargeError: checked before reading.
        EmptyInputError, BinaryInputError, EncodingError, NoTextError, FormatError: the content.
    """
    path = Path(path)
    data = read_limited(path, max_bytes=settings.input_byte_limit)
    article = read_bytes(data, source=str(path), id=path.stem, suffix=path.suffix.lower())
    article.meta.setdefault("path", str(path))
    return article


def read_bytes(data: bytes, *, source: str, id: str = "", suffix: str = "") -> Article:
    """Read an article from bytes, choosing the reader by suffix and content.

    1. ``.json`` or a JSON object with a ``schema_version``: a saved result (:meth:`Article.from_dict`);
    2. ``.html``/``.htm`` or content starting with ``<``: HTML;
    3. otherwise text, in the record format when its first line is a record header.
    """
    if suffix in _HTML_SUFFIXES:
        return read_html(data, source=source, id=id)
    text = decode_text(data, source=source)
    head = text.lstrip()[:1]
    if suffix == ".json" or head == "{":
        result = _saved_result(text, source=source, required=suffix == ".json")
        if result is not None:
            return result
    if head == "<":
        return read_html(data, source=source, id=id)
    return read_text(text, id=id, source=source)


def _saved_result(text: str, *, source: str, required: bool) -> Article | None:
    """A saved spinscope result, or ``None`` when the text is not one and need not be."""
    try:
        data = parse_json(text, source=source)
    except FormatError:
        if required:
            raise
        return None
    if not (isinstance(data, dict) and "schema_version" in data and "article" in data):
        if required:
            raise FormatError(source, "is JSON but not a spinscope result (no 'schema_version' and 'article')")
        return None
    try:
        return Article.from_dict(data, source=source)
    except (TypeError, ValueError, AttributeError) as e:
        # Article.from_dict checks the shape it needs, not every malformed field type.
        raise FormatError(source, f"is not a valid spinscope result ({e})") from e
