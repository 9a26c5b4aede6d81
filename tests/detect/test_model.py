"""Calibration of technique-span scores in the run-time model."""

from __future__ import annotations

import numpy as np

from spinscope.detect.model import Calibration, DetectedSpan


def test_technique_calibration_reads_span_length_and_older_models_still_load() -> None:
    with_length = Calibration(technique=(1.0, 1.0, -0.5, 0.0))
    assert with_length.technique_score(0.6, 0.5, 100) < with_length.technique_score(0.6, 0.5, 10)
    without = Calibration(technique=(1.0, 1.0, 0.0))
    assert without.technique_score(0.6, 0.5, 100) == without.technique_score(0.6, 0.5, 10)
    assert 0.0 < without.technique_score(0.6, 0.5, 10) < 1.0


def test_a_detected_span_is_scored_with_its_most_probable_technique() -> None:
    calibration = Calibration(technique=(1.0, 1.0, 0.2, -1.0))
    span = DetectedSpan(10, 42, 0.7, np.array([0.1, 0.6, 0.3]))
    assert calibration.score_detected(span) == calibration.technique_score(0.7, 0.6, 32)
