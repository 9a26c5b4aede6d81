"""Corpora: many articles from folders, globs, JSONL and CSV files, streamed one by one.

A bad document never stops a batch: its error is *yielded* (an :class:`InputError` naming the
file and line) in place of the article, and the caller decides what to do with it.
"""

from __future__ import annotations

import csv
import glob
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.errors import (
    EncodingError,
    FormatError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFileError,
)
from spinscope.io.decode import decode_text, parse_json
from spinscope.io.files import read_path
from spinscope.io.ptc import read_ptc
from spinscope.io.text import make_article
from spinscope.model import Article
from spinscope.settings import Settings

#: File kinds a folder is searched for.
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".json"})
ROW_SUFFIXES = frozenset({".jsonl", ".csv"})

_PTC_ARTICLE = re.compile(r"^article\d+\.txt$")
#: Article folders of the PTC / SemEval releases: ``train-articles``, ``dev-articles-subtask-3``, ``test``.
_RELEASE_SPLIT = re.compile(r"^(?:train|dev|test)(?:-articles(?:-subtask-\d+)?)?$")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class CorpusColumns:
    """Which JSONL keys / CSV columns hold the text and the metadata of an article."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    author: str = "author"
    outlet: str = "outlet"
    date: str = "date"
    url: str = "url"


_DEFAULT_COLUMNS = CorpusColumns()


def iter_jsonl(
    path: Path | str,
    *,
    settings: Settings,
    columns: CorpusColumns = _DEFAULT_COLUMNS,
    id_prefix: str | None = None,
) -> Iterator[Article | InputError]:
    """One article per JSON line; a bad line is yielded as an :class:`InputError`.

    Ids come from the id column, else ``<id_prefix>:<line>`` (``id_prefix`` defaults to the file
    stem). Blank lines are skipped.

    Raises:
        InputNotFoundError, NotAFileError: the file does not exist, or is a folder.
    """
    path = _existing_file(path)
    prefix = path.stem if id_prefix is None else id_prefix
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > settings.input_byte_limit:
                yield InputTooLargeError(where, f"row is over the limit of {settings.input_byte_limit:,} bytes")
                continue
            try:
                row = parse_json(decode_text(raw, source=where), source=where)
            except InputError as e:
                yield e
                continue
            if not isinstance(row, dict):
                yield FormatError(where, f"expected a JSON object, got {type(row).__name__}")
                continue
            yield _row_article(row, where=where, default_id=f"{prefix}:{number}", columns=columns)


def iter_csv(
    path: Path | str,
    *,
    settings: Settings,
    columns: CorpusColumns = _DEFAULT_COLUMNS,
    id_prefix: str | None = None,
) -> Iterator[Article | InputError]:
    """One article per CSV row (header row required); a bad row is yielded as an :class:`InputError`.

    Line numbers count from 1 at the header and name the row's first line. Ids come from the id
    column, else ``<id_prefix>:<line>`` (``id_prefix`` defaults to the file stem).

    Raises:
        InputNotFoundError, NotAFileError: the file does not exist, or is a folder.
    """
    path = _existing_file(path)
    prefix = path.stem if id_prefix is None else id_prefix
    # A whole article is one field; the csv module's default 128 KiB field cap would cut long ones.
    csv.field_size_limit(max(csv.field_size_limit(), settings.input_byte_limit))
    bad_lines: set[int] = set()
    with path.open("rb") as stream:
        reader = csv.reader(_decoded_lines(stream, bad_lines))
        try:
            header = next(reader)
        except StopIteration:
            yield FormatError(str(path), "is empty (expected a header row)")
            return
        except csv.Error as e:
            yield FormatError(f"{path}:1", f"malformed CSV header ({e})")
            return
        if columns.text not in header:
            yield FormatError(str(path), f"has no {columns.text!r} column (columns: {', '.join(header)})")
            return
        first_line = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield FormatError(f"{path}:{first_line}", f"malformed CSV ({e})")
                return
            where = f"{path}:{first_line}"
            row_lines = range(first_line, reader.line_num + 1)
            first_line = reader.line_num + 1
            if not any(field.strip() for field in fields):
                continue
            if bad_lines.intersection(row_lines):
                yield EncodingError(where, "is not valid UTF-8")
            elif len(fields) != len(header):
                yield FormatError(where, f"has {len(fields)} fields, the header has {len(header)}")
            else:
                row = dict(zip(header, fields, strict=True))
                yield _row_article(row, where=where, default_id=f"{prefix}:{row_lines[0]}", columns=columns)


def iter_corpus(
    inputs: Sequence[str], *, settings: Settings, columns: CorpusColumns = _DEFAULT_COLUMNS
) -> Iterator[Article | InputError]:
    """Every article of some inputs: files, folders (searched recursively) and glob patterns.

    Folders yield their ``*.txt``, ``*.html``, ``*.htm``, ``*.json``, ``*.jsonl`` and ``*.csv``
    files in sorted order; a folder of ``article<ID>.txt`` files (a PTC / SemEval folder) is read
    with :func:`~spinscope.io.ptc.read_ptc`, gold labels included, and a folder holding such
    folders yields only them. Errors are yielded, not raised.

    Ids are unique per file and the same on every run over the same inputs: a file's article id
    is its path relative to the inputs' common folder, without the suffix (``a/story`` for
    ``a/story.txt`` when the inputs are ``a/`` and ``b/``; just ``story`` for one folder or file),
    the suffix kept when a file of the same stem stands beside it (``story.txt``, ``story.html``).
    Rows of a JSONL/CSV file without an id are ``<that id>:<line>``. An id the content gives (the
    id column, a saved result's own id, a PTC article number) is kept as it is.
    """
    paths: list[Path | InputError] = []
    for source in inputs:
        if _GLOB_CHARS.search(source) and not Path(source).exists():
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                paths.append(InputNotFoundError(source, "no file matches this pattern"))
            paths.extend(Path(match) for match in matches)
        else:
            path = Path(source)
            paths.append(path if path.exists() else InputNotFoundError(source, "no such file or folder"))
    ids = _FileIds([path for path in paths if isinstance(path, Path)])
    for item in paths:
        if isinstance(item, InputError):
            yield item
        else:
            yield from _iter_path(item, settings=settings, columns=columns, ids=ids)


class _FileIds:
    """Article ids of files: the path relative to the inputs' common folder, suffix dropped."""

    def __init__(self, inputs: list[Path]) -> None:
        folders = [str((path if path.is_dir() else path.parent).absolute()) for path in inputs]
        try:
            self.root: Path | None = Path(os.path.commonpath(folders)) if folders else None
        except ValueError:  # paths on different drives (Windows): fall back to the stem
            self.root = None
        self._stems: dict[Path, set[str]] = {}

    def __call__(self, path: Path) -> str:
        absolute = path.absolute()
        try:
            relative = absolute.relative_to(self.root) if self.root is not None else Path(path.name)
        except ValueError:
            relative = Path(path.name)
        if path.stem in self._repeated_stems(absolute.parent):
            return relative.as_posix()
        return relative.with_suffix("").as_posix()

    def _repeated_stems(self, folder: Path) -> set[str]:
        """Stems that two or more corpus files of ``folder`` share (``story.txt`` and ``story.html``)."""
        stems = self._stems.get(folder)
        if stems is None:
            try:
                names = [e for e in folder.iterdir() if e.suffix.lower() in ARTICLE_SUFFIXES | ROW_SUFFIXES]
            except OSError:
                names = []
            counts = Counter(entry.stem for entry in names)
            stems = self._stems[folder] = {stem for stem, count in counts.items() if count > 1}
        return stems


def is_ptc_folder(folder: Path) -> bool:
    """True for a folder whose ``.txt`` files are all ``article<ID>.txt`` (at least one)."""
    names = [entry.name for entry in folder.iterdir() if entry.suffix == ".txt"]
    return bool(names) and all(_PTC_ARTICLE.match(name) for name in names)


def _iter_path(
    path: Path, *, settings: Settings, columns: CorpusColumns, ids: _FileIds
) -> Iterator[Article | InputError]:
    if path.is_dir():
        yield from _iter_folder(path, settings=settings, columns=columns, ids=ids)
        return
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from iter_jsonl(path, settings=settings, columns=columns, id_prefix=ids(path))
        elif suffix == ".csv":
            yield from iter_csv(path, settings=settings, columns=columns, id_prefix=ids(path))
        else:
            article = read_path(path, settings=settings)
            if article.id == path.stem:  # the id came from the file name, not from the content
                article.id = ids(path)
            yield article
    except InputError as e:
        yield e


def _iter_folder(
    folder: Path, *, settings: Settings, columns: CorpusColumns, ids: _FileIds
) -> Iterator[Article | InputError]:
    """A folder's articles, in sorted order.

    1. a PTC folder: read as a whole, gold labels included;
    2. a corpus release (PTC folders named by split: ``train-articles``, ``dev``, ...): only
       those, since the files beside them are label files and technique lists, not articles;
    3. otherwise every article and corpus file, recursively.
    """
    if is_ptc_folder(folder):
        yield from _iter_ptc(folder)
        return
    entries = [entry for entry in sorted(folder.iterdir()) if not entry.name.startswith(".")]
    ptc_folders = [entry for entry in entries if _RELEASE_SPLIT.match(entry.name) and is_ptc_folder(entry)]
    if ptc_folders:
        for ptc_folder in ptc_folders:
            yield from _iter_ptc(ptc_folder)
        return
    for entry in entries:
        if entry.is_dir():
            yield from _iter_folder(entry, settings=settings, columns=columns, ids=ids)
        elif entry.suffix.lower() in ARTICLE_SUFFIXES | ROW_SUFFIXES:
            yield from _iter_path(entry, settings=settings, columns=columns, ids=ids)


def _iter_ptc(folder: Path) -> Iterator[Article | InputError]:
    try:
        yield from read_ptc(folder)
    except InputError as e:
        yield e


def _row_article(row: dict[str, Any], *, where: str, default_id: str, columns: CorpusColumns) -> Article | InputError:
    text = row.get(columns.text)
    if not isinstance(text, str):
        problem = "is missing" if text is None else f"is a {type(text).__name__}, not a string"
        return FormatError(where, f"text column {columns.text!r} {problem}")

    def field(name: str) -> str | None:
        value = row.get(name)
        return None if value is None or value == "" else str(value)

    meta = {"source": where, "format": "row"}
    try:
        return make_article(
            text,
            source=where,
            id=field(columns.id) or default_id,
            title=field(columns.title),
            author=field(columns.author),
            outlet=field(columns.outlet),
            date=field(columns.date),
            url=field(columns.url),
            meta=meta,
        )
    except InputError as e:
        return e


def _existing_file(path: Path | str) -> Path:
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(str(path), "no such file")
    if not path.is_file():
        raise NotAFileError(str(path), "is a directory or special file, expected a JSONL or CSV file")
    return path


def _decoded_lines(stream: Iterable[bytes], bad_lines: set[int]) -> Iterator[str]:
    """Decode line by line, so one bad byte spoils one row, not the rest of the file."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield raw.decode("utf-8", errors="replace")
