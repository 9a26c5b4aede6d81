"""Training end to end on ten hand-made articles with a tiny random BERT: overfit, save, reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from spinscope.detect import SHIPPED_MODEL_DIR, TechniqueModel, predict_si, predict_tc
from spinscope.io.ptc import in_template_order, read_ptc, span_rows, spans_by_article
from spinscope.train.techniques import HELDOUT_RECORD, PTC_FOLDER, TECHNIQUES_FILE, TrainRequest, train_model

pytestmark = pytest.mark.ml

TECHNIQUES = ["Loaded_Language", "Name_Calling,Labeling"]
SENTENCES = [
    ("The minister spoke about the budget on Monday.", None),
    ("Critics called him a traitor and a coward.", ("traitor and a coward", "Name_Calling,Labeling")),
    ("The plan is an outrageous disaster for everyone.", ("outrageous disaster", "Loaded_Language")),
    ("Officials met in the capital to sign the accord.", None),
]


def _write_corpus(root: Path) -> None:
    corpus = root / PTC_FOLDER
    (corpus / "train-articles").mkdir(parents=True)
    (corpus / "train-labels-task-flc-tc").mkdir()
    (corpus / TECHNIQUES_FILE).write_text("\n".join(TECHNIQUES) + "\n", encoding="utf-8")
    for n in range(10):
        article_id = str(100000 + n)
        lines = [sentence for sentence, _ in SENTENCES[n % 2 :] + SENTENCES[: n % 2]]
        text = f"Story number {n}\n\n" + "\n".join(lines) + "\n"
        labels = []
        for _, gold in SENTENCES:
            if gold:
                start = text.index(gold[0])
                labels.append(f"{article_id}\t{gold[1]}\t{start}\t{start + len(gold[0])}\n")
        (corpus / "train-articles" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        (corpus / "train-labels-task-flc-tc" / f"article{article_id}.task-flc-tc.labels").write_text(
            "".join(labels), encoding="utf-8"
        )


def _tiny_encoder(folder: Path) -> Path:
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=30522,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    BertModel(config).save_pretrained(str(folder))
    (folder / "tokenizer.json").write_bytes((SHIPPED_MODEL_DIR / "tokenizer.json").read_bytes())
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("bf16", [False, True], ids=["fp32", "bf16"])
def test_tiny_model_overfits_ten_articles_and_reloads_identically(tmp_path: Path, bf16: bool) -> None:
    _write_corpus(tmp_path / "data")
    request = TrainRequest(
        data_dir=tmp_path / "data",
        out_dir=tmp_path / "model",
        encoder_dir=_tiny_encoder(tmp_path / "encoder"),
        epochs=40,
        quantize=False,
        name="tiny",
        overrides={"encoder_lr": 3e-3, "head_lr": 3e-3, "batch_windows": 4, "bf16": bf16},
        heldout_dir=tmp_path / "heldout",
    )
    record = train_model(request)
    assert record["n_articles"] == 10
    # the held-out network is exported with its split and findings (for the paragraph head's thresholds)
    split = json.loads((tmp_path / "heldout" / HELDOUT_RECORD).read_text(encoding="utf-8"))
    assert len(split["fit_ids"]) == 8 and len(split["heldout_ids"]) == 2
    held = TechniqueModel.from_disk(tmp_path / "heldout")
    assert held.config["findings"] == json.loads((tmp_path / "model" / "config.json").read_text())["findings"]
    assert record["config"]["bf16"] is bf16
    config = json.loads((tmp_path / "model" / "config.json").read_text())
    assert config["techniques"] == TECHNIQUES
    # technique findings and the display threshold are tuned on the held-out articles by the same run
    assert len(config["findings"]["thresholds"]) == len(TECHNIQUES)
    assert 0.0 <= config["display"]["min_score"] <= 1.0
    assert record["findings_tuning"]["articles"] == 2

    articles = list(read_ptc(tmp_path / "data" / PTC_FOLDER / "train-articles"))
    gold = [(a.id, s.label, s.start, s.end) for a in articles for s in a.spans("gold_techniques")]
    template = spans_by_article(gold)
    model = TechniqueModel.from_disk(tmp_path / "model")
    tc = in_template_order(gold, predict_tc(model, articles, template))
    assert [row[1] for row in tc] == [row[1] for row in gold]  # overfit: every technique right
    si = span_rows(predict_si(model, articles))
    for article_id, _, start, end in si:
        text = next(a.text for a in articles if a.id == article_id)
        assert 0 <= start < end <= len(text)
    hits = {(a, s, e) for a, _, s, e in gold}
    assert {(a, s, e) for a, _, s, e in si} == hits  # overfit: exactly the gold spans

    reloaded = TechniqueModel.from_disk(tmp_path / "model")
    assert span_rows(predict_si(reloaded, articles)) == si
    assert in_template_order(gold, predict_tc(reloaded, articles, template)) == tc


@pytest.mark.slow
def test_heldout_run_is_exported_with_its_record(tmp_path: Path) -> None:
    from spinscope.train.heldout import train_heldout

    _write_corpus(tmp_path / "data")
    tuning = tmp_path / "tuning"
    tuning.mkdir()
    shipped = json.loads((SHIPPED_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    (tuning / "config.json").write_text(json.dumps({**shipped, "techniques": TECHNIQUES}), encoding="utf-8")
    record = train_heldout(
        tmp_path / "data",
        tmp_path / "heldout",
        seed=13,
        bf16=False,
        tuning_from=tuning,
        encoder_dir=_tiny_encoder(tmp_path / "encoder"),
        epochs=2,
    )
    assert len(record["fit_ids"]) + len(record["heldout_ids"]) == 10 and record["heldout_ids"]
    assert not set(record["fit_ids"]) & set(record["heldout_ids"])
    written = json.loads((tmp_path / "heldout" / HELDOUT_RECORD).read_text(encoding="utf-8"))
    assert set(written["heldout"]["calibration"]) == {"temperature", "technique", "sentence"}
    assert 0.0 <= written["heldout"]["linear_weight"] <= 1.0
    model = TechniqueModel.from_disk(tmp_path / "heldout")
    assert model.techniques == TECHNIQUES
