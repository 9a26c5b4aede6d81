"""The house plan: every import inside ``spinscope`` runs downwards, and no import circle exists.

Each top-level module or package of ``src/spinscope`` is a unit with a layer; a unit may import
units of lower layers only (and itself). Lazy imports inside functions count like top-level ones
(they are the usual way to dodge a circle); imports under ``if TYPE_CHECKING:`` do not (they never
run). Add a new unit to :data:`LAYERS` where it belongs, lowest first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import spinscope

#: The allowed order, lowest first; a unit may import units of a lower layer only.
LAYERS: list[set[str]] = [
    {"version", "errors", "settings", "progress"},  # plain values, no spinscope imports
    {"model", "ty"},  # Article/Span, Annotations/attach, the Stage and Persistent protocols
    {"taxonomy", "encoder"},  # technique inventories; windows, ONNX sessions, special ids, softmax
    {"io"},  # every file format and reader (text, HTML, URLs, corpora, PTC, PolNeAR, SemEval rows)
    {"segment", "outlets"},  # the first stage; the outlet registry (also read by quotes)
    {"detect", "quotes"},  # inference only, each with its stage
    {"evaluate"},  # every scorer
    {"train"},  # all fitting
    {"pipeline"},  # the cascade of stages
    {"compare", "lint"},  # two articles' profiles side by side; drafts checked like code
    {"render"},  # every human text and HTML formatter
    {"batch", "web"},  # corpus runs; the browser page's assets
    {"api"},  # the HTTP faces
    {"cli"},  # the command line, the only place that prints
    {"__main__", "__init__"},  # the package root re-exports the library
]
ROOT = Path(spinscope.__file__).parent


def _unit(module: str) -> str:
    """``spinscope.detect.model`` -> ``detect``; ``spinscope`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    parts = ["spinscope", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> set[str]:
    """The ``spinscope`` modules (or packages) that ``path`` imports at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "spinscope")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base]).strip(".")
            if base.split(".")[0] != "spinscope":
                continue
            if base == "spinscope":  # `from spinscope import detect`: the named submodules
                found.update(f"spinscope.{alias.name}" for alias in node.names)
            else:
                found.add(base)
    return found


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        source = _unit(_module_name(path)) if path.parent != ROOT or path.name != "__init__.py" else "__init__"
        targets = {_unit(name) for name in _imports(path)} - {source}
        edges.setdefault(source, set()).update(targets)
    return edges


def _layer(unit: str) -> int:
    for index, units in enumerate(LAYERS):
        if unit in units:
            return index
    raise AssertionError(f"unit {unit!r} of src/spinscope is not in LAYERS: add it where it belongs")


def test_every_unit_has_a_layer() -> None:
    for unit in _edges():
        _layer(unit)


def _upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import of ``edges`` that runs to the same layer or a higher one."""
    return sorted(
        f"{source} (layer {_layer(source)}) imports {target} (layer {_layer(target)})"
        for source, targets in edges.items()
        for target in targets
        if _layer(target) >= _layer(source)
    )


def _circle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``edges`` (the units on it, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(unit: str, path: list[str]) -> list[str] | None:
        state[unit] = 1
        for target in sorted(edges.get(unit, ())):
            if state.get(target) == 1:
                return [*path, unit, target]
            if target not in state and (cycle := visit(target, [*path, unit])):
                return cycle
        state[unit] = 2
        return None

    for unit in sorted(edges):
        if unit not in state and (cycle := visit(unit, [])):
            return cycle
    return None


def test_imports_run_downwards_only() -> None:
    assert _upward(_edges()) == []


def test_no_import_circle_between_units() -> None:
    assert _circle(_edges()) is None


def test_the_checks_catch_an_upward_import_and_a_circle() -> None:
    """Guards the checks themselves: a made-up violation of each kind is reported."""
    upward = {"detect": {"model", "pipeline"}, "pipeline": {"detect"}}
    detect, pipeline = _layer("detect"), _layer("pipeline")
    assert _upward(upward) == [f"detect (layer {detect}) imports pipeline (layer {pipeline})"]
    same_layer = {"detect": {"quotes"}, "quotes": set()}
    assert _upward(same_layer) == [f"detect (layer {detect}) imports quotes (layer {detect})"]
    assert _circle(upward) == ["detect", "pipeline", "detect"]
    assert _circle({"io": {"model"}, "model": set()}) is None


def test_the_walk_sees_lazy_imports() -> None:
    """Guards the walker itself: a function-level import (the old cycle dodge) is an edge too."""
    assert "detect" in _edges()["pipeline"]
    assert "train" in _edges()["cli"]
