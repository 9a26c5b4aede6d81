"""Held-out tuning: the TC mix weight follows whichever classifier gets the held-out spans right."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from spinscope.detect.heads import ArticleOutput
from spinscope.detect.linear import LinearTechniqueClassifier
from spinscope.encoder.windows import Encoding
from spinscope.train.linear import fit_linear
from spinscope.train.neural import GoldPieces, TrainingArticle
from spinscope.train.tuning import MIX_WEIGHTS, choose_mix_weight, heldout_temperature

pytestmark = pytest.mark.ml

TEXT = "They are traitors and thugs.\nThe flag of our great nation flies high.\n"
WORDS = [(0, 4), (5, 8), (9, 17), (18, 21), (22, 27), (29, 32), (33, 37), (38, 40), (41, 44), (45, 50), (51, 57)]


def _held_out(neural_right: bool) -> tuple[list[TrainingArticle], list[ArticleOutput]]:
    encoding = Encoding(ids=np.arange(len(WORDS)), offsets=np.asarray(WORDS))
    # traitors, thugs, flag of our great
    spans = [GoldPieces(2, 2, 0, np.zeros(4)), GoldPieces(4, 4, 0, np.zeros(4)), GoldPieces(6, 9, 1, np.zeros(4))]
    item = TrainingArticle("1", TEXT, encoding, np.zeros(len(WORDS)), spans, [])
    confident = np.asarray([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0]], dtype=np.float32)
    logits = confident if neural_right else confident[:, ::-1].copy()
    return [item], [ArticleOutput(np.zeros(len(WORDS)), np.zeros(len(WORDS)), logits)]


def _linear() -> LinearTechniqueClassifier:
    flag = TEXT.index("flag")
    return fit_linear([(TEXT, 9, 17, 0), (TEXT, 22, 27, 0), (TEXT, flag, flag + 24, 1)], 2, c=100.0)


@pytest.mark.parametrize("neural_right", [True, False])
def test_mix_weight_goes_to_the_classifier_that_is_right(neural_right: bool) -> None:
    data, outputs = _held_out(neural_right)
    weight, accuracy = choose_mix_weight(data, outputs, _linear(), temperature=1.0)
    assert accuracy == 1.0
    if neural_right:
        assert weight == 0.0  # ties go to the smaller weight
    else:
        assert weight > 0.5 and weight in MIX_WEIGHTS


def test_temperature_of_confident_right_logits_is_low() -> None:
    data, outputs = _held_out(neural_right=True)
    assert heldout_temperature(data, outputs) < 1.0
    assert heldout_temperature([], []) == 1.0
