"""Train the attribution models on PolNeAR train and report their figures on dev (never on test)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from spinscope.io.polnear import GOLD_LAYERS, read_polnear
from spinscope.model import Article
from spinscope.quotes.attribute import Attributor
from spinscope.quotes.features import article_features
from spinscope.quotes.network import RoleNetwork, write_network_config
from spinscope.quotes.relations import RECOVER_ROLE_FLOOR
from spinscope.quotes.tagger import CONFIG_FILE, LEXICON_FILE, MODEL_FILE, AttributionTagger
from spinscope.quotes.tokens import Token

#: Shares of the CRF in the CRF + network mix tried on dev (the rest goes to the network).
CRF_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
#: Content recovery floors then tried on dev with the chosen weight (the mix is surer of content
#: than the CRF alone, so recovering content at the CRF's floor adds false contents).
CONTENT_FLOORS = (0.35, 0.45, 0.5, 0.6, 0.8)
#: A word enters the role lexicon after this many train occurrences; rarer words say little.
LEXICON_MIN_COUNT = 3
#: Train is split in this many folds so each article's lexicon features come from the other folds
#: (otherwise the lexicon would echo the article's own gold tags and the CRF would over-trust it).
LEXICON_FOLDS = 5


#: The BIO tag role of each gold layer's fragments.
_TAG_ROLES = {"content": "CON", "cue": "CUE", "source": "SRC"}


def gold_tags(tokens: Sequence[Token], article: Article) -> list[str]:
    """BIO tags for ``tokens`` from the article's gold attribution layers (a token takes the role of the
    fragment holding its start)."""
    fragments = sorted(
        (span.start, span.end, _TAG_ROLES[role]) for role, layer in GOLD_LAYERS.items() for span in article.spans(layer)
    )
    tags = ["O"] * len(tokens)
    f = 0
    for i, token in enumerate(tokens):
        while f < len(fragments) and fragments[f][1] <= token.start:
            f += 1
        # PolNeAR is univocal (one role per token), so the first fragment that holds the token decides.
        for start, end, role in fragments[f : f + 4]:
            if start <= token.start < end:
                first = i == 0 or tokens[i - 1].start < start
                tags[i] = f"{'B' if first else 'I'}-{role}"
                break
    return tags


def build_lexicon(examples: Sequence[tuple[list[Token], list[str], list[str]]]) -> dict[str, list[float]]:
    """Word -> share of occurrences tagged cue, source, content, from ``(tokens, words, tags)`` triples."""
    counts: dict[str, list[int]] = {}
    for _, words, tags in examples:
        for word, tag in zip(words, tags, strict=True):
            row = counts.setdefault(word, [0, 0, 0, 0])
            row[3] += 1
            if tag != "O":
                row[{"CUE": 0, "SRC": 1, "CON": 2}[tag[2:]]] += 1
    return {
        word: [round(row[k] / row[3], 3) for k in range(3)]
        for word, row in counts.items()
        if row[3] >= LEXICON_MIN_COUNT
    }


def fit_tagger(
    tagger: AttributionTagger,
    examples: Sequence[Article],
    *,
    work_dir: Path,
    groups: Sequence[str] | None = None,
) -> AttributionTagger:
    """Train ``tagger`` (its hyper-parameters) on articles with gold attribution layers; returns it, trained.

    The model file is written under ``work_dir``. ``groups`` names each example's article: examples
    of one article (several annotators) share a lexicon fold. By default every example is its own article.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    tagged = []
    for example in examples:
        text = example.text
        tokens, _ = article_features(text)
        words = [text[t.start : t.end].lower() for t in tokens]
        tagged.append((tokens, words, gold_tags(tokens, example)))
    folds = LEXICON_FOLDS if tagger.use_lexicon else 1
    # one article annotated twice (several annotators) stays in one fold, so no fold sees its own text
    group_index: dict[str, int] = {}
    names = groups if groups is not None else [str(k) for k in range(len(examples))]
    fold_of = [group_index.setdefault(name, len(group_index)) % folds for name in names]
    for fold in range(folds):
        others = [t for k, t in enumerate(tagged) if fold_of[k] != fold]
        lexicon = build_lexicon(others) if tagger.use_lexicon else None
        for k in (k for k in range(len(examples)) if fold_of[k] == fold):
            tokens, features = article_features(examples[k].text, lexicon)
            if tokens:
                trainer.append(features, tagged[k][2])
    trainer.set_params(
        {
            "c1": tagger.c1,
            "c2": tagger.c2,
            "max_iterations": tagger.max_iterations,
            "feature.possible_transitions": True,
            # Features seen once in train are mostly names and typos; dropping them keeps the model small.
            "feature.minfreq": tagger.min_feature_count,
        }
    )
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / MODEL_FILE
    trainer.train(str(path))
    return tagger.use_trained(path, build_lexicon(tagged) if tagger.use_lexicon else None)


