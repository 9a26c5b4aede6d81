"""Hypothesis: any text survives reader -> to_dict -> JSON -> from_dict, offsets and all."""

from __future__ import annotations

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.errors import InputError
from spinscope.io import read_bytes, read_text
from spinscope.model import Article, Layer
from spinscope.pipeline import attach
from spinscope.segment import SegmentStage

STAGE = SegmentStage()

#: Text that looks like news: words, sentence punctuation, quotes, newlines, and share trailers.
_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\n\n",
        ".",
        "?",
        "!",
        "…",
        '"',
        "“",
        "”",
        "'",
        "Mr.",
        "U.S.",
        "The",
        "said",
        "Lavrov",
        "3.5",
        "\t",
        "\r\n",
        "Share this:",
        "Sharing is caring!",
        "Follow us on Telegram",
        "date 2031-03-14 Title by A – O\n",
    ]
)
NEWSY_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(), NEWSY_TEXT)


def _read_and_segment(text: str) -> Article | None:
    try:
        article = read_text(text, id="prop")
    except InputError:
        return None
    return attach(article, STAGE.predict(article))


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_round_trip_keeps_text_and_offsets(text: str) -> None:
    article = _read_and_segment(text)
    if article is None:
        return
    result = article.to_dict()
    saved = json.dumps(result, ensure_ascii=False).encode("utf-8")
    again = read_bytes(saved, source="saved.json", suffix=".json")
    assert again.text == article.text
    assert again.metadata() == article.metadata()
    for layer in (Layer.SENTENCES, Layer.PARAGRAPHS, Layer.BOILERPLATE):
        assert [(s.start, s.end, s.label) for s in again.spans(layer)] == [
            (s.start, s.end, s.label) for s in article.spans(layer)
        ]
    assert again.to_dict() == result


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_segments_lie_inside_the_text_and_never_overlap(text: str) -> None:
    article = _read_and_segment(text)
    if article is None:
        return
    boilerplate = article.spans(Layer.BOILERPLATE)
    paragraphs = article.spans(Layer.PARAGRAPHS)
    for layer in (Layer.SENTENCES, Layer.PARAGRAPHS):
        spans = article.spans(layer)
        for span in spans:
            assert 0 <= span.start < span.end <= len(article.text)
            covered = article.span_text(span)
            assert covered == covered.strip()
            assert not any(span.overlaps(skipped) for skipped in boilerplate)
        for before, after in itertools.pairwise(spans):
            assert before.end <= after.start
    for sentence in article.spans(Layer.SENTENCES):
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in paragraphs)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_sentences_cover_every_content_character(text: str) -> None:
    article = _read_and_segment(text)
    if article is None:
        return
    covered = bytearray(len(article.text))
    for span in article.spans(Layer.SENTENCES) + article.spans(Layer.BOILERPLATE):
        covered[span.start : span.end] = b"\x01" * len(span)
    missed = [char for char, hit in zip(article.text, covered, strict=True) if not hit and not char.isspace()]
    assert missed == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["", ".txt", ".html", ".json"]))
def test_any_bytes_give_an_article_or_an_input_error(data: bytes, suffix: str) -> None:
    try:
        article = read_bytes(data, source="fuzz", suffix=suffix)
    except InputError as e:
        assert e.source == "fuzz"
    else:
        assert article.text.strip()


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "schema_version": st.just("1.0"),
            "article": st.fixed_dictionaries(
                {"text": st.just("Body.")}, optional={"meta": _JSON_VALUES, "title": _JSON_VALUES}
            ),
        },
        optional={"layers": _JSON_VALUES, "summary": _JSON_VALUES},
    )
)
def test_malformed_saved_results_are_format_errors(result: dict[str, object]) -> None:
    try:
        read_bytes(json.dumps(result).encode(), source="saved.json", suffix=".json")
    except InputError as e:
        assert e.source == "saved.json"
