"""Relay mentions, their kinds and chain order, and speaker resolution (no model needed)."""

from __future__ import annotations

import pytest

from spinscope.quotes.attribute import Attributor
from spinscope.quotes.names import clean_name, find_names
from spinscope.quotes.relays import find_relay_mentions, infer_kind
from spinscope.quotes.speakers import resolve_speaker


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The statement, carried by Russian news agency ITAR-TASS, was short.", "TASS", "news_agency"),
        ("Smith told Reuters on Monday that prices would rise.", "Reuters", "news_agency"),
        ("According to a BBC report, the deal was real.", "BBC", "broadcaster"),
        ("He said in an interview with CNN that he would run.", "CNN", "broadcaster"),
        ("The ministry wrote on Telegram that talks had ended.", "Telegram", "social_media"),
        ("The ministry said in a statement that talks had ended.", "statement", "official_statement"),
        ("A new Pentagon report found that costs doubled.", "Pentagon report", "report"),
    ],
)
def test_relay_mentions(text: str, name: str, kind: str) -> None:
    mentions = find_relay_mentions(text)
    assert (name, kind) in [(m.name, m.kind) for m in mentions]
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)


@pytest.mark.parametrize("text", ["The BBC building is tall.", "I like Reuters.", "Telegram is an app."])
def test_outlet_names_outside_a_relay_context_are_not_relays(text: str) -> None:
    assert find_relay_mentions(text) == []


def test_chain_order_statement_then_platform() -> None:
    text = "“Talks with the other side are over for now,” the ministry said in a statement posted on Telegram."
    relations = Attributor(None).relations(text)
    assert len(relations) == 1
    chain = relations[0].relays
    assert [(r["name"], r["kind"], r["order"]) for r in chain] == [
        ("statement", "official_statement", 1),
        ("Telegram", "social_media", 2),
    ]


def test_clean_name_and_pronoun_resolution() -> None:
    assert clean_name(["Russian", "Foreign", "Minister", "Sergei", "Lavrov"]) == "Sergei Lavrov"
    text = "Foreign Minister Sergei Lavrov spoke. “We use facts,” he said."
    names = find_names(text, [(text.index("“"), text.index("”") + 1)])
    he = text.index("he said")
    assert resolve_speaker("he", he, text, names).name == "Sergei Lavrov"
    assert resolve_speaker("Lavrov", he, text, names).name == "Sergei Lavrov"
    assert resolve_speaker("the minister", he, text, names).name == "Sergei Lavrov"
    assert resolve_speaker("she", 0, text, names).name is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Northwind Press Agency", "news_agency"),
        ("Harbour News Agency", "news_agency"),
        ("Coast TV", "broadcaster"),
        ("Salt Coast Radio", "broadcaster"),
        ("Port Vell Gazette", "newspaper"),
        ("Telegram", "social_media"),
        ("Ilsa Varen", None),
    ],
)
def test_kind_inferred_from_an_unlisted_name(name: str, kind: str | None) -> None:
    assert infer_kind(name) == kind


def test_unlisted_agency_after_carried_by_is_a_relay() -> None:
    text = 'Minister Kell said that the observers had been "handed lists," as carried by the Northwind Press Agency.'
    (mention,) = [m for m in find_relay_mentions(text) if m.name == "Northwind Press Agency"]
    assert (mention.kind, mention.in_registry, text[mention.start : mention.end]) == (
        "news_agency",
        False,
        "Northwind Press Agency",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to the Coastal Herald, he said the cuts were too deep.",
        "“The numbers do not support it,” Dr. Lars Vik wrote in an email to the Coastal Herald.",
        "In an interview with the Coastal Herald, Reil said the cuts were too deep.",
    ],
)
def test_an_unlisted_outlet_after_a_capitalised_or_written_hand_over_is_a_relay(text: str) -> None:
    (mention,) = [m for m in find_relay_mentions(text) if m.name == "Coastal Herald"]
    assert (mention.kind, mention.in_registry, mention.rank) == ("newspaper", False, 1)


def test_an_email_to_a_person_at_an_outlet_is_no_relay_to_the_outlet() -> None:
    text = "Oz is “smart as hell,” Steve Mosko wrote in an email to the Coastal Network’s Rich Eisen."
    assert not [m for m in find_relay_mentions(text) if "Coastal" in m.name]


def test_a_relay_stays_in_its_own_sentence() -> None:
    text = (
        "The strike killed twelve people, according to Reuters.\n\n"
        "“We will answer this attack at a time of our choosing,” Lavrov said."
    )
    relations = Attributor(None).relations(text)
    quote = [r for r in relations if text[r.start : r.end].startswith("“We will")]
    assert quote and quote[0].relays == []


