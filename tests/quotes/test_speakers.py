"""Speaker resolution that abstains: names within a sentence, no wrong antecedents, the JSON contract."""

from __future__ import annotations

import pytest

from spinscope.quotes.names import find_names, is_person_like
from spinscope.quotes.speakers import Speaker, resolve_speaker


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


def test_pronoun_takes_the_one_person_before_it() -> None:
    text = "Foreign Minister Sergei Lavrov spoke in Moscow. “We use facts,” he said."
    speaker = _resolve(text, "he")
    assert speaker.name == "Sergei Lavrov" and speaker.resolved
    assert speaker.confidence >= 0.7
    assert speaker.antecedent is not None
    assert text[slice(*speaker.antecedent)] == "Sergei Lavrov"


def test_pronoun_abstains_when_two_people_compete() -> None:
    text = "Donald Trump and Bernie Sanders met on Monday. He said the talks went well."
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


@pytest.mark.parametrize(
    "source", ["a longtime adviser to Trump", "A spokesman for Mayor Frank Jackson", "supporters of Hillary Clinton"]
)
def test_a_name_after_a_noun_and_a_preposition_is_its_object_not_the_speaker(source: str) -> None:
    text = f"Hillary Clinton and Donald Trump met Frank Jackson. {source} said no."
    speaker = _resolve(text, source)
    assert (speaker.name, speaker.shown) == (None, source)
    # a title with a capitalised "of", a lower-case noun after the preposition, an apposition: the name heads
    for kept, name in [
        ("Former Secretary of State Hillary Clinton", "Hillary Clinton"),
        ("master of ceremonies Asab Tabchi", "Asab Tabchi"),
        ("his best friend at Lehigh, Bruce Turry", "Bruce Turry"),
        ("An email from Neera Tanden", "Neera Tanden"),
    ]:
        assert _resolve(f"{kept} said no.", kept).name == name


def test_speaker_dict_follows_the_contract() -> None:
    text = "Sergei Lavrov spoke. “We use facts,” he said."
    data = _resolve(text, "he").to_dict()
    assert {"written", "name", "resolved", "confidence", "antecedent"} <= set(data)
    assert data["written"] == "he" and data["name"] == "Sergei Lavrov" and data["resolved"] is True
    assert 0.0 <= data["confidence"] <= 1.0
    assert text[data["antecedent"]["start"] : data["antecedent"]["end"]] == "Sergei Lavrov"


def test_given_names_tell_the_gender() -> None:
    text = "Hillary Clinton met Bernie Sanders on Monday. He said the talks went well."
    assert _resolve(text, "He").name == "Bernie Sanders"
    text = "Hillary Clinton met Bernie Sanders on Monday. Later, Clinton spoke. She said no."
    assert _resolve(text, "She").name == "Hillary Clinton"


def test_pronoun_takes_the_opening_subject_of_the_last_sentence_naming_a_person() -> None:
    text = (
        "Tomas Rell and Dario Kell met on Monday.\n\n"
        "In an interview last week, Dario Kell praised Tomas Rell for the plan. He said the talks went well."
    )
    speaker = _resolve(text, "He")
    assert speaker.name == "Dario Kell" and speaker.confidence >= 0.7
    assert text[slice(*speaker.antecedent)] == "Dario Kell"
    # "He" continues the subject across a sentence without a name
    text = "Dario Kell met Tomas Rell.\n\nKell later spoke to reporters. It was raining. He said no."
    assert _resolve(text, "He").name == "Dario Kell"


def test_subject_rule_abstains_on_objects_possessives_and_rivals() -> None:
    text = "Tomas Rell met Ana Varo. Reporters asked Dario Kell about it. He said no."
    assert _resolve(text, "He").name is None  # the last sentence's person is an object
    text = "Tomas Rell met Ana Varo. Dario Kell's office called Rell. He said no."
    assert _resolve(text, "He").name is None  # a possessive is no subject
    text = "Tomas Rell met Ana Varo. Dario Kell praised the plan, but Tomas Rell got the credit. He said no."
    assert _resolve(text, "He").name is None  # two subjects who could be meant
    text = "Tomas Rell met Ana Varo. Dario Kell put Rell on the defensive. He said no."
    assert _resolve(text, "He").name == "Dario Kell"  # an object does not compete


