"""Training the SemEval-2023 paragraph head on the technique model's encoder pass.

Data: the 2023 paragraph labels of the **371 SemEval-2020 train articles** (read from SemEval-2023
train; the 75 SemEval-2020 dev articles it also holds are left out by their ids, and 2023 dev is never
read). Each article is read once by the detect stage of the model directory (the shipped one by default),
keeping its piece states (:func:`article_inputs`). Per label, an L2 logistic regression (scikit-learn's
L-BFGS, deterministic) is fitted on all paragraphs.

The thresholds are chosen on articles the network never saw (:func:`heldout_thresholds`): the held-out
network of the recipe (``spinscope train --heldout-only``) reads the 371 articles, a head fitted on its fit
articles scores its held-out articles, and the shared threshold with the best micro-F1 there is kept.
Without a held-out network they fall back to out-of-fold probabilities of a k-fold split over the model's
own pass (seeded, so no paragraph decides its own threshold), which is optimistic: that network was trained
on all of those articles, so their states separate the labels better than a new article's do.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.paragraph_head import (
    GROUPS,
    N_GRAM_BUCKETS,
    PARAGRAPH_HEAD_FILE,
    ParagraphHead,
    ParagraphInputs,
    paragraph_inputs,
)
from spinscope.errors import DataNotFoundError, ModelError
from spinscope.model import Article

#: The adopted configuration (chosen by 5-fold cross-validation over the 371 articles; see the model card).
DEFAULTS: dict[str, Any] = {
    "groups": ["mean", "max", "inside", "findings"],
    "ngrams": False,
    "c": 0.003,
    "ngram_scale": 1.0,
}
#: Folds of the threshold cross-validation.
FOLDS = 5
#: Thresholds tried (one for every label, or one per label: ``per_label``).
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.1, 0.71, 0.025))
ST3_FOLDER = "semeval2023-task3-en"
PTC_FOLDER = "semeval2020-task11-ptc-v2"


def article_inputs(stage: Any, article: Article) -> ParagraphInputs:
    """The paragraph inputs of ``article`` from one pass of a :class:`~spinscope.detect.stage.DetectStage`.

    Raises:
        ModelError: the stage's model has no technique findings (no piece states to read).
    """
    passage = stage.read(article, keep_states=True)
    if passage.states is None:
        raise ModelError(f"{stage.model.model_dir}: the paragraph head needs a model with technique findings")
    return paragraph_inputs(
        article.text, passage.encoding, passage.p_inside, passage.states, passage.found, len(stage.model.techniques)
    )


def _ids(folder: Path) -> set[str]:
    return {m.group(1) for p in folder.iterdir() if (m := re.fullmatch(r"article(\d+)\.txt", p.name))}


def training_articles(
    data_dir: Path, *, max_articles: int | None = None
) -> tuple[list[Article], dict[str, dict[int, frozenset[str]]]]:
    """The 371 SemEval-2020 train articles as SemEval-2023 train holds them, and their paragraph gold by line.

    Raises:
        DataNotFoundError: the SemEval-2023 or PTC v2 folders are not under ``data_dir``.
    """
    from spinscope.io.ptc import read_ptc
    from spinscope.io.semeval import read_paragraph_labels

    st3, ptc = Path(data_dir) / ST3_FOLDER, Path(data_dir) / PTC_FOLDER
    for folder in (st3 / "train-articles-subtask-3", st3 / "train-labels-subtask-3", ptc / "train-articles"):
        if not folder.is_dir():
            raise DataNotFoundError(str(folder), "needed to train the paragraph head")
    keep = _ids(ptc / "train-articles") - _ids(ptc / "dev-articles") if (ptc / "dev-articles").is_dir() else set()
    if not keep:
        keep = _ids(ptc / "train-articles")
    articles = [a for a in read_ptc(st3 / "train-articles-subtask-3", labels=None) if a.id in keep]
    articles = articles[:max_articles] if max_articles else articles
    wanted = {a.id for a in articles}
    gold: dict[str, dict[int, frozenset[str]]] = {}
    for article_id, line, labels in read_paragraph_labels(st3 / "train-labels-subtask-3"):
        if article_id in wanted:
            gold.setdefault(article_id, {})[line] = labels
    return articles, gold


def gold_sets(inputs: ParagraphInputs, gold: dict[int, frozenset[str]]) -> list[frozenset[str]]:
    """The gold label set of every paragraph of ``inputs`` (none where the label file has no row)."""
    return [gold.get(line, frozenset()) for line, _, _ in inputs.lines]


def _design(inputs: Sequence[ParagraphInputs], groups: Sequence[str], ngrams: bool, ngram_scale: float) -> Any:
    import scipy.sparse as sparse

    dense = np.concatenate([i.dense(groups) for i in inputs]).astype(np.float64)
    center = dense.mean(axis=0) if len(dense) else np.zeros(dense.shape[1])
    scale = dense.std(axis=0) if len(dense) else np.ones(dense.shape[1])
    scale = np.where(scale > 1e-6, scale, 1.0)
    parts = [sparse.csr_matrix((dense - center) / scale)]
    if ngrams:
        rows = [ids for i in inputs for ids in i.ngrams]
        indptr = np.cumsum([0] + [len(r) for r in rows])
        values = np.full(indptr[-1], ngram_scale, dtype=np.float64)
        columns = np.concatenate(rows).astype(np.int64) if indptr[-1] else np.zeros(0, dtype=np.int64)
        parts.append(sparse.csr_matrix((values, columns, indptr), shape=(len(rows), N_GRAM_BUCKETS)))
    return sparse.hstack(parts, format="csr"), center, scale


def fit_head(
    inputs: Sequence[ParagraphInputs],
    gold: Sequence[Sequence[frozenset[str]]],
    labels: Sequence[str],
    *,
    groups: Sequence[str] = tuple(DEFAULTS["groups"]),
    ngrams: bool = bool(DEFAULTS["ngrams"]),
    c: float = float(DEFAULTS["c"]),
    ngram_scale: float = float(DEFAULTS["ngram_scale"]),
    thresholds: Sequence[float] | np.ndarray | float = 0.5,
    info: dict[str, object] | None = None,
) -> ParagraphHead:
    """Fit one logistic regression per label on every paragraph of ``inputs`` (gold: label sets per paragraph).

    A label no paragraph has keeps zero weights and a very low bias (never given).
    """
    from sklearn.linear_model import LogisticRegression

    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise ValueError(f"unknown feature groups {unknown}: expected some of {GROUPS}")
    design, center, scale = _design(inputs, groups, ngrams, ngram_scale)
    targets = [label_set for sets in gold for label_set in sets]
    n_dense = len(center)
    weights = np.zeros((design.shape[1], len(labels)), dtype=np.float64)
    bias = np.full(len(labels), -30.0)
    for k, label in enumerate(labels):
        y = np.asarray([label in t for t in targets], dtype=np.int64)
        if 0 < y.sum() < len(y):
            model = LogisticRegression(C=c, max_iter=2000).fit(design, y)
            weights[:, k], bias[k] = model.coef_[0], model.intercept_[0]
    cut = np.broadcast_to(np.asarray(thresholds, dtype=np.float64), (len(labels),)).copy()
    ngram_w = weights[n_dense:] * ngram_scale if ngrams else np.zeros((0, len(labels)))
    return ParagraphHead(
        list(labels),
        list(groups),
        center.astype(np.float32),
        scale.astype(np.float32),
        weights[:n_dense].astype(np.float32),
        ngram_w.astype(np.float32),
        bias.astype(np.float32),
        cut.astype(np.float32),
        dict(info or {}),
    )


def folds(n: int, k: int, seed: int) -> list[int]:
    """Fold number of each of ``n`` articles (seeded shuffle, sizes within one)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold = [0] * n
    for rank, index in enumerate(order):
        fold[index] = rank % k
    return fold


