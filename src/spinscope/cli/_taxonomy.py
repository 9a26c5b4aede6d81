"""``spinscope techniques --taxonomy NAME``: one taxonomy or both, with definitions, examples and the mapping."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023

#: Wrap width of definitions in the text listing (fits an 80-column terminal with the indent).
WRAP_WIDTH = 76
#: What the listing says of a technique spinscope does not report.
NOT_DETECTED = "NOT DETECTED: no English examples in the task's data, spinscope never reports it"
_INDENT = "    "


def semeval2020_listing() -> str:
    """The plain-text listing of the 14 SemEval-2020 classes, with their aliases in the other inventories."""
    from spinscope.taxonomy import NAMES_2019, NAMES_2023, TAXONOMY_VERSION, TECHNIQUES, get_taxonomy

    groups = {t.id: get_taxonomy().group(t.group).display_name for t in get_taxonomy().techniques}
    lines = [f"SemEval-2020 propaganda techniques (taxonomy version {TAXONOMY_VERSION})", ""]
    for number, technique in enumerate(TECHNIQUES, start=1):
        lines.append(f"{number:2d}. {technique.name}  ({technique.display_name}, colour {technique.color})")
        lines.append(f"{_INDENT}Group: {groups[technique.name]} (the group of its SemEval-2023 counterpart)")
        lines += _wrapped(technique.definition)
        lines += _wrapped(f"Example: {technique.example}")
        if technique.names_2019:
            lines.append(f"{_INDENT}EMNLP-2019: {'; '.join(technique.names_2019)}")
        if technique.names_2023:
            lines.append(f"{_INDENT}SemEval-2023: {'; '.join(technique.names_2023)}")
        lines.append("")
    dropped_2019 = [name for name, mapped in NAMES_2019.items() if mapped is None]
    dropped_2023 = [name for name, mapped in NAMES_2023.items() if mapped is None]
    lines.append(f"No SemEval-2020 class: EMNLP-2019 {'; '.join(dropped_2019)}")
    lines.append(f"                       SemEval-2023 {'; '.join(dropped_2023)}")
    return "\n".join(lines) + "\n"


def _wrapped(paragraph: str) -> list[str]:
    return textwrap.wrap(paragraph, WRAP_WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT)


def taxonomy_listing(name: str) -> str:
    """The plain-text listing of one taxonomy, grouped, with the 2020 counterpart of every technique."""
    from spinscope.taxonomy import get_taxonomy, semeval2023_to_semeval2020
    from spinscope.taxonomy.inventory import LEVEL_NONE

    taxonomy = get_taxonomy(name)
    not_detected = [t.display_name for t in taxonomy.techniques if not t.detected]
    lines = [f"{taxonomy.title} (version {taxonomy.version}): {len(taxonomy.techniques)} techniques"]
    if not_detected:
        lines.append(f"Not detected ({len(not_detected)}, no English examples): {'; '.join(not_detected)}")
    lines.append("")
    number = 0
    for group in taxonomy.groups:
        lines.append(f"== {group.display_name} ==")
        lines += textwrap.wrap(group.definition, WRAP_WIDTH)
        lines.append("")
        for technique in taxonomy.in_group(group.id):
            number += 1
            lines.append(f"{number:2d}. {technique.id}  ({technique.display_name}, colour {technique.color})")
            if not technique.detected:
                lines.append(f"{_INDENT}{NOT_DETECTED}")
            for paragraph in (technique.definition, f"Example: {technique.example}"):
                lines += _wrapped(paragraph)
            if name == SEMEVAL2023:
                counterpart = semeval2023_to_semeval2020(technique.id)
                lines.append(f"{_INDENT}SemEval-2020: {counterpart or 'none'}")
                if technique.detected and technique.level == LEVEL_NONE:
                    lines.append(
                        f"{_INDENT}In the data, but the 2020 model has no class that maps to it: not reported yet"
                    )
            lines.append("")
    return "\n".join(lines) + "\n"


def mapping_listing() -> str:
    """The documented 2020 -> 2023 mapping as text: one line per 2020 class, then the 2023 labels without one."""
    from spinscope.taxonomy.mapping import mapping_dict

    mapping = mapping_dict()
    table: dict[str, list[str]] = mapping["semeval2020_to_semeval2023"]
    width = max(len(name) for name in table)
    lines = [f"Mapping SemEval-2020 -> SemEval-2023 (version {mapping['version']}, docs/taxonomy.md)"]
    lines += textwrap.wrap(
        "A class that 2023 split lists every candidate, most frequent first (split); a finding of it is named "
        "by all of them, as the model cannot tell them apart.",
        WRAP_WIDTH,
    )
    lines.append("")
    for name, candidates in table.items():
        split = " (split)" if len(candidates) > 1 else ""
        entry = f"{name.ljust(width)}  -> {', '.join(candidates)}{split}"
        lines += textwrap.wrap(entry, WRAP_WIDTH, subsequent_indent=" " * (width + 5), break_on_hyphens=False)
    lines.append("")
    lines += textwrap.wrap(
        f"No SemEval-2020 class, never reported: {', '.join(mapping['semeval2023_without_semeval2020'])}", WRAP_WIDTH
    )
    return "\n".join(lines) + "\n"


def taxonomy_json(name: str) -> dict[str, Any]:
    """What ``--json`` prints for ``name``: the 2020 taxonomy dict as ever, one taxonomy with the mapping, or both."""
    from spinscope.taxonomy import get_taxonomy, taxonomy_dict
    from spinscope.taxonomy.mapping import mapping_dict

    if name == SEMEVAL2020:
        return taxonomy_dict()
    if name == BOTH:
        return {
            SEMEVAL2020: taxonomy_dict(),
            SEMEVAL2023: get_taxonomy(SEMEVAL2023).to_dict(),
            "mapping": mapping_dict(),
        }
    return get_taxonomy(name).to_dict() | {"mapping": mapping_dict()}


def print_taxonomy(name: str, *, as_json: bool) -> int:
    """Print one taxonomy or both (text, or JSON with the 2020 <-> 2023 mapping); return the exit status."""
    if as_json:
        sys.stdout.write(json.dumps(taxonomy_json(name), ensure_ascii=False, indent=2) + "\n")
    elif name == SEMEVAL2020:
        sys.stdout.write(semeval2020_listing())
    elif name == BOTH:
        sys.stdout.write("\n".join((semeval2020_listing(), taxonomy_listing(SEMEVAL2023), mapping_listing())))
    else:
        sys.stdout.write(taxonomy_listing(name))
    return 0
