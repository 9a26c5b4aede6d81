"""``spinscope stats --by technique --taxonomy``: findings counted by SemEval-2023 name, once per finding."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from spinscope.batch.schema import result_rows
from spinscope.batch.stats import compute_stats
from spinscope.batch.store import ResultStore
from spinscope.model import Article, Layer, Span

TEXT = "Everyone agrees the traitors must go, and what about their own scandals?"
SPLIT = "Guilt_by_Association|Appeal_to_Popularity"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four findings: two Bandwagon (one stored with its 2023 reading, one written without), name calling,
    and one whose stored reading differs from its label's mapping (the stored one counts)."""
    out = tmp_path_factory.mktemp("stats-taxonomy") / "results"
    article = Article(TEXT, id="t1", outlet="Daily Lantern")
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(0, 14, label="Bandwagon,Reductio_ad_hitlerum", score=0.9, attrs={"semeval2023": SPLIT.split("|")}),
            Span(0, 8, label="Bandwagon,Reductio_ad_hitlerum", score=0.5, attrs={}),
            Span(20, 28, label="Name_Calling,Labeling", score=0.8, attrs={"semeval2023": ["Name_Calling-Labeling"]}),
            Span(42, 71, label="Loaded_Language", score=0.1, attrs={"semeval2023": ["Appeal_to_Hypocrisy"]}),
        ],
    )
    with ResultStore(out) as store:
        store.write_part([result_rows(article.id, article.to_dict(), elapsed_s=0.01)])
    return out


def test_each_finding_counts_once_under_its_2023_name(results: Path) -> None:
    rows = compute_stats(results, by="technique", taxonomy="semeval2023")
    assert {r["technique"]: r["spans"] for r in rows} == {
        SPLIT: 2,
        "Name_Calling-Labeling": 1,
        "Appeal_to_Hypocrisy": 1,
    }
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
    assert [r["technique"] for r in compute_stats(results, by="technique", taxonomy="semeval2023", min_score=0.6)] == [
        SPLIT,
        "Name_Calling-Labeling",
    ]


def test_the_default_counts_by_2020_label_and_both_adds_the_2023_name(results: Path) -> None:
    assert {r["technique"]: r["spans"] for r in compute_stats(results, by="technique")} == {
        "Bandwagon,Reductio_ad_hitlerum": 2,
        "Name_Calling,Labeling": 1,
        "Loaded_Language": 1,
    }
    both = compute_stats(results, by="technique", taxonomy="both")
    assert ("Bandwagon,Reductio_ad_hitlerum", SPLIT, 2) in [
        (r["technique"], r["semeval2023"], r["spans"]) for r in both
    ]
    with pytest.raises(ValueError, match="semeval2019"):
        compute_stats(results, by="technique", taxonomy="semeval2019")


def test_the_command_takes_the_flag(results: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    done = run_cli(
        "stats", str(results), "--by", "technique", "--taxonomy", "semeval2023", "--min-score", "0", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert {row["technique"] for row in json.loads(done.stdout)} == {
        SPLIT,
        "Name_Calling-Labeling",
        "Appeal_to_Hypocrisy",
    }


def test_the_techniques_plot_stacks_and_names_bars_by_2023_name(results: Path, tmp_path: Path) -> None:
    from spinscope.batch.plots import plot
    from spinscope.taxonomy import get_taxonomy

    page = plot(results, "techniques-by-outlet", tmp_path / "2023.svg", taxonomy="semeval2023").read_text("utf-8")
    assert "one of: Guilt by association, Appeal to popularity" in page and "Appeal to hypocrisy" in page
    assert get_taxonomy("semeval2023").get("Appeal_to_Hypocrisy").color.lower() in page.lower()
    default = plot(results, "techniques-by-outlet", tmp_path / "2020.svg").read_text("utf-8")
    assert "Bandwagon,Reductio_ad_hitlerum" in default and "one of:" not in default
