"""Technique detection: find propaganda spans (SI), name their techniques (TC), score sentences and articles.

Runs on a CPU with onnxruntime, tokenizers and numpy only (no torch): see ``docs/detection.md``.
"""

from __future__ import annotations

from spinscope.detect.model import TechniqueModel
from spinscope.detect.stage import SHIPPED_MODEL_DIR, DetectStage, build_stage, load_model
from spinscope.detect.submission import predict_si, predict_tc

__all__ = [
    "SHIPPED_MODEL_DIR",
    "DetectStage",
    "TechniqueModel",
    "build_stage",
    "load_model",
    "predict_si",
    "predict_tc",
]
