"""Training batches: every window of every article exactly once, grouped by length to save padding."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

pytest.importorskip("torch")

from spinscope.encoder.windows import LENGTH_STEP, WINDOW_PIECES, Encoding, padded_length
from spinscope.train.neural import GoldPieces, TrainingArticle, _epoch_batches

pytestmark = pytest.mark.ml


def _article(index: int, n_pieces: int) -> TrainingArticle:
    encoding = Encoding(ids=np.arange(n_pieces), offsets=np.stack([np.arange(n_pieces)] * 2, axis=1))
    spans = [GoldPieces(5, 7, 0, np.zeros(4)), GoldPieces(n_pieces - 3, n_pieces - 2, 1, np.zeros(4))]
    return TrainingArticle(str(index), "x" * n_pieces, encoding, np.zeros(n_pieces), spans, [])


def test_windows_cover_each_article_once_and_batches_share_a_length() -> None:
    lengths = [40, 300, 700, 1200, 90, 2000, 510, 260]
    data = [_article(i, n) for i, n in enumerate(lengths)]
    batches = _epoch_batches(data, random.Random(3), batch_windows=4)
    covered: dict[int, list[tuple[int, int]]] = {}
    for batch in batches:
        for article_index, window, _ in batch:
            covered.setdefault(article_index, []).append((window.start, window.end))
    for article_index, n in enumerate(lengths):
        ranges = sorted(covered[article_index])
        assert ranges[0][0] == 0 and ranges[-1][1] == n
        assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))  # no gap, no overlap
    owned = sorted((a, span[0]) for batch in batches for a, _, spans in batch for span in spans)
    assert owned == sorted((i, first) for i, item in enumerate(data) for first, *_ in item.spans)
    # sorted by padded length before cutting into batches: batches hold neighbouring lengths, never interleaved
    bounds = sorted(
        (min(sizes), max(sizes))
        for sizes in ([padded_length(w.end - w.start) for _, w, _ in batch] for batch in batches)
    )
    assert all(low_max <= high_min for (_, low_max), (high_min, _) in itertools.pairwise(bounds))
    assert sum(len(batch) * max(padded_length(w.end - w.start) for _, w, _ in batch) for batch in batches) < sum(
        len(batch) * (WINDOW_PIECES + 2) for batch in batches
    )
    assert padded_length(WINDOW_PIECES) == WINDOW_PIECES + 2 and padded_length(1) % LENGTH_STEP == 0
