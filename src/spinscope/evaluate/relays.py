"""Score relay detection on the hand-built PolNeAR dev set of attributions with and without relays.

The set (``sets/relays-polnear-dev.json``, protocol in ``sets/README.md``) lists gold attributions
(their content fragments) whose words reached the article through an outlet, agency, document or
platform, each with the relay phrase ("told CNN"), the relay's name in it ("CNN") and its kind;
and attributions with no relay (negatives), so that precision can be measured.

Rules:

- **matching**: a set item is matched to the predicted attribution whose content fragments overlap
  the item's content fragments the most (ties: the first in text order); its ``attrs["relays"]``
  are the predicted relays of the item. Items with no overlapping attribution count as
  ``no_match`` and have no predicted relays.
- a predicted relay **finds** a gold relay when it overlaps the gold relay's name, or its phrase
  without overlapping the name of another gold relay of the same item.
- **precision** = predicted relays that find a gold relay of their item / predicted relays (a relay
  predicted on a negative item is wrong); **recall** = gold relays found / gold relays; **kind
  accuracy** = found gold relays whose first finding relay has the gold kind / found gold relays
  (predicted kinds are first mapped onto the set's vocabulary, :data:`KIND_ALIASES`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinscope.errors import FormatError
from spinscope.evaluate.handsets import (
    Annotate,
    Offsets,
    evaluate_set,
    load_set_file,
    offsets,
    overlap,
    ratio,
    shipped_set,
    span_offsets,
)
from spinscope.evaluate.metrics import f1_score
from spinscope.model import Span

SET_FILE = "relays-polnear-dev.json"
KINDS = ("news_agency", "broadcaster", "newspaper", "social_media", "official_statement", "document")
ROLES = ("channel", "source")
#: Other names a predictor may give a kind, mapped onto the set's vocabulary.
KIND_ALIASES = {
    "agency": "news_agency",
    "wire": "news_agency",
    "outlet": "newspaper",
    "magazine": "newspaper",
    "tv": "broadcaster",
    "radio": "broadcaster",
    "platform": "social_media",
    "statement": "official_statement",
    "report": "document",
}


@dataclass(frozen=True)
class GoldRelay:
    """One relay of a set item: the phrase that names it, the name itself, its kind and role."""

    phrase: Offsets
    name: Offsets
    kind: str
    role: str


@dataclass(frozen=True)
class RelayItem:
    """One hand-labelled attribution: its content fragments and its relays (none for a negative)."""

    id: str
    article: str
    content: tuple[Offsets, ...]
    relays: tuple[GoldRelay, ...] = ()
    pool: str = ""
    note: str = ""


def _gold_relay(raw: Any, ident: str, source: str) -> GoldRelay:
    try:
        relay = GoldRelay(offsets(raw["phrase"], source), offsets(raw["name"], source), raw["kind"], raw["role"])
    except (KeyError, TypeError) as e:
        raise FormatError(source, f"item {ident}: malformed relay {raw!r}") from e
    if relay.kind not in KINDS or relay.role not in ROLES:
        raise FormatError(source, f"item {ident}: relay kind {relay.kind!r} / role {relay.role!r} not understood")
    return relay


def _item(raw: Any, source: str) -> RelayItem:
    if not isinstance(raw, dict):
        raise FormatError(source, f"an item is a JSON object, not {raw!r}")
    try:
        ident, label, content = str(raw["id"]), raw["label"], raw["content"]
        relays = tuple(_gold_relay(r, ident, source) for r in raw["relays"])
        article = str(raw["article"])
    except (KeyError, TypeError) as e:
        raise FormatError(source, f"item {raw.get('id')!r} lacks {e}") from e
    if label not in ("relay", "negative") or (label == "relay") != bool(relays) or not content:
        raise FormatError(source, f"item {ident}: label {label!r} does not fit its {len(relays)} relay(s)")
    return RelayItem(
        id=ident,
        article=article,
        content=tuple(offsets(f, source) for f in content),
        relays=relays,
        pool=str(raw.get("pool", "")),
        note=str(raw.get("note", "")),
    )


def load_relay_set(path: Path | None = None) -> list[RelayItem]:
    """The items of a relay set (default: the shipped PolNeAR dev set).

    Raises:
        FormatError: the file is not a well-formed relay set.
    """
    path = path or shipped_set(SET_FILE)
    return [_item(raw, str(path)) for raw in load_set_file(path)["items"]]


def _fragments(span: Span) -> list[Offsets]:
    fragments = [f for f in map(span_offsets, span.attrs.get("fragments") or []) if f is not None]
    return fragments or [(span.start, span.end)]


def _match(item: RelayItem, spans: Sequence[Span]) -> Span | None:
    best, best_overlap = None, 0
    for span in spans:
        shared = sum(overlap(p, g) for p in _fragments(span) for g in item.content)
        if shared > best_overlap:
            best, best_overlap = span, shared
    return best


def _predicted_relays(span: Span | None) -> list[tuple[Offsets, str]]:
    if span is None:
        return []
    seen: dict[Offsets, str] = {}
    for relay in span.attrs.get("relays") or []:
        where = span_offsets(relay)
        if where is not None and where not in seen:
            kind = str(relay.get("kind", ""))
            seen[where] = KIND_ALIASES.get(kind, kind)
    return list(seen.items())


def _finds(predicted: Offsets, gold: GoldRelay, others: Sequence[GoldRelay]) -> bool:
    if overlap(predicted, gold.name) > 0:
        return True
    return overlap(predicted, gold.phrase) > 0 and not any(overlap(predicted, o.name) > 0 for o in others)


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(("gold", "found", "predicted", "correct", "right_kind"), 0)


def score_relays(items: Sequence[RelayItem], predicted: Mapping[str, Sequence[Span]]) -> dict[str, Any]:
    """Figures over ``items`` given each article's predicted ``attributions`` spans (by article name).

    Returns precision, recall, F1 and kind accuracy of relays with their counts; recall per role
    (``channel``: "told CNN"; ``source``: the outlet is the one speaking, "according to Reuters");
    item-level counts (relay items with a relay found, negatives given a relay, items unmatched);
    and one decision per item under ``decisions``.
    """
    totals = _empty_counts()
    by_role = {role: {"gold": 0, "found": 0} for role in ROLES}
    items_found = negatives_flagged = no_match = 0
    decisions = []
    for item in items:
        match = _match(item, predicted.get(item.article, []))
        no_match += match is None
        relays = _predicted_relays(match)
        correct = [
            where
            for where, _ in relays
            if any(_finds(where, g, [o for o in item.relays if o != g]) for g in item.relays)
        ]
        found = 0
        for gold in item.relays:
            others = [o for o in item.relays if o != gold]
            finding = [kind for where, kind in relays if _finds(where, gold, others)]
            by_role[gold.role]["gold"] += 1
            if finding:
                found += 1
                by_role[gold.role]["found"] += 1
                totals["right_kind"] += finding[0] == gold.kind
        totals["gold"] += len(item.relays)
        totals["found"] += found
        totals["predicted"] += len(relays)
        totals["correct"] += len(correct)
        items_found += bool(item.relays) and found > 0
        negatives_flagged += not item.relays and bool(relays)
        decisions.append({"id": item.id, "matched": match is not None, "predicted": len(relays), "found": found})
    precision = ratio(totals["correct"], totals["predicted"])
    recall = ratio(totals["found"], totals["gold"])
    return {
        "precision": precision,
        "recall": recall,
        "f1": round(f1_score(precision, recall), 4),
        "kind_accuracy": ratio(totals["right_kind"], totals["found"]),
        **totals,
        "recall_by_role": {role: {**c, "recall": ratio(c["found"], c["gold"])} for role, c in by_role.items()},
        "items": len(items),
        "relay_items": sum(bool(i.relays) for i in items),
        "relay_items_found": items_found,
        "negative_items": sum(not i.relays for i in items),
        "negative_items_flagged": negatives_flagged,
        "no_match": no_match,
        "decisions": decisions,
    }


def evaluate_relays(
    data_dir: Path, *, annotate: Annotate | None = None, set_path: Path | None = None
) -> dict[str, Any]:
    """Run attribution on the set's PolNeAR dev articles and score the relays found.

    Args:
        data_dir: folder holding ``polnear/``.
        annotate: article -> annotations (the ``quotes`` stage); defaults to the shipped attributor.
        set_path: another relay set file; defaults to the shipped one.

    Raises:
        DataNotFoundError: PolNeAR dev is missing.
        FormatError: the set is malformed or names an article not in PolNeAR dev.
    """
    return evaluate_set(
        "relays",
        load_relay_set(set_path),
        score_relays,
        data_dir,
        annotate=annotate,
        set_name=(set_path or shipped_set(SET_FILE)).name,
    )


def format_relays_report(result: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate_relays` output (decisions left out)."""
    s = result["scores"]
    roles = "  ".join(f"{role} {c['recall']:.3f} ({c['found']}/{c['gold']})" for role, c in s["recall_by_role"].items())
    return (
        f"relay set {result['set']}: {s['relay_items']} attributions with {s['gold']} relays, "
        f"{s['negative_items']} without, in {result['articles']} PolNeAR {result['split']} articles\n"
        f"P={s['precision']:.3f}  R={s['recall']:.3f}  F1={s['f1']:.3f}  kind accuracy={s['kind_accuracy']:.3f}"
        f"  (predicted {s['predicted']}, correct {s['correct']}, found {s['found']}/{s['gold']})\n"
        f"recall by role: {roles}\n"
        f"attributions with a relay found: {s['relay_items_found']}/{s['relay_items']}; negatives given a relay: "
        f"{s['negative_items_flagged']}/{s['negative_items']}; items matching no predicted attribution: "
        f"{s['no_match']}\n"
    )
