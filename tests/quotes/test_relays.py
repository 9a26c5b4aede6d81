"""Relay mentions, their kinds and chain order, and speaker resolution (no model needed)."""

from __future__ import annotations

import pytest

from spinscope.quotes.attribute import Attributor
from spinscope.quotes.relays import find_relay_mentions, infer_kind
from spinscope.quotes.speakers import clean_name, find_names, resolve_speaker


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


def test_a_relay_stays_in_its_own_sentence() -> None:
    text = (
        "The strike killed twelve people, according to Reuters.\n\n"
        "“We will answer this attack at a time of our choosing,” Lavrov said."
    )
    relations = Attributor(None).relations(text)
    quote = [r for r in relations if text[r.start : r.end].startswith("“We will")]
    assert quote and quote[0].relays == []
