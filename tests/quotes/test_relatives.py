"""A "who" source after a comma takes its antecedent's name, or stays as written."""

from __future__ import annotations

import pytest

from spinscope.quotes.names import find_names
from spinscope.quotes.relatives import relative_speaker
from spinscope.quotes.speakers import Speaker


def _who(text: str, cue: str) -> Speaker | None:
    who = text.index("who ")
    start = text.index(cue, who)
    return relative_speaker(text, (who, who + 3), (start, start + len(cue)), find_names(text, []))


def test_who_takes_the_named_phrase_before_its_comma() -> None:
    text = "“It will close the docks,” said councillor Marta Quell, who voted against it."
    speaker = _who(text, "voted against")
    assert speaker is not None
    assert (speaker.written, speaker.name, speaker.kind, speaker.resolved) == ("who", "Marta Quell", "pronoun", True)
    assert speaker.antecedent is not None
    assert text[slice(*speaker.antecedent)] == "Marta Quell"
    # a few lower-case words may stand between "who" and its cue
    assert (_who("Senator Ted Cruz of Texas, who last year threatened a shutdown.", "threatened") or speaker).name == (
        "Ted Cruz"
    )


def test_a_who_after_an_apposition_takes_the_name_before_it() -> None:
    text = "Also protected was Heather Samuelson, a campaign staffer-turned-legal assistant who made the first cut."
    speaker = _who(text, "made")
    assert speaker is not None and speaker.name == "Heather Samuelson"
    assert _who("It was a plan by the board, a body that nobody trusts who made the cut.", "made") is None


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # several speakers: coordinated, or a plural verb
        ("Govs. Jeb Bush and Chris Christie, who say he lacks experience.", "say"),
        ("Clinton and Gov. Martin O’Malley, who are also seeking it, pledged so.", "pledged"),
        ("They were backed by Mr. Kerry and Mr. Obama, who sent a letter.", "sent"),
        # a place, not the speaker
        ("“I vote,” said Nicky Driscoll, 24, from Manchester, who said Sanders is best.", "said Sanders"),
        # no comma: a group ("voters who say")
        ("Voters who say the economy matters backed him.", "say"),
        # the object of its clause: too many words between "who" and the cue
        ("It hurt Marco Rubio, who many in the party had backed.", "backed"),
        # no name before it
        ("A spokesman for the board, who declined to be named, said so.", "declined"),
    ],
)
def test_who_stays_as_written_when_its_antecedent_is_not_one_named_speaker(text: str, cue: str) -> None:
    assert _who(text, cue) is None


def test_a_cue_before_who_or_another_source_gives_none() -> None:
    text = "Marta Quell, who voted against it."
    who = text.index("who")
    assert relative_speaker(text, (who, who + 3), (0, 5), find_names(text, [])) is None
    assert relative_speaker(text, (0, 11), (who + 4, who + 9), find_names(text, [])) is None
    assert relative_speaker(text, (who, who + 3), None, find_names(text, [])) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It was first reported by the Salt Coast Observer, which cited two fishermen.", "Salt Coast Observer"),
        (
            "The ruling came from the Illinois Board of Elections, which ruled that he met the criteria.",
            "Illinois Board of Elections",
        ),
        ("Mr. Bezos owns The Washington Post, which has covered Mr. Trump critically.", "Washington Post"),
        # a thing, a day, a pair: shown as written
        ("The court read the report, which said the port was safe.", None),
        ("The talks ended on Monday, which said little.", None),
        ("It aired on CNN and Fox News, which said so.", None),
    ],
)
def test_which_takes_the_organisation_named_before_its_comma(text: str, name: str | None) -> None:
    which = text.index("which ")
    cue = text.index(" ", which + 6)
    found = relative_speaker(text, (which, which + 5), (which + 6, cue), find_names(text, []))
    assert (found.name if found else None) == name