def test_definite_titles_take_the_subject_or_the_one_titled_person_and_indefinite_ones_abstain() -> None:
    text = "Sen. Dario Kell met Mayor Tomas Rell. Later, the senator left."
    assert _resolve(text, "the senator").name == "Dario Kell"
    text = "Tomas Rell met Ana Varo.\n\nWhat next?\n\nDario Kell told the crowd it was over. The candidate added more."
    assert _resolve(text, "The candidate").name == "Dario Kell"
    text = "Tomas Rell met Ana Varo. Dario Kell told the crowd it was over. The candidate added that it was not."
    assert _resolve(text, "The candidate").name is None  # three people nearby, no one titled
    text = "Tomas Rell met Ana Varo. President Dario Kell told the crowd it was over. The senator said no."
    assert _resolve(text, "The senator").name is None  # Kell is titled otherwise
    text = "Judge Dario Kell ruled on Monday. Later a judge said no."
    assert _resolve(text, "a judge").name is None


def test_an_organisation_noun_takes_the_one_organisation_named_with_it() -> None:
    text = "The Commission on Presidential Debates met.\n\nThe commission said it would not move the date."
    speaker = _resolve(text, "The commission")
    assert speaker.name == "Commission on Presidential Debates" and speaker.kind == "title"
    text = "The Federal Election Commission and the Securities and Exchange Commission met. The commission said no."
    assert _resolve(text, "The commission").name is None


def test_a_given_name_tells_no_gender_for_a_shared_surname() -> None:
    text = "Chris Murphy met Anne Marie Murphy on Monday. Later, Murphy spoke."
    genders = {(n.name, n.gender) for n in find_names(text, [])}
    assert genders == {("Chris Murphy", ""), ("Anne Marie Murphy", "f"), ("Murphy", "")}
    text = "Reached by phone on Tuesday, Dario Kell said no. He said the plan failed."
    assert _resolve(text, "He").name == "Dario Kell"


def test_titles_with_capitalised_modifiers() -> None:
    text = "Jeb Bush flew to Miami.\n\nJeb Bush spoke first. Later the former Florida governor said no."
    assert _resolve(text, "the former Florida governor").name == "Jeb Bush"
    text = "Hillary Clinton, the Democratic presidential front-runner, spoke. Dario Kell spoke."
    text += " The Democratic presidential front-runner said no."
    assert _resolve(text, "The Democratic presidential front-runner").name == "Hillary Clinton"
    # a description that names its owner is no title ("The Clinton campaign")
    assert _resolve("Hillary Clinton spoke. The Clinton campaign said no.", "The Clinton campaign").name is None


@pytest.mark.parametrize("name", ["Democrats", "Republicans", "Americans"])
def test_groups_are_no_person(name: str) -> None:
    assert not is_person_like(name)
    text = f"Many {name} are expected to follow Rep. Ann Kirk. Last month, she released an ad."
    assert _resolve(text, "she").name == "Ann Kirk"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Pennsylvania Gov. Ed Rendell agreed.", "Ed Rendell"),
        ("House Speaker Paul Ryan said it.", "Paul Ryan"),
        ("Senate Majority Leader Mitch McConnell said it.", "Mitch McConnell"),
        ("Manhattan Supreme Court Justice Frank Nervo rejected it.", "Frank Nervo"),
    ],
)
def test_a_name_starts_after_the_last_title_of_its_run(text: str, expected: str) -> None:
    assert [n.name for n in find_names(text, []) if n.certain] == [expected]


def test_a_title_with_a_party_picks_the_one_so_titled() -> None:
    text = (
        "Democratic nominee Hillary Clinton and Republican nominee Donald Trump spoke. "
        "Later, the Republican nominee said he would win."
    )
    assert _resolve(text, "the Republican nominee").name == "Donald Trump"
    plain = text.replace("the Republican nominee", "the nominee")
    assert _resolve(plain, "the nominee").name is None  # two nominees, nothing to choose by


