"""Relay chains: the outlets, agencies and documents through which reported words reached the article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spinscope.outlets.registry import lookup_name, mention_pattern
from spinscope.quotes.media_names import camel_case_outlet, lookup_media, media_pattern
from spinscope.quotes.relations import Relation

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
_DOCUMENT_SOURCE = re.compile(
    r"\b(?P<noun>statement|press release|book|memo|letter|email|e-mail|brief|filing|transcript|document|tweet|op-ed"
    r"|editorial|communiqué|report)$"
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
#: A relay inside a tagged content still joins when it starts this close after the cue ("said on ",
#: "in an interview on "): the longest such phrase on PolNeAR train.
_AFTER_CUE_CHARS = 28

_KIND_OF_DOCUMENT = {
    "tweet": "social_media", "post": "social_media", "video": "social_media", "message": "social_media",
    "email": "document", "e-mail": "document", "letter": "document", "memo": "document", "filing": "document",
    "op-ed": "document",
}  # fmt: skip

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
    document = _DOCUMENT_SOURCE.search(text, start, end)
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
    """``pattern`` for a name joined to another by "/" or "-" ("Washington Post-ABC News"), compiled once."""
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


def _after_cue(mention: RelayMention, relation: Relation) -> bool:
    """Whether a relay the tagger took into the content follows the cue at once ("said on CBS's ...")."""
    return mention.rank <= 2 and relation.cue is not None and 0 <= mention.start - relation.cue[1] <= _AFTER_CUE_CHARS


def _sentence_of(offset: int, sentence_spans: Sequence[tuple[int, int]]) -> int:
    return max((s for s, e in sentence_spans if s <= offset), default=0)


def _same_sentence(a: int, b: int, sentence_spans: Sequence[tuple[int, int]]) -> bool:
    return _sentence_of(a, sentence_spans) == _sentence_of(b, sentence_spans)


#: A sentence "ending" in a title or an initial ("said Rep. Elijah Cummings", "Paul D. Ryan"): the
#: tokenizer splits there, but for relays the sentence goes on.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Jr|Sr|St|Prof|Rev|Hon|Atty|Ft|Mt|No|vs|U\.S|D\.C"
    r"|Inc|Corp|Co|Ltd|Calif|Fla|Wis|Ind|Mass|Penn|Va|Tenn|Ky|Ariz|Ore|Colo|Conn|Ill|Mich|Minn|Ga|Ala|Okla)|\b[A-Z])$"
)
#: A relay the tagger ran into the end of a content ("called for more school investment in a
#: statement on Thursday"): after it only a time phrase and punctuation.
_TRAILING_AFTER = re.compile(r"^[\s,]*(?:(?:on|last|this|late|early|earlier)\s+\w+)?[\s.,”\"]*$")
_PHRASE_OPEN = re.compile(r"[\s,]*\b(?:[Ii]n|via|through|on|told|to)\s+(?:[\w’'-]+\s+){0,3}$")


def _relay_sentences(text: str, sentence_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, each one merged with the next where it stops at a title or an initial."""
    merged: list[tuple[int, int]] = []
    for start, end in sentence_spans:
        if (
            merged
            and text[merged[-1][1] : merged[-1][1] + 1] == "."
            and _ABBREVIATION_END.search(text, max(0, merged[-1][1] - 6), merged[-1][1])
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _trailing(mention: RelayMention, relation: Relation, text: str) -> bool:
    """Whether a relay inside the content only trails it (:data:`_TRAILING_AFTER`)."""
    start, end = relation.content[-1]
    return mention.rank <= 2 and start < mention.start < end and bool(_TRAILING_AFTER.match(text[mention.end : end]))


def _carry_limit(text: str, offset: int) -> int:
    """Where a carried relay stops: the end of the paragraph after the one holding ``offset``."""
    own_end = text.find("\n", offset)
    if own_end < 0:
        return len(text)
    following = own_end
    while following < len(text) and text[following].isspace():
        following += 1
    next_end = text.find("\n", following)
    return len(text) if next_end < 0 else next_end


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
       (sentences stopped by a title or an initial, "Rep. Elijah Cummings", are read as one); so does
       one the tagger ran into the end of the content ("... in a statement on Thursday"), which
       then leaves the content;
    2. a mention that words hand to a channel ("told", "in an interview with", "in a statement")
       and that joined no chain joins the attribution whose cue is nearest in its sentence;
    3. a mention that joined no chain, in a sentence that refers to a speaker's words ("His recent
       statement, carried by TASS, ..."; ``speaker_at``: sentence start -> speaker), carries to
       later attributions of that speaker within :data:`CARRY_CHARS`, in its paragraph and the next
       one only; any other mention stays out of every chain ("according to Reuters" is no relay of
       the next paragraph's quote);
    4. each chain is ordered by hop rank (handed to, posted on, carried by), then by position.
    """
    mentions = find_relay_mentions(text)
    sentences = _relay_sentences(text, sentence_spans)
    outside = [
        [not any(s <= m.start < e for s, e in r.content) or _after_cue(m, r) or _trailing(m, r, text) for m in mentions]
        for r in relations
    ]
    owners: dict[int, list[int]] = {}
    for index, relation in enumerate(relations):
        for i, m in enumerate(mentions):
            if (
                _near(m, relation)
                and _same_sentence(m.start, _anchors(relation)[0][0], sentences)
                and outside[index][i]
            ):
                owners.setdefault(i, []).append(index)
    for i, m in enumerate(mentions):
        # "Mr. Schultz likened RT to the BBC, ..., in an interview with The Washington Post last week": a
        # relay its wording hands the words to joins the nearest cue of its own sentence, however far
        if i in owners or m.rank > 2:
            continue
        candidates = [
            (abs(m.start - r.cue[0]), index)
            for index, r in enumerate(relations)
            if r.cue is not None and outside[index][i] and _same_sentence(m.start, r.cue[0], sentences)
        ]
        if candidates:
            owners[i] = [min(candidates)[1]]
    used = set(owners)
    for index, relation in enumerate(relations):
        chain = [m for i, m in enumerate(mentions) if index in owners.get(i, ())]
        if chain and _trailing(chain[-1], relation, text):
            # "... investment in a statement on Thursday": the relay and what trails it leave the content
            start, end = relation.content[-1]
            opening = _PHRASE_OPEN.search(text, start, chain[-1].start)
            cut = opening.start() if opening else chain[-1].start
            relation.content = relation.content[:-1] + ([(start, cut)] if cut > start else [])
            if not relation.content:
                relation.content = [(start, end)]
        # a content fragment that is only the relay's programme ("said on CBS's ''Face the Nation.''") goes
        relation.content = [
            (s, e)
            for s, e in relation.content
            if len(relation.content) == 1 or not any(abs(s - m.start) <= 2 and m.rank <= 2 for m in chain)
        ]
        chain += [
            m for m in source_outlets(text, relation) if not any(m.start < o.end and o.start < m.end for o in chain)
        ]
        relation.relays = _chain(chain)
    for i, mention in enumerate(mentions):
        if i in used:
            continue
        speaker = speaker_at.get(_sentence_of(mention.start, sentence_spans))
        limit = min(mention.end + CARRY_CHARS, _carry_limit(text, mention.end))
        for relation in relations:
            if mention.end <= relation.start <= limit and _same_speaker(speaker, relation.source_name):
                chain = [m for m in mentions if m.start in {r["start"] for r in relation.relays}] + [mention]
                relation.relays = _chain(chain)
