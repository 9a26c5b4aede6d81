"""The SemEval-2023 paragraph head: 2023 labels per paragraph from the technique model's one encoder pass.

Each paragraph (a non-empty line, numbered as :func:`~spinscope.detect.paragraphs.paragraph_lines` numbers
it) becomes a feature vector built from the pass that found the 2020 findings: mean and max of its
pieces' encoder states, its largest and mean P(inside), and the best finding score and technique
probability per 2020 technique among the findings it holds. The mean state of the whole article and hashed
word n-grams of the paragraph are options of the fit; the shipped head reads neither (its ``groups``, its
empty ``ngram_w``). One logistic regression per 2023 label (one-vs-rest) scores the vector; a label is given
where its probability reaches its threshold. Numpy only at run time; the weights
live in ``paragraphs.npz`` in the model directory. Fitted by :func:`spinscope.train.paragraphs.fit_head`
(fitting lives in ``train/``, as for every model).
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinscope.detect.findings import Finding
from spinscope.detect.model import PARAGRAPH_HEAD_FILE as PARAGRAPH_HEAD_FILE  # the head's file in a model directory
from spinscope.detect.paragraphs import paragraph_lines
from spinscope.encoder.windows import Encoding, PieceIndex
from spinscope.errors import ModelError

#: Dense feature groups, in the order they are concatenated (see :func:`paragraph_inputs`).
GROUPS = ("mean", "max", "inside", "findings", "article")
#: Hashed n-gram buckets of the paragraph text.
N_GRAM_BUCKETS = 1 << 15
_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass
class ParagraphInputs:
    """What the head reads for an article's paragraphs: line numbers, character ranges, dense groups, n-grams."""

    lines: list[tuple[int, int, int]]
    groups: dict[str, np.ndarray]
    ngrams: list[list[int]]

    def dense(self, groups: Sequence[str]) -> np.ndarray:
        """The chosen dense groups side by side, one row per paragraph."""
        return np.concatenate([self.groups[g] for g in groups], axis=1) if groups else np.zeros((len(self.lines), 0))


def ngram_ids(text: str) -> list[int]:
    """Hashed buckets of the lower-cased words and word bigrams of ``text`` (each bucket once)."""
    words = _WORD.findall(text.lower())
    features = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    return sorted({zlib.crc32(f.encode("utf-8")) % N_GRAM_BUCKETS for f in features})


def paragraph_inputs(
    text: str,
    encoding: Encoding,
    p_inside: np.ndarray,
    states: np.ndarray,
    findings: Sequence[Finding],
    n_techniques: int,
) -> ParagraphInputs:
    """Features of every paragraph of ``text`` from one pass: pieces, P(inside), piece states, findings.

    A paragraph without pieces gets zeros for its state and P(inside) groups.
    """
    lines = paragraph_lines(text)
    hidden = states.shape[1] if states.ndim == 2 else 0
    index = PieceIndex(encoding)
    article_mean = states.mean(axis=0) if len(states) else np.zeros(hidden, dtype=np.float32)
    groups = {name: [] for name in GROUPS}  # type: dict[str, list[np.ndarray]]
    for _, start, end in lines:
        pieces = index.overlapping(start, end)
        own, inside = states[pieces], p_inside[pieces]
        if len(own):
            groups["mean"].append(own.mean(axis=0))
            groups["max"].append(own.max(axis=0))
            groups["inside"].append(np.array([inside.max(), inside.mean()], dtype=np.float32))
        else:
            groups["mean"].append(np.zeros(hidden, dtype=np.float32))
            groups["max"].append(np.zeros(hidden, dtype=np.float32))
            groups["inside"].append(np.zeros(2, dtype=np.float32))
        held = np.zeros(2 * n_techniques, dtype=np.float32)
        for finding in findings:
            if finding.start < end and finding.end > start:
                t = finding.technique
                held[t] = max(held[t], finding.score)
                held[n_techniques + t] = max(held[n_techniques + t], finding.technique_prob)
        groups["findings"].append(held)
        groups["article"].append(article_mean)
    widths = {"mean": hidden, "max": hidden, "inside": 2, "findings": 2 * n_techniques, "article": hidden}
    stacked = {
        name: np.stack(rows).astype(np.float32) if rows else np.zeros((0, widths[name]), dtype=np.float32)
        for name, rows in groups.items()
    }
    return ParagraphInputs(lines, stacked, [ngram_ids(text[s:e]) for _, s, e in lines])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


@dataclass
class ParagraphHead:
    """One-vs-rest logistic regression over paragraph features, with a threshold per label.

    ``center``/``scale`` standardise the dense groups; ``dense_w`` (dense features x labels) and
    ``ngram_w`` (:data:`N_GRAM_BUCKETS` x labels, or no rows without n-grams) are the weights.
    """

    labels: list[str]
    groups: list[str]
    center: np.ndarray
    scale: np.ndarray
    dense_w: np.ndarray
    ngram_w: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    info: dict[str, object]

    @property
    def uses_ngrams(self) -> bool:
        return bool(self.ngram_w.shape[0])

    def probabilities(self, inputs: ParagraphInputs) -> np.ndarray:
        """P(label) per paragraph (rows: paragraphs, columns: :attr:`labels`)."""
        dense = (inputs.dense(self.groups) - self.center) / self.scale
        logits = dense @ self.dense_w + self.bias
        if self.uses_ngrams:
            logits += np.stack([self.ngram_w[ids].sum(axis=0) for ids in inputs.ngrams]) if inputs.ngrams else 0.0
        return _sigmoid(logits)

    def predict(self, inputs: ParagraphInputs) -> list[list[tuple[str, float]]]:
        """Per paragraph, the labels whose probability reaches their threshold, with that probability."""
        probs = self.probabilities(inputs)
        return [
            [(label, float(p)) for label, p, t in zip(self.labels, row, self.thresholds, strict=True) if p >= t]
            for row in probs
        ]

    def to_disk(self, path: Path) -> None:
        """Save as compressed ``.npz`` (weights in float16; labels, groups and info as JSON text; no pickle)."""
        meta = {"labels": self.labels, "groups": self.groups, "info": self.info}
        np.savez_compressed(
            path,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            center=self.center.astype(np.float32),
            scale=self.scale.astype(np.float32),
            dense_w=self.dense_w.astype(np.float16),
            ngram_w=self.ngram_w.astype(np.float16),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
        )

    @classmethod
    def from_disk(cls, path: Path) -> ParagraphHead:
        """Load from :meth:`to_disk` output.

        Raises:
            ModelError: the file is missing or not a paragraph head.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode("utf-8"))
                arrays = {k: np.asarray(data[k], dtype=np.float32) for k in ("center", "scale", "dense_w", "ngram_w")}
                bias = np.asarray(data["bias"], dtype=np.float32)
                thresholds = np.asarray(data["thresholds"], dtype=np.float32)
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{path}: not a readable paragraph head ({e})") from e
        return cls(
            list(meta["labels"]), list(meta["groups"]), bias=bias, thresholds=thresholds, info=meta["info"], **arrays
        )
