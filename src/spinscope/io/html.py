"""HTML pages: main text and metadata (title, author, date, site name, url) with trafilatura.

trafilatura finds the article (navigation, footers and comments left out) and gives it as a small
XML tree of blocks: ``head`` (h1-h6), ``p`` (also what was a ``div`` of text), ``quote``
(blockquote, pre), ``list``/``item``, ``table``/``row``/``cell``, with ``lb`` for a ``<br>``.
The article text is built from that tree, one paragraph per block, paragraphs separated by a
blank line: the plain-text convention that segmentation and span decoding already honour, so an
HTML page, its URL and the same text saved as a ``.txt`` file give the same paragraphs and the
same findings. trafilatura's own text output joins blocks with a single newline, which would let
a technique span run across the whole page.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from spinscope.errors import BinaryInputError, EmptyInputError, InputTooLargeError, NoTextError
from spinscope.io.decode import check_text, decode_text
from spinscope.io.text import make_article
from spinscope.model import Article

#: Elements of trafilatura's XML that start and end a paragraph of their own. ``lb`` (a ``<br>``)
#: ends one too: pages that lay paragraphs out with ``<br><br>`` have no other boundary.
_BLOCKS = frozenset({"head", "p", "quote", "list", "item", "table", "row", "code", "div", "graphic", "lb"})
#: ``code`` is inline (kept inside its paragraph) when its parent is one of these.
_INLINE_PARENTS = frozenset({"p", "head", "item", "cell", "hi", "ref", "del"})
#: Between the cells of a table row.
_CELL_SEPARATOR = " | "
#: What separates two paragraphs in the article text.
PARAGRAPH_SEPARATOR = "\n\n"
_SPACES = re.compile(r"[^\S\n]+")

#: Most elements (start tags) a page may have. trafilatura's extraction time grows much faster than
#: the element count (measured, one loaded core: 10,000 ``<div><p>`` elements 3.4 s, 20,000 10.8 s,
#: 40,000 34 s; 20,000 bare ``<p>`` 1.3 s), while a big news page has a few thousand elements. A page
#: over the limit is refused at once instead of hanging the CLI or a server worker. The slowest page
#: under the limit found: 10,000 ``<span>`` in one ``<p>`` of an ``<article>``, 6.3 s (most page shapes
#: with 10,000 elements take 0.3-2.3 s).
MAX_HTML_ELEMENTS = 10_000
#: A start tag: ``<`` and a letter. Counted with one linear regex pass (about 1 ms per 10,000 tags).
_START_TAG = re.compile(r"<[A-Za-z]")
_START_TAG_BYTES = re.compile(rb"<[A-Za-z]")


def read_html(html: str | bytes, *, url: str | None = None, source: str = "<html>", id: str = "") -> Article:
    """Extract an article from an HTML page.

    The main text comes from trafilatura; each block of the page (paragraph, heading, list item,
    quote, table row, the lines of a ``<pre>``, text separated by ``<br>``) becomes one
    paragraph, and paragraphs are separated by a blank line. A leading headline that repeats the
    page title is left out of the text (it is the article's ``title``, as in the record format).
    The site name becomes ``outlet``; the page's own canonical url is used when ``url`` is not given.

    Bytes with a UTF-16 byte-order mark are decoded first (as the text reader does); other bytes
    are given to trafilatura as they are, so it can honour the page's own charset declaration.

    Raises:
        EmptyInputError, BinaryInputError, EncodingError: the page is empty or not text.
        InputTooLargeError: more than ``MAX_HTML_ELEMENTS`` elements.
        NoTextError: trafilatura finds no article text in the page.
    """
    import trafilatura
    from trafilatura.settings import Document

    if isinstance(html, bytes) and html.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        html = decode_text(html, source=source)  # checks the decoded text too
    elif isinstance(html, bytes):
        if not html.strip():
            raise EmptyInputError(source, "is empty")
        if b"\x00" in html:
            raise BinaryInputError(source, "looks like a binary file (it contains NUL bytes), not HTML")
    else:
        check_text(html, source=source)
    _check_element_count(html, source=source)
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    fields: dict[str, Any] = dict(document) if isinstance(document, dict) else {}
    body = None
    if isinstance(document, Document):
        fields = document.as_dict()
        body = document.body
    paragraphs = html_paragraphs(body) if body is not None else _lines(fields.get("text") or "")
    title = fields.get("title") or None
    if len(paragraphs) > 1 and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    if not text:
        raise NoTextError(source, "no article text could be extracted from this HTML page")
    meta = {"source": source, "format": "html"}
    for extra in ("sitename", "hostname", "description"):
        if fields.get(extra):
            meta[extra] = fields[extra]
    return make_article(
        text,
        source=source,
        id=id,
        title=title,
        author=fields.get("author") or None,
        outlet=fields.get("sitename") or None,
        date=fields.get("date") or None,
        url=url or fields.get("url") or None,
        language=fields.get("language") or "en",
        meta=meta,
    )


def _check_element_count(html: str | bytes, *, source: str) -> None:
    if isinstance(html, bytes):
        count = sum(1 for _ in _START_TAG_BYTES.finditer(html))
    else:
        count = sum(1 for _ in _START_TAG.finditer(html))
    if count > MAX_HTML_ELEMENTS:
        raise InputTooLargeError(
            source,
            f"has {count:,} HTML elements, over the limit of {MAX_HTML_ELEMENTS:,} (text extraction slows down "
            "sharply beyond it; a news page has a few thousand); save the article's text as a .txt file and "
            "analyse that",
        )


def html_paragraphs(body: Any) -> list[str]:
    """The paragraphs of trafilatura's XML ``body``, in order, each on one line.

    Whitespace inside a paragraph is collapsed to single spaces; a newline left in a block by
    trafilatura (the lines of a ``<pre>``) ends a paragraph.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        paragraphs.extend(_lines("".join(current)))
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        parent = element.getparent()
        block = tag in _BLOCKS and not (tag == "code" and parent is not None and parent.tag in _INLINE_PARENTS)
        if block:
            flush()
        elif tag == "cell" and element.getprevious() is not None:
            current.append(_CELL_SEPARATOR)
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(body)
    flush()
    return paragraphs


def _lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, whitespace collapsed."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _same_words(first: str, title: str) -> bool:
    return first.casefold().split() == title.casefold().split()
