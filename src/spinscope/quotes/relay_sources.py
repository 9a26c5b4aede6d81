"""The outlet or document that is itself a source ("The Hill reported", "Fox News host Sean Hannity said")."""

from __future__ import annotations

import re
from functools import cache

from spinscope.outlets.registry import lookup_name, mention_pattern
from spinscope.quotes.media_names import lookup_media, media_pattern
from spinscope.quotes.relations import Relation
from spinscope.quotes.relay_mentions import DOCUMENT_SOURCE, RelayMention, infer_kind

#: What may follow an outlet that opens a source for the outlet to be where the words appeared: nothing,
#: an apposition ("Xinhua, the official Chinese news agency,"), a possessive ("MSNBC’s Ayman Mohyeldin",
#: "Politico's analysis") or a host's title ("Fox News host Sean Hannity"); not an employer written after
#: a person ("Jeff Zucker, President of CNN Worldwide" opens with the person, so never matches).
_SOURCE_OUTLET_TAIL = re.compile(
    r"(?:[/-][A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*)?(?:\s*$|\s*,|[’']s\b|(?<=s)[’'](?=\s)"
    r"|(?:\s+[A-Z][\w’'\-]*){0,3}\s+(?:host|co-host|anchor|co-anchor|commentator|correspondent|moderator|reporter"
    r"|columnist|analyst|contributor)\b|(?:\s+(?:national|opinion|new|latest|exit|online|tracking))?\s+(?:editorial"
    r"|report|reports|analysis|poll|survey|story|article|investigation|review|piece|account|feed|page|video|post)\b)",
    re.IGNORECASE,
)
#: A joint outlet written right after another in a source ("a New York Times/CBS News poll",
#: "a Washington Post-ABC News poll"): both are relays.
_JOINT = re.compile(r"[/-](?=[A-Z])")
#: A source that works for an outlet whose pages carry the words ("A reporter for USA Today",
#: "Cameron Easley for Morning Consult" who wrote): staff words, or any name when the cue writes.
#: An editor or analyst speaking to the article's own reporter is no relay (the set's protocol).
_STAFF_FOR = re.compile(
    r"\b(?:(?P<staff>reporter|writer|columnist|correspondent|host|anchor|contributor|blogger)\s+)?(?:for|at|with)\s+"
    r"(?:the\s+)?(?=[A-Z])"
)
_WRITING_CUE = re.compile(r"^(?:wrote|writes|written|reported|reports|posted|published)\b")
#: A relative pronoun source right after an outlet and its comma ("the AP, which first reported"); "who"
#: is a person's ("said Guardian, who declined": the mayor, not the newspaper).
_OUTLET_WHICH = re.compile(r",[ \t\xa0]*$")
#: A platform is a relay as the source only as the place the words were posted ("her Twitter account
#: posted"), not as a company that speaks ("Twitter said", "a Twitter spokesman said").
_PLATFORM_PLACE = re.compile(r"(?:\.com)?\s+(?:account|feed|page|video|post|channel|user)\b", re.IGNORECASE)
_APPOSITION_BEFORE = re.compile(r"(?P<name>(?:[A-Z][\w’'.&\-]*[ \t\xa0]+){0,4}[A-Z][\w’'.&\-]*),[ \t\xa0]*$")
_CAPITALISED_NAME = re.compile(r"(?:[A-Z][\w’'&\-]*[ \t\xa0]+){0,4}[A-Z][\w&\-]*")
_OUTLET_NOUN = re.compile(
    r"\b(?:agency|newspaper|paper|daily|broadcaster|network|channel|outlet|magazine|website|wire|service|tabloid)\b"
)
_SOURCE_DETERMINER = re.compile(r"^(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:(?:new|recent|latest|own)\s+)?")


