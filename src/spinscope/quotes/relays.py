"""Relay chains: the outlets, agencies and documents through which reported words reached the article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.outlets.registry import lookup_name, mention_pattern
from spinscope.quotes.relations import Relation

#: Words just before an outlet that make it a relay, with the hop rank they imply: words handed to
#: the outlet directly (rank 1: "told Reuters", "in an interview with the BBC"), then the platform a
#: statement was posted on (rank 2), then outlets that carried or reported it on (rank 3).
_BEFORE = [
    (1, re.compile(r"\b(?:told|telling|tells|interview with|interviewed by|speaking to|spoke to|statement to)\s+$")),
    (
        2,
        re.compile(
            r"\b(?:posted|published|wrote|written|shared|said|appeared)\s+(?:on|in)\s+(?:his\s+|her\s+|its\s+|their\s+)?(?:official\s+)?$"
        ),
    ),
    (2, re.compile(r"\b(?:on|via)\s+(?:his\s+|her\s+|its\s+|their\s+)?(?:official\s+)?$")),
    (
        3,
        re.compile(
            r"\b(?:carried|reported|published|broadcast|aired|quoted|cited|released|obtained)\s+by\s+"
            r"(?:the\s+)?(?:[\w-]+\s+){0,4}$"
        ),
    ),
    (3, re.compile(r"\baccording to\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$")),
]
#: Words just after an outlet that make it a relay ("BBC report", "Reuters reported", "TASS quoted").
_AFTER = re.compile(
    r"^(?:[’']s)?\s*(?:report|reports|reported|reporting|interview|broadcast|article|story|quoted|cited|said|says)\b"
)
#: A statement, document or report named as the channel of the words ("in a statement", "a Pentagon report").
_DOCUMENT = re.compile(
    r"\b(?:in|via|through)\s+(?:a|an|the|his|her|its|their)\s+(?:joint\s+|written\s+|short\s+|brief\s+|official\s+)?"
    r"(statement|communiqué|press release|letter|memo|tweet|post|video|op-ed)\b"
)
_REPORT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:new\s+|recent\s+|leaked\s+|confidential\s+)?((?:[A-Z][\w.-]*\s+){1,3})(report|study|survey|poll|memo|dossier|investigation)\b"
)
#: Context (characters) searched before a mention for a relay cue; long enough for
#: "carried by Russian news agency ".
_BEFORE_CHARS = 60
#: A relay mentioned in a sentence with no attribution carries to attributions of the same speaker within
#: this many characters after it (about two paragraphs), as in "His statement, carried by TASS, ... “...,” he said."
CARRY_CHARS = 1200

#: A relay joins an attribution when it lies within this many characters of the attribution's cue or
#: source ("said in an interview with the BBC", "told Reuters", "according to a BBC report").
RELAY_WINDOW_CHARS = 60

_KIND_OF_DOCUMENT = {"tweet": "social_media", "post": "social_media", "video": "social_media"}

#: Words that open a relay to an outlet the registry does not know, with the hop rank they imply.
_UNLISTED_CUE = re.compile(
    r"\b(?:(?P<r1>told|telling|in an interview with|interviewed by|speaking to|spoke to|in a statement to)"
    r"|(?P<r2>(?:in a statement |in a message |in a video )?(?:posted|published|shared) on)"
    r"|(?P<r3>(?:as |first |later )?(?:carried|reported|published|broadcast|aired|quoted|cited) by|according to))"
    r"\s+(?:the\s+)?(?:(?:[a-z]+\s+){0,2}(?:news agency|agency|newspaper|broadcaster|channel|daily|website)\s+)?"
    r"(?P<name>(?:[A-Z][\w’'&.\-]*[ \t\xa0]+){0,4}[A-Z][\w’'&\-]*)"
)
#: Kinds inferred from an unlisted outlet's own name, first match wins ("Northwind Press Agency").
_KIND_FROM_NAME = (
    ("news_agency", re.compile(r"\b(?:Agency|Agence|Agencia|Wire|Press Service)\b")),
    ("broadcaster", re.compile(r"\b(?:TV|Radio|Broadcasting|Television|Channel|Network)\b")),
    (
        "newspaper",
        re.compile(
            r"\b(?:Times|Post|Gazette|Journal|Herald|Tribune|Daily|Chronicle|Beacon|Observer|Courier|Standard|News)\b"
        ),
    ),
    (
        "social_media",
        re.compile(r"^(?:Twitter|X|Facebook|Telegram|Instagram|YouTube|TikTok|VK|VKontakte|Weibo|Truth Social|Gab)$"),
    ),
    ("report", re.compile(r"\b(?:Report|Memo|Statement|Study|Audit)\b")),
)


def infer_kind(name: str) -> str | None:
    """The relay kind an outlet's name implies (:data:`_KIND_FROM_NAME`), or None (a person, a place)."""
    return next((kind for kind, pattern in _KIND_FROM_NAME if pattern.search(name)), None)


