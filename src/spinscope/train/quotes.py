"""Train the attribution models on PolNeAR train and report their figures on dev (never on test)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from spinscope.io.polnear import read_polnear
from spinscope.quotes.attribute import Attributor
from spinscope.quotes.network import RoleNetwork, write_network_config
from spinscope.quotes.relations import RECOVER_ROLE_FLOOR
from spinscope.quotes.tagger import CONFIG_FILE, LEXICON_FILE, MODEL_FILE, AttributionTagger

#: Shares of the CRF in the CRF + network mix tried on dev (the rest goes to the network).
CRF_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
#: Content recovery floors then tried on dev with the chosen weight (the mix is surer of content
#: than the CRF alone, so recovering content at the CRF's floor adds false contents).
CONTENT_FLOORS = (0.35, 0.45, 0.5, 0.6, 0.8)


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
        tagger.fit([(a.text, a.relations) for a in train], work_dir=output, groups=[a.name for a in train])
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
        result["dev"] = evaluate_attribution(data_dir, "dev", predict=Attributor(tagger).relations)
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
            data_dir, "dev", predict=Attributor(tagger, RoleNetwork.from_disk(output)).relations
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
