"""Turn raw bytes into article text, refusing binary, empty, oversized and non-UTF-8 input."""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from spinscope.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FormatError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFileError,
)

#: Share of odd characters (controls other than tab, newline, carriage return, form feed; byte-order
#: marks inside the text; unassigned, private-use and surrogate code points) above which decoded text
#: is called binary. Real articles have next to none; 10% leaves room for a stray escape sequence or
#: two while catching binary data that happens to decode (as UTF-8, or as UTF-16 after a BOM-like start).
MAX_CONTROL_CHAR_SHARE = 0.10

#: Only the start of the text is inspected for control characters: enough to tell and cheap.
_SNIFF_CHARS = 8192

#: A lone UTF-16 surrogate: a str can hold one (a JSON ``\\ud800`` escape, or raw surrogate bytes that
#: ``json.loads`` lets through from bytes), but it cannot be encoded as UTF-8, so it would fail later,
#: when the result is written or sent (an API 500, a batch part that cannot be saved).
_SURROGATE = re.compile("[\ud800-\udfff]")

#: Where a parsed JSON value may hold one: a ``\\uD800``-``\\uDFFF`` escape, or raw UTF-8-style surrogate
#: bytes (``ED A0``-``ED BF``). Only then is the parsed value walked.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE_HINT_BYTES = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_ODD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})


def read_limited(path: Path, *, max_bytes: int) -> bytes:
    """Read a file's bytes after checking that it exists, is a regular file and is not too large.

    The size is checked before anything is read, so an oversized file is refused at once.

    Raises:
        InputNotFoundError: no such path.
        NotAFileError: a directory or another non-regular file.
        InputTooLargeError: more than ``max_bytes`` bytes.
    """
    source = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError as e:
        raise InputNotFoundError(source, "no such file") from e
    except OSError as e:
        raise InputNotFoundError(source, f"cannot be read ({e.strerror or e})") from e
    if path.is_dir():
        raise NotAFileError(source, "is a directory, expected a file")
    if not path.is_file():
        raise NotAFileError(source, "is not a regular file")
    if stat.st_size > max_bytes:
        raise InputTooLargeError(source, _too_large(stat.st_size, max_bytes))
    try:
        with path.open("rb") as stream:
            return read_stream(stream, source=source, max_bytes=max_bytes)
    except PermissionError as e:
        raise InputNotFoundError(source, "permission denied") from e


def read_stream(stream: BinaryIO, *, source: str, max_bytes: int) -> bytes:
    """Read a byte stream (stdin, a socket) up to ``max_bytes``.

    Raises:
        InputTooLargeError: the stream holds more than ``max_bytes`` bytes.
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(source, _too_large(None, max_bytes))
    return data


def decode_text(data: bytes, *, source: str) -> str:
    """Decode UTF-8 bytes (a UTF-8 BOM is dropped; UTF-16 with a BOM is accepted too).

    Line ends are normalised to ``\\n``, so offsets count the same on every platform.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        BinaryInputError: NUL bytes or many control characters.
        EncodingError: not valid UTF-8; the message gives the byte offset and line.
    """
    if not data:
        raise EmptyInputError(source, "is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise EncodingError(source, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({e.reason})") from e
    else:
        if b"\x00" in data:
            raise BinaryInputError(source, "looks like a binary file (it contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise EncodingError(source, _encoding_problem(data, e)) from e
    text = normalize_newlines(text)
    check_text(text, source=source)
    return text


def parse_json(text: str | bytes, *, source: str) -> Any:
    """Parse JSON, turning every way it can fail into a :class:`FormatError` naming ``source``.

    ``json.loads`` raises ``RecursionError`` (not ``JSONDecodeError``) for values nested deeper than
    the interpreter's recursion limit (about 1,000 levels); no real article or result nests that deep.

    Raises:
        FormatError: not valid JSON (the message gives line and column), not UTF-8, or nested too deeply.
        EncodingError: a string (key or value) holds a lone surrogate; the message names its field.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise FormatError(source, f"is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    except UnicodeDecodeError as e:
        raise FormatError(source, f"is not valid JSON (not UTF-8: {e.reason} at byte {e.start})") from e
    except RecursionError as e:
        raise FormatError(source, "is not usable JSON: nested too deeply (over about 1,000 levels of [ or {)") from e
    if _may_hold_surrogates(text):
        found = _lone_surrogate(data)
        if found is not None:
            field, position, char = found
            raise EncodingError(
                source,
                f"field {field!r} holds a lone surrogate (U+{ord(char):04X} at character {position}), which is not "
                "valid Unicode; send UTF-8 text (a surrogate escape such as \\ud83d is valid only with its pair)",
            )
    return data


def _may_hold_surrogates(text: str | bytes) -> bool:
    if isinstance(text, str):
        return _SURROGATE_HINT.search(text) is not None
    # UTF-16/32 JSON (a NUL among the first bytes) is not searched as bytes: its parsed value is walked.
    return b"\x00" in text[:4] or _SURROGATE_HINT_BYTES.search(text) is not None


def _lone_surrogate(data: Any) -> tuple[str, int, str] | None:
    """The first string (a key or a value) in parsed JSON that holds a lone surrogate: its field path,
    the character position and the surrogate. Walked with a stack: parsed JSON may nest ~1,000 deep."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        items: list[tuple[str, Any]] = []
        if isinstance(value, dict):
            for key, item in value.items():
                items.append((f"{where}.{key}" if where else str(key), key))
                items.append((f"{where}.{key}" if where else str(key), item))
        elif isinstance(value, list):
            items = [(f"{where}.{index}" if where else str(index), item) for index, item in enumerate(value)]
        elif isinstance(value, str):
            match = _SURROGATE.search(value)
            if match:
                return where or "(the whole body)", match.start(), match.group()
        stack.extend(reversed(items))
    return None


def check_text(text: str, *, source: str) -> None:
    """Refuse text that is empty, whitespace only, mostly control characters, or holds a lone surrogate.

    Raises:
        EmptyInputError, BinaryInputError, EncodingError (a lone surrogate: it cannot be written as UTF-8).
    """
    if not text.strip():
        raise EmptyInputError(source, "holds no text (empty or whitespace only)")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise EncodingError(
            source,
            f"holds a lone surrogate (U+{ord(surrogate.group()):04X} at character {surrogate.start()}), "
            "which is not valid Unicode; give UTF-8 text",
        )
    sample = text[:_SNIFF_CHARS]
    odd = sum(1 for char in sample if _is_odd(char))
    if "\x00" in sample or odd > MAX_CONTROL_CHAR_SHARE * len(sample):
        raise BinaryInputError(
            source, "looks like binary data (many control characters or unassigned code points), not text"
        )


def _is_odd(char: str) -> bool:
    if char < " ":
        return char not in _ALLOWED_CONTROLS
    return char == "\ufeff" or (char > "\x7f" and unicodedata.category(char) in _ODD_CATEGORIES)


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_problem(data: bytes, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.start + 1].hex().upper()
    return (
        f"is not valid UTF-8: byte 0x{bad} at offset {error.start} (line {line}) {error.reason}; "
        "convert the file to UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"
    )


def _too_large(size: int | None, max_bytes: int) -> str:
    found = f"is {size:,} bytes" if size is not None else "is larger than the cap"
    return f"{found}, over the limit of {max_bytes:,} bytes (raise it with --max-chars (Settings.max_chars))"
