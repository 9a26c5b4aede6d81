"""The PolNeAR brat reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import DataNotFoundError, FormatError
from spinscope.io.polnear import GOLD_LAYERS, gold_relation_count, parse_ann, read_polnear
from spinscope.model import Layer, Span

ANN = (
    "T1\tSource 0 5\tObama\n"
    "T2\tCue 6 10\tsays\n"
    "T3\tContent 11 20;25 30\tTrump won\nmore\n"
    "T4\tAttribution 6 10\tsays\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 44\tnews\n"
    "T6\tContent 45 50\tthat\n"
    "E2\tAttribution-no-source:T5 Content:T6 Cue:T5\n"
    "T7\tDiscuss 0 4\tx\n"
)


def _fragments(spans: list[Span]) -> list[tuple[int, int, int]]:
    return [(span.attrs["relation"], span.start, span.end) for span in spans]


def test_parse_ann_reads_relations_discontinuous_spans_and_multiline_text() -> None:
    layers = parse_ann(ANN)
    assert _fragments(layers[Layer.GOLD_QUOTE_SOURCES]) == [(0, 0, 5)]  # the second relation has no source
    assert _fragments(layers[Layer.GOLD_QUOTE_CUES]) == [(0, 6, 10), (1, 40, 44)]
    assert _fragments(layers[Layer.GOLD_ATTRIBUTIONS]) == [(0, 11, 20), (0, 25, 30), (1, 45, 50)]
    assert [span.attrs["fragment"] for span in layers[Layer.GOLD_ATTRIBUTIONS]] == [0, 1, 0]


def test_parse_ann_rejects_bad_offsets() -> None:
    with pytest.raises(FormatError):
        parse_ann("T1\tSource a b\tx\n")


def test_missing_corpus_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        list(read_polnear(tmp_path, "dev"))


@pytest.mark.data
def test_dev_split_offsets_match_text(data_dir: Path) -> None:
    articles = list(read_polnear(data_dir, "dev"))
    assert len(articles) == 84
    for article in articles:
        for layer in GOLD_LAYERS.values():
            for span in article.spans(layer):
                assert 0 <= span.start < span.end <= len(article.text)


def test_all_annotators_yields_each_annotation_first_listed_first(tmp_path: Path) -> None:
    root = tmp_path / "polnear"
    (root / "train" / "text").mkdir(parents=True)
    (root / "train" / "attributions").mkdir(parents=True)
    (root / "train" / "text" / "a.txt").write_text(
        "Obama says Trump won the vote, and the news that he won.", encoding="utf-8"
    )
    for annotator in ("bb22", "aa11"):
        (root / "train" / "attributions" / f"a_{annotator}.ann").write_text(ANN, encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\n train\ta\tNone\tbb22|aa11\tnyt\n".replace("\n ", "\n"),
        encoding="utf-8",
    )
    (article,) = read_polnear(tmp_path, "train")
    assert (article.id, article.outlet, article.meta["annotator"]) == ("a", "nyt", "bb22")
    assert gold_relation_count(article) == 2
    assert [a.meta["annotator"] for a in read_polnear(tmp_path, "train", all_annotators=True)] == ["bb22", "aa11"]
