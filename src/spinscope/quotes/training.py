"""Train the attribution tagger on PolNeAR train and report its figures on dev (never on test)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from spinscope.quotes.attribute import Attributor
from spinscope.quotes.polnear import read_polnear
from spinscope.quotes.tagger import AttributionTagger


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
) -> dict[str, Any]:
    """Train the CRF on PolNeAR train, save it to ``output``, and score the full cascade on dev.

    The defaults are the shipped model's hyper-parameters (chosen on dev, see its MODEL_CARD.md).

    Args:
        data_dir: folder holding ``polnear/``.
        seed: recorded with the model (CRFsuite's L-BFGS is deterministic).
        output: model folder to write (``attribution.crfsuite`` and ``attribution.json``).
        all_annotators: train on every annotator's version of a train article, not only the first.

    Returns:
        ``{"output", "train_articles", "seconds", "dev": evaluate_attribution(...) result}``.

    Raises:
        DataNotFoundError: PolNeAR is missing.
    """
    from spinscope.evaluate.attribution import evaluate_attribution

    train = list(read_polnear(data_dir, "train", all_annotators=all_annotators))
    started = time.perf_counter()
    tagger = AttributionTagger(c1=c1, c2=c2, max_iterations=max_iterations, use_lexicon=use_lexicon, seed=seed)
    output.mkdir(parents=True, exist_ok=True)
    tagger.fit([(a.text, a.relations) for a in train], work_dir=output, groups=[a.name for a in train])
    tagger.to_disk(output)
    seconds = time.perf_counter() - started
    dev = evaluate_attribution(data_dir, "dev", predict=Attributor(tagger).relations)
    return {
        "output": str(output),
        "train_articles": len(train),
        "seconds": round(seconds, 1),
        "config": tagger.config(),
        "dev": dev,
    }
