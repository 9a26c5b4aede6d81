"""Hypothesis fuzzing of every reader: an Article with its spans inside its text comes out, or a
:class:`~spinscope.errors.SpinscopeError` is raised; never another exception, never a hang.

Each target is a plain function of one drawn value (``TARGETS``), so that
``benchmarks/bench_fuzz.py`` runs the same targets with many more examples.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope.errors import SpinscopeError
from spinscope.io import iter_corpus, iter_csv, iter_jsonl, read_bytes, read_html, read_path, read_ptc, read_text
from spinscope.model import Article
from spinscope.settings import Settings

#: Examples per target in the test suite: enough to meet each reader's odd corners, few enough
#: that the whole file runs in well under a minute on one shared core.
EXAMPLES = 60
#: A reader that takes longer than this on a few kilobytes is treated as hanging. Generous: the
#: first HTML example pays trafilatura's import, and CI machines are shared.
DEADLINE = timedelta(seconds=10)
#: Small caps, so that "over the limit" is reached by drawn inputs too.
SETTINGS = Settings(max_input_bytes=4_000)

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".csv", "")

#: Pieces that readers treat specially: markup, JSON and CSV syntax, byte-order marks, bad UTF-8,
#: control characters, record headers and share trailers.
_BYTE_PIECES = st.sampled_from(
    [
        b"<",
        b">",
        b"<html>",
        b"<body>",
        b"<article>",
        b"<p>",
        b"</p>",
        b"<div>",
        b"</div>",
        b"<script>var a = 1;</script>",
        b"<!--",
        b"-->",
        b"<![CDATA[",
        b"&amp;",
        b"&#0;",
        b"&#xD800;",
        b"&#1114112;",
        b"<?xml version='1.0' encoding='utf-16'?>",
        b'<meta charset="utf-7">',
        b"{",
        b"}",
        b"[",
        b"]",
        b'"text": ',
        b'"id": ',
        b'"schema_version": "1.0", ',
        b'"article": {"text": "a"}',
        b'"\\ud800"',
        b"null",
        b"1e999",
        b",",
        b'"',
        b"\n",
        b"\r\n",
        b"\r",
        b"\n\n",
        b"\t",
        b"text,id,title\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xff",
        b"\xc3",
        b"\xed\xa0\x80",
        b"\x00",
        b"\x1b[0m",
        b"date 2031-03-14 A Title by Someone \xe2\x80\x93 Outlet\n",
        b"Share this:",
        b"The council said on Tuesday that the ban would stay. ",
    ]
)
_TEXT_BYTES = st.text(max_size=40).map(lambda text: text.encode("utf-8"))
ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(_BYTE_PIECES, _TEXT_BYTES), max_size=40).map(b"".join),
    st.text(max_size=200).map(lambda text: text.encode("utf-16")),
    st.text(max_size=200).map(lambda text: text.encode("utf-16-le")),
)
#: Text with every code point Python strings can hold, lone surrogates included (a JSON string can carry them).
ANY_CHARS = st.one_of(st.characters(exclude_categories=()), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
_TEXT_PIECES = _BYTE_PIECES.map(lambda piece: piece.decode("utf-8", errors="replace"))
#: Ordinary text with a few lone surrogates sprinkled in (too few for the text to look binary).
SPRINKLED_TEXT = st.tuples(
    st.text(min_size=10, max_size=100), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.text(max_size=100)
).map("".join)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    SPRINKLED_TEXT,
    st.text(alphabet=ANY_CHARS, max_size=100),
    st.lists(st.one_of(_TEXT_PIECES, st.text(max_size=20)), max_size=40).map("".join),
)

_JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(alphabet=ANY_CHARS, max_size=20)
)
ANY_JSON: st.SearchStrategy[Any] = st.recursive(
    _JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
_SPAN = st.fixed_dictionaries(
    {"start": st.one_of(st.integers(-5, 40), ANY_JSON), "end": st.one_of(st.integers(-5, 40), ANY_JSON)},
    optional={"label": ANY_JSON, "score": ANY_JSON, "attrs": ANY_JSON, "text": ANY_JSON},
)
#: Dicts shaped like a saved result, with any field possibly wrong.
NEAR_RESULT = st.fixed_dictionaries(
    {
        "schema_version": st.one_of(st.just("1.0"), st.sampled_from(["1", "1.9", "2.0", ""]), ANY_JSON),
        "article": st.one_of(
            st.fixed_dictionaries(
                {"text": st.one_of(ANY_TEXT, ANY_JSON)},
                optional={
                    name: ANY_JSON for name in ("id", "title", "author", "outlet", "date", "url", "language", "meta")
                },
            ),
            ANY_JSON,
        ),
    },
    optional={
        "layers": st.one_of(st.dictionaries(st.text(max_size=12), st.lists(_SPAN, max_size=4), max_size=3), ANY_JSON),
        "summary": ANY_JSON,
    },
)
RESULT_LIKE = st.one_of(NEAR_RESULT, ANY_JSON)

_LABEL_LINE = st.one_of(
    st.tuples(
        st.just("1"), st.sampled_from(["Loaded_Language", "?", ""]), st.integers(-3, 50), st.integers(-3, 50)
    ).map(lambda row: "\t".join(map(str, row))),
    st.tuples(st.just("1"), st.integers(-3, 50), st.integers(-3, 50)).map(lambda row: "\t".join(map(str, row))),
    st.text(max_size=30),
)
LABELS = st.one_of(
    st.lists(_LABEL_LINE, max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8")), st.binary(max_size=100)
)


def check_article(article: object) -> None:
    """The property every reader's output must have: an Article whose spans lie inside its text."""
    assert isinstance(article, Article), f"expected an Article, got {type(article).__name__}"
    assert isinstance(article.text, str)
    for layer, spans in article.layers.items():
        for span in spans:
            assert 0 <= span.start <= span.end <= len(article.text), f"{layer} span {span} outside the text"


