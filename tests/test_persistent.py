"""Conformance of every persistent model (scikit-learn's ``parametrize_with_checks`` in spirit).

Each model is built small (or, where building one needs training, the shipped one is loaded), written
with ``to_disk``, read back with ``from_disk``, and must give the same outputs; written again from the
copy, it must give the same files. A new persistent class joins :data:`CASES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from spinscope.detect.heads import Heads
from spinscope.detect.linear import LinearTechniqueClassifier
from spinscope.detect.model import Calibration, TechniqueModel
from spinscope.detect.paragraph_head import GROUPS, PARAGRAPH_HEAD_FILE, ParagraphHead, ParagraphInputs
from spinscope.detect.stage import SHIPPED_MODEL_DIR
from spinscope.quotes.attribute import shipped_model_dir
from spinscope.quotes.network import RoleNetwork
from spinscope.quotes.tagger import AttributionTagger
from spinscope.quotes.tokens import tokenize
from spinscope.ty import Persistent

TEXT = (
    "Senator Jane Roe said the plan was “a reckless betrayal of every family in this country.”\n"
    "The ministry, according to Reuters, denied that it had cut any deal with the militants."
)


@dataclass(frozen=True)
class Case:
    """How to build one persistent model, where it is written (a file or a folder), and what it predicts."""

    build: Callable[[], Any]
    name: str
    outputs: Callable[[Any], Any]


def _heads() -> Heads:
    rng = np.random.default_rng(0)
    shapes = {"si_w": (8, 3), "si_b": (3,), "tc_w1": (36, 5), "tc_b1": (5,), "tc_w2": (5, 4), "tc_b2": (4,)}
    return Heads(**{name: rng.normal(size=shape).astype(np.float32) for name, shape in shapes.items()})


def _heads_outputs(heads: Heads) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    return heads.si_logits(rng.normal(size=(6, 8)).astype(np.float32)), heads.tc_logits(
        rng.normal(size=(2, 36)).astype(np.float32)
    )


def _linear() -> LinearTechniqueClassifier:
    from spinscope.detect.linear import N_BUCKETS

    rng = np.random.default_rng(2)
    # weights are stored as float16: build them representable, so that a round trip is exact
    weights = rng.normal(size=(N_BUCKETS, 3)).astype(np.float16).astype(np.float32)
    return LinearTechniqueClassifier(weights, rng.normal(size=3).astype(np.float32))


def _paragraph_outputs(head: ParagraphHead) -> np.ndarray:
    rng = np.random.default_rng(4)
    width = {"mean": 384, "max": 384, "inside": 2, "findings": 28, "article": 384}
    groups = {g: rng.normal(size=(3, width[g])).astype(np.float32) for g in GROUPS}
    return head.probabilities(ParagraphInputs([(1, 0, 5), (2, 6, 9), (4, 10, 20)], groups, [[1, 2], [], [3]]))


def _calibration() -> Calibration:
    return Calibration(temperature=1.7, technique=(0.9, 1.2, -0.1, -0.4), sentence=(1.1, -0.5))


def _calibration_outputs(calibration: Calibration) -> tuple[float, ...]:
    return calibration.technique_score(0.7, 0.6, 25), calibration.sentence_score(0.4), calibration.temperature


def _technique_outputs(model: TechniqueModel) -> list[tuple[int, int, float, list[float]]]:
    _, p_inside, spans = model.detect(TEXT)
    return [(s.start, s.end, s.span_score, s.technique_probs.tolist()) for s in spans] + [p_inside.tolist()]


def _role_outputs(network: RoleNetwork) -> Any:
    return network.probabilities(TEXT, tokenize(TEXT)).tolist(), network.crf_weight, network.recover_floor


def _tagger_outputs(tagger: AttributionTagger) -> Any:
    tokens, tags, marginals = tagger.tag_marginals(TEXT)
    return [(t.start, t.end) for t in tokens], tags, marginals, tagger.config()


CASES = {
    "Heads": Case(_heads, "heads.npz", _heads_outputs),
    "LinearTechniqueClassifier": Case(_linear, "linear.npz", lambda m: m.logits(TEXT, [(0, 40), (41, 90)])),
    "Calibration": Case(_calibration, "calibration.json", _calibration_outputs),
    "ParagraphHead": Case(
        lambda: ParagraphHead.from_disk(SHIPPED_MODEL_DIR / PARAGRAPH_HEAD_FILE), "paragraphs.npz", _paragraph_outputs
    ),
    "TechniqueModel": Case(lambda: TechniqueModel.from_disk(SHIPPED_MODEL_DIR), "model", _technique_outputs),
    "RoleNetwork": Case(lambda: RoleNetwork.from_disk(shipped_model_dir()), "quotes", _role_outputs),
    "AttributionTagger": Case(lambda: AttributionTagger.from_disk(shipped_model_dir()), "quotes", _tagger_outputs),
}


def _same(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    if isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, list | tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        assert a == b


def _files(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.name: p.read_bytes() for p in sorted(path.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_round_trip_gives_the_same_outputs_and_files(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    model = case.build()
    assert isinstance(model, Persistent)
    first = tmp_path / "first" / case.name
    first.parent.mkdir()
    model.to_disk(first)
    loaded = type(model).from_disk(first)
    _same(case.outputs(model), case.outputs(loaded))
    second = tmp_path / "second" / case.name
    second.parent.mkdir()
    loaded.to_disk(second)
    assert _files(second) == _files(first)


def test_every_persistent_class_is_checked() -> None:
    """Every class of the package with both ``to_disk`` and ``from_disk`` (protocols aside) has a case here."""
    import ast

    import spinscope

    root = Path(spinscope.__file__).parent
    persistent = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and "Protocol" not in {ast.unparse(base) for base in node.bases}:
                methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
                if {"to_disk", "from_disk"} <= methods:
                    persistent.add(node.name)
    assert persistent == set(CASES)
