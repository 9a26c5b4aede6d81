"""Tokens, sentences and quotation regions over raw article text, all as character offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.segment import split_sentences

#: Words (with inner apostrophes, hyphens and dotted abbreviations like "U.S.") or single symbols.
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|\w+(?:[’'\-]\w+)*|[^\w\s]")

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


def tokenize(text: str, sentence_starts: Sequence[int] | None = None) -> list[Token]:
    """Split ``text`` into tokens, numbering sentences as they go.

    Sentences are the segment stage's (``sentence_starts``: where its ``sentences`` spans start, in
    text order; by default :func:`spinscope.segment.split_sentences` of ``text``, the same rules); a
    line break always starts a new one (text the segmenter skipped, such as boilerplate, included).
    """
    if sentence_starts is None:
        sentence_starts = [span.start for span in split_sentences(text)]
    tokens: list[Token] = []
    sentence = 0
    b = 0
    for match in _TOKEN.finditer(text):
        crossed = False
        while b < len(sentence_starts) and match.start() >= sentence_starts[b]:
            b += 1
            crossed = True
        if tokens and (crossed or "\n" in text[tokens[-1].end : match.start()]):
            sentence += 1
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
