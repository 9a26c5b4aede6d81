"""Write a trained net as a torch-free model directory: ONNX encoder (int8), numpy heads, JSON config."""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch

from spinscope.detect.model import ENCODER_FILE
from spinscope.train.neural import SpanTechniqueNet


class _Encoder(torch.nn.Module):
    def __init__(self, net: SpanTechniqueNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.net.hidden_states(input_ids, attention_mask)


def export_token_model(module: torch.nn.Module, path: Path, *, output_name: str, quantize: bool = False) -> None:
    """Export a ``(input_ids, attention_mask) -> per-piece output`` module to ONNX, batch and length dynamic.

    ``quantize`` writes int8 weights (dynamic quantisation, per channel) instead of fp32.
    """
    if not quantize:
        _export_fp32(module, path, output_name=output_name)
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        _export_fp32(module, fp32, output_name=output_name)
        with _without_preprocess_advice():
            quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True)


#: Words of the advice onnxruntime's quantizer logs on the root logger for every model it has not
#: shape-pre-processed. The models here are quantised as exported, and their figures are measured
#: after quantisation, so the advice is only noise in the middle of ``spinscope train``'s output.
_PREPROCESS_ADVICE = "pre-processing before quantization"


class _DropPreprocessAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _PREPROCESS_ADVICE not in record.getMessage()


@contextmanager
def _without_preprocess_advice() -> Iterator[None]:
    """Drop onnxruntime's pre-processing advice, and only that, while quantising.

    The quantizer calls ``logging.warning()``, which also runs ``logging.basicConfig()`` when the root
    logger has no handler; the handler it adds would print every later warning of the process, so it
    is removed again afterwards.
    """
    root = logging.getLogger()
    handlers_before = list(root.handlers)
    advice_filter = _DropPreprocessAdvice()
    root.addFilter(advice_filter)
    try:
        yield
    finally:
        root.removeFilter(advice_filter)
        for handler in list(root.handlers):
            if handler not in handlers_before:
                root.removeHandler(handler)


def _export_fp32(module: torch.nn.Module, path: Path, *, output_name: str) -> None:
    module.eval()
    dummy = torch.ones((2, 16), dtype=torch.long)
    with warnings.catch_warnings():
        # the TorchScript exporter is deprecated and warns while tracing; its output is checked
        # against torch in tests/train (same predictions after reload)
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module,
            (dummy, dummy),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=[output_name],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "attention_mask": {0: "batch", 1: "length"},
                output_name: {0: "batch", 1: "length"},
            },
            opset_version=17,
            dynamo=False,
        )


def write_model_dir(
    net: SpanTechniqueNet,
    out_dir: Path,
    *,
    tokenizer_file: Path,
    config: dict[str, Any],
    quantize: bool = True,
    linear: Any = None,
) -> Path:
    """Export the encoder to ``out_dir/encoder.onnx``; the model's own writer puts the rest beside it."""
    from spinscope.detect.model import write_model_files

    out_dir.mkdir(parents=True, exist_ok=True)
    export_token_model(_Encoder(net), out_dir / ENCODER_FILE, output_name="hidden_states", quantize=quantize)
    return write_model_files(out_dir, config=config, heads=net.heads(), tokenizer_file=tokenizer_file, linear=linear)
