"""Tuning technique findings on held-out train: suggester, finding scorer, thresholds, display threshold.

Run on the held-out network of the recipe (``spinscope train --heldout-only``: never saw the 75
held-out articles) over those 75 articles. Everything is chosen for span + technique F1
(:mod:`spinscope.evaluate.spans`), never SI alone:

- the objective is micro-F1 + macro-F1 of span + technique, measured by 5-fold cross-fitting over
  the held-out articles (the finding scorer and the thresholds of a fold are fitted on the other
  four folds), so a choice is judged on articles its own fit did not see;
- the suggester and scorer are grown greedily from the shipped SI decode cut at sentences, through
  :data:`STEPS`; the adoption rule, written before measuring: a step is kept when it raises the
  objective by at least :data:`MIN_GAIN`;
- per-technique thresholds start from the best single threshold and move one technique at a time
  (two passes over the techniques); they are kept only under the same rule;
- the display threshold is the lowest grid score at which the shown findings (score at least it)
  reach precision >= :data:`DISPLAY_PRECISION` (span + technique) and stay there for every higher
  grid score that still shows :data:`MIN_SHOWN` findings; where none does, the grid score whose
  shown findings are the most precise (at least :data:`MIN_SHOWN` of them). That fallback was added
  after the 1.3 tuning found no threshold reaching 0.5 on held-out (the first rule then showed nothing).

The final scorer is refitted on all 75 articles; the thresholds are those chosen on all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from spinscope.detect.findings import (
    FEATURE_NAMES,
    Candidate,
    FindingSettings,
    article_candidates,
    pairs,
    resolve,
    score_pairs,
    suggest,
)
from spinscope.encoder.windows import Encoding
from spinscope.evaluate.metrics import precision_recall_f1
from spinscope.evaluate.semeval import _si_sums, merge_overlapping
from spinscope.model import Article, Layer

#: Folds of the cross-fitting over held-out articles (5: each fold fits on 60 articles).
FOLDS = 5
#: A step must raise micro + macro span + technique F1 by this much to be adopted (about the spread
#: between folds' choices; smaller gains are noise on 75 articles).
MIN_GAIN = 0.005
#: L2 strength of the finding scorer (Newton logistic regression): strong enough that a technique with
#: no held-out positives gets a finite negative bias instead of running off.
SCORER_L2 = 1.0
#: Decision thresholds tried (scores are expected precision credits).
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(27))
#: Precision the findings shown by default must reach on held-out train (the issue's floor).
DISPLAY_PRECISION = 0.5
#: A display threshold above which fewer findings than this are shown is not judged (too few to say).
MIN_SHOWN = 20
#: The superset the candidates of every step are drawn from (computed once per article).
ALL_RUNS = ((0.4, 14), (0.3, 2), (0.5, 0), (0.25, 6), (0.6, 1))
#: The steps, in order: each is the settings change tried on top of what was adopted before.
STEPS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("runs + (0.3, 2)", {"runs": ((0.4, 14), (0.3, 2))}),
    ("runs + (0.5, 0)", {"add_run": (0.5, 0)}),
    ("runs + (0.25, 6)", {"add_run": (0.25, 6)}),
    ("runs + (0.6, 1)", {"add_run": (0.6, 1)}),
    ("clause cuts", {"clauses": True}),
    ("patterns", {"patterns": True}),
    ("top 2 techniques", {"top_k": 2}),
    ("top 3 techniques", {"top_k": 3}),
)
BASELINE = FindingSettings(runs=((0.4, 14),), clauses=False, patterns=False, top_k=1)


@dataclass
class HeldArticle:
    """A held-out article with its one encoder pass and the superset of candidates, classified."""

    id: str
    text: str
    encoding: Encoding
    p_inside: np.ndarray
    probs: dict[tuple[int, int], np.ndarray]
    #: Gold spans per technique index, merged.
    gold: dict[int, list[tuple[int, int]]]


def collect(model: Any, articles: Sequence[Article], log: Callable[[str], None] = lambda _: None) -> list[HeldArticle]:
    """Run ``model`` once over each article with the superset suggester; keep what every step needs."""
    superset = FindingSettings(runs=ALL_RUNS, clauses=True, patterns=True, top_k=3)
    index = {name: i for i, name in enumerate(model.techniques)}
    held = []
    for n, article in enumerate(articles, 1):
        encoding, p_inside, candidates, probs = article_candidates(model, article.text, superset)
        gold: dict[int, list[tuple[int, int]]] = {}
        for span in article.spans(Layer.GOLD_TECHNIQUES):
            if span.label in index and span.end > span.start:
                gold.setdefault(index[span.label], []).append((span.start, span.end))
        held.append(
            HeldArticle(
                article.id,
                article.text,
                encoding,
                p_inside,
                {(c.start, c.end): row for c, row in zip(candidates, probs, strict=True)},
                {k: merge_overlapping(v) for k, v in gold.items()},
            )
        )
        if n % 15 == 0:
            log(f"findings: {n}/{len(articles)} held-out articles read")
    return held


@dataclass
class Pairs:
    """The scored pairs of one article under one setting: candidates, pairs, design matrix, credit."""

    candidates: list[Candidate]
    chosen: list[tuple[int, int]]
    design: np.ndarray
    credit: np.ndarray
    probs: np.ndarray


def _credit(candidate: Candidate, gold: list[tuple[int, int]]) -> float:
    """The SI precision credit of a span against merged gold spans of one technique."""
    overlap = sum(max(0, min(candidate.end, e) - max(candidate.start, s)) for s, e in gold)
    return min(overlap / max(candidate.end - candidate.start, 1), 1.0)


def article_pairs(item: HeldArticle, settings: FindingSettings, techniques: Sequence[str]) -> Pairs:
    candidates = suggest(item.text, item.encoding, item.p_inside, settings, techniques)
    candidates = [c for c in candidates if (c.start, c.end) in item.probs]
    probs = np.asarray([item.probs[(c.start, c.end)] for c in candidates]).reshape(len(candidates), len(techniques))
    chosen, design = pairs(candidates, probs, settings.top_k)
    credit = np.asarray([_credit(candidates[i], item.gold.get(k, [])) for i, k in chosen])
    return Pairs(candidates, chosen, design, credit, probs)


def fit_scorer(parts: Sequence[Pairs]) -> np.ndarray:
    """Finding scorer weights fitted on the pairs of some articles (soft targets: the credits)."""
    from spinscope.train.calibration import fit_logistic

    designs = [p.design for p in parts if len(p.design)]
    if not designs:  # nothing to learn from (a tiny corpus): every pair scores 0.5
        return np.zeros(parts[0].design.shape[1] + 1 if parts else len(FEATURE_NAMES) + 1)
    credit = np.concatenate([p.credit for p in parts if len(p.design)])
    return fit_logistic(np.vstack(designs), credit, l2=SCORER_L2)


def _decided(part: Pairs, scores: np.ndarray) -> list[tuple[int, int, int, float]]:
    """(technique, start, end, score) of every pair left after per-technique overlap resolution."""
    everything = resolve(part.candidates, part.chosen, scores, part.probs, [0.0] * part.probs.shape[1])
    return [(f.technique, f.start, f.end, f.score) for f in everything]


def technique_sums(
    decided: dict[str, list[tuple[int, int, int, float]]],
    gold: dict[str, dict[int, list[tuple[int, int]]]],
    n_techniques: int,
    thresholds: Sequence[float] = THRESHOLDS,
) -> np.ndarray:
    """sums[k, g] = (precision credit, recall credit, predicted, gold) of technique k at threshold g."""
    sums = np.zeros((n_techniques, len(thresholds), 4))
    for k in range(n_techniques):
        gold_k = {a: g[k] for a, g in gold.items() if k in g}
        for g, threshold in enumerate(thresholds):
            pred_k = {a: [(s, e) for t, s, e, sc in rows if t == k and sc >= threshold] for a, rows in decided.items()}
            sums[k, g] = _si_sums(pred_k, gold_k)
    return sums


def objective(sums: np.ndarray, choice: Sequence[int]) -> tuple[float, float, float]:
    """(micro F1 + macro F1, micro F1, macro F1) for a threshold index per technique."""
    rows = np.asarray([sums[k, g] for k, g in enumerate(choice)])
    _, _, micro = precision_recall_f1(rows[:, 0].sum(), rows[:, 2].sum(), rows[:, 1].sum(), rows[:, 3].sum())
    f1s = []
    for ps, rs, n_pred, n_gold in rows:
        if n_gold:
            f1s.append(precision_recall_f1(ps, n_pred, rs, n_gold)[2])
    macro = float(np.mean(f1s)) if f1s else 0.0
    return micro + macro, micro, macro


def choose_thresholds(sums: np.ndarray, *, per_technique: bool) -> list[int]:
    """Threshold index per technique: the best single one, then (optionally) technique by technique."""
    n = sums.shape[0]
    best = max(range(len(THRESHOLDS)), key=lambda g: (objective(sums, [g] * n)[0], -g))
    choice = [best] * n
    if per_technique:
        for _ in range(2):
            for k in range(n):
                current = objective(sums, choice)[0]
                for g in range(len(THRESHOLDS)):
                    trial = [*choice[:k], g, *choice[k + 1 :]]
                    value = objective(sums, trial)[0]
                    if value > current + 1e-9:
                        current, choice = value, trial
    return choice


def _folds(n: int) -> list[int]:
    return [i % FOLDS for i in range(n)]


def cross_fit(
    held: Sequence[HeldArticle], settings: FindingSettings, techniques: Sequence[str], *, per_technique: bool
) -> dict[str, Any]:
    """Cross-fitted span + technique figures of ``settings`` on the held-out articles.

    Fold f's pairs are scored by a scorer fitted on the other folds; fold f's thresholds are chosen on
    the other folds' (cross-fitted) scores.
    """
    n_tech = len(techniques)
    parts = [article_pairs(item, settings, techniques) for item in held]
    folds = _folds(len(held))
    decided: dict[str, list[tuple[int, int, int, float]]] = {}
    for f in sorted(set(folds)):
        weights = fit_scorer([p for p, fold in zip(parts, folds, strict=True) if fold != f] or parts)
        for item, part, fold in zip(held, parts, folds, strict=True):
            if fold == f:
                decided[item.id] = _decided(part, score_pairs(part.design, weights)) if len(part.design) else []
    gold = {item.id: item.gold for item in held}
    chosen_rows: dict[str, list[tuple[int, int, int, float]]] = {}
    for f in sorted(set(folds)):
        ids_f = {item.id for item, fold in zip(held, folds, strict=True) if fold == f}
        rest = {a: rows for a, rows in decided.items() if a not in ids_f}
        choice = choose_thresholds(
            technique_sums(rest, {a: gold[a] for a in rest}, n_tech), per_technique=per_technique
        )
        for a in ids_f:
            chosen_rows[a] = [row for row in decided[a] if row[3] >= THRESHOLDS[choice[row[0]]]]
    sums = technique_sums(chosen_rows, gold, n_tech, thresholds=(0.0,))
    value, micro, macro = objective(sums, [0] * n_tech)
    return {"objective": value, "micro_f1": micro, "macro_f1": macro, "decided": decided, "findings": chosen_rows}


def display_threshold(
    decided: dict[str, list[tuple[int, int, int, float]]], held: Sequence[HeldArticle], n_techniques: int
) -> tuple[float, float, float]:
    """(display threshold, precision, recall) of the findings shown at it (see the module docstring)."""
    gold = {item.id: item.gold for item in held}
    grid = tuple(round(0.05 * i, 2) for i in range(1, 20))
    figures = []
    for threshold in grid:
        sums = technique_sums(decided, gold, n_techniques, thresholds=(threshold,))[:, 0]
        n_pred = sums[:, 2].sum()
        precision, recall, _ = precision_recall_f1(sums[:, 0].sum(), n_pred, sums[:, 1].sum(), sums[:, 3].sum())
        figures.append((threshold, precision, recall, n_pred))
    for i, (threshold, precision, recall, _) in enumerate(figures):
        higher = [f for f in figures[i:] if f[3] >= MIN_SHOWN]
        if higher and all(f[1] >= DISPLAY_PRECISION for f in higher):
            return threshold, precision, recall
    # no threshold reaches the precision (ptc-minilm 1.3: at most 0.38 on held-out): show the most precise
    # findings there are, at the grid score with the highest precision that still shows MIN_SHOWN findings
    enough = [f for f in figures if f[3] >= MIN_SHOWN] or figures
    threshold, precision, recall, _ = max(enough, key=lambda f: (f[1], -f[0]))
    return threshold, precision, recall


def _step(settings: FindingSettings, change: dict[str, Any]) -> FindingSettings:
    if "add_run" in change:
        return replace(settings, runs=(*settings.runs, change["add_run"]))
    return replace(settings, **change)


def tune_findings(
    model: Any, articles: Sequence[Article], *, log: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """Choose the findings settings and the display threshold on held-out ``articles``.

    Returns ``{"findings": ..., "display": {"min_score": ...}, "tuning": {...}}`` for ``config.json``.
    """
    techniques = list(model.techniques)
    held = collect(model, articles, log)
    settings = BASELINE
    result = cross_fit(held, settings, techniques, per_technique=False)
    trail = [{"step": "baseline: shipped decode cut at sentences", "objective": round(result["objective"], 4)}]
    log(
        f"findings: baseline {result['objective']:.4f} (micro {result['micro_f1']:.4f}, macro {result['macro_f1']:.4f})"
    )
    for name, change in STEPS:
        trial_settings = _step(settings, change)
        trial = cross_fit(held, trial_settings, techniques, per_technique=False)
        adopted = trial["objective"] >= result["objective"] + MIN_GAIN
        log(
            f"findings: {name}: {trial['objective']:.4f} (micro {trial['micro_f1']:.4f}, "
            f"macro {trial['macro_f1']:.4f}) {'adopted' if adopted else 'not adopted'}"
        )
        trail.append({"step": name, "objective": round(trial["objective"], 4), "adopted": bool(adopted)})
        if adopted:
            settings, result = trial_settings, trial
    per_technique = cross_fit(held, settings, techniques, per_technique=True)
    use_per_technique = per_technique["objective"] >= result["objective"] + MIN_GAIN
    log(
        f"findings: per-technique thresholds: {per_technique['objective']:.4f} "
        f"{'adopted' if use_per_technique else 'not adopted'}"
    )
    trail.append(
        {
            "step": "per-technique thresholds",
            "objective": round(per_technique["objective"], 4),
            "adopted": bool(use_per_technique),
        }
    )
    if use_per_technique:
        result = per_technique
    # final: scorer on all 75 articles; thresholds chosen on the cross-fitted scores of all of them
    parts = [article_pairs(item, settings, techniques) for item in held]
    weights = fit_scorer(parts)
    gold = {item.id: item.gold for item in held}
    choice = choose_thresholds(
        technique_sums(result["decided"], gold, len(techniques)), per_technique=use_per_technique
    )
    final = replace(settings, weights=tuple(float(w) for w in weights), thresholds=tuple(THRESHOLDS[g] for g in choice))
    display, precision, recall = display_threshold(result["findings"], held, len(techniques))
    log(f"findings: display threshold {display} (held-out precision {precision:.3f}, recall {recall:.3f})")
    return {
        "findings": final.to_config(),
        "display": {"min_score": display},
        "tuning": {
            "articles": len(held),
            "folds": FOLDS,
            "steps": trail,
            "span_technique": {"micro_f1": round(result["micro_f1"], 4), "macro_f1": round(result["macro_f1"], 4)},
            "display": {"precision": round(precision, 4), "recall": round(recall, 4)},
        },
    }


def heldout_articles(data_dir: Any, *, seed: int = 13, max_articles: int | None = None) -> list[Article]:
    """The held-out train articles of ``heldout_split(seed)`` (the recipe's tuning split), with gold."""
    from spinscope.errors import DataNotFoundError
    from spinscope.evaluate.techniques import PTC_FOLDER
    from spinscope.io.ptc import read_ptc
    from spinscope.train.neural import heldout_split
    from spinscope.train.techniques import HELDOUT_FRACTION

    corpus = data_dir / PTC_FOLDER
    if not (corpus / "train-articles").is_dir():
        raise DataNotFoundError(f"{corpus / 'train-articles'}: not found (see the data README)")
    articles = list(read_ptc(corpus / "train-articles", corpus / "train-labels-task-flc-tc"))
    if max_articles:
        articles = articles[:max_articles]
    _, held_ids = heldout_split([a.id for a in articles], seed=seed, fraction=HELDOUT_FRACTION)
    wanted = set(held_ids)
    return [a for a in articles if a.id in wanted]


def tune_from_dir(
    model_dir: Any, data_dir: Any, *, seed: int = 13, log: Callable[[str], None] = lambda _: None
) -> dict[str, Any]:
    """:func:`tune_findings` with the held-out model in ``model_dir`` (``spinscope train --heldout-only``)."""
    from spinscope.detect.model import TechniqueModel

    return tune_findings(TechniqueModel.from_disk(model_dir), heldout_articles(data_dir, seed=seed), log=log)


def tune_heldout_net(
    net: Any,
    *,
    tokenizer_file: Any,
    config: dict[str, Any],
    linear: Any,
    articles: Sequence[Article],
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """:func:`tune_findings` with the held-out net of a training run, exported as the shipped model is
    (int8 ONNX, numpy heads, the held-out linear classifier) into a temporary directory."""
    import tempfile
    from pathlib import Path

    from spinscope.detect.model import LINEAR_FILE, TechniqueModel
    from spinscope.train.export import write_model_dir

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_model_dir(net, folder, tokenizer_file=tokenizer_file, config=config, quantize=True)
        if linear is not None:
            linear.to_disk(folder / LINEAR_FILE)
        return tune_findings(TechniqueModel.from_disk(folder), articles, log=log)


def apply_findings(model_dir: Any, tuned: dict[str, Any]) -> None:
    """Write the ``findings`` and ``display`` entries of :func:`tune_findings` into a model's config.json
    (other keys and the weights unchanged).

    Raises:
        ModelError: the directory has no readable config.json.
    """
    import json
    from pathlib import Path

    from spinscope.detect.model import CONFIG_FILE
    from spinscope.errors import ModelError

    path = Path(model_dir) / CONFIG_FILE
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: no readable model config ({e})") from e
    config["findings"], config["display"] = tuned["findings"], tuned["display"]
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
