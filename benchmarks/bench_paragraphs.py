"""SemEval-2023 paragraphs: the shipped model's paragraph head against the mapped baseline (the 2020
model's findings mapped to 2023 labels).

Both come from the same encoder pass per article. Two modes (both print one JSON object):

- ``--split train371``: the 2023 paragraph labels of the 371 SemEval-2020 **train** articles (read from
  SemEval-2023 train; the 75 SemEval-2020 dev articles are left out by their ids). Scores every mapping
  policy and minimum finding score of the grid: the place to choose them (the shipped model was
  trained on these articles, so the figures are optimistic; they rank the settings only).
- ``--split dev``: SemEval-2023 English dev (90 articles = the SemEval-2020 test articles), evaluation
  only: the paragraph head (``model``; equals ``spinscope predict --task paragraphs --taxonomy semeval2023``
  + ``spinscope evaluate --task paragraphs``) and the mapped baseline with the defaults of
  :mod:`spinscope.detect.paragraphs` (``mapped``; ``--paragraphs-from mapped``). The head's 5-fold
  cross-validated micro-F1 over the 371 train articles (from its file) is printed beside them.

With ``--spans`` (``--split dev`` only) it prints, instead, span + technique F1 of the findings named in the 2023
taxonomy (the 2020 model's findings through the documented mapping, as every face names them) against the 2023
dev span gold: micro, macro and per 2023 technique, ``strict`` (a finding with several candidates counts as its
first, the mapping's most frequent) and ``lenient`` (as the candidate the gold agrees with most: an upper bound);
of every finding and of those shown at the display threshold. ``--json FILE`` also writes the figures.

usage (from the repo root, next to ../shared):
  python benchmarks/bench_paragraphs.py --split dev
  python benchmarks/bench_paragraphs.py --split train371
  python benchmarks/bench_paragraphs.py --split dev --spans [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from spinscope.detect import load_model
from spinscope.detect.paragraphs import PARAGRAPH_MIN_SCORE, findings_2020, project_paragraphs
from spinscope.detect.stage import DetectStage, load_paragraph_head, model_paragraphs
from spinscope.evaluate.semeval import score_paragraphs
from spinscope.io.ptc import read_ptc
from spinscope.io.semeval import paragraph_rows, read_paragraph_labels
from spinscope.model import Layer, Span
from spinscope.taxonomy.mapping import DEFAULT_POLICY, POLICIES

DATA = Path("..") / "shared" / "data"
ST3 = DATA / "semeval2023-task3-en"
PTC = DATA / "semeval2020-task11-ptc-v2"
#: Minimum finding scores tried on train371.
GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def _ids(folder: Path) -> set[str]:
    return {m.group(1) for p in folder.iterdir() if (m := re.fullmatch(r"article(\d+)\.txt", p.name))}


def spans_report(limit: int, json_file: Path | None) -> int:
    """Span + technique F1 of the 2023-named findings on 2023 dev (``--spans``): a text report."""
    from spinscope.evaluate.techniques import Split, load_split, spans_figures_2023
    from spinscope.taxonomy import get_taxonomy
    from spinscope.taxonomy.inventory import LEVEL_NONE

    split = load_split(DATA, "semeval2023-dev")
    if limit:
        split = Split(split.name, split.articles[:limit])
    articles = split.articles
    model = load_model(None, threads=1)
    began = time.perf_counter()
    figures = spans_figures_2023(model, split, articles)
    seconds = time.perf_counter() - began
    lines = [f"[semeval2023 dev spans] {len(articles)} articles, {len(split.tc_gold)} gold spans ({seconds:.0f}s)"]
    for mode in ("strict", "lenient"):
        every, shown = figures[mode], figures[f"shown_{mode}"]
        lines.append(
            f"  {mode:8s} P {every['precision']:.4f}  R {every['recall']:.4f}  micro-F1 {every['f1']:.4f}  "
            f"macro-F1 {every['macro_f1']:.4f} over {every['n_techniques']} gold techniques  "
            f"({every['n_pred']} findings merged, {every['n_several']} with several candidates)"
        )
        lines.append(
            f"  {'':8s} shown at {figures['min_score']}: P {shown['precision']:.4f}  R {shown['recall']:.4f}  "
            f"F1 {shown['f1']:.4f}  ({shown['n_pred']} findings)"
        )
    lines.append(f"  {'technique':34s} {'strict P':>8} {'R':>6} {'F1':>6} {'lenient F1':>10} {'pred':>5} {'gold':>5}")
    for technique in get_taxonomy("semeval2023").techniques:
        strict = figures["strict"]["per_technique"].get(technique.id)
        lenient = figures["lenient"]["per_technique"].get(technique.id)
        if not technique.detected:
            lines.append(f"  {technique.id:34s} not detected (no English examples)")
        elif strict is None and lenient is None:
            lines.append(f"  {technique.id:34s} no finding, no gold span")
        else:
            s = strict or {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n_pred": 0, "support": lenient["support"]}
            f1 = lenient["f1"] if lenient else 0.0
            never = "  never reported: no 2020 class maps to it" if technique.level == LEVEL_NONE else ""
            lines.append(
                f"  {technique.id:34s} {s['precision']:8.3f} {s['recall']:6.3f} {s['f1']:6.3f} {f1:10.3f} "
                f"{s['n_pred']:5d} {s['support']:5d}{never}"
            )
    sys.stdout.write("\n".join(lines) + "\n")
    if json_file:
        json_file.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train371", "dev"), required=True)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--spans", action="store_true", help="span + technique F1 of the 2023-named findings")
    parser.add_argument("--json", type=Path, default=None, help="--spans: also write the figures here")
    args = parser.parse_args()
    if args.spans:
        if args.split != "dev":
            parser.error("--spans scores SemEval-2023 dev only (--split dev)")
        return spans_report(args.limit, args.json)
    split = "train" if args.split == "train371" else "dev"
    articles = list(read_ptc(ST3 / f"{split}-articles-subtask-3", labels=None))
    if args.split == "train371":
        keep = _ids(PTC / "train-articles")
        assert not keep & _ids(PTC / "dev-articles")
        articles = [a for a in articles if a.id in keep]
    if args.limit:
        articles = articles[: args.limit]
    ids = {a.id for a in articles}
    gold = [row for row in read_paragraph_labels(ST3 / f"{split}-labels-subtask-3") if row[0] in ids]
    model = load_model(None, threads=1)
    head = load_paragraph_head(model.model_dir)
    stage = DetectStage(model, head)
    began = time.perf_counter()  # both readings of every article (the mapped one and the head's)
    findings: dict[str, list[Span]] = {}
    from_head: dict[str, list[Span]] = {}
    for a in articles:
        findings[a.id] = findings_2020(model, a.text)
        if head is not None and args.split == "dev":  # the head was fitted on train371
            from_head[a.id] = model_paragraphs(head, model, a.text, stage.read(a, keep_states=True))
    seconds = time.perf_counter() - began

    def scored() -> dict[str, float]:
        result = score_paragraphs(paragraph_rows(articles), gold)
        return {k: round(result[k], 4) for k in ("micro_f1", "macro_f1", "micro_precision", "micro_recall")} | {
            "n_missing": result["n_missing"],
            "n_unexpected": result["n_unexpected"],
        }

    def score(policy: str, min_score: float) -> dict[str, float]:
        for a in articles:
            a.set_layer(
                Layer.PARAGRAPH_TECHNIQUES,
                project_paragraphs(a.text, findings[a.id], policy=policy, min_score=min_score),
            )
        pred = paragraph_rows(articles)
        result = score_paragraphs(pred, gold)
        return {k: round(result[k], 4) for k in ("micro_f1", "macro_f1", "micro_precision", "micro_recall")} | {
            "n_missing": result["n_missing"],
            "n_unexpected": result["n_unexpected"],
        }

    out: dict[str, object] = {
        "split": args.split,
        "articles": len(articles),
        "paragraphs": len(gold),
        "model_seconds": round(seconds, 1),
    }
    if args.split == "train371":
        out["grid"] = [{"policy": p, "min_score": m, **score(p, m)} for p in POLICIES for m in GRID]
    else:
        out["mapped"] = {"policy": DEFAULT_POLICY, "min_score": PARAGRAPH_MIN_SCORE} | score(
            DEFAULT_POLICY, PARAGRAPH_MIN_SCORE
        )
        if from_head:
            for a in articles:
                a.set_layer(Layer.PARAGRAPH_TECHNIQUES, from_head[a.id])
            out["model"] = {"cv_micro_f1_train371": head.info.get("cv_micro_f1")} | scored()
    sys.stdout.write(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
