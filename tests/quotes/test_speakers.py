"""Speaker resolution that abstains: names within a sentence, no wrong antecedents, the JSON contract."""

from __future__ import annotations

import pytest

from spinscope.quotes.speakers import Speaker, find_names, is_person_like, resolve_speaker


def _resolve(text: str, source: str, occurrence: int = -1) -> Speaker:
    quotes = []
    start = 0
    while (open_at := text.find("“", start)) >= 0:
        close = text.index("”", open_at)
        quotes.append((open_at, close + 1))
        start = close + 1
    names = find_names(text, quotes)
    at = text.rindex(source) if occurrence == -1 else text.index(source)
    return resolve_speaker(source, at, text, names)


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


def test_pronoun_takes_the_one_person_before_it() -> None:
    text = "Foreign Minister Sergei Lavrov spoke in Moscow. “We use facts,” he said."
    speaker = _resolve(text, "he")
    assert speaker.name == "Sergei Lavrov" and speaker.resolved
    assert speaker.confidence >= 0.7
    assert speaker.antecedent is not None
    assert text[slice(*speaker.antecedent)] == "Sergei Lavrov"


def test_pronoun_abstains_when_two_people_compete() -> None:
    text = "Hillary Clinton met Bernie Sanders on Monday. He said the talks went well."
    speaker = _resolve(text, "He")
    assert speaker.name is None and not speaker.resolved
    assert speaker.written == "He" and speaker.shown == "He"
    assert speaker.confidence < 0.7


def test_an_organisation_or_a_name_inside_a_quotation_is_never_the_antecedent() -> None:
    text = "The Urban-Brookings Tax Policy Center published a study.\n\n“I love depreciation,” he said."
    assert _resolve(text, "he").name is None
    text = "“Ask Vladimir Putin about it,” she said."
    assert _resolve(text, "she").name is None


def test_they_and_first_person_stay_as_written() -> None:
    text = "Sergei Lavrov spoke. They said no. We said yes."
    assert _resolve(text, "They").name is None
    assert _resolve(text, "We").kind == "none"


def test_title_takes_the_one_titled_person() -> None:
    text = "Interior Minister Dario Kell spoke to President Ilsa Varen. Later the minister left."
    assert _resolve(text, "the minister").name == "Dario Kell"
    text = "Minister Dario Kell met Minister Tomas Rell. Later the minister left."
    assert _resolve(text, "the minister").name is None


def test_a_name_is_completed_and_a_description_keeps_its_words() -> None:
    text = "Sergei Lavrov spoke. Lavrov said no."
    speaker = _resolve(text, "Lavrov")
    assert (speaker.name, speaker.kind, speaker.resolved) == ("Sergei Lavrov", "name", True)
    text = "Opposition deputy Mara Solvik, who welcomed the mission, said no."
    assert _resolve(text, "Opposition deputy Mara Solvik, who welcomed the mission,").name == "Mara Solvik"
    text = "Trump supporters said no."
    speaker = _resolve(text, "Trump supporters")
    assert (speaker.name, speaker.kind, speaker.shown) == (None, "description", "Trump supporters")


def test_speaker_dict_follows_the_contract() -> None:
    text = "Sergei Lavrov spoke. “We use facts,” he said."
    data = _resolve(text, "he").to_dict()
    assert {"written", "name", "resolved", "confidence", "antecedent"} <= set(data)
    assert data["written"] == "he" and data["name"] == "Sergei Lavrov" and data["resolved"] is True
    assert 0.0 <= data["confidence"] <= 1.0
    assert text[data["antecedent"]["start"] : data["antecedent"]["end"]] == "Sergei Lavrov"
