"""The faces name the same findings in SemEval-2020, SemEval-2023 (through the mapping) or both."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from spinscope.render.html import render_html
from spinscope.render.text import render_text
from spinscope.render.view import build_view, shown_result
from spinscope.settings import Settings
from spinscope.taxonomy import get_taxonomy

#: The hand-made result's Bandwagon finding, which 2023 split in two.
SPLIT_KEY = "Guilt_by_Association|Appeal_to_Popularity"
SPLIT_NAME = "one of: Guilt by association, Appeal to popularity"


def test_the_2023_view_keeps_every_finding_and_names_it_through_the_mapping(result: dict[str, Any]) -> None:
    old, new = build_view(result), build_view(result, taxonomy="semeval2023")
    assert [(s.start, s.end, s.score) for s in new.spans] == [(s.start, s.end, s.score) for s in old.spans]
    labels = [span.label for span in new.spans]
    assert labels == ["Loaded_Language", "Name_Calling-Labeling", "Flag_Waving", SPLIT_KEY]
    split = new.style(SPLIT_KEY)
    taxonomy = get_taxonomy("semeval2023")
    assert split.display_name == SPLIT_NAME  # every candidate: the 2020 model cannot tell them apart
    assert split.group == "Attack on reputation or Justification"
    assert split.color == taxonomy.get("Guilt_by_Association").color
    assert split.number == taxonomy.ids.index("Guilt_by_Association") + 1
    assert "Appeal to popularity: " + taxonomy.get("Appeal_to_Popularity").definition in split.definition
    flag = new.style("Flag_Waving")
    assert (flag.display_name, flag.group, flag.number) == ("Flag waving", "Justification", 6)
    assert "SemEval-2020 model" in new.taxonomy_note and "Obfuscation" in new.taxonomy_note
    assert old.taxonomy_note == "" and old.style("Flag-Waving").display_name == "Flag-waving"


def test_a_stored_2023_reading_is_what_the_faces_show(result: dict[str, Any]) -> None:
    changed = copy.deepcopy(result)
    for span in changed["layers"]["techniques"]:
        if span["label"] == "Flag-Waving":
            span["attrs"]["semeval2023"] = ["Appeal_to_Values"]
    view = build_view(changed, taxonomy="semeval2023")
    assert "Appeal_to_Values" in view.styles and "Flag_Waving" not in view.styles


def test_both_keeps_the_2020_labels_and_adds_the_2023_names(result: dict[str, Any]) -> None:
    view = build_view(result, taxonomy="both")
    assert [span.label for span in view.spans] == [span.label for span in build_view(result).spans]
    assert (
        view.style("Bandwagon,Reductio_ad_hitlerum").display_name
        == f"Bandwagon / Reductio ad Hitlerum (2023: {SPLIT_NAME})"
    )
    assert view.style("Flag-Waving").display_name == "Flag-waving (2023: Flag waving)"
    assert 'SemEval-2023 names ("2023: ...") come from the documented mapping' in view.taxonomy_note


def test_an_unknown_taxonomy_is_refused_with_the_value_and_the_choices(result: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"'semeval2019'.*semeval2020, semeval2023, both"):
        Settings(taxonomy="semeval2019")
    with pytest.raises(ValueError, match="semeval2019"):
        build_view(result, taxonomy="semeval2019")
    with pytest.raises(ValueError, match="semeval2019"):
        shown_result(result, taxonomy="semeval2019")


def test_the_text_view_in_2023_names_groups_and_notes_the_mapping(result: dict[str, Any]) -> None:
    text = render_text(result, color=False, min_score=0.0, taxonomy="semeval2023")
    assert f"[[{SPLIT_KEY}: nation]]" in text and "[[Flag_Waving: our great " in text
    assert "one of: Guilt by association, Appeal" in text and "(Justification)" in text
    assert "named in the SemEval-2023 taxonomy" in text
    assert "Bandwagon" not in text and "Flag-waving" not in text
    default = render_text(result, color=False, min_score=0.0)
    assert "SemEval-2023" not in default and "[[Flag-Waving: our great " in default


def test_the_html_report_in_2023_colours_and_explains_by_the_2023_taxonomy(result: dict[str, Any]) -> None:
    html = render_html(result, min_score=0.0, taxonomy="semeval2023")
    assert SPLIT_NAME in html and 'class="taxonomy-note"' in html
    assert "Group: Attack on reputation or Justification" in html
    legend = re.findall(r'class="legend-item" aria-pressed="true" data-t="(\d+)"', html)
    assert legend == ["1", "2", "6", "20"]  # 2023 order: name calling, guilt by association, flag waving, loaded
    assert "Bandwagon" not in html
    assert 'id="taxonomy-note"' not in render_html(result, min_score=0.0)


def test_the_json_face_counts_by_2023_name_once_per_finding(result: dict[str, Any]) -> None:
    default = shown_result(result, 0.0)
    assert set(default["summary"]["display"]) == {"min_score", "not_shown"}
    display = shown_result(result, 0.0, "semeval2023")["summary"]["display"]
    assert display["taxonomy"] == "semeval2023" and "SemEval-2020 model" in display["taxonomy_note"]
    assert display["semeval2023_counts"] == {
        "Loaded_Language": 1,
        "Name_Calling-Labeling": 1,
        "Flag_Waving": 1,
        SPLIT_KEY: 1,
    }
    assert shown_result(result, 0.0, "semeval2023")["layers"] == default["layers"]
