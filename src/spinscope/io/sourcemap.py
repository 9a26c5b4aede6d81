"""Drafts read with a map from each article character back to the user's file: line, column, byte.

``spinscope lint`` reports ``path:line:col`` in the file the user edits, not in the article text
the analysis sees. Between the two stand: the byte-order mark, CRLF or CR line ends (made ``\\n``),
the record header line and the blank lines after it, Markdown syntax (see :mod:`spinscope.io.markdown`)
and a share/subscribe trailer at the end. Each of these only drops or replaces characters, so
:func:`read_draft` keeps, for every article character, the offset of the file character it came from.
"""

from __future__ import annotations

import bisect
import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import NoTextError
from spinscope.io.decode import decode_text, read_limited
from spinscope.io.markdown import strip_markdown
from spinscope.io.text import _LEADING_BLANK_LINES, make_article, parse_record_header
from spinscope.model import Article

#: Suffixes read as Markdown; any other file is plain text (or the record format).
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class Position:
    """Where a character is in the user's file: 1-based line and column (in characters), 0-based byte."""

    line: int
    column: int
    byte: int


class SourceMap:
    """Article offsets -> positions in the decoded file (``source``, line ends as the file has them)."""

    def __init__(self, source: str, offsets: Sequence[int], *, encoding: str = "utf-8", bom_bytes: int = 0) -> None:
        self.source = source
        #: ``offsets[i]``: the offset in :attr:`source` of article character ``i``.
        self.offsets = offsets
        self.encoding = encoding
        self.bom_bytes = bom_bytes
        starts = [0]
        for i, char in enumerate(source):
            if char == "\n" or (char == "\r" and source[i + 1 : i + 2] != "\n"):
                starts.append(i + 1)
        self._line_starts = starts

    def source_offset(self, offset: int) -> int:
        """The file offset of article offset ``offset`` (an end offset maps just past its last character)."""
        if offset < len(self.offsets):
            return self.offsets[offset]
        return self.offsets[-1] + 1 if self.offsets else 0

    def position(self, offset: int) -> Position:
        """Line, column and byte in the file of article offset ``offset``."""
        at = self.source_offset(offset)
        line = bisect.bisect_right(self._line_starts, at) - 1
        start = self._line_starts[line]
        byte = self.bom_bytes + len(self.source[:at].encode(self.encoding))
        return Position(line + 1, at - start + 1, byte)

    def byte_length(self, start: int, end: int) -> int:
        """Bytes of the file from article offset ``start`` to the last character before ``end``."""
        if end <= start:
            return 0
        first, last = self.source_offset(start), self.source_offset(end - 1) + 1
        return len(self.source[first:last].encode(self.encoding))


def _decode(data: bytes, *, source: str) -> tuple[str, str, int]:
    """The file text with its own line ends, the codec to count bytes with, and the BOM's length."""
    decode_text(data, source=source)  # refuses empty, binary and non-UTF-8 input, with its messages
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec), codec, len(bom)
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8", len(codecs.BOM_UTF8)
    return data.decode("utf-8"), "utf-8", 0


def read_draft(data: bytes, *, source: str, id: str = "", markdown: bool = False) -> tuple[Article, SourceMap]:
    """Read a draft (text, record format or Markdown) and map its article text back to ``data``.

    1. decode (UTF-8, or UTF-16 with a BOM), CRLF and CR become ``\\n``;
    2. a record header line sets the metadata, and the body starts after the blank lines that follow it;
    3. Markdown: syntax dropped, front matter read as metadata;
    4. :func:`~spinscope.io.text.make_article` cuts a share/subscribe trailer (a cut at the end) and
       marks boilerplate; a plain-text draft therefore gets the same article text as ``spinscope analyze``.

    Raises:
        InputError: the reader's errors (empty, binary, not UTF-8, nothing but boilerplate).
    """
    raw, encoding, bom = _decode(data, source=source)
    # a CRLF is one "\n" that maps to its "\r", so a line end's column is just past the line's last character
    offsets = [i for i, char in enumerate(raw) if not (char == "\n" and i > 0 and raw[i - 1] == "\r")]
    text = "".join("\n" if raw[i] == "\r" else raw[i] for i in offsets)
    fields: dict[str, str | None] = {}
    meta: dict[str, object] = {"source": source, "format": "markdown" if markdown else "text"}
    first_line, newline, rest = text.partition("\n")
    header = parse_record_header(first_line)
    if header is not None:
        leading = _LEADING_BLANK_LINES.match(rest)
        skip = len(first_line) + len(newline) + (leading.end() if leading else 0)
        text, offsets = text[skip:], offsets[skip:]
        fields = {"title": header.title, "author": header.author, "outlet": header.outlet, "date": header.date}
        meta.update(format="record", body_offset=skip)
    if markdown:
        stripped = strip_markdown(text)
        text, offsets = stripped.text, [offsets[i] for i in stripped.positions]
        for key, value in stripped.fields.items():
            fields.setdefault(key, value)
        leading = _LEADING_BLANK_LINES.match(text)  # front matter and rules leave blank lines
        if leading:
            text, offsets = text[leading.end() :], offsets[leading.end() :]
    if header is not None and not text.strip():
        raise NoTextError(source, "has a record header line but no body text after it")
    article = make_article(
        text,
        source=source,
        id=id,
        title=fields.get("title"),
        author=fields.get("author"),
        outlet=fields.get("outlet"),
        date=fields.get("date"),
        meta=meta,
    )
    if article.text != text[: len(article.text)]:  # make_article only ever cuts the end
        raise AssertionError(f"{source}: the article text is not a prefix of the draft text")
    return article, SourceMap(raw, offsets[: len(article.text)], encoding=encoding, bom_bytes=bom)


def read_draft_path(path: Path | str, *, max_bytes: int) -> tuple[Article, SourceMap]:
    """:func:`read_draft` of a file; Markdown by its suffix (:data:`MARKDOWN_SUFFIXES`); the id is its stem."""
    path = Path(path)
    data = read_limited(path, max_bytes=max_bytes)
    article, mapping = read_draft(
        data, source=str(path), id=path.stem, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES
    )
    article.meta.setdefault("path", str(path))
    return article, mapping
