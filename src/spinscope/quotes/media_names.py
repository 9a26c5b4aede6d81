"""Media names the outlet registry does not hold, for relays: outlets, programmes and name shapes.

The registry (``outlets/registry.json``) profiles 54 outlets; news text cites many more. These are
the ones PolNeAR **train** writes after a relay cue ("told The Huffington Post", "according to
RealClearPolitics", "said on CNBC", "told Capital Download") or as a reporting source ("The Hill
reported"), found by counting capitalised names after such cues in train and kept when the name is
a news outlet or a broadcast programme; plus the best-known US and British outlets of the same
kinds. Each carries its relay kind. A relay found through this list has ``in_registry: false``.
"""

from __future__ import annotations

import re
from functools import cache

#: Canonical name -> (kind, other spellings). Programmes are broadcasters ("Face the Nation").
MEDIA_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "The Huffington Post": ("newspaper", ("Huffington Post", "HuffPost", "HuffPost Politics", "HuffPollster")),
    "The Hill": ("newspaper", ()),
    "The Daily Beast": ("newspaper", ("Daily Beast",)),
    "The Daily Caller": ("newspaper", ("Daily Caller",)),
    "Breitbart News": ("newspaper", ("Breitbart",)),
    "The New Yorker": ("newspaper", ("New Yorker",)),
    "The Atlantic": ("newspaper", ()),
    "Newsweek": ("newspaper", ()),
    "Time magazine": ("newspaper", ()),
    "BuzzFeed": ("newspaper", ("BuzzFeed News",)),
    "Slate": ("newspaper", ()),
    "Vox": ("newspaper", ()),
    "Salon": ("newspaper", ()),
    "Mother Jones": ("newspaper", ()),
    "National Review": ("newspaper", ()),
    "The Weekly Standard": ("newspaper", ("Weekly Standard",)),
    "The Intercept": ("newspaper", ()),
    "ProPublica": ("newspaper", ()),
    "PolitiFact": ("newspaper", ("Politifact",)),
    "FactCheck.org": ("newspaper", ("Factcheck.org",)),
    "RealClearPolitics": ("newspaper", ("Real Clear Politics", "RealClear Politics")),
    "FiveThirtyEight": ("newspaper", ()),
    "Bloomberg Politics": ("news_agency", ()),
    "Yahoo News": ("newspaper", ("Yahoo",)),
    "New York Daily News": ("newspaper", ("Daily News",)),
    "New York Post": ("newspaper", ()),
    "Los Angeles Times": ("newspaper", ("LA Times", "L.A. Times")),
    "The Boston Globe": ("newspaper", ("Boston Globe",)),
    "Business Insider": ("newspaper", ()),
    "The Economist": ("newspaper", ()),
    "Rolling Stone": ("newspaper", ()),
    "TMZ": ("newspaper", ("TMZ Sports",)),
    "Drudge Report": ("newspaper", ("The Drudge Report",)),
    "InsideSources": ("newspaper", ()),
    "Morning Consult": ("newspaper", ()),
    "CNS News": ("news_agency", ("CNSNews", "Christian News Service")),
    "UPI": ("news_agency", ("United Press International",)),
    "CNBC": ("broadcaster", ()),
    "PBS": ("broadcaster", ("PBS NewsHour",)),
    "C-SPAN": ("broadcaster", ()),
    "Fox Business": ("broadcaster", ("Fox Business Network",)),
    "Univision": ("broadcaster", ()),
    "Telemundo": ("broadcaster", ()),
    "Sky News": ("broadcaster", ()),
    "Face the Nation": ("broadcaster", ()),
    "Meet the Press": ("broadcaster", ()),
    "Fox News Sunday": ("broadcaster", ()),
    "Morning Joe": ("broadcaster", ()),
    "Good Morning America": ("broadcaster", ()),
    "60 Minutes": ("broadcaster", ()),
    "Squawk Box": ("broadcaster", ()),
    "Fox and Friends": ("broadcaster", ("Fox & Friends",)),
    "The O'Reilly Factor": ("broadcaster", ("The O’Reilly Factor", "O'Reilly Factor", "O’Reilly Factor")),
    "The Kelly File": ("broadcaster", ()),
    "Hardball": ("broadcaster", ()),
    "The View": ("broadcaster", ()),
    "Capital Download": ("newspaper", ()),
}

#: A one-word name with a capital inside ("InsideSources", "RealClearPolitics", "HuffPollster"): the
#: shape of a web outlet's name. Surnames of that shape ("McCain", "DeSantis", "MacArthur",
#: "VanderSloot", read on PolNeAR train) are kept out by their prefixes and by the three letters
#: required before the inner capital.
_CAMEL_CASE = re.compile(r"^(?!Mac|Van|Von|Del|Della)[A-Z][a-z]{2,}[A-Z][a-z]+(?:[A-Z][a-z]+)*$")


@cache
def _by_alias() -> dict[str, tuple[str, str]]:
    """Alias -> (name, kind) from :data:`MEDIA_NAMES` (a read-only table, made once per process)."""
    table: dict[str, tuple[str, str]] = {}
    for name, (kind, aliases) in MEDIA_NAMES.items():
        for alias in (name, *aliases):
            table[alias.removeprefix("The ")] = (name, kind)
    return table


@cache
def media_pattern() -> re.Pattern[str]:
    """A regex matching any name of :data:`MEDIA_NAMES` as whole words, case-sensitively, longest first.

    Compiled once per process (the table is a constant).
    """
    aliases = sorted({a for name, (_, more) in MEDIA_NAMES.items() for a in (name, *more)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")


def lookup_media(name: str) -> tuple[str, str] | None:
    """``(canonical name, kind)`` of a media name in :data:`MEDIA_NAMES`, or None."""
    return _by_alias().get(name.strip().removeprefix("the ").removeprefix("The "))


def camel_case_outlet(name: str) -> bool:
    """Whether a one-word name has a web outlet's shape (:data:`_CAMEL_CASE`)."""
    return bool(_CAMEL_CASE.match(name))
