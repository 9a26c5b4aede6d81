"""Taxonomies as objects: one :class:`Taxonomy` per technique inventory spinscope knows by name.

Two are selectable (:data:`TAXONOMY_NAMES`):

- ``semeval2020``: the 14 SemEval-2020 Task 11 classes (``spinscope/data/techniques.json``), the labels
  the shipped model finds as spans; their group is the group of the SemEval-2023 label they map to by
  default (:mod:`spinscope.taxonomy.mapping`);
- ``semeval2023``: the 23 SemEval-2023 Task 3 persuasion techniques in six groups
  (``spinscope/data/semeval2023.json``). 19 occur in the English data; the other four (Questioning the
  Reputation, Appeal to Values, Appeal to Time, Consequential Oversimplification) have no English
  example and are marked ``detected=False``: spinscope never reports them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spinscope.errors import FormatError

#: The taxonomies a user can select, in the order faces list them.
TAXONOMY_NAMES: tuple[str, ...] = ("semeval2020", "semeval2023")
#: Default taxonomy: the one the shipped model predicts.
DEFAULT_TAXONOMY = "semeval2020"

_DATA_2023 = "data/semeval2023.json"

#: ``level`` of a technique spinscope reports as character spans (the shipped model's 2020 classes).
LEVEL_SPAN = "span"
#: ``level`` of a technique spinscope reports per paragraph only (2023 labels through the mapping).
LEVEL_PARAGRAPH = "paragraph"
#: ``level`` of a technique spinscope does not report at all today.
LEVEL_NONE = "none"


@dataclass(frozen=True)
class Group:
    """A family of techniques (the six SemEval-2023 groups)."""

    id: str
    display_name: str
    definition: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"id": self.id, "display_name": self.display_name, "definition": self.definition}


@dataclass(frozen=True)
class TaxonomyTechnique:
    """One technique of a taxonomy, with everything a face needs to show it."""

    #: The exact label as the task's data files spell it, e.g. ``Name_Calling-Labeling``.
    id: str
    display_name: str
    #: :attr:`Group.id` of its group.
    group: str
    #: One paragraph, in spinscope's own words.
    definition: str
    #: A sentence that uses the technique, written for spinscope.
    example: str
    #: Hex background colour, drawn behind dark text.
    color: str
    #: Whether the task's English data has examples of it (``False``: spinscope never reports it).
    detected: bool
    #: Finest level spinscope reports it at today: :data:`LEVEL_SPAN`, :data:`LEVEL_PARAGRAPH` or :data:`LEVEL_NONE`.
    level: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "display_name": self.display_name,
            "group": self.group,
            "definition": self.definition,
            "example": self.example,
            "color": self.color,
            "detected": self.detected,
            "level": self.level,
        }


@dataclass(frozen=True)
class Taxonomy:
    """A named technique inventory: its groups and techniques, in the task's order."""

    name: str
    title: str
    version: str
    groups: tuple[Group, ...]
    techniques: tuple[TaxonomyTechnique, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every technique id, in order."""
        return tuple(t.id for t in self.techniques)

    @property
    def detected_ids(self) -> tuple[str, ...]:
        """The ids of the techniques that occur in the data (``detected``)."""
        return tuple(t.id for t in self.techniques if t.detected)

    def get(self, technique_id: str) -> TaxonomyTechnique:
        """The technique with this exact id (or, failing that, this id or display name in any case).

        Raises:
            FormatError: no technique of this taxonomy has that name.
        """
        folded = technique_id.strip().casefold()
        for technique in self.techniques:
            if technique.id == technique_id:
                return technique
        for technique in self.techniques:
            if folded in (technique.id.casefold(), technique.display_name.casefold()):
                return technique
        raise FormatError(
            repr(technique_id), f"not a {self.name} technique (run `spinscope techniques --taxonomy {self.name}`)"
        )

    def group(self, group_id: str) -> Group:
        """The group with this id.

        Raises:
            FormatError: the taxonomy has no such group.
        """
        for group in self.groups:
            if group.id == group_id:
                return group
        raise FormatError(repr(group_id), f"not a {self.name} group")

    def in_group(self, group_id: str) -> tuple[TaxonomyTechnique, ...]:
        """The techniques of one group, in order."""
        return tuple(t for t in self.techniques if t.group == group_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: name, title, version, groups and techniques."""
        return {
            "name": self.name,
            "title": self.title,
            "version": self.version,
            "groups": [g.to_dict() for g in self.groups],
            "techniques": [t.to_dict() for t in self.techniques],
        }


def _read(path: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("spinscope").joinpath(path).read_text(encoding="utf-8"))
    return data


def _semeval2023() -> Taxonomy:
    from spinscope.taxonomy.mapping import reachable_2023

    raw = _read(_DATA_2023)
    reachable = reachable_2023()
    groups = tuple(Group(g["id"], g["display_name"], g["definition"]) for g in raw["groups"])
    techniques = tuple(
        TaxonomyTechnique(
            id=t["id"],
            display_name=t["display_name"],
            group=t["group"],
            definition=t["definition"],
            example=t["example"],
            color=t["color"],
            detected=bool(t["detected"]),
            level=LEVEL_PARAGRAPH if t["detected"] and t["id"] in reachable else LEVEL_NONE,
        )
        for t in raw["techniques"]
    )
    return Taxonomy(raw["name"], raw["title"], raw["version"], groups, techniques)


def _semeval2020() -> Taxonomy:
    from spinscope.taxonomy import TAXONOMY_VERSION, TECHNIQUES
    from spinscope.taxonomy.mapping import to_semeval2023

    groups_2023 = {t.id: t.group for t in _semeval2023().techniques}
    techniques = tuple(
        TaxonomyTechnique(
            id=t.name,
            display_name=t.display_name,
            group=groups_2023[to_semeval2023(t.name)[0]],
            definition=t.definition,
            example=t.example,
            color=t.color,
            detected=True,
            level=LEVEL_SPAN,
        )
        for t in TECHNIQUES
    )
    used = {t.group for t in techniques}
    groups = tuple(g for g in _semeval2023().groups if g.id in used)
    return Taxonomy("semeval2020", "SemEval-2020 Task 11 propaganda techniques", TAXONOMY_VERSION, groups, techniques)


@cache
def get_taxonomy(name: str = DEFAULT_TAXONOMY) -> Taxonomy:
    """The :class:`Taxonomy` called ``name`` (one of :data:`TAXONOMY_NAMES`).

    Built once per process (``functools.cache``): the taxonomy is read-only package data, a frozen value.

    Raises:
        FormatError: ``name`` is not a known taxonomy.
    """
    if name == "semeval2020":
        return _semeval2020()
    if name == "semeval2023":
        return _semeval2023()
    raise FormatError(repr(name), f"unknown taxonomy; expected one of {', '.join(TAXONOMY_NAMES)}")
