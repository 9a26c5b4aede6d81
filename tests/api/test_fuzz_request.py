"""Hypothesis fuzzing of the API request model (:mod:`spinscope.api.inputs`): any body gives a reader
whose article has its spans inside its text, or a :class:`~spinscope.errors.SpinscopeError`; never
another exception, never a hang.

URL bodies are validated but never fetched here (a drawn host name would go to DNS). Each target is
a plain function of one drawn value (``TARGETS``), so ``benchmarks/bench_fuzz.py`` reuses them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from pydantic import ValidationError

from spinscope.api.inputs import AnalyzeRequest, reader_from_json, reader_from_upload, result_from_json
from spinscope.errors import SpinscopeError
from spinscope.model import Article
from spinscope.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from test_fuzz_readers import (
    ANY_BYTES,
    ANY_CHARS,
    ANY_JSON,
    ANY_TEXT,
    DEEP_JSON,
    RESULT_LIKE,
    attempt,
    check_article,
    run_target,
)

SETTINGS = Settings()

_FIELD = st.sampled_from(["text", "html", "url", "id", "extra"])
#: Bodies shaped like a request: some of the fields, each holding text or any JSON value.
NEAR_REQUEST = st.dictionaries(_FIELD, st.one_of(ANY_TEXT, ANY_JSON), max_size=4)
#: What a client may send: request-shaped JSON, any JSON, or any bytes at all.
ANY_BODY = st.one_of(
    NEAR_REQUEST.map(lambda body: json.dumps(body).encode("utf-8")),
    NEAR_REQUEST.map(lambda body: json.dumps(body, ensure_ascii=False).encode("utf-8", errors="surrogatepass")),
    ANY_JSON.map(lambda body: json.dumps(body).encode("utf-8")),
    ANY_BYTES,
)
_FILENAME = st.one_of(
    st.text(alphabet=ANY_CHARS, max_size=30),
    st.tuples(st.text(max_size=10), st.sampled_from([".txt", ".html", ".HTM", ".json", ".jsonl", ".csv", ".", ""])).map(
        "".join
    ),
)


def _reads_url(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("url") is not None


def fuzz_reader_from_json(body: bytes) -> None:
    reader = attempt(lambda: reader_from_json(body, settings=SETTINGS))
    if isinstance(reader, SpinscopeError) or _reads_url(body):
        return
    assert callable(reader)
    outcome = attempt(reader)
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_analyze_request(data: Any) -> None:
    try:
        request = AnalyzeRequest.model_validate(data)
    except ValidationError:
        return
    assert all(
        getattr(request, name) is None or isinstance(getattr(request, name), str) for name in ("text", "html", "url")
    )
    assert isinstance(request.id, str)


def fuzz_reader_from_upload(drawn: tuple[str, bytes]) -> None:
    filename, data = drawn
    outcome = attempt(reader_from_upload(filename, data, settings=SETTINGS))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_render_body(data: Any) -> None:
    body = json.dumps(data).encode("utf-8")
    result = attempt(lambda: result_from_json(body))
    if isinstance(result, SpinscopeError):
        return
    assert isinstance(result, dict)
    outcome = attempt(lambda: Article.from_dict(result, source="request body"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


#: name -> (strategy of the drawn value, the check it must pass).
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "reader_from_json": (ANY_BODY, fuzz_reader_from_json),
    "AnalyzeRequest": (st.one_of(NEAR_REQUEST, ANY_JSON), fuzz_analyze_request),
    "reader_from_upload": (st.tuples(_FILENAME, ANY_BYTES), fuzz_reader_from_upload),
    "render body": (RESULT_LIKE, fuzz_render_body),
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_request_gives_an_article_or_a_spinscope_error(name: str) -> None:
    run_target(*TARGETS[name])


def response_encodes(body: bytes) -> None:
    """What the API does with a read article: the result must encode as UTF-8 JSON (else a 500)."""
    reader = attempt(lambda: reader_from_json(body, settings=SETTINGS))
    if isinstance(reader, SpinscopeError) or _reads_url(body):
        return
    assert callable(reader)
    outcome = attempt(reader)
    if isinstance(outcome, Article):
        json.dumps(outcome.to_dict(), ensure_ascii=False).encode("utf-8")


#: A small valid result with one span of each kind whose attributes the views read.
SMALL_RESULT: dict[str, Any] = {
    "schema_version": "1.0",
    "article": {"id": "r", "text": "They are vultures, said Mara Veld.", "outlet": "Beacon"},
    "layers": {
        "techniques": [
            {
                "start": 9,
                "end": 17,
                "label": "Name_Calling,Labeling",
                "score": 0.5,
                "attrs": {"top_words": ["vultures"]},
            }
        ],
        "attributions": [
            {
                "start": 0,
                "end": 17,
                "label": "direct",
                "attrs": {"source": {"start": 24, "end": 33}, "source_name": "Mara Veld", "relays": []},
            }
        ],
    },
    "summary": {
        "propaganda_score": 0.5,
        "technique_counts": {"Name_Calling,Labeling": 1},
        "outlet": {"query": "Beacon", "known": True, "ratings": [{"source": "list", "rating": "low"}]},
    },
}
#: Where a drawn value replaces part of SMALL_RESULT (offsets and text stay valid, so from_dict accepts most).
_RESULT_PLACES: list[tuple[str | int, ...]] = [
    ("layers", "techniques", 0, "attrs"),
    ("layers", "techniques", 0, "attrs", "top_words"),
    ("layers", "techniques", 0, "label"),
    ("layers", "techniques", 0, "score"),
    ("layers", "attributions", 0, "attrs"),
    ("layers", "attributions", 0, "attrs", "source"),
    ("layers", "attributions", 0, "attrs", "relays"),
    ("layers", "attributions", 0, "attrs", "source_name"),
    ("summary",),
    ("summary", "propaganda_score"),
    ("summary", "technique_counts"),
    ("summary", "outlet"),
    ("summary", "outlet", "ratings"),
    ("article", "meta"),
]


def _mutated(place: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(SMALL_RESULT))
    container: Any = result
    for key in place[:-1]:
        container = container[key]
    container[place[-1]] = value
    return result


MUTATED_RESULT = st.builds(_mutated, st.sampled_from(_RESULT_PLACES), ANY_JSON)


def fuzz_render_result(data: dict[str, Any]) -> None:
    """What ``POST /v1/render`` does with a result that Article.from_dict accepts: both views render or refuse."""
    from spinscope.render import render

    if isinstance(attempt(lambda: Article.from_dict(data, source="request body")), SpinscopeError):
        return
    for output in ("html", "text"):
        rendered = attempt(lambda: render(data, output, color=False))  # noqa: B023 (called at once)
        assert isinstance(rendered, str | SpinscopeError)


#: Targets only the benchmark runs (their examples are large or slow); each bug they found is pinned
#: by a deterministic test below, which fails without its fix.
BENCH_TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "render result (views)": (MUTATED_RESULT, fuzz_render_result),
    "deeply nested JSON (request bodies)": (DEEP_JSON, lambda body: fuzz_deep_body(body)),
}


def fuzz_deep_body(body: bytes) -> None:
    """A deeply nested body sent to ``/v1/analyze`` (reader_from_json) and to ``/v1/render`` (result_from_json)."""
    attempt(lambda: reader_from_json(body, settings=SETTINGS))
    attempt(lambda: result_from_json(body))


@pytest.mark.parametrize("read", [reader_from_json, result_from_json], ids=["analyze", "render"])
def test_a_deeply_nested_body_is_a_format_error(read: Callable[..., Any]) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    attempt(lambda: read(body, settings=SETTINGS) if read is reader_from_json else read(body))


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (("layers", "techniques", 0, "attrs", "top_words"), 1.5),
        (("layers", "attributions", 0, "attrs", "relays"), 1.5),
        (("summary", "outlet", "ratings"), ["a"]),
    ],
)
def test_render_of_an_odd_result_refuses_or_renders(place: tuple[str | int, ...], value: Any) -> None:
    fuzz_render_result(_mutated(place, value))


def test_the_small_result_renders() -> None:
    fuzz_render_result(SMALL_RESULT)


@pytest.mark.parametrize(
    "body",
    [b'{"text": "The council met on Tuesday. \\ud800 It said no."}', b'{"text": "The council met.", "id": "\\udfff"}'],
)
def test_a_lone_surrogate_is_refused_or_encodable(body: bytes) -> None:
    response_encodes(body)
