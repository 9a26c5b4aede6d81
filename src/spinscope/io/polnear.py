"""Read the PolNeAR attribution corpus (brat standoff) into Articles with gold attribution layers.

Each annotated relation becomes spans in three layers (:data:`GOLD_LAYERS`: content, cue, source
fragments), linked by ``attrs["relation"]``; offset pairs exist only while a file is parsed.

Layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``; ``metadata.tsv``
lists each article's annotators. Where an article has several annotators we keep the first one listed
in ``metadata.tsv`` that has an ``.ann`` file (the same rule for every split, so train, dev and test
are read alike).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from spinscope.errors import DataNotFoundError, FormatError
from spinscope.model import Article, Layer, Span

SPLITS = ("train", "dev", "test")
#: One brat record per match; a T line's text may itself contain newlines.
_RECORD_SPLIT = re.compile(r"\n(?=[TEARN#]\d*\t)")

Fragments = tuple[tuple[int, int], ...]
#: The gold layer of each role of a relation.
GOLD_LAYERS = {"content": Layer.GOLD_ATTRIBUTIONS, "cue": Layer.GOLD_QUOTE_CUES, "source": Layer.GOLD_QUOTE_SOURCES}


def _relation_spans(relation: int, role: str, fragments: Fragments) -> list[Span]:
    return [
        Span(start, end, label=role, attrs={"relation": relation, "fragment": index})
        for index, (start, end) in enumerate(fragments)
    ]


def add_gold_relation(article: Article, *, content: Fragments, cue: Fragments, source: Fragments | None = None) -> int:
    """Add one gold relation (its content, cue and optional source fragments) to ``article``'s gold layers.

    Returns the relation's number (one more than the highest so far).

    Raises:
        SpanError: a fragment ends past the text.
    """
    relation = 1 + max(
        (span.attrs["relation"] for layer in GOLD_LAYERS.values() for span in article.spans(layer)), default=-1
    )
    for role, fragments in (("content", content), ("cue", cue), ("source", source or ())):
        layer = GOLD_LAYERS[role]
        article.set_layer(layer, [*article.spans(layer), *_relation_spans(relation, role, fragments)])
    return relation


def gold_relation_count(article: Article) -> int:
    """How many gold relations ``article``'s gold layers hold."""
    return len({span.attrs["relation"] for layer in GOLD_LAYERS.values() for span in article.spans(layer)})


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


def parse_ann(content: str, *, source: str = "ann") -> dict[str, list[Span]]:
    """The gold attribution layers (:data:`GOLD_LAYERS`) of one brat ``.ann`` file's relations (``E`` records).

    Relations are numbered in file order; one without a content or a cue is skipped.

    Raises:
        FormatError: bad offsets, or a relation refers to a span the file does not define.
    """
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
    layers: dict[str, list[Span]] = {layer: [] for layer in GOLD_LAYERS.values()}
    relation = 0
    for roles in events:
        if "Content" not in roles or "Cue" not in roles:
            continue
        if roles["Content"] not in spans or roles["Cue"] not in spans:
            raise FormatError(source, f"relation refers to a missing span: {roles}")
        src = roles.get("Source")
        parts = {"content": roles["Content"], "cue": roles["Cue"], "source": src if src in spans else None}
        for role, name in parts.items():
            if name is not None:
                layers[GOLD_LAYERS[role]] += _relation_spans(relation, role, spans[name][1])
        relation += 1
    return layers


def _annotators(root: Path) -> dict[str, tuple[str, list[str]]]:
    rows: dict[str, tuple[str, list[str]]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows[row["filename"]] = (row["publisher"], row["annotators"].split("|"))
    return rows


def read_polnear(data_dir: Path, split: str, *, all_annotators: bool = False) -> Iterator[Article]:
    """Yield the articles of a split, sorted by name, each with its first listed annotator's gold layers.

    An article's ``id`` is its file name, ``outlet`` its publisher, ``meta["annotator"]`` whose annotation
    the gold layers hold (:data:`GOLD_LAYERS`). With ``all_annotators`` an article is yielded once per
    annotator with an ``.ann`` file (listed order): more training data. Scoring always uses the first annotator.

    Raises:
        DataNotFoundError: PolNeAR or the split is missing.
        FormatError: a malformed ``.ann`` file.
        SpanError: a fragment ends past its article's text.
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
            article = Article(text, id=name, outlet=publisher or None, meta={"annotator": annotator})
            for layer, spans in parse_ann(ann_path.read_text(encoding="utf-8"), source=str(ann_path)).items():
                article.set_layer(layer, spans)
            yield article
