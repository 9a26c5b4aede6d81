"""The ONNX session factory, the ``[CLS]``/``[SEP]`` lookup and softmax, shared by every neural model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from spinscope.errors import ModelError


def onnx_session(path: Path, *, threads: int | None = None) -> Any:
    """An onnxruntime CPU session for the exported network at ``path``.

    ``threads`` (:attr:`Settings.threads`) caps the compute threads of this session (``None``:
    onnxruntime's default, all cores); with a cap the inter-op pool is one thread, so N batch workers
    with ``threads=1`` use N cores. Errors of onnxruntime propagate; callers name the model in them.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def special_ids(tokenizer: Any, source: Path) -> tuple[int, int]:
    """The ``[CLS]`` and ``[SEP]`` ids of a word-piece tokenizer.

    Raises:
        ModelError: the tokenizer (read from ``source``) lacks one of them.
    """
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise ModelError(f"{source}: no [CLS]/[SEP] tokens (not a BERT word-piece tokenizer)")
    return int(cls_id), int(sep_id)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Softmax over the last axis."""
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=-1, keepdims=True)
