"""Paragraph head options scored on held-out train articles: feature groups, word n-grams, regularisation.

usage:
  python benchmarks/bench_paragraph_options.py --tuning-from runs/heldout-13 [--data-dir ../shared/data]

The shipped head's options (``spinscope.train.paragraphs.DEFAULTS``) were chosen by cross-validation over
the shipped network's own pass, which saw those articles. This script scores every option on the split a
held-out network records (``spinscope train --heldout-only`` writes it): heads fitted on that network's pass
over its fit articles, scored on its held-out articles, which neither it nor the head saw. Per option it
prints the held-out micro-F1 at the best shared threshold and that threshold, and, less optimistic, the
micro-F1 when the threshold is chosen on one half of the held-out articles and counted on the other (both
ways, summed). Only SemEval-2023 train labels of the 371 SemEval-2020 train articles are read. A few
minutes to read the articles on 2 cores, then seconds to a minute per option (n-grams are the slow ones).
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from spinscope.settings import default_data_dir
from spinscope.train import paragraphs as head_training

GROUP_SETS = (
    ("mean", "max", "inside", "findings"),
    ("mean", "max", "inside", "findings", "article"),
    ("mean", "inside", "findings"),
    ("inside", "findings"),
)
C_VALUES = (0.001, 0.003, 0.01, 0.03)
HALF_SEED = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tuning-from", type=Path, required=True, help="held-out network folder (heldout.json)")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args()

    split = head_training.read_heldout_split(args.tuning_from)
    articles, gold_by_id = head_training.training_articles(args.data_dir)
    fit = [a for a in articles if a.id in set(split["fit_ids"])]
    held = [a for a in articles if a.id in set(split["heldout_ids"])]
    fit_inputs, fit_gold = head_training.read_inputs(args.tuning_from, fit, gold_by_id)
    held_inputs, held_gold = head_training.read_inputs(args.tuning_from, held, gold_by_id)
    labels = head_training.paragraph_labels()
    truth = head_training.truth_matrix(held_gold, labels)
    half_of_article = np.asarray(head_training.folds(len(held_inputs), 2, HALF_SEED))
    half = np.concatenate([np.full(len(g), half_of_article[i]) for i, g in enumerate(held_gold)])
    print(f"{len(fit)} fit / {len(held)} held-out articles ({args.tuning_from}), {len(truth)} held-out paragraphs")
    print(f"{'groups':<40} {'n-grams':<8} {'C':>6}  held-out F1  threshold  cross-half F1")
    for groups, ngrams, c in itertools.product(GROUP_SETS, (False, True), C_VALUES):
        head = head_training.fit_head(fit_inputs, fit_gold, labels, groups=groups, ngrams=ngrams, c=c)
        probs = np.concatenate([head.probabilities(i) for i in held_inputs])
        cut, f1 = head_training.choose_thresholds(probs, truth, per_label=False)
        counts = []
        for side in (0, 1):
            chosen, _ = head_training.choose_thresholds(probs[half == side], truth[half == side], per_label=False)
            counts.append(head_training.micro_counts(probs[half != side], truth[half != side], chosen))
        tp, predicted, gold = (sum(column) for column in zip(*counts, strict=True))
        cross = 2 * tp / (predicted + gold) if predicted + gold else 0.0
        shipped = " (shipped)" if list(groups) == head_training.DEFAULTS["groups"] and not ngrams and c == 0.003 else ""
        print(f"{'+'.join(groups):<40} {ngrams!s:<8} {c:>6}  {f1:.4f}       {cut[0]:.3f}      {cross:.4f}{shipped}")


if __name__ == "__main__":
    main()
