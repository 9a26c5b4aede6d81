"""Score speaker resolution on the hand-built PolNeAR dev set of pronoun and title sources.

The set (``sets/speakers-polnear-dev.json``, protocol in ``sets/README.md``) lists gold sources
written as a pronoun ("he", "they") or a description ("the commission", "the GOP presidential
nominee"), each with the name mention it refers to, or marked unresolvable; and, as a kind of their
own, relative "who" sources ("Marta Quell, who said"). The overall figures (``all``) are over the
pronouns and titles (:data:`HEADLINE_KINDS`); each kind has its own row.

Rules:

- **matching**: a set item is matched to the predicted attribution whose source span overlaps the
  item's source span the most (ties: the first in text order); items with no such attribution are
  counted as ``no_match`` and shown no name.
- **shown name**: ``attrs["speaker"]["name"]`` where the attribution has a ``speaker`` dict, else
  ``attrs["source_name"]``; a name equal to the written source (case and spacing aside) is not
  shown, it is the source as written.
- **right**: the shown name's last word equals the gold name's last word (case-insensitive, titles
  and a possessive ``'s`` dropped) and, when both names have two or more words, so do their first
  words ("Bill Clinton" is not "Hillary Clinton"); or the prediction's ``speaker["antecedent"]``
  overlaps the gold antecedent mention.
- **precision** = right shown names / shown names, over every item (a name shown for an
  unresolvable source is wrong); **coverage** = resolvable items shown a name / resolvable items;
  **correct coverage** = resolvable items shown a right name / resolvable items; **abstention** =
  unresolvable items shown no name / unresolvable items.
"""

from __future__ import annotations

import re
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
from spinscope.model import Span

SET_FILE = "speakers-polnear-dev.json"
KINDS = ("pronoun", "title", "relative")
#: The kinds the overall figures count: the pronoun and title sources the set was first built for.
HEADLINE_KINDS = ("pronoun", "title")
#: Words that title a name rather than name the person; dropped before names are compared.
_TITLES = frozenset(
    "mr mrs ms miss dr sir sen senator rep gov governor president secretary gen general judge justice the".split()  # noqa: SIM905
)
_WORD = re.compile(r"[\w’'\-.]+")
_DETERMINERS = frozenset({"the", "a", "an"})
#: A full stop, then a capitalised word: a sentence break unless the stop ends an initial or a title.
_SENTENCE_BREAK = re.compile(r"(\S*)[.!?][\"”’]?\s+(?=[A-Z])")
_ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov gen lt col sgt jr sr st ft mt no vs".split())  # noqa: SIM905


@dataclass(frozen=True)
class SpeakerItem:
    """One hand-labelled source: where it is, how it is written, and whom it refers to."""

    id: str
    article: str
    kind: str
    source: Offsets
    written: str
    name: str | None = None
    antecedent: Offsets | None = None
    note: str = ""

    @property
    def resolvable(self) -> bool:
        return self.name is not None


def _item(raw: Any, source: str) -> SpeakerItem:
    if not isinstance(raw, dict):
        raise FormatError(source, f"an item is a JSON object, not {raw!r}")
    try:
        label, kind = raw["label"], raw["kind"]
        ident, article, src = str(raw["id"]), str(raw["article"]), raw["source"]
    except KeyError as e:
        raise FormatError(source, f"item {raw.get('id')!r} lacks {e}") from e
    if label not in ("resolvable", "unresolvable") or kind not in KINDS:
        raise FormatError(source, f"item {ident}: label {label!r} / kind {kind!r} not understood")
    resolvable = label == "resolvable"
    if resolvable and not (raw.get("name") and raw.get("antecedent")):
        raise FormatError(source, f"item {ident}: a resolvable item needs a name and antecedent offsets")
    return SpeakerItem(
        id=ident,
        article=article,
        kind=kind,
        source=offsets(src, source),
        written=str(src.get("text", "")),
        name=str(raw["name"]) if resolvable else None,
        antecedent=offsets(raw["antecedent"], source) if resolvable else None,
        note=str(raw.get("note", "")),
    )


def load_speaker_set(path: Path | None = None) -> list[SpeakerItem]:
    """The items of a speaker set (default: the shipped PolNeAR dev set).

    Raises:
        FormatError: the file is not a well-formed speaker set.
    """
    path = path or shipped_set(SET_FILE)
    return [_item(raw, str(path)) for raw in load_set_file(path)["items"]]


def _name_words(name: str) -> list[str]:
    words = [w.strip(".").lower().replace("’", "'") for w in _WORD.findall(name)]
    words = [w[:-2] if w.endswith("'s") else w for w in words if w]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return words


def same_person(shown: str, gold: str) -> bool:
    """Whether a shown name names the gold person (see the module docstring)."""
    a, b = _name_words(shown), _name_words(gold)
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) < 2 or len(b) < 2 or b[0] in a or a[0] in b


def shown_name(attrs: Mapping[str, Any], written: str) -> tuple[str | None, Offsets | None]:
    """The name an attribution shows for its source, and the antecedent offsets it claims (if any)."""
    speaker = attrs.get("speaker")
    if isinstance(speaker, dict):
        name, antecedent = speaker.get("name"), span_offsets(speaker.get("antecedent"))
    else:
        name, antecedent = attrs.get("source_name"), None
    if not isinstance(name, str) or not _name_words(name):
        return None, None
    if set(_name_words(name)) <= set(_name_words(written)) | _DETERMINERS:
        return None, None
    return name, antecedent


