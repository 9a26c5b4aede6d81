#!/usr/bin/env bash
# Everything CI checks, in order (docs/ci.md):
#   1. README step 1 exactly as written, then HTML and URL input with that install
#      (scripts/check-readme-install.sh, in a clean copy of the checkout);
#   2. the test venv .venv with the tested versions (-c constraints.txt): ruff, mypy, pytest;
#   3. a fresh venv .venv-newest with the newest versions the ranges in pyproject.toml allow: pytest,
#      so that an upstream release that breaks spinscope turns CI red.
# Usage (from the repo root, next to ../shared): bash scripts/run-tests.sh [pytest args...]
# (the pytest args go to both test runs).
set -euo pipefail
cd "$(dirname "$0")/.."

timings=()
step_start=$SECONDS
step_done() {
    timings+=("$1: $((SECONDS - step_start)) s")
    echo "== $1: done in $((SECONDS - step_start)) s"
    step_start=$SECONDS
}

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi
step_done "chromium"

echo "== 1. README step 1 as written, then HTML and URL input"
bash scripts/check-readme-install.sh
step_done "1. README step 1, HTML and URL"

# The venv's own pip (no upgrade): the dependencies are declared so that it installs them all.
echo "== 2. tested versions (constraints.txt): ruff, mypy, pytest"
python3 -m venv .venv
.venv/bin/python -m pip install -q -c constraints.txt -e '.[dev]'
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
step_done "2. tested versions: install, ruff, mypy, pytest"

# Newest everything, pip included (a user on a newer Python gets a newer pip); no constraints of
# ours (the machine's own pip configuration still applies).
echo "== 3. newest versions the ranges allow: pytest"
python3 -m venv .venv-newest
.venv-newest/bin/python -m pip install -q --upgrade pip
.venv-newest/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev]'
# Which versions differ from the tested ones (for the log; a red run then names its suspects).
.venv-newest/bin/python - constraints.txt <<'PY'
import re
import sys
from importlib import metadata


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


tested = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if "==" in line and not line.startswith("#"):
        name, version = line.strip().split("==")
        tested[normalise(name)] = version
for dist in sorted(metadata.distributions(), key=lambda d: normalise(d.metadata["Name"])):
    name, version = normalise(dist.metadata["Name"]), dist.version.split("+")[0]
    if name in tested and tested[name] != version:
        print(f"not the tested version (constraints.txt): {dist.metadata['Name']} {tested[name]} -> {version}")
PY
.venv-newest/bin/python -m pytest "$@"
step_done "3. newest versions: install, pytest"

printf '%s\n' "== timings" "${timings[@]}"
