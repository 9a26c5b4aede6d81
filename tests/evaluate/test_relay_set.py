"""Relay-detection scoring on hand-made items, and the shipped PolNeAR dev set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from spinscope.errors import FormatError
from spinscope.evaluate.relays import (
    GoldRelay,
    RelayItem,
    evaluate_relays,
    format_relays_report,
    load_relay_set,
    score_relays,
)
from spinscope.io.polnear import read_polnear
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import Annotations

TEXT = 'Lavrov told TASS that talks failed. "We stay," he said. The weather was fine, he said.'


def _find(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


CONTENT = _find("that talks failed")
TASS = GoldRelay(phrase=_find("told TASS"), name=_find("TASS"), kind="news_agency", role="channel")
TOLD = RelayItem("r1", "a", (CONTENT,), (TASS,))
NEGATIVE = RelayItem("n1", "a", (_find("The weather was fine"),))


def _at(pair: tuple[int, int]) -> dict[str, int]:
    return {"start": pair[0], "end": pair[1]}


def _attribution(content: tuple[int, int], *relays: dict[str, Any]) -> Span:
    return Span(*content, label="indirect", attrs={"fragments": [_at(content)], "relays": list(relays)})


def _relay(words: str, kind: str = "news_agency", name: str = "TASS") -> dict[str, Any]:
    return {**_at(_find(words)), "name": name, "kind": kind, "order": 1}


def test_a_relay_on_its_attribution_is_found() -> None:
    result = score_relays([TOLD, NEGATIVE], {"a": [_attribution(CONTENT, _relay("TASS"))]})
    assert (result["precision"], result["recall"], result["kind_accuracy"]) == (1.0, 1.0, 1.0)
    assert (result["relay_items_found"], result["negative_items_flagged"]) == (1, 0)
    assert result["recall_by_role"]["channel"] == {"gold": 1, "found": 1, "recall": 1.0}
    assert result["no_match"] == 1  # nothing predicted over the negative's content


def test_the_phrase_counts_and_a_wrong_kind_is_measured() -> None:
    result = score_relays([TOLD], {"a": [_attribution(CONTENT, _relay("told", kind="broadcaster"))]})
    assert (result["recall"], result["kind_accuracy"]) == (1.0, 0.0)


def test_a_relay_on_a_negative_or_elsewhere_is_wrong() -> None:
    spans = [
        _attribution(_find("that talks"), _relay("weather", kind="newspaper", name="Weather")),
        _attribution(_find("The weather was fine"), _relay("TASS")),
    ]
    result = score_relays([TOLD, NEGATIVE], {"a": spans})
    assert (result["precision"], result["recall"], result["predicted"]) == (0.0, 0.0, 2)
    assert result["negative_items_flagged"] == 1


def test_kind_aliases_map_onto_the_set_vocabulary() -> None:
    result = score_relays([TOLD], {"a": [_attribution(CONTENT, _relay("TASS", kind="agency"))]})
    assert result["kind_accuracy"] == 1.0


def test_the_phrase_of_a_shared_relay_goes_to_the_name_it_overlaps() -> None:
    text_poll = _find("told TASS that")
    first = GoldRelay(phrase=text_poll, name=_find("TASS"), kind="news_agency", role="source")
    second = GoldRelay(phrase=text_poll, name=_find("told"), kind="broadcaster", role="source")
    item = RelayItem("r2", "a", (CONTENT,), (first, second))
    result = score_relays([item], {"a": [_attribution(CONTENT, _relay("TASS"))]})
    assert (result["found"], result["gold"], result["precision"]) == (1, 2, 1.0)


def test_repeated_relays_count_once() -> None:
    result = score_relays([TOLD], {"a": [_attribution(CONTENT, _relay("TASS"), _relay("TASS"))]})
    assert result["predicted"] == 1


def _tiny_polnear(root: Path) -> None:
    (root / "polnear" / "dev" / "text").mkdir(parents=True)
    (root / "polnear" / "dev" / "attributions").mkdir(parents=True)
    (root / "polnear" / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\ndev\tart\tNone\ta1\tnyt\n", encoding="utf-8"
    )
    (root / "polnear" / "dev" / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    (root / "polnear" / "dev" / "attributions" / "art_a1.ann").write_text("", encoding="utf-8")


def test_evaluate_runs_annotate_on_the_set_articles(tmp_path: Path) -> None:
    _tiny_polnear(tmp_path)
    relay = {"phrase": _at(TASS.phrase), "name": _at(TASS.name), "kind": "news_agency", "role": "channel"}
    items = [
        {"id": "r1", "article": "art", "label": "relay", "content": [_at(CONTENT)], "relays": [relay]},
        {"id": "n1", "article": "art", "label": "negative", "content": [_at(NEGATIVE.content[0])], "relays": []},
    ]
    set_path = tmp_path / "set.json"
    set_path.write_text(json.dumps({"items": items}), encoding="utf-8")

    def annotate(article: Article) -> Annotations:
        return Annotations(layers={Layer.ATTRIBUTIONS: [_attribution(CONTENT, _relay("TASS"))]})

    result = evaluate_relays(tmp_path, annotate=annotate, set_path=set_path)
    assert result["scores"]["f1"] == 1.0
    assert "1 attributions with 1 relays, 1 without" in format_relays_report(result)


def test_a_relay_item_without_relays_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"items": [{"id": "r1", "article": "a", "label": "relay", "content": [], "relays": []}]}))
    with pytest.raises(FormatError):
        load_relay_set(bad)


@pytest.mark.data
def test_the_shipped_set_points_into_polnear_dev(data_dir: Path) -> None:
    raw = json.loads(
        (Path(__file__).parents[2] / "src/spinscope/evaluate/sets/relays-polnear-dev.json").read_text("utf-8")
    )
    items = load_relay_set()
    assert sum(bool(i.relays) for i in items) >= 100 and sum(not i.relays for i in items) >= 30
    dev = {a.id: a for a in read_polnear(data_dir, "dev")}
    for item, entry in zip(items, raw["items"], strict=True):
        article = dev[item.article]
        assert entry["annotator"] == article.meta["annotator"], item.id
        text = article.text
        contents: dict[int, list[tuple[int, int, int]]] = {}
        for span in article.spans(Layer.GOLD_ATTRIBUTIONS):
            contents.setdefault(span.attrs["relation"], []).append((span.attrs["fragment"], span.start, span.end))
        gold = [tuple((start, end) for _, start, end in sorted(parts)) for parts in contents.values()]
        assert item.content in gold, f"{item.id}: not a gold content"
        for role in ("content", "cue", "source"):
            for stored in entry[role] or []:
                assert text[stored["start"] : stored["end"]].startswith(stored["head"]), item.id
        for relay, stored in zip(item.relays, entry["relays"], strict=True):
            for part in ("phrase", "name"):
                start, end = getattr(relay, part)
                assert 0 <= start < end <= len(text) and text[start:end] == stored[part]["text"], item.id
            assert relay.phrase[0] <= relay.name[0] and relay.name[1] <= relay.phrase[1], item.id
