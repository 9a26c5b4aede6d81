"""The CRF tagger: gold relations as BIO tags, and a clear error when no model is there (fitting: tests/train)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import ModelError
from spinscope.io.polnear import GoldRelation
from spinscope.quotes.tagger import AttributionTagger, gold_tags
from spinscope.quotes.tokens import tokenize


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


def test_untrained_or_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        AttributionTagger().tag("x")
    with pytest.raises(ModelError):
        AttributionTagger.from_disk(tmp_path)