def out_of_fold(
    inputs: Sequence[ParagraphInputs],
    gold: Sequence[Sequence[frozenset[str]]],
    labels: Sequence[str],
    *,
    seed: int,
    k: int = FOLDS,
    **options: Any,
) -> np.ndarray:
    """P(label) of every paragraph from a head fitted on the other folds' articles (rows in input order)."""
    fold = folds(len(inputs), k, seed)
    parts: list[np.ndarray | None] = [None] * len(inputs)
    for f in range(k):
        train = [i for i in range(len(inputs)) if fold[i] != f]
        head = fit_head([inputs[i] for i in train], [gold[i] for i in train], labels, **options)
        for i in range(len(inputs)):
            if fold[i] == f:
                parts[i] = head.probabilities(inputs[i])
    return np.concatenate([p for p in parts if p is not None])


def micro_counts(probs: np.ndarray, truth: np.ndarray, thresholds: np.ndarray) -> tuple[int, int, int]:
    """(true positives, predicted, gold) of thresholded ``probs`` against the 0/1 ``truth`` matrix."""
    predicted = probs >= thresholds
    return int((predicted & truth).sum()), int(predicted.sum()), int(truth.sum())


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def choose_thresholds(probs: np.ndarray, truth: np.ndarray, *, per_label: bool) -> tuple[np.ndarray, float]:
    """Thresholds maximising micro-F1 on (``probs``, ``truth``): one shared value, or then one per label
    (coordinate ascent from the shared value, two sweeps). Returns them and the micro-F1 they reach."""
    best = max(THRESHOLD_GRID, key=lambda t: _f1(*micro_counts(probs, truth, np.full(probs.shape[1], t))))
    cut = np.full(probs.shape[1], best)
    if per_label:
        for _ in range(2):
            for k in range(probs.shape[1]):

                def score(t: float, k: int = k) -> float:
                    trial = cut.copy()
                    trial[k] = t
                    return _f1(*micro_counts(probs, truth, trial))

                cut[k] = max(THRESHOLD_GRID, key=score)
    return cut, _f1(*micro_counts(probs, truth, cut))


