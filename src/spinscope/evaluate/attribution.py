"""Score quote attribution against PolNeAR: content, cue and source spans, and whole relations.

Matching rules (also stated in docs/quotes.md):

- **content**: every content fragment is a unit. *Overlap*: a predicted fragment counts when it shares
  at least one character with a gold content fragment; a gold fragment is found when a predicted one
  overlaps it. *Exact*: same start and end.
- **cue** and **source**: every relation that has the role is a unit. A predicted cue (source) counts
  when a gold relation both has a content overlapping the predicted relation's content (the same
  relation) and a cue (source) that overlaps the predicted one (*exact*: equal offsets). Recall is
  the same test from the gold side.
- **relation**: a predicted relation counts when a gold relation has an overlapping content and an
  overlapping source, or neither has a source (*exact*: equal content fragments and equal source).

Precision = matched predicted units / predicted units; recall = matched gold units / gold units;
both micro-averaged over the split. Where an article has several annotators, the first annotator
listed in ``metadata.tsv`` is the gold standard (see :mod:`spinscope.io.polnear`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.evaluate.metrics import precision_recall_f1
from spinscope.io.polnear import GOLD_LAYERS, Fragments, gold_relation_count, read_polnear
from spinscope.model import Article
from spinscope.quotes.relations import Offsets, Relation
from spinscope.settings import Settings

ROLES = ("content", "cue", "source", "relation")
MODES = ("overlap", "exact")


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _any_overlap(a: Sequence[Offsets], b: Sequence[Offsets]) -> bool:
    return any(_overlaps(x, y) for x in a for y in b)


def _same(a: Sequence[Offsets] | None, b: Sequence[Offsets] | None, exact: bool) -> bool:
    if not a or not b:
        return not a and not b
    return tuple(a) == tuple(b) if exact else _any_overlap(a, b)


def _as_fragments(offsets: Offsets | None) -> Fragments | None:
    return None if offsets is None else (offsets,)


@dataclass(frozen=True)
class _Gold:
    """One gold relation as the matching rules read it: its fragments per role, in annotation order."""

    content: Fragments
    cue: Fragments
    source: Fragments | None


def _gold_relations(article: Article) -> list[_Gold]:
    """The gold relations of ``article``'s gold layers (:data:`spinscope.io.polnear.GOLD_LAYERS`), in order."""
    parts: dict[int, dict[str, list[tuple[int, int, int]]]] = {}
    for role, layer in GOLD_LAYERS.items():
        for span in article.spans(layer):
            parts.setdefault(span.attrs["relation"], {}).setdefault(role, []).append(
                (span.attrs["fragment"], span.start, span.end)
            )

    def fragments(found: dict[str, list[tuple[int, int, int]]], role: str) -> Fragments:
        return tuple((start, end) for _, start, end in sorted(found.get(role, ())))

    return [
        _Gold(fragments(found, "content"), fragments(found, "cue"), fragments(found, "source") or None)
        for _, found in sorted(parts.items())
    ]


def _unit_matches(
    predicted: Sequence[Relation], gold: Sequence[_Gold], role: str, exact: bool
) -> tuple[int, int, int, int]:
    """(matched predicted, predicted, matched gold, gold) units of one role in one article."""
    if role == "content":
        pred_units = [f for r in predicted for f in r.content]
        gold_units = [f for g in gold for f in g.content]
        if exact:
            gold_set, pred_set = set(gold_units), set(pred_units)
            return (
                sum(f in gold_set for f in pred_units),
                len(pred_units),
                sum(f in pred_set for f in gold_units),
                len(gold_units),
            )
        return (
            sum(any(_overlaps(p, g) for g in gold_units) for p in pred_units),
            len(pred_units),
            sum(any(_overlaps(g, p) for p in pred_units) for g in gold_units),
            len(gold_units),
        )

    def pred_part(r: Relation) -> Fragments | None:
        return _as_fragments(r.cue if role == "cue" else r.source)

    def gold_part(g: _Gold) -> Fragments | None:
        return g.cue if role == "cue" else g.source

    def match(r: Relation, g: _Gold) -> bool:
        if role == "relation":
            content_ok = tuple(r.content) == g.content if exact else _any_overlap(r.content, g.content)
            return content_ok and _same(_as_fragments(r.source), g.source, exact)
        part, gpart = pred_part(r), gold_part(g)
        return bool(part and gpart) and _any_overlap(r.content, g.content) and _same(part, gpart, exact)

    if role == "relation":
        pred_units_r, gold_units_r = list(predicted), list(gold)
    else:
        pred_units_r = [r for r in predicted if pred_part(r)]
        gold_units_r = [g for g in gold if gold_part(g)]
    return (
        sum(any(match(r, g) for g in gold_units_r) for r in pred_units_r),
        len(pred_units_r),
        sum(any(match(r, g) for r in pred_units_r) for g in gold_units_r),
        len(gold_units_r),
    )


def _prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict[str, float | int]:
    precision, recall, f1 = precision_recall_f1(matched_pred, n_pred, matched_gold, n_gold)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "predicted": n_pred,
        "gold": n_gold,
    }


def score_articles(pairs: Sequence[tuple[Sequence[Relation], Article]]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 per role and mode over ``(predicted relations, gold article)`` pairs.

    The gold article carries the gold attribution layers :func:`spinscope.io.polnear.read_polnear` reads.
    """
    golds = [(predicted, _gold_relations(article)) for predicted, article in pairs]
    scores: dict[str, Any] = {}
    for mode in MODES:
        scores[mode] = {}
        for role in ROLES:
            totals = [0, 0, 0, 0]
            for predicted, gold in golds:
                for k, value in enumerate(_unit_matches(predicted, gold, role, mode == "exact")):
                    totals[k] += value
            scores[mode][role] = _prf(*totals)
    return scores


def evaluate_attribution(
    data_dir: Path,
    split: str,
    *,
    predict: Callable[[str], list[Relation]] | None = None,
) -> dict[str, Any]:
    """Run attribution over a PolNeAR split and score it (see the module docstring for the rules).

    Args:
        data_dir: folder holding ``polnear/``.
        split: ``train``, ``dev`` or ``test`` (test only to report).
        predict: text -> relations; defaults to the shipped model's cascade.

    Raises:
        DataNotFoundError: PolNeAR or the split is missing.
    """
    if predict is None:
        from spinscope.quotes import load_attributor

        predict = load_attributor(Settings()).relations
    articles = list(read_polnear(data_dir, split))
    pairs = []
    started = time.perf_counter()
    for article in articles:
        pairs.append((predict(article.text), article))
    seconds = time.perf_counter() - started
    return {
        "task": "attribution",
        "corpus": "PolNeAR",
        "split": split,
        "articles": len(articles),
        "gold_relations": sum(gold_relation_count(a) for a in articles),
        "annotator_rule": "first annotator listed in metadata.tsv",
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(articles) / seconds, 2) if seconds else None,
        "scores": score_articles(pairs),
    }


def format_attribution_report(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate_attribution` output."""
    lines = [
        f"PolNeAR {result['split']}: {result['articles']} articles, {result['gold_relations']} gold relations "
        f"({result['annotator_rule']})",
        f"{'mode':8} {'role':9} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6}",
    ]
    for mode in MODES:
        for role in ROLES:
            s = result["scores"][mode][role]
            lines.append(
                f"{mode:8} {role:9} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f} "
                f"{s['predicted']:6d} {s['gold']:6d}"
            )
    if result.get("articles_per_second"):
        lines.append(f"speed: {result['articles_per_second']} articles/s ({result['seconds']} s)")
    return "\n".join(lines) + "\n"
