"""Time cost of the SemEval-2023 paragraph head in the technique stage (what ``analyze`` runs).

The detect stage of the shipped model reads every article twice per round, without the head
(``--taxonomy semeval2020``) and with it (``semeval2023``: piece states kept, paragraph features, the
head), the order swapped from one article to the next so that load changes hit both; prints seconds
per article of each, their ratio, and the time of the head's own work (features from the kept pass and
the head: :func:`~spinscope.detect.stage.model_paragraphs`) measured alone.
Articles: the first N SemEval-2020 train articles (timing only, nothing is scored).

usage (from the repo root, next to ../shared):
  python benchmarks/bench_paragraph_cost.py --articles 40 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from spinscope.detect.stage import DetectStage, load_model, load_paragraph_head, model_paragraphs
from spinscope.io.ptc import read_ptc

TRAIN = Path("..") / "shared" / "data" / "semeval2020-task11-ptc-v2" / "train-articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = list(read_ptc(TRAIN, labels=None))[: args.articles]
    model = load_model(None, threads=1)
    stages = {"without_head": DetectStage(model), "with_head": DetectStage(model, load_paragraph_head(model.model_dir))}
    for stage in stages.values():  # warm-up
        stage.predict(articles[0])
    seconds: dict[str, list[float]] = {name: [] for name in stages}
    names = list(stages)
    for _ in range(args.rounds):
        spent = dict.fromkeys(names, 0.0)
        for n, article in enumerate(articles):
            for name in names if n % 2 == 0 else names[::-1]:
                began = time.perf_counter()
                stages[name].predict(article)
                spent[name] += time.perf_counter() - began
        for name in names:
            seconds[name].append(spent[name] / len(articles))
    head_stage = stages["with_head"]
    assert head_stage.paragraph_head is not None
    passages = [head_stage.read(article, keep_states=True) for article in articles]
    began = time.perf_counter()
    for article, passage in zip(articles, passages, strict=True):
        model_paragraphs(head_stage.paragraph_head, model, article.text, passage)
    head_only = (time.perf_counter() - began) / len(articles)
    best = {name: min(values) for name, values in seconds.items()}
    out = {
        "articles": len(articles),
        "rounds": args.rounds,
        "seconds_per_article_best": {k: round(v, 4) for k, v in best.items()},
        "seconds_per_article_median": {k: round(statistics.median(v), 4) for k, v in seconds.items()},
        "extra_share": round(best["with_head"] / best["without_head"] - 1, 4),
        "head_alone_seconds_per_article": round(head_only, 4),
        "head_alone_share": round(head_only / best["without_head"], 4),
    }
    sys.stdout.write(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
