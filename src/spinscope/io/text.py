"""Plain text and the record format, and the one function every reader builds articles with.

The record format is a first line ``date YYYY-MM-DD <title> by <author> – <outlet>`` followed by
the body. Leading spaces, an en dash, em dash or hyphen, and a missing author or outlet are
tolerated; the article text is the body with its leading blank lines dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinscope.errors import NoTextError
from spinscope.io.boilerplate import find_boilerplate, strip_trailer
from spinscope.io.decode import check_text, normalize_newlines
from spinscope.model import Article, Layer

_RECORD_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})(?:[ \t]+(?P<rest>[^\n]*?))?[ \t]*$")
#: The outlet follows the last dash that has spaces on both sides (en dash, em dash or hyphen).
_OUTLET_SEPARATOR = re.compile(r"[ \t]+[–—-][ \t]+")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\f\v]*\n)*")
#: The author follows the last standalone "by".
_AUTHOR_MARKER = re.compile(r"(?:^|[ \t]+)by[ \t]+", re.IGNORECASE)


@dataclass(frozen=True)
class RecordHeader:
    """The metadata of a record-format first line."""

    date: str
    title: str | None
    author: str | None
    outlet: str | None


def parse_record_header(line: str) -> RecordHeader | None:
    """Parse a record-format first line; ``None`` when the line is not one.

    Examples:
        ``date 2017-11-19 Lavrov Throws Washington a Bone by Tom Luongo – Russia-Insider``
        ``date 2031-03-14 A title – Outlet`` (no author), ``date 2031-03-14 A title by Someone``.
    """
    match = _RECORD_HEADER.match(line)
    if match is None:
        return None
    rest = (match.group("rest") or "").strip()
    outlet = None
    separators = list(_OUTLET_SEPARATOR.finditer(rest))
    by_matches = list(_AUTHOR_MARKER.finditer(rest))
    last_by = by_matches[-1] if by_matches else None
    # 1. "<title> by <author> – <outlet>": the outlet is after the last dash that follows "by";
    # 2. no "by": the last spaced dash separates the title from the outlet.
    if separators and (last_by is None or separators[-1].start() > last_by.end()):
        outlet = rest[separators[-1].end() :].strip() or None
        rest = rest[: separators[-1].start()].strip()
    author = None
    if last_by is not None and last_by.end() <= len(rest) and last_by.start() > 0:
        author = rest[last_by.end() :].strip() or None
        rest = rest[: last_by.start()].strip()
    return RecordHeader(date=match.group("date"), title=rest or None, author=author, outlet=outlet)


def make_article(
    text: str,
    *,
    source: str,
    id: str = "",
    title: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    language: str = "en",
    meta: Mapping[str, Any] | None = None,
) -> Article:
    """Fix an article's text: cut the share/subscribe trailer, then mark boilerplate left inside.

    What was cut is listed in ``article.meta["removed_boilerplate"]``; boilerplate lines inside
    the text become spans of the ``boilerplate`` layer.

    Raises:
        EmptyInputError, BinaryInputError: no text, or control characters instead of text.
        NoTextError: the text is nothing but share/subscribe boilerplate.
    """
    text = normalize_newlines(text)
    check_text(text, source=source)
    body, removed = strip_trailer(text)
    if not body.strip():
        raise NoTextError(source, "holds only share/subscribe boilerplate, no article text")
    extras = dict(meta or {})
    if removed:
        extras["removed_boilerplate"] = removed
    article = Article(
        body, id=id, title=title, author=author, outlet=outlet, date=date, url=url, language=language, meta=extras
    )
    boilerplate = find_boilerplate(body)
    if boilerplate:
        article.set_layer(Layer.BOILERPLATE, boilerplate)
    return article


def read_text(text: str, *, id: str = "", source: str = "<string>") -> Article:
    """Read an article from a string: the record format when its first line is a record header,
    else plain text.

    Raises:
        EmptyInputError, BinaryInputError, NoTextError: see :func:`make_article`.
    """
    text = normalize_newlines(text)
    first_line, newline, rest = text.partition("\n")
    header = parse_record_header(first_line)
    meta: dict[str, Any] = {"source": source}
    if header is None:
        return make_article(text, source=source, id=id, meta={**meta, "format": "text"})
    leading = _LEADING_BLANK_LINES.match(rest)
    body = rest[leading.end() :] if leading else rest
    meta.update(format="record", body_offset=len(first_line) + len(newline) + len(rest) - len(body))
    if not body.strip():
        raise NoTextError(source, "has a record header line but no body text after it")
    return make_article(
        body,
        source=source,
        id=id,
        title=header.title,
        author=header.author,
        outlet=header.outlet,
        date=header.date,
        meta=meta,
    )