def truth_matrix(gold: Sequence[Sequence[frozenset[str]]], labels: Sequence[str]) -> np.ndarray:
    """0/1 matrix (paragraphs x labels) of the gold sets, in input order."""
    return np.asarray([[label in s for label in labels] for sets in gold for s in sets], dtype=bool)


def read_inputs(
    model_dir: Path,
    articles: Sequence[Article],
    gold_by_id: dict[str, dict[int, frozenset[str]]],
    log: Callable[[str], None] = lambda _: None,
) -> tuple[list[ParagraphInputs], list[list[frozenset[str]]]]:
    """The paragraph inputs of ``articles`` from one pass of the model in ``model_dir``, and their gold sets."""
    from spinscope.detect.stage import DetectStage, load_model

    stage = DetectStage(load_model(model_dir, threads=1))
    inputs, gold = [], []
    for n, article in enumerate(articles, 1):
        item = article_inputs(stage, article)
        inputs.append(item)
        gold.append(gold_sets(item, gold_by_id.get(article.id, {})))
        if n % 50 == 0 or n == len(articles):
            log(f"paragraphs: {Path(model_dir).name} read {n}/{len(articles)} articles")
    return inputs, gold


def read_heldout_split(tuning_from: Path) -> dict[str, Any]:
    """The split that a held-out network folder records in its ``heldout.json`` (seed, fit and held-out ids).

    Raises:
        ModelError: ``tuning_from`` is not a held-out model directory (``spinscope train --heldout-only``).
    """
    from spinscope.train.techniques import HELDOUT_RECORD

    try:
        split = json.loads((Path(tuning_from) / HELDOUT_RECORD).read_text(encoding="utf-8"))
        split["fit_ids"], split["heldout_ids"] = list(split["fit_ids"]), list(split["heldout_ids"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(
            f"{tuning_from}: not a held-out model directory (spinscope train --heldout-only writes "
            f"{HELDOUT_RECORD} with its split): {e}"
        ) from e
    return dict(split)


def heldout_thresholds(
    tuning_from: Path,
    split: dict[str, Any],
    articles: Sequence[Article],
    gold_by_id: dict[str, dict[int, frozenset[str]]],
    *,
    per_label: bool = False,
    log: Callable[[str], None] = lambda _: None,
    **options: Any,
) -> dict[str, Any]:
    """Thresholds chosen on the held-out train articles of the held-out network in ``tuning_from``.

    ``split`` is that folder's :func:`read_heldout_split`: the fit and held-out ids among ``articles`` (from
    :func:`training_articles`). A head fitted (with ``options``) on the fit articles' pass of that network
    scores the held-out articles, which neither the network nor the head saw. Returns the thresholds and
    what they reach there.

    Raises:
        ModelError: the split leaves no article on one side.
    """
    from spinscope.train.techniques import HELDOUT_RECORD

    fit_ids, held_ids = set(split["fit_ids"]), set(split["heldout_ids"])
    fit_articles = [a for a in articles if a.id in fit_ids]
    held_articles = [a for a in articles if a.id in held_ids]
    if not fit_articles or not held_articles:
        raise ModelError(f"{tuning_from}: its split ({HELDOUT_RECORD}) leaves no train article on one side")
    labels = paragraph_labels()
    settings = {**DEFAULTS, **options}
    fit_inputs, fit_gold = read_inputs(tuning_from, fit_articles, gold_by_id, log)
    held_inputs, held_gold = read_inputs(tuning_from, held_articles, gold_by_id, log)
    head = fit_head(fit_inputs, fit_gold, labels, **settings)
    probs = np.concatenate([head.probabilities(i) for i in held_inputs])
    truth = truth_matrix(held_gold, labels)
    cut, f1 = choose_thresholds(probs, truth, per_label=per_label)
    tp, predicted, gold = micro_counts(probs, truth, cut)
    log(f"paragraphs: held-out micro-F1 {f1:.4f} at thresholds {sorted(set(cut.round(3).tolist()))}")
    return {
        "thresholds_from": f"held-out network {Path(tuning_from).name} (seed {split.get('seed')})",
        "fit_articles": len(fit_articles),
        "heldout_articles": len(held_articles),
        "heldout_micro_f1": round(f1, 4),
        "heldout_micro_precision": round(tp / predicted, 4) if predicted else 0.0,
        "heldout_micro_recall": round(tp / gold, 4) if gold else 0.0,
        "thresholds": [round(float(t), 4) for t in cut],
    }


def paragraph_labels() -> list[str]:
    """The SemEval-2023 labels the head gives (the 19 with English training examples)."""
    from spinscope.taxonomy.inventory import get_taxonomy

    return list(get_taxonomy("semeval2023").detected_ids)


def train_paragraph_head(
    model_dir: Path,
    data_dir: Path,
    *,
    seed: int = 13,
    per_label: bool = False,
    max_articles: int | None = None,
    tuning_from: Path | None = None,
    log: Callable[[str], None] = lambda _: None,
    **options: Any,
) -> tuple[ParagraphHead, dict[str, Any]]:
    """Read the 371 train articles with the model in ``model_dir`` and fit the head on all of them.

    The thresholds come from :func:`heldout_thresholds` on the held-out network in ``tuning_from``, or,
    without one, from k-fold CV over this model's own pass (optimistic: see the module docstring).
    Returns the head and its record (data, options, where the thresholds come from, what they reach).
    """
    split = None if tuning_from is None else read_heldout_split(tuning_from)  # a wrong folder is refused first
    articles, gold_by_id = training_articles(data_dir, max_articles=max_articles)
    tuning = None
    if tuning_from is not None and split is not None:  # before the long pass over the model's own states
        tuning = heldout_thresholds(tuning_from, split, articles, gold_by_id, per_label=per_label, log=log, **options)
    labels = paragraph_labels()
    settings = {**DEFAULTS, **options}
    inputs, gold = read_inputs(model_dir, articles, gold_by_id, log)
    probs = out_of_fold(inputs, gold, labels, seed=seed, **settings)
    cv_cut, cv_f1 = choose_thresholds(probs, truth_matrix(gold, labels), per_label=per_label)
    log(f"paragraphs: {FOLDS}-fold micro-F1 {cv_f1:.4f} on the model's own pass")
    record: dict[str, Any] = {
        "data": f"SemEval-2023 train paragraph labels of the {len(articles)} SemEval-2020 train articles",
        "seed": seed,
        "folds": FOLDS,
        "per_label_thresholds": per_label,
        "options": settings,
        "cv_micro_f1": round(cv_f1, 4),
        "paragraphs": int(sum(len(g) for g in gold)),
    }
    if tuning is None:
        cut = cv_cut
        record["thresholds_from"] = f"{FOLDS}-fold CV over the model's own pass (optimistic)"
    else:
        cut = np.asarray(tuning["thresholds"], dtype=np.float64)
        record.update(tuning)
    head = fit_head(inputs, gold, labels, thresholds=cut, info=record, **settings)
    return head, record


def apply_head(head: ParagraphHead, model_dir: Path) -> Path:
    """Write ``head`` into the model directory ``model_dir`` (its other files are not touched)."""
    path = Path(model_dir) / PARAGRAPH_HEAD_FILE
    head.to_disk(path)
    return path