def source_outlets(text: str, relation: Relation) -> list[RelayMention]:
    """The outlet a relation's source is or speaks through ("The Hill reported", "according to Politico",
    "Fox News host Sean Hannity said"; "Xinhua, the official Chinese news agency, wrote", where the
    source is the apposition): a registry outlet, or a capitalised name whose words give a kind
    (:func:`infer_kind`), opening the source or written just before its apposition. Rank 3: the outlet
    the words appeared in. An outlet's name that ends a person's ("Michael Bloomberg") is none.
    """
    if relation.source is None:
        return []
    start, end = relation.source
    if text[start:end] == "which" and _OUTLET_WHICH.search(text, max(0, start - 4), start):
        previous = _outlet_ending(text, text.rfind(",", 0, start))
        return [] if previous is None else [previous]
    staff = _staff_outlet(text, relation)
    if staff is not None:
        return [staff]
    document = DOCUMENT_SOURCE.search(text, start, end)
    if document is not None and _DOCUMENT_OWNER.match(text[start:end]):
        noun = document.group("noun")
        kind = "official_statement" if noun in ("statement", "press release", "communiqué") else "document"
        return [RelayMention(document.start(), document.end(), noun, kind, 3, in_registry=False)]
    lead = _SOURCE_DETERMINER.match(text[start:end])
    if lead is None:
        position, limit = start, end
    else:
        before = _APPOSITION_BEFORE.search(text, max(0, start - 60), start)
        if before and not _OUTLET_NOUN.search(text, start, end):
            before = None  # "In a video uncovered by Fox News, a veteran diplomat said": no outlet apposition
        position, limit = (before.start(), before.end("name")) if before else (start + lead.end(), end)
    person = re.search(r"([A-Z][\w’'\-]*)[ \t\xa0]$", text[max(0, position - 30) : position])
    if person and person.group(1) not in ("The", "A", "An"):
        return []
    # "The Hill reported": a listed name that holds its determiner
    mention = (_outlet_at(text, start, limit, listed=True) if lead is not None else None) or _outlet_at(
        text, position, limit
    )
    if mention is None:
        return []
    if mention.kind == "social_media" and not _PLATFORM_PLACE.match(text, mention.end):
        return []  # "Twitter said it investigated": the company speaks, no platform carried it
    if mention.end > limit or not _SOURCE_OUTLET_TAIL.match(text[:limit], mention.end):
        return []
    joint = _outlet_at(text, mention.end + 1, limit) if _JOINT.match(text, mention.end) else None
    return [mention] if joint is None else [mention, joint]


_DOCUMENT_OWNER = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\b|(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*[’']s\s"
)


def _outlet_at(text: str, position: int, limit: int, *, listed: bool = False) -> RelayMention | None:
    """The outlet whose name starts at ``position`` (registry, media names, or, unless ``listed``, a
    capitalised name with a kind)."""
    match = mention_pattern().match(text, position) or _joined(mention_pattern()).match(text, position)
    if match is not None and (entry := lookup_name(match.group())) is not None:
        return RelayMention(match.start(), match.end(), entry.name, entry.kind, 3)
    match = media_pattern().match(text, position) or _joined(media_pattern()).match(text, position)
    if match is not None and (known := lookup_media(match.group())) is not None:
        return RelayMention(match.start(), match.end(), known[0], known[1], 3, in_registry=False)
    name = None if listed else _CAPITALISED_NAME.match(text, position, limit)
    inferred = infer_kind(name.group()) if name else None
    if name is None or inferred is None or inferred == "report":
        return None
    return RelayMention(position, name.end(), name.group(), inferred, 3, in_registry=False)


@cache
def _joined(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` for a name joined to another by "/" or "-" ("Washington Post-ABC News").

    Compiled once per pattern and process: the patterns are built from read-only package tables.
    """
    return re.compile(pattern.pattern.replace(r"(?<![\w-])", r"(?<!\w)").replace(r"(?![\w-])", r"(?!\w)"))


def _outlet_ending(text: str, end: int) -> RelayMention | None:
    """A registry or media-name outlet that ends at ``end`` ("the AP" in "the AP, which reported")."""
    for pattern in (mention_pattern(), media_pattern()):
        for match in pattern.finditer(text, max(0, end - 40), end):
            if match.end() == end:
                return _outlet_at(text, match.start(), end)
    return None


def _staff_outlet(text: str, relation: Relation) -> RelayMention | None:
    """The outlet a source works for, when its words appeared there (:data:`_STAFF_FOR`)."""
    assert relation.source is not None
    start, end = relation.source
    cue = "" if relation.cue is None else text[relation.cue[0] : relation.cue[1]]
    for match in _STAFF_FOR.finditer(text, start, end):
        if match.group("staff") or _WRITING_CUE.match(cue):
            mention = _outlet_at(text, match.end(), end)
            if mention is not None and mention.kind != "report":
                return mention
    return None
