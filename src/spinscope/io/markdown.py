"""Markdown drafts: the prose of a Markdown file, with every kept character's offset in the file.

The reader only ever *drops* characters (heading marks, list bullets, block-quote marks, emphasis
delimiters, link targets, code fences, front matter, HTML tags and comments), so each character of
the result is a character of the input: :func:`strip_markdown` returns the positions it kept, and
:class:`~spinscope.io.sourcemap.SourceMap` turns them into line and column of the user's file.
Removed lines keep their newline, so paragraphs stay apart (a heading stays its own line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Front matter: a first line ``---`` up to the next ``---`` or ``...`` line (YAML, as static site tools write).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_FIELD = re.compile(r"^(?P<key>title|author|date|outlet|source)[ \t]*:[ \t]*(?P<value>.+?)[ \t]*$", re.M)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$")
_RULE_LINE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*|-+[ \t]*)$")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_BLOCK_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")

_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?P<code>.+?)(?P=ticks)")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_INLINE_LINK = re.compile(r"(?P<open>\[)(?P<label>[^\]\n]*)(?P<target>\]\([^)\n]*\))")
_REFERENCE_LINK = re.compile(r"(?P<open>\[)(?P<label>[^\]\n]+)(?P<target>\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]*>", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_DELIMITER_RUN = re.compile(r"\*+|_+|~~")


@dataclass
class MarkdownText:
    """What :func:`strip_markdown` keeps: the prose, where each character came from, the front matter."""

    text: str
    #: ``positions[i]`` is the offset in the input of ``text[i]``.
    positions: list[int]
    #: ``title``, ``author``, ``date`` (ISO), ``outlet`` from a front matter block, when it has them.
    fields: dict[str, str] = field(default_factory=dict)


def _front_matter(text: str, keep: bytearray) -> dict[str, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}
    _drop(keep, text, 0, match.end())
    fields: dict[str, str] = {}
    for found in _FRONT_FIELD.finditer(match.group("body")):
        key = "outlet" if found.group("key") == "source" else found.group("key")
        value = found.group("value").strip().strip("\"'")
        if key == "date":
            date = _ISO_DATE.match(value)
            if date is None:
                continue
            value = date.group()
        if value:
            fields.setdefault(key, value)
    return fields


def _drop(keep: bytearray, text: str, start: int, end: int) -> None:
    """Drop ``text[start:end]`` except its newlines (they keep lines and paragraphs apart)."""
    for i in range(start, end):
        if text[i] != "\n":
            keep[i] = 0


def _emphasis(line: str, start: int, keep: bytearray, protected: bytearray) -> None:
    """Drop paired emphasis delimiters (``*``, ``_``, ``~~``) of one line; a lone ``*`` (5 * 3) stays.

    A run opens when the next character is not a space, closes when the previous one is not; an
    underscore between two letters or digits (snake_case) is no delimiter, as in CommonMark.
    """
    openers: list[tuple[str, int, int]] = []
    for run in _DELIMITER_RUN.finditer(line):
        a, b = run.start(), run.end()
        if any(protected[a:b]):
            continue
        before = line[a - 1] if a > 0 else " "
        after = line[b] if b < len(line) else " "
        char = run.group()[0]
        if char == "_" and before.isalnum() and after.isalnum():
            continue
        can_open, can_close = not after.isspace(), not before.isspace()
        match = next((k for k in range(len(openers) - 1, -1, -1) if openers[k][0] == char), None)
        if can_close and match is not None:
            _, oa, ob = openers[match]
            del openers[match:]
            for i in (*range(oa, ob), *range(a, b)):
                keep[start + i] = 0
        elif can_open:
            openers.append((char, a, b))


def _inline(text: str, start: int, end: int, keep: bytearray) -> None:
    """Drop the inline syntax of ``text[start:end]`` (one line's content)."""
    line = text[start:end]
    protected = bytearray(len(line))  # characters that are content whatever they look like

    def drop(a: int, b: int) -> None:
        for i in range(a, b):
            if not protected[i]:
                keep[start + i] = 0

    for code in _CODE_SPAN.finditer(line):
        drop(code.start(), code.start("code"))
        drop(code.end("code"), code.end())
        protected[code.start("code") : code.end("code")] = b"\x01" * len(code.group("code"))
    for escape in _ESCAPE.finditer(line):
        if not protected[escape.start()]:
            drop(escape.start(), escape.end())
            if escape.end() < len(line):
                protected[escape.end()] = 1
    for image in _IMAGE.finditer(line):
        drop(image.start(), image.end())
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for link in pattern.finditer(line):
            drop(link.start("open"), link.end("open"))
            drop(link.start("target"), link.end("target"))
    for pattern in (_AUTOLINK, _HTML_TAG):
        for tag in pattern.finditer(line):
            drop(tag.start(), tag.end())
    _emphasis(line, start, keep, protected)


def strip_markdown(text: str) -> MarkdownText:
    """The prose of a Markdown text (line ends already ``\\n``), character by character from the input.

    Block syntax, line by line: fenced code and link definitions go whole; rules, setext underlines
    and table delimiter rows go; block-quote marks, list bullets (and task boxes) and heading marks
    are cut from the start of a line. Inline syntax then goes from what is left of each line.
    """
    keep = bytearray(b"\x01") * len(text)
    fields = _front_matter(text, keep)
    for comment in _HTML_COMMENT.finditer(text):
        _drop(keep, text, comment.start(), comment.end())
    fence: str | None = None
    position = 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not any(keep[start:end]):
            continue
        opening = _FENCE.match(line)
        if fence is not None:
            _drop(keep, text, start, end)
            closing = opening.group("fence") if opening and not line[opening.end() :].strip() else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group("fence")
            _drop(keep, text, start, end)
            continue
        if _LINK_DEFINITION.match(line) or _RULE_LINE.match(line) or _TABLE_DELIMITER.match(line):
            _drop(keep, text, start, end)
            continue
        content = start
        while True:
            quote = _BLOCK_QUOTE.match(text, content, end)
            if quote is None or quote.end() == content:
                break
            content = quote.end()
        for marker in (_LIST_MARKER, _HEADING):
            found = marker.match(text, content, end)
            if found is not None:
                content = found.end()
        _drop(keep, text, start, content)
        if _HEADING.match(line):
            closing = _CLOSING_HASHES.search(text, content, end)
            if closing is not None:
                _drop(keep, text, closing.start(), end)
                end = closing.start()
        _inline(text, content, end, keep)
    positions = [i for i, kept in enumerate(keep) if kept]
    return MarkdownText("".join(text[i] for i in positions), positions, fields)