def is_broken(name: str) -> bool:
    """Whether a shown name crosses a sentence ("Hillary Clinton. But Band") or a line."""
    if "\n" in name:
        return True
    for match in _SENTENCE_BREAK.finditer(name):
        word = match.group(1).split(".")[-1].lower()
        if len(word) > 1 and word not in _ABBREVIATIONS:
            return True
    return False


def _match(item: SpeakerItem, spans: Sequence[Span]) -> Span | None:
    best, best_overlap = None, 0
    for span in spans:
        source = span_offsets(span.attrs.get("source"))
        shared = overlap(source, item.source) if source else 0
        if shared > best_overlap:
            best, best_overlap = span, shared
    return best


_COUNTS = (
    "items",
    "resolvable",
    "unresolvable",
    "no_match",
    "shown",
    "right",
    "shown_resolvable",
    "right_resolvable",
    "abstained_unresolvable",
    "shown_broken",
)


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(_COUNTS, 0)


def _figures(c: dict[str, int]) -> dict[str, float | int]:
    return {
        "precision": ratio(c["right"], c["shown"]),
        "coverage": ratio(c["shown_resolvable"], c["resolvable"]),
        "correct_coverage": ratio(c["right_resolvable"], c["resolvable"]),
        "abstention": ratio(c["abstained_unresolvable"], c["unresolvable"]),
        **c,
    }


def score_speakers(items: Sequence[SpeakerItem], predicted: Mapping[str, Sequence[Span]]) -> dict[str, Any]:
    """Figures over ``items`` given each article's predicted ``attributions`` spans (by article name).

    Returns the overall figures (precision, coverage, correct_coverage, abstention, the counts
    behind them, and ``shown_broken``: shown names that cross a sentence), the same per source
    kind under ``by_kind``, and one decision per item under ``decisions`` (id, shown name, whether
    it is right).
    """
    totals = _empty_counts()
    by_kind = {kind: _empty_counts() for kind in KINDS}
    decisions = []
    for item in items:
        match = _match(item, predicted.get(item.article, []))
        name, antecedent = shown_name(match.attrs, item.written) if match is not None else (None, None)
        right = name is not None and (
            (item.name is not None and same_person(name, item.name))
            or (antecedent is not None and item.antecedent is not None and overlap(antecedent, item.antecedent) > 0)
        )
        tallies = [totals, by_kind[item.kind]] if item.kind in HEADLINE_KINDS else [by_kind[item.kind]]
        for counts in tallies:
            counts["items"] += 1
            counts["resolvable" if item.resolvable else "unresolvable"] += 1
            counts["no_match"] += match is None
            counts["shown"] += name is not None
            counts["right"] += right
            counts["shown_broken"] += name is not None and is_broken(name)
            if item.resolvable:
                counts["shown_resolvable"] += name is not None
                counts["right_resolvable"] += right
            else:
                counts["abstained_unresolvable"] += name is None
        decisions.append({"id": item.id, "matched": match is not None, "shown": name, "right": right})
    return {
        **_figures(totals),
        "by_kind": {kind: _figures(counts) for kind, counts in by_kind.items()},
        "decisions": decisions,
    }


def evaluate_speakers(
    data_dir: Path, *, annotate: Annotate | None = None, set_path: Path | None = None
) -> dict[str, Any]:
    """Run attribution on the set's PolNeAR dev articles and score speaker resolution.

    Args:
        data_dir: folder holding ``polnear/``.
        annotate: article -> annotations (the ``quotes`` stage); defaults to the shipped attributor.
        set_path: another speaker set file; defaults to the shipped one.

    Raises:
        DataNotFoundError: PolNeAR dev is missing.
        FormatError: the set is malformed or names an article not in PolNeAR dev.
    """
    return evaluate_set(
        "speakers",
        load_speaker_set(set_path),
        score_speakers,
        data_dir,
        annotate=annotate,
        set_name=(set_path or shipped_set(SET_FILE)).name,
    )


def format_speakers_report(result: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate_speakers` output (decisions left out)."""
    s = result["scores"]
    lines = [
        f"speaker set {result['set']}: {s['items']} sources ({s['resolvable']} resolvable, "
        f"{s['unresolvable']} unresolvable) in {result['articles']} PolNeAR {result['split']} articles",
        f"{'kind':8} {'P shown':>8} {'cover':>7} {'cover ok':>8} {'abstain':>8} {'shown':>6} {'right':>6} "
        f"{'items':>6} {'no match':>8}",
    ]
    for label, f in (("all", s), *s["by_kind"].items()):
        lines.append(
            f"{label:8} {f['precision']:8.3f} {f['coverage']:7.3f} {f['correct_coverage']:8.3f} "
            f"{f['abstention']:8.3f} {f['shown']:6d} {f['right']:6d} {f['items']:6d} {f['no_match']:8d}"
        )
    lines.append(f"shown names that cross a sentence: {s['shown_broken']} of {s['shown']}")
    return "\n".join(lines) + "\n"
