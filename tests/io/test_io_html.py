"""read_html on HTML strings and bytes: main text, paragraphs, metadata, boilerplate, and pages without text."""

from __future__ import annotations

import time

import pytest

from spinscope.errors import BinaryInputError, EmptyInputError, InputTooLargeError, NoTextError
from spinscope.io import read_html
from spinscope.io.html import MAX_HTML_ELEMENTS


@pytest.mark.parametrize("as_bytes", [False, True])
def test_main_text_and_metadata(article_html: str, as_bytes: bool) -> None:
    page = article_html.encode("utf-8") if as_bytes else article_html
    article = read_html(page, source="page", id="p1")
    assert article.id == "p1"
    assert article.title == "Harbour Council Votes on the Salt Coast Plan"
    assert article.author == "Jane Roe"
    assert article.outlet == "Northwind Daily"
    assert article.date == "2021-03-14"
    assert article.url == "https://northwind.example/salt-coast"
    assert article.meta["format"] == "html"
    assert "union leader Mara Veld" in article.text
    for chrome in ("Home", "Sport", "Copyright"):
        assert chrome not in article.text


def test_given_url_wins_over_canonical(article_html: str) -> None:
    assert read_html(article_html, url="https://mirror.example/a").url == "https://mirror.example/a"


def test_share_trailer_in_html_is_cut(article_html: str) -> None:
    page = article_html.replace("</article>", "<p>Share this:</p><p>Sharing is caring!</p></article>")
    article = read_html(page)
    assert "Sharing is caring" not in article.text
    assert article.meta["removed_boilerplate"] == ["Share this:", "Sharing is caring!"]


def test_latin1_page_with_declared_charset() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article>'
        "<p>The caf\xe9 in Port Vell reopened on Monday after a long winter closure, its owner said.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    assert "café in Port Vell" in read_html(page).text


@pytest.mark.parametrize(
    ("page", "error"),
    [
        (b"", EmptyInputError),
        ("   \n", EmptyInputError),
        (b"<html>\x00\x01</html>", BinaryInputError),
        ("<html><head><script>start()</script></head><body><div id='app'></div></body></html>", NoTextError),
    ],
)
def test_pages_without_text(page: str | bytes, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^page: "):
        read_html(page, source="page")


def test_blocks_become_blank_line_paragraphs() -> None:
    page = (
        "<html><head><title>Salt Coast</title></head><body><article><h1>Salt Coast</h1>"
        "<p>The first paragraph of the story tells what happened in Port Vell on Thursday.</p>"
        "<h2>Reactions in the capital</h2>"
        "<blockquote><p>We will not be silenced, said the union leader to the crowd outside.</p></blockquote>"
        "<ul><li>Fishing ban extended by six months</li><li>Surveys due in September</li></ul>"
        "<div>A paragraph laid out with a break.<br>And its second line after the break.</div>"
        "<pre>first line of a preformatted block\nsecond line of it</pre>"
        "<table><tr><td>Catch</td><td>tonnes</td></tr><tr><td>2030</td><td>41,000</td></tr></table>"
        "</article></body></html>"
    )
    article = read_html(page)
    assert article.title == "Salt Coast"
    assert article.text.split("\n\n") == [
        "The first paragraph of the story tells what happened in Port Vell on Thursday.",
        "Reactions in the capital",
        "We will not be silenced, said the union leader to the crowd outside.",
        "Fishing ban extended by six months",
        "Surveys due in September",
        "A paragraph laid out with a break.",
        "And its second line after the break.",
        "first line of a preformatted block",
        "second line of it",
        "Catch | tonnes",
        "2030 | 41,000",
    ]


def test_only_the_headline_that_repeats_the_title_leaves_the_text() -> None:
    page = (
        "<html><head><title>Port Vell News</title></head><body><article><h1>Port Vell News</h1>"
        "<h2>Ferries cancelled again</h2>"
        "<p>The ferry to Port Vell was cancelled again on Monday, for the third time this month.</p>"
        "</article></body></html>"
    )
    article = read_html(page)
    assert article.text.startswith("Ferries cancelled again\n\nThe ferry")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_html_with_a_bom_is_read(encoding: str) -> None:
    page = "<html><body><article><p>The ferry to Port Vell was cancelled again on Monday.</p></article></body></html>"
    data = ("\ufeff" + page).encode(encoding) if encoding == "utf-16-be" else page.encode(encoding)
    # Without decoding first, the NUL bytes of UTF-16 read as binary data.
    assert read_html(data, source="u16.html").text == "The ferry to Port Vell was cancelled again on Monday."
    with pytest.raises(BinaryInputError):
        read_html(page.encode("utf-16-le"), source="no-bom.html")


@pytest.mark.parametrize("unit", [b"<p>x", b"<div><p>Some words.</p></div>"])
def test_a_page_with_too_many_elements_is_refused_at_once(unit: bytes) -> None:
    page = b"<html><body><article>" + unit * (MAX_HTML_ELEMENTS + 1) + b"</article></body></html>"
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError, match=f"over the limit of {MAX_HTML_ELEMENTS:,}") as refused:
        read_html(page, source="many.html")
    assert time.perf_counter() - started < 2.0  # trafilatura would take minutes
    assert refused.value.source == "many.html" and ".txt" in refused.value.problem


def test_a_page_with_many_paragraphs_under_the_limit_is_read() -> None:
    paragraphs = [f"Paragraph number {number} of the council report." for number in range(2_000)]
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    assert read_html(page).text.split("\n\n") == paragraphs
