"""Training the linear technique classifier (hashed n-grams, softmax regression in torch)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from spinscope.detect.linear import N_BUCKETS, LinearTechniqueClassifier, span_feature_ids


def fit_linear(
    examples: Sequence[tuple[str, int, int, int]],
    n_techniques: int,
    *,
    epochs: int = 30,
    lr: float = 0.05,
    weight_decay: float = 1e-6,
    seed: int = 13,
) -> LinearTechniqueClassifier:
    """Fit on (text, start, end, technique index) examples with full-batch Adam."""
    torch.manual_seed(seed)
    ids = [span_feature_ids(text, s, e) for text, s, e, _ in examples]
    flat = torch.tensor([i for row in ids for i in row], dtype=torch.long)
    offsets = torch.tensor(np.cumsum([0] + [len(r) for r in ids[:-1]]), dtype=torch.long)
    labels = torch.tensor([label for *_, label in examples], dtype=torch.long)
    bag = torch.nn.EmbeddingBag(N_BUCKETS, n_techniques, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    optimizer = torch.optim.Adam(bag.parameters(), lr=lr, weight_decay=weight_decay)
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(bag(flat, offsets), labels)
        loss.backward()
        optimizer.step()
    return LinearTechniqueClassifier(bag.weight.detach().numpy().copy())
