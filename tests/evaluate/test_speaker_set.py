"""Speaker-resolution scoring on hand-made items, and the shipped PolNeAR dev set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from spinscope.errors import FormatError
from spinscope.evaluate.speakers import (
    SpeakerItem,
    evaluate_speakers,
    format_speakers_report,
    is_broken,
    load_speaker_set,
    same_person,
    score_speakers,
    shown_name,
)
from spinscope.io.polnear import read_polnear
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import Annotations

TEXT = "Hillary Clinton spoke first. Bill Clinton followed. He said the plan works. The crowd cheered."
HE = (TEXT.index("He said"), TEXT.index("He said") + 2)
CROWD = (TEXT.index("The crowd"), TEXT.index("The crowd") + 9)
BILL = (TEXT.index("Bill Clinton"), TEXT.index("Bill Clinton") + 12)


def _attribution(source: tuple[int, int], **attrs: Any) -> Span:
    return Span(source[1] + 1, source[1] + 10, label="indirect", attrs={"source": _at(source), **attrs})


def _at(pair: tuple[int, int]) -> dict[str, int]:
    return {"start": pair[0], "end": pair[1]}


def _he(name: str | None = "Bill Clinton") -> SpeakerItem:
    return SpeakerItem("s1", "a", "pronoun", HE, "He", name=name, antecedent=BILL if name else None)


CROWD_ITEM = SpeakerItem("s2", "a", "title", CROWD, "The crowd")


def test_right_wrong_and_abstained_names() -> None:
    right = score_speakers([_he()], {"a": [_attribution(HE, source_name="Bill Clinton")]})
    assert (right["precision"], right["coverage"], right["correct_coverage"]) == (1.0, 1.0, 1.0)
    wrong = score_speakers([_he()], {"a": [_attribution(HE, source_name="Hillary Clinton")]})
    assert (wrong["precision"], wrong["coverage"], wrong["correct_coverage"]) == (0.0, 1.0, 0.0)
    abstained = score_speakers([_he()], {"a": [_attribution(HE, source_name="He")]})
    assert (abstained["shown"], abstained["coverage"]) == (0, 0.0)


def test_the_speaker_dict_wins_over_source_name() -> None:
    speaker = {"written": "He", "name": None, "resolved": False, "confidence": 0.2, "antecedent": None}
    result = score_speakers([_he()], {"a": [_attribution(HE, source_name="He", speaker=speaker)]})
    assert result["shown"] == 0
    # a differently spelled name counts when its antecedent offsets overlap the gold mention
    speaker = {"written": "He", "name": "the former president", "resolved": True, "confidence": 0.9}
    result = score_speakers([_he()], {"a": [_attribution(HE, speaker={**speaker, "antecedent": _at(BILL)})]})
    assert result["right"] == 1


def test_unresolvable_items_measure_abstention() -> None:
    named = score_speakers([CROWD_ITEM], {"a": [_attribution(CROWD, source_name="Bill Clinton")]})
    assert (named["abstention"], named["precision"], named["shown"]) == (0.0, 0.0, 1)
    # the written form, trimmed, is not a name shown
    kept = score_speakers([CROWD_ITEM], {"a": [_attribution(CROWD, source_name="crowd")]})
    assert (kept["abstention"], kept["shown"]) == (1.0, 0)


def test_relative_sources_have_their_own_row_outside_the_overall_figures() -> None:
    text_who = (TEXT.index("Bill Clinton"), TEXT.index("Bill Clinton") + 4)  # any span: the scorer reads offsets
    who = SpeakerItem("r1", "a", "relative", text_who, "who", name="Bill Clinton", antecedent=BILL)
    predicted = {"a": [_attribution(HE, source_name="Bill Clinton"), _attribution(text_who, source_name="Hillary")]}
    result = score_speakers([_he(), who], predicted)
    assert (result["items"], result["shown"], result["precision"]) == (1, 1, 1.0)
    relative = result["by_kind"]["relative"]
    assert (relative["items"], relative["shown"], relative["precision"]) == (1, 1, 0.0)
    assert "relative" in format_speakers_report({"scores": result, "set": "x", "articles": 1, "split": "dev"})


def test_an_item_without_an_overlapping_source_is_unmatched() -> None:
    result = score_speakers([_he(), CROWD_ITEM], {"a": [_attribution((0, 15), source_name="Hillary Clinton")]})
    assert result["no_match"] == 2
    assert (result["coverage"], result["abstention"], result["shown"]) == (0.0, 1.0, 0)
    assert result["by_kind"]["pronoun"]["items"] == 1
    assert [d["matched"] for d in result["decisions"]] == [False, False]


def test_the_most_overlapping_source_is_the_match() -> None:
    spans = [
        _attribution((HE[0] - 3, HE[0] + 1), source_name="Hillary Clinton"),
        _attribution(HE, source_name="Bill Clinton"),
    ]
    assert score_speakers([_he()], {"a": spans})["right"] == 1


@pytest.mark.parametrize(
    ("shown", "gold", "same"),
    [
        ("Mr. Obama", "Barack Obama", True),
        ("Wells Fargo CEO John Stumpf", "John Stumpf", True),
        ("Ivanka Trump's", "Ivanka Trump", True),
        ("Donald Trump", "Ivanka Trump", False),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Clinton", "Bill Clinton", True),
        ("Urban-Brookings Tax Policy Center", "Donald Trump", False),
    ],
)
def test_same_person(shown: str, gold: str, same: bool) -> None:
    assert same_person(shown, gold) is same


def test_broken_names_are_counted() -> None:
    assert is_broken("Hillary Clinton. But Band")
    assert not is_broken("Donald J. Trump") and not is_broken("U.S. Sen. Ted Cruz")
    result = score_speakers([_he()], {"a": [_attribution(HE, source_name="Clinton. But Band")]})
    assert result["shown_broken"] == 1


def test_shown_name_ignores_empty_names() -> None:
    assert shown_name({"source_name": None}, "he") == (None, None)
    assert shown_name({"speaker": {"name": "Lavrov", "antecedent": _at((1, 4))}}, "he") == ("Lavrov", (1, 4))


def _tiny_polnear(root: Path) -> None:
    """A one-article PolNeAR dev split (name ``art``, annotator ``a1``) holding TEXT."""
    (root / "polnear" / "dev" / "text").mkdir(parents=True)
    (root / "polnear" / "dev" / "attributions").mkdir(parents=True)
    (root / "polnear" / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\ndev\tart\tNone\ta1\tbreitbart\n", encoding="utf-8"
    )
    (root / "polnear" / "dev" / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    (root / "polnear" / "dev" / "attributions" / "art_a1.ann").write_text("", encoding="utf-8")


def test_evaluate_runs_annotate_on_the_set_articles(tmp_path: Path) -> None:
    _tiny_polnear(tmp_path)
    item = {
        "id": "s1",
        "article": "art",
        "kind": "pronoun",
        "label": "resolvable",
        "source": {**_at(HE), "text": "He"},
        "name": "Bill Clinton",
        "antecedent": _at(BILL),
    }
    set_path = tmp_path / "set.json"
    set_path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    seen: list[Article] = []

    def annotate(article: Article) -> Annotations:
        seen.append(article)
        return Annotations(layers={Layer.ATTRIBUTIONS: [_attribution(HE, source_name="Bill Clinton")]})

    result = evaluate_speakers(tmp_path, annotate=annotate, set_path=set_path)
    assert [(a.id, a.outlet, a.text) for a in seen] == [("art", "breitbart", TEXT)]
    assert result["scores"]["precision"] == 1.0 and result["articles"] == 1
    assert "1 sources (1 resolvable, 0 unresolvable)" in format_speakers_report(result)


def test_a_malformed_set_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"items": [{"id": "s1", "article": "a", "kind": "pronoun", "label": "maybe"}]}))
    with pytest.raises(FormatError):
        load_speaker_set(bad)
    bad.write_text("[1, 2]")
    with pytest.raises(FormatError):
        load_speaker_set(bad)


@pytest.mark.data
def test_the_shipped_set_points_into_polnear_dev(data_dir: Path) -> None:
    raw = json.loads(
        (Path(__file__).parents[2] / "src/spinscope/evaluate/sets/speakers-polnear-dev.json").read_text("utf-8")
    )
    items = load_speaker_set()
    assert len(items) >= 150 and len({i.article for i in items}) >= 40
    assert sum(i.resolvable for i in items) >= 100 and sum(not i.resolvable for i in items) >= 30
    dev = {a.id: a for a in read_polnear(data_dir, "dev")}
    for item, entry in zip(items, raw["items"], strict=True):
        article = dev[item.article]
        assert entry["annotator"] == article.meta["annotator"], item.id
        text = article.text
        assert 0 <= item.source[0] < item.source[1] <= len(text), item.id
        assert text[item.source[0] : item.source[1]] == entry["source"]["text"], item.id
        sources = article.spans(Layer.GOLD_QUOTE_SOURCES)
        fragments = Counter(span.attrs["relation"] for span in sources)
        gold_sources = {(span.start, span.end) for span in sources if fragments[span.attrs["relation"]] == 1}
        assert item.source in gold_sources, f"{item.id}: not a gold source span"
        if item.antecedent is not None:
            assert 0 <= item.antecedent[0] < item.antecedent[1] <= len(text), item.id
            assert text[item.antecedent[0] : item.antecedent[1]] == entry["antecedent"]["text"], item.id
