"""Quote attribution benchmark: PolNeAR figures and speed over a split's articles, both modes.

usage:
  python benchmarks/bench_quotes.py [--data-dir ../shared/data] [--split test] [--repeat 3] [--fast-only]

For the default cascade (CRF + role network) and the ``--fast-quotes`` one (CRF alone), prints the
evaluation table (overlap and exact P/R/F1 for content, cue, source, relation) and the attribution
speed in articles per second (the segment and quotes stages, corpus already read; best of --repeat runs), both
modes measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from spinscope.evaluate.analysed import analysed
from spinscope.evaluate.attribution import evaluate_attribution, format_attribution_report
from spinscope.io.polnear import read_polnear
from spinscope.quotes import load_attributor
from spinscope.settings import Settings, default_data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fast-only", action="store_true", help="only the CRF-alone mode")
    args = parser.parse_args()

    articles = list(read_polnear(args.data_dir, args.split))
    modes = [("CRF alone (--fast-quotes)", False)] + ([] if args.fast_only else [("CRF + role network", True)])
    for label, network in modes:
        started = time.perf_counter()
        attributor = load_attributor(Settings(fast_quotes=not network))
        load_seconds = time.perf_counter() - started
        print(f"== {label}")
        result = evaluate_attribution(args.data_dir, args.split, annotate=attributor.annotate)
        print(format_attribution_report(result), end="")
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            for article in articles:
                analysed(article, attributor.annotate)
            best = min(best, time.perf_counter() - started)
        print(
            f"speed: {len(articles) / best:.1f} articles/s over {len(articles)} {args.split} articles "
            f"(best of {args.repeat}: {best:.2f} s; model load {load_seconds:.2f} s; "
            f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()})\n"
        )


if __name__ == "__main__":
    main()
