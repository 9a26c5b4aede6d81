"""The speaker of a relative "who" or "which" source: the name it follows ("Marta Quell, who said", "the
Salt Coast Observer, which cited").

PolNeAR marks the pronoun itself as the source of "<NP>, who said ..." (on train, "who" alone is the gold
source 420 times), so the source span stays "who"; the name shown is its antecedent's. A "who" whose
clause closes before the cue is handled earlier, by
:func:`~spinscope.quotes.sources.relative_antecedent`, which makes the noun phrase the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spinscope.quotes.names import NameMention
from spinscope.quotes.sources import FUNCTION_WORDS, Offsets, phrase_before_comma
from spinscope.quotes.speakers import Speaker, resolve_speaker

#: What may stand between "who" and its cue: up to three lower-case words ("who also", "who has long").
_TO_CUE = re.compile(r"(?:[ \t\xa0]+[a-z][a-z’'\-]*){0,3}[ \t\xa0]*")
#: A plural verb right after "who" ("Clinton and Gov. Martin O’Malley, who are also seeking"): several speakers.
_PLURAL_VERB = re.compile(r"[ \t\xa0]+(?:are|were|have|do|say|think|believe|want|argue|claim|insist|warn)\b")
#: A preposition before the antecedent ("Nicky Driscoll, 24, from Manchester, who said"): a place or an
#: object, not the speaker.
_PLACE_BEFORE = re.compile(r"\b(?:from|in|of|at|to|for|with|by|near)[ \t\xa0]+$")
#: An apposition that a restrictive "who" follows ("Heather Samuelson, a Clinton campaign staffer who made"):
#: the person is the name before its comma.
_APPOSITION_BEFORE = re.compile(r",[ \t\xa0]+(?:a|an|the)[ \t\xa0]+[^,.;:!?“”\"\n]{1,80}?[ \t\xa0]+$")
#: The capitalised name right before a comma, up to six capitalised words, joined by "of"/"for"/"on" ("the
#: Salt Coast Observer, which", "the Illinois Board of Elections, which").
_CAPITALISED_RUN = re.compile(
    r"(?:[A-Z][\w’'&.\-]*(?:[ \t\xa0]+(?:of|for|on)(?:[ \t\xa0]+the)?)?[ \t\xa0]+){0,5}[A-Z][\w’'&\-]*$"
)
#: Names of days and months: "on Monday, which" names no organisation.
_TIME_WORD = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)$"
)
#: How sure a "which" after an organisation's name is of it: the clause could be about a thing it owns.
ORGANISATION_CONFIDENCE = 0.9
#: A coordinated antecedent ("Jeb Bush and Chris Christie, who say"): the speakers are several.
_COORDINATED = re.compile(r"\b(?:and|or|&)\b|,")
#: The same, when a title's full stop cut the phrase short ("backed by Mr. Kerry and Mr. | Obama, who").
_COORDINATED_BEFORE = re.compile(r"\b(?:and|or|&)[ \t\xa0]+(?:[A-Z][\w’'.\-]*[ \t\xa0]+)*$")


def relative_speaker(
    text: str,
    source: Offsets,
    cue: Offsets | None,
    names: Sequence[NameMention],
    previous: Sequence[tuple[int, NameMention]] = (),
) -> Speaker | None:
    """The named speaker of a "who" source right after a comma (or after an apposition: "Heather Samuelson, a
    staffer who") and before its cue, else None; for "which", the organisation named before the comma.

    The antecedent is the noun phrase before the comma (:func:`~spinscope.quotes.sources.phrase_before_comma`),
    resolved as any source is. A "who" that is the object of its clause ("Marco Rubio, who many had
    backed"), a group of several ("Bush and Christie, who", "who are"), a place ("from Manchester,
    who") or an antecedent with no name gives None: the source stays as written.
    """
    start, end = source
    pronoun = text[start:end].lower()
    if pronoun not in ("who", "which") or cue is None or cue[0] < end:
        return None
    if not _TO_CUE.fullmatch(text, end, cue[0]) or _PLURAL_VERB.match(text, end):
        return None
    if text[max(0, start - 2) : start].strip() == ",":
        comma = text.rfind(",", 0, start)
        if pronoun == "which":
            return _organisation(text, comma)
    elif pronoun == "who" and (apposition := _APPOSITION_BEFORE.search(text, max(0, start - 100), start)):
        comma = apposition.start()  # "Heather Samuelson, a campaign staffer who": the name before the comma
    else:
        return None
    antecedent = phrase_before_comma(text, comma)
    if antecedent is None or _COORDINATED.search(text, *antecedent):
        return None
    before = text[max(0, antecedent[0] - 80) : antecedent[0]]
    if _PLACE_BEFORE.search(before) or _COORDINATED_BEFORE.search(before):
        return None
    found = resolve_speaker(text[antecedent[0] : antecedent[1]], antecedent[0], text, names, previous)
    if found.name is None:
        return None
    named = text.rfind(found.name, *antecedent)
    where = found.antecedent or ((named, named + len(found.name)) if named >= 0 else antecedent)
    return Speaker("who", found.name, True, found.confidence, where, kind="pronoun")


def _organisation(text: str, comma: int) -> Speaker | None:
    """The organisation a "which" after a comma stands for: the capitalised words right before the comma
    ("first reported by the Salt Coast Observer, which cited"), else None ("the report, which said": a
    thing, shown as written)."""
    run = _CAPITALISED_RUN.search(text, max(0, comma - 80), comma)
    if run is None or (run.start() > 0 and text[run.start() - 1] not in " \t\xa0\n"):
        return None
    start, name = run.start(), run.group()
    if name.split()[0] in ("The", "A", "An") and " " in name:
        start += len(name.split()[0]) + 1
        name = name.split(" ", 1)[1]
    words = name.split()
    if words[0].lower() in FUNCTION_WORDS or _COORDINATED.search(name) or _TIME_WORD.match(words[-1]):
        return None  # "And Fox News, which", "on Monday, which"
    if _COORDINATED_BEFORE.search(text, max(0, run.start() - 80), run.start()):
        return None  # "CNN and Fox News, which": one of two
    return Speaker("which", name, True, ORGANISATION_CONFIDENCE, (start, run.end()), kind="pronoun")
