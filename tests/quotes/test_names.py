"""Person names: within one sentence, titles cut, organisations, places and letters left out."""

from __future__ import annotations

import pytest

from spinscope.quotes.names import find_names, is_person_like, sentence_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Hillary Clinton. But Band said no.", {"Hillary Clinton"}),
        ("FULL TEXT. Hillary Clinton spoke.", {"Hillary Clinton"}),
        ("Although Mr. Trump smiled, he left.", {"Trump"}),
        ("President George W. Bush spoke.", {"George W. Bush"}),
        ("The Urban-Brookings Tax Policy Center said so.", set()),
    ],
)
def test_names_stay_in_one_sentence_and_start_with_no_function_word(text: str, expected: set[str]) -> None:
    names = {n.name for n in find_names(text, []) if n.certain}
    assert names == expected
    for name in find_names(text, []):
        assert ". " not in text[name.start : name.end].replace("Mr. ", "").replace("W. ", "")
        assert text[name.start : name.end] == name.name


@pytest.mark.parametrize("name", ["Teskaran League", "European Union", "New Hampshire", "ISIS", "Tuesday"])
def test_organisations_places_and_labels_are_no_person(name: str) -> None:
    assert not is_person_like(name)


@pytest.mark.parametrize("text", ["“This is a win for me,” I confessed.", "Part I of the series came out."])
def test_a_lone_letter_is_no_name(text: str) -> None:
    assert all(len(n.name) > 1 for n in find_names(text, []))


@pytest.mark.parametrize(
    ("text", "expected_end"),
    [
        ("Mr. Trump said so. Then he left.", "Mr. Trump said so"),
        (
            "President George W. Bush spoke at 5 p.m. on Monday. He left.",
            "President George W. Bush spoke at 5 p.m. on Monday",
        ),
        ("No stop here\nNext line.", "No stop here"),
        ("The last sentence", "The last sentence"),
    ],
)
def test_a_sentence_ends_at_its_stop_not_at_an_abbreviation(text: str, expected_end: str) -> None:
    end = sentence_end(text, 2)
    assert text[:end] == expected_end
