"""Write SemEval-2020 Task 11 submission files for a folder of article<ID>.txt files.

SI lists the propaganda spans found (``id start end``). TC labels spans (``id technique start
end``): exactly the spans of ``--template`` when given (a span listed k times gets the k most
probable techniques); without a template it writes the technique findings (the (span, technique)
pairs ``analyze`` reports; ``--min-score`` keeps only those scoring at least that), to be scored
with ``spinscope evaluate --task spans``. paragraphs writes the SemEval-2023 Task 3 subtask-3
file (``id line labels``, lines numbered as the task numbers them) from the model's SemEval-2023
paragraph head (``--taxonomy semeval2023``), or, with ``--paragraphs-from mapped`` or a model without
that head, from the 2020 model's findings mapped to SemEval-2023 labels (see docs/taxonomy.md).

examples:
  spinscope predict --task si --articles ../shared/data/semeval2020-task11-ptc-v2/dev-articles -o dev-si.txt
  spinscope predict --task tc --articles ../shared/data/semeval2020-task11-ptc-v2/test-articles \\
      --template ../shared/data/semeval2020-task11-ptc-v2/test-task-TC-template.out -o test-tc.txt
  spinscope predict --task tc --articles ../shared/data/semeval2020-task11-ptc-v2/dev-articles -o dev-findings.txt
  spinscope predict --task paragraphs --taxonomy semeval2023 \\
      --articles ../shared/data/semeval2023-task3-en/dev-articles-subtask-3 -o dev-st3.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from spinscope.cli import add_taxonomy_argument
from spinscope.cli._text import plural
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, Settings

#: The one taxonomy each task's file is written in: SemEval-2020 Task 11 (si, tc), SemEval-2023 Task 3 subtask 3.
TASK_TAXONOMY = {"si": SEMEVAL2020, "tc": SEMEVAL2020, "paragraphs": SEMEVAL2023}

COMMAND = "predict"
HELP = "write SemEval SI/TC submission files for a folder of articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--task",
        choices=("si", "tc", "paragraphs"),
        required=True,
        help="span identification, technique labels or paragraphs",
    )
    parser.add_argument("--articles", type=Path, required=True, help="folder of article<ID>.txt files")
    parser.add_argument("--template", type=Path, default=None, help="TC: label exactly the spans of this file")
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: shipped model)")
    parser.add_argument(
        "--min-score", type=float, default=None, help="TC without a template: keep findings scoring at least this"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="submission file to write")
    _add_paragraph_arguments(parser)


def _add_paragraph_arguments(parser: argparse.ArgumentParser) -> None:
    from spinscope.taxonomy import POLICIES

    add_taxonomy_argument(
        parser,
        help="the labels' taxonomy, fixed by the task (si/tc: semeval2020, paragraphs: semeval2023); optional, "
        "any other value (both included) is an error",
    )
    parser.add_argument(
        "--policy", choices=POLICIES, default=POLICIES[0], help="paragraphs: how a split 2020 class maps to 2023 labels"
    )
    parser.add_argument(
        "--paragraphs-from",
        choices=("model", "mapped"),
        default="model",
        help="paragraphs: the model's SemEval-2023 paragraph head (default, where the model has one) or the "
        "2020 findings mapped to 2023 labels (the baseline)",
    )


def _check_taxonomy(args: argparse.Namespace) -> None:
    """Refuse a ``--taxonomy`` the task's file cannot be written in (one taxonomy per file, never ``both``).

    Raises:
        InputError: naming the task, the taxonomy it writes and the command that writes the other.
    """
    from spinscope.errors import InputError

    wanted = TASK_TAXONOMY[args.task]
    if args.taxonomy in (None, wanted):
        return
    other = (
        "SemEval-2023 paragraph labels: --task paragraphs --taxonomy semeval2023"
        if wanted == SEMEVAL2020
        else "SemEval-2020 spans: --task si or tc"
    )
    given = "both taxonomies" if args.taxonomy == BOTH else args.taxonomy
    raise InputError(
        "--taxonomy",
        f"--task {args.task} writes {wanted} labels only, not {given}; give --taxonomy {wanted} or leave it out "
        f"({other})",
    )


def _run_paragraphs(args: argparse.Namespace, model: Any, articles: list[Any]) -> int:
    from spinscope.detect.paragraphs import predict_paragraphs
    from spinscope.detect.stage import DetectStage, load_paragraph_head, model_paragraphs
    from spinscope.io.semeval import paragraph_rows, write_paragraph_labels
    from spinscope.model import Layer

    head = load_paragraph_head(model.model_dir) if args.paragraphs_from == "model" else None
    if head is not None and model.config.get("findings"):
        stage = DetectStage(model, head)
        for article in articles:
            passage = stage.read(article, keep_states=True)
            article.set_layer(Layer.PARAGRAPH_TECHNIQUES, model_paragraphs(head, model, article.text, passage))
        source = "the paragraph head"
    else:
        articles = predict_paragraphs(model, articles, policy=args.policy)
        source = "the mapped 2020 findings"
    rows = paragraph_rows(articles)
    write_paragraph_labels(rows, args.output)
    print(
        f"{plural(len(rows), 'paragraph row')} for {plural(len(articles), 'article')} ({source}) -> {args.output}",
        file=sys.stderr,
    )
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.detect import load_model, predict_si, predict_tc
    from spinscope.detect.submission import predict_findings
    from spinscope.io.ptc import in_template_order, read_label_rows, read_ptc, span_rows, spans_by_article
    from spinscope.io.semeval import write_labels

    _check_taxonomy(args)
    model = load_model(args.model)
    articles = list(read_ptc(args.articles, labels=None))
    if args.task == "paragraphs":
        return _run_paragraphs(args, model, articles)
    if args.task == "si":
        rows = span_rows(predict_si(model, articles))
    elif args.template:
        template = read_label_rows(args.template)
        rows = in_template_order(template, predict_tc(model, articles, spans_by_article(template)))
    else:
        rows = span_rows(predict_findings(model, articles, min_score=args.min_score or 0.0))
    write_labels(rows, args.output, task=args.task)
    rows_text = plural(len(rows), f"{args.task.upper()} row")
    print(f"{rows_text} for {plural(len(articles), 'article')} -> {args.output}", file=sys.stderr)
    return 0
