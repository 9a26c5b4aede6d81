"""read_path / read_input on real files, and every bad-input error."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spinscope.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFileError,
    NoTextError,
)
from spinscope.io import read_input, read_path
from spinscope.model import Article
from spinscope.settings import Settings

SETTINGS = Settings()
STORY = "The ferry to Port Vell was cancelled again on Monday.\n\nPassengers waited for six hours.\n"


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(STORY, encoding="utf-8")
    article = read_path(path, settings=SETTINGS)
    assert article.text == STORY
    assert article.id == "ferry"
    assert article.title is None
    assert article.meta["path"] == str(path)


def test_windows_line_ends_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    assert read_path(path, settings=SETTINGS).text == STORY


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY.encode("utf-16"))
    assert read_path(path, settings=SETTINGS).text == STORY


def test_html_file(tmp_path: Path, article_html: str) -> None:
    path = tmp_path / "page.htm"
    path.write_text(article_html, encoding="utf-8")
    article = read_path(path, settings=SETTINGS)
    assert article.id == "page"
    assert article.title == "Harbour Council Votes on the Salt Coast Plan"
    assert article.outlet == "Northwind Daily"
    assert "Salt Coast" in article.text


def test_html_recognised_by_content(tmp_path: Path, article_html: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(article_html, encoding="utf-8")
    assert read_path(path, settings=SETTINGS).author == "Jane Roe"


@pytest.mark.data
def test_saved_result_round_trips(tmp_path: Path, seed_path: Path) -> None:
    article = read_path(seed_path, settings=SETTINGS)
    saved = tmp_path / "result.json"
    saved.write_text(json.dumps(article.to_dict()), encoding="utf-8")
    again = read_path(saved, settings=SETTINGS)
    assert again.text == article.text
    assert again.metadata() == article.metadata()


def test_stdin(tmp_path: Path) -> None:
    script = (
        "import sys; from spinscope.io import read_input; from spinscope.settings import Settings;"
        "a = read_input('-', settings=Settings()); print(a.author, len(a.text))"
    )
    record = "date 2031-03-14 Ferry Chaos by Ana Lind – Port Vell Post\n\n" + STORY
    done = subprocess.run(
        [sys.executable, "-c", script], input=record.encode(), capture_output=True, timeout=60, check=True
    )
    assert done.stdout.decode().split() == ["Ana", "Lind", str(len(STORY))]


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "error", "problem"),
    [
        ("empty.txt", b"", EmptyInputError, "is empty"),
        ("blank.txt", b"  \n\n\t \n", EmptyInputError, "whitespace only"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, BinaryInputError, "control characters"),
        ("latin1.txt", "Caf\xe9 in Port Vell\nline two".encode("latin-1"), EncodingError, "byte 0xE9 at offset 3"),
        ("late.txt", b"ok line\nsecond \xff line", EncodingError, r"offset 15 \(line 2\)"),
        ("blank.html", b"   ", EmptyInputError, "empty"),
        ("script.html", b"<html><head><script>x()</script></head><body></body></html>", NoTextError, "no article"),
        ("broken.json", b'{"schema_version": "1.0", ', FormatError, "not valid JSON"),
        ("other.json", b'{"name": "not a result"}', FormatError, "not a spinscope result"),
        ("header-only.txt", b"date 2031-03-14 Title by A - B\n\n\n", NoTextError, "no body"),
        ("trailer-only.txt", b"Share this:\nSharing is caring!\n", NoTextError, "only share"),
    ],
)
def test_bad_files_raise_specific_errors(
    tmp_path: Path, name: str, data: bytes, error: type[InputError], problem: str
) -> None:
    path = _bad(tmp_path, name, data)
    with pytest.raises(error, match=problem) as raised:
        read_input(str(path), settings=SETTINGS)
    assert str(path) in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"), settings=SETTINGS)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError, match="is a directory"):
        read_input(str(tmp_path), settings=SETTINGS)


def test_huge_sparse_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    subprocess.run(["truncate", "-s", "500M", str(path)], check=True, timeout=30)
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="524,288,000 bytes, over the limit of 10,000,000"):
        read_input(str(path), settings=SETTINGS)
    assert time.perf_counter() - started < 0.5


def test_size_cap_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with pytest.raises(InputTooLargeError) as refused:
        read_path(path, settings=SETTINGS.with_(max_input_bytes=10))
    assert "raise it with --max-chars (Settings.max_chars)" in str(refused.value)


def test_errors_are_input_errors_with_source_and_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_path(_bad(tmp_path, "empty.txt", b""), settings=SETTINGS)
    assert raised.value.source == str(tmp_path / "empty.txt")
    assert raised.value.problem == "is empty"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("binary.bin", b"\x00\x01\x02\x03garbage"),
        ("empty.txt", b""),
        ("latin1.txt", "caf\xe9".encode("latin-1")),
        ("script.html", b"<html><head><script>x()</script></head><body></body></html>"),
    ],
)
def test_cli_prints_one_line_and_fails(tmp_path: Path, name: str, data: bytes) -> None:
    path = _bad(tmp_path, name, data)
    done = subprocess.run(
        [sys.executable, "-m", "spinscope", "analyze", str(path), "--no-techniques", "--no-quotes", "--no-outlet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0]
    assert "Traceback" not in done.stderr


def test_cli_on_directory_and_missing_file(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing.txt"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "spinscope",
                "analyze",
                str(target),
                "--no-techniques",
                "--no-quotes",
                "--no-outlet",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode != 0
        assert len(done.stderr.strip().splitlines()) == 1
        assert str(target) in done.stderr


def test_example_article_reads_by_relative_path(example_path: Path) -> None:
    article = read_input(str(example_path.relative_to(Path.cwd())), settings=SETTINGS)
    assert isinstance(article, Article)
    assert article.id == "arvelia-2031-03-14"
