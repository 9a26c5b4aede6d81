"""The role network: windows, piece alignment, the CRF + network mix, and a tiny trained network on disk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from spinscope.errors import ModelError
from spinscope.io.polnear import add_gold_relation
from spinscope.model import Article
from spinscope.quotes.attribute import Attributor, shipped_model_dir
from spinscope.quotes.network import TAGS, RoleNetwork, combine, decode, piece_ids
from spinscope.quotes.tagger import AttributionTagger
from spinscope.quotes.tokens import tokenize


def _onehot(tags: list[str]) -> np.ndarray:
    out = np.zeros((len(tags), len(TAGS)))
    for i, tag in enumerate(tags):
        out[i, TAGS.index(tag)] = 1.0
    return out


def test_piece_ids_point_each_token_at_its_first_piece() -> None:
    from spinscope.encoder.windows import load_tokenizer

    tokenizer = load_tokenizer(shipped_model_dir() / "tokenizer.json")
    text = "Lavrov said “unbelievable” things."
    tokens = tokenize(text)
    ids, first = piece_ids(tokenizer, text, tokens)
    assert len(first) == len(tokens) and (first >= 0).all()
    assert list(first) == sorted(first) and len(ids) > len(tokens)  # "unbelievable" is several pieces
    said = [text[t.start : t.end] for t in tokens].index("said")
    assert ids[first[said]] == tokenizer.token_to_id("said")


def test_combine_weights_the_two_sources() -> None:
    crf = _onehot(["B-SRC", "O", "O"])
    net = _onehot(["B-SRC", "B-CUE", "O"])
    tags, marginals = combine(crf, net, crf_weight=0.4)
    assert tags == ["B-SRC", "B-CUE", "O"]  # token 1: the network's 0.6 wins
    assert marginals[2] == {"SRC": 0.0, "CUE": 0.0, "CON": 0.0} and marginals[0]["SRC"] == pytest.approx(1.0)
    tags, marginals = combine(crf, net, crf_weight=0.6)
    assert tags[1] == "O" and marginals[1]["CUE"] == pytest.approx(0.4)


def test_decode_keeps_bio_valid_and_closes_a_gap_inside_a_content() -> None:
    probs = np.full((4, len(TAGS)), 0.01)
    probs[0, TAGS.index("B-CON")] = 0.9
    probs[1, TAGS.index("O")], probs[1, TAGS.index("I-CON")] = 0.5, 0.45  # alone, O would win
    probs[2, TAGS.index("I-CON")] = 0.9
    probs[3, TAGS.index("I-CUE")], probs[3, TAGS.index("O")] = 0.5, 0.4  # I-CUE cannot follow I-CON
    assert decode(probs) == ["B-CON", "I-CON", "I-CON", "O"]
    assert decode(np.zeros((0, len(TAGS)))) == []


def test_missing_network_files_raise_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"roles\.onnx"):
        RoleNetwork.from_disk(tmp_path)


def test_shipped_network_loads_and_tags_the_seed_style_quote() -> None:
    network = RoleNetwork.from_disk(shipped_model_dir(), threads=1)
    assert 0.0 <= network.crf_weight <= 1.0
    text = "“We use facts,” Foreign Minister Sergei Lavrov told reporters on Monday."
    tokens = tokenize(text)
    probs = network.probabilities(text, tokens)
    assert probs.shape == (len(tokens), len(TAGS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    told = [text[t.start : t.end] for t in tokens].index("told")
    assert TAGS[int(probs[told].argmax())].endswith("CUE")
    tagger = AttributionTagger.from_disk(shipped_model_dir())
    with_network = Attributor(tagger, network).relations(text)
    assert [text[r.cue[0] : r.cue[1]] for r in with_network if r.cue] == ["told"]


def _sentence(name: str) -> Article:
    article = Article(f"{name} said the plan would fail. Nothing else happened.", id=name)
    cue = article.text.index("said")
    end = article.text.index(".")
    add_gold_relation(article, content=((cue + 5, end),), cue=((cue, cue + 4),), source=((0, len(name)),))
    return article


@pytest.mark.ml
def test_a_tiny_network_learns_the_cue_and_reloads_from_disk(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from spinscope.train.roles import NetworkConfig, train_role_network

    names = ["Smith", "Jones", "Garcia", "Okafor", "Novak", "Tanaka"]
    articles = [_sentence(name) for name in names]
    config = NetworkConfig(epochs=40, layers=1, encoder_lr=5e-4, head_lr=1e-2, batch_windows=6, bf16=False)
    meta = train_role_network(articles, tmp_path, config=config, crf_weight=0.3)
    assert meta["train_articles"] == 6
    assert json.loads((tmp_path / "roles.json").read_text())["crf_weight"] == 0.3
    network = RoleNetwork.from_disk(tmp_path)
    text = _sentence("Kim").text
    tokens = tokenize(text)
    tags = [TAGS[int(row.argmax())] for row in network.probabilities(text, tokens)]
    words = [text[t.start : t.end] for t in tokens]
    assert tags[words.index("said")] == "B-CUE"
    assert tags[words.index("Nothing")] == "O"


@pytest.mark.ml
def test_a_one_step_training_run_does_not_trip_the_schedule(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from spinscope.train.roles import NetworkConfig, train_role_network

    articles = [_sentence(name) for name in ["Smith", "Jones"]]
    meta = train_role_network(articles, tmp_path, config=NetworkConfig(epochs=1, layers=1, batch_windows=2))
    assert meta["training"]["epochs"] == 1 and (tmp_path / "roles.onnx").is_file()