def train_attribution(
    data_dir: Path,
    *,
    seed: int,
    output: Path,
    c1: float = 2.0,
    c2: float = 2.0,
    max_iterations: int = 150,
    use_lexicon: bool = True,
    all_annotators: bool = False,
    fast_quotes: bool = False,
    network_epochs: int = 2,
    crf_from: Path | None = None,
    log: Any = lambda _: None,
) -> dict[str, Any]:
    """Train the CRF and the role network on PolNeAR train, save them to ``output``, score the cascade on dev.

    The defaults are the shipped models' hyper-parameters (chosen on dev, see MODEL_CARD.md). The
    network's share in the mix is chosen on dev from :data:`CRF_WEIGHTS` by the mean overlap F1 of
    content, cue and source, then the content recovery floor from :data:`CONTENT_FLOORS` the same way.

    Args:
        data_dir: folder holding ``polnear/``.
        seed: recorded with the CRF (CRFsuite's L-BFGS is deterministic) and seeds the network.
        output: model folder to write (``attribution.crfsuite``, ``attribution.json``, ``lexicon.json``,
            and without ``fast_quotes`` ``roles.onnx``, ``roles.json``, ``tokenizer.json``).
        all_annotators: train the CRF on every annotator's version of a train article, not only the first.
        fast_quotes: train the CRF alone (the model of ``--fast-quotes``); by default the role network is
            fine-tuned too (needs the ``[ml]`` extra; about 25 minutes on 2 cores).
        crf_from: copy an already trained CRF from this folder instead of training one.

    Returns:
        ``{"output", "train_articles", "seconds", "config", "dev"}`` plus ``"network"`` and
        ``"search"`` (dev figures of each weight and floor tried) without ``fast_quotes``.

    Raises:
        DataNotFoundError: PolNeAR is missing.
    """
    from spinscope.evaluate.attribution import evaluate_attribution

    train = list(read_polnear(data_dir, "train", all_annotators=all_annotators))
    started = time.perf_counter()
    output.mkdir(parents=True, exist_ok=True)
    if crf_from is not None:
        for name in (MODEL_FILE, CONFIG_FILE, LEXICON_FILE):
            if (crf_from / name).is_file() and (crf_from / name).resolve() != (output / name).resolve():
                shutil.copyfile(crf_from / name, output / name)
        tagger = AttributionTagger.from_disk(output)
    else:
        tagger = AttributionTagger(c1=c1, c2=c2, max_iterations=max_iterations, use_lexicon=use_lexicon, seed=seed)
        fit_tagger(tagger, train, work_dir=output, groups=[a.id for a in train])
        tagger.to_disk(output)
    result: dict[str, Any] = {"output": str(output), "train_articles": len(train), "config": tagger.config()}
    if not fast_quotes:
        from spinscope.train.roles import NetworkConfig, train_role_network

        first_annotator = train if not all_annotators else list(read_polnear(data_dir, "train"))
        meta = train_role_network(
            first_annotator, output, config=NetworkConfig(seed=seed, epochs=network_epochs), log=log
        )
        search: list[dict[str, Any]] = []
        floors = dict(RECOVER_ROLE_FLOOR)
        (weight, _), _ = _search(data_dir, tagger, output, meta, [(w, floors) for w in CRF_WEIGHTS], search, log)
        candidates = [(weight, {**floors, "CON": floor}) for floor in CONTENT_FLOORS]
        (weight, floors), result["dev"] = _search(data_dir, tagger, output, meta, candidates, search, log)
        write_network_config(output, crf_weight=weight, recover_floor=floors, meta=meta)
        result["network"] = {**meta, "crf_weight": weight, "recover_floor": floors}
        result["search"] = search
    else:
        result["dev"] = evaluate_attribution(data_dir, "dev", annotate=Attributor(tagger).annotate)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _search(
    data_dir: Path,
    tagger: AttributionTagger,
    output: Path,
    meta: dict[str, Any],
    candidates: list[tuple[float, dict[str, float]]],
    rows: list[dict[str, Any]],
    log: Any,
) -> tuple[tuple[float, dict[str, float]], dict[str, Any]]:
    """Score each (CRF weight, floors) on dev, append a row per try to ``rows``.

    Returns the best candidate by mean content / cue / source overlap F1 (the first wins ties) and its
    :func:`evaluate_attribution` result.
    """
    from spinscope.evaluate.attribution import evaluate_attribution

    best: tuple[tuple[float, dict[str, float]], dict[str, Any]] | None = None
    best_f1 = -1.0
    for weight, floors in candidates:
        write_network_config(output, crf_weight=weight, recover_floor=floors, meta=meta)
        result = evaluate_attribution(
            data_dir, "dev", annotate=Attributor(tagger, RoleNetwork.from_disk(output)).annotate
        )
        f1 = _overlap_f1(result)
        mean = (f1["content"] + f1["cue"] + f1["source"]) / 3
        log(f"CRF weight {weight}, floors {floors}: dev overlap F1 {f1} (mean {mean:.4f})")
        rows.append({"crf_weight": weight, "recover_floor": floors, "overlap_f1": f1})
        if mean > best_f1:
            best, best_f1 = ((weight, floors), result), mean
    assert best is not None
    return best


def _overlap_f1(result: dict[str, Any]) -> dict[str, float]:
    return {role: round(v["f1"], 4) for role, v in result["scores"]["overlap"].items()}
