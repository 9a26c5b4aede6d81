"""Relay chains: the outlets, agencies and documents through which reported words reached the article.

Mentions are found in :mod:`spinscope.quotes.relay_mentions`, outlets that are themselves the source in
:mod:`spinscope.quotes.relay_sources`; this module joins them into each attribution's chain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spinscope.quotes.relations import Relation
from spinscope.quotes.relay_mentions import RelayMention, find_relay_mentions, infer_kind
from spinscope.quotes.relay_sources import source_outlets

#: A relay mentioned in a sentence with no attribution carries to attributions of the same speaker within
#: this many characters after it (about two paragraphs), as in "His statement, carried by TASS, ... “...,” he said."
CARRY_CHARS = 1200

#: A relay joins an attribution when it lies within this many characters of the attribution's cue or
#: source ("said in an interview with the BBC", "told Reuters", "according to a BBC report").
RELAY_WINDOW_CHARS = 60
#: A relay inside a tagged content still joins when it starts this close after the cue ("said on ",
#: "in an interview on "): the longest such phrase on PolNeAR train.
_AFTER_CUE_CHARS = 28


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


__all__ = ["RelayMention", "attach_relays", "find_relay_mentions", "infer_kind", "source_outlets"]
