"""The 2020 <-> 2023 mapping: complete both ways, split classes one-to-many, policies, counts from 2020 train only."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from spinscope.errors import FormatError
from spinscope.taxonomy import NAMES_2023, TECHNIQUE_NAMES, get_taxonomy, semeval2023_to_semeval2020, to_semeval2023
from spinscope.taxonomy.mapping import _raw, candidates_2023, mapping_dict, reachable_2023


def test_every_2020_class_maps_and_back() -> None:
    for name in TECHNIQUE_NAMES:
        mapped = to_semeval2023(name)
        assert len(mapped) == 1
        for label in to_semeval2023(name, "all"):
            assert semeval2023_to_semeval2020(label) == name
    for label in get_taxonomy("semeval2023").ids:
        assert semeval2023_to_semeval2020(label) == NAMES_2023[label]


def test_split_classes_are_one_to_many_most_frequent_first() -> None:
    assert to_semeval2023("Bandwagon,Reductio_ad_hitlerum") == ("Guilt_by_Association",)
    assert to_semeval2023("Bandwagon,Reductio_ad_hitlerum", "all") == ("Guilt_by_Association", "Appeal_to_Popularity")
    assert set(candidates_2023("Whataboutism,Straw_Men,Red_Herring")) == {
        "Red_Herring",
        "Appeal_to_Hypocrisy",
        "Whataboutism",
        "Straw_Man",
    }
    assert to_semeval2023("Black-and-White_Fallacy") == ("False_Dilemma-No_Choice",)
    assert to_semeval2023("Thought-terminating_Cliches") == ("Conversation_Killer",)
    without = set(get_taxonomy("semeval2023").ids) - reachable_2023()
    assert without == set(mapping_dict()["semeval2023_without_semeval2020"])
    assert "Obfuscation-Vagueness-Confusion" in without


def test_unknown_names_and_policies() -> None:
    with pytest.raises(FormatError, match="not a SemEval-2020"):
        to_semeval2023("Straw_Man")
    with pytest.raises(FormatError, match="policy"):
        to_semeval2023("Doubt", "random")
    with pytest.raises(FormatError, match="not a SemEval-2023"):
        semeval2023_to_semeval2020("Bandwagon,Reductio_ad_hitlerum")


@pytest.mark.data
def test_most_frequent_is_counted_on_the_371_train_articles_only(data_dir: Path) -> None:
    ptc = data_dir / "semeval2020-task11-ptc-v2"
    train = {re.sub(r"\D", "", p.name) for p in (ptc / "train-articles").iterdir()}
    assert len(train) == 371
    counts: Counter[str] = Counter()
    for path in (data_dir / "semeval2023-task3-en" / "train-labels-subtask-3-spans").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 4 and fields[0] in train:
                counts[fields[1]] += 1
    for name, entry in _raw()["semeval2020_to_semeval2023"].items():
        assert entry["most_frequent"] == max(entry["candidates"], key=lambda c: counts[c]), name
        for label, count in entry.get("span_counts", {}).items():
            assert counts[label] == count, label
