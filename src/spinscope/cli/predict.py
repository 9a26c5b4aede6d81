"""Write SemEval-2020 Task 11 submission files for a folder of article<ID>.txt files.

SI lists the propaganda spans found (``id start end``). TC labels spans (``id technique start
end``): exactly the spans of ``--template`` when given (a span listed k times gets the k most
probable techniques); without a template it writes the technique findings (the (span, technique)
pairs ``analyze`` reports; ``--min-score`` keeps only those scoring at least that), to be scored
with ``spinscope evaluate --task spans``.

examples:
  spinscope predict --task si --articles ../shared/data/semeval2020-task11-ptc-v2/dev-articles -o dev-si.txt
  spinscope predict --task tc --articles ../shared/data/semeval2020-task11-ptc-v2/test-articles \\
      --template ../shared/data/semeval2020-task11-ptc-v2/test-task-TC-template.out -o test-tc.txt
  spinscope predict --task tc --articles ../shared/data/semeval2020-task11-ptc-v2/dev-articles -o dev-findings.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spinscope.cli._text import plural
from spinscope.settings import Settings

COMMAND = "predict"
HELP = "write SemEval SI/TC submission files for a folder of articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", choices=("si", "tc"), required=True, help="span identification or technique labels")
    parser.add_argument("--articles", type=Path, required=True, help="folder of article<ID>.txt files")
    parser.add_argument("--template", type=Path, default=None, help="TC: label exactly the spans of this file")
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: shipped model)")
    parser.add_argument(
        "--min-score", type=float, default=None, help="TC without a template: keep findings scoring at least this"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="submission file to write")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.detect import load_model, predict_si, predict_tc
    from spinscope.detect.submission import predict_findings
    from spinscope.io.ptc import read_label_rows, read_ptc
    from spinscope.io.semeval import write_labels

    model = load_model(args.model)
    articles = list(read_ptc(args.articles, labels=None))
    if args.task == "si":
        rows = predict_si(model, articles)
    elif args.template:
        rows = predict_tc(model, articles, read_label_rows(args.template))
    else:
        rows = [row for row, _ in predict_findings(model, articles, min_score=args.min_score or 0.0)]
    write_labels(rows, args.output, task=args.task)
    rows_text = plural(len(rows), f"{args.task.upper()} row")
    print(f"{rows_text} for {plural(len(articles), 'article')} -> {args.output}", file=sys.stderr)
    return 0
