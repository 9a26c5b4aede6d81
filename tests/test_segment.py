"""Paragraph and sentence splitting: offsets, rules, the stage, and PTC's one-sentence-per-line files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from spinscope.io import read_path, read_ptc, read_text
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import attach
from spinscope.segment import build_stage, chunk_ranges, split_paragraphs, split_sentences
from spinscope.settings import Settings


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[span.start : span.end] for span in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two? Three! Four", ["One.", "Two?", "Three!", "Four"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("J. R. R. Tolkien wrote it. Then he slept.", ["J. R. R. Tolkien wrote it.", "Then he slept."]),
        ('"Why?" he asked. "Because!" she said.', ['"Why?" he asked.', '"Because!" she said.']),
        ("“We are done,” he said. “Go.” It ended.", ["“We are done,” he said.", "“Go.”", "It ended."]),
        ("The U.S. Army said so. The U.S. The end.", ["The U.S. Army said so.", "The U.S.", "The end."]),
        (
            "It cost 3.5 million. Acme Inc. The firm said no.",
            ["It cost 3.5 million.", "Acme Inc.", "The firm said no."],
        ),
        ("He paused... Then he went on.", ["He paused...", "Then he went on."]),
        ("Apples, pears etc. and more. Fine.", ["Apples, pears etc. and more.", "Fine."]),
        ("   Padded sentence.   ", ["Padded sentence."]),
        ("No end punctuation", ["No end punctuation"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, split_sentences(text)) == expected


def test_sentences_never_cross_lines() -> None:
    text = "A headline without a stop\nThe body starts here. It goes on\nand on."
    assert _texts(text, split_sentences(text)) == [
        "A headline without a stop",
        "The body starts here.",
        "It goes on",
        "and on.",
    ]


def test_paragraphs_are_lines() -> None:
    text = "\nFirst paragraph.\n\n  Second one.  \nThird one.\n\n"
    assert _texts(text, split_paragraphs(text)) == ["First paragraph.", "Second one.", "Third one."]


def test_hard_wrapped_text_uses_blank_lines() -> None:
    text = (
        "This is a hard wrapped text that goes on\nand on across lines because it was typed\n"
        "in an email client, which wraps lines at\nseventy characters or so.\n\nSecond paragraph here,\n"
        "also wrapped. It has two sentences.\n"
    )
    assert _texts(text, split_paragraphs(text)) == [
        text[: text.index("\n\n")],
        "Second paragraph here,\nalso wrapped. It has two sentences.",
    ]
    assert _texts(text, split_sentences(text))[-2:] == [
        "Second paragraph here,\nalso wrapped.",
        "It has two sentences.",
    ]


def test_stage_skips_boilerplate() -> None:
    article = read_text("First paragraph. Two sentences.\nShare this:\nLast paragraph.")
    attach(article, build_stage(Settings()).predict(article))
    assert _texts(article.text, article.spans(Layer.PARAGRAPHS)) == [
        "First paragraph. Two sentences.",
        "Last paragraph.",
    ]
    assert _texts(article.text, article.spans(Layer.SENTENCES)) == [
        "First paragraph.",
        "Two sentences.",
        "Last paragraph.",
    ]


@pytest.mark.data
def test_stage_on_the_seed_article(seed_path: Path) -> None:
    article = read_path(seed_path, settings=Settings())
    attach(article, build_stage(Settings()).predict(article))
    sentences = _texts(article.text, article.spans(Layer.SENTENCES))
    assert (
        sentences[0]
        == "Russian Foreign Minister Sergei Lavrov hasn’t become the world’s most respected diplomat without cause."
    )
    assert "Now Lavrov is not stupid." in sentences
    assert "He’s being droll." in sentences
    assert sentences[-1] == (
        "But, like Hillary Clinton within Democratic circles, everyone in the region is tired of the duplicity "
        "of the U.S. political leadership and is making plans with complete disregard for our wishes."
    )
    assert len(article.spans(Layer.PARAGRAPHS)) == 9


@pytest.mark.data
def test_ptc_lines_are_recovered(data_dir: Path) -> None:
    """On PTC train (one sentence per line), joined lines are split back at most line ends."""
    articles: list[Article] = list(read_ptc(data_dir / "semeval2020-task11-ptc-v2" / "train-articles"))[:30]
    found = correct = expected = 0
    for article in articles:
        lines = [line.strip() for line in article.text.split("\n")[1:] if line.strip()]
        joined = " ".join(lines)
        gold, position = set(), 0
        for line in lines[:-1]:
            position += len(line)
            gold.add(position)
            position += 1
        predicted = {span.end for span in split_sentences(joined)} - {len(joined)}
        found, correct, expected = found + len(predicted), correct + len(predicted & gold), expected + len(gold)
    assert correct / found > 0.9
    assert correct / expected > 0.9


@pytest.mark.parametrize(
    ("text", "max_chars", "pieces"),
    [
        ("short text", 50, ["short text"]),
        ("one two\n\nthree four\n\nfive six", 12, ["one two\n\n", "three four\n\n", "five six"]),
        ("a line here\nanother line\nlast", 14, ["a line here\n", "another line\n", "last"]),
        ("First one. Second one. Third.", 12, ["First one. ", "Second one. ", "Third."]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ],
)
def test_chunk_ranges_cut_at_the_best_boundary_that_fits(text: str, max_chars: int, pieces: list[str]) -> None:
    ranges = chunk_ranges(text, max_chars)
    assert [text[start:end] for start, end in ranges] == pieces
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(end - start <= max_chars for start, end in ranges)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))


def test_chunk_ranges_prefer_a_blank_line_to_a_later_line_break() -> None:
    text = "para one\n\nline two\nline three\nline four"
    ((_, end), *_) = chunk_ranges(text, 30)
    assert text[:end] == "para one\n\n"


def test_segment_stage_with_many_boilerplate_spans_cuts_each_paragraph_as_before() -> None:
    lines = [f"Line {i} of the story goes on." for i in range(40)]
    text = "\n".join(lines)
    article = Article(text)
    boilerplate = [Span(text.index(f"Line {i} "), text.index(f"Line {i} ") + 9, label="b") for i in range(0, 40, 3)]
    article.set_layer(Layer.BOILERPLATE, boilerplate)
    paragraphs = build_stage(Settings()).predict(article).layers[Layer.PARAGRAPHS]
    inside = [p for p in paragraphs if any(b.start < p.end and p.start < b.end for b in boilerplate)]
    assert not inside
    assert len(paragraphs) == 40
