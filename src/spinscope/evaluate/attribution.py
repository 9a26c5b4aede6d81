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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.evaluate.analysed import Annotate, analysed
from spinscope.evaluate.metrics import precision_recall_f1
from spinscope.io.polnear import GOLD_LAYERS, Fragments, gold_relation_count, read_polnear
from spinscope.model import Article, Layer
from spinscope.settings import Settings

#: A (start, end) pair of character offsets.
Offsets = tuple[int, int]

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


@dataclass(frozen=True)
class _Attribution:
    """One relation as the matching rules read it, predicted or gold: its fragments per role, in text order."""

    content: Fragments
    cue: Fragments | None
    source: Fragments | None


def _gold_relations(article: Article) -> list[_Attribution]:
    """The gold relations of ``article``'s gold layers (:data:`spinscope.io.polnear.GOLD_LAYERS`), in order."""
    parts: dict[int, dict[str, list[tuple[int, int, int]]]] = {}
    for role, layer in GOLD_LAYERS.items():
        for span in article.spans(layer):
            parts.setdefault(span.attrs["relation"], {}).setdefault(role, []).append(
                (span.attrs["fragment"], span.start, span.end)
            )

    def fragments(found: dict[str, list[tuple[int, int, int]]], role: str) -> Fragments | None:
        return tuple((start, end) for _, start, end in sorted(found.get(role, ()))) or None

    return [
        _Attribution(fragments(found, "content") or (), fragments(found, "cue"), fragments(found, "source"))
        for _, found in sorted(parts.items())
    ]


def _offset_pair(value: Mapping[str, int] | None) -> Fragments | None:
    return None if value is None else ((int(value["start"]), int(value["end"])),)


def _predicted_relations(article: Article) -> list[_Attribution]:
    """The relations the quotes stage wrote on ``article`` (its ``attributions`` layer: fragments, cue, source)."""
    return [
        _Attribution(
            tuple((int(f["start"]), int(f["end"])) for f in span.attrs["fragments"]),
            _offset_pair(span.attrs.get("cue")),
            _offset_pair(span.attrs.get("source")),
        )
        for span in article.spans(Layer.ATTRIBUTIONS)
    ]


def _unit_matches(
    predicted: Sequence[_Attribution], gold: Sequence[_Attribution], role: str, exact: bool
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

    def part(r: _Attribution) -> Fragments | None:
        return r.cue if role == "cue" else r.source

    def match(r: _Attribution, g: _Attribution) -> bool:
        if role == "relation":
            content_ok = r.content == g.content if exact else _any_overlap(r.content, g.content)
            return content_ok and _same(r.source, g.source, exact)
        pred_part, gold_part = part(r), part(g)
        return (
            bool(pred_part and gold_part) and _any_overlap(r.content, g.content) and _same(pred_part, gold_part, exact)
        )

    if role == "relation":
        pred_units_r, gold_units_r = list(predicted), list(gold)
    else:
        pred_units_r = [r for r in predicted if part(r)]
        gold_units_r = [g for g in gold if part(g)]
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


def score_articles(pairs: Sequence[tuple[Article, Article]]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 per role and mode over ``(predicted article, gold article)`` pairs.

    The predicted article carries the quotes stage's ``attributions`` layer (:func:`analysed` makes it);
    the gold article the gold attribution layers :func:`spinscope.io.polnear.read_polnear` reads.
    """
    relations = [(_predicted_relations(predicted), _gold_relations(gold)) for predicted, gold in pairs]
    scores: dict[str, Any] = {}
    for mode in MODES:
        scores[mode] = {}
        for role in ROLES:
            totals = [0, 0, 0, 0]
            for predicted_relations, gold_relations in relations:
                for k, value in enumerate(_unit_matches(predicted_relations, gold_relations, role, mode == "exact")):
                    totals[k] += value
            scores[mode][role] = _prf(*totals)
    return scores


def evaluate_attribution(data_dir: Path, split: str, *, annotate: Annotate | None = None) -> dict[str, Any]:
    """Run attribution over a PolNeAR split as ``analyze`` does and score it (the module docstring has the rules).

    Each article's text goes through the segment stage, then ``annotate`` (:func:`analysed`).

    Args:
        data_dir: folder holding ``polnear/``.
        split: ``train``, ``dev`` or ``test`` (test only to report).
        annotate: the quotes stage's ``annotate`` (:meth:`spinscope.quotes.Attributor.annotate`); defaults
            to the shipped models' (CRF and role network).

    Raises:
        DataNotFoundError: PolNeAR or the split is missing.
    """
    if annotate is None:
        from spinscope.quotes import load_attributor

        annotate = load_attributor(Settings()).annotate
    articles = list(read_polnear(data_dir, split))
    started = time.perf_counter()
    pairs = [(analysed(article, annotate), article) for article in articles]
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
