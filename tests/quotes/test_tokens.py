"""Quotation finding and tokenization over raw text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.quotes.tokens import find_quotations, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we won” today.", ["“we won”"]),
        ('He said "we won" today.', ['"we won"']),
        ("«Nous avons gagné», a-t-il dit.", ["«Nous avons gagné»"]),
        ("“A, “inner” B” end", ["“A, “inner” B”"]),
        ("an odd “mark with no end\n\nnext paragraph", []),
        ("“first paragraph\n“second paragraph” he said", ["“first paragraph\n“second paragraph”"]),
        ('a "b" c "d', ['"b"']),
    ],
)
def test_find_quotations(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_quotations(text)] == expected


def test_tokens_keep_offsets_and_number_sentences() -> None:
    text = "Obama said it. The U.S. agreed on Monday.\nNew line"
    tokens = tokenize(text)
    words = [text[t.start : t.end] for t in tokens]
    assert words[:4] == ["Obama", "said", "it", "."]
    assert "U.S." in words
    sentences = {text[t.start : t.end]: t.sentence for t in tokens}
    assert sentences["Obama"] == 0
    assert sentences["The"] == sentences["Monday"] == 1
    assert sentences["New"] == 2


def test_tokens_take_the_sentences_they_are_given() -> None:
    text = "Obama said it. The U.S. agreed on Monday."
    tokens = tokenize(text, sentence_starts=[0, text.index("agreed")])
    sentences = {text[t.start : t.end]: t.sentence for t in tokens}
    assert sentences["Obama"] == sentences["The"] == 0
    assert sentences["agreed"] == sentences["Monday"] == 1


@given(st.text(alphabet=st.sampled_from(list("ab “”«»\"'’.\n,!?")), max_size=200))
def test_any_text_gives_valid_offsets(text: str) -> None:
    for start, end in find_quotations(text):
        assert 0 <= start < end <= len(text)
    previous = -1
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert token.start >= previous
        previous = token.end
