"""The mapping between the SemEval-2020 and SemEval-2023 taxonomies (``data/mapping-semeval2020-semeval2023.json``).

2023 -> 2020 is many-to-one: every 2023 label either has one 2020 class or none (Obfuscation and the
four labels without English examples). 2020 -> 2023 is one-to-many where 2023 split a 2020 class:
``Bandwagon,Reductio_ad_hitlerum`` became Guilt by Association and Appeal to Popularity, and
``Whataboutism,Straw_Men,Red_Herring`` became Red Herring, Appeal to Hypocrisy, Whataboutism and Straw
Man. A 2020 finding then maps by one of two policies (:data:`POLICIES`):

- ``most_frequent`` (default): the one candidate with the most 2023 train spans over the 371
  SemEval-2020 train articles (never the 75 SemEval-2020 dev articles, never 2023 dev);
- ``all``: every candidate.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from spinscope.errors import FormatError

_DATA_FILE = "data/mapping-semeval2020-semeval2023.json"

#: How a 2020 class with several 2023 candidates maps; the first is the default.
POLICIES: tuple[str, ...] = ("most_frequent", "all")
DEFAULT_POLICY = "most_frequent"
#: Joins the candidates of one finding's 2023 reading into one name (``Guilt_by_Association|Appeal_to_Popularity``).
CANDIDATE_JOINER = "|"


@cache
def _raw() -> dict[str, Any]:
    """The package's data file, parsed once per process (read-only package data; callers never change it)."""
    text = resources.files("spinscope").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def candidates_2023(name_2020: str) -> tuple[str, ...]:
    """Every SemEval-2023 label a SemEval-2020 class covers, most frequent first.

    Raises:
        FormatError: ``name_2020`` is not an exact SemEval-2020 label.
    """
    table = _raw()["semeval2020_to_semeval2023"]
    if name_2020 not in table:
        raise FormatError(repr(name_2020), "not a SemEval-2020 technique label (run `spinscope techniques`)")
    entry = table[name_2020]
    first = entry["most_frequent"]
    return (first, *(c for c in entry["candidates"] if c != first))


def to_semeval2023(name_2020: str, policy: str = DEFAULT_POLICY) -> tuple[str, ...]:
    """The SemEval-2023 label(s) a SemEval-2020 finding maps to under ``policy`` (see :data:`POLICIES`).

    Raises:
        FormatError: the label or the policy is unknown.
    """
    found = candidates_2023(name_2020)
    if policy == "most_frequent":
        return found[:1]
    if policy == "all":
        return found
    raise FormatError(repr(policy), f"unknown mapping policy; expected one of {', '.join(POLICIES)}")


def semeval2023_reading(label: str) -> list[str] | None:
    """What a finding labelled ``label`` reads as in SemEval-2023: every candidate (most frequent first).

    The attrs entry ``semeval2023`` of every technique span. A SemEval-2023 label reads as itself;
    ``None`` for a label of neither taxonomy (a custom model's). A 2020 class that 2023 split is never
    narrowed to one candidate: the 2020 model cannot tell them apart.
    """
    table = _raw()["semeval2020_to_semeval2023"]
    if label in table:
        return list(candidates_2023(label))
    if label in _labels_2023():
        return [label]
    return None


@cache
def _labels_2023() -> frozenset[str]:
    raw = _raw()
    found = {c for entry in raw["semeval2020_to_semeval2023"].values() for c in entry["candidates"]}
    return frozenset(found | set(raw["semeval2023_without_semeval2020"]))


def reading_2023(label: str, attrs: Mapping[str, Any]) -> tuple[str, ...]:
    """The SemEval-2023 candidates of a finding: its ``semeval2023`` attrs entry, else its label's mapping."""
    stored = attrs.get("semeval2023")
    if isinstance(stored, Sequence) and not isinstance(stored, str) and stored:
        return tuple(str(name) for name in stored)
    return tuple(semeval2023_reading(label) or ())


def label_2023(label: str, attrs: Mapping[str, Any]) -> str:
    """The label a 2023 face keys a finding by: its joined candidates, else the label as it is."""
    candidates = reading_2023(label, attrs)
    return CANDIDATE_JOINER.join(candidates) if candidates else label


def semeval2023_to_semeval2020(name_2023: str) -> str | None:
    """The SemEval-2020 class of an exact SemEval-2023 label; ``None`` when it has none.

    Raises:
        FormatError: ``name_2023`` is not a SemEval-2023 label.
    """
    for name_2020, entry in _raw()["semeval2020_to_semeval2023"].items():
        if name_2023 in entry["candidates"]:
            return str(name_2020)
    if name_2023 in _raw()["semeval2023_without_semeval2020"]:
        return None
    raise FormatError(
        repr(name_2023), "not a SemEval-2023 technique label (run `spinscope techniques --taxonomy semeval2023`)"
    )


def reachable_2023() -> frozenset[str]:
    """The SemEval-2023 labels some SemEval-2020 class maps to (under the ``all`` policy)."""
    return frozenset(c for entry in _raw()["semeval2020_to_semeval2023"].values() for c in entry["candidates"])


def mapping_dict() -> dict[str, Any]:
    """The mapping as JSON: 2020 -> 2023 candidates (most frequent first); 2023 labels with no 2020 class."""
    raw = _raw()
    return {
        "version": raw["version"],
        "note": raw["note"],
        "semeval2020_to_semeval2023": {name: list(candidates_2023(name)) for name in raw["semeval2020_to_semeval2023"]},
        "semeval2023_without_semeval2020": list(raw["semeval2023_without_semeval2020"]),
    }
