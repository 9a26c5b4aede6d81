"""ONNX export: quantising prints nothing and leaves the process's logging as it was."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.ml

pytest.importorskip("torch")
pytest.importorskip("onnxruntime.quantization")

#: A tiny token model exported and quantised in a fresh interpreter (no logging configured, as in the CLI).
SCRIPT = textwrap.dedent(
    """
    import logging
    import sys
    from pathlib import Path

    import onnxruntime
    import torch

    from spinscope.train.export import export_token_model


    class Tiny(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = torch.nn.Embedding(100, 8)
            self.out = torch.nn.Linear(8, 3)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.out(self.embed(input_ids)) * attention_mask.unsqueeze(-1)


    path = Path(sys.argv[1])
    export_token_model(Tiny(), path, output_name="logits", quantize=True)
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert [o.name for o in session.get_outputs()] == ["logits"]
    print("root handlers:", len(logging.getLogger().handlers))
    logging.getLogger("spinscope.later").warning("a later warning")
    """
)


def test_quantised_export_prints_no_onnxruntime_advice(tmp_path: Path) -> None:
    script = tmp_path / "export_tiny.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "error", str(script), str(tmp_path / "tiny.onnx")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pre-processing" not in done.stderr
    # the basicConfig() that the quantizer's logging.warning() runs is undone: a later warning goes to
    # logging's last-resort handler (the bare message), not to a "WARNING:name:" handler left behind
    assert "root handlers: 0" in done.stdout
    assert done.stderr.strip() == "a later warning"
