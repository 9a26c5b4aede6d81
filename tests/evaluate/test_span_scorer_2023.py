"""Span + technique F1 with SemEval-2023 labels: naming findings among their candidates, strict and lenient."""

from __future__ import annotations

import pytest

from spinscope.errors import FormatError
from spinscope.evaluate.spans import candidates_2023, name_2023, score_spans, score_spans_2023
from spinscope.io.ptc import LabelRow

BANDWAGON, DISTRACTION = "Bandwagon,Reductio_ad_hitlerum", "Whataboutism,Straw_Men,Red_Herring"
GBA, ATP, LL = "Guilt_by_Association", "Appeal_to_Popularity", "Loaded_Language"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (BANDWAGON, (GBA, ATP)),  # a split 2020 class: every candidate, the mapping's most frequent first
        (DISTRACTION, ("Red_Herring", "Appeal_to_Hypocrisy", "Whataboutism", "Straw_Man")),
        ("Name_Calling,Labeling", ("Name_Calling-Labeling",)),  # renamed
        (LL, (LL,)),
        ("Straw_Man", ("Straw_Man",)),  # a 2023 label reads as itself
        (f"{GBA}|{ATP}", (GBA, ATP)),  # joined candidates, as the faces count a finding
    ],
)
def test_candidates_of_a_predicted_label(label: str, expected: tuple[str, ...]) -> None:
    assert candidates_2023(label) == expected


def test_strict_takes_the_first_candidate_and_lenient_the_one_the_gold_agrees_with() -> None:
    gold = [("1", ATP, 0, 10), ("1", GBA, 40, 50)]
    pred = [("1", BANDWAGON, 0, 10), ("1", BANDWAGON, 40, 50), ("1", BANDWAGON, 60, 70)]
    assert [row[1] for row in name_2023(pred, gold, mode="strict")] == [GBA, GBA, GBA]
    # the first span lies on Appeal to popularity gold; the third on no gold: the first candidate stays
    assert [row[1] for row in name_2023(pred, gold, mode="lenient")] == [ATP, GBA, GBA]


def test_scores_hand_computed_both_ways() -> None:
    gold = [("1", ATP, 0, 10), ("1", LL, 20, 30)]
    pred = [("1", BANDWAGON, 0, 10), ("1", LL, 25, 30)]
    strict = score_spans_2023(pred, gold, mode="strict")
    # strict: the Bandwagon finding is Guilt by association (no gold): credits 0 + 1 (LL [25,30) inside gold)
    # over 2 predicted spans; recall 0 (ATP) + 0.5 (LL) over 2 gold spans
    assert strict["precision"] == pytest.approx(0.5)
    assert strict["recall"] == pytest.approx(0.25)
    assert strict["n_several"] == 1 and strict["mode"] == "strict"
    assert strict["per_technique"][GBA]["n_pred"] == 1 and strict["per_technique"][ATP]["f1"] == 0.0
    lenient = score_spans_2023(pred, gold, mode="lenient")
    # lenient: it is Appeal to popularity and exact: P = (1 + 1) / 2, R = (1 + 0.5) / 2
    assert lenient["precision"] == pytest.approx(1.0)
    assert lenient["recall"] == pytest.approx(0.75)
    assert lenient["f1"] >= strict["f1"]
    # the same denominators: only the names differ
    assert (lenient["n_pred"], lenient["n_gold"]) == (strict["n_pred"], strict["n_gold"])


def test_it_is_the_existing_scorer_on_the_named_rows() -> None:
    gold = [("1", ATP, 0, 10), ("2", "Doubt", 3, 9)]
    pred = [("1", BANDWAGON, 2, 12), ("2", "Doubt", 0, 9)]
    for mode in ("strict", "lenient"):
        result = score_spans_2023(pred, gold, mode=mode)
        plain = score_spans(name_2023(pred, gold, mode=mode), gold)
        assert {k: result[k] for k in plain} == plain


def test_gold_against_itself_scores_one() -> None:
    gold = [("1", ATP, 0, 10), ("1", "Red_Herring", 5, 20)]
    assert score_spans_2023(gold, gold)["f1"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("pred", "gold", "words"),
    [
        ([("1", LL, 0, 5)], [("1", "Name_Calling,Labeling", 0, 5)], "is not a SemEval-2023"),  # 2020 name in gold
        ([("1", "Clickbait", 0, 5)], [("1", LL, 0, 5)], "not a SemEval-2020 or SemEval-2023"),
        ([("1", LL, 5, 5)], [("1", LL, 0, 5)], "empty"),
    ],
)
def test_bad_rows_are_refused(pred: list[LabelRow], gold: list[LabelRow], words: str) -> None:
    with pytest.raises(FormatError, match=words):
        score_spans_2023(pred, gold)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(FormatError, match="candidate mode"):
        score_spans_2023([("1", LL, 0, 5)], [("1", LL, 0, 5)], mode="any")
