"""parse_json and check_text: every JSON failure is a FormatError, a lone surrogate an EncodingError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.errors import EncodingError, FormatError
from spinscope.io import iter_jsonl, read_text
from spinscope.io.decode import parse_json
from spinscope.settings import Settings

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("text", [DEEP, DEEP.encode(), '{"text": ' + DEEP + "}"])
def test_deep_nesting_is_a_format_error(text: str | bytes) -> None:
    with pytest.raises(FormatError, match="nested too deeply") as refused:
        parse_json(text, source="deep.json")
    assert refused.value.source == "deep.json"


def test_invalid_json_and_bytes_that_are_not_utf8() -> None:
    with pytest.raises(FormatError, match=r"line 1, column 2"):
        parse_json("{x", source="s")
    assert parse_json('{"a": [1, {"b": "\\ud83d\\ude00"}]}', source="s") == {"a": [1, {"b": "\U0001f600"}]}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"text": "a \\ud800 b"}', "text"),
        ('{"article": {"meta": {"k": ["ok", "\\udfff"]}}}', "article.meta.k.1"),
        ('{"\\udc00": 1}', "\udc00"),  # a key: the message shows it escaped
        (b'{"text": "0000\xed\xa0\x80"}', "text"),  # raw surrogate bytes: json.loads lets them through
        ('{"id": "\\ud800"}'.encode("utf-16"), "id"),
    ],
)
def test_a_lone_surrogate_is_refused_naming_its_field(text: str | bytes, field: str) -> None:
    with pytest.raises(EncodingError, match="lone surrogate") as refused:
        parse_json(text, source="request body")
    assert f"field {field!r}" in refused.value.problem
    # The message itself can be written (the refusal must not fail where the input did).
    str(refused.value).encode("utf-8")


def test_check_text_refuses_a_lone_surrogate() -> None:
    with pytest.raises(EncodingError, match=r"U\+D800 at character 4"):
        read_text("One \ud800 two.", source="request text")


def test_a_jsonl_row_with_a_surrogate_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Fine story."}\n{"text": "Bad \\ud800 story."}\n[' + "[" * 5000 + "]" * 5001 + "\n")
    items = list(iter_jsonl(path, settings=Settings()))
    assert [type(item).__name__ for item in items] == ["Article", "EncodingError", "FormatError"]


def test_analyze_of_a_deeply_nested_json_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"text": ' + DEEP + "}")
    done = subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "nested too deeply" in done.stderr
    assert "Traceback" not in done.stderr
