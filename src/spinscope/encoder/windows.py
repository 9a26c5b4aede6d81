"""Word-piece tokenisation of whole articles and overlapping windows over them (no truncation).

Shared by training and inference so both see exactly the same windows. Needs only numpy and
``tokenizers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

#: Word pieces per window, without [CLS]/[SEP]; 256 positions in all (MiniLM was trained on 256).
WINDOW_PIECES = 254
#: Step between window starts at inference; 62 pieces of overlap keep a context on both sides
#: of every boundary while costing only ~1.3x the pieces of the article.
INFERENCE_STRIDE = 192
#: Training pads a batch to a multiple of this length, so the CPU kernels see few distinct shapes.
LENGTH_STEP = 32


@dataclass(frozen=True)
class Encoding:
    """An article's word pieces: ids and character offsets (start, end) into its text."""

    ids: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Window:
    """``pieces[start:end]`` of an encoding, fed to the encoder between [CLS] and [SEP]."""

    start: int
    end: int


def load_tokenizer(path: Path) -> Tokenizer:
    """A word-piece tokenizer from ``tokenizer.json`` with truncation and padding switched off."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def encode(tokenizer: Tokenizer, text: str) -> Encoding:
    """Tokenise a whole text (no special tokens, never truncated)."""
    encoded = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(encoded.ids, dtype=np.int64)
    offsets = np.asarray(encoded.offsets, dtype=np.int64).reshape(-1, 2)
    return Encoding(ids=ids, offsets=offsets)


def windows(
    n_pieces: int, *, size: int = WINDOW_PIECES, stride: int = INFERENCE_STRIDE, first: int = 0
) -> list[Window]:
    """Windows of ``size`` pieces every ``stride`` pieces covering ``[0, n_pieces)``.

    ``first`` > 0 starts with a short window ``[0, first)`` (training shifts boundaries this way).
    """
    if n_pieces == 0:
        return [Window(0, 0)]
    result = []
    start = 0
    if 0 < first < n_pieces:
        result.append(Window(0, first))
        start = first
    while True:
        end = min(start + size, n_pieces)
        result.append(Window(start, end))
        if end >= n_pieces:
            break
        start += stride
    return result


def window_inputs(ids: np.ndarray, spans: list[Window], *, cls_id: int, sep_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Padded ``input_ids`` and ``attention_mask`` (int64) for a batch of windows over word-piece ``ids``."""
    length = max(w.end - w.start for w in spans) + 2
    input_ids = np.zeros((len(spans), length), dtype=np.int64)
    mask = np.zeros((len(spans), length), dtype=np.int64)
    for row, window in enumerate(spans):
        pieces = ids[window.start : window.end]
        input_ids[row, 0] = cls_id
        input_ids[row, 1 : 1 + len(pieces)] = pieces
        input_ids[row, 1 + len(pieces)] = sep_id
        mask[row, : len(pieces) + 2] = 1
    return input_ids, mask


def padded_length(n_pieces: int) -> int:
    """Training window length with [CLS] and [SEP], rounded up to a multiple of :data:`LENGTH_STEP`."""
    return -(-(n_pieces + 2) // LENGTH_STEP) * LENGTH_STEP


def best_window(spans: list[Window], first: int, last: int) -> int:
    """Index of the window that holds pieces ``[first, last]`` with the widest margin on both sides."""
    best, best_margin = 0, -(10**9)
    for index, window in enumerate(spans):
        margin = min(first - window.start, window.end - 1 - last)
        if margin > best_margin:
            best, best_margin = index, margin
    return best


class PieceIndex:
    """Finds the pieces that overlap a character range by binary search (pieces come in text order).

    Gives the same pieces as the mask ``(starts < end) & (ends > start)``, in O(log n) instead of O(n)
    per range, so that scoring every sentence and word of a long article stays linear.
    """

    def __init__(self, encoding: Encoding) -> None:
        self.starts = encoding.offsets[:, 0]
        self.ends = encoding.offsets[:, 1]
        # a tokenizer that reorders or nests offsets is searched with the mask instead
        self.ordered = bool(np.all(np.diff(self.starts) >= 0) and np.all(np.diff(self.ends) >= 0))

    def overlapping(self, start: int, end: int) -> slice | np.ndarray:
        """Index of the pieces overlapping characters ``[start, end)`` (a slice or an index array)."""
        if not self.ordered:
            return np.nonzero((self.starts < end) & (self.ends > start))[0]
        first = int(np.searchsorted(self.ends, start, side="right"))
        stop = int(np.searchsorted(self.starts, end, side="left"))
        return slice(first, max(first, stop))


def piece_range(encoding: Encoding, start: int, end: int) -> tuple[int, int] | None:
    """First and last piece index overlapping characters ``[start, end)``; None if none does."""
    if len(encoding) == 0:
        return None
    starts, ends = encoding.offsets[:, 0], encoding.offsets[:, 1]
    inside = np.nonzero((starts < end) & (ends > start))[0]
    if len(inside) == 0:
        return None
    return int(inside[0]), int(inside[-1])
