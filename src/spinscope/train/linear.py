"""Training the linear technique classifier: L2-regularised softmax regression over hashed n-grams."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from spinscope.detect.linear import N_BUCKETS, LinearTechniqueClassifier, span_feature_ids


def fit_linear(
    examples: Sequence[tuple[str, int, int, int]],
    n_techniques: int,
    *,
    c: float = 1.0,
    max_iter: int = 3000,
) -> LinearTechniqueClassifier:
    """Fit on (text, start, end, technique index) examples (scikit-learn, L-BFGS, deterministic).

    ``c`` is the inverse L2 strength. Techniques absent from ``examples`` keep zero weights and a
    very low intercept, so they are never predicted.
    """
    import scipy.sparse as sparse
    from sklearn.linear_model import LogisticRegression

    ids = [span_feature_ids(text, s, e) for text, s, e, _ in examples]
    indptr = np.cumsum([0] + [len(row) for row in ids])
    matrix = sparse.csr_matrix(
        (np.ones(indptr[-1], dtype=np.float64), np.concatenate(ids) if ids else [], indptr),
        shape=(len(ids), N_BUCKETS),
    )
    labels = np.asarray([label for *_, label in examples], dtype=np.int64)
    weights = np.zeros((N_BUCKETS, n_techniques), dtype=np.float32)
    intercept = np.full(n_techniques, -30.0, dtype=np.float32)
    present = np.unique(labels)
    if len(present) == 1:
        intercept[present[0]] = 0.0
    elif len(present) > 1:
        model = LogisticRegression(C=c, max_iter=max_iter).fit(matrix, labels)
        if len(present) == 2:  # scikit-learn keeps one row, the log-odds of the second class
            weights[:, present[1]] = model.coef_[0]
            intercept[present] = (0.0, model.intercept_[0])
        else:
            weights[:, present] = model.coef_.T
            intercept[present] = model.intercept_
    return LinearTechniqueClassifier(weights, intercept)
