"""Resolve a source as written ("he", "the minister", "Lavrov") to the fullest fitting name in the article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.outlets.registry import lookup_name

PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
#: Speakers that no name in the article can stand for (the writer, the reader, a crowd).
UNRESOLVABLE = frozenset({"i", "we", "you", "it", "us", "one", "someone", "somebody", "people"})
#: Words that title a name rather than name the person ("Foreign Minister Sergei Lavrov"), and
#: capitalised sentence openers ("Now Lavrov ...") that are no part of a name.
TITLE_WORDS = frozenset(
    """
    mr mrs ms dr sir president minister foreign prime deputy secretary senator sen rep gov governor
    general gen chancellor spokesman spokeswoman spokesperson ambassador director chairman chief
    judge justice mayor king queen prince speaker leader lawmaker candidate former acting vice state
    defense defence interior finance russian american british chinese french german ukrainian syrian
    iranian israeli turkish saudi democratic republican democrat the a an but and as in on at when
    after now then so yet since while if this that these those here there today yesterday meanwhile
    however
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
#: A capitalised name of one to five words (allowing "Jr." and hyphens); the pronoun resolver looks
#: for these before the pronoun.
_NAME = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){0,4}[A-Z][\w’'\-]*[a-z][\w’'\-]*")
#: How far back (characters) a pronoun or title may look for its speaker: about three paragraphs.
MAX_LOOKBACK_CHARS = 1500


@dataclass(frozen=True)
class NameMention:
    """A person-like name found in the text (titles stripped)."""

    start: int
    end: int
    name: str


def clean_name(words: Sequence[str]) -> str:
    """Drop leading title and nationality words: "Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"."""
    kept = list(words)
    while len(kept) > 1 and kept[0].rstrip(".").lower() in TITLE_WORDS:
        kept.pop(0)
    if len(kept) == 1 and kept[0].rstrip(".").lower() in TITLE_WORDS:
        return ""
    return " ".join(kept)


def find_names(text: str, quotations: Sequence[tuple[int, int]]) -> list[NameMention]:
    """Person-like names outside quotations, registry outlets excluded."""
    names = []
    for match in _NAME.finditer(text):
        if any(start <= match.start() < end for start, end in quotations):
            continue
        name = clean_name(match.group().split())
        if not name or lookup_name(name) is not None:
            continue
        names.append(NameMention(match.start(), match.end(), name))
    return names


def _bare(source_text: str) -> str:
    """Lower case, without a contraction ("he’s" -> "he", "we've" -> "we")."""
    return source_text.strip().lower().replace("’", "'").split("'")[0]


def is_pronoun(source_text: str) -> bool:
    return _bare(source_text) in PRONOUNS


def title_of(source_text: str) -> str | None:
    """The title noun of a descriptive source ("the minister" -> "minister"), or None for a name."""
    words = source_text.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an") or any(w[:1].isupper() for w in words[1:]):
        return None
    return words[-1].lower()


def resolve_speaker(source_text: str, source_start: int, text: str, names: Sequence[NameMention]) -> str | None:
    """The name a source refers to.

    1. a pronoun takes the nearest person-like name before it (several words preferred: a full name);
    2. a title ("the minister") takes the nearest name written with that title;
    3. a name takes its fullest earlier or later form ("Lavrov" -> "Sergei Lavrov");
    4. anything else keeps its own words.
    """
    if _bare(source_text) in UNRESOLVABLE:
        return None
    earlier = [n for n in names if n.end <= source_start and source_start - n.end <= MAX_LOOKBACK_CHARS]
    if is_pronoun(source_text):
        multi = [n for n in earlier if " " in n.name]
        pick = (multi or earlier)[-1:] if earlier else []
        return _fullest(pick[0].name, names) if pick else None
    title = title_of(source_text)
    if title is not None:
        titled = [n for n in earlier if title in text[n.start : n.end].lower()]
        return _fullest(titled[-1].name, names) if titled else None
    own = clean_name(source_text.split())
    return _fullest(own, names) if own else None


def _fullest(name: str, names: Sequence[NameMention]) -> str:
    last = name.split()[-1]
    longer = [n.name for n in names if n.name.split()[-1] == last and len(n.name) > len(name) and " " in n.name]
    return max(longer, key=len) if longer and len(name.split()) == 1 else name
