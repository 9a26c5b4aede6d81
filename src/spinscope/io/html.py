"""HTML pages: main text and metadata (title, author, date, site name, url) with trafilatura."""

from __future__ import annotations

from typing import Any

from spinscope.errors import BinaryInputError, EmptyInputError, NoTextError
from spinscope.io.decode import check_text
from spinscope.io.text import make_article
from spinscope.model import Article


def read_html(html: str | bytes, *, url: str | None = None, source: str = "<html>", id: str = "") -> Article:
    """Extract an article from an HTML page.

    The main text comes from trafilatura (navigation, footers and comments left out); its
    paragraphs are separated by newlines. The site name becomes ``outlet``; the page's own
    canonical url is used when ``url`` is not given.

    Raises:
        EmptyInputError, BinaryInputError: the page is empty or not text.
        NoTextError: trafilatura finds no article text in the page.
    """
    import trafilatura
    from trafilatura.settings import Document

    if isinstance(html, bytes):
        if not html.strip():
            raise EmptyInputError(source, "is empty")
        if b"\x00" in html:
            raise BinaryInputError(source, "looks like a binary file (it contains NUL bytes), not HTML")
    else:
        check_text(html, source=source)
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    fields: dict[str, Any] = dict(document) if isinstance(document, dict) else {}
    if isinstance(document, Document):
        fields = document.as_dict()
    text = (fields.get("text") or "").strip()
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
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        outlet=fields.get("sitename") or None,
        date=fields.get("date") or None,
        url=url or fields.get("url") or None,
        language=fields.get("language") or "en",
        meta=meta,
    )
