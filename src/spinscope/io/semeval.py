"""SemEval row files: SemEval-2023 Task 3 paragraph labels (read and write) and SemEval-2020 submissions (write).

Row tuples exist only at this file boundary: :data:`spinscope.io.ptc.LabelRow` ``(article_id, technique,
start, end)`` for span files (read by :func:`spinscope.io.ptc.read_label_rows`) and :data:`ParagraphRow`
for paragraph files, made from an article's ``paragraph_techniques`` layer by :func:`paragraph_rows`. The
scorers of :mod:`spinscope.evaluate.semeval` take them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from spinscope.errors import FormatError, InputNotFoundError
from spinscope.io.ptc import LabelRow, read_utf8
from spinscope.model import Article, Layer

#: A SemEval-2023 subtask-3 row: (article id, paragraph line number from 1, techniques in that paragraph).
ParagraphRow = tuple[str, int, frozenset[str]]


def read_paragraph_labels(path: Path | str) -> list[ParagraphRow]:
    """Read SemEval-2023 ``*-labels-subtask-3.txt`` rows (``id<TAB>line<TAB>tech1,tech2``); a file or a folder.

    An empty or missing third column means no technique. A folder is read file by file, sorted by name.

    Raises:
        InputNotFoundError: the path does not exist.
        FormatError: a line has the wrong number of fields or a non-integer line number.
    """
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(str(path), "no such paragraph labels file or folder")
    files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")) if path.is_dir() else [path]
    rows: list[ParagraphRow] = []
    for file in files:
        for number, line in enumerate(read_utf8(file).splitlines(), start=1):
            if not line.strip():
                continue
            fields = line.rstrip().split("\t")
            if len(fields) not in (2, 3):
                raise FormatError(str(file), f"line {number}: expected 2 or 3 tab-separated fields, got {len(fields)}")
            try:
                paragraph = int(fields[1])
            except ValueError as e:
                raise FormatError(str(file), f"line {number}: paragraph number {fields[1]!r} is not an integer") from e
            found = frozenset(t.strip() for t in fields[2].split(",") if t.strip()) if len(fields) == 3 else frozenset()
            rows.append((fields[0].strip(), paragraph, found))
    return rows


def write_labels(rows: Iterable[LabelRow], path: Path | str, *, task: Literal["si", "tc"]) -> int:
    """Write rows as a SemEval-2020 submission file, in the given order; return how many were written.

    ``task="si"`` writes ``id<TAB>start<TAB>end``; ``task="tc"`` writes ``id<TAB>technique<TAB>start<TAB>end``
    (an empty technique is written as ``?``, as in the official templates).

    Raises:
        FormatError: ``task`` is not ``si`` or ``tc``.
    """
    if task not in ("si", "tc"):
        raise FormatError(str(path), f"unknown task {task!r}; expected 'si' or 'tc'")
    lines = []
    for article_id, technique, start, end in rows:
        if task == "si":
            lines.append(f"{article_id}\t{start}\t{end}\n")
        else:
            lines.append(f"{article_id}\t{technique or '?'}\t{start}\t{end}\n")
    Path(path).write_text("".join(lines), encoding="utf-8")
    return len(lines)


def paragraph_rows(articles: Iterable[Article], layer: str = Layer.PARAGRAPH_TECHNIQUES) -> list[ParagraphRow]:
    """The subtask-3 rows of ``articles``' paragraph layer (``attrs`` ``line`` and ``techniques``), in article
    then line order."""
    return [
        (article.id, int(span.attrs["line"]), frozenset(span.attrs["techniques"]))
        for article in articles
        for span in article.spans(layer)
    ]


def write_paragraph_labels(rows: Iterable[ParagraphRow], path: Path | str) -> int:
    """Write SemEval-2023 subtask-3 rows (``id<TAB>line<TAB>tech1,tech2``, techniques sorted); return the count."""
    lines = [f"{article_id}\t{line}\t{','.join(sorted(found))}\n" for article_id, line, found in rows]
    Path(path).write_text("".join(lines), encoding="utf-8")
    return len(lines)
