#!/usr/bin/env bash
# Regenerate the shipped models' predictions (PTC dev/test SI and TC, PolNeAR test attribution in both
# modes, analyze JSON of the seed and the example) and diff them against a baseline written by the
# same script before a move of code. Usage (from the repo root, next to ../shared):
#   PYTHON=/path/to/venv/bin/python bash scripts/check-identical.sh [BASELINE_DIR] [extra args of benchmarks/check_identical.py]
# With no baseline yet, write one: python benchmarks/check_identical.py BASELINE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
baseline="${1:-/work/runs/house-baseline}"
shift || true
out="$(mktemp -d)"
PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}" "${PYTHON:-python}" benchmarks/check_identical.py "$out" --baseline "$baseline" "$@"
