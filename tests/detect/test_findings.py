"""Technique findings: the suggester's cuts and patterns, per-technique resolution, headlines read alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from spinscope import Article, Layer
from spinscope.detect import SHIPPED_MODEL_DIR
from spinscope.detect.findings import _CLAUSE_END as CLAUSE_END
from spinscope.detect.findings import _SENTENCE_END as SENTENCE_END
from spinscope.detect.findings import (
    FEATURE_NAMES,
    Candidate,
    FindingSettings,
    cut_at,
    pattern_matches,
    resolve,
)
from spinscope.detect.model import TechniqueModel
from spinscope.detect.stage import DetectStage
from spinscope.io.text import read_text
from spinscope.pipeline import attach

TECHNIQUES = json.loads((SHIPPED_MODEL_DIR / "config.json").read_text(encoding="utf-8"))["techniques"]
BODY = (
    "The corrupt, lying traitors in Washington want to destroy our great nation. "
    "These evil globalist thugs will stop at nothing. One Coast, One People, One Arvelia!\n\n"
    "The committee met on Tuesday to discuss the budget for next year."
)


def test_runs_are_cut_at_sentence_ends_and_blank_lines_and_trimmed() -> None:
    text = 'He said "they lie." Then he left.\n\nA new paragraph'
    assert [text[s:e] for s, e in cut_at(text, 0, len(text), SENTENCE_END)] == [
        'He said "they lie."',
        "Then he left.",
        "A new paragraph",
    ]
    clause = "We must act now; the traitors will not wait, and neither will we."
    assert [clause[s:e] for s, e in cut_at(clause, 0, len(clause), CLAUSE_END)] == [
        "We must act now",
        "the traitors will not wait",
        "and neither will we.",
    ]


def test_patterns_offer_the_slogan_the_dilemma_and_so_called() -> None:
    text = (
        "One Coast, One People, One Arvelia! Either we guard our coast, or we hand it over to strangers. "
        'The so-called "observers" came.'
    )
    found = {(TECHNIQUES[k], text[s:e]) for s, e, k in pattern_matches(text, TECHNIQUES)}
    assert ("Slogans", "One Coast, One People, One Arvelia!") in found
    assert ("Black-and-White_Fallacy", "Either we guard our coast, or we hand it over to strangers") in found
    assert ("Name_Calling,Labeling", 'so-called "observers"') in found


def test_a_pattern_cut_by_its_length_bound_still_ends_on_a_whole_word() -> None:
    # the dilemma's second branch runs past the pattern's 80 characters, inside the word "nets"
    text = (
        "Either we guard our coast, or we hand it over to people who have never fished its waters, "
        "never mended its nets and never buried its sailors."
    )
    dilemmas = [
        text[s:e] for s, e, k in pattern_matches(text, TECHNIQUES) if TECHNIQUES[k] == "Black-and-White_Fallacy"
    ]
    assert dilemmas == [text[: text.index(" and never buried")]]  # ends after "nets", not inside it


def test_resolution_keeps_the_best_of_overlapping_spans_per_technique_and_lets_techniques_overlap() -> None:
    candidates = [Candidate(0, 20, 0.5, 0.6), Candidate(5, 12, 0.7, 0.8), Candidate(30, 40, 0.2, 0.3)]
    probs = np.full((3, 3), 1 / 3)
    chosen = [(0, 0), (1, 0), (0, 1), (2, 2)]
    scores = np.asarray([0.4, 0.6, 0.5, 0.1])
    findings = resolve(candidates, chosen, scores, probs, [0.3, 0.3, 0.3])
    # technique 0: [5, 12) beats the overlapping [0, 20); technique 1 may overlap it; technique 2 is under threshold
    assert [(f.start, f.end, f.technique) for f in findings] == [(0, 20, 1), (5, 12, 0)]
    assert findings[1].score == pytest.approx(0.6)


def test_finding_settings_round_trip_through_the_config() -> None:
    settings = FindingSettings(
        runs=((0.4, 14), (0.3, 2)),
        top_k=2,
        weights=tuple(range(len(FEATURE_NAMES) + len(TECHNIQUES) + 1)),
        thresholds=(0.3,) * 14,
    )
    again = FindingSettings.from_config(json.loads(json.dumps(settings.to_config())))
    assert again == settings


@pytest.fixture(scope="module")
def findings_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped model with a findings entry (weights made up: every pair scores on the TC probability)."""
    folder = tmp_path_factory.mktemp("findings-model")
    for item in SHIPPED_MODEL_DIR.iterdir():
        shutil.copyfile(item, folder / item.name)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    weights = [0.0] * (len(FEATURE_NAMES) + len(TECHNIQUES) + 1)
    weights[FEATURE_NAMES.index("log_technique_prob")] = 1.0
    weights[FEATURE_NAMES.index("logit_max_inside")] = 1.0
    config["findings"] = FindingSettings(top_k=2, weights=tuple(weights), thresholds=(0.2,) * 14).to_config()
    config["display"] = {"min_score": 0.3}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def _body_findings(article: Article, stage: DetectStage, offset: int) -> list[tuple[int, int, str, float | None]]:
    spans = stage.predict(article).layers[Layer.TECHNIQUES]
    return [(s.start - offset, s.end - offset, s.label, s.score) for s in spans if s.start >= offset]


@pytest.mark.parametrize("with_findings", [False, True])
def test_a_title_line_does_not_change_the_body_findings(with_findings: bool, findings_model: Path) -> None:
    stage = DetectStage(TechniqueModel.from_disk(findings_model if with_findings else SHIPPED_MODEL_DIR))
    alone = _body_findings(Article(BODY, id="a"), stage, 0)
    title = "Traitors destroy our great nation"
    titled = Article(f"{title}\n\n{BODY}", id="b", title=title)
    assert _body_findings(titled, stage, len(title) + 2) == alone
    assert alone


def test_a_record_header_title_is_analysed_and_leaves_the_body_alone(detect_stage: DetectStage) -> None:
    title = "The evil lying traitors want to destroy our nation"
    with_header = read_text(f"date 2031-03-14 {title} by A. Writer – The Outlet\n{BODY}")
    assert with_header.title == title
    stage = detect_stage
    annotations = stage.predict(with_header)
    headline = annotations.summary["headline"]
    assert headline["text"] == title
    assert headline["techniques"], "the title's loaded words are found"
    for finding in headline["techniques"]:
        assert title[finding["start"] : finding["end"]] == finding["text"]
    body_only = Article(with_header.text, id="c")
    assert [(s.start, s.end, s.label) for s in stage.predict(body_only).layers[Layer.TECHNIQUES]] == [
        (s.start, s.end, s.label) for s in annotations.layers[Layer.TECHNIQUES]
    ]
    assert "headline" not in stage.predict(body_only).summary


def test_the_stage_with_findings_reports_scored_technique_pairs(findings_model: Path) -> None:
    stage = DetectStage(TechniqueModel.from_disk(findings_model))
    article = attach(Article(BODY, id="d"), stage.predict(Article(BODY, id="d")))
    spans = article.spans(Layer.TECHNIQUES)
    assert spans
    for span in spans:
        assert span.label in TECHNIQUES
        assert 0.2 <= (span.score or 0.0) <= 1.0
        assert "\n\n" not in article.span_text(span)
    assert article.summary["model"]["min_score"] == 0.3
