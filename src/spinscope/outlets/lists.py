"""The open outlet-reliability lists (Baly et al., Idiap), read at run time and indexed by domain once per process."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from spinscope.outlets.registry import name_key

BALY_DIR = "news-media-reliability-baly"
IDIAP_DIR = "news-media-reliability-idiap"
#: Idiap's integer labels (golden truth and Wikipedia perennial sources), in words.
_RELIABILITY_WORDS = {1: "reliable", 0: "mixed", -1: "unreliable", -2: "deprecated"}


def normalize_domain(value: str) -> str:
    """A bare lower-case host: scheme, ``www.``, port, path and trailing dot removed."""
    value = value.strip().lower()
    host = urlsplit(value).hostname if "//" in value else value.split("/")[0].split(":")[0]
    host = (host or "").strip(".")
    return host.removeprefix("www.")


def parent_domains(domain: str) -> Iterator[str]:
    """``a.b.example.com`` -> ``a.b.example.com``, ``b.example.com``, ``example.com``."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        yield ".".join(parts[i:])


@dataclass
class ListIndex:
    """Ratings by domain, outlet names by domain, and which list files were found."""

    ratings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add(self, domain: str, rating: dict[str, Any]) -> None:
        domain = normalize_domain(domain)
        if domain:
            self.ratings.setdefault(domain, []).append(rating)


def _rating(
    list_name: str,
    *,
    factuality: str | None = None,
    bias: str | None = None,
    country: str | None = None,
    reliability: str | float | None = None,
) -> dict[str, Any]:
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
        return _RELIABILITY_WORDS.get(int(float(value)))
    except ValueError:
        return None


def _load_baly(root: Path, index: ListIndex) -> None:
    for edition in ("emnlp18", "acl2020"):
        path = root / BALY_DIR / edition / "corpus.tsv"
        if not path.is_file():
            index.missing.append(str(path))
            continue
        index.found.append(str(path))
        for row in _rows(path, "\t"):
            index.add(row["source_url"], _rating(f"baly-{edition} (MBFC)", factuality=row["fact"], bias=row["bias"]))


def _load_idiap(root: Path, index: ListIndex) -> None:
    base = root / IDIAP_DIR / "golden_truth"
    loaders = {
        base / "mbfc" / "mbfc.csv": lambda row: (
            row["source"],
            _rating(
                "idiap-mbfc",
                factuality=row["factual_reporting"],
                bias=row["bias"],
                country=row["country"],
                reliability=row["mbfc_credibility_rating"],
            ),
        ),
        base / "golden_truth_dataset.csv": lambda row: (
            row["domain"],
            _rating(
                f"idiap-golden-truth ({row['label_source']})", reliability=_reliability_word(row["reliability_label"])
            ),
        ),
        base / "nela-gt" / "newsguard.csv": lambda row: (
            row["domain"],
            _rating("newsguard (via idiap)", reliability=float(row["reliability_score"])),
        ),
    }
    for path, convert in loaders.items():
        if not path.is_file():
            index.missing.append(str(path))
            continue
        index.found.append(str(path))
        seen: set[str] = set()
        for row in _rows(path):
            domain, rating = convert(row)
            if domain not in seen:  # mbfc.csv repeats some domains; keep the first row
                seen.add(domain)
                index.add(domain, rating)
    nela = base / "nela-gt" / "labels_nela_gt_domain_2018.csv"
    if nela.is_file():
        for row in _rows(nela):
            index.names.setdefault(normalize_domain(row["domain"]), row["Source"])
    wikipedia = base / "wikipedia_perennial_sources" / "wikipedia_perennial_sources.json"
    if wikipedia.is_file():
        index.found.append(str(wikipedia))
        for domain, label in json.loads(wikipedia.read_text(encoding="utf-8")).items():
            index.add(
                domain, _rating("wikipedia-perennial (via idiap)", reliability=_RELIABILITY_WORDS.get(int(label)))
            )
    else:
        index.missing.append(str(wikipedia))
    estimates = root / IDIAP_DIR / "reliability_scores.json"
    if estimates.is_file():
        index.found.append(str(estimates))
        for domain, scores in json.loads(estimates.read_text(encoding="utf-8")).items():
            score = scores.get("p+fp-average")
            if score is not None:
                index.add(domain, _rating("idiap-estimate (model, not gold)", reliability=round(float(score), 3)))
    else:
        index.missing.append(str(estimates))


@cache
def load_lists(data_dir: Path) -> ListIndex:
    """Every list found under ``data_dir``, indexed by domain; loaded once per process and folder."""
    index = ListIndex()
    _load_baly(data_dir, index)
    _load_idiap(data_dir, index)
    return index


@cache
def stem_index(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """Name keys -> domains: the domain's first label ("russia-insider.com" -> "russiainsider") and list names."""
    index = load_lists(data_dir)
    stems: dict[str, set[str]] = {}
    for domain in index.ratings:
        stems.setdefault(name_key(domain.split(".")[0]), set()).add(domain)
    for domain, name in index.names.items():
        stems.setdefault(name_key(name), set()).add(domain)
    return {key: tuple(sorted(domains)) for key, domains in stems.items() if key}
