"""Read the PolNeAR attribution corpus (brat standoff) into gold relations over article texts.

Layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``; ``metadata.tsv``
lists each article's annotators. Where an article has several annotators we keep the first one listed
in ``metadata.tsv`` that has an ``.ann`` file (the same rule for every split, so train, dev and test
are read alike).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spinscope.errors import DataNotFoundError, FormatError

SPLITS = ("train", "dev", "test")
#: One brat record per match; a T line's text may itself contain newlines.
_RECORD_SPLIT = re.compile(r"\n(?=[TEARN#]\d*\t)")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldRelation:
    """One annotated attribution: content, cue and (optional) source, each a tuple of fragments."""

    content: Fragments
    cue: Fragments
    source: Fragments | None


@dataclass
class GoldArticle:
    """One PolNeAR article with the relations of the annotator we score against."""

    name: str
    text: str
    annotator: str
    publisher: str = ""
    relations: list[GoldRelation] = field(default_factory=list)


def polnear_dir(data_dir: Path) -> Path:
    """The PolNeAR folder under ``data_dir``.

    Raises:
        DataNotFoundError: the folder or its ``metadata.tsv`` is missing.
    """
    root = Path(data_dir) / "polnear"
    if not (root / "metadata.tsv").is_file():
        raise DataNotFoundError(f"PolNeAR not found at {root}: pass --data-dir pointing at the folder holding polnear/")
    return root


def _parse_fragments(offsets: str, source: str) -> Fragments:
    try:
        pairs = [part.split() for part in offsets.split(";")]
        return tuple((int(start), int(end)) for start, end in pairs)
    except ValueError as e:
        raise FormatError(source, f"bad offsets {offsets!r}") from e


def parse_ann(content: str, *, source: str = "ann") -> list[GoldRelation]:
    """The relations (``E`` records) of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for record in _RECORD_SPLIT.split(content.strip("\n")):
        fields = record.split("\t")
        if record.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (kind, _parse_fragments(offsets, source))
        elif record.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append(roles)
    relations = []
    for roles in events:
        if "Content" not in roles or "Cue" not in roles:
            continue
        if roles["Content"] not in spans or roles["Cue"] not in spans:
            raise FormatError(source, f"relation refers to a missing span: {roles}")
        src = roles.get("Source")
        relations.append(
            GoldRelation(
                content=spans[roles["Content"]][1],
                cue=spans[roles["Cue"]][1],
                source=spans[src][1] if src in spans else None,
            )
        )
    return relations


def _annotators(root: Path) -> dict[str, tuple[str, list[str]]]:
    rows: dict[str, tuple[str, list[str]]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows[row["filename"]] = (row["publisher"], row["annotators"].split("|"))
    return rows


def read_polnear(data_dir: Path, split: str, *, all_annotators: bool = False) -> Iterator[GoldArticle]:
    """Yield the articles of a split, sorted by name, each with its first listed annotator's relations.

    With ``all_annotators`` an article is yielded once per annotator with an ``.ann`` file (listed
    order): more training data. Scoring always uses the first annotator.

    Raises:
        DataNotFoundError: PolNeAR or the split is missing.
        FormatError: a malformed ``.ann`` file.
    """
    if split not in SPLITS:
        raise DataNotFoundError(f"PolNeAR has no split {split!r} (choose from {', '.join(SPLITS)})")
    root = polnear_dir(data_dir)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir():
        raise DataNotFoundError(f"PolNeAR split folder {text_dir} is missing")
    metadata = _annotators(root)
    for path in sorted(text_dir.glob("*.txt")):
        name = path.stem
        publisher, annotators = metadata.get(name, ("", []))
        listed = [a for a in annotators if (ann_dir / f"{name}_{a}.ann").is_file()]
        found = listed or sorted(p.stem.rsplit("_", 1)[1] for p in ann_dir.glob(f"{name}_*.ann"))
        if not found:
            continue
        text = path.read_text(encoding="utf-8")
        for annotator in found if all_annotators else found[:1]:
            ann_path = ann_dir / f"{name}_{annotator}.ann"
            yield GoldArticle(
                name=name,
                text=text,
                annotator=annotator,
                publisher=publisher,
                relations=parse_ann(ann_path.read_text(encoding="utf-8"), source=str(ann_path)),
            )
