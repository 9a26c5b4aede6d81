"""How the faces name a technique finding in the taxonomy a user asked for (:attr:`Settings.taxonomy`).

The shipped model predicts SemEval-2020 classes. Asked for SemEval-2023, a face shows the same
findings named through the documented mapping (``attrs["semeval2023"]`` of every span, else
:func:`~spinscope.taxonomy.mapping.semeval2023_reading` of its label): a 2020 class that 2023 split
is shown as "one of: A, B", every candidate, because the model cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinscope.errors import SpinscopeError
from spinscope.settings import SEMEVAL2020, SEMEVAL2023
from spinscope.taxonomy.mapping import CANDIDATE_JOINER, label_2023, reading_2023

__all__ = ["Naming", "both_name", "label_2023", "label_name_2023", "naming_2023", "reading_2023", "taxonomy_note"]


@dataclass(frozen=True)
class Naming:
    """A technique label as a face shows it in one taxonomy."""

    number: int
    display_name: str
    color: str
    definition: str
    #: The display name of its group(s) (``""`` when the taxonomy has none for it).
    group: str


def naming_2023(key: str) -> Naming | None:
    """How a 2023 face shows :func:`label_2023`'s key; ``None`` when SemEval-2023 has no such technique.

    Several candidates: "one of: A, B", coloured and numbered as the first (most frequent) one.
    """
    from spinscope.taxonomy import get_taxonomy

    taxonomy = get_taxonomy("semeval2023")
    try:
        found = [taxonomy.get(name) for name in key.split(CANDIDATE_JOINER)]
    except SpinscopeError:
        return None
    names = [t.display_name for t in found]
    groups = list(dict.fromkeys(taxonomy.group(t.group).display_name for t in found))
    if len(found) == 1:
        display, definition = names[0], found[0].definition
    else:
        display = "one of: " + ", ".join(names)
        definition = " ".join(f"{t.display_name}: {t.definition}" for t in found)
    return Naming(taxonomy.ids.index(found[0].id) + 1, display, found[0].color, definition, " or ".join(groups))


def label_name_2023(label: str) -> str:
    """The display name of one SemEval-2023 label (a paragraph label); an unknown one spelt out from its id."""
    from spinscope.taxonomy import get_taxonomy

    try:
        return get_taxonomy("semeval2023").get(label).display_name
    except SpinscopeError:
        return label.replace("_", " ").replace("-", " / ")


def both_name(name_2020: str, label: str, attrs: Mapping[str, Any]) -> tuple[str, str]:
    """(display name, group) of a finding shown under both taxonomies: "2020 name (2023: ...)"."""
    found = naming_2023(label_2023(label, attrs))
    if found is None:
        return name_2020, ""
    return f"{name_2020} (2023: {found.display_name})", found.group


def taxonomy_note(taxonomy: str) -> str:
    """What a face says under findings named in SemEval-2023 (``""`` for the default taxonomy)."""
    if taxonomy == SEMEVAL2020:
        return ""
    from spinscope.taxonomy import get_taxonomy
    from spinscope.taxonomy.mapping import reachable_2023

    techniques = get_taxonomy("semeval2023").techniques
    unmapped = [t.display_name for t in techniques if t.detected and t.id not in reachable_2023()]
    no_data = [t.display_name for t in techniques if not t.detected]
    if taxonomy == SEMEVAL2023:
        opening = (
            "Findings of the SemEval-2020 model, named in the SemEval-2023 taxonomy through the documented mapping "
        )
    else:
        opening = (
            'Findings of the SemEval-2020 model; their SemEval-2023 names ("2023: ...") come from the documented '
            "mapping "
        )
    return (
        opening + '(docs/taxonomy.md). Where 2023 split a 2020 class, every candidate is named ("one of: ..."): the '
        f"model cannot tell them apart. Never found: {', '.join(unmapped)} (no SemEval-2020 counterpart); "
        f"{', '.join(no_data)} (no English training data)."
    )
