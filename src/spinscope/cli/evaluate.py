"""Score a SemEval-format prediction file with the official rules, or evaluate quote attribution.

Tasks: si (SemEval-2020 span identification), tc (SemEval-2020 technique classification),
spans (span + technique F1 of technique findings: per technique, spans merged and SI's
partial-overlap credit; micro over all findings, macro over the techniques in the gold),
paragraphs (SemEval-2023 Task 3 subtask 3, paragraph-level multi-label), attribution
(quote attribution on PolNeAR; reads the corpus under --data-dir, needs no --pred/--gold),
speakers and relays (speaker resolution and relay detection on the hand-built PolNeAR dev sets).
--gold takes a joined labels file or a folder of per-article label files.

examples:
  spinscope evaluate --task si --pred dev-si.txt --gold ../shared/data/semeval2020-task11-ptc-v2/dev-labels-task-si
  spinscope evaluate --task tc --pred dev-tc.txt --gold ../shared/data/semeval2020-task11-ptc-v2/dev-task-flc-tc.labels
  spinscope evaluate --task paragraphs --pred st3.txt --gold ../shared/data/semeval2023-task3-en/dev-labels-subtask-3
  spinscope evaluate --task tc --pred dev-tc.txt --gold dev-task-flc-tc.labels --json
  spinscope evaluate --task spans --pred dev-findings.txt --gold dev-task-flc-tc.labels
  spinscope evaluate --task spans --taxonomy semeval2023 --pred st3-dev-findings.txt \\
      --gold ../shared/data/semeval2023-task3-en/dev-labels-subtask-3-spans [--candidates lenient]
  spinscope evaluate --task attribution --split dev
  spinscope evaluate --task speakers
  spinscope evaluate --task relays --json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from spinscope.cli import add_quotes_model_arguments, quotes_model_settings
from spinscope.cli._text import plural
from spinscope.errors import InputError
from spinscope.evaluate.spans import CANDIDATE_MODES
from spinscope.settings import SEMEVAL2020, SEMEVAL2023, Settings

COMMAND = "evaluate"
HELP = "score predictions with the official SemEval rules (si, tc, paragraphs) or evaluate attribution"

TASKS = ("si", "tc", "spans", "paragraphs", "attribution", "speakers", "relays")
#: Tasks scored on a hand-built PolNeAR dev set (see spinscope/evaluate/sets/README.md).
HAND_SET_TASKS = ("speakers", "relays")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", choices=TASKS, required=True, help="which task's scorer to use")
    parser.add_argument("--pred", type=Path, default=None, help="prediction file (SemEval submission format)")
    parser.add_argument("--gold", type=Path, default=None, help="gold labels: a joined file or a folder of files")
    parser.add_argument(
        "--split", choices=("train", "dev", "test"), default="test", help="attribution only: PolNeAR split"
    )
    parser.add_argument("--json", action="store_true", help="print the result dict as JSON")
    parser.add_argument(
        "--taxonomy",
        choices=(SEMEVAL2020, SEMEVAL2023),
        default=SEMEVAL2020,
        help="spans only: semeval2023 scores against 2023 span gold, reading 2020 labels through the mapping",
    )
    parser.add_argument(
        "--candidates",
        choices=CANDIDATE_MODES,
        default=CANDIDATE_MODES[0],
        help="spans with semeval2023: a finding with several 2023 candidates counts as its first (strict) "
        "or as the one the gold agrees with most (lenient: an upper bound)",
    )
    add_quotes_model_arguments(parser)


def _technique_table(per_technique: dict[str, dict[str, Any]]) -> list[str]:
    if not per_technique:
        return []
    width = max(len(name) for name in per_technique)
    lines = ["", f"{'technique':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'pred':>5}  {'gold':>5}"]
    for name, figures in per_technique.items():
        lines.append(
            f"{name:<{width}}  {figures['precision']:6.4f}  {figures['recall']:6.4f}  {figures['f1']:6.4f}"
            f"  {figures['n_pred']:5d}  {figures['support']:5d}"
        )
    return lines


def format_report(task: str, result: dict[str, Any]) -> str:
    """A plain-text report of a scorer's result: overall figures, then one row per technique."""
    if task == "paragraphs":
        lines = [
            f"micro-F1={result['micro_f1']:.5f}  macro-F1={result['macro_f1']:.5f}",
            f"micro P={result['micro_precision']:.5f}  micro R={result['micro_recall']:.5f}"
            f"  paragraphs={result['n_paragraphs']}",
        ]
    else:
        lines = [
            f"F1={result['f1']:.6f}  P={result['precision']:.6f}  R={result['recall']:.6f}",
            f"spans: predicted={result['n_pred']}  gold={result['n_gold']}",
        ]
        if task == "tc":
            lines.append(f"correct={result['n_correct']}  macro-F1={result['macro_f1']:.6f}")
        if task == "spans":
            lines[1] = f"findings (merged per technique): predicted={result['n_pred']}  gold={result['n_gold']}"
            lines.append(f"macro-F1={result['macro_f1']:.6f} over {result['n_techniques']} techniques in the gold")
            if "mode" in result:
                lines.append(
                    f"SemEval-2023 names, {result['mode']}: {result['n_several']:,} finding(s) with several candidates"
                    + (" (lenient: an upper bound)" if result["mode"] == "lenient" else "")
                )
    return "\n".join(lines + _technique_table(result["per_technique"])) + "\n"


