"""The whole result dicts of a batch: one ``results.jsonl`` per part, so any analysed article can be
rendered (``spinscope analyze`` of the saved result) or compared (``spinscope compare DIR ID1 ID2``) again.

Each line is ``{"id": <article id>, "key": <document key>, "result": <Article.to_dict()>}``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinscope.errors import FormatError, InputNotFoundError

if TYPE_CHECKING:
    from spinscope.batch.schema import DocumentRows

#: File of each part holding the result dicts.
RESULTS_FILE = "results.jsonl"


def write_results(part: Path, documents: Sequence[DocumentRows]) -> Path:
    """Write the result dicts of ``documents`` into ``part/results.jsonl`` (flushed to disk)."""
    path = part / RESULTS_FILE
    with open(path, "w", encoding="utf-8") as f:
        for doc in documents:
            for result in doc.results:
                line = {"id": str(result["article"]["id"]), "key": doc.key, "result": result}
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return path


def iter_results(results_dir: Path | str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(article id, result dict)`` of every analysed article in a results folder, part by part."""
    from spinscope.batch.store import part_dirs

    for part in part_dirs(results_dir):
        path = part / RESULTS_FILE
        if not path.is_file():  # a part written before results were kept
            continue
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                try:
                    entry = json.loads(line)
                except ValueError as e:
                    raise FormatError(f"{path}:{number}", f"is not a JSON line ({e})") from e
                yield str(entry["id"]), entry["result"]


def is_results_dir(path: Path | str) -> bool:
    """True when ``path`` is a batch results folder (it has whole parts)."""
    from spinscope.batch.store import part_dirs

    return Path(path).is_dir() and bool(part_dirs(path))


def read_result(results_dir: Path | str, article_id: str) -> dict[str, Any]:
    """The result dict of one analysed article of a batch.

    Raises:
        InputNotFoundError: no article with that id in the folder's results.
    """
    for found, result in iter_results(results_dir):
        if found == article_id:
            return result
    raise InputNotFoundError(
        f"{results_dir}", f"no analysed article with id {article_id!r} in its results ({RESULTS_FILE} of each part)"
    )
