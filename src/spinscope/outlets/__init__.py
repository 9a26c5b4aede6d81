"""Outlet profiles: what the open reliability lists and the shipped registry say about a news outlet.

:func:`profile_outlet` takes a name ("Russia-Insider"), a domain or a URL; :func:`build_stage` profiles
each article's outlet (or the domain of its URL) into ``summary["outlet"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spinscope.model import Article
from spinscope.model.annotations import Annotations
from spinscope.outlets.lists import ListIndex, load_lists, normalize_domain, parent_domains
from spinscope.outlets.registry import RegistryEntry, lookup_domain, lookup_name, name_key
from spinscope.settings import Settings


def _looks_like_domain(query: str) -> bool:
    value = query.strip()
    return "//" in value or ("." in value and " " not in value and not value.endswith("."))


def _pick_domain(candidates: tuple[str, ...], registry_entry: RegistryEntry | None) -> str | None:
    """One domain for a name, or None when the name is ambiguous (never a guess)."""
    if registry_entry is not None:
        for domain in registry_entry.domains:
            if domain in candidates:
                return domain
    if len(candidates) == 1:
        return candidates[0]
    dot_com = [d for d in candidates if d.endswith(".com")]
    return dot_com[0] if len(dot_com) == 1 else None


def profile_outlet(name_or_url: str, *, data_dir: Path, lists: ListIndex | None = None) -> dict[str, Any]:
    """The profile of an outlet from every reliability list that knows it, side by side.

    ``lists`` is the lists of ``data_dir`` already read (:func:`load_lists`); without it they are read now.

    1. a URL or domain is reduced to its host (``www.`` dropped) and looked up, then its parent domains;
    2. a name is compared (case, spaces and punctuation ignored) with domain stems, list names and the
       registry's aliases; a name that fits several outlets is left unknown rather than guessed;
    3. the shipped registry adds kind, country and ownership for wire services and state media.

    Lists that disagree are all shown; nothing is averaged. Missing list files are reported in
    ``note`` and the registry entry alone is returned.
    """
    query = name_or_url.strip()
    index = lists if lists is not None else load_lists(Path(data_dir).resolve())
    domain: str | None = None
    entry: RegistryEntry | None = None
    if _looks_like_domain(query):
        host = normalize_domain(query)
        domain = next((d for d in parent_domains(host) if d in index.ratings), None)
        entry = lookup_domain(host)
        if domain is None and entry is not None:
            domain = host
    elif query:
        entry = lookup_name(query)
        candidates = index.stems.get(name_key(query.removeprefix("The ")), ())
        if not candidates and entry is not None:
            candidates = tuple(d for d in entry.domains if d in index.ratings)
        domain = _pick_domain(candidates, entry)
        if domain is None and entry is not None and entry.domains:
            domain = entry.domains[0]
        if entry is None and domain is not None:
            entry = lookup_domain(domain)
    ratings = list(index.ratings.get(domain, [])) if domain else []
    name = entry.name if entry is not None else (index.names.get(domain) if domain else None)
    if name is None and ratings and not _looks_like_domain(query):
        name = query
    profile: dict[str, Any] = {
        "query": query,
        "name": name,
        "domain": domain,
        "known": bool(ratings) or entry is not None,
        "ratings": ratings,
        "registry": None if entry is None else entry.to_dict(),
    }
    if not index.found:
        profile["note"] = f"no reliability lists found under {data_dir}: registry entry only"
    elif not profile["known"]:
        profile["note"] = "no reliability list or registry entry matches it"
    return profile


class OutletStage:
    """Pipeline stage: the article's outlet profile in ``summary["outlet"]`` (reads the lists once, on first use)."""

    name = "outlets"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lists: ListIndex | None = None

    @property
    def lists(self) -> ListIndex:
        """The reliability lists of :attr:`data_dir`, read once for this stage."""
        if self._lists is None:
            self._lists = load_lists(Path(self.data_dir).resolve())
        return self._lists

    def predict(self, article: Article) -> Annotations:
        query = article.outlet or (normalize_domain(article.url) if article.url else "")
        if not query:
            return Annotations(summary={"outlet": None})
        return Annotations(summary={"outlet": profile_outlet(query, data_dir=self.data_dir, lists=self.lists)})


def build_stage(settings: Settings) -> OutletStage:
    """Load the outlet stage; the stage reads the lists on first use and keeps them."""
    return OutletStage(settings.data_dir)


__all__ = ["OutletStage", "build_stage", "profile_outlet"]