def check_items(items: Iterable[object]) -> int:
    """Corpus readers yield Articles or SpinscopeErrors (never raise anything else); returns the count."""
    count = 0
    for item in items:
        count += 1
        if isinstance(item, SpinscopeError):
            continue
        check_article(item)
    return count


def attempt(call: Callable[[], object]) -> object:
    """``call()``'s result, or the SpinscopeError it raised; any other exception propagates."""
    try:
        return call()
    except SpinscopeError as error:
        return error


def _in_folder(files: dict[str, bytes], use: Callable[[Path], object]) -> object:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return use(folder)


def fuzz_read_path(drawn: tuple[str, bytes]) -> None:
    suffix, data = drawn
    outcome = _in_folder(
        {f"input{suffix}": data},
        lambda folder: attempt(lambda: read_path(folder / f"input{suffix}", settings=SETTINGS)),
    )
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_read_bytes(data: bytes) -> None:
    outcome = attempt(lambda: read_bytes(data, source="fuzz"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_read_html(page: bytes | str) -> None:
    outcome = attempt(lambda: read_html(page, source="fuzz.html"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_read_text(text: str) -> None:
    outcome = attempt(lambda: read_text(text, source="fuzz"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_iter_jsonl(data: bytes) -> None:
    _in_folder(
        {"corpus.jsonl": data}, lambda folder: check_items(iter_jsonl(folder / "corpus.jsonl", settings=SETTINGS))
    )


def fuzz_iter_csv(data: bytes) -> None:
    _in_folder({"corpus.csv": data}, lambda folder: check_items(iter_csv(folder / "corpus.csv", settings=SETTINGS)))


def fuzz_iter_corpus(files: dict[str, bytes]) -> None:
    _in_folder(files, lambda folder: check_items(iter_corpus([str(folder)], settings=SETTINGS)))


def fuzz_read_ptc(drawn: tuple[bytes, bytes]) -> None:
    text, labels = drawn
    files = {"train-articles/article1.txt": text, "train-labels-task-flc-tc/article1.task-flc-tc.labels": labels}

    def read(folder: Path) -> None:
        outcome = attempt(lambda: list(read_ptc(folder / "train-articles")))
        if isinstance(outcome, list):
            for article in outcome:
                check_article(article)

    _in_folder(files, read)


def fuzz_from_dict(data: Any) -> None:
    outcome = attempt(lambda: Article.from_dict(data, source="fuzz.json"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


def fuzz_saved_result(data: Any) -> None:
    encoded = json.dumps(data, ensure_ascii=True).encode("utf-8")
    outcome = attempt(lambda: read_bytes(encoded, source="fuzz.json", suffix=".json"))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


_CORPUS_NAMES = st.sampled_from(
    ["a.txt", "b.html", "c.json", "d.jsonl", "e.csv", "sub/f.txt", "article1.txt", ".hidden.txt"]
)

#: name -> (strategy of the drawn value, the check it must pass).
TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "read_path": (st.tuples(st.sampled_from(SUFFIXES), ANY_BYTES), fuzz_read_path),
    "read_bytes": (ANY_BYTES, fuzz_read_bytes),
    "read_html": (st.one_of(ANY_BYTES, ANY_TEXT), fuzz_read_html),
    "read_text": (ANY_TEXT, fuzz_read_text),
    "iter_jsonl": (ANY_BYTES, fuzz_iter_jsonl),
    "iter_csv": (ANY_BYTES, fuzz_iter_csv),
    "iter_corpus": (st.dictionaries(_CORPUS_NAMES, ANY_BYTES, max_size=4), fuzz_iter_corpus),
    "read_ptc": (st.tuples(ANY_BYTES, LABELS), fuzz_read_ptc),
    "Article.from_dict": (RESULT_LIKE, fuzz_from_dict),
    "saved result (.json)": (RESULT_LIKE, fuzz_saved_result),
}


#: JSON nested deeper than Python's recursion limit (json.loads raises RecursionError, not a JSONDecodeError).
DEEP_DEPTH = st.integers(min_value=500, max_value=20_000)
DEEP_JSON = st.builds(
    lambda depth, opener, row: (
        (b'{"text": ' if row else b"") + opener * depth + (b"]" if opener == b"[" else b"") * depth
    ),
    DEEP_DEPTH,
    st.sampled_from([b"[", b'{"a": ']),
    st.booleans(),
)


def fuzz_deep_json(drawn: tuple[str, bytes]) -> None:
    """A deeply nested JSON file read as a saved result, as a JSONL corpus, and by read_bytes."""
    suffix, data = drawn
    if suffix == ".jsonl":
        _in_folder(
            {"corpus.jsonl": data + b"\n"}, lambda f: check_items(iter_jsonl(f / "corpus.jsonl", settings=Settings()))
        )
        return
    outcome = attempt(lambda: read_bytes(data, source="deep", suffix=suffix))
    if not isinstance(outcome, SpinscopeError):
        check_article(outcome)


#: Targets only the benchmark runs (their examples are large or slow); each bug they found is pinned
#: by a deterministic test below, which fails without its fix.
BENCH_TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "deeply nested JSON (readers)": (st.tuples(st.sampled_from([".json", "", ".jsonl"]), DEEP_JSON), fuzz_deep_json),
}


@pytest.mark.parametrize("suffix", [".json", "", ".jsonl"])
def test_deeply_nested_json_is_a_spinscope_error(suffix: str) -> None:
    fuzz_deep_json((suffix, b'{"text": ' + b"[" * 100_000 + b"]" * 100_000))


def run_target(strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> None:
    """Draw :data:`EXAMPLES` inputs from ``strategy`` and ``check`` each (the API's fuzz tests run the same way)."""

    @settings(max_examples=EXAMPLES, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(strategy)
    def run(drawn: Any) -> None:
        check(drawn)

    run()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_reader_gives_an_article_or_a_spinscope_error(name: str) -> None:
    run_target(*TARGETS[name])


@pytest.mark.parametrize("url", ["http://[::1/", "http://[zz]/", "http://[127.0.0.1]:8080/"])
def test_a_malformed_url_is_refused(url: str) -> None:
    from spinscope.io import check_url

    # urlsplit fails before any name is resolved: nothing leaves the machine.
    attempt(lambda: check_url(url, settings=SETTINGS))
