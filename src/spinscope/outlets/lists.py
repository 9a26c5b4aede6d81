"""The open outlet-reliability lists (Baly et al., Idiap) indexed by domain.

The files themselves are read by :mod:`spinscope.io.outlet_lists`; whoever needs the index keeps it
(the outlet stage reads it once, on first use).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from spinscope.io.outlet_lists import read_outlet_lists
from spinscope.outlets.registry import name_key


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

    @cached_property
    def stems(self) -> dict[str, tuple[str, ...]]:
        """Name keys -> domains: the domain's first label ("russia-insider.com" -> "russiainsider") and list names."""
        stems: dict[str, set[str]] = {}
        for domain in self.ratings:
            stems.setdefault(name_key(domain.split(".")[0]), set()).add(domain)
        for domain, name in self.names.items():
            stems.setdefault(name_key(name), set()).add(domain)
        return {key: tuple(sorted(domains)) for key, domains in stems.items() if key}


def load_lists(data_dir: Path) -> ListIndex:
    """Every list found under ``data_dir``, indexed by domain (read at each call: the caller keeps it)."""
    rows = read_outlet_lists(data_dir)
    index = ListIndex(found=rows.found, missing=rows.missing)
    for domain, rating in rows.ratings:
        index.add(domain, rating)
    for domain, name in rows.names:
        index.names.setdefault(normalize_domain(domain), name)
    return index
