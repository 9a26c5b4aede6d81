"""The technique model at run time: ONNX encoder + numpy heads + tokenizer, no torch.

A model directory holds ``encoder.onnx``, ``heads.npz``, ``tokenizer.json`` and ``config.json``
(techniques, post-processing, calibration). Nothing is unpickled.
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.heads import Heads, HiddenFn, run_article
from spinscope.detect.linear import LinearTechniqueClassifier, mix_probabilities
from spinscope.detect.spans import DecodeSettings, decode_spans, normalised_text, span_features
from spinscope.encoder.session import onnx_session, softmax, special_ids
from spinscope.encoder.windows import INFERENCE_STRIDE, Encoding, PieceIndex, encode, load_tokenizer, piece_range
from spinscope.errors import ModelError
from spinscope.progress import watching

CONFIG_FILE = "config.json"
ENCODER_FILE = "encoder.onnx"
HEADS_FILE = "heads.npz"
TOKENIZER_FILE = "tokenizer.json"
#: Optional linear technique classifier mixed into the neural head's probabilities.
LINEAR_FILE = "linear.npz"
#: Optional SemEval-2023 paragraph head (:mod:`spinscope.detect.paragraph_head`), copied along by ``to_disk``.
PARAGRAPH_HEAD_FILE = "paragraphs.npz"
#: Version of the model directory layout this code reads.
FORMAT_VERSION = 1


def logit(p: np.ndarray | float) -> np.ndarray:
    """log(p / (1 - p)) with p clipped to [1e-6, 1 - 1e-6]."""
    clipped = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))


def _sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def technique_features(span_score: float, technique_prob: float, n_chars: int) -> tuple[float, float, float]:
    """What the technique calibration reads: logit of the span score, log of the technique
    probability, log of the span's length in characters."""
    return float(logit(span_score)), math.log(max(technique_prob, 1e-6)), math.log(max(n_chars, 1))


@dataclass(frozen=True)
class Calibration:
    """Maps raw model outputs to probabilities (fitted on the held-out train split).

    ``technique``: P(a predicted span with this technique is right) =
    sigmoid(a * logit(span score) + b * log P(technique) + d * log(characters) + c), stored as
    ``(a, b, d, c)`` (older models store ``(a, b, c)``: no length term); ``sentence``: P(the sentence holds
    a technique) = sigmoid(a * logit(max P(inside) in it) + b); ``temperature`` softens the TC softmax.
    """

    temperature: float = 1.0
    technique: tuple[float, ...] = (1.0, 1.0, 0.0, 0.0)
    sentence: tuple[float, float] = (1.0, 0.0)

    def technique_score(self, span_score: float, technique_prob: float, n_chars: int) -> float:
        *weights, bias = self.technique
        features = technique_features(span_score, technique_prob, n_chars)[: len(weights)]
        return float(_sigmoid(sum(w * x for w, x in zip(weights, features, strict=True)) + bias))

    def score_detected(self, span: DetectedSpan) -> float:
        """:meth:`technique_score` of a detected span with its most probable technique."""
        best = float(np.max(span.technique_probs))
        return self.technique_score(span.span_score, best, span.end - span.start)

    def sentence_score(self, max_inside: float) -> float:
        a, b = self.sentence
        return float(_sigmoid(a * logit(max_inside) + b))

    def to_dict(self) -> dict[str, Any]:
        """The ``calibration`` entry of a model's ``config.json``."""
        return {"temperature": self.temperature, "technique": list(self.technique), "sentence": list(self.sentence)}

    @classmethod
    def from_dict(cls, entry: dict[str, Any]) -> Calibration:
        """Read the ``calibration`` entry of a ``config.json`` (:meth:`to_dict`)."""
        a, b = entry["sentence"]
        return cls(temperature=float(entry["temperature"]), technique=tuple(entry["technique"]), sentence=(a, b))

    def to_disk(self, path: Path) -> None:
        """Write :meth:`to_dict` as a JSON file (a model directory keeps it inside ``config.json``)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> Calibration:
        """Read a file written by :meth:`to_disk`.

        Raises:
            ModelError: the file is missing or not a calibration.
        """
        try:
            return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ModelError(f"{path}: not a readable calibration ({e})") from e


@dataclass(frozen=True)
class DetectedSpan:
    """A propaganda span: characters, technique probabilities (model order), raw span score."""

    start: int
    end: int
    span_score: float
    technique_probs: np.ndarray


class _CachedEncoder:
    """Runs the ONNX encoder, remembering the last article's windows (SI and TC share one pass)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.cache: dict[bytes, np.ndarray] = {}

    def __call__(self, input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        key = input_ids.tobytes() + mask.tobytes()
        if key not in self.cache:
            (hidden,) = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})
            self.cache[key] = hidden
        return self.cache[key]


