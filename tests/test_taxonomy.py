"""The technique taxonomy: names match the corpora, mappings are complete, colours are readable."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.errors import FormatError
from spinscope.taxonomy import (
    NAMES_2019,
    NAMES_2023,
    NAMES_2023_ENGLISH,
    TAXONOMY_VERSION,
    TECHNIQUE_NAMES,
    TECHNIQUES,
    TEXT_COLOR,
    Technique,
    get_technique,
    taxonomy_dict,
    to_semeval2020,
)

#: WCAG AA contrast for normal text.
MIN_CONTRAST = 4.5
#: Smallest CIE76 colour difference between two technique colours (about 2.3 is "just noticeable").
MIN_DELTA_E = 20.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(color[i : i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def _luminance(color: str) -> float:
    r, g, b = _rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _lab(color: str) -> tuple[float, float, float]:
    r, g, b = _rgb(color)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_fourteen_techniques_with_content() -> None:
    assert len(TECHNIQUES) == 14
    assert TAXONOMY_VERSION
    for technique in TECHNIQUES:
        assert isinstance(technique, Technique)
        assert technique.display_name and technique.example
        assert len(technique.definition.split()) >= 25, f"{technique.name}: definition is not a paragraph"
        assert "\n" not in technique.definition


@pytest.mark.data
def test_names_match_the_corpora(data_dir: Path) -> None:
    names_2020 = data_dir / "semeval2020-task11-ptc-v2" / "propaganda-techniques-names-semeval2020task11.txt"
    assert list(TECHNIQUE_NAMES) == names_2020.read_text(encoding="utf-8").split()
    names_2019 = data_dir / "ptc-emnlp2019-protechn_corpus_eval" / "propaganda-techniques-names.txt"
    assert sorted(NAMES_2019) == sorted(names_2019.read_text(encoding="utf-8").split())
    spans_2023 = data_dir / "semeval2023-task3-en"
    used = {
        line.split("\t")[1]
        for folder in ("train-labels-subtask-3-spans", "dev-labels-subtask-3-spans")
        for path in (spans_2023 / folder).iterdir()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert set(NAMES_2023_ENGLISH) == used


def test_inventories_and_mappings() -> None:
    assert len(NAMES_2019) == 18
    assert len(NAMES_2023) == 23 and len(NAMES_2023_ENGLISH) == 19
    for table in (NAMES_2019, NAMES_2023):
        assert set(table.values()) - {None} == set(TECHNIQUE_NAMES), "every 2020 class is reached, nothing else"
    assert NAMES_2019["Obfuscation,Intentional_Vagueness,Confusion"] is None
    unmapped_2023 = {name for name, mapped in NAMES_2023.items() if mapped is None}
    assert unmapped_2023 == {
        "Appeal_to_Time",
        "Appeal_to_Values",
        "Consequential_Oversimplification",
        "Obfuscation-Vagueness-Confusion",
        "Questioning_the_Reputation",
    }


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Loaded_Language", "Loaded_Language"),
        ("Straw_Men", "Whataboutism,Straw_Men,Red_Herring"),
        ("Straw_Man", "Whataboutism,Straw_Men,Red_Herring"),
        ("Appeal_to_Hypocrisy", "Whataboutism,Straw_Men,Red_Herring"),
        ("Bandwagon", "Bandwagon,Reductio_ad_hitlerum"),
        ("Guilt_by_Association", "Bandwagon,Reductio_ad_hitlerum"),
        ("False_Dilemma-No_Choice", "Black-and-White_Fallacy"),
        ("Conversation_Killer", "Thought-terminating_Cliches"),
        ("Name_Calling-Labeling", "Name_Calling,Labeling"),
        ("Appeal_to_Fear-Prejudice", "Appeal_to_fear-prejudice"),
        ("flag_waving", "Flag-Waving"),
        ("Loaded language", "Loaded_Language"),
    ],
)
def test_aliases_resolve(alias: str, expected: str) -> None:
    assert get_technique(alias).name == expected
    assert to_semeval2020(alias) == expected


def test_unknown_and_dropped_names() -> None:
    with pytest.raises(FormatError, match="unknown technique"):
        get_technique("Clickbait")
    with pytest.raises(FormatError, match="unknown technique"):
        to_semeval2020("Clickbait")
    assert to_semeval2020("Appeal_to_Time") is None
    with pytest.raises(FormatError, match="no SemEval-2020 counterpart"):
        get_technique("Obfuscation,Intentional_Vagueness,Confusion")


def test_aliases_are_listed_on_each_technique() -> None:
    whataboutism = get_technique("Whataboutism,Straw_Men,Red_Herring")
    assert set(whataboutism.names_2019) == {"Red_Herring", "Straw_Men", "Whataboutism"}
    assert set(whataboutism.names_2023) == {"Appeal_to_Hypocrisy", "Red_Herring", "Straw_Man", "Whataboutism"}


def test_colours_are_readable_and_distinct() -> None:
    colors = [t.color for t in TECHNIQUES]
    assert all(len(c) == 7 and c.startswith("#") for c in colors)
    text = _luminance(TEXT_COLOR)
    for technique in TECHNIQUES:
        contrast = (_luminance(technique.color) + 0.05) / (text + 0.05)
        assert contrast >= MIN_CONTRAST, f"{technique.name}: {contrast:.2f}:1 behind {TEXT_COLOR}"
    for a, b in itertools.combinations(TECHNIQUES, 2):
        delta_e = sum((p - q) ** 2 for p, q in zip(_lab(a.color), _lab(b.color), strict=True)) ** 0.5
        assert delta_e >= MIN_DELTA_E, f"{a.name} and {b.name} look alike (ΔE {delta_e:.1f})"


def test_taxonomy_dict_is_json() -> None:
    data = json.loads(json.dumps(taxonomy_dict()))
    assert data["version"] == TAXONOMY_VERSION
    assert [t["name"] for t in data["techniques"]] == list(TECHNIQUE_NAMES)


def _spinscope(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_techniques_command_lists_every_technique() -> None:
    result = _spinscope("techniques")
    assert result.returncode == 0, result.stderr
    for technique in TECHNIQUES:
        assert technique.name in result.stdout
        assert technique.definition.split()[0] in result.stdout


def test_techniques_command_json() -> None:
    result = _spinscope("techniques", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == taxonomy_dict()
