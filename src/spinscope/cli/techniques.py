"""List the propaganda technique taxonomy: the 14 SemEval-2020 classes with definitions and examples.

Each entry also shows its display colour and the EMNLP-2019 and SemEval-2023 names that map onto it.

With ``--taxonomy semeval2023``: the 23 SemEval-2023 Task 3 persuasion techniques by group, the four
without English examples marked "not detected", and the mapping from the 2020 classes. With
``--taxonomy both``: the two listings, then the documented mapping between them (``--json``: both
taxonomies and the mapping in one object).

examples:
  spinscope techniques
  spinscope techniques --taxonomy semeval2023
  spinscope techniques --taxonomy both
  spinscope techniques --json
  spinscope techniques --json | jq '.techniques[].name'
"""

from __future__ import annotations

import argparse

from spinscope.cli import add_taxonomy_argument
from spinscope.settings import SEMEVAL2020, Settings

COMMAND = "techniques"
HELP = "list the technique taxonomy with definitions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the taxonomy as JSON")
    add_taxonomy_argument(
        parser,
        help="which taxonomy to list: SemEval-2020 (default, the model's labels), SemEval-2023 (by group, with "
        "the mapping) or both with the mapping between them",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.cli._taxonomy import print_taxonomy

    return print_taxonomy(args.taxonomy or SEMEVAL2020, as_json=args.json)
