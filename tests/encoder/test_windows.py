"""Windows over an article's word pieces, shared by the technique model and the quote role network."""

from __future__ import annotations

import itertools

import numpy as np

from spinscope.encoder.windows import Window, window_inputs, windows


def test_windows_cover_every_piece_with_overlap() -> None:
    assert windows(10) == [Window(0, 10)]
    assert windows(0) == [Window(0, 0)]
    spans = windows(600, size=254, stride=192)
    assert spans[0] == Window(0, 254) and spans[-1].end == 600
    assert all(b.start < a.end for a, b in itertools.pairwise(spans))


def test_window_inputs_wrap_each_window_in_cls_and_sep() -> None:
    ids = np.arange(10, 20)
    input_ids, mask = window_inputs(ids, [Window(0, 4), Window(2, 10)], cls_id=1, sep_id=2)
    assert input_ids.shape == mask.shape == (2, 10)
    assert list(input_ids[0, :6]) == [1, 10, 11, 12, 13, 2] and list(mask[0]) == [1] * 6 + [0] * 4
    assert list(input_ids[1]) == [1, *range(12, 20), 2] and mask[1].all()
