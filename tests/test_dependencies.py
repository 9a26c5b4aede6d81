"""pyproject declares, directly, every distribution that spinscope imports or needs at run time.

Two checks, both against the distributions installed in the test venv:

- every top-level module imported anywhere in ``src/spinscope`` (lazy imports included) belongs to a
  distribution declared in ``[project] dependencies``, or in the extra that the module's package
  folder needs (``FOLDER_EXTRAS``); tests and benchmarks may use anything ``dev`` brings;
- whatever a dependency pulls in only through an extra (``justext`` asks for ``lxml[html_clean]``)
  is declared directly too: pip 23.2.1, the pip a Python 3.11 venv is born with, does not match
  ``html_clean`` to lxml's ``html-clean`` extra and silently leaves ``lxml_html_clean`` out.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "spinscope"

#: The parts of the package that run only with an extra installed, by path under src/spinscope
#: (a folder or one file); everything else must run on the core dependencies alone.
FOLDER_EXTRAS = {
    "api": "server",
    "cli/serve.py": "server",
    "batch": "batch",
    "cli/batch.py": "batch",
    "train": "ml",
    "train/roles.py": "ml",
}

#: Where the test suite and the benchmarks import from: anything the ``dev`` extra brings.
DEV_EXTRA = "dev"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _groups() -> dict[str, list[Requirement]]:
    """``core`` and each extra, as requirements, with ``spinscope[...]`` self-references expanded."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    raw: dict[str, list[str]] = {"core": project["dependencies"], **project["optional-dependencies"]}

    def expand(group: str, seen: frozenset[str]) -> list[Requirement]:
        out: list[Requirement] = []
        for line in raw[group]:
            requirement = Requirement(line)
            if _normalise(requirement.name) == "spinscope":
                for extra in sorted(requirement.extras - seen):
                    out += expand(extra, seen | {extra})
            else:
                out.append(requirement)
        return out

    return {group: expand(group, frozenset({group})) for group in raw}


def _declared(group: str) -> set[str]:
    """Distribution names (normalised) that ``group`` may rely on: its own and the core ones."""
    groups = _groups()
    names = {_normalise(r.name) for r in groups["core"]}
    if group != "core":
        names |= {_normalise(r.name) for r in groups[group]}
    return names


def _top_level_imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every absolute import in a file: (top-level module, line)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def _extra_for(path: Path) -> str:
    relative = path.relative_to(PACKAGE).as_posix()
    for prefix, extra in FOLDER_EXTRAS.items():
        if relative == prefix or relative.startswith(prefix + "/"):
            return extra
    return "core"


#: Modules of the repository's own tests and benchmarks, which they import from each other (pytest and
#: ``python benchmarks/x.py`` put their folders on the path).
_LOCAL_MODULES = frozenset(p.stem for folder in ("tests", "benchmarks") for p in (REPO / folder).rglob("*.py"))


def _undeclared_imports(files: list[tuple[Path, str]]) -> list[str]:
    module_dists = metadata.packages_distributions()
    problems = []
    for path, group in files:
        allowed = _declared(group)
        for module, line in _top_level_imports(path):
            if module in sys.stdlib_module_names or module == "spinscope" or module in _LOCAL_MODULES:
                continue
            where = f"{path.relative_to(REPO)}:{line}"
            dists = module_dists.get(module)
            if not dists:
                problems.append(f"{where} imports {module!r}, which no installed distribution provides")
            elif not {_normalise(d) for d in dists} & allowed:
                needed = "[project] dependencies" if group == "core" else f"the {group!r} extra"
                problems.append(f"{where} imports {module!r} (from {', '.join(dists)}): declare it in {needed}")
    return problems


def test_the_extra_map_names_real_folders_and_extras() -> None:
    extras = set(_groups())
    for prefix, extra in FOLDER_EXTRAS.items():
        assert (PACKAGE / prefix).exists(), prefix
        assert extra in extras, extra


def test_every_module_spinscope_imports_is_declared_where_it_is_needed() -> None:
    files = [(path, _extra_for(path)) for path in sorted(PACKAGE.rglob("*.py"))]
    assert files
    problems = _undeclared_imports(files)
    assert not problems, "\n".join(problems)


def test_every_module_the_tests_and_benchmarks_import_is_in_dev() -> None:
    files = [(path, DEV_EXTRA) for folder in ("tests", "benchmarks") for path in sorted((REPO / folder).rglob("*.py"))]
    problems = _undeclared_imports(files)
    assert not problems, "\n".join(problems)


def _through_extras(requirements: list[Requirement]) -> Iterator[tuple[str, Requirement, Requirement]]:
    """Walk the installed dependency tree; yield (who asked, ``name[extra]`` asked for, what the extra adds)."""
    seen: set[tuple[str, frozenset[str]]] = set()
    stack = [("pyproject.toml", requirement) for requirement in requirements]
    while stack:
        parent, requirement = stack.pop()
        key = (_normalise(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{requirement.name} (asked for by {parent}) is not installed: pip install -e '.[dev]'")
        for line in dist.requires or []:
            child = Requirement(line)
            if child.marker is not None and not child.marker.evaluate({"extra": ""}):
                if any(child.marker.evaluate({"extra": extra}) for extra in requirement.extras):
                    yield parent, requirement, child
                    stack.append((f"{dist.name}[{','.join(sorted(requirement.extras))}]", child))
                continue
            stack.append((dist.name, child))


@pytest.mark.parametrize("group", ["core", "server", "batch", "ml", "dev"])
def test_what_an_extra_brings_is_declared_directly(group: str) -> None:
    declared = _declared(group)
    missing = [
        f"{parent} asks for {asked}, which adds {added.name}: declare {added.name} directly"
        f" ({'[project] dependencies' if group == 'core' else f'the {group!r} extra'})"
        for parent, asked, added in _through_extras(_groups()[group])
        if _normalise(added.name) not in declared
    ]
    assert not missing, "\n".join(missing)
