"""A relation's confidence from its roles' probabilities, and dropping the relations the model is unsure of."""

from __future__ import annotations

import pytest

from spinscope.quotes.confidence import MIN_RELATION_CONFIDENCE, drop_unsure, relation_confidence
from spinscope.quotes.relations import Relation
from spinscope.quotes.tokens import tokenize

TEXT = "Lavrov said the talks failed ."


def _probabilities(con: float, cue: float, src: float) -> list[dict[str, float]]:
    # tokens: Lavrov | said | the | talks | failed | .
    roles = [("SRC", src), ("CUE", cue), ("CON", con), ("CON", con), ("CON", 1.0 - con), ("O", 0.0)]
    return [{r: (p if r == role else 0.0) for r in ("SRC", "CUE", "CON")} for role, p in roles]


def _relation(origin: str = "model") -> Relation:
    return Relation(content=[(12, 28)], cue=(7, 11), source=(0, 6), origin=origin)


def test_confidence_is_the_least_mean_over_the_roles_a_relation_has() -> None:
    tokens = tokenize(TEXT)
    assert [TEXT[t.start : t.end] for t in tokens] == ["Lavrov", "said", "the", "talks", "failed", "."]
    probabilities = _probabilities(con=0.9, cue=0.8, src=0.7)
    # content: mean of 0.9, 0.9, 0.1 over "the talks failed"
    assert relation_confidence(_relation(), tokens, probabilities) == pytest.approx(0.6333, abs=1e-4)
    probabilities = _probabilities(con=0.9, cue=0.8, src=0.2)
    assert relation_confidence(_relation(), tokens, probabilities) == pytest.approx(0.2)
    sourceless = Relation(content=[(12, 28)], cue=(7, 11))
    assert relation_confidence(sourceless, tokens, probabilities) == pytest.approx(0.6333, abs=1e-4)
    assert relation_confidence(Relation(content=[(28, 28)]), tokens, probabilities) is None


def test_unsure_model_relations_go_and_rule_relations_stay() -> None:
    tokens = tokenize(TEXT)
    unsure = _probabilities(con=0.9, cue=0.8, src=MIN_RELATION_CONFIDENCE - 0.05)
    assert drop_unsure([_relation()], tokens, unsure) == []
    kept = drop_unsure([_relation("rule")], tokens, unsure)
    assert len(kept) == 1 and kept[0].confidence is None
    sure = _probabilities(con=0.9, cue=0.8, src=MIN_RELATION_CONFIDENCE + 0.05)
    (relation,) = drop_unsure([_relation()], tokens, sure)
    assert relation.confidence == pytest.approx(MIN_RELATION_CONFIDENCE + 0.05)
