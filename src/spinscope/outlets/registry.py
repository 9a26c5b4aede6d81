"""The shipped registry of wire services, state media and platforms (``registry.json``), and lookups in it.

The registry is package data that never changes while a process runs, so it, the lookup tables and
the mention pattern built from it are each made once per process (``functools.cache``): pure
read-only tables, no model and no state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class RegistryEntry:
    """One outlet of the registry."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    ownership: str | None
    domains: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "country": self.country,
            "ownership": self.ownership,
            "domains": list(self.domains),
        }


@cache
def registry() -> tuple[RegistryEntry, ...]:
    """Every registry entry, loaded once per process."""
    raw = json.loads(resources.files("spinscope.outlets").joinpath("registry.json").read_text(encoding="utf-8"))
    return tuple(
        RegistryEntry(
            name=item["name"],
            aliases=tuple(item.get("aliases", ())),
            kind=item["kind"],
            country=item.get("country"),
            ownership=item.get("ownership"),
            domains=tuple(item.get("domains", ())),
        )
        for item in raw["outlets"]
    )


def name_key(name: str) -> str:
    """A comparison key for outlet names: lower case, letters and digits only ("Russia-Insider" -> "russiainsider")."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@cache
def _by_key() -> dict[str, RegistryEntry]:
    """Name key -> entry, for every name and alias (a read-only table, made once per process)."""
    table: dict[str, RegistryEntry] = {}
    for entry in registry():
        for alias in (entry.name, *entry.aliases):
            table.setdefault(name_key(alias), entry)
    return table


@cache
def _by_domain() -> dict[str, RegistryEntry]:
    """Domain -> entry (a read-only table, made once per process)."""
    return {domain: entry for entry in registry() for domain in entry.domains}


def lookup_name(name: str) -> RegistryEntry | None:
    """The entry whose name or alias equals ``name`` (ignoring case and punctuation)."""
    key = name_key(name.removeprefix("the ").removeprefix("The "))
    return _by_key().get(key) if key else None


def lookup_domain(domain: str) -> RegistryEntry | None:
    """The entry for a domain or any of its parent domains (``news.bbc.co.uk`` -> BBC)."""
    parts = domain.lower().strip(".").split(".")
    table = _by_domain()
    for i in range(len(parts) - 1):
        entry = table.get(".".join(parts[i:]))
        if entry is not None:
            return entry
    return None


@cache
def mention_pattern() -> re.Pattern[str]:
    """A regex matching any registry alias as a whole word, case-sensitively, longest first (compiled once)."""
    aliases = sorted({alias for entry in registry() for alias in (entry.name, *entry.aliases)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")