def _warnings(task: str, result: dict[str, Any]) -> list[str]:
    if task == "tc" and not result["same_spans"]:
        return ["prediction spans differ from the gold spans; the official TC scorer would refuse this file"]
    if task == "paragraphs" and (result["n_missing"] or result["n_unexpected"]):
        return [
            f"{plural(result['n_missing'], 'gold paragraph')} missing from the prediction, "
            f"{result['n_unexpected']:,} unexpected; the official scorer would refuse this file"
        ]
    return []


def _run_hand_set(args: argparse.Namespace, settings: Settings) -> int:
    from spinscope.quotes import load_attributor

    annotate = load_attributor(quotes_model_settings(args, settings)).annotate
    if args.task == "speakers":
        from spinscope.evaluate.speakers import evaluate_speakers, format_speakers_report

        result = evaluate_speakers(settings.data_dir, annotate=annotate)
        report = format_speakers_report(result)
    else:
        from spinscope.evaluate.relays import evaluate_relays, format_relays_report

        result = evaluate_relays(settings.data_dir, annotate=annotate)
        report = format_relays_report(result)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n" if args.json else report)
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.task in HAND_SET_TASKS:
        return _run_hand_set(args, settings)
    if args.task == "attribution":
        from spinscope.evaluate.attribution import evaluate_attribution, format_attribution_report
        from spinscope.quotes import load_attributor

        attributor = load_attributor(quotes_model_settings(args, settings))
        result = evaluate_attribution(settings.data_dir, args.split, annotate=attributor.annotate)
        sys.stdout.write(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n" if args.json else format_attribution_report(result)
        )
        return 0
    for flag, value in (("--pred", args.pred), ("--gold", args.gold)):
        if value is None:
            raise InputError(flag, f"required for --task {args.task}")
    from spinscope.evaluate.semeval import score_files

    if args.task != "spans" and (args.taxonomy != SEMEVAL2020 or args.candidates != CANDIDATE_MODES[0]):
        raise InputError("--taxonomy/--candidates", "only for --task spans")
    if args.task == "spans":
        from spinscope.evaluate.spans import score_spans, score_spans_2023
        from spinscope.io.ptc import read_label_rows

        pred, gold = read_label_rows(args.pred), read_label_rows(args.gold)
        if args.taxonomy == SEMEVAL2023:
            result = score_spans_2023(pred, gold, mode=args.candidates)
        else:
            if args.candidates != CANDIDATE_MODES[0]:
                raise InputError("--candidates", "only with --taxonomy semeval2023")
            result = score_spans(pred, gold)
    else:
        result = score_files(args.task, args.pred, args.gold)
    for warning in _warnings(args.task, result):
        print(f"spinscope evaluate: warning: {warning}", file=sys.stderr)
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else format_report(args.task, result))
    return 0
