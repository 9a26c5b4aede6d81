"""Relay mentions: outlets, agencies, platforms and documents named in a relay context, with their kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spinscope.outlets.registry import lookup_name, mention_pattern
from spinscope.quotes.media_names import camel_case_outlet, lookup_media, media_pattern

#: Words just before an outlet that make it a relay, with the hop rank they imply: words handed to
#: the outlet directly (rank 1: "told Reuters", "in an interview with the BBC"), then the platform a
#: statement was posted on (rank 2), then outlets that carried or reported it on (rank 3).
_BEFORE = [
    (
        1,
        re.compile(
            r"\b(?:told|telling|tells|interview with|interview for|interviewed by|speaking to|spoke to|statement to"
            r"|speaking with|spoke with|talking to|talked to|explained to|confirmed to|said to|wrote to)"
            r"\s+(?:[Tt]he\s+)?$"
        ),
    ),
    # "told Bill O’Reilly of Fox News": the words were handed to the outlet's host
    (1, re.compile(r"\b(?:told|interview with)\s+(?:[A-Z][\w’'.\-]*\s+){1,3}(?:of|on|from)\s+(?:[Tt]he\s+)?$")),
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
    (3, re.compile(r"\b[Aa]ccording to\s+(?:an?\s+|[Tt]he\s+)?(?:[\w-]+\s+){0,3}$")),
    (1, re.compile(r"\b(?:contacted|reached|asked|uncovered|first reported)\s+by\s+(?:the\s+)?$")),
    (1, re.compile(r"\b(?:interview|appearance|speaking|spoke)\s+on\s+(?:the\s+)?$")),
    # "On this weekend’s broadcast of “Fox News Sunday,”", "Writing for a Los Angeles Times panel", "took to Twitter"
    (1, re.compile(r"\b(?:broadcast|edition|episode|segment)\s+of\s+(?:the\s+)?$")),
    (1, re.compile(r"\b(?:[Ww]riting|[Ww]rote|[Ww]rites)\s+(?:for|in)\s+(?:an?\s+|the\s+)?$")),
    (2, re.compile(r"\b(?:took|takes|taken|taking)\s+to\s+$")),
    (2, re.compile(r"(?:^|[.!?\n]\s*)On\s+$")),
]
#: Words before an outlet that make it no channel of the words: a person's time there ("during his
#: time on MSNBC", "his years at CNN"), or a report that is the topic, not the channel ("In the wake of
#: the New York Times report").
_NOT_CHANNEL_BEFORE = re.compile(
    r"\b(?:(?:time|years|tenure|career|stint|days|job|work)\s+(?:on|at|with|for)"
    r"|wake\s+of|following|since|amid|despite)\s+(?:the\s+|an?\s+)?$",
    re.IGNORECASE,
)
#: Words just after an outlet that make it a relay ("BBC report", "Reuters reported", "TASS quoted").
_AFTER = re.compile(
    r"^(?:[’']s)?(?:\s+[A-Z][\w-]*)?\s*(?:report|reports|reported|reporting|interview|broadcast|article|story|quoted"
    r"|cited|said|says|essay|op-ed|column|editorial|podcast|segment)\b"
)
#: A statement, document or report named as the channel of the words ("in a statement", "a Pentagon report").
_DOCUMENT = re.compile(
    r"\b(?:[Ii]n|via|through)\s+(?:a|an|the|his|her|its|their|one|another)\s+"
    r"(?:joint\s+|written\s+|short\s+|brief\s+|official\s+|(?:Facebook|Twitter|Instagram|Medium|blog)\s+)?"
    r"(statement|communiqué|press release|letter|memo|tweet|post|video|op-ed|email|e-mail|message|filing)\b"
)
#: A cue that names its platform ("tweeted"): the cue itself is the relay.
_PLATFORM_CUE = re.compile(
    r"\b(?:tweeted|tweeting|retweeted|posted on Twitter)\b"
    # "tweets" is a cue after its speaker ("Trump tweets"), a noun after "his" ("his early-morning tweets")
    r"|(?:\b(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z][\w’'\-]*)[ \t\xa0]+)(?P<verb>tweets)\b"
)
#: An organisation's or person's own website as the channel ("says on its website"): a statement.
_WEBSITE = re.compile(
    r"\b(?:on|in|to)\s+(?:his|her|its|their)\s+(?:official\s+|own\s+)?(?P<noun>website|web site|blog)\b"
)
#: Nouns that make a source a document the words were written in ("the statement said", "the book says").
DOCUMENT_SOURCE = re.compile(
    r"\b(?P<noun>statement|press release|book|memo|letter|email|e-mail|brief|filing|transcript|document|tweet|op-ed"
    r"|editorial|communiqué|report)$"
)
_REPORT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?:new\s+|recent\s+|leaked\s+|confidential\s+)?((?:[A-Z][\w.-]*\s+){1,3})(report|study|survey|poll|memo|dossier|investigation)\b"
)
#: Context (characters) searched before a mention for a relay cue; long enough for
#: "carried by Russian news agency ".
_BEFORE_CHARS = 60

_KIND_OF_DOCUMENT = {
    "tweet": "social_media", "post": "social_media", "video": "social_media", "message": "social_media",
    "email": "document", "e-mail": "document", "letter": "document", "memo": "document", "filing": "document",
    "op-ed": "document",
}  # fmt: skip

#: Words that open a relay to an outlet the registry does not know, with the hop rank they imply.
_UNLISTED_CUE = re.compile(
    r"\b(?:(?P<r1>told|telling|(?i:in an interview with|interviewed by|speaking to|spoke to|in a statement to)"
    r"|(?P<written>in an? (?:email|e-mail|letter|message) to))"
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
    """The relay kind an outlet's name implies, or None (a person, a place): the kind of a media name
    the registry does not hold (:data:`~spinscope.quotes.media_names.MEDIA_NAMES`), else the first of
    :data:`_KIND_FROM_NAME` its words match, else "newspaper" for a web outlet's one-word shape
    ("InsideSources")."""
    known = lookup_media(name)
    if known is not None:
        return known[1]
    kind = next((kind for kind, pattern in _KIND_FROM_NAME if pattern.search(name)), None)
    return kind or ("newspaper" if camel_case_outlet(name) else None)


def _unlisted_mentions(text: str) -> list[RelayMention]:
    """Outlets the registry does not know, written after a relay cue ("as carried by the Northwind Press Agency")."""
    found = []
    for match in _UNLISTED_CUE.finditer(text):
        name = match.group("name").rstrip(".")
        if lookup_name(name) is not None or media_pattern().match(name):
            continue  # the registry pass or the media-name pass finds it
        if match.group("written") and re.search(r"[’']s\b", name):
            continue  # "in an email to the NFL Network’s Rich Eisen": a person, who did not publish it
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


def _context_rank(text: str, start: int, end: int) -> int | None:
    """The hop rank the words around an outlet mention imply (:data:`_BEFORE`, :data:`_AFTER`), or
    None when they make it no relay (no relay words, or :data:`_NOT_CHANNEL_BEFORE`)."""
    before = text[max(0, start - _BEFORE_CHARS) : start].rstrip("“\"‘'")
    if _NOT_CHANNEL_BEFORE.search(before):
        return None
    rank = next((r for r, pattern in _BEFORE if pattern.search(before)), None)
    if rank is None and _AFTER.match(text[end : end + 20]):
        rank = 3
    return rank


def find_relay_mentions(text: str) -> list[RelayMention]:
    """Every relay mention in ``text`` (outlets from the registry in a relay context, statements, reports)."""
    mentions: list[RelayMention] = []
    for match in mention_pattern().finditer(text):
        entry = lookup_name(match.group())
        rank = _context_rank(text, match.start(), match.end())
        if entry is not None and rank is not None:
            mentions.append(RelayMention(match.start(), match.end(), entry.name, entry.kind, rank))
    for match in media_pattern().finditer(text):
        known = lookup_media(match.group())
        rank = _context_rank(text, match.start(), match.end())
        if known is not None and rank is not None:
            mentions.append(RelayMention(match.start(), match.end(), known[0], known[1], rank, in_registry=False))
    mentions.extend(_unlisted_mentions(text))
    for match in _WEBSITE.finditer(text):
        mentions.append(RelayMention(*match.span("noun"), "website", "official_statement", 2, in_registry=False))
    for match in _DOCUMENT.finditer(text):
        noun = match.group(1)
        mentions.append(
            RelayMention(
                match.start(1), match.end(1), noun, _KIND_OF_DOCUMENT.get(noun, "official_statement"), 1, False
            )
        )
    for match in _PLATFORM_CUE.finditer(text):
        start, end = match.span("verb") if match.group("verb") else match.span()
        mentions.append(RelayMention(start, end, "Twitter", "social_media", 2, False))
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