def _source_relay(text: str, source: str) -> list[tuple[str, str, bool]]:
    from spinscope.quotes.relations import Relation
    from spinscope.quotes.relays import source_outlets

    start = text.index(source)
    relation = Relation(content=[(len(text) - 5, len(text) - 1)], cue=None, source=(start, start + len(source)))
    return [(m.name, m.kind, m.in_registry) for m in source_outlets(text, relation)]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("The New York Times reported that the talks failed.", "The New York Times", ("The New York Times", True)),
        ("The talks failed, according to Reuters.", "Reuters", ("Reuters", True)),
        ("Fox News host Sean Hannity said the talks failed.", "Fox News host Sean Hannity", ("Fox News", True)),
        ("CBS This Morning co-anchor Ana Varo said so.", "CBS This Morning co-anchor Ana Varo", ("CBS News", True)),
        (
            "Xinhua, the official Chinese news agency, wrote that it failed.",
            "the official Chinese news agency",
            ("Xinhua", True),
        ),
        (
            "The Northwind Gazette reported that the talks failed.",
            "The Northwind Gazette",
            ("Northwind Gazette", False),
        ),
    ],
)
def test_an_outlet_that_is_the_source_is_its_relay(text: str, source: str, expected: tuple[str, bool]) -> None:
    found = _source_relay(text, source)
    assert [(name, in_registry) for name, _, in_registry in found] == [expected]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Jeff Zucker, President of CNN Worldwide, said no.", "Jeff Zucker, President of CNN Worldwide,"),
        ("Michael Bloomberg said the talks failed.", "Bloomberg"),
        ("In a video uncovered by Fox News, a veteran diplomat said no.", "a veteran diplomat"),
        ("Twitter said it had closed the accounts.", "Twitter"),
        ("Mara Solvik said the talks failed.", "Mara Solvik"),
    ],
)
def test_employers_people_and_companies_are_no_source_relay(text: str, source: str) -> None:
    assert _source_relay(text, source) == []


def test_a_relay_the_tagger_ran_into_the_content_joins_and_leaves_it() -> None:
    from spinscope.quotes.relations import Relation
    from spinscope.quotes.relays import attach_relays

    text = "“He views Russia as a power,” Mr. Manafort said on CBS’s “Face the Nation.”"
    cue = text.index("said")
    relation = Relation(
        content=[(0, text.index(" Mr.")), (text.index("CBS"), len(text))],
        cue=(cue, cue + 4),
        source=(text.index("Mr."), cue - 1),
    )
    attach_relays(text, [relation], [(0, len(text))], {})
    assert [r["name"] for r in relation.relays] == ["CBS News"]
    assert relation.content == [(0, text.index(" Mr."))]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("“We are done,” the statement said.", "the statement", ("statement", "official_statement")),
        ("The letter also accuses the paper of bias.", "The letter", ("letter", "document")),
        ("A new Pew Research report compares web samples.", "A new Pew Research report", ("report", "document")),
    ],
)
def test_a_document_that_is_the_source_is_its_relay(text: str, source: str, expected: tuple[str, str]) -> None:
    assert [(name, kind) for name, kind, _ in _source_relay(text, source)] == [expected]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Cruz wrote in a Facebook message that he would stay.", "message", "social_media"),
        ("In one tweet, Trump called the report fake.", "tweet", "social_media"),
        ("She said in an email that the plan was dead.", "email", "document"),
        ("Trump tweeted that the report was fake.", "Twitter", "social_media"),
    ],
)
def test_documents_and_platforms_written_with_the_cue(text: str, name: str, kind: str) -> None:
    assert (name, kind) in [(m.name, m.kind) for m in find_relay_mentions(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ivanka Trump told the New York Times that she took eight days off.", "The New York Times"),
        ("According to the Associated Press, the talks failed.", "Associated Press"),
        ("Gingrich told Bill O’Reilly of Fox News that he would consider it.", "Fox News"),
        ("During a Fox News Business interview, Trump said it was being discussed.", "Fox News"),
        ("Powell’s office, when contacted by Reuters, said he could not recall.", "Reuters"),
        ("Sam Jacobs explained to CBS why Merkel was selected.", "CBS News"),
    ],
)
def test_more_relay_contexts(text: str, name: str) -> None:
    assert name in [m.name for m in find_relay_mentions(text)]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("“We check facts,” he told InsideSources. “We add context.”", "InsideSources", "newspaper"),
        ("“It is disqualifying,” Mr. Goldberg told CNBC in August.", "CNBC", "broadcaster"),
        ("The commission says on its website that there were issues.", "website", "official_statement"),
        ("Trump took to Twitter overnight to accuse the campaign of lying.", "Twitter", "social_media"),
        ('On "Face the Nation," Sen. Bernie Sanders said young voters are tired.', "Face the Nation", "broadcaster"),
        (
            "Writing for a Los Angeles Times panel, Mark Z. Barabak noted that Pence won.",
            "Los Angeles Times",
            "newspaper",
        ),
        (
            "In a Wall Street Journal essay last week, Ivanka Trump acknowledged it.",
            "The Wall Street Journal",
            "newspaper",
        ),
    ],
)
def test_relays_beyond_the_registry_and_new_contexts(text: str, name: str, kind: str) -> None:
    assert (name, kind) in [(m.name, m.kind) for m in find_relay_mentions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Schultz generally supported Democrats during his time on MSNBC, which let him go.",
        "In the wake of the New York Times report, Trump has portrayed himself as shrewd.",
        "Donald Trump is defending his early-morning tweets attempting to shame a former Miss Universe.",
    ],
)
def test_an_outlet_that_is_no_channel_is_no_relay(text: str) -> None:
    assert find_relay_mentions(text) == []


