"""read_html on HTML strings and bytes: main text, metadata, boilerplate, and pages without text."""

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
