"""Wall time of ``spinscope lint`` on one short draft, CLI start included, and where the start-up goes.

Prints one JSON object:

- lint_wall_s: min / median / max wall seconds of ``python -m spinscope lint DRAFT`` over ``--runs``
  runs (a fresh process each time: interpreter start, imports, model load, analysis, output);
- startup_wall_s: the same for ``python -m spinscope lint --help`` (interpreter start and imports only);
- import_ms: the modules with the largest cumulative import time in one lint run (``python -X importtime``);
- in_process_s: in one fresh process, importing ``spinscope.lint``, building the :class:`Linter` (loading
  the segmenter and the technique model), and linting the draft a first and a second time.

The draft is the first 600 characters of the shipped example article (a record header and three
paragraphs, ~100 words) unless ``--draft`` names another file. ``--taxonomy`` names the rules in
another taxonomy (``lint --taxonomy``), to measure what the naming costs.

usage (from the repo root):
  python benchmarks/bench_lint.py
  python benchmarks/bench_lint.py --runs 10 --draft my-draft.md
  python benchmarks/bench_lint.py --taxonomy semeval2023
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "arvelia-2031-03-14.txt"
#: Characters of the example article taken as "one short draft".
DRAFT_CHARS = 600
#: Modules listed from the import-time profile.
TOP_IMPORTS = 8


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
    return elapsed


def _summary(times: list[float]) -> dict[str, float]:
    return {"min": round(min(times), 3), "median": round(statistics.median(times), 3), "max": round(max(times), 3)}


def _imports(command: list[str]) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]], capture_output=True, text=True, check=False, timeout=300
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative_us, name = line[len("import time:") :].split("|")
        if name.startswith("  "):  # imported by another module: counted in its cumulative time
            continue
        rows.append({"module": name.strip(), "cumulative_ms": round(int(cumulative_us) / 1000, 1)})
    return sorted(rows, key=lambda row: -float(row["cumulative_ms"]))[:TOP_IMPORTS]


_IN_PROCESS = """
import json, sys, time
started = time.perf_counter()
from spinscope.lint import Linter, LintOptions
from spinscope.settings import Settings
imported = time.perf_counter()
linter = Linter(Settings(quotes=False, outlet=False, taxonomy=sys.argv[2]), LintOptions())
loaded = time.perf_counter()
linter.lint_path(sys.argv[1])
first = time.perf_counter()
linter.lint_path(sys.argv[1])
second = time.perf_counter()
print(json.dumps({"import": imported - started, "load": loaded - imported, "first_lint": first - loaded,
                  "second_lint": second - first}))
"""


def _in_process(draft: Path, taxonomy: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _IN_PROCESS, str(draft), taxonomy],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return {name: round(value, 3) for name, value in json.loads(result.stdout).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--draft", type=Path, default=None)
    parser.add_argument("--taxonomy", choices=("semeval2020", "semeval2023", "both"), default="semeval2020")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = args.draft
        if draft is None:
            draft = Path(tmp) / "draft.txt"
            draft.write_text(EXAMPLE.read_text(encoding="utf-8")[:DRAFT_CHARS], encoding="utf-8")
        lint = [sys.executable, "-m", "spinscope", "lint", str(draft), "--taxonomy", args.taxonomy]
        startup = [sys.executable, "-m", "spinscope", "lint", "--help"]
        _wall(lint)  # warm the file cache once
        lint_times = [_wall(lint) for _ in range(args.runs)]
        startup_times = [_wall(startup) for _ in range(args.runs)]
        report = {
            "draft": str(args.draft or f"first {DRAFT_CHARS} characters of {EXAMPLE.relative_to(REPO)}"),
            "runs": args.runs,
            "taxonomy": args.taxonomy,
            "lint_wall_s": _summary(lint_times),
            "startup_wall_s": _summary(startup_times),
            "import_ms": _imports(lint),
            "in_process_s": _in_process(draft, args.taxonomy),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
