"""One set of fine-tuning hyper-parameters: each model's config extends it and keeps the shipped values."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

import pytest

from spinscope.detect.stage import SHIPPED_MODEL_DIR
from spinscope.quotes.attribute import shipped_model_dir
from spinscope.quotes.network import NETWORK_CONFIG_FILE
from spinscope.train.loop import FineTuneConfig
from spinscope.train.roles import NetworkConfig


def test_role_network_config_is_the_shipped_one() -> None:
    shipped = json.loads((shipped_model_dir() / NETWORK_CONFIG_FILE).read_text(encoding="utf-8"))["training"]
    assert issubclass(NetworkConfig, FineTuneConfig)
    assert asdict(NetworkConfig()) == shipped


@pytest.mark.ml
def test_technique_config_extends_the_shared_one() -> None:
    from spinscope.train.neural import TrainConfig

    shipped = json.loads((SHIPPED_MODEL_DIR / "config.json").read_text(encoding="utf-8"))["training"]
    config = TrainConfig()
    assert issubclass(TrainConfig, FineTuneConfig)
    assert {f.name for f in fields(FineTuneConfig)} < {f.name for f in fields(TrainConfig)}
    for name in ("seed", "epochs", "encoder_lr", "batch_windows"):
        assert getattr(config, name) == shipped[name]
