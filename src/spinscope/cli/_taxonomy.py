"""``spinscope techniques --taxonomy NAME`` for a taxonomy other than the default: groups, definitions, examples."""

from __future__ import annotations

import json
import sys
import textwrap

#: Wrap width of definitions in the text listing (fits an 80-column terminal with the indent).
WRAP_WIDTH = 76
#: What the listing says of a technique spinscope does not report.
NOT_DETECTED = "NOT DETECTED: no English examples in the task's data, spinscope never reports it"


def taxonomy_listing(name: str) -> str:
    """The plain-text listing of one taxonomy, grouped, with the 2020 counterpart of every technique."""
    from spinscope.taxonomy import get_taxonomy, semeval2023_to_semeval2020
    from spinscope.taxonomy.inventory import LEVEL_NONE

    taxonomy = get_taxonomy(name)
    indent = "    "
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
                lines.append(f"{indent}{NOT_DETECTED}")
            for paragraph in (technique.definition, f"Example: {technique.example}"):
                lines += textwrap.wrap(paragraph, WRAP_WIDTH, initial_indent=indent, subsequent_indent=indent)
            if name == "semeval2023":
                counterpart = semeval2023_to_semeval2020(technique.id)
                lines.append(f"{indent}SemEval-2020: {counterpart or 'none'}")
                if technique.detected and technique.level == LEVEL_NONE:
                    lines.append(
                        f"{indent}In the data, but the 2020 model has no class that maps to it: not reported yet"
                    )
            lines.append("")
    return "\n".join(lines) + "\n"


def print_taxonomy(name: str, *, as_json: bool) -> int:
    """Print one taxonomy (text or JSON with the 2020 <-> 2023 mapping); return the exit status."""
    from spinscope.taxonomy import get_taxonomy
    from spinscope.taxonomy.mapping import mapping_dict

    if as_json:
        data = get_taxonomy(name).to_dict() | {"mapping": mapping_dict()}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(taxonomy_listing(name))
    return 0
