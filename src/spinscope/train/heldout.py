"""The held-out network of the training recipe, kept: the tuning material of technique findings.

``spinscope train`` fine-tunes twice: on the fit part of ``heldout_split(seed)`` (tuning) and on all
371 train articles (shipped). :func:`train_heldout` runs exactly the first run (same functions,
same settings) and exports it like the shipped model (int8 ONNX, numpy heads, tokenizer, the
linear classifier fitted on the fit articles only), with the post-processing and calibration of an
existing model directory (the shipped one by default), so choices about findings can be tuned on
the held-out articles with a network that never saw them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from spinscope.errors import ModelError
from spinscope.train.techniques import HELDOUT_RECORD


def train_heldout(
    data_dir: Path,
    out_dir: Path,
    *,
    seed: int = 13,
    bf16: bool = True,
    tuning_from: Path,
    encoder_dir: Path | None = None,
    max_articles: int | None = None,
    epochs: int | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Train the held-out run of the recipe and export it to ``out_dir``; return its record.

    Raises:
        DataNotFoundError: the PTC v2 train folders are not under ``data_dir``.
        ModelError: ``tuning_from`` has no usable config.json, or the encoder's tokenizer lacks [CLS]/[SEP].
    """
    import torch

    from spinscope.detect.model import CONFIG_FILE
    from spinscope.train.export import write_model_dir
    from spinscope.train.neural import TrainConfig, build_net, fit, heldout_split, prepare
    from spinscope.train.techniques import HELDOUT_FRACTION, describe_encoder, training_inputs, tune_on_heldout

    started = time.monotonic()
    try:
        shipped = json.loads((tuning_from / CONFIG_FILE).read_text(encoding="utf-8"))
        shipped["decode"], shipped["calibration"], shipped["techniques"]
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"{tuning_from}: no usable {CONFIG_FILE} to take decode and calibration from ({e})") from e
    inputs = training_inputs(data_dir, encoder_dir=encoder_dir, max_articles=max_articles)
    techniques, articles, encoder = inputs.techniques, inputs.articles, inputs.encoder_dir
    tokenizer, cls_id, sep_id = inputs.tokenizer, inputs.cls_id, inputs.sep_id
    config = replace(TrainConfig(seed=seed), bf16=bf16)
    if epochs:
        config = replace(config, epochs=epochs)
    data = prepare(articles, tokenizer, techniques)
    fit_ids, held_ids = heldout_split([a.id for a in articles], seed=seed, fraction=HELDOUT_FRACTION)
    fit_data = [d for d in data if d.article_id in set(fit_ids)]
    held_data = [d for d in data if d.article_id in set(held_ids)]
    log(f"held-out run: {len(fit_data)} fit / {len(held_data)} held-out articles (seed {seed}, bf16 {bf16})")
    net = build_net(encoder, len(techniques), config)
    fit(net, fit_data, config, cls_id=cls_id, sep_id=sep_id, log=log)
    train_s = round(time.monotonic() - started, 1)
    tuned = tune_on_heldout(net, fit_data, held_data, len(techniques), with_linear=True, cls_id=cls_id, sep_id=sep_id)
    report, linear, calibration = tuned.report, tuned.linear, tuned.calibration
    temperature, linear_weight, mix_accuracy = tuned.temperature, tuned.linear_weight, tuned.mix_accuracy
    record: dict[str, Any] = {
        "seed": seed,
        "config": asdict(config),
        "encoder": describe_encoder(encoder_dir),
        "fit_ids": fit_ids,
        "heldout_ids": held_ids,
        "heldout": {
            "si": report.si,
            "decode": asdict(report.decode),
            "tc_accuracy": report.tc_accuracy,
            "temperature": temperature,
            "linear_weight": linear_weight,
            "tc_accuracy_mixed": mix_accuracy,
            "calibration": calibration.to_dict(),
        },
        "decode_and_calibration_from": str(tuning_from),
        "train_s": train_s,
    }
    log(
        f"held-out: SI F1 {report.si['f1']:.4f} (P {report.si['precision']:.4f}, R {report.si['recall']:.4f}), "
        f"TC accuracy {report.tc_accuracy:.4f} ({mix_accuracy:.4f} mixed at {linear_weight}), "
        f"temperature {temperature:.3f}, decode {asdict(report.decode)}, calibration {calibration}"
    )
    model_config = {**shipped, "name": f"{shipped.get('name', 'ptc-minilm')}-heldout-{seed}"}
    model_config["training"] = {**shipped.get("training", {}), "seed": seed, "heldout_only": True}
    write_model_dir(net, out_dir, tokenizer_file=encoder / "tokenizer.json", config=model_config, linear=linear)
    torch.save(net.state_dict(), out_dir / "net.pt")
    record["total_s"] = round(time.monotonic() - started, 1)
    (out_dir / HELDOUT_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    log(f"exported to {out_dir} ({record['total_s']}s)")
    return record
