"""The results folder: numbered parts, each written whole or not at all.

Layout::

    RESULTS_DIR/
      parts/part-000000/articles.parquet
                        spans.parquet
                        attributions.parquet
                        errors.parquet
                        results.jsonl      # each analysed article's whole result dict
                        manifest.json      # the document keys this part holds (and the taxonomy)
      parts/part-000001/...
      .lock                                # held while a batch writes here

A part is built in ``parts/.tmp-part-<n>-<pid>/``, flushed to disk, then renamed to
``parts/part-<n>`` in one step. A run killed at any moment therefore leaves only whole parts
plus, at worst, a temporary folder that the next run deletes. The keys in the manifests of
whole parts are the documents that are done; a rerun skips exactly those, so every document
ends up in exactly one part.

A batch names its findings in one taxonomy (:func:`~spinscope.batch.schema.tables_for`): a part of a
batch named in SemEval-2023 or both says so in its manifest (``"taxonomy"``; none means the default,
``semeval2020``, as in every batch written before), and a store refuses to add parts named otherwise.
Likewise a batch run with ``--model DIR`` records the model directory (``"model"``; none means the shipped
model), and a store refuses to add parts made by another model.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from spinscope.batch.results import write_results
from spinscope.batch.schema import TABLES, TABLES_VERSION, DocumentRows, tables_for, to_tables
from spinscope.errors import DataNotFoundError, FormatError, InputError
from spinscope.settings import SEMEVAL2020, TAXONOMY_CHOICES, check_taxonomy

PARTS_DIR = "parts"
MANIFEST = "manifest.json"
_PART_NAME = re.compile(r"^part-(\d{6,})$")
_TMP_PREFIX = ".tmp-"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def part_dirs(results_dir: Path | str) -> list[Path]:
    """The whole parts of a results folder, in order (temporary folders are not parts)."""
    parts = Path(results_dir) / PARTS_DIR
    if not parts.is_dir():
        return []
    return sorted((p for p in parts.iterdir() if _PART_NAME.match(p.name) and p.is_dir()), key=lambda p: p.name)


def read_manifest(part: Path) -> dict[str, Any]:
    """A part's manifest: ``{"keys": [...], "tables_version": ..., ...}``."""
    try:
        manifest = json.loads((part / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise FormatError(
            str(part / MANIFEST), f"unreadable part manifest ({e}); delete the part folder to redo it"
        ) from e
    if not isinstance(manifest, dict) or not isinstance(manifest.get("keys"), list):
        raise FormatError(str(part / MANIFEST), "part manifest has no 'keys' list; delete the part folder to redo it")
    return manifest


def done_keys(results_dir: Path | str) -> set[str]:
    """The keys of every document held in a whole part."""
    keys: set[str] = set()
    for part in part_dirs(results_dir):
        keys.update(str(k) for k in read_manifest(part)["keys"])
    return keys


def batch_taxonomy(results_dir: Path | str) -> str | None:
    """The taxonomy a results folder's findings are named in (``None`` when it holds no part yet).

    Raises:
        FormatError: a manifest names an unknown taxonomy, or two parts name different ones.
    """
    found: dict[str, Path] = {}
    for part in part_dirs(results_dir):
        name = read_manifest(part).get("taxonomy", SEMEVAL2020)
        if name not in TAXONOMY_CHOICES:
            raise FormatError(
                str(part / MANIFEST), f"unknown taxonomy {name!r}; expected one of {', '.join(TAXONOMY_CHOICES)}"
            )
        found.setdefault(str(name), part)
    if len(found) > 1:
        where = ", ".join(f"{part.name} {name}" for name, part in found.items())
        raise FormatError(str(results_dir), f"its parts are named in different taxonomies ({where})")
    return next(iter(found), None)


def model_record(model_dir: Path | str | None) -> str | None:
    """How a manifest names the technique model of ``--model``: None for the shipped one, else its resolved path."""
    from spinscope.detect.stage import SHIPPED_MODEL_DIR

    if model_dir is None or Path(model_dir).resolve() == SHIPPED_MODEL_DIR.resolve():
        return None
    return str(Path(model_dir).resolve())


def batch_model(results_dir: Path | str) -> str | None:
    """The technique model directory a results folder's parts were made with (:func:`model_record`; None: the
    shipped model, or no part yet).

    Raises:
        FormatError: two parts name different models.
    """
    found = {str(read_manifest(part).get("model")) for part in part_dirs(results_dir)}
    if len(found) > 1:
        raise FormatError(str(results_dir), f"its parts were made by different models ({', '.join(sorted(found))})")
    name = next(iter(found), "None")
    return None if name == "None" else name


def table_files(results_dir: Path | str, table: str) -> list[Path]:
    """The Parquet files of one table, one per whole part.

    Raises:
        DataNotFoundError: the folder holds no batch results.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {sorted(TABLES)}")
    parts = part_dirs(results_dir)
    if not parts:
        raise DataNotFoundError(f"{results_dir}: no batch results here (expected {PARTS_DIR}/part-*/)")
    return [part / f"{table}.parquet" for part in parts]


def read_table(results_dir: Path | str, table: str) -> pa.Table:
    """One whole table of a results folder, all parts concatenated, with its documented schema
    (that of the folder's taxonomy: :func:`~spinscope.batch.schema.tables_for`)."""
    files = table_files(results_dir, table)
    schema = tables_for(batch_taxonomy(results_dir) or SEMEVAL2020)[table]
    return pa.concat_tables([pq.read_table(f, schema=schema) for f in files])


class ResultStore:
    """Writes parts into a results folder, findings named in ``taxonomy``; holds an exclusive lock on it while open."""

    def __init__(
        self, results_dir: Path | str, *, taxonomy: str = SEMEVAL2020, model_dir: Path | str | None = None
    ) -> None:
        self.results_dir = Path(results_dir)
        self.taxonomy = check_taxonomy(taxonomy)
        #: The technique model the parts are made with, as manifests record it (:func:`model_record`).
        self.model = model_record(model_dir)
        self.parts_dir = self.results_dir / PARTS_DIR
        self._lock_file: IO[str] | None = None
        self._next_number = 0

    def open(self) -> ResultStore:
        """Lock the folder, delete leftovers of a killed run, and find the next part number.

        Raises:
            InputError: the path is not a folder, another batch is writing into it, or its parts are named in
                another taxonomy than this store's (resuming must not mix two layouts) or made by another model.
        """
        if self.results_dir.exists() and not self.results_dir.is_dir():
            raise InputError(str(self.results_dir), "results path exists and is not a folder")
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        lock_file = open(self.results_dir / ".lock", "w")  # noqa: SIM115 (held until close())
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            lock_file.close()
            raise InputError(str(self.results_dir), "another batch is writing into this folder; wait for it") from e
        self._lock_file = lock_file
        try:
            self._check_taxonomy()
            self._check_model()
        except Exception:
            self.close()
            raise
        for leftover in self.parts_dir.glob(f"{_TMP_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)
        numbers = [int(m.group(1)) for p in part_dirs(self.results_dir) if (m := _PART_NAME.match(p.name))]
        self._next_number = max(numbers, default=-1) + 1
        return self

    def _check_taxonomy(self) -> None:
        found = batch_taxonomy(self.results_dir)
        if found is not None and found != self.taxonomy:
            raise InputError(
                str(self.results_dir),
                f"holds results named in the {found} taxonomy, not {self.taxonomy}: resume it with --taxonomy "
                f"{found}, or write the {self.taxonomy} results into another folder",
            )

    def _check_model(self) -> None:
        found = batch_model(self.results_dir)
        if part_dirs(self.results_dir) and found != self.model:

            def made_by(model: str | None) -> str:
                return "the shipped model" if model is None else f"the model in {model}"

            resume = "without --model" if found is None else f"with --model {found}"
            raise InputError(
                str(self.results_dir),
                f"holds results made by {made_by(found)}, not by {made_by(self.model)}: resume it {resume}, "
                "or write these results into another folder",
            )

    def close(self) -> None:
        """Release the lock."""
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> ResultStore:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write_part(self, documents: list[DocumentRows]) -> Path:
        """Write the rows of ``documents`` as one new part, atomically; return its folder."""
        if self._lock_file is None:
            raise RuntimeError("ResultStore.write_part called before open()")
        name = f"part-{self._next_number:06d}"
        tmp = self.parts_dir / f"{_TMP_PREFIX}{name}-{os.getpid()}"
        tmp.mkdir()
        for table, data in to_tables(documents, self.taxonomy).items():
            path = tmp / f"{table}.parquet"
            pq.write_table(data, path)
            with open(path, "rb") as f:
                os.fsync(f.fileno())
        write_results(tmp, documents)
        # No "taxonomy" for the default: a part reads exactly as every part written before taxonomies.
        named: dict[str, str] = {} if self.taxonomy == SEMEVAL2020 else {"taxonomy": self.taxonomy}
        if self.model is not None:  # none for the shipped model, as before
            named["model"] = self.model
        manifest = {"tables_version": TABLES_VERSION, **named, "keys": [doc.key for doc in documents]}
        with open(tmp / MANIFEST, "w", encoding="utf-8") as f:
            json.dump(manifest, f)
            f.flush()
            os.fsync(f.fileno())
        _fsync_dir(tmp)
        final = self.parts_dir / name
        os.rename(tmp, final)
        _fsync_dir(self.parts_dir)
        self._next_number += 1
        return final


def iter_part_keys(results_dir: Path | str) -> Iterator[tuple[Path, list[str]]]:
    """Each whole part with the keys its manifest lists (for checks and benchmarks)."""
    for part in part_dirs(results_dir):
        yield part, [str(k) for k in read_manifest(part)["keys"]]
