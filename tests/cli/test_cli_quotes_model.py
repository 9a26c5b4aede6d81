"""A quote model directory (what ``spinscope train --task attribution -o DIR`` writes) is usable by every face.

The directory here is a copy of the shipped quote models: a CRF plus role network, or the CRF alone
(what ``train --fast-quotes`` writes), so the results can be compared with the shipped defaults.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope import Article, Settings
from spinscope.errors import ModelError
from spinscope.quotes import build_stage, load_attributor
from spinscope.quotes.attribute import shipped_model_dir
from spinscope.quotes.network import NETWORK_CONFIG_FILE, NETWORK_FILE, TOKENIZER_FILE

TEXT = "“We will not back down,” Senator Jane Roe said on Tuesday. The ministry denied it, Reuters reported."


def _copy(tmp_path: Path, *, network: bool) -> Path:
    target = tmp_path / ("full" if network else "crf")
    shutil.copytree(shipped_model_dir(), target)
    if not network:
        for name in (NETWORK_FILE, NETWORK_CONFIG_FILE, TOKENIZER_FILE):
            (target / name).unlink()
    return target


def _layers(settings: Settings) -> dict[str, list[dict[str, object]]]:
    annotations = build_stage(settings).predict(Article(TEXT, id="q"))
    return {name: [span.to_dict() for span in spans] for name, spans in annotations.layers.items()}


def test_settings_name_the_quote_model_directory(tmp_path: Path) -> None:
    full, crf = _copy(tmp_path, network=True), _copy(tmp_path, network=False)
    assert _layers(Settings(quotes_model_dir=full)) == _layers(Settings())
    assert _layers(Settings(quotes_model_dir=crf, fast_quotes=True)) == _layers(Settings(fast_quotes=True))
    assert load_attributor(Settings(quotes_model_dir=crf, fast_quotes=True)).network is None


def test_a_directory_without_the_role_network_needs_fast_quotes(tmp_path: Path) -> None:
    crf = _copy(tmp_path, network=False)
    with pytest.raises(ModelError, match=r"role network not found in .*crf"):
        load_attributor(Settings(quotes_model_dir=crf))


def test_analyze_reads_the_quote_model_directory(tmp_path: Path) -> None:
    crf = _copy(tmp_path, network=False)
    text = tmp_path / "article.txt"
    text.write_text(TEXT + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "spinscope", "analyze", str(text), "--format", "json", "--no-techniques"]
    shipped = subprocess.run([*command, "--fast-quotes"], capture_output=True, text=True, timeout=300, check=True)
    own = subprocess.run(
        [*command, "--fast-quotes", "--quotes-model", str(crf)], capture_output=True, text=True, timeout=300, check=True
    )
    assert json.loads(own.stdout)["layers"] == json.loads(shipped.stdout)["layers"]
    refused = subprocess.run([*command, "--quotes-model", str(crf)], capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0
    assert "role network not found" in refused.stderr and str(crf) in refused.stderr
