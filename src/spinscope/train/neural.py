"""Multi-task fine-tuning of a small encoder: a span tagger (SI) and a technique head (TC).

Needs the ``[ml]`` extra (torch, transformers). The heads are exported to numpy
(:class:`spinscope.detect.heads.Heads`) so inference runs without torch.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import torch
from torch import nn

from spinscope.detect.heads import BEGIN, INSIDE, Heads
from spinscope.detect.spans import N_SPAN_FEATURES, merge_ranges, span_features
from spinscope.encoder.windows import Encoding, Window, best_window, encode, padded_length, piece_range
from spinscope.model import Article, Layer
from spinscope.train.loop import IGNORE, FineTuneConfig, autocast, fine_tune, length_batches, shifted_windows


@dataclass(frozen=True, kw_only=True)
class TrainConfig(FineTuneConfig):
    """Hyper-parameters of a technique model run (chosen on the held-out train split, see the model card).

    The shared ones are :class:`~spinscope.train.loop.FineTuneConfig`'s; ``bf16`` (off by default) is
    about 1.4x faster on this 2-core avx512_bf16 CPU in a full run (docs/detection.md).
    """

    epochs: int = 8
    seed: int = 13
    #: Hidden width of the technique (TC) head.
    tc_hidden: int = 256
    #: Weights of the two losses (``spinscope train --task si`` sets the TC one to 0, ``--task tc`` the SI one).
    tc_loss_weight: float = 1.0
    si_loss_weight: float = 1.0


class GoldPieces(NamedTuple):
    """A gold technique span of a training article in word pieces (inclusive), the example the TC head learns."""

    first: int
    last: int
    #: Index of the span's technique in the model's technique list.
    technique: int
    #: :func:`~spinscope.detect.spans.span_features` of the span.
    features: np.ndarray


@dataclass
class TrainingArticle:
    """An article ready for training: pieces, SI tags per piece, and gold technique spans in pieces."""

    article_id: str
    text: str
    encoding: Encoding
    tags: np.ndarray
    #: The gold technique spans in pieces.
    spans: list[GoldPieces] = field(default_factory=list)
    #: Merged gold spans in characters (SI gold).
    gold_ranges: list[tuple[int, int]] = field(default_factory=list)

    def span_ranges(self) -> list[tuple[int, int]]:
        """The gold technique spans in characters, from their first piece's start to their last piece's end."""
        offsets = self.encoding.offsets
        return [(int(offsets[span.first, 0]), int(offsets[span.last, 1])) for span in self.spans]


def prepare(articles: Sequence[Article], tokenizer: Any, techniques: Sequence[str]) -> list[TrainingArticle]:
    """Tokenise articles and turn their gold spans into SI tags and TC examples."""
    index = {name: i for i, name in enumerate(techniques)}
    prepared = []
    for article in articles:
        encoding = encode(tokenizer, article.text)
        tags = np.zeros(len(encoding), dtype=np.int64)
        gold = article.spans(Layer.GOLD_TECHNIQUES)
        gold_ranges = merge_ranges([(s.start, s.end) for s in gold if s.end > s.start])
        for start, end in gold_ranges:
            pieces = piece_range(encoding, start, end)
            if pieces is not None:
                tags[pieces[0]] = BEGIN
                tags[pieces[0] + 1 : pieces[1] + 1] = INSIDE
        spans = []
        for span in gold:
            pieces = piece_range(encoding, span.start, span.end)
            if pieces is None or span.label not in index:
                continue
            spans.append(
                GoldPieces(pieces[0], pieces[1], index[span.label], span_features(article.text, span.start, span.end))
            )
        prepared.append(TrainingArticle(article.id, article.text, encoding, tags, spans, gold_ranges))
    return prepared


class SpanTechniqueNet(nn.Module):
    """Encoder + SI tagging head + TC span head."""

    def __init__(self, encoder: nn.Module, n_techniques: int, *, tc_hidden: int, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = int(getattr(encoder, "config").hidden_size)  # noqa: B009
        self.dropout = nn.Dropout(dropout)
        self.si_head = nn.Linear(hidden, 3)
        self.tc_hidden = nn.Linear(4 * hidden + N_SPAN_FEATURES, tc_hidden)
        self.tc_out = nn.Linear(tc_hidden, n_techniques)

    def hidden_states(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def tc_logits(
        self,
        hidden: torch.Tensor,
        rows: torch.Tensor,
        firsts: torch.Tensor,
        lasts: torch.Tensor,
        features: torch.Tensor,
    ) -> torch.Tensor:
        """Technique logits of spans given as (window row, first position, last position)."""
        cumulative = torch.cumsum(hidden, dim=1)
        total = cumulative[rows, lasts] - cumulative[rows, firsts - 1]
        mean = total / (lasts - firsts + 1).unsqueeze(1).to(hidden.dtype)
        reps = torch.cat([mean, hidden[rows, firsts], hidden[rows, lasts], hidden[rows, 0], features], dim=1)
        return self.tc_out(torch.tanh(self.tc_hidden(self.dropout(reps))))

    def heads(self) -> Heads:
        """The heads as numpy arrays (``x @ W + b``)."""

        def arr(t: torch.Tensor) -> np.ndarray:
            return t.detach().float().cpu().numpy()

        return Heads(
            si_w=arr(self.si_head.weight).T.copy(),
            si_b=arr(self.si_head.bias),
            tc_w1=arr(self.tc_hidden.weight).T.copy(),
            tc_b1=arr(self.tc_hidden.bias),
            tc_w2=arr(self.tc_out.weight).T.copy(),
            tc_b2=arr(self.tc_out.bias),
        )


def build_net(encoder_dir: Path, n_techniques: int, config: TrainConfig) -> SpanTechniqueNet:
    """A fresh net on top of the pretrained encoder in ``encoder_dir`` (read offline)."""
    from transformers import AutoModel

    torch.manual_seed(config.seed)
    encoder = AutoModel.from_pretrained(str(encoder_dir), dtype=torch.float32)
    return SpanTechniqueNet(encoder, n_techniques, tc_hidden=config.tc_hidden, dropout=config.dropout)


def _epoch_batches(
    data: Sequence[TrainingArticle], rng: random.Random, batch_windows: int
) -> list[list[tuple[int, Window, list[GoldPieces]]]]:
    """Non-overlapping windows whose boundaries shift each epoch, each with the spans it owns."""
    items: list[tuple[int, Window, list[GoldPieces]]] = []
    for article_index, item in enumerate(data):
        spans = shifted_windows(len(item.encoding), rng)
        owned: list[list[GoldPieces]] = [[] for _ in spans]
        for span in item.spans:
            owned[best_window(spans, span.first, span.last)].append(span)
        items.extend(
            (article_index, window, own) for window, own in zip(spans, owned, strict=True) if window.end > window.start
        )
    return length_batches(items, rng, batch_windows, lambda item: item[1].end - item[1].start)


def _collate(
    data: Sequence[TrainingArticle],
    batch: list[tuple[int, Window, list[GoldPieces]]],
    cls_id: int,
    sep_id: int,
    device: torch.device,
) -> dict[str, torch.Tensor]:
    length = padded_length(max(w.end - w.start for _, w, _ in batch))
    input_ids = np.zeros((len(batch), length), dtype=np.int64)
    mask = np.zeros_like(input_ids)
    tags = np.full_like(input_ids, IGNORE)
    rows, firsts, lasts, labels, feats = [], [], [], [], []
    for row, (article_index, window, owned) in enumerate(batch):
        item = data[article_index]
        n = window.end - window.start
        input_ids[row, 0], input_ids[row, 1 : n + 1], input_ids[row, n + 1] = (
            cls_id,
            item.encoding.ids[window.start : window.end],
            sep_id,
        )
        mask[row, : n + 2] = 1
        tags[row, 1 : n + 1] = item.tags[window.start : window.end]
        for first, last, label, features in owned:
            lo = min(max(first, window.start), window.end - 1) - window.start + 1
            hi = min(max(last, window.start), window.end - 1) - window.start + 1
            rows.append(row)
            firsts.append(lo)
            lasts.append(max(hi, lo))
            labels.append(label)
            feats.append(features)
    as_long = lambda values: torch.tensor(values, dtype=torch.long, device=device)  # noqa: E731
    return {
        "input_ids": torch.from_numpy(input_ids).to(device),
        "attention_mask": torch.from_numpy(mask).to(device),
        "tags": torch.from_numpy(tags).to(device),
        "rows": as_long(rows),
        "firsts": as_long(firsts),
        "lasts": as_long(lasts),
        "labels": as_long(labels),
        "features": torch.from_numpy(np.stack(feats) if feats else np.zeros((0, N_SPAN_FEATURES), np.float32)).to(
            device
        ),
    }


def fit(
    net: SpanTechniqueNet,
    data: Sequence[TrainingArticle],
    config: TrainConfig,
    *,
    cls_id: int,
    sep_id: int,
    device: torch.device | None = None,
    on_epoch: Callable[[int, SpanTechniqueNet], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> SpanTechniqueNet:
    """Fine-tune ``net`` on ``data`` for ``config.epochs`` epochs; ``on_epoch(epoch, net)`` after each."""
    device = device or torch.device("cpu")
    net.to(device)
    rng = random.Random(config.seed)
    torch.manual_seed(config.seed)
    steps_per_epoch = len(_epoch_batches(data, random.Random(config.seed), config.batch_windows))
    si_loss = nn.CrossEntropyLoss(ignore_index=IGNORE)
    tc_loss = nn.CrossEntropyLoss()

    def batch_loss(batch: list[tuple[int, Window, list[GoldPieces]]]) -> torch.Tensor:
        inputs = _collate(data, batch, cls_id, sep_id, device)
        with autocast(config.bf16, device.type):
            hidden = net.hidden_states(inputs["input_ids"], inputs["attention_mask"])
            loss = config.si_loss_weight * si_loss(
                net.si_head(net.dropout(hidden)).reshape(-1, 3), inputs["tags"].reshape(-1)
            )
            if len(inputs["labels"]) and config.tc_loss_weight > 0:
                logits = net.tc_logits(hidden, inputs["rows"], inputs["firsts"], inputs["lasts"], inputs["features"])
                loss = loss + config.tc_loss_weight * tc_loss(logits, inputs["labels"])
        return loss

    fine_tune(
        net,
        lambda _: _epoch_batches(data, rng, config.batch_windows),
        batch_loss,
        epochs=config.epochs,
        total_steps=steps_per_epoch * config.epochs,
        encoder_lr=config.encoder_lr,
        head_lr=config.head_lr,
        weight_decay=config.weight_decay,
        warmup_fraction=config.warmup_fraction,
        on_epoch=on_epoch,
        log=log,
    )
    return net


def torch_hidden_fn(net: SpanTechniqueNet, device: torch.device) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Wrap the torch encoder as the numpy ``hidden_states`` function inference uses."""

    def hidden_states(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            out = net.hidden_states(torch.from_numpy(input_ids).to(device), torch.from_numpy(mask).to(device))
        return out.float().cpu().numpy()

    return hidden_states


def heldout_split(article_ids: Sequence[str], *, seed: int, fraction: float = 0.2) -> tuple[list[str], list[str]]:
    """Article-level split of train into (fit, held-out); deterministic for a seed."""
    ids = sorted(article_ids)
    random.Random(seed).shuffle(ids)
    n_heldout = max(1, math.ceil(len(ids) * fraction))
    return sorted(ids[n_heldout:]), sorted(ids[:n_heldout])
