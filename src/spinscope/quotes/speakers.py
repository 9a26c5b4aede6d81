"""Resolve a source as written ("he", "the minister", "Lavrov") to a name, or abstain.

Putting words in the wrong mouth is the worst error an attribution tool can make, so a pronoun or a
title is given a name only when one person is the clear antecedent; otherwise the source stays as
written and is marked unresolved (``Speaker.name is None``). The names a speaker can take are found by
:mod:`spinscope.quotes.names`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.quotes.documents import DOCUMENT_NOUNS, document_author
from spinscope.quotes.name_words import (
    EPITHETS,
    NOT_BEFORE_SUBJECT,
    ORGANISATION_TITLES,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    UNNAMED_PERSON_NOUNS,
    UNRESOLVABLE,
)
from spinscope.quotes.names import (
    MAX_LOOKBACK_CHARS,
    SENTENCE_OPENING,
    NameMention,
    clean_name,
    is_person_like,
    paragraph_start,
    sentence_start,
    start_of,
)
from spinscope.quotes.sources import FUNCTION_WORDS

#: An apposition that titles the name before it (", the Democratic presidential front-runner,").
_APPOSITION_TITLE = re.compile(
    r",[ \t\xa0]+(?:the|a|an)[ \t\xa0]+(?:[\w’'.\-]+[ \t\xa0]+){0,4}?([a-z][\w\-]*)(?=[,.;]|\s+(?:who|of|for)\b)"
)
#: What may continue an organisation's name after its noun ("Commission on Presidential Debates").
_ORGANISATION_TAIL = re.compile(r"(?:[ \t\xa0]+(?:on|for|of)(?:[ \t\xa0]+the)?(?:[ \t\xa0]+[A-Z][\w’'\-]*)+)")
#: How far back (characters) a title looks for the one person or organisation so titled: about four pages,
#: the whole of most news articles (PolNeAR train: the longest distance a title was read from is 9,000).
TITLE_LOOKBACK_CHARS = 20000
#: A title source with capitalised modifiers has at most this many words ("the GOP presidential nominee").
MAX_TITLE_WORDS = 5
#: What may follow a name that heads a source: its end, an apposition, a bracket, "who", "of".
_HEAD_END = re.compile(r"[’']?\s*(?:$|[,(]|who\b|of\b|and\b)")
#: A preposition after a lower-case noun, then at most titles, before a name ("a longtime adviser to Trump",
#: "a spokesman for Mayor Frank Jackson"): the name is the noun's object, not the speaker. Kept: "Secretary
#: of State Hillary Clinton", "master of ceremonies Asab Al-Tabchi", "his friend at Lehigh, Bruce Turry", and
#: a message from its author ("An email from Neera Tanden").
_MESSAGES = rf"(?:{DOCUMENT_NOUNS}|e-?mail|post|tweet|message|note)s?"
_OBJECT_BEFORE = re.compile(
    rf"\b(?:(?!{_MESSAGES}[ \t\xa0]+from\b)[a-z][\w’'\-]*[ \t\xa0]+(?:to|for|of|with|at|from))"
    r"(?:[ \t\xa0]+[A-Z][\w’'\-.]*)*[ \t\xa0]*$"
)
#: A pronoun takes the name of the previous attribution's speaker at most this many characters back
#: ("“A,” Lavrov said. “B,” he added"), when no other person is named in between.
PREVIOUS_SPEAKER_CHARS = 600
#: Confidences, highest first: a pronoun whose lone candidate is also the previous attribution's
#: speaker; the one person named in the pronoun's paragraph; the one person in it and the paragraph
#: before; the previous speaker among several people; a name completed from a longer mention. Set
#: while reading samples of 12 PolNeAR train pronouns (six samples as the rules were written): the
#: lone-person rules were wrong about once a sample, the previous-speaker rule without the
#: "opened its sentence" check three or four times, so it ranks lowest.
PREVIOUS_SPEAKER_CONFIDENCE = 0.95
OWN_PARAGRAPH_CONFIDENCE = 0.9
PREVIOUS_SUBJECT_CONFIDENCE = 0.75
LONE_CANDIDATE_CONFIDENCE = 0.8
FULLER_NAME_CONFIDENCE = 0.95
#: A name is shown only at this confidence or above; below it the source stays unresolved.
SHOW_CONFIDENCE = 0.7
#: A pronoun or definite title with several people around takes the opening subject of the nearest sentence
#: that names a person (:func:`_last_subject`). Read on PolNeAR train (samples of 12 predicted pronouns
#: the rule named, ``random.Random(1)``, ``(2)``, ``(3)`` over 120 shuffled train articles): 12, 11 and 11
#: right (the errors led to the clause check and to the group words), so it ranks just above
#: :data:`SHOW_CONFIDENCE`.
SUBJECT_CONFIDENCE = 0.72
#: An epithet ("the candidate") stands for the subject before it only when that is the article's main
#: person, named this many times as often as anyone else (2: read on PolNeAR train, see docs/quotes.md).
MAIN_PERSON_RATIO = 2.0
#: A clause opening right before a name ("..., but a hoarse-voiced Sanders"): a rival subject.
_CLAUSE_BEFORE = re.compile(r"(?:,\s*(?:but|and|while|whereas|as)|;|\bbut)\s+(?:\S+\s+){0,3}$")
#: Words before a sentence's first name that at most a subject's titles fill ("Former Secretary of State").
MAX_SUBJECT_PREFIX_WORDS = 6
_COORDINATION = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*(?:(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr)\.\s+)?")
_POSSESSIVE_AFTER = re.compile(r"[’']s?\b")
#: The end of a quotation (and an inverted speech verb) right before a sentence's first name: the name is
#: the quotation's speaker ("“...,” Tester told", "“...,” said Louise Sunshine"); not a scare quote (no stop
#: inside: "“little” Marco Rubio") nor a question ("“That would be you?” Borger asked": the other one answers).
_ASKED_AFTER = re.compile(r"[ \t\xa0]+asked\b")
_AFTER_QUOTATION = re.compile(r"[,.!][”\"’']{1,2}[ \t\xa0]+(?:(?:said|says|added|wrote|told)[ \t\xa0]+)?$")
#: At most four capitalised words (titles, places) between an opening phrase's comma and a name.
_ONLY_TITLES = re.compile(r"(?:[ \t\xa0]+[A-Z][\w’'\-]*\.?){1,4}[ \t\xa0]*")


@dataclass(frozen=True)
class Speaker:
    """Who a source stands for: the written form, the name shown (None = unresolved) and why."""

    written: str
    name: str | None
    resolved: bool
    confidence: float
    antecedent: tuple[int, int] | None = None
    #: ``name``, ``pronoun``, ``title``, ``description`` (a noun phrase with no name) or ``none``.
    kind: str = "name"

    @property
    def shown(self) -> str:
        """What ``source_name`` holds: the name when one is shown, else the written form."""
        return self.name if self.name is not None else self.written

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "name": self.name,
            "resolved": self.resolved,
            "confidence": round(self.confidence, 3),
            "antecedent": None if self.antecedent is None else {"start": self.antecedent[0], "end": self.antecedent[1]},
            "kind": self.kind,
        }


def _bare(source_text: str) -> str:
    """Lower case, without a contraction ("he’s" -> "he", "we've" -> "we")."""
    return source_text.strip().lower().replace("’", "'").split("'")[0]


def is_pronoun(source_text: str) -> bool:
    return _bare(source_text) in PRONOUNS


def title_of(source_text: str) -> str | None:
    """The title noun of a descriptive source ("the minister" -> "minister"), or None for a name."""
    words = source_text.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an"):
        return None
    if "of" in words[2:-1]:
        words = words[: words.index("of", 2)]  # "The former secretary of state": the noun before "of"
    last = words[-1].strip(",")
    if any(w[:1].isupper() for w in words[1:]):
        # "the Republican nominee", "The Vermont senator": a person title after capitalised modifiers
        is_person = last in PERSON_TITLES or last in PERSON_NOUNS
        return last if len(words) <= MAX_TITLE_WORDS and last.islower() and is_person else None
    return last.lower()


def _fullest(mention: NameMention, names: Sequence[NameMention]) -> tuple[str, NameMention]:
    """The fullest form of a one-word name when exactly one longer form shares its last word."""
    if " " in mention.name:
        return mention.name, mention
    longer = {n.name: n for n in names if n.key == mention.key and " " in n.name and n.certain}
    if len(longer) == 1:
        ((name, full),) = longer.items()
        return name, full
    return mention.name, mention


def resolve_speaker(
    source_text: str,
    source_start: int,
    text: str,
    names: Sequence[NameMention],
    previous: Sequence[tuple[int, NameMention]] = (),
) -> Speaker:
    """The speaker a source stands for.

    1. "I", "we", "you", "it" stay as written (unresolved, no name can stand for them);
    2. a name (also inside a description: "Opposition deputy Mara Solvik, who ...") is shown, completed
       to its fullest form when exactly one longer form shares its last word ("Lavrov" -> "Sergei Lavrov");
    3. "he"/"she" takes the previous attribution's speaker (``previous``: source offset -> name) within
       :data:`PREVIOUS_SPEAKER_CHARS` when no other person is named in between, else the one person named
       in the :data:`MAX_LOOKBACK_CHARS` before it; "they" and anything less clear abstain;
    4. a document with a named author ("a report by the Coastal Audit Office", a later "the report") is
       the author's (:func:`~spinscope.quotes.documents.document_author`);
    5. a title ("the minister") takes the one person written with that title before it, else abstains;
    6. a noun phrase with no name ("the report", "officials") is shown as written.
    """
    written = source_text.strip()
    bare = _bare(written)
    if bare in UNRESOLVABLE:
        return Speaker(written, None, False, 0.0, kind="none")
    if is_pronoun(written):
        return _resolve_pronoun(written, source_start, text, names, previous)
    author = document_author(written, source_start, text)
    if author is not None:
        name, where, confidence = author
        return Speaker(written, name, True, confidence, where, kind="description")
    title = title_of(written)
    if title is not None:
        return _resolve_title(written, title, source_start, text, names)
    # a name inside the source is the speaker when it heads it ("Opposition deputy Mara Solvik, who
    # ..."), not when it modifies a noun ("Trump supporters")
    inside = [
        n
        for n in names
        if source_start <= n.start < source_start + len(source_text)
        and _HEAD_END.match(text, n.end, source_start + len(source_text))
        and not _OBJECT_BEFORE.search(text, source_start, n.start)
    ]
    if not inside and not _OBJECT_BEFORE.search(written):
        own = clean_name(written.split())
        if own and is_person_like(own) and len(own.split()) <= 3 and all(w[:1].isupper() for w in own.split()):
            inside = [NameMention(source_start, source_start + len(source_text), own)]
    if inside:
        name, full = _fullest(inside[0], names)
        antecedent = None if full is inside[0] else (full.start, full.end)
        confidence = 1.0 if antecedent is None else FULLER_NAME_CONFIDENCE
        return Speaker(written, name, True, confidence, antecedent, kind="name")
    return Speaker(written, None, False, 0.0, kind="description")


def _resolve_pronoun(
    written: str, start: int, text: str, names: Sequence[NameMention], previous: Sequence[tuple[int, NameMention]]
) -> Speaker:
    if _bare(written) in PLURAL_PRONOUNS:
        return Speaker(written, None, False, 0.0, kind="pronoun")
    gender = PRONOUN_GENDER.get(_bare(written), "")
    earlier = [n for n in names if n.end <= start and start - n.end <= MAX_LOOKBACK_CHARS and n.gender in ("", gender)]
    # the one person named earlier in the pronoun's paragraph, else in it and the paragraph before;
    # it is surer when the previous attribution's speaker is that person too
    paragraph = paragraph_start(text, start)
    people: set[str] = set()
    for window_start, confidence in (
        (paragraph, OWN_PARAGRAPH_CONFIDENCE),
        (paragraph_start(text, paragraph - 1) if paragraph else 0, LONE_CANDIDATE_CONFIDENCE),
    ):
        window = [n for n in earlier if n.start >= window_start]
        people = {n.key for n in window}
        if len(people) == 1 and window[-1].certain and not _unnamed_between(text, names, window[-1], start):
            if any(m.key == window[-1].key for at, m in previous if window_start <= at < start):
                confidence = PREVIOUS_SPEAKER_CONFIDENCE
            return _shown(written, window[-1], names, confidence, "pronoun")
        if people:
            break
    # several people: the previous attribution's speaker, when a sentence's subject ("“A,” Lavrov
    # said. “B,” he added") and the person named last before the pronoun
    certain = [n for n in earlier if n.certain]
    recent = [m for at, m in previous if start - at <= PREVIOUS_SPEAKER_CHARS and at < start]
    if certain and recent and recent[-1].key == certain[-1].key and earlier[-1].key == certain[-1].key:
        return _shown(written, certain[-1], names, PREVIOUS_SUBJECT_CONFIDENCE, "pronoun")
    subject = _last_subject(start, text, names, gender)
    if subject is not None:
        return _shown(written, subject, names, SUBJECT_CONFIDENCE, "pronoun")
    return Speaker(written, None, False, 1.0 / (len(people) + 1) if people else 0.0, kind="pronoun")


def subject_of(sentence_start: int, limit: int, text: str, names: Sequence[NameMention]) -> NameMention | None:
    """The person a sentence opens with as its subject ("Sen. Ayotte would not ...", "In an interview
    last week, Ayotte said ..."), or None when its first person is an object or a possessive."""
    first = next((n for n in names if n.certain and sentence_start <= n.start < limit), None)
    if first is None:
        return None
    if _POSSESSIVE_AFTER.match(text, first.end):
        # "Bloomberg's pollster, Douglas Schoen, says": the person the possessive's title names
        titled = next((n for n in names if n.certain and first.end < n.start < limit), None)
        if titled is not None and _POSSESSIVE_TITLE.fullmatch(text, first.end, titled.start):
            return None if _POSSESSIVE_AFTER.match(text, titled.end) else titled
        return _reporting_name(sentence_start, limit, text, names)
    following = next((n for n in names if n.start > first.end), None)
    if following is not None and _COORDINATION.fullmatch(text, first.end, following.start):
        return None  # "Donald Trump and Bernie Sanders met": a pair is no one person
    prefix = text[sentence_start : first.start]
    # a sentence opening right after a quotation's stop ("“... you?” Borger asked") is read with that stop
    quoted = prefix if prefix.strip() else text[max(0, sentence_start - 4) : first.start]
    if _AFTER_QUOTATION.search(quoted) and not _ASKED_AFTER.match(text, first.end):
        return first  # "“...,” Tester told Capital Download", "“...,” said Louise Sunshine": the quote's speaker
    if re.search(r"[”\"’'][ \t\xa0]*$", quoted):
        return None  # after a question or a scare quote: the asker, or a name the quote qualifies
    opening, comma, titles = prefix.rpartition(",")
    if comma and opening.strip() and "," not in opening and _ONLY_TITLES.fullmatch(titles):
        prefix = opening + comma  # "In the call, Wisconsin Rep. Reid Ribble": an opening phrase, then titles
    if prefix.rstrip().endswith(","):
        prefix = prefix.rstrip()[:-1]
        if "," in prefix:
            return None  # "..., Trump, ..." : an apposition or a list, not the opening subject
        return first
    words = [w.strip("“”\"'’‘(").lower() for w in prefix.split()]
    if len(words) > MAX_SUBJECT_PREFIX_WORDS:
        return None
    if any(w in NOT_BEFORE_SUBJECT or w.endswith(("’s", "'s")) for w in words):
        return None
    return first


#: A possessive's title, then the person so titled: "’s pollster, " in "Bloomberg’s pollster, Douglas Schoen".
_POSSESSIVE_TITLE = re.compile(r"[’']s?[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){0,4}?[\w\-]+,[ \t\xa0]+")
#: A reporting clause closing a sentence: ", Biden said." / ", said Biden." (checked after the name).
_REPORTING_BEFORE = re.compile(r",[ \t\xa0]+(?:said[ \t\xa0]+)?$")
_REPORTING_AFTER = re.compile(r"[ \t\xa0]+(?:said|says|added|told|wrote|argued|noted|explained)\b|[.!?]")


def _reporting_name(sentence_start: int, limit: int, text: str, names: Sequence[NameMention]) -> NameMention | None:
    """The person a sentence's closing reporting clause names ("Trump’s accusation ... had imperiled the
    lives of US troops, Biden said."): the speaker, when the sentence opens with no subject to take."""
    for n in names:
        if not (n.certain and sentence_start <= n.start < limit) or not _REPORTING_BEFORE.search(
            text, max(sentence_start, n.start - 8), n.start
        ):
            continue
        after = _REPORTING_AFTER.match(text, n.end)
        inverted = text[max(sentence_start, n.start - 8) : n.start].rstrip().endswith("said")
        if after and (after.group() in ".!?" if inverted else after.group() not in ".!?"):
            return n
    return None


def _last_subject(start: int, text: str, names: Sequence[NameMention], gender: str) -> NameMention | None:
    """The subject of the nearest sentence before ``start`` (or of its own sentence, before it) that names a
    person, within this paragraph and the one before, when it can be that person: the centre of the
    discourse a later "he"/"she"/"the senator" most often continues. None when that sentence's first person
    is no subject, or the gender conflicts (then someone else is meant)."""
    paragraph = paragraph_start(text, start)
    floor = max(paragraph_start(text, paragraph - 1) if paragraph else 0, start - MAX_LOOKBACK_CHARS)
    # the names from ``floor`` to just past ``start`` (sorted by offset; long articles have thousands)
    names = names[bisect_left(names, floor, key=start_of) : bisect_left(names, start + 1, key=start_of) + 1]
    limit, sentence = start, sentence_start(text, start)
    while limit > floor:
        sentence = max(sentence, floor)
        if any(n.certain and sentence <= n.start < limit for n in names):
            subject = subject_of(sentence, limit, text, names)
            if subject is None or subject.gender not in ("", gender or subject.gender):
                return None
            if (
                not subject.gender
                and gender == "f"
                and any(
                    n.certain
                    and sentence <= n.start < limit
                    and n.key != subject.key
                    and n.gender == gender
                    and not _POSSESSIVE_AFTER.match(text, n.end)
                    for n in names
                )
            ):
                return None  # "Chris Christie described Hillary Clinton as ... after she": she fits, he may not
            # another person who opens a clause of that sentence ("Clinton put Sanders on the defensive,
            # but a hoarse-voiced Sanders got in digs. He accused"): either could be meant, abstain
            if any(
                n.certain
                and sentence <= n.start < limit
                and n.key != subject.key
                and n.gender in ("", gender)
                and not _POSSESSIVE_AFTER.match(text, n.end)
                and _CLAUSE_BEFORE.search(text, max(sentence, n.start - 40), n.start)
                for n in names
            ):
                return None
            return None if _unnamed_between(text, names, subject, start) else subject
        if sentence <= floor:
            break
        limit, sentence = sentence, sentence_start(text, sentence - 1)
    return None


#: A sentence opening with an unnamed person ("The judge rubbed his chin ... He made"): a rival for a pronoun.
_UNNAMED_PERSON = re.compile(
    r"(?:^|\n|[.!?][\"”’]?[ \t\xa0]+)(?:The|One|Another|An?)[ \t\xa0]+(?:[\w’'\-]+[ \t\xa0]+){0,2}?"
    rf"(?P<noun>{'|'.join(sorted(PERSON_TITLES | PERSON_NOUNS | UNNAMED_PERSON_NOUNS))})\b"
)


def _unnamed_between(text: str, names: Sequence[NameMention], candidate: NameMention, start: int) -> bool:
    """Whether a sentence between ``candidate`` and ``start`` opens with a person described, not named, by
    a noun no mention of the candidate is written with ("The judge" after "Brafman": someone else)."""
    titles: set[str] | None = None
    for match in _UNNAMED_PERSON.finditer(text, candidate.end, start):
        if titles is None:
            titles = set().union(*(_titles_of(text, n) for n in names if n.key == candidate.key))
        noun = match.group("noun")
        if ("judge" if noun == "justice" else noun) in titles:
            continue
        # "The Vermont senator said ... He added": the description is the candidate, written with that title
        # elsewhere (a description read as the subject before it is no evidence: "The judge" after "Brafman")
        described = match.group().lstrip('.!?"”’ \t\xa0\n')
        found = _resolve_title(described, noun, match.end() - len(described), text, names)
        if found.name is None or found.confidence <= SUBJECT_CONFIDENCE or found.name.split()[-1] != candidate.key:
            return True
    return False


def _resolve_title(written: str, title: str, start: int, text: str, names: Sequence[NameMention]) -> Speaker:
    """A definite title: the one person written with it before; an organisation noun ("the commission"):
    the one organisation named with it before; else the opening subject of the nearest sentence naming a
    person, when no other title marks that person. An indefinite one ("a judge") always abstains."""
    if written.split()[0].lower() != "the":
        is_person = title in PERSON_TITLES or title in PERSON_NOUNS
        return Speaker(written, None, False, 0.0, kind="title" if is_person else "description")
    if title in ORGANISATION_TITLES:
        return _resolve_organisation(written, title, start, text)
    title = "judge" if title == "justice" else title
    if title not in PERSON_TITLES and title not in PERSON_NOUNS:
        return Speaker(written, None, False, 0.0, kind="description")
    earlier = [n for n in names if n.certain and n.end <= start and start - n.end <= TITLE_LOOKBACK_CHARS]
    titled = [n for n in earlier if title in _titles_of(text, n)]
    people = {n.key for n in titled}
    if len(people) > 1:
        # "The Republican nominee" among several nominees: the one written with that party or place
        modifiers = _modifiers(written)
        narrowed = [n for n in titled if modifiers and modifiers <= _words_before(text, n)]
        if len({n.key for n in narrowed}) == 1:
            return _shown(written, narrowed[-1], names, LONE_CANDIDATE_CONFIDENCE, "title")
    if len(people) == 1:
        return _shown(written, titled[-1], names, LONE_CANDIDATE_CONFIDENCE, "title")
    # else, when no one is so titled, the subject of the last sentence naming a person if it is the only
    # person named in this paragraph and the one before ("Trump told the Post ... The candidate added")
    # ("The attorney general of the state of New York" is someone specific: no subject stands for it)
    subject = None if " of " in written else _last_subject(start, text, names, TITLE_GENDER.get(title, ""))
    if subject is not None and not _titled_otherwise(subject, title, text, names):
        paragraph = paragraph_start(text, start)
        floor = paragraph_start(text, paragraph - 1) if paragraph else 0
        nearby = {n.key for n in earlier if n.start >= floor}
        if not people and nearby == {subject.key}:
            return _shown(written, subject, names, SUBJECT_CONFIDENCE, "title")
        # an epithet ("The candidate added", "the businessman replied") for the article's main person
        if not people and title in EPITHETS and subject.key == _main_person(names):
            return _shown(written, subject, names, SUBJECT_CONFIDENCE, "title")
    return Speaker(written, None, False, 0.5 / len(people) if people else 0.0, kind="title")


def _main_person(names: Sequence[NameMention]) -> str | None:
    """The surname named most often, when at least :data:`MAIN_PERSON_RATIO` times as often as any other."""
    counts = Counter(n.key for n in names if n.certain)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < MAIN_PERSON_RATIO * ranked[1][1]):
        return None
    return ranked[0][0]


