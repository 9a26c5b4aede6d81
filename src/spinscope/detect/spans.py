"""From per-piece probabilities to character spans, and the span features the technique head reads.

Numpy only: used by training (held-out tuning) and inference alike.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

#: Number of hand-made features appended to a span's encoder representation.
N_SPAN_FEATURES = 4
#: A blank line: no span crosses one (none of the 6,128 PTC train gold spans does).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class DecodeSettings:
    """Post-processing of SI probabilities (tuned on the held-out train split, see the model card)."""

    #: A piece is inside a span when P(inside) reaches this.
    threshold: float = 0.4
    #: Runs of inside pieces separated by at most this many pieces become one span.
    max_gap: int = 1
    #: Spans shorter than this (characters) are dropped.
    min_chars: int = 2


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching ``[start, end)`` ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: Characters that belong to a word when a letter or digit stands on both sides (U.S., he's, gun-barrel).
WORD_INNER = frozenset(".'’-")


def _in_word(text: str, index: int) -> bool:
    char = text[index]
    if char.isalnum():
        return True
    return char in WORD_INNER and 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()


def extend_to_word(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it neither starts nor ends inside a word."""
    while start > 0 and _in_word(text, start - 1):
        start -= 1
    while end < len(text) and _in_word(text, end):
        end += 1
    return start, end


def decode_spans(
    text: str, offsets: np.ndarray, p_inside: np.ndarray, settings: DecodeSettings
) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, score)`` from per-piece probabilities.

    1. pieces at or above the threshold are inside;
    2. runs closer than ``max_gap`` pieces are joined, unless a blank line lies between them;
    3. each run becomes the characters from its first to its last piece, widened to whole words;
    4. spans under ``min_chars`` are dropped, overlapping ones merged.

    ``score`` is the mean P(inside) of the span's inside pieces (the joined gaps left out).
    """
    inside = np.nonzero(p_inside >= settings.threshold)[0]
    if len(inside) == 0:
        return []
    runs: list[list[int]] = [[int(inside[0])]]
    for index in inside[1:]:
        previous = runs[-1][-1]
        near = index - previous - 1 <= settings.max_gap
        if near and not PARAGRAPH_BREAK.search(text, int(offsets[previous, 1]), int(offsets[index, 0])):
            runs[-1].append(int(index))
        else:
            runs.append([int(index)])
    spans: list[tuple[int, int, float]] = []
    for run in runs:
        start, end = extend_to_word(text, int(offsets[run[0], 0]), int(offsets[run[-1], 1]))
        if end - start < settings.min_chars:
            continue
        score = float(p_inside[run].mean())
        if spans and start <= spans[-1][1]:
            prev = spans[-1]
            spans[-1] = (prev[0], max(prev[1], end), max(prev[2], score))
        else:
            spans.append((start, end, score))
    return spans


def normalised_text(text: str) -> str:
    """``text`` lower-cased, with every run of whitespace made one space (what repetition is counted in)."""
    return " ".join(text.lower().split())


def span_features(text: str, start: int, end: int, *, normalised: str | None = None) -> np.ndarray:
    """Features of a span the encoder cannot see inside one window.

    repetition (how often the same words occur elsewhere in the article), length in characters
    and words, and whether the span is a question. ``normalised`` is :func:`normalised_text` of
    ``text``, computed once per article by callers that ask for many spans.
    """
    fragment = " ".join(text[start:end].lower().split())
    occurrences = 0
    if len(fragment) >= 3:
        if normalised is None:
            normalised = normalised_text(text)
        occurrences = max(normalised.count(fragment) - 1, 0)
    words = len(fragment.split())
    return np.asarray(
        [
            math.log1p(occurrences),
            math.log1p(end - start) / 5.0,
            math.log1p(words) / 3.0,
            1.0 if "?" in text[start:end] else 0.0,
        ],
        dtype=np.float32,
    )
