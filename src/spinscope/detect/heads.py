"""The two small heads over encoder states, in numpy: span tagging (SI) and technique (TC).

One encoder pass per window serves both heads. ``run_article`` is the single inference path,
used with the ONNX encoder at run time and with the torch encoder during training.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.encoder.session import softmax
from spinscope.encoder.windows import WINDOW_PIECES, Encoding, best_window, window_inputs, windows
from spinscope.progress import report

#: ``hidden_states(input_ids, attention_mask) -> (batch, length, hidden)`` float32.
HiddenFn = Callable[[np.ndarray, np.ndarray], np.ndarray]
#: SI tag indices.
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
#: Windows per encoder call at inference (bounds peak memory on long articles).
BATCH_WINDOWS = 8


@dataclass
class Heads:
    """Weights of the SI and TC heads (``x @ W + b`` layout)."""

    si_w: np.ndarray
    si_b: np.ndarray
    tc_w1: np.ndarray
    tc_b1: np.ndarray
    tc_w2: np.ndarray
    tc_b2: np.ndarray

    def to_disk(self, path: Path) -> None:
        """Save as ``.npz`` (no pickle)."""
        np.savez(path, **{name: getattr(self, name).astype(np.float32) for name in self.__dataclass_fields__})

    @classmethod
    def from_disk(cls, path: Path) -> Heads:
        """Load from :meth:`to_disk` output."""
        with np.load(path, allow_pickle=False) as data:
            return cls(**{name: np.asarray(data[name], dtype=np.float32) for name in cls.__dataclass_fields__})

    def si_logits(self, hidden: np.ndarray) -> np.ndarray:
        """Per-position O/B/I logits."""
        return hidden @ self.si_w + self.si_b

    def tc_logits(self, span_reps: np.ndarray) -> np.ndarray:
        """Technique logits from span representations (see :func:`span_representations`)."""
        return np.tanh(span_reps @ self.tc_w1 + self.tc_b1) @ self.tc_w2 + self.tc_b2


def span_representations(hidden: np.ndarray, first: int, last: int, features: np.ndarray) -> np.ndarray:
    """[mean of the span's states, first state, last state, [CLS] state, features] for one window.

    ``first``/``last`` index positions in the window (``[CLS]`` at 0).
    """
    return np.concatenate(
        [hidden[first : last + 1].mean(axis=0), hidden[first], hidden[last], hidden[0], features]
    ).astype(np.float32)


@dataclass
class ArticleOutput:
    """Inference result for one article: P(inside a span) per piece and technique logits per asked span.

    ``states``: the encoder state of every piece (mean over the windows covering it), only when asked
    (``run_article(keep_states=True)``), else None.
    """

    p_inside: np.ndarray
    p_begin: np.ndarray
    technique_logits: np.ndarray
    states: np.ndarray | None = None


def run_article(
    hidden_states: HiddenFn,
    heads: Heads,
    encoding: Encoding,
    *,
    cls_id: int,
    sep_id: int,
    stride: int,
    span_pieces: list[tuple[int, int]] | None = None,
    span_features: list[np.ndarray] | None = None,
    keep_states: bool = False,
) -> ArticleOutput:
    """Encode an article window by window; tag every piece and classify the asked spans.

    Pieces covered by several windows get the mean of their probabilities (and, with ``keep_states``,
    of their encoder states). Each asked span (first and last piece, inclusive) is classified in the
    window where it sits most centrally.
    """
    n = len(encoding)
    spans = windows(n, size=WINDOW_PIECES, stride=stride)
    probs_sum = np.zeros((n, 3), dtype=np.float64)
    counts = np.zeros(n, dtype=np.float64)
    states_sum: np.ndarray | None = None
    span_pieces = span_pieces or []
    span_features = span_features or []
    # each window classifies the spans it owns (looking each window's spans up, not every span per window)
    owned: dict[int, list[int]] = {}
    for index, (first, last) in enumerate(span_pieces):
        owned.setdefault(best_window(spans, first, last), []).append(index)
    reps: list[np.ndarray | None] = [None] * len(span_pieces)
    for batch_start in range(0, len(spans), BATCH_WINDOWS):
        report("techniques", batch_start, len(spans))
        batch = spans[batch_start : batch_start + BATCH_WINDOWS]
        input_ids, mask = window_inputs(encoding.ids, batch, cls_id=cls_id, sep_id=sep_id)
        hidden = hidden_states(input_ids, mask)
        for row, window in enumerate(batch):
            length = window.end - window.start
            if length:
                probs = softmax(heads.si_logits(hidden[row, 1 : 1 + length]))
                probs_sum[window.start : window.end] += probs
                counts[window.start : window.end] += 1
                if keep_states:
                    if states_sum is None:
                        states_sum = np.zeros((n, hidden.shape[-1]), dtype=np.float32)
                    states_sum[window.start : window.end] += hidden[row, 1 : 1 + length]
            for index in owned.get(batch_start + row, []):
                first, last = span_pieces[index]
                lo = min(max(first, window.start), max(window.end - 1, window.start)) - window.start + 1
                hi = min(max(last, window.start), max(window.end - 1, window.start)) - window.start + 1
                reps[index] = span_representations(hidden[row], lo, hi, span_features[index])
    report("techniques", len(spans), len(spans))
    probs_mean = probs_sum / np.maximum(counts, 1)[:, None]
    states = None
    if keep_states:
        states = np.zeros((n, 0), dtype=np.float32) if states_sum is None else states_sum
        states /= np.maximum(counts, 1).astype(np.float32)[:, None]
    if span_pieces:
        logits = heads.tc_logits(np.stack([r for r in reps if r is not None]))
    else:
        logits = np.zeros((0, heads.tc_b2.shape[0]), dtype=np.float32)
    return ArticleOutput(
        p_inside=(probs_mean[:, BEGIN] + probs_mean[:, INSIDE]).astype(np.float32),
        p_begin=probs_mean[:, BEGIN].astype(np.float32),
        technique_logits=logits,
        states=states,
    )
