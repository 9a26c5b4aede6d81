"""Person names in a text: capitalised runs within one sentence, titles cut, organisations and places left out.

Also the sentence and paragraph starts the speaker rules read (:func:`sentence_start`,
:func:`paragraph_start`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.outlets.registry import lookup_name
from spinscope.quotes.given_names import gender_of_given_name
from spinscope.quotes.name_words import (
    ABBREVIATIONS,
    NOT_A_NAME_OPENER,
    NOT_IN_NAMES,
    NOT_PERSON_WORDS,
    TITLE_GENDER,
    TITLE_WORDS,
)
from spinscope.quotes.sources import FUNCTION_WORDS

_NAME_WORD = r"[A-Z][\w’'\-]*"


#: A capitalised run of one to seven words on one line ("Manhattan Supreme Court Justice Frank Nervo": the
#: titles before the name are cut by :func:`clean_name`); a full stop is allowed only after an
#: abbreviation or an initial (checked in :func:`find_names`), so names never cross a sentence.
_NAME = re.compile(rf"{_NAME_WORD}\.?(?:[ \t\xa0]+{_NAME_WORD}\.?){{0,6}}")


_MODIFIER_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)[ \t\xa0]+$")


#: What may follow "the" + a person's name ("the Clinton of lore"); else it is a modifier or a thing's name.
_PERSON_AFTER_THE = re.compile(r"[ \t\xa0]+of\b")


SENTENCE_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’]?\s+)$")


#: How far back (characters) a pronoun or title may look for its speaker: about two paragraphs.
MAX_LOOKBACK_CHARS = 800


#: A sentence stop: the word before it and the mark; checked for abbreviations in :func:`sentence_start`.
_SENTENCE_STOP = re.compile(r"(\S*?)([.!?])[\"”’)]*\s+(?=[“\"‘(]*[A-Z])")


@dataclass(frozen=True)
class NameMention:
    """A person-like name found in the text (titles stripped); ``start``/``end`` cover the name only."""

    start: int
    end: int
    name: str
    #: False for a one-word name that is only likely a person (it opens a sentence: "Pate claimed"):
    #: such a name is never shown for a pronoun, but it competes with the names that are.
    certain: bool = True
    #: "m" or "f" when a title says so ("Mr.", "Mrs."), else "".
    gender: str = ""

    @property
    def key(self) -> str:
        """The last word: "Sergei Lavrov" and "Lavrov" are one person."""
        return self.name.split()[-1]


#: Titles after which, inside a capitalised run, a name of two or more words starts ("Former Pennsylvania
#: Gov. Ed Rendell", "Senate Majority Leader Mitch McConnell", "Attorney General Loretta Lynch").
_INNER_TITLES = frozenset(
    """
    gov governor sen senator rep speaker leader justice judge minister secretary president director chairman
    chairwoman mayor ambassador chancellor spokesman spokeswoman general gen commissioner
    """.split()  # noqa: SIM905
)


def clean_name(words: Sequence[str]) -> str:
    """Drop leading title, function and nationality words.

    "Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov".
    """
    kept = list(words)
    # "Former Pennsylvania Gov. Ed Rendell", "House Speaker Paul Ryan": the name follows the last title
    cut = max((i for i, w in enumerate(kept[:-2]) if w.rstrip(".").lower() in _INNER_TITLES), default=-1)
    if cut > 0:
        kept = kept[cut + 1 :]
    while len(kept) > 1 and (
        kept[0].rstrip(".").lower() in TITLE_WORDS
        # an initial before a title is the tail of an abbreviation ("U.N. Ambassador John Bolton")
        or (len(kept[0].rstrip(".")) == 1 and kept[1].rstrip(".").lower() in TITLE_WORDS)
    ):
        kept.pop(0)
    if len(kept) == 1 and kept[0].rstrip(".").lower() in TITLE_WORDS:
        return ""
    return " ".join(kept)


def is_person_like(name: str, *, outlets: bool = True) -> bool:
    """Whether a capitalised phrase can name a person: no organisation, place or calendar word, not an outlet
    (``outlets=False``: an outlet's name may be one)."""
    # an initial is no function word ("Roberta A. Kaplan")
    words = [w.strip(".’'").lower() for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    if len(name.rstrip(".")) == 1:
        return False  # "I" ("..., I confessed"), a lone initial
    if not words or any(w in NOT_PERSON_WORDS or w in NOT_IN_NAMES for w in words):
        return False
    if all(len(w) > 1 and w.upper() == w for w in name.replace(".", "").split()):
        return False  # acronyms and shouted labels ("FULL TEXT", "ISIS")
    return not outlets or lookup_name(name) is None


def _split_at_sentence_stops(match: re.Match[str]) -> list[tuple[int, str]]:
    """The pieces of a capitalised run between full stops that end a sentence ("Clinton. But Band")."""
    pieces: list[tuple[int, str]] = []
    start = match.start()
    words: list[str] = []
    offset = match.start()
    for word in re.finditer(r"\S+", match.group()):
        if not words:
            start = offset + word.start()
        words.append(word.group())
        bare = word.group().rstrip(".")
        if word.group().endswith(".") and not (bare.lower() in ABBREVIATIONS or len(bare) == 1):
            words[-1] = bare
            pieces.append((start, " ".join(words)))
            words = []
        elif (word.group().endswith(("’", "'")) and len(words) > 1) or word.group().endswith(("’s", "'s")):
            pieces.append((start, " ".join(words)))  # "Fox News’ Bret Baier", "CNN’s Jake Tapper": two names
            words = []
    if words:
        pieces.append((start, " ".join(words)))
    return pieces


def find_names(text: str, quotations: Sequence[tuple[int, int]]) -> list[NameMention]:
    """Person-like names outside quotations, on one line and within one sentence; outlets, organisations
    and places excluded, leading titles and function words cut."""
    found = []
    for match in _NAME.finditer(text):
        if any(start <= match.start() < end for start, end in quotations):
            continue
        for piece_start, piece in _split_at_sentence_stops(match):
            words = piece.split()
            name = re.sub(r"[’']s$", "", clean_name([w.rstrip(",") for w in words]).rstrip("."))
            if not name:
                continue
            # a one-word outlet name may be a person's surname ("Bloomberg" after "Michael Bloomberg")
            surname_only = " " not in name and is_person_like(name, outlets=False)
            if not is_person_like(name) and not surname_only:
                continue
            name_start = text.index(name.split()[0], piece_start)
            if _is_modifier(text, (piece_start, name_start), name_start + len(name)):
                continue  # "the Romney campaign", "the Affordable Care Act": a modifier or a thing, no person
            stripped = text[piece_start:name_start].lower().replace(".", " ").split()
            titled = any(w not in FUNCTION_WORDS for w in stripped)
            gender = next((TITLE_GENDER[w] for w in reversed(stripped) if w in TITLE_GENDER), "")
            if not gender and " " in name:
                gender = gender_of_given_name(name.split()[0])
            mention = NameMention(name_start, name_start + len(name), name, gender=gender)
            found.append((mention, titled, surname_only and not is_person_like(name)))
    # a one-word name is a person only as the last word of a fuller name, or after a title
    # ("Lavrov" after "Sergei Lavrov", "Mr. Kell"); alone it is as likely a place ("Raqqa")
    keys = {mention.key for mention, _, _ in found if " " in mention.name}
    lower_words: set[str] | None = None  # the text's lower-case words, read once when first needed
    names = []
    for mention, titled, outlet in found:
        if outlet and mention.key not in keys:
            continue
        if " " in mention.name or titled or mention.key in keys:
            names.append(mention)
            continue
        if lower_words is None:
            lower_words = set(re.findall(r"\b[a-z]\w*", text))
        if mention.name.lower() in NOT_A_NAME_OPENER or mention.name.lower() in lower_words:
            continue  # "He", "Later": a sentence opener written in lower case elsewhere is no name
        elif SENTENCE_OPENING.search(text, max(0, mention.start - 3), mention.start):
            names.append(NameMention(mention.start, mention.end, mention.name, certain=False))
    # a title or given name anywhere ("Mrs. Clinton", "Hillary Clinton") tells the gender of every
    # mention of that surname that tells none itself, unless the surname is shared ("Donald/Ivanka Trump")
    genders: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
    for mention in names:
        if " " in mention.name:
            given.setdefault(mention.key, set()).add(mention.name.split()[0])
    for mention in names:
        if mention.gender and (len(given.get(mention.key, ())) <= 1 or _title_gendered(text, mention)):
            genders.setdefault(mention.key, set()).add(mention.gender)
    return [
        NameMention(m.start, m.end, m.name, m.certain, next(iter(genders[m.key])))
        if not m.gender and len(genders.get(m.key, ())) == 1
        else m
        for m in names
    ]


def _is_modifier(text: str, starts: tuple[int, int], end: int) -> bool:
    """Whether a name written after "the" (before its run or its cleaned start) is no person ("the Obama
    administration"); "the Clinton of lore" is one."""
    after_the = any(_MODIFIER_BEFORE.search(text, max(0, at - 4), at) for at in starts)
    return after_the and not _PERSON_AFTER_THE.match(text, end)


def _title_gendered(text: str, mention: NameMention) -> bool:
    """Whether a title right before the mention ("Mrs.", "Sir") tells its gender (not only a given name:
    "Chris Murphy" and "Anne Marie Murphy" are two people, the surname tells no gender)."""
    words = text[max(0, mention.start - 20) : mention.start].lower().replace(".", " ").split()[-2:]
    return any(w in TITLE_GENDER for w in words)


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts: after a line break or a stop before a capital."""
    floor = max(text.rfind("\n", 0, offset) + 1, offset - MAX_LOOKBACK_CHARS)
    best = floor
    for match in _SENTENCE_STOP.finditer(text, floor, offset + 1):
        bare = match.group(1).rsplit(".", 1)[-1].lower()
        if match.group(2) == "." and (bare in ABBREVIATIONS or len(bare) <= 1):
            continue  # "Mr. Trump", "George W. Bush"
        best = match.end()
    return best


def sentence_end(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` ends: at its stop before a capital (an abbreviation or an
    initial is no stop: "Mr. Trump", "George W. Bush"), else at the line break or the text's end."""
    ceiling = text.find("\n", offset)
    ceiling = len(text) if ceiling < 0 else ceiling
    for match in _SENTENCE_STOP.finditer(text, offset, ceiling):
        bare = match.group(1).rsplit(".", 1)[-1].lower()
        if match.group(2) == "." and (bare in ABBREVIATIONS or len(bare) <= 1):
            continue
        return match.start(2)
    return ceiling


def start_of(mention: NameMention) -> int:
    return mention.start


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` starts (blank lines belong to no paragraph)."""
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    return text.rfind("\n", 0, offset) + 1
