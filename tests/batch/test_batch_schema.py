"""Rows built from a result keep the text and offsets of every span through Parquet and back."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.batch import read_table
from spinscope.batch.schema import result_rows
from spinscope.batch.store import ResultStore
from spinscope.model import Article, Layer, Span


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(min_size=1, max_size=200))
    article = Article(text, id=draw(st.text(min_size=1, max_size=10)), outlet=draw(st.none() | st.text(max_size=10)))
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        label = draw(st.sampled_from(["Loaded_Language", "Doubt", "Name_Calling,Labeling"]))
        spans.append(Span(start, end, label=label, score=draw(st.floats(0, 1))))
    article.set_layer(Layer.TECHNIQUES, spans)
    article.summary = {"propaganda_score": draw(st.none() | st.floats(0, 1))}
    return article


@settings(max_examples=30, deadline=None)
@given(article=articles())
def test_span_rows_round_trip_through_parquet(article: Article) -> None:
    with tempfile.TemporaryDirectory() as tmp, ResultStore(Path(tmp)) as store:
        store.write_part([result_rows(article.id, article.to_dict(), elapsed_s=0.0)])
        [row] = read_table(tmp, "articles").to_pylist()
        spans = read_table(tmp, "spans").to_pylist()
    assert (row["id"], row["n_chars"], row["outlet"]) == (article.id, len(article.text), article.outlet)
    assert row["propaganda_score"] == article.summary["propaganda_score"]
    assert len(spans) == row["n_spans"] == len(article.spans(Layer.TECHNIQUES))
    for stored, span in zip(spans, article.spans(Layer.TECHNIQUES), strict=True):
        assert (stored["start"], stored["end"], stored["label"]) == (span.start, span.end, span.label)
        assert stored["text"] == article.text[span.start : span.end]
