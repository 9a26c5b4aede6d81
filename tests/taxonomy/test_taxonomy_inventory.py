"""Taxonomy objects: both inventories complete, grouped, named as the data spells them, readable colours."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from spinscope.errors import FormatError
from spinscope.taxonomy import NAMES_2023, NAMES_2023_ENGLISH, TECHNIQUE_NAMES, TEXT_COLOR, get_taxonomy

NOT_IN_ENGLISH = {
    "Questioning_the_Reputation",
    "Appeal_to_Values",
    "Appeal_to_Time",
    "Consequential_Oversimplification",
}
GROUPS = {
    "attack_on_reputation": {
        "Name_Calling-Labeling",
        "Guilt_by_Association",
        "Doubt",
        "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
    },
    "justification": {
        "Flag_Waving",
        "Appeal_to_Authority",
        "Appeal_to_Popularity",
        "Appeal_to_Values",
        "Appeal_to_Fear-Prejudice",
    },
    "simplification": {"Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"},
    "distraction": {"Straw_Man", "Red_Herring", "Whataboutism"},
    "call": {"Slogans", "Conversation_Killer", "Appeal_to_Time"},
    "manipulative_wording": {
        "Loaded_Language",
        "Obfuscation-Vagueness-Confusion",
        "Exaggeration-Minimisation",
        "Repetition",
    },
}
#: Smallest contrast of a 2023 colour behind the text colour (the data file's promise).
MIN_CONTRAST = 6.5
#: Smallest CIE76 difference between two 2023 colours (the data file's promise; 23 light colours).
MIN_DELTA_E = 14.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(color: str) -> float:
    r, g, b = (_linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _lab(color: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_semeval2023_has_23_techniques_in_six_groups() -> None:
    taxonomy = get_taxonomy("semeval2023")
    assert set(taxonomy.ids) == set(NAMES_2023)
    assert len(taxonomy.ids) == 23
    assert {g.id: {t.id for t in taxonomy.in_group(g.id)} for g in taxonomy.groups} == GROUPS
    assert {t.id for t in taxonomy.techniques if not t.detected} == NOT_IN_ENGLISH
    assert set(taxonomy.detected_ids) == set(NAMES_2023_ENGLISH)
    for technique in taxonomy.techniques:
        assert len(technique.definition) > 60 and technique.example, technique.id
        assert technique.level in ("paragraph", "none")
        if not technique.detected:
            assert technique.level == "none"
    # in the English data but no 2020 class maps to it: the mapped baseline cannot report it
    assert taxonomy.get("Obfuscation-Vagueness-Confusion").level == "none"


def test_semeval2020_keeps_the_14_classes_at_span_level() -> None:
    taxonomy = get_taxonomy("semeval2020")
    assert taxonomy.ids == TECHNIQUE_NAMES
    assert all(t.detected and t.level == "span" for t in taxonomy.techniques)
    assert taxonomy.get("Flag-Waving").group == "justification"
    assert taxonomy.get("Whataboutism,Straw_Men,Red_Herring").group == "distraction"
    assert {t.group for t in taxonomy.techniques} == {g.id for g in taxonomy.groups}


def test_lookup_and_unknown_names() -> None:
    taxonomy = get_taxonomy("semeval2023")
    assert taxonomy.get("straw man").id == "Straw_Man"
    assert taxonomy.get("red_herring").id == "Red_Herring"
    with pytest.raises(FormatError, match="not a semeval2023 technique"):
        taxonomy.get("Bandwagon")
    with pytest.raises(FormatError, match="unknown taxonomy"):
        get_taxonomy("semeval2099")
    with pytest.raises(FormatError, match="group"):
        taxonomy.group("nope")
    data = taxonomy.to_dict()
    assert data["name"] == "semeval2023" and len(data["techniques"]) == 23 and len(data["groups"]) == 6


def test_semeval2023_colours_are_readable_and_distinct() -> None:
    techniques = get_taxonomy("semeval2023").techniques
    text = _luminance(TEXT_COLOR)
    for technique in techniques:
        assert re.fullmatch(r"#[0-9a-f]{6}", technique.color), technique.id
        contrast = (_luminance(technique.color) + 0.05) / (text + 0.05)
        assert contrast >= MIN_CONTRAST, f"{technique.id}: {contrast:.2f}:1"
    for a, b in itertools.combinations(techniques, 2):
        delta_e = sum((p - q) ** 2 for p, q in zip(_lab(a.color), _lab(b.color), strict=True)) ** 0.5
        assert delta_e >= MIN_DELTA_E, f"{a.id} and {b.id} look alike (ΔE {delta_e:.1f})"


@pytest.mark.data
def test_semeval2023_names_match_the_data(data_dir: Path) -> None:
    used: set[str] = set()
    for path in (data_dir / "semeval2023-task3-en" / "train-labels-subtask-3-spans").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 4:
                used.add(fields[1])
    assert used == set(get_taxonomy("semeval2023").detected_ids)