def _unlisted_mentions(text: str) -> list[RelayMention]:
    """Outlets the registry does not know, written after a relay cue ("as carried by the Northwind Press Agency")."""
    found = []
    for match in _UNLISTED_CUE.finditer(text):
        name = match.group("name").rstrip(".")
        if lookup_name(name) is not None:
            continue  # the registry pass finds it
        kind = infer_kind(name)
        if kind is None:
            continue
        rank = 1 if match.group("r1") else 2 if match.group("r2") else 3
        start = match.start("name")
        found.append(RelayMention(start, start + len(name), name, kind, rank, in_registry=False))
    return found


@dataclass(frozen=True)
class RelayMention:
    """One relay found in the text: where, what, of which kind, and the hop rank its wording implies."""

    start: int
    end: int
    name: str
    kind: str
    rank: int
    in_registry: bool = True


def find_relay_mentions(text: str) -> list[RelayMention]:
    """Every relay mention in ``text`` (outlets from the registry in a relay context, statements, reports)."""
    mentions: list[RelayMention] = []
    for match in mention_pattern().finditer(text):
        entry = lookup_name(match.group())
        if entry is None:
            continue
        before = text[max(0, match.start() - _BEFORE_CHARS) : match.start()]
        rank = next((r for r, pattern in _BEFORE if pattern.search(before)), None)
        if rank is None and _AFTER.match(text[match.end() : match.end() + 20]):
            rank = 3
        if rank is None:
            continue
        mentions.append(RelayMention(match.start(), match.end(), entry.name, entry.kind, rank))
    mentions.extend(_unlisted_mentions(text))
    for match in _DOCUMENT.finditer(text):
        noun = match.group(1)
        mentions.append(
            RelayMention(
                match.start(1), match.end(1), noun, _KIND_OF_DOCUMENT.get(noun, "official_statement"), 1, False
            )
        )
    for match in _REPORT.finditer(text):
        owner = match.group(1).strip()
        if lookup_name(owner.split()[-1]) is not None or lookup_name(owner) is not None:
            continue  # "the BBC report": the outlet mention above already covers it
        mentions.append(RelayMention(match.start(1), match.end(2), f"{owner} {match.group(2)}", "report", 3, False))
    mentions.sort(key=lambda m: (m.start, m.end))
    unique: list[RelayMention] = []
    for mention in mentions:
        if not unique or mention.start >= unique[-1].end:
            unique.append(mention)
    return unique


def _chain(mentions: Sequence[RelayMention]) -> list[dict[str, Any]]:
    ordered = sorted(mentions, key=lambda m: (m.rank, m.start))
    return [
        {"start": m.start, "end": m.end, "name": m.name, "kind": m.kind, "order": order, "in_registry": m.in_registry}
        for order, m in enumerate(ordered, start=1)
    ]


def _anchors(relation: Relation) -> list[tuple[int, int]]:
    """Cue and source, then the content's end ("..., as carried by the Northwind Press Agency")."""
    anchors = [part for part in (relation.cue, relation.source) if part is not None]
    return (anchors or [(relation.start, relation.start)]) + [(relation.end, relation.end)]


def _near(mention: RelayMention, relation: Relation) -> bool:
    return any(
        mention.start - RELAY_WINDOW_CHARS <= end and start <= mention.end + RELAY_WINDOW_CHARS
        for start, end in _anchors(relation)
    )


def _sentence_of(offset: int, sentence_spans: Sequence[tuple[int, int]]) -> int:
    return max((s for s, e in sentence_spans if s <= offset), default=0)


def _same_sentence(a: int, b: int, sentence_spans: Sequence[tuple[int, int]]) -> bool:
    return _sentence_of(a, sentence_spans) == _sentence_of(b, sentence_spans)


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a.split()[-1] == b.split()[-1]


def attach_relays(
    text: str,
    relations: Sequence[Relation],
    sentence_spans: Sequence[tuple[int, int]],
    speaker_at: dict[int, str | None],
) -> None:
    """Fill each relation's ``relays`` with the chain found around it.

    1. a relay mention in the same sentence as an attribution's cue, source or content end, within
       :data:`RELAY_WINDOW_CHARS` of them and outside its content, joins its chain;
    2. a mention that joined no chain, in a sentence that refers to a speaker's words ("His recent
       statement, carried by TASS, ..."; ``speaker_at``: sentence start -> speaker), carries to
       later attributions of that speaker within :data:`CARRY_CHARS`; any other mention stays out
       of every chain ("according to Reuters" is no relay of the next
       paragraph's quote);
    3. each chain is ordered by hop rank (handed to, posted on, carried by), then by position.
    """
    mentions = find_relay_mentions(text)
    if not mentions:
        return
    used: set[int] = set()
    for relation in relations:
        own = [
            (i, m)
            for i, m in enumerate(mentions)
            if _near(m, relation)
            and _same_sentence(m.start, _anchors(relation)[0][0], sentence_spans)
            and not any(s <= m.start < e for s, e in relation.content)
        ]
        used.update(i for i, _ in own)
        relation.relays = _chain([m for _, m in own])
    for i, mention in enumerate(mentions):
        if i in used:
            continue
        speaker = speaker_at.get(_sentence_of(mention.start, sentence_spans))
        for relation in relations:
            if mention.end <= relation.start <= mention.end + CARRY_CHARS and _same_speaker(
                speaker, relation.source_name
            ):
                chain = [m for m in mentions if m.start in {r["start"] for r in relation.relays}] + [mention]
                relation.relays = _chain(chain)
