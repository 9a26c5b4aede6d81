"""Regenerate the predictions that a move of code must leave unchanged, and diff them against a baseline.

Writes, into OUT: SemEval SI and TC submission files of the shipped technique model on PTC v2 dev and
the test articles (TC on the official templates), the attribution output on PolNeAR test (every
predicted relation with its offsets, default cascade and ``--fast-quotes``), and ``spinscope analyze
--format json`` of the seed article and the shipped example. With ``--baseline DIR`` it then diffs
OUT against DIR file by file and exits 1 on any difference.

usage:
  python benchmarks/check_identical.py OUT [--baseline DIR] [--data-dir ../shared/data] [--skip-attribution]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

PTC = "semeval2020-task11-ptc-v2"
SEED = Path("..") / "shared" / "examples" / "russia-insider-2017-11-19.txt"
EXAMPLE = Path("examples") / "arvelia-2031-03-14.txt"


def _spinscope(*args: str, stdout: Path | None = None) -> None:
    command = [sys.executable, "-m", "spinscope", *args]
    with open(stdout, "w", encoding="utf-8") if stdout else open(os.devnull, "w") as handle:
        subprocess.run(command, check=True, stdout=handle)


def _attribution(data_dir: Path, out: Path) -> None:
    """Every relation predicted on PolNeAR test, both modes, one JSON line per article."""
    try:
        from spinscope.io.polnear import read_polnear
    except ImportError:  # before the move into io/
        from spinscope.quotes.polnear import read_polnear  # type: ignore[no-redef]
    from spinscope.quotes import load_attributor
    from spinscope.settings import Settings

    articles = list(read_polnear(data_dir, "test"))
    for label, network in (("default", True), ("fast", False)):
        attributor = load_attributor(Settings(fast_quotes=not network))
        with open(out / f"attribution-polnear-test-{label}.jsonl", "w", encoding="utf-8") as handle:
            for article in articles:
                rows = [
                    {
                        "content": [list(pair) for pair in relation.content],
                        "cue": list(relation.cue) if relation.cue else None,
                        "source": list(relation.source) if relation.source else None,
                        "origin": relation.origin,
                        "source_name": relation.source_name,
                        "relays": relation.relays,
                    }
                    for relation in attributor.relations(article.text)
                ]
                handle.write(
                    json.dumps(
                        {"name": getattr(article, "name", None) or article.id, "relations": rows}, ensure_ascii=False
                    )
                    + "\n"
                )


def generate(out: Path, data_dir: Path, *, attribution: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    corpus = data_dir / PTC
    for split in ("dev", "test"):
        articles = str(corpus / f"{split}-articles")
        template = str(corpus / f"{split}-task-TC-template.out")
        _spinscope("predict", "--task", "si", "--articles", articles, "-o", str(out / f"{split}-si.txt"))
        _spinscope(
            "predict",
            "--task",
            "tc",
            "--articles",
            articles,
            "--template",
            template,
            "-o",
            str(out / f"{split}-tc.txt"),
        )
    for name, path in (("seed", SEED), ("arvelia", EXAMPLE)):
        _spinscope("analyze", str(path), "--format", "json", stdout=out / f"analyze-{name}.json")
    if attribution:
        _attribution(data_dir, out)


def compare(out: Path, baseline: Path) -> int:
    differ = 0
    for expected in sorted(baseline.iterdir()):
        got = out / expected.name
        if not got.exists():
            print(f"MISSING {got}")
            differ += 1
            continue
        a, b = expected.read_text(encoding="utf-8"), got.read_text(encoding="utf-8")
        if a == b:
            print(f"same    {expected.name}")
            continue
        differ += 1
        print(f"DIFFERS {expected.name}")
        diff = difflib.unified_diff(a.splitlines(), b.splitlines(), str(expected), str(got), lineterm="", n=1)
        for index, line in enumerate(diff):
            if index >= 20:
                print("    ...")
                break
            print("    " + line[:200])
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--data-dir", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--skip-attribution", action="store_true", help="only the technique and analyze outputs")
    args = parser.parse_args()
    generate(args.out, args.data_dir, attribution=not args.skip_attribution)
    return compare(args.out, args.baseline) if args.baseline else 0


if __name__ == "__main__":
    sys.exit(main())
