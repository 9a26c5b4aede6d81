"""Read the open outlet-reliability lists (Baly et al., Idiap): their CSV, TSV and JSON files, as rows.

:func:`read_outlet_lists` returns every rating of every list file found under the data folder, in
file order, with the domain as the file spells it; indexing by domain is the outlets layer's job
(:mod:`spinscope.outlets.lists`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BALY_DIR = "news-media-reliability-baly"
IDIAP_DIR = "news-media-reliability-idiap"
#: Idiap's integer labels (golden truth and Wikipedia perennial sources), in words.
RELIABILITY_WORDS = {1: "reliable", 0: "mixed", -1: "unreliable", -2: "deprecated"}


@dataclass
class ListRows:
    """What the list files hold: ``(domain, rating)`` and ``(domain, outlet name)`` rows, and which files were read."""

    ratings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def rating(
    list_name: str,
    *,
    factuality: str | None = None,
    bias: str | None = None,
    country: str | None = None,
    reliability: str | float | None = None,
) -> dict[str, Any]:
    """One list's verdict on an outlet; empty fields become None."""
    return {
        "list": list_name,
        "factuality": factuality or None,
        "bias": bias or None,
        "country": country or None,
        "reliability": reliability if reliability not in ("", None) else None,
    }


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _reliability_word(value: str) -> str | None:
    try:
        return RELIABILITY_WORDS.get(int(float(value)))
    except ValueError:
        return None


def _read_baly(root: Path, rows: ListRows) -> None:
    for edition in ("emnlp18", "acl2020"):
        path = root / BALY_DIR / edition / "corpus.tsv"
        if not path.is_file():
            rows.missing.append(str(path))
            continue
        rows.found.append(str(path))
        for row in _rows(path, "\t"):
            rows.ratings.append(
                (row["source_url"], rating(f"baly-{edition} (MBFC)", factuality=row["fact"], bias=row["bias"]))
            )


def _read_idiap(root: Path, rows: ListRows) -> None:
    base = root / IDIAP_DIR / "golden_truth"
    converters: dict[Path, Callable[[dict[str, str]], tuple[str, dict[str, Any]]]] = {
        base / "mbfc" / "mbfc.csv": lambda row: (
            row["source"],
            rating(
                "idiap-mbfc",
                factuality=row["factual_reporting"],
                bias=row["bias"],
                country=row["country"],
                reliability=row["mbfc_credibility_rating"],
            ),
        ),
        base / "golden_truth_dataset.csv": lambda row: (
            row["domain"],
            rating(
                f"idiap-golden-truth ({row['label_source']})", reliability=_reliability_word(row["reliability_label"])
            ),
        ),
        base / "nela-gt" / "newsguard.csv": lambda row: (
            row["domain"],
            rating("newsguard (via idiap)", reliability=float(row["reliability_score"])),
        ),
    }
    for path, convert in converters.items():
        if not path.is_file():
            rows.missing.append(str(path))
            continue
        rows.found.append(str(path))
        seen: set[str] = set()
        for row in _rows(path):
            domain, verdict = convert(row)
            if domain not in seen:  # mbfc.csv repeats some domains; keep the first row
                seen.add(domain)
                rows.ratings.append((domain, verdict))
    nela = base / "nela-gt" / "labels_nela_gt_domain_2018.csv"
    if nela.is_file():
        rows.names.extend((row["domain"], row["Source"]) for row in _rows(nela))
    wikipedia = base / "wikipedia_perennial_sources" / "wikipedia_perennial_sources.json"
    if wikipedia.is_file():
        rows.found.append(str(wikipedia))
        for domain, label in json.loads(wikipedia.read_text(encoding="utf-8")).items():
            rows.ratings.append(
                (domain, rating("wikipedia-perennial (via idiap)", reliability=RELIABILITY_WORDS.get(int(label))))
            )
    else:
        rows.missing.append(str(wikipedia))
    estimates = root / IDIAP_DIR / "reliability_scores.json"
    if estimates.is_file():
        rows.found.append(str(estimates))
        for domain, scores in json.loads(estimates.read_text(encoding="utf-8")).items():
            score = scores.get("p+fp-average")
            if score is not None:
                rows.ratings.append(
                    (domain, rating("idiap-estimate (model, not gold)", reliability=round(float(score), 3)))
                )
    else:
        rows.missing.append(str(estimates))


def read_outlet_lists(data_dir: Path) -> ListRows:
    """Every rating of the Baly and Idiap list files under ``data_dir`` (missing files are listed, not errors)."""
    rows = ListRows()
    _read_baly(data_dir, rows)
    _read_idiap(data_dir, rows)
    return rows
