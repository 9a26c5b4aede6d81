"""Paragraphs and sentences as spans with exact offsets: the first stage of every analysis.

Paragraphs are the text's non-blank lines (news text from trafilatura, PTC and SemEval puts one
paragraph, or one sentence, per line), or its blank-line separated blocks when the text is
hard-wrapped. Sentences are found inside paragraphs, never across them, by a rule-based splitter
(see ``docs/readers.md`` for how it compares with pysbd on PTC, in quality and speed).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from spinscope.model import Article, Layer, Span
from spinscope.model.annotations import Annotations
from spinscope.settings import Settings

#: A text is hard-wrapped when at least this share of the lines that are followed by another
#: non-blank line stop mid-sentence (end in a letter, digit, comma, ...). PTC and trafilatura
#: output end almost every line with sentence punctuation (under 20% mid-sentence on PTC
#: train); wrapped e-mail or terminal text stops mid-sentence on most lines.
HARD_WRAP_MIN_SHARE = 0.5
#: ... and at least this many lines are such continued lines (one odd line proves nothing).
HARD_WRAP_MIN_LINES = 3
#: Texts longer than this are analysed in pieces of at most this many characters, cut at paragraph
#: boundaries (:func:`chunk_ranges`), so that cost grows linearly with length and memory stays
#: bounded (the encoder states of one piece are ~25 MB). Every corpus article is shorter (the longest,
#: in PTC train, has 48,292 characters) and is read whole, exactly as before.
CHUNK_CHARS = 50_000
#: A finding or an attribution is dropped when at least this share of it lies in boilerplate
#: (share/subscribe trailers are not article content; half is the natural cut for "mostly inside").
BOILERPLATE_SHARE = 0.5


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words ending in "." that never end a sentence when a capitalised word follows (titles, ranks).
_TITLES = _word_set(
    "mr mrs ms dr prof rev hon gen col lt sgt capt cmdr adm maj brig gov sen rep pres supt insp det atty "
    "messrs mme mlle st mt ft fig figs no nos vol vols pp ch sec art ed eds approx ca cf vs "
    "jan feb apr jun jul aug sep sept oct nov dec ave blvd"
)
#: Abbreviations that end a sentence only when a typical sentence opener follows ("... Inc. The").
_AMBIGUOUS = _word_set("inc corp co ltd llc bros jr sr etc al dept univ esq")
#: Words that typically open a sentence; after an ambiguous abbreviation or an initialism
#: ("U.S.", "p.m.") they signal a boundary.
_OPENERS = _word_set(
    "the a an he she it they we i you his her its their our this that these those there here but and "
    "so yet or in on at for as if when while after before since although though however meanwhile "
    "moreover still now then what why how who where mr mrs ms dr"
)

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_NON_SPACE = re.compile(r"\S")
# Sentence-final punctuation, closing quotes/brackets, whitespace, then the next token.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+([^\s]+))")
_LAST_TOKEN = re.compile(r"(\S+)\Z")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENING_CHARS = frozenset("\"'“‘«([")
_MID_SENTENCE_END = re.compile(r"[\w,;\-–]\Z")


def line_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line: PTC files hold one sentence per line."""
    ranges, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            ranges.append((position, position + len(line)))
        position += len(line) + 1
    return ranges


