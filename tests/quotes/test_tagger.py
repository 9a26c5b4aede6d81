"""The CRF tagger: a clear error when no model is there (gold tags and fitting: tests/train)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import ModelError
from spinscope.quotes.tagger import AttributionTagger


def test_untrained_or_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        AttributionTagger().tag("x")
    with pytest.raises(ModelError):
        AttributionTagger.from_disk(tmp_path)
