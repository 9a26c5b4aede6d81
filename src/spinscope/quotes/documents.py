"""Who speaks through a document that is a source: "a report by the Coastal Audit Office" -> the office.

A report, study or poll is the medium of the words, not who says them. When the text names its
author ("a report by X", "a study released by X") the author is the speaker shown, and a later "the
report" is the same document when it is the only one of that kind so authored before it.
"""

from __future__ import annotations

import re

from spinscope.quotes.names import paragraph_start

#: Documents whose author a fact-checker would quote instead of the document.
DOCUMENT_NOUNS = "report|study|analysis|audit|review|survey|poll|assessment|investigation|memo|letter|statement|paper"
#: "<document> (released|issued ...)? (on|in|last ...)? by (the)? <Capitalised Name>": the author's name
#: runs over capitalised words, joined by "of"/"for"/"on"/"and" ("Organization for Economic Cooperation
#: and Development").
_AUTHORED = re.compile(
    rf"\b(?P<noun>{DOCUMENT_NOUNS})\b"
    r"(?:[ \t\xa0]+(?:released|issued|published|prepared|commissioned|conducted|compiled|written|produced))?"
    r"(?:[ \t\xa0]+(?:on|in|last|this|earlier)[ \t\xa0]+\w+)?"
    r"[ \t\xa0]+by[ \t\xa0]+(?:the[ \t\xa0]+)?"
    r"(?P<author>[A-Z][\w’'&.\-]*(?:[ \t\xa0]+(?:(?:of|for|on|and)[ \t\xa0]+(?:the[ \t\xa0]+)?)?[A-Z][\w’'&.\-]*)*)"
)
#: A definite document with no name of its own ("the report", "The new study", "the audit").
_THE_DOCUMENT = re.compile(
    rf"^[Tt]he[ \t\xa0]+(?:(?:new|latest|same|full|original)[ \t\xa0]+)?(?P<noun>{DOCUMENT_NOUNS})$"
)
#: Confidence of an author written in the source itself ("a report by X said").
WRITTEN_AUTHOR_CONFIDENCE = 1.0
#: Confidence of "the report" taking the author of the one report of that kind named before it in its
#: paragraph or the one before (hand-set: the rule never guesses between two authors).
EARLIER_AUTHOR_CONFIDENCE = 0.8


def document_author(written: str, start: int, text: str) -> tuple[str, tuple[int, int], float] | None:
    """The author of a document source, its offsets and the confidence; None when none is named.

    1. an author written in the source ("A report by the Coastal Audit Office");
    2. "the report" (:data:`_THE_DOCUMENT`): the author of the reports so authored earlier in its
       paragraph or the one before, when they are all one author; else None (the document stays as written).
    """
    own = _AUTHORED.search(written)
    if own is not None:
        author_start = start + own.start("author")
        return (
            own.group("author").rstrip("."),
            (author_start, author_start + len(own.group("author").rstrip("."))),
            (WRITTEN_AUTHOR_CONFIDENCE),
        )
    bare = _THE_DOCUMENT.match(written.strip())
    if bare is None:
        return None
    paragraph = paragraph_start(text, start)
    floor = paragraph_start(text, paragraph - 1) if paragraph else 0
    authors = {
        match.group("author").rstrip("."): match.span("author")
        for match in _AUTHORED.finditer(text, floor, start)
        if match.group("noun").lower() == bare.group("noun").lower()
    }
    if len(authors) != 1:
        return None
    ((name, (author_start, _)),) = authors.items()
    return name, (author_start, author_start + len(name)), EARLIER_AUTHOR_CONFIDENCE


__all__ = ["DOCUMENT_NOUNS", "document_author"]
