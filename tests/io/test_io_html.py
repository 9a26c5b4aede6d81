"""read_html on HTML strings and bytes: main text, paragraphs, metadata, boilerplate, and pages without text."""

from __future__ import annotations

import pytest

from spinscope.errors import BinaryInputError, EmptyInputError, NoTextError
from spinscope.io import read_html


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