def _relays_of(text: str, content: str, cue: str, source: str) -> list[tuple[str, str]]:
    from spinscope.quotes.attribute import _sentence_spans
    from spinscope.quotes.relations import Relation
    from spinscope.quotes.relays import attach_relays
    from spinscope.quotes.tokens import tokenize

    def span(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    relation = Relation(content=[span(content)], cue=span(cue), source=span(source))
    attach_relays(text, [relation], _sentence_spans(tokenize(text), text), {})
    return [(r["name"], r["kind"]) for r in relation.relays]


@pytest.mark.parametrize(
    ("text", "content", "cue", "source", "expected"),
    [
        # a title's full stop ("Rep.") does not end the sentence for the relay
        (
            "“The facts are clear,” said Rep. Elijah Cummings, the top Democrat on the panel, in a statement.",
            "“The facts are clear,”",
            "said",
            "Rep. Elijah Cummings, the top Democrat on the panel,",
            [("statement", "official_statement")],
        ),
        # a channel phrase far from the cue in its sentence still joins it
        (
            "Mr. Schultz likened RT to the BBC, which receives some government funding, in an interview with"
            " The Washington Post last week.",
            "RT to the BBC",
            "likened",
            "Mr. Schultz",
            [("The Washington Post", "newspaper")],
        ),
        (
            "The Hill reported that the four loopholes were real.",
            "that the four loopholes were real",
            "reported",
            "The Hill",
            [("The Hill", "newspaper")],
        ),
        (
            "A new Washington Post-ABC News national poll shows that they are tied.",
            "that they are tied",
            "shows",
            "A new Washington Post-ABC News national poll",
            [("The Washington Post", "newspaper"), ("ABC News", "broadcaster")],
        ),
        (
            "A reporter for USA Today spotted Stein and reported her presence on Twitter.",
            "her presence",
            "reported",
            "A reporter for USA Today",
            [("Twitter", "social_media"), ("USA Today", "newspaper")],
        ),
        (
            "They disclosed them to the AP, which first reported the story.",
            "the story",
            "first reported",
            "which",
            [("Associated Press", "news_agency")],
        ),
        (
            "Ivana Trump's brief said that was not her view.",
            "that was not her view",
            "said",
            "Ivana Trump's brief",
            [("brief", "document")],
        ),
    ],
)
def test_relays_of_an_attribution(
    text: str, content: str, cue: str, source: str, expected: list[tuple[str, str]]
) -> None:
    assert _relays_of(text, content, cue, source) == expected


def test_a_relay_the_tagger_ran_into_the_end_of_the_content_leaves_it() -> None:
    from spinscope.quotes.attribute import _sentence_spans
    from spinscope.quotes.relations import Relation
    from spinscope.quotes.relays import attach_relays
    from spinscope.quotes.tokens import tokenize

    text = "Keron Blair called for more school investment in a statement on Thursday."
    start = text.index("more school")
    relation = Relation(
        content=[(start, text.index(".", start))],
        cue=(text.index("called for"), text.index("called for") + 10),
        source=(0, len("Keron Blair")),
    )
    attach_relays(text, [relation], _sentence_spans(tokenize(text), text), {})
    assert [r["name"] for r in relation.relays] == ["statement"]
    assert text[relation.content[0][0] : relation.content[0][1]] == "more school investment"
