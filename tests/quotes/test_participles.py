"""A participle cue with no source takes its sentence's subject (no model needed)."""

from __future__ import annotations

import pytest

from spinscope.quotes.names import find_names
from spinscope.quotes.participles import fill_participle_sources
from spinscope.quotes.relations import Relation


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        (
            "Senator Bernie Sanders endorsed Mrs. Clinton at a rally on Tuesday, saying that she would win.",
            "saying",
            "Bernie Sanders",
        ),
        ("He attacked the press on Monday, claiming that the coverage was rigged.", "claiming", "He"),
        ("The weather was bad on Monday, saying that nothing.", "saying", None),  # no subject to take
        ("Trump smiled and said saying that was fine.", "saying", None),  # no comma: no participle clause
        # a verb coordinated with the sentence's first shares its subject; so does any participle after a comma
        ("Donald Trump jumped onto his account and retweeted a quote from Mussolini.", "retweeted", "Donald Trump"),
        ("Bernie Sanders praised Obama's record, citing statistics about the economy.", "citing", "Bernie Sanders"),
    ],
)
def test_a_participle_cue_takes_the_subject(text: str, cue: str, expected: str | None) -> None:
    relation = Relation(content=[(text.index(cue) + len(cue) + 1, len(text) - 1)], cue=_span(text, cue))
    fill_participle_sources(text, [relation], find_names(text, []))
    assert (None if relation.source is None else text[relation.source[0] : relation.source[1]]) == expected


def test_a_participle_cue_takes_the_source_of_the_cue_before_it() -> None:
    text = "Mr. Obama said the plan worked, adding that it would last."
    said = Relation(content=[_span(text, "the plan worked")], cue=_span(text, "said"), source=_span(text, "Mr. Obama"))
    adding = Relation(content=[_span(text, "that it would last")], cue=_span(text, "adding"))
    fill_participle_sources(text, [said, adding], find_names(text, []))
    assert adding.source == said.source


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        (
            "Noting that only Kirk voted with them, Jon Tester said the bill would fail.",
            "that only Kirk voted with them",
            "Jon Tester",
        ),
        ("Noting that only Kirk voted with them, she called the bill dead.", "that only Kirk voted with them", "she"),
        ("According to the poll, the race is tied.", "the race is tied", None),
    ],
)
def test_a_participle_opening_its_sentence_takes_the_main_clause_subject(
    text: str, content: str, expected: str | None
) -> None:
    cue = text.split()[0] if not text.startswith("According") else "According to"
    relation = Relation(content=[_span(text, content)], cue=_span(text, cue))
    fill_participle_sources(text, [relation], find_names(text, []))
    assert (None if relation.source is None else text[relation.source[0] : relation.source[1]]) == expected


def test_the_main_clause_reaches_past_a_courtesy_title() -> None:
    text = "Noting that only Kirk voted with them, Mr. Tester said the bill would fail. Mr. Kirk left."
    relation = Relation(content=[_span(text, "that only Kirk voted with them")], cue=_span(text, "Noting"))
    fill_participle_sources(text, [relation], find_names(text, []))
    assert relation.source is not None
    assert text[relation.source[0] : relation.source[1]].endswith("Tester")
