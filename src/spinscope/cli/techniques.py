"""List the propaganda technique taxonomy: the 14 SemEval-2020 classes with definitions and examples.

Each entry also shows its display colour and the EMNLP-2019 and SemEval-2023 names that map onto it.

With ``--taxonomy semeval2023``: the 23 SemEval-2023 Task 3 persuasion techniques by group, the four
without English examples marked "not detected", and the mapping from the 2020 classes.

examples:
  spinscope techniques
  spinscope techniques --taxonomy semeval2023
  spinscope techniques --json
  spinscope techniques --json | jq '.techniques[].name'
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from spinscope.settings import Settings

COMMAND = "techniques"
HELP = "list the technique taxonomy with definitions"

#: Wrap width of definitions in the text listing (fits an 80-column terminal with the indent).
WRAP_WIDTH = 76


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the taxonomy as JSON")
    _add_taxonomy_argument(parser)


def _add_taxonomy_argument(parser: argparse.ArgumentParser) -> None:
    from spinscope.taxonomy import DEFAULT_TAXONOMY, TAXONOMY_NAMES

    parser.add_argument("--taxonomy", choices=TAXONOMY_NAMES, default=DEFAULT_TAXONOMY, help="which taxonomy to list")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.taxonomy import NAMES_2019, NAMES_2023, TAXONOMY_VERSION, TECHNIQUES, get_taxonomy, taxonomy_dict

    if getattr(args, "taxonomy", "semeval2020") != "semeval2020":
        from spinscope.cli._taxonomy import print_taxonomy

        return print_taxonomy(args.taxonomy, as_json=args.json)
    if args.json:
        sys.stdout.write(json.dumps(taxonomy_dict(), ensure_ascii=False, indent=2) + "\n")
        return 0
    indent = "    "
    groups = {t.id: get_taxonomy().group(t.group).display_name for t in get_taxonomy().techniques}
    lines = [f"SemEval-2020 propaganda techniques (taxonomy version {TAXONOMY_VERSION})", ""]
    for number, technique in enumerate(TECHNIQUES, start=1):
        lines.append(f"{number:2d}. {technique.name}  ({technique.display_name}, colour {technique.color})")
        lines.append(f"{indent}Group: {groups[technique.name]} (the group of its SemEval-2023 counterpart)")
        lines += textwrap.wrap(technique.definition, WRAP_WIDTH, initial_indent=indent, subsequent_indent=indent)
        lines += textwrap.wrap(
            f"Example: {technique.example}", WRAP_WIDTH, initial_indent=indent, subsequent_indent=indent
        )
        if technique.names_2019:
            lines.append(f"{indent}EMNLP-2019: {'; '.join(technique.names_2019)}")
        if technique.names_2023:
            lines.append(f"{indent}SemEval-2023: {'; '.join(technique.names_2023)}")
        lines.append("")
    dropped_2019 = [name for name, mapped in NAMES_2019.items() if mapped is None]
    dropped_2023 = [name for name, mapped in NAMES_2023.items() if mapped is None]
    lines.append(f"No SemEval-2020 class: EMNLP-2019 {'; '.join(dropped_2019)}")
    lines.append(f"                       SemEval-2023 {'; '.join(dropped_2023)}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
