"""The SemEval-2023 paragraph head: features from one pass, fit, thresholds, file round trip, the stage layer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from spinscope.detect.findings import Finding
from spinscope.detect.heads import Heads, run_article
from spinscope.detect.paragraph_head import GROUPS, ParagraphHead, ParagraphInputs, ngram_ids, paragraph_inputs
from spinscope.encoder.windows import Encoding
from spinscope.errors import ModelError
from spinscope.train.paragraphs import fit_head

TEXT = "Loaded words here.\n\nA calm line.\nTraitors everywhere!"


def _encoding(text: str) -> Encoding:
    """One piece per word of ``text`` (character offsets of each word)."""
    import re

    offsets = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    return Encoding(ids=np.arange(len(offsets), dtype=np.int64) + 5, offsets=np.asarray(offsets, dtype=np.int64))


def test_inputs_pool_each_paragraphs_own_pieces_and_findings() -> None:
    encoding = _encoding(TEXT)
    states = np.arange(len(encoding) * 2, dtype=np.float32).reshape(-1, 2)
    p_inside = np.asarray([0.9, 0.8, 0.1, 0.0, 0.2, 0.3, 0.7, 0.6], dtype=np.float32)
    finding = Finding(TEXT.index("Traitors"), len(TEXT), technique=1, score=0.8, technique_prob=0.6, mean_inside=0.6)
    inputs = paragraph_inputs(TEXT, encoding, p_inside, states, [finding], n_techniques=3)
    assert [line for line, _, _ in inputs.lines] == [1, 3, 4]  # the blank line 2 has no row
    np.testing.assert_allclose(inputs.groups["mean"][0], states[0:3].mean(axis=0))
    np.testing.assert_allclose(inputs.groups["max"][1], states[3:6].max(axis=0))
    np.testing.assert_allclose(inputs.groups["inside"][0], [0.9, 0.6], rtol=1e-6)
    assert inputs.groups["findings"][2].tolist() == pytest.approx([0, 0.8, 0, 0, 0.6, 0])
    assert not inputs.groups["findings"][0].any()
    np.testing.assert_allclose(inputs.groups["article"][0], states.mean(axis=0))
    assert inputs.ngrams[0] == ngram_ids("Loaded words here.")


def test_run_article_keeps_the_mean_state_of_overlapping_windows_only_when_asked() -> None:
    rng = np.random.default_rng(0)
    hidden = 4
    heads = Heads(
        rng.normal(size=(hidden, 3)).astype(np.float32),
        np.zeros(3, np.float32),
        np.zeros((4 * hidden + 3, 2), np.float32),
        np.zeros(2, np.float32),
        np.zeros((2, 2), np.float32),
        np.zeros(2, np.float32),
    )
    n = 600  # longer than one window: windows overlap

    def states(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        # the state of a piece depends on its id only, so every window gives it the same state
        return np.repeat(input_ids[:, :, None].astype(np.float32), hidden, axis=2) * mask[:, :, None]

    encoding = Encoding(ids=np.arange(n, dtype=np.int64) + 10, offsets=np.stack([np.arange(n), np.arange(n) + 1], 1))
    plain = run_article(states, heads, encoding, cls_id=1, sep_id=2, stride=192)
    kept = run_article(states, heads, encoding, cls_id=1, sep_id=2, stride=192, keep_states=True)
    assert plain.states is None
    assert kept.states is not None and kept.states.shape == (n, hidden)
    np.testing.assert_allclose(kept.states[:, 0], np.arange(n) + 10, rtol=1e-6)
    np.testing.assert_array_equal(plain.p_inside, kept.p_inside)


def _toy(n_articles: int = 12) -> tuple[list[ParagraphInputs], list[list[frozenset[str]]]]:
    """Articles whose paragraphs carry label "A" exactly when their first mean feature is high."""
    rng = np.random.default_rng(3)
    inputs, gold = [], []
    for _ in range(n_articles):
        k = 6
        groups = {g: rng.normal(size=(k, 3)).astype(np.float32) for g in GROUPS}
        inputs.append(ParagraphInputs([(i + 1, 0, 0) for i in range(k)], groups, [[i % 5] for i in range(k)]))
        gold.append([frozenset({"A"}) if groups["mean"][i, 0] > 0.3 else frozenset() for i in range(k)])
    return inputs, gold


def test_a_fitted_head_learns_a_separable_label_and_never_gives_an_unseen_one() -> None:
    inputs, gold = _toy()
    head = fit_head(inputs, gold, ["A", "Never"], groups=["mean", "inside"], ngrams=True, c=10.0)
    probs = head.probabilities(inputs[0])
    truth = np.asarray([("A" in g) for g in gold[0]])
    assert ((probs[:, 0] >= 0.5) == truth).mean() >= 5 / 6
    assert (probs[:, 1] < 1e-6).all()
    assert all("Never" not in [label for label, _ in row] for row in head.predict(inputs[0]))


def test_the_head_file_round_trips_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    inputs, gold = _toy()
    head = fit_head(inputs, gold, ["A"], groups=["mean", "findings"], ngrams=False, thresholds=0.4)
    head.to_disk(tmp_path / "paragraphs.npz")
    back = ParagraphHead.from_disk(tmp_path / "paragraphs.npz")
    assert back.labels == ["A"] and back.groups == ["mean", "findings"] and not back.uses_ngrams
    np.testing.assert_allclose(back.probabilities(inputs[1]), head.probabilities(inputs[1]), atol=2e-3)
    (tmp_path / "bad.npz").write_bytes(b"not a file")
    with pytest.raises(ModelError, match=r"bad\.npz"):
        ParagraphHead.from_disk(tmp_path / "bad.npz")


def test_unknown_feature_groups_are_refused() -> None:
    inputs, gold = _toy(2)
    with pytest.raises(ValueError, match="unknown feature groups"):
        fit_head(inputs, gold, ["A"], groups=["mean", "colour"])
