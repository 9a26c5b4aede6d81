"""A linear technique classifier over hashed n-grams of a span and its context (numpy only).

The simple baseline beside the neural head; the shipped model mixes both (``config["linear"]``).
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.detect.spans import normalised_text
from spinscope.encoder.session import softmax

#: Hashed feature space (2^17 rows x 14 techniques in fp16 is 3.7 MB).
N_BUCKETS = 1 << 17
#: Words of context taken on each side of a span, inside its line.
CONTEXT_WORDS = 8
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_BUCKETS


def span_feature_ids(text: str, start: int, end: int, *, normalised: str | None = None) -> list[int]:
    """Hashed features: span words and bigrams, first/last word, context words, length and repetition.

    ``normalised``: :func:`~spinscope.detect.spans.normalised_text` of ``text``, computed once by callers.
    """
    fragment = text[start:end].lower()
    words = _TOKEN.findall(fragment)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = _TOKEN.findall(text[line_start:start].lower())[-CONTEXT_WORDS:]
    right = _TOKEN.findall(text[end:line_end].lower())[:CONTEXT_WORDS]
    fragment_words = " ".join(fragment.split())
    if len(fragment_words) >= 3:
        repeats = (normalised if normalised is not None else normalised_text(text)).count(fragment_words) - 1
    else:
        repeats = 0
    features = ["bias", f"len:{min(len(words), 20) // 2}", f"rep:{min(max(repeats, 0), 3)}"]
    features += [f"w:{w}" for w in words]
    features += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    if words:
        features += [f"first:{words[0]}", f"last:{words[-1]}"]
    features += [f"l:{w}" for w in left] + [f"r:{w}" for w in right]
    if len(words) > 0 and len(left) == 0:
        features.append("line_start")
    return [_bucket(f) for f in features]


@dataclass
class LinearTechniqueClassifier:
    """Technique logits = intercept + sum of the weight rows of a span's hashed features."""

    weights: np.ndarray
    intercept: np.ndarray

    def logits(self, text: str, ranges: list[tuple[int, int]], *, normalised: str | None = None) -> np.ndarray:
        """Technique logits of each character range of ``text`` (``normalised``: see :func:`span_feature_ids`)."""
        if ranges and normalised is None:
            normalised = normalised_text(text)
        rows = [
            self.weights[span_feature_ids(text, s, e, normalised=normalised)].astype(np.float32).sum(axis=0)
            for s, e in ranges
        ]
        if not rows:
            return np.zeros((0, self.weights.shape[1]), dtype=np.float32)
        return np.stack(rows) + self.intercept

    def to_disk(self, path: Path) -> None:
        """Save as compressed ``.npz`` (weights in float16; no pickle)."""
        np.savez_compressed(path, weights=self.weights.astype(np.float16), intercept=self.intercept.astype(np.float32))

    @classmethod
    def from_disk(cls, path: Path) -> LinearTechniqueClassifier:
        """Load from :meth:`to_disk` output (a file without ``intercept`` reads as zeros)."""
        with np.load(path, allow_pickle=False) as data:
            weights = np.asarray(data["weights"], dtype=np.float32)
            intercept = data["intercept"] if "intercept" in data.files else np.zeros(weights.shape[1])
            return cls(weights, np.asarray(intercept, dtype=np.float32))


def mix_probabilities(neural: np.ndarray, linear_logits: np.ndarray, weight: float) -> np.ndarray:
    """Log-linear mix of the neural head's technique probabilities with the linear classifier's."""
    linear = softmax(linear_logits)
    return softmax((1 - weight) * np.log(neural + 1e-9) + weight * np.log(linear + 1e-9))
