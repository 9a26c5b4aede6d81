"""Can the quote role tags read the technique encoder's pass? A frozen-trunk probe on PolNeAR.

usage:
  python benchmarks/bench_shared_trunk.py [--data-dir ../shared/data] [--layer 4] [--head mlp|layers]
      [--context 2] [--epochs 4] [--seed 0]

Issue 20 asks for one encoder pass for the technique heads and the quote role heads: either multi-task
training, or a shared frozen trunk with trained heads. This script measures the second. It reads PolNeAR
train and dev with the shipped technique encoder (int8 ONNX, as at run time), taking the state after its
first ``--layer`` layers (1-6; 6 is the encoder's output) of every word piece, averaged over the windows that cover it.
Then, on train only, it fits a role head over those frozen states:

* ``mlp``: each token's first-piece state and those of ``--context`` tokens on each side, one hidden layer;
* ``layers``: two transformer layers (the pretrained MiniLM's layers ``layer+1`` and ``layer+2``) and a
  linear tag layer over the window of piece states, as the role network reads its window.

It prints, on PolNeAR dev, token accuracy and per-tag F1 (B/I of source, cue, content) for the CRF, the
shipped role network, their mix as shipped, the head, and the head mixed with the CRF at the same weight.
Needs the ``[ml]`` extra (torch, transformers, onnx); about 9 minutes for ``mlp`` on 2 cores, longer for ``layers``.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.heads import run_article
from spinscope.detect.stage import load_model
from spinscope.encoder.windows import WINDOW_PIECES, windows
from spinscope.io.polnear import read_polnear
from spinscope.quotes import load_attributor
from spinscope.quotes.network import TAGS
from spinscope.quotes.tokens import tokenize
from spinscope.settings import Settings, default_data_dir
from spinscope.train.quotes import gold_tags

HIDDEN = 384
IGNORE = -100


def layer_session(model: Any, layer: int) -> Any:
    """An onnxruntime session of the technique encoder that also returns the states after ``layer``."""
    import onnx
    import onnxruntime as ort

    graph = onnx.load(str(model.model_dir / "encoder.onnx"))
    if layer < 6:
        name = f"/encoder/encoder/layer.{layer - 1}/output/LayerNorm/LayerNormalization_output_0"
        graph.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    return ort.InferenceSession(graph.SerializeToString(), options, providers=["CPUExecutionProvider"])


def read_split(model: Any, session: Any, data_dir: Path, split: str) -> list[dict[str, Any]]:
    """Per article: piece states (mean over windows, as :func:`run_article` keeps them), each token's first
    piece, gold tag indices, text."""

    def layer_states(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.asarray(session.run(None, {"input_ids": input_ids, "attention_mask": mask})[-1])

    items = []
    for article in read_polnear(data_dir, split):
        tokens = tokenize(article.text)
        encoding = model.encode(article.text)
        n = len(encoding)
        if not n or not tokens:
            continue
        output = run_article(
            layer_states,
            model.heads,
            encoding,
            cls_id=model.cls_id,
            sep_id=model.sep_id,
            stride=model.stride,
            keep_states=True,
        )
        assert output.states is not None
        first = np.searchsorted(encoding.offsets[:, 1], np.array([t.start for t in tokens]), side="right")
        items.append(
            {
                "text": article.text,
                "states": output.states.astype(np.float16),
                "first": np.clip(first, 0, n - 1),
                "tags": np.array([TAGS.index(t) for t in gold_tags(tokens, article)], dtype=np.int64),
            }
        )
    return items


def token_features(item: dict[str, Any], context: int) -> np.ndarray:
    """First-piece states of every token and of ``context`` tokens each side (zeros past the ends)."""
    states = item["states"][item["first"]].astype(np.float32)
    padded = np.pad(states, ((context, context), (0, 0)))
    n = len(states)
    return np.concatenate([padded[context + s : context + s + n] for s in range(-context, context + 1)], axis=1)


def fit_mlp(train: list[dict[str, Any]], context: int, epochs: int) -> Any:
    import torch

    x = torch.tensor(np.concatenate([token_features(i, context) for i in train]))
    y = torch.tensor(np.concatenate([i["tags"] for i in train]))
    net = torch.nn.Sequential(
        torch.nn.Linear(x.shape[1], 512), torch.nn.GELU(), torch.nn.Dropout(0.1), torch.nn.Linear(512, len(TAGS))
    )
    optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.01)
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 512):
            batch = order[start : start + 512]
            loss = torch.nn.functional.cross_entropy(net(x[batch]), y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    net.eval()

    def predict(item: dict[str, Any]) -> np.ndarray:
        with torch.no_grad():
            return torch.softmax(net(torch.tensor(token_features(item, context))), -1).numpy()

    return predict


def fit_layers(train: list[dict[str, Any]], layer: int, epochs: int) -> Any:
    import torch
    from transformers import AutoModel

    from spinscope.train.loop import default_encoder_dir

    base = AutoModel.from_pretrained(str(default_encoder_dir()), dtype=torch.float32)

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(base.encoder.layer[layer : layer + 2])
            self.dropout = torch.nn.Dropout(0.1)
            self.out = torch.nn.Linear(HIDDEN, len(TAGS))

        def forward(self, x: Any, mask: Any) -> Any:
            additive = (1.0 - mask[:, None, None, :].float()) * -1e4
            for block in self.layers:
                output = block(x, attention_mask=additive)
                x = output[0] if isinstance(output, tuple) else output
            return self.out(self.dropout(x))

    def piece_labels(item: dict[str, Any]) -> np.ndarray:
        labels = np.full(len(item["states"]), IGNORE, dtype=np.int64)
        labels[item["first"][::-1]] = item["tags"][::-1]  # the first token of a shared piece wins
        return labels

    net = Head()
    groups = [{"params": net.layers.parameters(), "lr": 1e-4}, {"params": net.out.parameters(), "lr": 1e-3}]
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    labels = [piece_labels(i) for i in train]
    for _ in range(epochs):
        net.train()
        spans = []
        for index, item in enumerate(train):
            n, start = len(item["states"]), random.randint(0, WINDOW_PIECES - 1)
            spans += [(index, s, min(s + WINDOW_PIECES, n)) for s in [0, *range(start, n, WINDOW_PIECES)] if s < n]
        random.shuffle(spans)
        for b in range(0, len(spans), 16):
            chunk = spans[b : b + 16]
            length = max(e - s for _, s, e in chunk)
            x = np.zeros((len(chunk), length, HIDDEN), dtype=np.float32)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            y = np.full((len(chunk), length), IGNORE, dtype=np.int64)
            for row, (index, s, e) in enumerate(chunk):
                x[row, : e - s] = train[index]["states"][s:e]
                mask[row, : e - s] = 1
                y[row, : e - s] = labels[index][s:e]
            logits = net(torch.tensor(x), torch.tensor(mask))
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)), torch.tensor(y).reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    net.eval()

    def predict(item: dict[str, Any]) -> np.ndarray:
        states = item["states"].astype(np.float32)
        n = len(states)
        sums, counts = np.zeros((n, len(TAGS))), np.zeros(n)
        with torch.no_grad():
            for window in windows(n):
                x = torch.tensor(states[window.start : window.end][None])
                probs = torch.softmax(net(x, torch.ones(x.shape[:2], dtype=torch.long)), -1)[0].numpy()
                sums[window.start : window.end] += probs
                counts[window.start : window.end] += 1
        return (sums / counts[:, None])[item["first"]]

    return predict


def report(name: str, probs: np.ndarray, gold: np.ndarray) -> None:
    predicted = probs.argmax(axis=1)
    scores = []
    for tag in range(1, len(TAGS)):
        hits = int(((predicted == tag) & (gold == tag)).sum())
        total = int((predicted == tag).sum() + (gold == tag).sum())
        scores.append(2 * hits / total if total else 0.0)
    cells = " ".join(f"{s:.3f}" for s in scores)
    print(f"{name:<28} accuracy {float((predicted == gold).mean()):.4f}  F1 {cells}  mean {np.mean(scores):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--layer", type=int, default=4, choices=range(1, 7), help="encoder layers read (6: output)")
    parser.add_argument("--head", choices=("mlp", "layers"), default="mlp")
    parser.add_argument("--context", type=int, default=2, help="tokens each side (mlp head)")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.head == "layers" and args.layer > 4:
        parser.error("--head layers adds two pretrained layers after --layer: use --layer 4 or less")
    import torch

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    started = time.perf_counter()
    model = load_model()
    session = layer_session(model, args.layer)
    train = read_split(model, session, args.data_dir, "train")
    dev = read_split(model, session, args.data_dir, "dev")
    read_seconds = time.perf_counter() - started
    if args.head == "mlp":
        predict = fit_mlp(train, args.context, args.epochs)
    else:
        predict = fit_layers(train, args.layer, args.epochs)
    fit_seconds = time.perf_counter() - started - read_seconds
    attributor = load_attributor(Settings())
    assert attributor.tagger is not None and attributor.network is not None
    weight = attributor.network.crf_weight
    crf, network, head, gold = [], [], [], []
    for item in dev:
        tokens, crf_probs = attributor.tagger.tag_probabilities(item["text"], TAGS)
        crf.append(crf_probs)
        network.append(attributor.network.probabilities(item["text"], tokens))
        head.append(predict(item))
        gold.append(item["tags"])
    crf_all, network_all, head_all, gold_all = map(np.concatenate, (crf, network, head, gold))
    print(f"PolNeAR dev, {len(gold_all)} tokens; per-tag F1 in order {' '.join(TAGS[1:])}")
    report("CRF", crf_all, gold_all)
    report("role network", network_all, gold_all)
    report(f"CRF + role network ({weight})", weight * crf_all + (1 - weight) * network_all, gold_all)
    head_name = f"layer {args.layer} + {args.head}" + (f" (context {args.context})" if args.head == "mlp" else "")
    report(head_name, head_all, gold_all)
    report(f"CRF + that head ({weight})", weight * crf_all + (1 - weight) * head_all, gold_all)
    print(f"read {len(train)} train + {len(dev)} dev articles in {read_seconds:.0f} s; fitted in {fit_seconds:.0f} s")


if __name__ == "__main__":
    main()
