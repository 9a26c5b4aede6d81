"""The official SemEval scorers: hand-computed cases, gold-vs-gold, gold-vs-shifted-gold, edge cases."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinscope.errors import FormatError
from spinscope.evaluate.semeval import merge_overlapping, score_files, score_paragraphs, score_si, score_tc
from spinscope.io.ptc import LabelRow, read_label_rows, read_labels
from spinscope.io.semeval import ParagraphRow, read_paragraph_labels, write_labels, write_paragraph_labels

LL, NC, DOUBT = "Loaded_Language", "Name_Calling,Labeling", "Doubt"


def si(article_id: str, start: int, end: int) -> LabelRow:
    return (article_id, "", start, end)


def shifted(rows: Iterable[LabelRow], k: int) -> list[LabelRow]:
    return [(a, t, s + k, e + k) for a, t, s, e in rows]


# --- SI: hand-computed -------------------------------------------------------------------------------


def test_si_partial_overlap() -> None:
    # gold [10,20), pred [15,25): |s∩t| = 5; P = 5/10, R = 5/10, F1 = 0.5.
    result = score_si([si("a", 15, 25)], [si("a", 10, 20)])
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(0.5)
    assert (result["n_pred"], result["n_gold"]) == (1, 1)


def test_si_overlapping_gold_spans_are_merged() -> None:
    # gold [0,10) and [5,15) share characters 5..9: merged into [0,15), so |T| = 1 and pred [0,15) is perfect.
    result = score_si([si("a", 0, 15)], [si("a", 0, 10), si("a", 5, 15)])
    assert result["n_gold"] == 1
    assert result["f1"] == pytest.approx(1.0)


def test_si_overlapping_predicted_spans_are_merged() -> None:
    # pred [0,6), [4,10), [9,12) chain-overlap into [0,12); gold [0,12): one span each, perfect.
    result = score_si([si("a", 0, 6), si("a", 4, 10), si("a", 9, 12)], [si("a", 0, 12)])
    assert (result["n_pred"], result["f1"]) == (1, pytest.approx(1.0))


def test_si_touching_spans_are_not_merged() -> None:
    # gold [0,4) and [4,10) share no character, so they stay two spans: |T| = 2.
    # pred [0,4): P = (4/4) / 1 = 1; R = (4/4 + 0/6) / 2 = 0.5; F1 = 2*1*0.5/1.5 = 2/3.
    # (Merging them into [0,10) would give R = 4/10 = 0.4 instead.)
    result = score_si([si("a", 0, 4)], [si("a", 0, 4), si("a", 4, 10)])
    assert result["n_gold"] == 2
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 / 3)


def test_si_one_prediction_over_two_gold_spans() -> None:
    # gold [0,10), [20,30); pred [5,25) (|s| = 20) overlaps each by 5.
    # P = (5/20 + 5/20) / 1 = 0.5; R = (5/10 + 5/10) / 2 = 0.5.
    result = score_si([si("a", 5, 25)], [si("a", 0, 10), si("a", 20, 30)])
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(0.5)


def test_si_sums_over_articles_and_counts_unmatched_articles() -> None:
    # a: gold [0,10), pred [0,5); b: gold [0,4), no pred; c: pred [0,2), no gold. Pairs only within an article.
    # |S| = 2 (a, c), |T| = 2 (a, b). P = (5/5 + 0) / 2 = 0.5; R = (5/10 + 0) / 2 = 0.25; F1 = 2*.5*.25/.75 = 1/3.
    result = score_si([si("a", 0, 5), si("c", 0, 2)], [si("a", 0, 10), si("b", 0, 4)])
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(0.25)
    assert result["f1"] == pytest.approx(1 / 3)


def test_si_same_offsets_in_different_articles_do_not_match() -> None:
    result = score_si([si("a", 0, 10)], [si("b", 0, 10)])
    assert result["f1"] == 0.0


def test_si_shifted_gold_hand_computed() -> None:
    # gold [0,10), [12,20); shifted right by k = 5: pred [5,15), [17,25).
    # overlaps: [5,15)∩[0,10) = 5, [5,15)∩[12,20) = 3, [17,25)∩[12,20) = 3.
    # P = (5/10 + 3/10 + 3/8) / 2 = 0.5875; R = (5/10 + 3/8 + 3/8) / 2 = 0.625.
    gold = [si("a", 0, 10), si("a", 12, 20)]
    result = score_si(shifted(gold, 5), gold)
    precision, recall = (5 / 10 + 3 / 10 + 3 / 8) / 2, (5 / 10 + 3 / 8 + 3 / 8) / 2
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)
    assert result["f1"] == pytest.approx(2 * precision * recall / (precision + recall))


def test_si_per_technique_when_both_sides_are_labelled() -> None:
    # Loaded_Language: pred [0,10) vs gold [0,5): P = 5/10, R = 5/5. Doubt: gold only, so P = R = F1 = 0.
    result = score_si([("a", LL, 0, 10)], [("a", LL, 0, 5), ("a", DOUBT, 20, 30)])
    loaded = result["per_technique"][LL]
    assert (loaded["precision"], loaded["recall"]) == (pytest.approx(0.5), pytest.approx(1.0))
    assert result["per_technique"][DOUBT]["f1"] == 0.0
    assert result["per_technique"][DOUBT]["support"] == 1
    assert score_si([si("a", 0, 10)], [("a", LL, 0, 5)])["per_technique"] == {}


# --- SI: edge cases ----------------------------------------------------------------------------------


def test_si_nothing_predicted_nothing_to_find_is_perfect() -> None:
    assert score_si([], []) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 1.0,
        "n_pred": 0,
        "n_gold": 0,
        "per_technique": {},
    }


def test_si_no_predictions_scores_zero() -> None:
    result = score_si([], [si("a", 0, 10)])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)


def test_si_predictions_without_gold_score_zero() -> None:
    result = score_si([si("a", 0, 10)], [])
    assert (result["precision"], result["recall"], result["f1"], result["n_pred"]) == (0.0, 0.0, 0.0, 1)


@pytest.mark.parametrize("span", [(5, 5), (7, 3), (-1, 4)])
def test_si_refuses_empty_or_negative_spans(span: tuple[int, int]) -> None:
    with pytest.raises(FormatError, match="empty or negative"):
        score_si([si("a", *span)], [si("a", 0, 10)])


def test_merge_overlapping_keeps_touching_spans_apart() -> None:
    assert merge_overlapping([(5, 10), (0, 5), (8, 12), (20, 25), (12, 14)]) == [(0, 5), (5, 12), (12, 14), (20, 25)]


# --- SI: the rule itself, against a direct character-set reading of the definition ---------------------


def _si_by_character_sets(pred: list[LabelRow], gold: list[LabelRow]) -> tuple[float, float]:
    """P and R computed the way the organisers describe them: spans as sets of character positions."""

    def merged_sets(rows: list[LabelRow]) -> dict[str, list[set[int]]]:
        out: dict[str, list[set[int]]] = {}
        for article_id, _, start, end in rows:
            groups = out.setdefault(article_id, [])
            chars = set(range(start, end))
            for group in [g for g in groups if g & chars]:
                chars |= group
                groups.remove(group)
            groups.append(chars)
        return out

    s_sets, t_sets = merged_sets(pred), merged_sets(gold)
    n_s = sum(len(v) for v in s_sets.values())
    n_t = sum(len(v) for v in t_sets.values())
    p_sum = sum(len(s & t) / len(s) for a, ss in s_sets.items() for s in ss for t in t_sets.get(a, []))
    r_sum = sum(len(s & t) / len(t) for a, ss in s_sets.items() for s in ss for t in t_sets.get(a, []))
    return (p_sum / n_s if n_s else 0.0), (r_sum / n_t if n_t else 0.0)


_spans = st.lists(
    st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 40), st.integers(1, 12)).map(
        lambda t: (t[0], "", t[1], t[1] + t[2])
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(pred=_spans, gold=_spans)
def test_si_matches_the_character_set_definition(pred: list[LabelRow], gold: list[LabelRow]) -> None:
    result = score_si(pred, gold)
    precision, recall = _si_by_character_sets(pred, gold)
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)
    assert 0.0 <= result["f1"] <= 1.0


# --- TC ----------------------------------------------------------------------------------------------


def test_tc_micro_f1_is_accuracy_on_the_gold_spans() -> None:
    # 4 gold spans, prediction gets 3 labels right: P = R = F1 = 3/4.
    gold = [("a", LL, 0, 5), ("a", NC, 10, 20), ("b", DOUBT, 0, 8), ("b", LL, 9, 12)]
    pred = [("a", LL, 0, 5), ("a", LL, 10, 20), ("b", DOUBT, 0, 8), ("b", LL, 9, 12)]
    result = score_tc(pred, gold)
    assert (result["precision"], result["recall"], result["f1"]) == (0.75, 0.75, 0.75)
    assert result["same_spans"] is True
    # Loaded_Language: 2 right of 3 predicted, 2 gold: P = 2/3, R = 1, F1 = 2*2/(3+2) = 0.8.
    assert result["per_technique"][LL]["f1"] == pytest.approx(0.8)
    # Name_Calling: 0 right, 0 predicted, 1 gold: F1 = 0. Doubt: 1/1: F1 = 1. Macro = (0.8 + 0 + 1) / 3 = 0.6.
    assert result["per_technique"][NC] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n_pred": 0, "support": 1}
    assert result["macro_f1"] == pytest.approx(0.6)


def test_tc_span_listed_twice_counts_both_labels_in_any_order() -> None:
    gold = [("a", LL, 0, 10), ("a", NC, 0, 10)]
    assert score_tc([("a", NC, 0, 10), ("a", LL, 0, 10)], gold)["f1"] == 1.0
    # The same label twice matches only one of the two gold rows: 1 correct of 2.
    result = score_tc([("a", LL, 0, 10), ("a", LL, 0, 10)], gold)
    assert (result["n_correct"], result["f1"]) == (1, 0.5)
    # Loaded_Language: 1 right, 2 predicted, 1 gold: P = 0.5, R = 1, F1 = 2*1/(2+1) = 2/3.
    assert result["per_technique"][LL]["f1"] == pytest.approx(2 / 3)


def test_tc_spans_must_match_exactly() -> None:
    # pred [0,11) is not the gold span [0,10): nothing is correct, and the official precondition fails.
    result = score_tc([("a", LL, 0, 11)], [("a", LL, 0, 10)])
    assert (result["f1"], result["same_spans"]) == (0.0, False)


def test_tc_extra_predicted_span_lowers_precision_only() -> None:
    # 2 gold, 3 pred (one extra span), 2 correct: P = 2/3, R = 1, F1 = 2*2/(3+2) = 0.8.
    gold = [("a", LL, 0, 5), ("a", NC, 10, 20)]
    result = score_tc([*gold, ("a", DOUBT, 30, 40)], gold)
    assert (result["precision"], result["recall"]) == (pytest.approx(2 / 3), 1.0)
    assert result["f1"] == pytest.approx(0.8)


def test_tc_unanswered_template_rows_count_as_wrong() -> None:
    # A template row ("?" read as "") is one prediction with no technique: 1 correct of 2.
    result = score_tc([("a", "", 0, 5), ("a", NC, 10, 20)], [("a", LL, 0, 5), ("a", NC, 10, 20)])
    assert (result["f1"], sorted(result["per_technique"])) == (0.5, [LL, NC])


def test_tc_empty_inputs() -> None:
    result = score_tc([], [])
    assert (result["f1"], result["macro_f1"], result["per_technique"], result["same_spans"]) == (0.0, 0.0, {}, True)
    assert score_tc([], [("a", LL, 0, 5)])["recall"] == 0.0


def test_tc_refuses_unlabelled_gold() -> None:
    with pytest.raises(FormatError, match="no technique"):
        score_tc([("a", LL, 0, 5)], [si("a", 0, 5)])


# --- SemEval-2023 paragraphs -----------------------------------------------------------------------


def _paragraphs(*rows: tuple[str, int, set[str]]) -> list[ParagraphRow]:
    return [(a, line, frozenset(labels)) for a, line, labels in rows]


def test_paragraphs_hand_computed() -> None:
    gold = _paragraphs(("a", 1, {"A", "B"}), ("a", 2, set()), ("a", 3, {"A"}))
    pred = _paragraphs(("a", 1, {"A"}), ("a", 2, {"B"}), ("a", 3, {"A", "C"}))
    # A: TP 2, FP 0, FN 0 -> F1 1. B: TP 0, FP 1 (p2), FN 1 (p1) -> F1 0. C: TP 0, FP 1 (p3) -> F1 0.
    # micro: TP 2, FP 2, FN 1 -> 2*2/(2*2+2+1) = 4/7. macro over {A,B,C} = 1/3.
    result = score_paragraphs(pred, gold, labels=["A", "B", "C"])
    assert result["micro_f1"] == pytest.approx(4 / 7)
    assert result["macro_f1"] == pytest.approx(1 / 3)
    assert result["micro_precision"] == pytest.approx(0.5)
    assert result["micro_recall"] == pytest.approx(2 / 3)
    # A technique neither in gold nor predicted scores F1 = 1 (official zero_division=1): macro = (1+0+0+1)/4.
    assert score_paragraphs(pred, gold, labels=["A", "B", "C", "D"])["macro_f1"] == pytest.approx(0.5)


def test_paragraphs_missing_prediction_counts_as_empty() -> None:
    gold = _paragraphs(("a", 1, {"A"}), ("a", 2, {"B"}))
    result = score_paragraphs(_paragraphs(("a", 1, {"A"})), gold, labels=["A", "B"])
    # A: TP 1; B: FN 1. micro = 2/(2+1) = 2/3.
    assert (result["micro_f1"], result["n_missing"], result["n_unexpected"]) == (pytest.approx(2 / 3), 1, 0)


def test_paragraphs_empty_everywhere_is_perfect() -> None:
    gold = _paragraphs(("a", 1, set()))
    result = score_paragraphs(gold, gold, labels=["A"])
    assert (result["micro_f1"], result["macro_f1"]) == (1.0, 1.0)


def test_paragraphs_refuse_unknown_technique() -> None:
    with pytest.raises(FormatError, match="Not_A_Technique"):
        score_paragraphs(_paragraphs(("a", 1, {"Not_A_Technique"})), _paragraphs(("a", 1, set())))


def test_paragraph_labels_round_trip(tmp_path: Path) -> None:
    rows = _paragraphs(("7", 1, {"Doubt", "Slogans"}), ("7", 2, set()), ("8", 1, {"Repetition"}))
    path = tmp_path / "article7-labels-subtask-3.txt"
    assert write_paragraph_labels(rows, path) == 3
    assert path.read_text(encoding="utf-8").splitlines()[0] == "7\t1\tDoubt,Slogans"
    assert read_paragraph_labels(path) == rows
    assert read_paragraph_labels(tmp_path) == rows


def test_paragraph_reader_refuses_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("7\tone\tDoubt\n", encoding="utf-8")
    with pytest.raises(FormatError, match="line 1"):
        read_paragraph_labels(path)


# --- writing and reading submission files -------------------------------------------------------------


def test_write_labels_round_trips_through_the_ptc_reader(tmp_path: Path) -> None:
    rows = [("111", LL, 0, 5), ("111", NC, 0, 5), ("222", DOUBT, 30, 41)]
    assert write_labels(rows, tmp_path / "tc.txt", task="tc") == 3
    assert read_labels(tmp_path / "tc.txt") == rows
    write_labels(rows, tmp_path / "si.txt", task="si")
    assert (tmp_path / "si.txt").read_text(encoding="utf-8").splitlines()[0] == "111\t0\t5"
    assert read_labels(tmp_path / "si.txt") == [(a, "", s, e) for a, _, s, e in rows]
    with pytest.raises(FormatError):
        write_labels(rows, tmp_path / "x.txt", task="xx")  # type: ignore[arg-type]


def test_score_files_reads_a_folder_like_a_joined_file(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    write_labels([si("1", 0, 10)], folder / "article1.task-si.labels", task="si")
    write_labels([si("2", 5, 9)], folder / "article2.task-si.labels", task="si")
    write_labels([si("1", 0, 10), si("2", 5, 9)], tmp_path / "joined.labels", task="si")
    assert read_label_rows(folder) == read_label_rows(tmp_path / "joined.labels")
    assert score_files("si", tmp_path / "joined.labels", folder)["f1"] == 1.0


# --- real data ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ptc_dir(data_dir: Path) -> Path:
    return data_dir / "semeval2020-task11-ptc-v2"


@pytest.mark.data
def test_gold_vs_gold_is_perfect_on_dev(ptc_dir: Path) -> None:
    si_gold = read_label_rows(ptc_dir / "dev-labels-task-si")
    tc_gold = read_label_rows(ptc_dir / "dev-task-flc-tc.labels")
    assert score_si(si_gold, si_gold)["f1"] == 1.0
    # The SI gold is the TC spans with overlaps merged (data README), so TC gold scores 1.0 as an SI prediction.
    assert score_si(tc_gold, si_gold)["f1"] == pytest.approx(1.0)
    tc = score_tc(tc_gold, tc_gold)
    assert (tc["f1"], tc["macro_f1"], tc["n_gold"]) == (1.0, 1.0, 1063)
    assert sum(v["support"] for v in tc["per_technique"].values()) == 1063


@pytest.mark.data
def test_shifted_gold_scores_fall_as_the_shift_grows(ptc_dir: Path) -> None:
    gold = read_label_rows(ptc_dir / "dev-labels-task-si")
    scores = [score_si(shifted(gold, k), gold)["f1"] for k in (0, 1, 2, 4, 8, 16, 32, 64)]
    assert scores[0] == 1.0
    assert all(later < earlier for earlier, later in itertools.pairwise(scores))
    assert scores[-1] > 0.0


@pytest.mark.data
def test_gold_vs_gold_is_perfect_on_2023_paragraphs(data_dir: Path) -> None:
    gold = read_paragraph_labels(data_dir / "semeval2023-task3-en" / "dev-labels-subtask-3")
    assert len(gold) == 3127
    result = score_paragraphs(gold, gold)
    assert (result["micro_f1"], result["macro_f1"]) == (1.0, 1.0)
    # Predicting nothing: micro 0; macro = 4/23, the four techniques absent from the English data score 1.
    empty = score_paragraphs([(a, line, frozenset()) for a, line, _ in gold], gold)
    assert (empty["micro_f1"], empty["macro_f1"]) == (0.0, pytest.approx(4 / 23))


@pytest.mark.data
def test_tc_and_paragraphs_agree_with_scikit_learn(ptc_dir: Path, data_dir: Path) -> None:
    """Independent check against the library the official scripts call (skipped where it is absent)."""
    metrics = pytest.importorskip("sklearn.metrics")
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    from spinscope.taxonomy import NAMES_2023, TECHNIQUE_NAMES

    rng = random.Random(7)
    gold = read_label_rows(ptc_dir / "dev-task-flc-tc.labels")
    pred = [(a, rng.choice(TECHNIQUE_NAMES) if rng.random() < 0.3 else t, s, e) for a, t, s, e in gold]
    result = score_tc(pred, gold)
    gold_labels, pred_labels = [row[1] for row in gold], [row[1] for row in pred]
    assert result["f1"] == pytest.approx(metrics.f1_score(gold_labels, pred_labels, average="micro"))
    assert result["macro_f1"] == pytest.approx(metrics.f1_score(gold_labels, pred_labels, average="macro"))

    paragraphs = read_paragraph_labels(data_dir / "semeval2023-task3-en" / "dev-labels-subtask-3")
    names = sorted(NAMES_2023)
    guessed = [
        (a, line, frozenset(t for t in found if rng.random() < 0.6) | frozenset(rng.sample(names, rng.choice([0, 1]))))
        for a, line, found in paragraphs
    ]
    binarizer = preprocessing.MultiLabelBinarizer().fit([names])
    y_true = binarizer.transform([sorted(found) for *_, found in paragraphs])
    y_pred = binarizer.transform([sorted(found) for *_, found in guessed])
    result = score_paragraphs(guessed, paragraphs)
    for average in ("micro", "macro"):
        expected = metrics.f1_score(y_true, y_pred, average=average, zero_division=1)
        assert result[f"{average}_f1"] == pytest.approx(expected)
