"""The propaganda technique taxonomy: the 14 SemEval-2020 classes and how older/newer inventories map onto them.

The data lives in ``spinscope/data/techniques.json`` (versioned); this module loads it once and
answers lookups. Three inventories are known:

- **SemEval-2020 Task 11** (14 classes): the labels spinscope predicts;
- **EMNLP-2019 PTC** (18 fine-grained names): merged into the 14 by SemEval-2020;
- **SemEval-2023 Task 3** (23 names, 19 of them used in the English data).

A 2019 or 2023 name that has no SemEval-2020 counterpart (e.g. ``Obfuscation,Intentional_Vagueness,Confusion``,
``Appeal_to_Time``) is known but maps to ``None``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spinscope.errors import FormatError

_DATA_FILE = "data/techniques.json"


@dataclass(frozen=True)
class Technique:
    """One SemEval-2020 technique class, with everything a face needs to show it."""

    #: The exact SemEval-2020 label, e.g. ``Name_Calling,Labeling``.
    name: str
    #: A human-readable name, e.g. ``Name calling / labelling``.
    display_name: str
    #: One paragraph, in spinscope's own words.
    definition: str
    #: A short sentence that uses the technique (written for spinscope).
    example: str
    #: Hex background colour, drawn behind dark text (see :data:`TEXT_COLOR`).
    color: str
    #: EMNLP-2019 names that map onto this class.
    names_2019: tuple[str, ...] = ()
    #: SemEval-2023 names that map onto this class.
    names_2023: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "display_name": self.display_name,
            "definition": self.definition,
            "example": self.example,
            "color": self.color,
            "names_2019": list(self.names_2019),
            "names_2023": list(self.names_2023),
        }


@cache
def _raw() -> dict[str, Any]:
    """The package's data file, parsed once per process (read-only package data; callers never change it)."""
    text = resources.files("spinscope").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _build() -> tuple[Technique, ...]:
    raw = _raw()
    to_2020_from_2019 = {entry["name"]: entry["semeval2020"] for entry in raw["emnlp2019"]}
    to_2020_from_2023 = {entry["name"]: entry["semeval2020"] for entry in raw["semeval2023"]}
    techniques = []
    for entry in raw["semeval2020"]:
        name = entry["name"]
        techniques.append(
            Technique(
                name=name,
                display_name=entry["display_name"],
                definition=entry["definition"],
                example=entry["example"],
                color=entry["color"],
                names_2019=tuple(old for old, new in to_2020_from_2019.items() if new == name),
                names_2023=tuple(old for old, new in to_2020_from_2023.items() if new == name),
            )
        )
    return tuple(techniques)


#: Version of ``techniques.json``; bump it whenever names, mappings or definitions change.
TAXONOMY_VERSION: str = _raw()["version"]
#: The 14 SemEval-2020 techniques, in the organisers' (alphabetical) order.
TECHNIQUES: tuple[Technique, ...] = _build()
#: Names of the 14 SemEval-2020 techniques, same order as :data:`TECHNIQUES`.
TECHNIQUE_NAMES: tuple[str, ...] = tuple(t.name for t in TECHNIQUES)
#: The 18 EMNLP-2019 names, each with its SemEval-2020 class (``None``: dropped in 2020).
NAMES_2019: dict[str, str | None] = {e["name"]: e["semeval2020"] for e in _raw()["emnlp2019"]}
#: The 23 SemEval-2023 Task 3 names, each with its SemEval-2020 class (``None``: no counterpart).
NAMES_2023: dict[str, str | None] = {e["name"]: e["semeval2020"] for e in _raw()["semeval2023"]}
#: The 19 SemEval-2023 names that occur in the English data.
NAMES_2023_ENGLISH: tuple[str, ...] = tuple(e["name"] for e in _raw()["semeval2023"] if e["in_english_data"])
#: Dark text colour the technique colours are designed to sit behind.
TEXT_COLOR: str = _raw()["text_color"]

_BY_NAME = {t.name: t for t in TECHNIQUES}


def _unknown(name: str) -> FormatError:
    return FormatError(
        repr(name),
        "unknown technique name; expected a SemEval-2020, EMNLP-2019 or SemEval-2023 label "
        "(run `spinscope techniques` for the list)",
    )


def _resolve(name: str) -> tuple[bool, str | None]:
    """(known?, SemEval-2020 name or None) for an exact or case-insensitive name of any inventory."""
    for candidate in (name, name.strip()):
        if candidate in _BY_NAME:
            return True, candidate
        if candidate in NAMES_2019:
            return True, NAMES_2019[candidate]
        if candidate in NAMES_2023:
            return True, NAMES_2023[candidate]
    folded = name.strip().casefold()
    for technique in TECHNIQUES:
        if folded in (technique.name.casefold(), technique.display_name.casefold()):
            return True, technique.name
    for table in (NAMES_2019, NAMES_2023):
        for old, new in table.items():
            if folded == old.casefold():
                return True, new
    return False, None


def to_semeval2020(name: str) -> str | None:
    """The SemEval-2020 class of a 2020, 2019 or 2023 technique name; ``None`` if it was dropped or has none.

    Raises:
        FormatError: the name belongs to no known inventory.
    """
    known, mapped = _resolve(name)
    if not known:
        raise _unknown(name)
    return mapped


def get_technique(name: str) -> Technique:
    """The :class:`Technique` for a SemEval-2020 name or a 2019/2023 alias (case-insensitive).

    Raises:
        FormatError: the name is unknown, or names a 2019/2023 technique with no SemEval-2020 class.
    """
    known, mapped = _resolve(name)
    if not known:
        raise _unknown(name)
    if mapped is None:
        raise FormatError(repr(name), "this technique has no SemEval-2020 counterpart (it was dropped or added later)")
    return _BY_NAME[mapped]


def taxonomy_dict() -> dict[str, Any]:
    """The whole taxonomy as a JSON-ready dict: version, colours, the 14 techniques and both mappings."""
    raw = _raw()
    return {
        "version": TAXONOMY_VERSION,
        "color_usage": raw["color_usage"],
        "text_color": TEXT_COLOR,
        "techniques": [t.to_dict() for t in TECHNIQUES],
        "emnlp2019_to_semeval2020": dict(NAMES_2019),
        "semeval2023_to_semeval2020": dict(NAMES_2023),
        "semeval2023_english": list(NAMES_2023_ENGLISH),
    }


# The taxonomy objects and the 2020 <-> 2023 mapping (imported last: they read the names above).
from spinscope.taxonomy.inventory import (  # noqa: E402
    DEFAULT_TAXONOMY,
    TAXONOMY_NAMES,
    Group,
    Taxonomy,
    TaxonomyTechnique,
    get_taxonomy,
)
from spinscope.taxonomy.mapping import POLICIES, semeval2023_to_semeval2020, to_semeval2023  # noqa: E402

__all__ = [
    "DEFAULT_TAXONOMY",
    "NAMES_2019",
    "NAMES_2023",
    "NAMES_2023_ENGLISH",
    "POLICIES",
    "TAXONOMY_NAMES",
    "TAXONOMY_VERSION",
    "TECHNIQUES",
    "TECHNIQUE_NAMES",
    "TEXT_COLOR",
    "Group",
    "Taxonomy",
    "TaxonomyTechnique",
    "Technique",
    "get_taxonomy",
    "get_technique",
    "semeval2023_to_semeval2020",
    "taxonomy_dict",
    "to_semeval2020",
    "to_semeval2023",
]