def test_a_justice_is_the_judge() -> None:
    text = "Manhattan Supreme Court Justice Frank Nervo rejected that argument. The judge said no."
    assert _resolve(text, "The judge").name == "Frank Nervo"


def test_she_does_not_take_a_subject_of_unknown_gender_beside_a_woman() -> None:
    text = "Gov. Chris Christie described Hillary Clinton as a disgrace after she attacked the police."
    assert _resolve(text, "she").name != "Chris Christie"


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # the speaker of an inverted quotation is its sentence's subject
        (
            "“Anybody who attacks him, it’s like buyer beware,” said Louise Sunshine, who knows Donald Trump.\n"
            "“He is very thin-skinned,” she said.",
            "she",
            "Louise Sunshine",
        ),
        (
            "“Donald Trump has said things that are wrong,” Jon Tester told Capital Download.\nHe dismissed it.",
            "He",
            "Jon Tester",
        ),
        # an opening phrase, then titles before the subject's name
        (
            "In the call, Wisconsin Rep. Reid Ribble, who was elected in 2010, casts Trump as a liberal. "
            "He specifically points to his record.",
            "He",
            "Reid Ribble",
        ),
        # a possessive is no rival subject; nor is a closing reporting clause's sentence left unread
        (
            "Mike Pence spoke first. Repeating his speech, Joe Biden rubbished Donald Trump’s claim.\n"
            "“It is malarkey,” he said.",
            "he",
            "Joe Biden",
        ),
        (
            "Hillary Clinton and Mike Pence spoke. Donald Trump’s accusation had imperiled troops, Joe Biden said.\n"
            "“My son was in Iraq,” he said.",
            "he",
            "Joe Biden",
        ),
        # a name as a modifier ("the Romney campaign") is no person
        (
            "Dan Centinello said the Romney campaign would check the lists.\n“It allowed us to know it,” he said.",
            "he",
            "Dan Centinello",
        ),
        # an initial is no function word; a possessive's title names the person after it
        (
            "Roberta A. Kaplan, a New York-based lawyer, invoked history.\n“There can’t be two marriages,” she said.",
            "she",
            "Roberta A. Kaplan",
        ),
        (
            "Donald Trump filed a claim. Trump’s attorney, Alan Garten, said the claim was fair.\nHe said more.",
            "He",
            "Alan Garten",
        ),
        # an outlet's name is a person's surname after a fuller form
        (
            "Michael Bloomberg may run. Mark Stone doubts it.\nNor is it clear that Bloomberg is central. He is rich.",
            "He",
            "Michael Bloomberg",
        ),
    ],
)
def test_subject_rules_name_the_speaker(text: str, source: str, expected: str) -> None:
    assert _resolve(text, source).name == expected


def test_an_unnamed_person_between_makes_a_pronoun_abstain() -> None:
    text = "Ben Brafman finally sat down. The judge rubbed his chin. He made the observation that they agreed."
    assert _resolve(text, "He").name is None


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Ruth Bader Ginsburg regrets her insults.\n“I regret making them,” Ginsburg said.\n"
            "In three interviews, the justice sounded off on him.",
            "the justice",
            "Ruth Bader Ginsburg",
        ),
        (
            "Marvin Roffman lost his job but was proved right.\nThe securities analyst decided to fight back.",
            "The securities analyst",
            "Marvin Roffman",
        ),
        (
            "Secretary of State Hillary Clinton resigned in 2013.\n“I think voters will look at the full picture,” "
            "Clinton told ABC News.\n"
            "The former secretary of state has long maintained that she complied.",
            "The former secretary of state",
            "Hillary Clinton",
        ),
    ],
)
def test_descriptions_of_a_person_take_the_lone_subject(text: str, source: str, expected: str) -> None:
    assert _resolve(text, source).name == expected


def test_a_description_with_its_own_complement_takes_no_subject() -> None:
    text = "Donald Trump denied it.\nThe attorney general of the state of New York said the school was a fraud."
    assert _resolve(text, "The attorney general of the state of New York").name is None


def test_she_abstains_when_a_woman_is_named_beside_a_subject_of_unknown_gender() -> None:
    text = "Chris Christie described Hillary Clinton as a disgrace after she attacked him. She left."
    assert _resolve(text, "She").name is None
