"""The speaker of a participle cue the tagger left without a source ("Sanders endorsed Clinton, saying ...").

A cue such as ", saying", ", arguing", ", noting" reports the words of its clause's subject, which
the tagger often leaves out as too far from the cue. On 110 PolNeAR train articles
(``random.Random(8)``) relations with such a cue and no source matched a gold relation 1 time in 13.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spinscope.quotes.names import NameMention, sentence_end, sentence_start
from spinscope.quotes.relations import Relation
from spinscope.quotes.sources import tidy_source
from spinscope.quotes.speakers import subject_of

#: A participle cue right after a comma: the subject of the clause before it is its source.
_PARTICIPLE = re.compile(
    r"(?:saying|arguing|noting|adding|claiming|insisting|warning|explaining|suggesting|stressing|asserting"
    r"|contending|declaring|describing|calling|telling|writing|acknowledging|maintaining|predicting)\b",
    re.IGNORECASE,
)
_COMMA_BEFORE = re.compile(r",[ \t\xa0]*$")
#: A pronoun that opens the sentence is its subject ("He endorsed Clinton, saying ...").
_OPENING_PRONOUN = re.compile(r"[“\"‘(]*(?P<pronoun>He|She|They)\b")


#: A verb coordinated with the sentence's first ("Trump jumped onto his Twitter account and retweeted ...",
#: "Mr. Trump said ..., but agreed that ...").
_COORDINATED_BEFORE = re.compile(r"\b(?:and|but)(?:[ \t\xa0]+(?:then|also|later|still))?[ \t\xa0]+$")
#: Any present participle ("citing", "touting", "hoping") after a comma, besides :data:`_PARTICIPLE`.
_ING = re.compile(r"[a-z]+ing\b")
#: A participle opening its sentence ("Noting that ..., Schlafly put her finger on ..."): its speaker is the
#: subject of the main clause after it. PolNeAR train: 107 of the 111 gold relations with such a cue and a
#: source have it later in the sentence ("According to" is no participle).
_OPENING_PARTICIPLE = re.compile(r"(?!According\b)[A-Z][a-z]+ing\b")
#: A pronoun opening the main clause after a participle's comma ("Noting that ..., she called ...").
_CLAUSE_PRONOUN = re.compile(r"[ \t\xa0]*(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey)\b")


def _shares_subject(text: str, cue_start: int) -> bool:
    """Whether a cue shares its sentence's subject: a participle after a comma, or a coordinated verb."""
    window = max(0, cue_start - 16)
    if _COMMA_BEFORE.search(text, max(0, cue_start - 3), cue_start):
        return bool(_PARTICIPLE.match(text, cue_start) or _ING.match(text, cue_start))
    return bool(_COORDINATED_BEFORE.search(text, window, cue_start))


def _main_clause_source(
    text: str, relation: Relation, relations: Sequence[Relation], names: Sequence[NameMention]
) -> tuple[int, int] | None:
    """The speaker of a sentence-opening participle: the source of a later cue in its sentence, else the
    person or pronoun opening the clause after the participle's comma."""
    end = sentence_end(text, relation.end)
    later = [r for r in relations if r.cue is not None and r.source is not None and relation.end <= r.cue[0] < end]
    if later:
        return later[0].source
    comma = text.find(",", relation.end, end)
    if comma < 0:
        return None
    subject = subject_of(comma + 1, end, text, names)
    if subject is not None:
        return tidy_source(text, subject.start, subject.end) or (subject.start, subject.end)
    pronoun = _CLAUSE_PRONOUN.match(text, comma + 1, end)
    return pronoun.span("pronoun") if pronoun is not None else None


def fill_participle_sources(text: str, relations: Sequence[Relation], names: Sequence[NameMention]) -> None:
    """Give each source-less relation with a participle cue the subject of its sentence as source.

    1. another relation whose cue comes earlier in the same sentence and has a source: that source
       ("Trump said ..., adding that ...");
    2. else the person the sentence opens with as its subject (:func:`spinscope.quotes.speakers._subject_of`),
       or the pronoun it opens with;
    3. else the relation keeps no source.

    A participle opening its sentence ("Noting that ..., Schlafly put ...") takes the main clause's
    subject instead (:func:`_main_clause_source`).
    """
    for relation in relations:
        if relation.source is not None or relation.cue is None:
            continue
        cue_start = relation.cue[0]
        opening = sentence_start(text, cue_start)
        if _OPENING_PARTICIPLE.match(text, cue_start) and not text[opening:cue_start].strip('“"‘( \t\xa0'):
            relation.source = _main_clause_source(text, relation, relations, names)
            continue
        if not _shares_subject(text, cue_start):
            continue
        earlier = [
            r
            for r in relations
            if r is not relation and r.cue is not None and r.source is not None and opening <= r.cue[0] < cue_start
        ]
        if earlier:
            relation.source = earlier[-1].source
            continue
        subject = subject_of(opening, cue_start, text, names)
        if subject is not None:
            relation.source = tidy_source(text, subject.start, subject.end) or (subject.start, subject.end)
            continue
        pronoun = _OPENING_PRONOUN.match(text, opening)
        if pronoun is not None and pronoun.end() < cue_start:
            relation.source = pronoun.span("pronoun")
