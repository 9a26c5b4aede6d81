"""Linking role chunks into relations."""

from __future__ import annotations

from spinscope.quotes.relations import chunk_tags, link_chunks
from spinscope.quotes.tokens import tokenize


def _relations(text: str, roles: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    """Tag the words named in ``roles`` (word -> role), link, and return (content, cue, source) texts."""
    tokens = tokenize(text)
    tags: list[str] = []
    for token in tokens:
        role = roles.get(text[token.start : token.end])
        same = role is not None and tags and tags[-1].endswith(role)
        tags.append("O" if role is None else f"{'I' if same else 'B'}-{role}")
    relations = link_chunks(chunk_tags(tokens, tags, text), tokens, text)

    def part(offsets: tuple[int, int] | None) -> str | None:
        return None if offsets is None else text[offsets[0] : offsets[1]]

    return [(part(r.content[0]) or "", part(r.cue), part(r.source)) for r in relations]


def test_cue_far_from_its_source_takes_the_source_of_its_sentence() -> None:
    text = (
        "Trump attacked Clinton at a rally in a small town in the north of the state on a cold and wet "
        "Tuesday evening before a large crowd, saying taxes would fall."
    )
    [(content, cue, source)] = _relations(text, {"Trump": "SRC", "saying": "CUE", "taxes": "CON", "would": "CON"})
    assert (content, cue, source) == ("taxes would", "saying", "Trump")


def test_source_in_another_sentence_is_not_taken_when_far() -> None:
    text = (
        "Trump spoke. A long sentence follows here with many words in it about nothing at all really, "
        "saying taxes would fall."
    )
    [(_, cue, source)] = _relations(text, {"Trump": "SRC", "saying": "CUE", "taxes": "CON"})
    assert cue == "saying"
    assert source is None


def test_content_run_over_two_quotes_is_split_at_the_cue_after_it() -> None:
    text = "Ames agreed that the plan was bad. “It is a mess,” said Burman."
    roles = {"Ames": "SRC", "agreed": "CUE", "that": "CON", "the": "CON", "plan": "CON", "was": "CON", "bad": "CON"}
    roles |= {".": "CON", "“": "CON", "It": "CON", "is": "CON", "a": "CON", "mess": "CON", ",": "CON", "”": "CON"}
    roles |= {"said": "CUE", "Burman": "SRC"}
    found = _relations(text, roles)
    assert [(cue, source) for _, cue, source in found] == [("agreed", "Ames"), ("said", "Burman")]
    assert found[1][0] == "“It is a mess,”"


def test_empty_trailing_cue_claims_the_content_of_an_inner_cue() -> None:
    text = "Protocol called for the nominee to be moved, sources said."
    roles = {"called": "CUE", "for": "CUE", "the": "CON", "nominee": "CON", "to": "CON", "be": "CON", "moved": "CON"}
    roles |= {"sources": "SRC", "said": "CUE"}
    assert _relations(text, roles) == [("the nominee to be moved", "said", "sources")]


def test_a_stray_comma_tagged_as_source_does_not_hide_the_real_one() -> None:
    text = "Trump, speaking at a rally, warned that Clinton would win."
    tokens = tokenize(text)
    words = [text[t.start : t.end] for t in tokens]
    tags = ["O"] * len(tokens)
    tags[words.index("Trump")] = "B-SRC"
    tags[len(words) - 1 - words[::-1].index(",")] = "B-SRC"
    tags[words.index("warned")] = "B-CUE"
    tags[words.index("that")] = "B-CON"
    for i in range(words.index("that") + 1, words.index("win") + 1):
        tags[i] = "I-CON"
    (relation,) = link_chunks(chunk_tags(tokens, tags, text), tokens, text)
    assert relation.source is not None and text[relation.source[0] : relation.source[1]] == "Trump"