#: Modifiers of a title that name the same thing ("the GOP nominee" is "Republican nominee Donald Trump").
_SAME_MODIFIER = {"gop": "republican", "dem": "democratic", "democrat": "democratic"}


def _modifiers(written: str) -> set[str]:
    """The capitalised modifiers of a title source ("The Republican nominee" -> {"republican"})."""
    return {_SAME_MODIFIER.get(w.lower(), w.lower()) for w in written.split()[1:-1] if w[:1].isupper()}


def _words_before(text: str, mention: NameMention) -> set[str]:
    """The words written just before a name mention ("Republican presidential nominee Donald Trump")."""
    words = re.findall(r"[\w’'-]+", text[max(0, mention.start - 50) : mention.start])[-5:]
    return {_SAME_MODIFIER.get(w.lower(), w.lower()) for w in words}


def _titles_of(text: str, mention: NameMention) -> set[str]:
    """The person titles written just before a name mention ("Sen." -> senator, "President") or in an
    apposition after it ("Hillary Clinton, the Democratic front-runner,")."""
    words = text[max(0, mention.start - 40) : mention.start].lower().replace(".", " ").split()[-3:]
    apposition = _APPOSITION_TITLE.match(text, mention.end)
    if apposition:
        words.append(apposition.group(1).lower())
    # a Justice is a judge ("Manhattan Supreme Court Justice Frank Nervo ... The judge")
    titles = {TITLE_ABBREVIATIONS.get(w, "judge" if w == "justice" else w) for w in words}
    return titles & (PERSON_TITLES | PERSON_NOUNS)


