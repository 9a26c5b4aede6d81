"""Article / Span invariants and the JSON form."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinscope.errors import FormatError, SpanError
from spinscope.model import SCHEMA_VERSION, Article, Layer, Span


def _schema() -> dict:
    return json.loads(resources.files("spinscope").joinpath("model/article.schema.json").read_text("utf-8"))


@pytest.fixture
def article() -> Article:
    article = Article(
        "Traitors! They hate our freedom.\n\nShare this:",
        id="a1",
        title="Demo",
        author="A. Writer",
        outlet="Example News",
        date="2031-03-14",
        url="https://example.org/a1",
        meta={"path": "demo.txt"},
    )
    article.set_layer(Layer.TECHNIQUES, [Span(0, 8, label="Name_Calling,Labeling", score=0.9, attrs={"reason": "x"})])
    article.set_layer(Layer.SENTENCES, [Span(10, 32), Span(0, 9)])
    article.summary["propaganda_score"] = 0.7
    return article


def test_text_cannot_be_reassigned(article: Article) -> None:
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


def test_span_is_a_view(article: Article) -> None:
    span = article.spans(Layer.TECHNIQUES)[0]
    assert article.span_text(span) == "Traitors"
    assert not hasattr(span, "text")
    assert span.layer == Layer.TECHNIQUES


def test_layers_are_sorted(article: Article) -> None:
    assert [s.start for s in article.spans(Layer.SENTENCES)] == [0, 10]


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (5, 4)])
def test_invalid_span_ranges_are_refused(start: int, end: int) -> None:
    with pytest.raises(SpanError):
        Span(start, end)


def test_span_past_the_text_is_refused(article: Article) -> None:
    with pytest.raises(SpanError, match="ends past the text"):
        article.set_layer("x", [Span(0, len(article.text) + 1)])


def test_round_trip_is_lossless(article: Article) -> None:
    data = article.to_dict()
    again = Article.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    assert again.text == article.text
    assert again.metadata() == article.metadata()


def test_json_form_matches_the_schema(article: Article) -> None:
    data = article.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    jsonschema.validate(data, _schema())
    assert data["layers"][Layer.TECHNIQUES][0]["text"] == "Traitors"


def test_from_dict_checks_span_text(article: Article) -> None:
    data = article.to_dict()
    data["layers"][Layer.TECHNIQUES][0]["text"] = "Patriots"
    with pytest.raises(FormatError, match="does not match its text"):
        Article.from_dict(data)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema_version="2.0"), "not supported"),
        (lambda d: d["article"].pop("text"), "article.text"),
        (lambda d: d["layers"][Layer.SENTENCES].append({"start": 0, "end": 999}), "past the text"),
        (lambda d: d["layers"][Layer.SENTENCES].append({"start": "x", "end": 1}), "malformed span"),
        (lambda d: d["article"].update(meta=5), "article.meta"),
        (lambda d: d["layers"].update(s=5), "list of span objects"),
        (lambda d: d.update(summary=[1]), "summary"),
        (lambda d: d["article"].update(title=3), "article.title"),
        # Shapes the views iterate: refused at load, naming the field (they were a 500 in /v1/render).
        (
            lambda d: d["layers"][Layer.TECHNIQUES][0]["attrs"].update(top_words=1.5),
            r"'attrs\.top_words' must be a list",
        ),
        (lambda d: d["layers"][Layer.TECHNIQUES][0]["attrs"].update(relays=True), r"'attrs\.relays' must be a list"),
        (lambda d: d["summary"].update(outlet={"name": "X", "ratings": 2.0}), r"'summary\.outlet\.ratings'"),
        (lambda d: d["summary"].update(outlet={"ratings": ["a"]}), r"'summary\.outlet\.ratings'"),
    ],
)
def test_from_dict_rejects_bad_input(article: Article, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = article.to_dict()
    mutate(data)
    with pytest.raises(FormatError, match=message):
        Article.from_dict(data, source="saved.json")


def test_a_malformed_span_names_the_input_and_layer() -> None:
    data = {"schema_version": "1.0", "article": {"text": "Body."}, "layers": {"quotes": [{}]}}
    with pytest.raises(FormatError, match="malformed span") as caught:
        Article.from_dict(data, source="saved.json")
    assert caught.value.source == "saved.json"
    assert "layer 'quotes'" in str(caught.value)


@st.composite
def articles_with_spans(draw: st.DrawFn) -> Article:
    text = draw(st.text(max_size=300))
    article = Article(text, id=draw(st.text(max_size=10)))
    for layer in draw(st.lists(st.sampled_from(["sentences", "techniques", "x"]), max_size=3, unique=True)):
        spans = []
        for _ in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            score = draw(st.none() | st.floats(0, 1))
            spans.append(Span(start, end, label=draw(st.text(max_size=5)), score=score))
        article.set_layer(layer, spans)
    return article


@given(articles_with_spans())
def test_any_article_survives_json(article: Article) -> None:
    data = article.to_dict()
    jsonschema.validate(data, _schema())
    again = Article.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again.text == article.text
    for layer, spans in article.layers.items():
        assert [(s.start, s.end, s.label, s.score) for s in again.spans(layer)] == [
            (s.start, s.end, s.label, s.score) for s in spans
        ]
        for span in again.spans(layer):
            assert article.text[span.start : span.end] == again.span_text(span)
