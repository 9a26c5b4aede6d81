"""Calibration of the detector's scores on held-out data: temperature, Platt-style logistic fits, ECE."""

from __future__ import annotations

import numpy as np


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The softmax temperature that minimises the negative log-likelihood (grid 0.5 .. 3)."""
    best_t, best_nll = 1.0, float("inf")
    for temperature in np.arange(0.5, 3.01, 0.05):
        scaled = logits / temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        log_probs = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        nll = float(-log_probs[np.arange(len(labels)), labels].mean())
        if nll < best_nll:
            best_t, best_nll = float(temperature), nll
    return round(best_t, 2)


def fit_logistic(features: np.ndarray, targets: np.ndarray, *, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Weights (one per feature, then the bias) of a logistic regression, by Newton's method."""
    x = np.hstack([features, np.ones((len(features), 1))]).astype(np.float64)
    y = targets.astype(np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def expected_calibration_error(scores: np.ndarray, targets: np.ndarray, *, bins: int = 10) -> float:
    """ECE over equal-width score bins: mean |accuracy - confidence| weighted by bin size."""
    scores = np.asarray(scores, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    if len(scores) == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        inside = index == b
        if inside.any():
            error += inside.sum() / len(scores) * abs(targets[inside].mean() - scores[inside].mean())
    return float(error)


def reliability_table(scores: np.ndarray, targets: np.ndarray, *, bins: int = 10) -> list[tuple[float, float, int]]:
    """(mean score, observed frequency, count) per non-empty equal-width bin."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    return [
        (float(scores[index == b].mean()), float(np.asarray(targets)[index == b].mean()), int((index == b).sum()))
        for b in range(bins)
        if (index == b).any()
    ]