#: Where a long text may be cut, best first: after a blank line, after a line break, after a
#: sentence's final punctuation, after any whitespace.
_CUTS = (
    re.compile(r"\n[ \t\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)


def chunk_ranges(text: str, max_chars: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``text``, each at most ``max_chars`` long.

    Each range ends at the last paragraph boundary that fits (else a line break, a sentence end,
    a space; a text without any is cut hard). A text of ``max_chars`` or fewer is one range.
    """
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        end = limit
        for cut in _CUTS:
            last = None
            for last in cut.finditer(text, start, limit):  # noqa: B007 (the last match is wanted)
                pass
            if last is not None and last.end() > start:
                end = last.end()
                break
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


class Coverage:
    """The share of character ranges that lies inside some spans (boilerplate), found by binary search."""

    def __init__(self, ranges: list[Span]) -> None:
        self.ranges = sorted(ranges, key=lambda r: (r.start, r.end))
        self.starts = [r.start for r in self.ranges]
        ends = [r.end for r in self.ranges]
        # boilerplate lines do not overlap, so their ends are in order too; if they were not, every span is summed
        self.ends = ends if all(a <= b for a, b in itertools.pairwise(ends)) else None

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def overlap(self, start: int, end: int) -> int:
        """Characters of ``[start, end)`` inside the spans."""
        near = self.ranges
        if self.ends is not None:
            near = self.ranges[bisect.bisect_right(self.ends, start) : bisect.bisect_left(self.starts, end)]
        return sum(max(0, min(end, r.end) - max(start, r.start)) for r in near)

    def share(self, start: int, end: int) -> float:
        """Overlap of ``[start, end)`` with the spans, over its length."""
        return self.overlap(start, end) / max(end - start, 1)

    def share_of(self, fragments: Iterable[tuple[int, int]]) -> float:
        """Overlap of several ranges (a quote's fragments) with the spans, over their total length."""
        pairs = list(fragments)
        return sum(self.overlap(s, e) for s, e in pairs) / (sum(e - s for s, e in pairs) or 1)


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans, each trimmed of surrounding whitespace, in text order."""
    trimmed = (_trimmed(match.start(), match.end(), text) for match in _LINE.finditer(text))
    lines = [span for span in trimmed if span is not None]
    if not _is_hard_wrapped(text, lines):
        return lines
    blocks, start = [], 0
    for gap in _BLANK_LINE.finditer(text):
        blocks.append(_trimmed(start, gap.start(), text))
        start = gap.end()
    blocks.append(_trimmed(start, len(text), text))
    return [span for span in blocks if span is not None]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (trimmed, in text order); no sentence crosses a paragraph boundary."""
    sentences: list[Span] = []
    for paragraph in split_paragraphs(text):
        sentences.extend(_sentences_in(text, paragraph.start, paragraph.end))
    return sentences


class SegmentStage:
    """Paragraphs and sentences of an article's content (boilerplate spans left out)."""

    name = "segment"

    def predict(self, article: Article) -> Annotations:
        """Paragraph and sentence layers; nothing inside a ``boilerplate`` span is segmented."""
        text = article.text
        paragraphs: list[Span] = []
        sentences: list[Span] = []
        skipped = sorted(article.spans(Layer.BOILERPLATE), key=lambda s: s.start)
        skipped_starts = [span.start for span in skipped]
        first = 0
        for paragraph in split_paragraphs(text):
            # paragraphs come in text order: boilerplate that ended before this one cannot cut a later one
            while first < len(skipped) and skipped[first].end <= paragraph.start:
                first += 1
            near = skipped[first : bisect.bisect_left(skipped_starts, paragraph.end)]
            for start, end in _outside(paragraph.start, paragraph.end, near):
                piece = _trimmed(start, end, text)
                if piece is None:
                    continue
                paragraphs.append(piece)
                sentences.extend(_sentences_in(text, piece.start, piece.end))
        return Annotations(layers={Layer.PARAGRAPHS: paragraphs, Layer.SENTENCES: sentences})


def build_stage(settings: Settings) -> SegmentStage:
    """The segment stage (it has no options yet)."""
    return SegmentStage()


def _sentences_in(text: str, start: int, end: int) -> list[Span]:
    """Sentences of ``text[start:end]``, a trimmed paragraph."""
    paragraph = text[start:end]
    spans = []
    sentence_start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, match):
            spans.append(Span(start + sentence_start, start + match.end()))
            following = _NON_SPACE.search(paragraph, match.end())
            sentence_start = following.start() if following else len(paragraph)
    if sentence_start < len(paragraph):
        spans.append(Span(start + sentence_start, end))
    return spans


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    """Decide whether sentence punctuation ends a sentence, from the words on both sides.

    1. the next word starts in lower case (``"Why?" he asked``, ``etc. and``): no;
    2. the next word starts with neither a capital, a digit nor an opening quote/bracket: no;
    3. ``!``, ``?`` or an ellipsis: yes;
    4. a period after a title or rank (``Mr.``, ``Gen.``) or a single initial (``J.``): no;
    5. a period after an initialism (``U.S.``) or an ambiguous abbreviation (``Inc.``): only
       when a typical sentence opener follows;
    6. any other period: yes.
    """
    following = match.group(1)
    first = following[0]
    if first.islower():
        return False
    if not (first.isupper() or first.isdigit() or first in _OPENING_CHARS):
        return False
    punctuation = match.group(0).rstrip("\"'”’»)]")
    if punctuation != ".":
        return True
    before = _LAST_TOKEN.search(paragraph, 0, match.start())
    if before is None:
        return True
    word = before.group(1).lstrip("\"'“‘«([").lower()
    if word in _TITLES or (len(word) == 1 and word.isalpha()):
        return False
    if word in _AMBIGUOUS or _INITIALISM.match(word):
        return following.strip("\"'“‘«([").lower() in _OPENERS
    return True


def _is_hard_wrapped(text: str, lines: list[Span]) -> bool:
    """True when most lines that run on into the next line stop mid-sentence."""
    continued = [line for line, after in itertools.pairwise(lines) if text.count("\n", line.end, after.start) == 1]
    if len(continued) < HARD_WRAP_MIN_LINES:
        return False
    mid_sentence = sum(1 for line in continued if _MID_SENTENCE_END.search(text, line.start, line.end))
    return mid_sentence >= HARD_WRAP_MIN_SHARE * len(continued)


def _trimmed(start: int, end: int, text: str) -> Span | None:
    """The span of ``text[start:end]`` without surrounding whitespace, or ``None`` if blank."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    offset = start + chunk.index(stripped[0])
    return Span(offset, offset + len(stripped))


def _outside(start: int, end: int, skipped: Iterable[Span]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` not covered by any of the ``skipped`` spans."""
    pieces = []
    cursor = start
    for span in sorted(skipped, key=lambda s: s.start):
        if span.end <= cursor or span.start >= end:
            continue
        if span.start > cursor:
            pieces.append((cursor, span.start))
        cursor = max(cursor, span.end)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces
