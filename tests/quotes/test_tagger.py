"""The CRF tagger: it can learn a small set by heart, and saving then loading changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import ModelError
from spinscope.evaluate.attribution import score_articles
from spinscope.io.polnear import GoldRelation
from spinscope.quotes.attribute import Attributor
from spinscope.quotes.tagger import AttributionTagger, gold_tags
from spinscope.quotes.tokens import tokenize

NAMES = ["Smith", "Jones", "Garcia", "Okafor", "Novak", "Tanaka", "Rossi", "Dubois", "Kowalski", "Silva"]


def _example(name: str) -> tuple[str, list[GoldRelation]]:
    text = f"{name} said the plan would fail. Nothing else happened."
    cue = text.index("said")
    content_end = text.index(".")
    return text, [GoldRelation(content=((cue + 5, content_end),), cue=((cue, cue + 4),), source=((0, len(name)),))]


def test_gold_tags_follow_fragments() -> None:
    text, relations = _example("Smith")
    tokens = tokenize(text)
    tags = gold_tags(tokens, relations)
    assert tags[:4] == ["B-SRC", "B-CUE", "B-CON", "I-CON"]
    assert tags[-1] == "O"


def test_overfits_ten_examples_then_round_trips(tmp_path: Path) -> None:
    examples = [_example(name) for name in NAMES]
    tagger = AttributionTagger(c1=0.0, c2=0.001, max_iterations=50, min_feature_count=1).fit(
        examples, work_dir=tmp_path / "work"
    )
    attributor = Attributor(tagger)
    scores = score_articles([(attributor.relations(text), gold) for text, gold in examples])
    assert scores["exact"]["relation"]["f1"] == 1.0
    tagger.to_disk(tmp_path / "model")
    loaded = AttributionTagger.from_disk(tmp_path / "model")
    for text, _ in examples:
        assert loaded.tag(text) == tagger.tag(text)


def test_untrained_or_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        AttributionTagger().tag("x")
    with pytest.raises(ModelError):
        AttributionTagger.from_disk(tmp_path)
