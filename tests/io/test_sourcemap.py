"""Drafts read with a map back to the file: every article character comes from the file character the map names."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.io.files import read_bytes
from spinscope.io.markdown import strip_markdown
from spinscope.io.sourcemap import SourceMap, read_draft

HEADER = "date 2031-03-14 Harbour Votes by Jane Roe – Northwind Daily"
WORDS = st.sampled_from(
    ["The", "council", "voted", "traitors", "snake_case", "5", "*", "“quoted”", "Ünïcode", "日本", "emoji😀", "x"]
)
MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "> ",
        "- ",
        "1. ",
        "- [x] ",
        "**",
        "*",
        "_",
        "~~",
        "`",
        "[",
        "](http://example.org/a)",
        "![alt](img.png)",
        "<b>",
        "</b>",
        "<!-- note -->",
        "\\*",
        "---",
        "```",
        "&amp;",
        "|",
        "<https://example.org>",
    ]
)
TRAILERS = ["", "\n\nShare this article\nFollow us on Twitter\n", "\n\nSubscribe to our newsletter\n"]


@st.composite
def drafts(draw: st.DrawFn, *, markdown: bool) -> bytes:
    """A random draft: words (and Markdown pieces) on lines, maybe a header, a trailer, CRLF or CR, a BOM."""
    pieces = (WORDS | MARKDOWN_PIECES) if markdown else WORDS
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        tokens = draw(st.lists(pieces, min_size=0, max_size=10))
        lines.append(draw(st.sampled_from([" ", "", "  "])).join(tokens))
    text = "\n".join(lines)
    if not text.strip():
        text += "\nThe council voted."
    if draw(st.booleans()):
        text = HEADER + "\n" + draw(st.sampled_from(["", "\n", "\n \n"])) + text
    if markdown and draw(st.booleans()):
        text = "---\ntitle: A title\ndate: 2031-03-14\n---\n" + text
    text += draw(st.sampled_from(TRAILERS))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    data = text.replace("\n", newline).encode("utf-8")
    return (codecs.BOM_UTF8 + data) if draw(st.booleans()) else data


def _check_map(data: bytes, markdown: bool) -> None:
    try:
        article, mapping = read_draft(data, source="draft", markdown=markdown)
    except Exception as e:  # a draft with no prose left is refused with an input error, never anything else
        from spinscope.errors import InputError

        assert isinstance(e, InputError), e
        return
    text, source = article.text, mapping.source
    assert len(mapping.offsets) == len(text)
    assert all(a < b for a, b in zip(mapping.offsets, mapping.offsets[1:], strict=False)), "map not increasing"
    raw = data.decode("utf-8-sig")
    for i, char in enumerate(text):
        at = mapping.offsets[i]
        assert source[at] == char or (char == "\n" and source[at] in "\r\n"), (i, char, source[at])
        position = mapping.position(i)
        line = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")[position.line - 1]
        if char == "\n":
            assert position.column == len(line) + 1
        else:
            assert line[position.column - 1] == char
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        assert data[position.byte :].decode("utf-8", errors="ignore").startswith(source[at])
        assert position.byte == bom + len(source[:at].encode("utf-8"))


@settings(max_examples=150, deadline=None)
@given(data=drafts(markdown=False))
def test_text_draft_maps_every_character_back_to_the_file(data: bytes) -> None:
    _check_map(data, markdown=False)


@settings(max_examples=150, deadline=None)
@given(data=drafts(markdown=True))
def test_markdown_draft_maps_every_character_back_to_the_file(data: bytes) -> None:
    _check_map(data, markdown=True)


@settings(max_examples=100, deadline=None)
@given(data=drafts(markdown=False))
def test_text_draft_reads_as_analyze_reads_it(data: bytes) -> None:
    """A plain-text draft gets the very text and metadata ``spinscope analyze`` would analyse."""
    try:
        expected = read_bytes(data, source="draft")
    except Exception:
        return
    if expected.meta.get("format") not in ("text", "record"):  # text starting with "<" or "{" is read otherwise
        return
    article, _ = read_draft(data, source="draft")
    assert article.text == expected.text
    assert article.metadata() == expected.metadata()


def test_markdown_syntax_goes_and_prose_stays() -> None:
    text = (
        "# The **big** lie #\n\n> They are *traitors*, said [the minister](http://x.org/a).\n\n"
        "- a `co*de*` item\n- snake_case and 5 * 3\n\n```\nprint(1)\n```\nEnd \\*not emph\\*. <b>Bold</b>\n"
    )
    stripped = strip_markdown(text)
    assert stripped.text.split("\n") == [
        "The big lie",
        "",
        "They are traitors, said the minister.",
        "",
        "a co*de* item",
        "snake_case and 5 * 3",
        "",
        "",
        "",
        "",
        "End *not emph*. Bold",
        "",
    ]
    assert all(text[p] == c for p, c in zip(stripped.positions, stripped.text, strict=True))


def test_front_matter_becomes_metadata() -> None:
    data = b"---\ntitle: 'Salt Coast'\nauthor: Jane Roe\ndate: 2031-03-14T10:00\n---\nThe council voted.\n"
    article, mapping = read_draft(data, source="d.md", markdown=True)
    assert (article.title, article.author, article.date, article.text) == (
        "Salt Coast",
        "Jane Roe",
        "2031-03-14",
        "The council voted.\n",
    )
    assert mapping.position(0).line == 6


def test_crlf_header_and_trailer_positions() -> None:
    data = (HEADER + "\r\n\r\nFirst line.\r\nThe traitors voted.\r\n\r\nShare this article\r\n").encode()
    article, mapping = read_draft(data, source="d.txt")
    assert article.text == "First line.\nThe traitors voted."
    assert article.meta["removed_boilerplate"] == ["Share this article"]
    position = mapping.position(article.text.index("traitors"))
    assert (position.line, position.column) == (4, 5)
    assert data[position.byte : position.byte + 8] == b"traitors"


def test_utf16_draft_counts_bytes_in_utf16() -> None:
    data = codecs.BOM_UTF16_LE + "Héllo traitors.\n".encode("utf-16-le")
    article, mapping = read_draft(data, source="d.txt")
    position = mapping.position(article.text.index("traitors"))
    assert (position.line, position.column) == (1, 7)
    assert data[position.byte : position.byte + 16].decode("utf-16-le") == "traitors"


def test_end_offset_maps_past_the_last_character() -> None:
    mapping = SourceMap("ab\ncd", [0, 1, 2, 3, 4])
    assert mapping.source_offset(5) == 5
    assert mapping.byte_length(3, 5) == 2


@pytest.mark.parametrize("data", [b"", b"   \n", b"# \n\n```\ncode only\n```\n"])
def test_drafts_without_prose_are_refused(data: bytes, tmp_path: Path) -> None:
    from spinscope.errors import InputError

    with pytest.raises(InputError):
        read_draft(data, source="d.md", markdown=True)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
    markdown=st.booleans(),
)
def test_any_text_maps_back_or_is_refused(text: str, markdown: bool) -> None:
    """Any characters (controls, CR, combining marks, astral planes): read with an exact map, or refused."""
    _check_map(text.encode("utf-8"), markdown=markdown)
