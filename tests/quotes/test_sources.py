"""Sources tidied into noun phrases."""

from __future__ import annotations

import pytest

from spinscope.quotes.sources import relative_antecedent, tidy_source


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("An explosive report said so.", "An", None),
        ("Asked about it, he said no.", "Asked", None),
        ("Chris Christie, on the trail, said no.", "Chris Christie,", "Chris Christie"),
        ("Josh Earnest, the press secretary, said no.", "Josh Earnest, the press secretary,", None),
        ("he’s said it before.", "he’s", "he"),
        ("The Associated Press reported it.", "Associated Press", "The Associated Press"),
        ("The City Council on Wednesday voted.", "The City Council on Wednesday", "The City Council"),
        ("Although Mr. Trump said no.", "Although Mr. Trump", "Mr. Trump"),
        ("It said . Obama agreed.", ". Obama", "Obama"),
        (
            "Howard Rubel, an analyst at Jefferies, who follows the firm, said so.",
            "Howard Rubel, an analyst at Jefferies, who",
            "who",
        ),
        ("A banker who’d seen it said so.", "A banker who’d", "who"),
        (
            "“No,” said John Weaver, a Republican strategist.",
            "John Weaver, a Republican strategist.",
            "John Weaver, a Republican strategist",
        ),
        ("“No,” said Ed Smith Jr.", "Ed Smith Jr.", "Ed Smith Jr."),
        ("They’re not sold, he said.", "They’re", "They"),
        ("I’ve said it before.", "I’ve", "I"),
        ("Jeb Bush and Ted Cruz both said no.", "Jeb Bush and Ted Cruz both", "Jeb Bush and Ted Cruz"),
        (
            "Polk County GOP Chairman Will Rogers, for example, said no.",
            "Polk County GOP Chairman Will Rogers, for example,",
            "Polk County GOP Chairman Will Rogers",
        ),
        ("Mr. Trump said no.", "Trump", "Mr. Trump"),
        ("About one in five said no.", "one in five", "About one in five"),
        ("Not all conference attendees agreed.", "all conference attendees", "Not all conference attendees"),
        ("Only 7 percent agreed.", "7 percent", "7 percent"),
        ("Trump’s controversial proposal drew fire.", "Trump’s", "Trump’s"),
        ("Christie 's been making the case.", "Christie 's", "Christie"),
        ("Supporters, on the other hand, said no.", "Supporters, on the other hand,", "Supporters"),
        ("Kennedy, who in two earlier opinions wrote so.", "who in two earlier opinions", "who"),
    ],
)
def test_tidy_source(text: str, source: str, expected: str | None) -> None:
    start = text.index(source)
    tidied = tidy_source(text, start, start + len(source))
    if expected is None and source.endswith(","):
        expected = source  # an apposition keeps its closing comma, as PolNeAR marks it
    assert (None if tidied is None else text[tidied[0] : tidied[1]]) == expected


def test_a_who_whose_clause_closes_before_the_cue_gives_way_to_the_phrase_before_it() -> None:
    text = "Outside, Barkley, who said he typically votes democratic, said one candidate stood out."
    who = text.index("who")
    cue = text.index("said one")
    assert relative_antecedent(text, (who, who + 3), (cue, cue + 4)) == (9, 16)
    # "who, on a press call Friday, criticized": the clause is the cue's own
    other = "Sanders, who, on a press call Friday, criticized the plan."
    start = other.index("who")
    cue2 = other.index("criticized")
    assert relative_antecedent(other, (start, start + 3), (cue2, cue2 + 10)) is None
    # an adverb between the clause's comma and the cue
    text = "Even the opposition's Mara Solvik, who welcomed the mission, now admits that it is wrong."
    who, cue = text.index("who"), text.index("admits")
    antecedent = relative_antecedent(text, (who, who + 3), (cue, cue + 6))
    assert antecedent is not None and text[slice(*antecedent)].endswith("Mara Solvik")


def test_a_released_document_takes_its_release_time() -> None:
    text = "A Government Accountability Office report released last year found waste."
    end = text.index(" last")
    span = tidy_source(text, 0, end)
    assert span is not None
    assert text[span[0] : span[1]] == "A Government Accountability Office report released last year"


def test_a_source_with_an_aside_between_dashes_takes_the_closing_dash() -> None:
    text = "Jason Sims — a teacher from Mount Pleasant — says he made a choice."
    end = text.index(" — says")
    span = tidy_source(text, 0, end)
    assert span is not None
    assert text[span[0] : span[1]] == "Jason Sims — a teacher from Mount Pleasant —"