def _titled_otherwise(mention: NameMention, title: str, text: str, names: Sequence[NameMention]) -> bool:
    """Whether any mention of that person carries a person title other than ``title`` ("President Obama"
    is not "the senator")."""
    found: set[str] = set()
    for n in names:
        if n.key == mention.key:
            found |= _titles_of(text, n)
    return bool((found & PERSON_TITLES) - {title})


def _resolve_organisation(written: str, title: str, start: int, text: str) -> Speaker:
    """ "the commission" -> the one "... Commission ..." named before it ("Commission on Presidential Debates")."""
    found: dict[str, tuple[int, int]] = {}
    for match in re.compile(rf"\b{title.capitalize()}\b").finditer(text, max(0, start - TITLE_LOOKBACK_CHARS), start):
        name_start = match.start()
        while (before := re.search(r"([A-Z][\w’'\-.]*)[ \t\xa0]+$", text[max(0, name_start - 40) : name_start])) and (
            before.group(1).lower() not in FUNCTION_WORDS
        ):
            name_start -= len(before.group())
        after = _ORGANISATION_TAIL.match(text, match.end())
        name_end = after.end() if after else match.end()
        name = text[name_start:name_end]
        opening = name_start == match.start() or SENTENCE_OPENING.search(text, max(0, name_start - 3), name_start)
        if opening and " " not in name:
            continue  # "Commission" alone, or "The Commission" opening a sentence: no name
        found[name] = (name_start, name_end)
    if len(found) == 1:
        ((name, where),) = found.items()
        return Speaker(written, name, True, LONE_CANDIDATE_CONFIDENCE, where, kind="title")
    return Speaker(written, None, False, 0.0, kind="description")


def _shown(written: str, mention: NameMention, names: Sequence[NameMention], confidence: float, kind: str) -> Speaker:
    name, _ = _fullest(mention, names)
    if confidence < SHOW_CONFIDENCE:
        return Speaker(written, None, False, confidence, kind=kind)
    return Speaker(written, name, True, confidence, (mention.start, mention.end), kind=kind)
