"""`spinscope techniques --taxonomy semeval2020|semeval2023|both` (the real command)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spinscope.cli import build_parser
from spinscope.settings import TAXONOMY_CHOICES
from spinscope.taxonomy import TECHNIQUE_NAMES, get_taxonomy, taxonomy_dict
from spinscope.taxonomy.mapping import mapping_dict


def _techniques(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "techniques", *args], capture_output=True, text=True, check=False
    )


def test_the_choices_are_the_taxonomy_choices_of_every_face() -> None:
    sub = build_parser()._subparsers._group_actions[0].choices["techniques"]  # type: ignore[union-attr]
    (action,) = [a for a in sub._actions if "--taxonomy" in a.option_strings]
    assert tuple(action.choices) == TAXONOMY_CHOICES
    refused = _techniques("--taxonomy", "semeval2019")
    assert refused.returncode == 2 and "semeval2020, semeval2023, both" in refused.stderr.replace("'", "")


def test_the_default_is_the_2020_listing() -> None:
    default, explicit = _techniques(), _techniques("--taxonomy", "semeval2020")
    assert default.returncode == explicit.returncode == 0
    assert default.stdout == explicit.stdout
    assert default.stdout.startswith("SemEval-2020 propaganda techniques")
    assert json.loads(_techniques("--json").stdout) == taxonomy_dict()


def test_both_lists_each_taxonomy_then_the_mapping() -> None:
    done = _techniques("--taxonomy", "both")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    first, second, mapping = (
        text.index("SemEval-2020 propaganda techniques"),
        text.index("SemEval-2023 Task 3"),
        text.index("Mapping SemEval-2020 -> SemEval-2023"),
    )
    assert first < second < mapping
    assert text[:second] == _techniques("--taxonomy", "semeval2020").stdout + "\n"
    assert text[second:mapping] == _techniques("--taxonomy", "semeval2023").stdout + "\n"
    listed = text[mapping:]
    for name, candidates in mapping_dict()["semeval2020_to_semeval2023"].items():
        assert name in listed and all(c in listed for c in candidates)
    flat = " ".join(listed.split())
    assert "Guilt_by_Association, Appeal_to_Popularity (split)" in flat
    assert "Red_Herring, Appeal_to_Hypocrisy, Whataboutism, Straw_Man (split)" in flat
    not_detected = [t.id for t in get_taxonomy("semeval2023").techniques if not t.detected]
    assert all(name in flat.split("never reported:")[1] for name in not_detected)


@pytest.mark.parametrize("taxonomy", ["semeval2023", "both"])
def test_json_carries_the_mapping(taxonomy: str) -> None:
    data = json.loads(_techniques("--taxonomy", taxonomy, "--json").stdout)
    assert data["mapping"] == mapping_dict()
    if taxonomy == "both":
        assert set(data) == {"semeval2020", "semeval2023", "mapping"}
        assert data["semeval2020"] == taxonomy_dict()
        assert [t["name"] for t in data["semeval2020"]["techniques"]] == list(TECHNIQUE_NAMES)
        assert data["semeval2023"] == get_taxonomy("semeval2023").to_dict()
    else:
        assert len(data["techniques"]) == 23
