"""Tuning technique findings on held-out articles: objective, thresholds, cross-fitting, display threshold."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.detect import SHIPPED_MODEL_DIR
from spinscope.detect.findings import FindingSettings, suggest
from spinscope.encoder.windows import encode, load_tokenizer
from spinscope.train.findings import (
    ALL_RUNS,
    THRESHOLDS,
    HeldArticle,
    apply_findings,
    choose_thresholds,
    cross_fit,
    display_threshold,
    objective,
)

TECHNIQUES = ["Loaded_Language", "Name_Calling,Labeling", "Slogans"]
SENTENCES = [
    ("These corrupt traitors lie.", 1),
    ("The vote is on Monday.", None),
    ("What an outrageous disgrace!", 0),
    ("Officials met the press.", None),
]


def _held(n: int) -> list[HeldArticle]:
    """Articles whose span tagger is sure exactly on the gold sentences and whose TC head is right."""
    tokenizer = load_tokenizer(SHIPPED_MODEL_DIR / "tokenizer.json")
    superset = FindingSettings(runs=ALL_RUNS, clauses=True, patterns=True, top_k=3)
    held = []
    for k in range(n):
        order = SENTENCES[k % 4 :] + SENTENCES[: k % 4]
        text = " ".join(sentence for sentence, _ in order)
        gold: dict[int, list[tuple[int, int]]] = {}
        for sentence, technique in order:
            if technique is not None:
                start = text.index(sentence)
                gold.setdefault(technique, []).append((start, start + len(sentence) - 1))
        encoding = encode(tokenizer, text)
        inside = np.zeros(len(encoding), dtype=np.float32)
        for spans in gold.values():
            for s, e in spans:
                inside[(encoding.offsets[:, 0] < e) & (encoding.offsets[:, 1] > s)] = 0.9
        probs = {}
        for candidate in suggest(text, encoding, inside, superset, TECHNIQUES):
            row = np.full(len(TECHNIQUES), 0.1)
            for technique, spans in gold.items():
                if any(s < candidate.end and candidate.start < e for s, e in spans):
                    row[technique] = 0.8
            probs[(candidate.start, candidate.end)] = row / row.sum()
        held.append(HeldArticle(str(k), text, encoding, inside, probs, gold))
    return held


def test_objective_adds_micro_and_macro_over_gold_techniques() -> None:
    sums = np.zeros((2, 1, 4))
    sums[0, 0] = (1.0, 1.0, 2, 2)  # P 0.5, R 0.5
    sums[1, 0] = (0.0, 0.0, 0, 0)  # not in the gold: not averaged
    value, micro, macro = objective(sums, [0, 0])
    assert micro == pytest.approx(0.5) and macro == pytest.approx(0.5) and value == pytest.approx(1.0)


def test_the_single_threshold_is_the_best_one_and_per_technique_ones_never_do_worse() -> None:
    rng = np.random.default_rng(0)
    sums = rng.uniform(0.1, 1.0, size=(3, len(THRESHOLDS), 4))
    sums[:, :, 2:] += 2
    single = choose_thresholds(sums, per_technique=False)
    assert len(set(single)) == 1
    best = max(objective(sums, [g] * 3)[0] for g in range(len(THRESHOLDS)))
    assert objective(sums, single)[0] == pytest.approx(best)
    assert objective(sums, choose_thresholds(sums, per_technique=True))[0] >= best - 1e-12


def test_cross_fitting_learns_the_clean_signal_and_the_display_threshold_reaches_its_precision() -> None:
    held = _held(10)
    settings = FindingSettings(runs=((0.4, 14),), clauses=False, patterns=False, top_k=1)
    result = cross_fit(held, settings, TECHNIQUES, per_technique=False)
    assert result["micro_f1"] > 0.8
    threshold, precision, recall = display_threshold(result["findings"], held, len(TECHNIQUES))
    assert precision >= 0.5 and recall > 0.5 and 0.0 < threshold < 1.0


def test_apply_findings_writes_only_the_two_entries(tmp_path: Path) -> None:
    config = {"format_version": 1, "decode": {"threshold": 0.4}}
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    apply_findings(tmp_path, {"findings": {"runs": []}, "display": {"min_score": 0.4}, "tuning": {}})
    written = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    assert written == {**config, "findings": {"runs": []}, "display": {"min_score": 0.4}}