class TechniqueModel:
    """Finds propaganda spans (SI) and names their techniques (TC)."""

    def __init__(
        self,
        model_dir: Path,
        config: dict[str, Any],
        hidden_states: HiddenFn,
        heads: Heads,
        tokenizer: Any,
        linear: LinearTechniqueClassifier | None = None,
    ) -> None:
        self.model_dir = model_dir
        self.config = config
        self.techniques: list[str] = list(config["techniques"])
        self.decode = DecodeSettings(**config["decode"])
        self.calibration = Calibration.from_dict(config["calibration"])
        self.stride = int(config.get("stride", INFERENCE_STRIDE))
        self.hidden_states = hidden_states
        self.heads = heads
        self.linear = linear
        #: Weight of the linear classifier in the log-linear mix of technique probabilities.
        self.linear_weight = float(config.get("linear", {}).get("weight", 0.0)) if linear is not None else 0.0
        self.tokenizer = tokenizer
        self.cls_id, self.sep_id = special_ids(tokenizer, model_dir / TOKENIZER_FILE)

    @property
    def name(self) -> str:
        return str(self.config.get("name", self.model_dir.name))

    @property
    def version(self) -> str:
        return str(self.config.get("version", "0"))

    @property
    def min_score(self) -> float:
        """The display threshold: findings scoring below it are kept in results but not shown by default.

        Read from ``config.json`` (``display.min_score``); a model without one shows everything.
        """
        return float(self.config.get("display", {}).get("min_score", 0.0))

    @classmethod
    def from_disk(cls, model_dir: Path | str, *, threads: int | None = None) -> TechniqueModel:
        """Load a model directory written by ``spinscope train``.

        Raises:
            ModelError: a file is missing, or the directory has another format version.
        """
        model_dir = Path(model_dir)
        for name in (CONFIG_FILE, ENCODER_FILE, HEADS_FILE, TOKENIZER_FILE):
            if not (model_dir / name).is_file():
                raise ModelError(f"{model_dir}: {name} is missing; train a model with `spinscope train -o DIR`")
        try:
            config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise ModelError(f"{model_dir / CONFIG_FILE}: not valid JSON ({e})") from e
        if config.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{model_dir}: format_version {config.get('format_version')!r}, expected {FORMAT_VERSION}")
        session = onnx_session(model_dir / ENCODER_FILE, threads=threads)
        linear_path = model_dir / LINEAR_FILE
        linear = LinearTechniqueClassifier.from_disk(linear_path) if linear_path.is_file() else None
        return cls(
            model_dir,
            config,
            _CachedEncoder(session),
            Heads.from_disk(model_dir / HEADS_FILE),
            load_tokenizer(model_dir / TOKENIZER_FILE),
            linear,
        )

    def to_disk(self, path: Path) -> None:
        """Write this model's directory to ``path`` (:func:`write_model_files`, and the paragraph head where there is
        one); :meth:`from_disk` reads it back.

        Raises:
            ModelError: the model was not loaded from a directory that still holds its encoder and tokenizer.
        """
        write_model_files(
            Path(path),
            config=self.config,
            heads=self.heads,
            tokenizer_file=self.model_dir / TOKENIZER_FILE,
            encoder_file=self.model_dir / ENCODER_FILE,
            linear=self.linear,
        )
        head = self.model_dir / PARAGRAPH_HEAD_FILE
        if head.is_file() and head.resolve() != (Path(path) / PARAGRAPH_HEAD_FILE).resolve():
            shutil.copyfile(head, Path(path) / PARAGRAPH_HEAD_FILE)

    def encode(self, text: str) -> Encoding:
        return encode(self.tokenizer, text)

    def _run(self, encoding: Encoding, text: str, ranges: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """P(inside) per piece and technique probabilities per character range."""
        index = PieceIndex(encoding)
        pieces = [_piece_range(index, encoding, start, end) for start, end in ranges]
        asked = [(p if p is not None else _nearest_piece(encoding, r[0])) for p, r in zip(pieces, ranges, strict=True)]
        normalised = normalised_text(text) if ranges else ""
        output = run_article(
            self.hidden_states,
            self.heads,
            encoding,
            cls_id=self.cls_id,
            sep_id=self.sep_id,
            stride=self.stride,
            span_pieces=asked if len(encoding) else [],
            span_features=[span_features(text, s, e, normalised=normalised) for s, e in ranges]
            if len(encoding)
            else [],
        )
        if isinstance(self.hidden_states, _CachedEncoder):
            self.hidden_states.cache.clear()
        probs = softmax(output.technique_logits, self.calibration.temperature)
        if not len(encoding):
            probs = np.full((len(ranges), len(self.techniques)), 1.0 / len(self.techniques), dtype=np.float32)
        if self.linear is not None and self.linear_weight > 0 and ranges:
            probs = mix_probabilities(
                probs, self.linear.logits(text, ranges, normalised=normalised), self.linear_weight
            )
        return output.p_inside, probs

    def p_inside(self, text: str) -> tuple[Encoding, np.ndarray]:
        """The article's pieces and P(inside a propaganda span) for each."""
        encoding = self.encode(text)
        if not len(encoding):
            return encoding, np.zeros(0, dtype=np.float32)
        p_inside, _ = self._run(encoding, text, [])
        return encoding, p_inside

    def classify(self, text: str, ranges: list[tuple[int, int]]) -> np.ndarray:
        """Technique probabilities (rows: ranges, columns: :attr:`techniques`) for given spans (TC)."""
        if not ranges:
            return np.zeros((0, len(self.techniques)), dtype=np.float32)
        _, probs = self._run(self.encode(text), text, ranges)
        return probs

    def detect(self, text: str) -> tuple[Encoding, np.ndarray, list[DetectedSpan]]:
        """Find spans and classify them in one encoder pass: (pieces, P(inside) per piece, spans)."""
        encoding = self.encode(text)
        if not len(encoding):
            return encoding, np.zeros(0, dtype=np.float32), []
        cache = self.hidden_states if isinstance(self.hidden_states, _CachedEncoder) else None
        output = run_article(
            self.hidden_states, self.heads, encoding, cls_id=self.cls_id, sep_id=self.sep_id, stride=self.stride
        )
        found = decode_spans(text, encoding.offsets, output.p_inside, self.decode)
        ranges = [(start, end) for start, end, _ in found]
        probs = np.zeros((0, len(self.techniques)), dtype=np.float32)
        if ranges:
            with watching(None):  # the second pass reads the first pass's cached states: no progress to tell
                _, probs = self._run(encoding, text, ranges)
        elif cache is not None:
            cache.cache.clear()
        spans = [DetectedSpan(s, e, score, probs[i]) for i, (s, e, score) in enumerate(found)]
        return encoding, output.p_inside, spans


def model_config(
    *,
    name: str,
    version: str,
    techniques: list[str],
    decode: dict[str, Any],
    calibration: Calibration,
    tasks: list[str],
    linear_weight: float,
    linear_c: float,
    training: dict[str, Any],
) -> dict[str, Any]:
    """The ``config.json`` of a technique model directory (format :data:`FORMAT_VERSION`)."""
    return {
        "format_version": FORMAT_VERSION,
        "name": name,
        "version": version,
        "techniques": techniques,
        "decode": decode,
        "stride": INFERENCE_STRIDE,
        "calibration": calibration.to_dict(),
        "tasks": tasks,
        "linear": {"weight": linear_weight, "c": linear_c},
        "training": training,
    }


def write_model_files(
    path: Path,
    *,
    config: dict[str, Any],
    heads: Heads,
    tokenizer_file: Path,
    encoder_file: Path | None = None,
    linear: LinearTechniqueClassifier | None = None,
) -> Path:
    """Create the model directory ``path``: ``config.json``, ``heads.npz``, ``tokenizer.json``, ``linear.npz``
    (with a linear classifier) and ``encoder.onnx`` (copied from ``encoder_file``; training exports it there).

    Raises:
        ModelError: ``encoder_file`` or ``tokenizer_file`` is missing.
    """
    path.mkdir(parents=True, exist_ok=True)
    for source, name in ((encoder_file, ENCODER_FILE), (tokenizer_file, TOKENIZER_FILE)):
        if source is None:
            continue
        if not source.is_file():
            raise ModelError(f"{source}: missing; cannot write the model directory {path}")
        if source.resolve() != (path / name).resolve():
            shutil.copyfile(source, path / name)
    heads.to_disk(path / HEADS_FILE)
    if linear is not None:
        linear.to_disk(path / LINEAR_FILE)
    (path / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def _piece_range(index: PieceIndex, encoding: Encoding, start: int, end: int) -> tuple[int, int] | None:
    """:func:`piece_range` by binary search (the same pieces; see :class:`PieceIndex`)."""
    if not index.ordered:
        return piece_range(encoding, start, end)
    found = index.overlapping(start, end)
    assert isinstance(found, slice)
    if found.stop <= found.start:
        return None
    return found.start, found.stop - 1


def _nearest_piece(encoding: Encoding, char: int) -> tuple[int, int]:
    if not len(encoding):
        return (0, 0)
    index = int(np.argmin(np.abs(encoding.offsets[:, 0] - char)))
    return (index, index)
