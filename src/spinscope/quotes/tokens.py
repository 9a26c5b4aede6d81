"""Tokens, sentences and quotation regions over raw article text, all as character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words (with inner apostrophes, hyphens and dotted abbreviations like "U.S.") or single symbols.
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:[’'\-]\w+)*|[^\w\s]")
#: A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
#: a capital or digit (so "the U.S. after" stays one sentence), or at a line break.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n+")

OPENING_QUOTES = "“«„‘"
CLOSING_QUOTES = "”»’"
#: Marks that open or close a direct quotation (double marks; single curly ones are also apostrophes).
DOUBLE_MARKS = '“”«»„"'


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its offsets, and the sentence it belongs to."""

    start: int
    end: int
    sentence: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, numbering sentences as they go."""
    boundaries = [m.end() for m in _SENTENCE_END.finditer(text)]
    tokens: list[Token] = []
    sentence = 0
    b = 0
    for match in _TOKEN.finditer(text):
        crossed = False
        while b < len(boundaries) and match.start() >= boundaries[b]:
            b += 1
            crossed = True
        if crossed and tokens:
            sentence += 1  # several boundaries in a row (". \n") still end one sentence
        tokens.append(Token(match.start(), match.end(), sentence))
    return tokens


def _is_opening_straight(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    return before.isspace() or before in "([{—–-:"


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Direct quotations as ``(start, end)`` offsets including their quote marks, nested ones inside.

    1. scan double quote marks (curly, guillemets, low-9 or straight) paragraph by paragraph;
    2. an opening mark while a quote is open is a nested quote: it stays inside the outer one;
    3. a quote still open at the end of its paragraph continues when the next paragraph starts with an
       opening mark (multi-paragraph quotations); otherwise it is dropped (an odd, unmatched mark).
    """
    quotations: list[tuple[int, int]] = []
    open_at: int | None = None
    depth = 0
    for match in re.finditer(r"[“”«»„\"]|\n+", text):
        mark, index = match.group(), match.start()
        if mark.startswith("\n"):
            if open_at is not None:
                after = match.end()
                continues = after < len(text) and text[after] in '“«„"'
                if not continues:
                    open_at, depth = None, 0
            continue
        opening = mark in "“«„" or (mark == '"' and _is_opening_straight(text, index))
        if open_at is None:
            if opening:
                open_at, depth = index, 1
            continue
        if opening and text[index - 1 : index] == "\n":
            continue  # the re-opening mark of a paragraph that continues the quotation
        if opening and mark != '"':
            depth += 1
            continue
        depth -= 1
        if depth <= 0:
            quotations.append((open_at, index + 1))
            open_at, depth = None, 0
    return quotations
