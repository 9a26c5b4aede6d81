"""Decoding per-piece SI probabilities into character spans."""

from __future__ import annotations

import numpy as np

from spinscope.detect.spans import DecodeSettings, decode_spans, merge_ranges


def pieces(text: str) -> np.ndarray:
    """One piece per whitespace-separated word: its (start, end) character offsets."""
    offsets, position = [], 0
    for word in text.split():
        start = text.index(word, position)
        offsets.append((start, start + len(word)))
        position = start + len(word)
    return np.asarray(offsets)


def test_pieces_at_or_above_the_threshold_become_a_span_with_their_mean_probability() -> None:
    text = "a very bad idea here"
    spans = decode_spans(text, pieces(text), np.array([0.1, 0.5, 0.9, 0.2, 0.1]), DecodeSettings(threshold=0.5))
    assert [(text[s:e], round(score, 2)) for s, e, score in spans] == [("very bad", 0.7)]


def test_runs_closer_than_the_gap_are_joined_and_scored_by_their_inside_pieces() -> None:
    text = "one two three four five"
    p = np.array([0.9, 0.1, 0.1, 0.7, 0.1])
    joined = decode_spans(text, pieces(text), p, DecodeSettings(threshold=0.5, max_gap=2))
    apart = decode_spans(text, pieces(text), p, DecodeSettings(threshold=0.5, max_gap=1))
    assert [(text[s:e], round(score, 2)) for s, e, score in joined] == [("one two three four", 0.8)]
    assert [text[s:e] for s, e, _ in apart] == ["one", "four"]


def test_no_span_crosses_a_blank_line() -> None:
    text = "they lie.\n\nthey cheat.\nthey steal."
    p = np.full(6, 0.9)
    spans = decode_spans(text, pieces(text), p, DecodeSettings(threshold=0.5, max_gap=14))
    assert [text[s:e] for s, e, _ in spans] == ["they lie.", "they cheat.\nthey steal."]


def test_spans_widen_to_whole_words_and_short_ones_are_dropped() -> None:
    text = "unbelievable lies"
    offsets = np.array([(0, 2), (2, 12), (13, 17)])  # "un" "believable" "lies"
    p = np.array([0.1, 0.9, 0.1])
    assert [text[s:e] for s, e, _ in decode_spans(text, offsets, p, DecodeSettings(threshold=0.5))] == ["unbelievable"]
    assert decode_spans(text, offsets, p, DecodeSettings(threshold=0.5, min_chars=13)) == []


def test_widening_keeps_abbreviations_contractions_and_hyphenated_words_whole() -> None:
    text = "the U.S. gun-barrel diplomacy, he’s sure"
    starts = {"U": text.index("U"), "barrel": text.index("barrel"), "s": text.index("’s") + 1}
    offsets = np.array(
        [(starts["U"], starts["U"] + 1), (starts["barrel"], starts["barrel"] + 6), (starts["s"], starts["s"] + 1)]
    )
    for piece, expected in [(0, "U.S"), (1, "gun-barrel"), (2, "he’s")]:
        p = np.zeros(3)
        p[piece] = 0.9
        assert [text[s:e] for s, e, _ in decode_spans(text, offsets, p, DecodeSettings(threshold=0.5))] == [expected]


def test_no_piece_above_the_threshold_gives_no_span() -> None:
    text = "calm words"
    assert decode_spans(text, pieces(text), np.array([0.2, 0.3]), DecodeSettings(threshold=0.5)) == []


def test_merge_ranges_joins_overlapping_and_touching_ranges() -> None:
    assert merge_ranges([(5, 9), (0, 3), (3, 4), (8, 12), (20, 21)]) == [(0, 4), (5, 12), (20, 21)]
