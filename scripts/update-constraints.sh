#!/usr/bin/env bash
# Rewrite constraints.txt: the exact versions of everything pyproject.toml's dependencies (core and
# every extra, dev included) pull in, as installed in a venv whose test suite has just passed.
#
# Usage (from the repo root): bash scripts/update-constraints.sh [PYTHON]
#   PYTHON defaults to .venv-newest/bin/python, the venv that scripts/run-tests.sh fills with the
#   newest versions the ranges allow and runs the suite in; so after a green run:
#       bash scripts/run-tests.sh && bash scripts/update-constraints.sh
#   and commit constraints.txt. Only the dependency tree of pyproject.toml is written (not whatever
#   else the venv holds), spinscope itself is left out, and local version labels (torch's +cpu) are
#   dropped so that the file also holds on machines that get the plain wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${1:-.venv-newest/bin/python}"
"$python" - pyproject.toml constraints.txt <<'PY'
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


project = tomllib.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["project"]
lines = list(project["dependencies"])
for group in project["optional-dependencies"].values():
    lines += group
stack = [Requirement(line) for line in lines]
pins: dict[str, str] = {}
seen: set[tuple[str, frozenset[str]]] = set()
while stack:
    requirement = stack.pop()
    name = normalise(requirement.name)
    key = (name, frozenset(requirement.extras))
    if name == "spinscope" or key in seen:
        continue
    seen.add(key)
    try:
        dist = metadata.distribution(requirement.name)
    except metadata.PackageNotFoundError:
        sys.exit(f"{requirement.name} is not installed in {sys.prefix}: pip install -e '.[dev]' there first")
    pins[name] = f"{dist.metadata['Name']}=={dist.version.split('+')[0]}"
    for line in dist.requires or []:
        child = Requirement(line)
        if child.marker is None or any(child.marker.evaluate({"extra": e}) for e in ["", *requirement.extras]):
            stack.append(child)

header = [
    "# Tested versions: everything spinscope's dependencies (core and every extra) pull in, as",
    f"# installed when the suite last passed (Python {sys.version.split()[0]}). CI installs the test venv",
    "# with -c constraints.txt; regenerate with: bash scripts/update-constraints.sh [PYTHON]",
]
Path(sys.argv[2]).write_text("\n".join(header + [pins[name] for name in sorted(pins)]) + "\n", encoding="utf-8")
print(f"constraints.txt: {len(pins)} distributions from {sys.prefix}")
PY
