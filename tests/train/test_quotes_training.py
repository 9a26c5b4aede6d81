"""Quote training: the CRF learns a small set by heart; ``train_attribution`` on a tiny PolNeAR-shaped folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.evaluate.analysed import analysed
from spinscope.evaluate.attribution import score_articles
from spinscope.io.polnear import add_gold_relation
from spinscope.model import Article
from spinscope.quotes.attribute import Attributor
from spinscope.quotes.tagger import AttributionTagger
from spinscope.quotes.tokens import tokenize
from spinscope.train.quotes import fit_tagger, gold_tags, train_attribution

NAMES = ["Smith", "Jones", "Garcia", "Okafor", "Novak", "Tanaka"]
MORE_NAMES = [*NAMES, "Rossi", "Dubois", "Kowalski", "Silva"]


def _example(name: str) -> Article:
    article = Article(f"{name} said the plan would fail. Nothing else happened.", id=name)
    cue = article.text.index("said")
    content_end = article.text.index(".")
    add_gold_relation(article, content=((cue + 5, content_end),), cue=((cue, cue + 4),), source=((0, len(name)),))
    return article


def test_gold_tags_follow_fragments() -> None:
    article = _example("Smith")
    tags = gold_tags(tokenize(article.text), article)
    assert tags[:4] == ["B-SRC", "B-CUE", "B-CON", "I-CON"]
    assert tags[-1] == "O"


@pytest.mark.parametrize("use_lexicon", [False, True])
def test_fit_tagger_overfits_ten_examples_then_round_trips(tmp_path: Path, use_lexicon: bool) -> None:
    examples = [_example(name) for name in MORE_NAMES]
    tagger = AttributionTagger(c1=0.0, c2=0.001, max_iterations=50, min_feature_count=1, use_lexicon=use_lexicon)
    assert fit_tagger(tagger, examples, work_dir=tmp_path / "work") is tagger
    assert (tagger.lexicon_ is not None) == use_lexicon
    attributor = Attributor(tagger)
    scores = score_articles([(analysed(gold, attributor.annotate), gold) for gold in examples])
    assert scores["exact"]["relation"]["f1"] == 1.0
    tagger.to_disk(tmp_path / "model")
    loaded = AttributionTagger.from_disk(tmp_path / "model")
    for example in examples:
        assert loaded.tag(example.text) == tagger.tag(example.text)


def _write_split(root: Path, split: str, names: list[str], metadata: list[str]) -> None:
    (root / split / "text").mkdir(parents=True)
    (root / split / "attributions").mkdir(parents=True)
    for name in names:
        article = f"{split}-{name.lower()}"
        text = f"{name} said the plan would fail. Nothing else happened."
        cue = text.index("said")
        end = text.index(".")
        (root / split / "text" / f"{article}.txt").write_text(text, encoding="utf-8")
        ann = (
            f"T1\tSource 0 {len(name)}\t{name}\n"
            f"T2\tCue {cue} {cue + 4}\tsaid\n"
            f"T3\tContent {cue + 5} {end}\t{text[cue + 5 : end]}\n"
            f"T4\tAttribution {cue} {cue + 4}\tsaid\n"
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        )
        (root / split / "attributions" / f"{article}_ab12.ann").write_text(ann, encoding="utf-8")
        metadata.append(f"{split}\t{article}\tNone\tab12\tnyt\t2016-01-01\tX\tT\t0\t0\tNone\tNone")


@pytest.mark.ml  # trains the role network too (the default), so it needs the [ml] extra
def test_train_attribution_writes_a_model_and_scores_dev(tmp_path: Path) -> None:
    root = tmp_path / "data" / "polnear"
    metadata = [
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\ttrump_count"
        "\tclinton_count\tcredit\twire"
    ]
    _write_split(root, "train", NAMES, metadata)
    _write_split(root, "dev", ["Rossi", "Dubois"], metadata)
    (root / "metadata.tsv").write_text("\n".join(metadata) + "\n", encoding="utf-8")

    result = train_attribution(tmp_path / "data", seed=1, output=tmp_path / "model", c1=0.0, c2=0.001)
    assert result["train_articles"] == len(NAMES)
    assert result["config"]["seed"] == 1
    assert result["dev"]["scores"]["overlap"]["content"]["f1"] == 1.0
    loaded = Attributor(AttributionTagger.from_disk(tmp_path / "model"))
    assert len(loaded.relations("Kim said the vote was rigged. Then lunch.")) == 1
