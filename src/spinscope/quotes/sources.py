"""Tidy a source span into a noun phrase: whole names, no stray words, punctuation or time phrases."""

from __future__ import annotations

import re

Offsets = tuple[int, int]

#: Words that open no noun phrase a source can be ("Asked", "Although", "But"): a source made of one
#: of them alone is dropped, and a leading one (before a capital) is cut ("Although Mr. Trump").
FUNCTION_WORDS = frozenset(
    """
    a an the and but or nor so yet for although though because since while whereas if unless when
    whenever where after before until as than then also even just only still now however meanwhile
    moreover furthermore instead indeed thus hence therefore asked speaking according of in on at to
    by from with without about into onto over under between among through during against toward
    towards upon within full text update updated watch
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
#: Determiners a tagged source often leaves out ("Associated Press" for "The Associated Press").
_DETERMINER_BEFORE = re.compile(r"(?:\b|^)(?:[Tt]he|[Aa]n?)[ \t\xa0]+$")
#: A time phrase the tagger runs into the source ("The St. Paul City Council on Wednesday").
_TRAILING_TIME = re.compile(
    r"(?:,?\s+(?:on|last|this|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|week|month|year|night|morning|evening|weekend|summer|spring|fall|autumn|winter)|,?\s+(?:on|released on|in))$"
)
#: Trailing marks a source never ends with: spaces, dashes, a lone apostrophe.
_TRAILING_MARKS = re.compile(r"(?:[’'](?=$)|[\s;:\-–—(]+)$")
#: A contracted "is"/"has" ("he’s", "Christie 's been"): PolNeAR marks the word before it. A possessive
#: stays ("Trump’s | controversial proposal"): PolNeAR train gold sources hold it 188 times and leave it
#: before the cue 45 times (not counting pronouns).
_CONTRACTED_IS = re.compile(r"(?:^|\s)(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Ww]ho|[Tt]here|[Ww]hat)(?P<s>[’']s)$")
_CONTRACTED_BEFORE = re.compile(r"\s*(?:been|not|also|going|got|just|now|said|says|a|an|the|\w+ing)\b")
#: A contracted verb the tagger leaves on a pronoun ("They’re", "I’ve", "she’ll"): PolNeAR train marks the
#: pronoun alone (53 gold sources are followed by such a contraction, 2 include it).
_TRAILING_CONTRACTION = re.compile(r"(?<=\w)[’'](?:ve|m|re|ll)$", re.IGNORECASE)
#: Words closing a list of speakers ("Jeb Bush and Ted Cruz both") or an aside (", for example,", ", on the
#: other hand,", ", for his part,") that PolNeAR leaves out of the source: on train 21 gold sources are
#: followed by "both"/"all" and 4 end with one; 65 are followed by such an aside and none holds one.
_TRAILING_ASIDE = re.compile(
    r"(?:\s+(?:both|all)|,\s*(?:for (?:example|instance)|on the other hand|however|meanwhile|in turn|though|too"
    r"|in particular|in contrast|for (?:their|his|her|its) part),?)$"
)
#: A courtesy title the tagger leaves out before a name ("Mr." of "Mr. Trump"): no PolNeAR train gold
#: source starts right after one.
_COURTESY_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.[ \t\xa0]+$")
#: A count or share opening a source ("one in five", "all conference attendees", "40 percent").
_QUANTITY_START = re.compile(
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|all|some|half|most|many)\b"
    r"|a (?:third|quarter|majority)\b)",
    re.IGNORECASE,
)
#: An approximation the tagger leaves out before a count ("About one in five", "Not all ..."): PolNeAR
#: train gold sources take it in 76 times and leave it out 13 (those after "only", "just", "even", not
#: taken here).
_APPROXIMATION_BEFORE = re.compile(
    r"\b(?:[Aa]bout|[Nn]early|[Aa]lmost|[Aa]t least|[Nn]ot|[Rr]oughly|[Mm]ore than|[Aa]round)[ \t\xa0]+$"
)
#: A relative pronoun ending a longer source ("a banker ... who", "who’d"); on PolNeAR train 420 of 424 gold
#: sources that end in "who" are the pronoun alone.
_RELATIVE_END = re.compile(r"(?:^|\s)(?P<who>[Ww]ho)(?:[’']d)?$")
#: A relative pronoun opening a longer source ("who in the past", "who is supporting"): on PolNeAR train 420
#: gold sources are "who" alone and one is longer; "which" alone 80, longer once ("which candidate", kept).
_RELATIVE_START = re.compile(r"(?P<pronoun>who|which)[ \t\xa0]+(?!candidate|one|ones|group)\w")
#: A final word whose full stop is its own: an abbreviation or an initial.
_ABBREVIATION_END = re.compile(r"(?:^|\.)[A-Za-z]\.$|^(?:Jr|Sr|Inc|Corp|Co|Ltd|St|Mr|Mrs|Ms|Dr|Gov|Sen|Rep)\.$")
#: A document source ending in its release ("A Government Accountability Office report released"): PolNeAR
#: takes the time phrase after it in ("... released last year"): on train 7 sources so extended became
#: exact, none was exact before.
_RELEASED_END = re.compile(r"\b(?:released|published|issued|conducted|out)$")
_RELEASE_TIME = re.compile(
    r"[ \t]+(?:last|this|next|on|earlier this|late last|early this)[ \t]+(?:year|week|month|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday|summer|spring|fall|winter)\b"
)
#: Dashes that open an aside inside a source ("Jason Sims — a teacher from Mount Pleasant —"): PolNeAR takes
#: the closing one in (train: 18 sources so extended became exact, 1 exact one was lost).
_ASIDE_DASHES = ("—", "--", "–", "―")
_LEADING_MARKS = re.compile(r"^[\s.,;:\-–—)”\"]+")


def tidy_source(text: str, start: int, end: int) -> Offsets | None:
    """The source span at ``(start, end)`` tidied into a noun phrase, or None when nothing of one is left.

    1. leading marks go (". Obama"), so do trailing commas, a possessive or contracted "’s" ("he’s"),
       other contractions ("They’re"), a trailing time phrase ("on Wednesday"), a closing "both"/"all"
       or ", for example";
    2. a source that is only function words ("An", "Asked") is dropped; a leading function word
       before a capitalised word goes ("Although Mr. Trump" -> "Mr. Trump");
    3. a source starting with a capitalised word takes a courtesy title ("Trump" -> "Mr. Trump") and a
       determiner right before it ("Associated Press" -> "The Associated Press"); a count takes an
       approximation right before it ("one in five" -> "About one in five"). (Taking capitalised words
       after it, "George" -> "George Zimmerman", was tried: exact source F1 on PolNeAR train fell from
       0.745 to 0.732.)
    """
    piece = text[start:end]
    lead = _LEADING_MARKS.match(piece)
    if lead:
        start += lead.end()
    while True:
        piece = text[start:end]
        trimmed = _TRAILING_TIME.sub("", piece)
        trimmed = _TRAILING_MARKS.sub("", trimmed)
        contracted = _CONTRACTED_IS.search(trimmed)
        if contracted or (re.search(r"[’']s$", trimmed) and _CONTRACTED_BEFORE.match(text, start + len(trimmed))):
            trimmed = trimmed[: len(trimmed) - 2]
        trimmed = _TRAILING_CONTRACTION.sub("", trimmed)
        if len(trimmed.split()) > 2:
            trimmed = _TRAILING_ASIDE.sub("", trimmed)
        if trimmed.endswith(",") and "," not in trimmed[:-1]:
            # "Chris Christie," loses its comma; PolNeAR keeps the closing one of an apposition
            trimmed = trimmed[:-1]
        if trimmed == piece:
            break
        end = start + len(trimmed)
    opening = _RELATIVE_START.match(text, start, end)
    if opening is not None:
        # "who in two earlier opinions": the tagger ran on past the pronoun
        end = opening.end("pronoun")
    who = _RELATIVE_END.search(text, start, end)
    if who is not None:
        # "Howard Rubel, a senior analyst at Jefferies, who": PolNeAR takes the relative pronoun alone
        start, end = who.start("who"), who.end("who")
    words = text[start:end].split()
    if not words or all(w.lower().strip(".,") in FUNCTION_WORDS for w in words):
        return None
    if len(words) > 1 and words[-1].endswith(".") and not _ABBREVIATION_END.search(words[-1]):
        end -= 1  # "John Weaver, a Republican strategist." (not "Jr.", "Inc.", "J.")
    while len(words) > 1 and words[0].lower() in FUNCTION_WORDS and words[0].lower() not in ("the", "a", "an"):
        if not words[1][:1].isupper():
            break
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    if words[0][:1].isupper() and words[0].lower() not in ("the", "a", "an"):
        title = _COURTESY_TITLE_BEFORE.search(text, max(0, start - 5), start)
        if title and words[0] not in ("Mr.", "Mrs.", "Ms.", "Dr."):
            start = title.start()
        before = _DETERMINER_BEFORE.search(text, max(0, start - 5), start)
        if before:
            start = before.start()
    elif _QUANTITY_START.match(text, start):
        approximation = _APPROXIMATION_BEFORE.search(text, max(0, start - 12), start)
        if approximation:
            start = approximation.start()
    for dash in _ASIDE_DASHES:
        if text.count(dash, start, end) % 2 == 1:
            closing = re.compile(r"[ \t\xa0]*" + re.escape(dash)).match(text, end)
            if closing:
                end = closing.end()
            break
    if _RELEASED_END.search(text, start, end):
        release = _RELEASE_TIME.match(text, end)
        if release:
            end = release.end()
    return start, end


#: A relative clause closed before its main verb: "<NP>, who said he votes democratic, | said": the
#: source's "who" is the clause's, and the main verb's speaker is the noun phrase before the comma; an
#: adverb may stand before the verb ("Mara Solvik, who welcomed the mission, now admits").
_CLOSED_RELATIVE = re.compile(
    r"[ \t\xa0]+[a-z][^.!?;:\n“”\"]*,(?:[ \t\xa0]+(?:now|also|still|then|later|again|[a-z]+ly))?[ \t\xa0]*$"
)
#: Where the noun phrase before ", who" starts: after a sentence stop, a clause mark or a quotation.
_PHRASE_BREAK = re.compile(
    r"(?:^|[.!?;:\n“”\"—–]|,)[ \t\xa0]*(?:(?:[Bb]ut|[Aa]nd|[Ss]o|[Yy]et|[Mm]eanwhile|[Ee]ven)[ \t\xa0]+)?"
)
#: A noun phrase before ", who" of more words than this is no antecedent the rule can trust.
MAX_ANTECEDENT_WORDS = 8


def relative_antecedent(text: str, source: Offsets, cue: Offsets) -> Offsets | None:
    """The noun phrase a "who" source stands after when its clause closes before the cue, else None.

    "Barkley, who said he typically votes democratic, said one candidate ...": the second "said" is
    Barkley's (PolNeAR train: 47 such "who" sources had the phrase before them as gold source, 38 "who"
    itself, those mostly "who, on a press call Friday, criticized": a comma right after "who").
    """
    start, end = source
    if text[start:end].lower() != "who" or cue[0] < end or text[max(0, start - 2) : start].strip() != ",":
        return None
    if not _CLOSED_RELATIVE.fullmatch(text, end, cue[0]):
        return None
    return phrase_before_comma(text, text.rfind(",", 0, start))


def phrase_before_comma(text: str, comma: int) -> Offsets | None:
    """The noun phrase that ends at ``comma`` ("Barkley" of "Outside, Barkley, who"), tidied; None when it
    runs over :data:`MAX_ANTECEDENT_WORDS` words."""
    floor = max(0, comma - 120)
    breaks = list(_PHRASE_BREAK.finditer(text, floor, comma))
    phrase_start = breaks[-1].end() if breaks else floor
    words = text[phrase_start:comma].split()
    if not words or len(words) > MAX_ANTECEDENT_WORDS:
        return None
    return tidy_source(text, phrase_start, comma)
