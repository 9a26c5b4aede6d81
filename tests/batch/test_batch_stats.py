"""``spinscope stats`` and ``spinscope plot`` on a small hand-built results folder with known numbers."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spinscope.batch import read_table
from spinscope.batch.plots import PLOT_KINDS, plot, technique_color
from spinscope.batch.schema import error_rows, result_rows
from spinscope.batch.stats import compute_stats, list_errors
from spinscope.batch.store import ResultStore
from spinscope.errors import DataNotFoundError, InputError
from spinscope.model import Article, Layer, Span

TEXT = (
    'Traitors and thugs ruined the harbour, said Mayor Varn, as carried by the Harbour Press Agency. "Shame," he said.'
)


def _article(article_id: str, outlet: str, author: str, date: str, score: float, labels: list[str]) -> Article:
    article = Article(TEXT, id=article_id, outlet=outlet, author=author, date=date)
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(0, 8, label=label, score=0.9, attrs={"reason": "a loaded word", "top_words": ["traitors"]})
            for label in labels
        ],
    )
    if article_id == "a1":
        content = TEXT.index('"Shame,"')
        source = TEXT.index("he said")
        article.set_layer(
            Layer.ATTRIBUTIONS,
            [
                Span(
                    content,
                    content + 8,
                    label="direct",
                    attrs={
                        "source": {"start": source, "end": source + 2},
                        "source_name": "Mayor Varn",
                        "cue": {"start": source + 3, "end": source + 7},
                        "relays": [
                            {"start": 74, "end": 94, "name": "Harbour Press Agency", "kind": "news_agency", "order": 1}
                        ],
                    },
                )
            ],
        )
    ratings = [{"list": "test", "factuality": "low" if outlet == "Daily Lantern" else "high", "bias": None}]
    article.summary = {
        "propaganda_score": score,
        "technique_counts": dict(Counter(labels)),
        "model": {"name": "hand-made", "version": "0"},
        "outlet": {
            "query": outlet,
            "name": outlet,
            "domain": None,
            "known": True,
            "ratings": ratings,
            "registry": None,
        },
    }
    return article


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles in two outlets, months and authors, four technique spans, one attribution, one error."""
    out = tmp_path_factory.mktemp("stats") / "results"
    articles = [
        _article(
            "a1",
            "Daily Lantern",
            "Ann",
            "2031-01-05",
            0.8,
            ["Loaded_Language", "Loaded_Language", "Name_Calling,Labeling"],
        ),
        _article("a2", "Daily Lantern", "Ben", "2031-02-10", 0.4, ["Loaded_Language"]),
        _article("a3", "Civic Courier", "Ann", "2031-02-20", 0.1, []),
    ]
    with ResultStore(out) as store:
        store.write_part([result_rows(a.id, a.to_dict(), elapsed_s=0.01) for a in articles[:2]])
        failed = error_rows(
            "input:x.txt", reason="EncodingError", message="x.txt: bad", article_id=None, source="x.txt"
        )
        store.write_part([result_rows(articles[2].id, articles[2].to_dict(), elapsed_s=0.01), failed])
    return out


def test_overview(results: Path) -> None:
    [row] = compute_stats(results)
    assert (row["articles"], row["errors"], row["spans"], row["attributions"]) == (3, 1, 4, 1)
    assert row["mean_propaganda_score"] == pytest.approx(0.4333, abs=1e-4)


def test_by_outlet_author_month(results: Path) -> None:
    outlets = {row["outlet"]: row for row in compute_stats(results, by="outlet")}
    assert outlets["Daily Lantern"]["articles"] == 2 and outlets["Daily Lantern"]["spans"] == 4
    assert outlets["Daily Lantern"]["mean_propaganda_score"] == pytest.approx(0.6)
    assert outlets["Daily Lantern"]["spans_per_article"] == pytest.approx(2.0)
    assert outlets["Daily Lantern"]["factuality"] == "low"
    assert outlets["Civic Courier"]["spans"] == 0
    authors = {row["author"]: row["articles"] for row in compute_stats(results, by="author")}
    assert authors == {"Ann": 2, "Ben": 1}
    months = [
        (row["month"], row["articles"], row["mean_propaganda_score"]) for row in compute_stats(results, by="month")
    ]
    assert months == [("2031-01", 1, pytest.approx(0.8)), ("2031-02", 2, pytest.approx(0.25))]


def test_by_technique(results: Path) -> None:
    rows = compute_stats(results, by="technique")
    assert [(r["technique"], r["spans"], r["articles"], r["share"]) for r in rows] == [
        ("Loaded_Language", 3, 2, 0.75),
        ("Name_Calling,Labeling", 1, 1, 0.25),
    ]
    assert compute_stats(results, by="technique", layer=Layer.GOLD_TECHNIQUES) == []


def test_attribution_rows_carry_texts_and_the_relay_chain(results: Path) -> None:
    [row] = read_table(results, "attributions").to_pylist()
    assert (row["content_text"], row["source_text"], row["cue_text"]) == ('"Shame,"', "he", "said")
    assert row["source_name"] == "Mayor Varn" and row["relay_chain"] == "Harbour Press Agency"
    assert row["relays"][0]["kind"] == "news_agency"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_stats_command_prints_every_format(results: Path, run_cli: Callable[..., Any], fmt: str) -> None:
    result = run_cli("stats", str(results), "--by", "outlet", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout) == compute_stats(results, by="outlet")
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [(r["outlet"], r["articles"]) for r in rows] == [("Daily Lantern", "2"), ("Civic Courier", "1")]
    else:
        lines = result.stdout.splitlines()
        assert lines[0].split()[:2] == ["outlet", "articles"]
        assert "Daily Lantern" in lines[2] and lines[2].split()[2] == "2"


def test_stats_on_a_folder_without_results_is_one_error_line(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    result = run_cli("stats", str(tmp_path))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "no batch results" in result.stderr


@pytest.mark.parametrize("kind", PLOT_KINDS)
@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_plot_writes_each_kind_and_format(results: Path, tmp_path: Path, kind: str, suffix: str) -> None:
    output = plot(results, kind, tmp_path / f"plot{suffix}")  # type: ignore[arg-type]
    data = output.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        page = data.decode("utf-8")
        assert "<svg" in page and "<script" not in page
        assert 'src="http' not in page and 'href="http' not in page  # opens offline
    if kind == "techniques-by-outlet" and suffix == ".svg":
        assert "Daily Lantern" in data.decode("utf-8") and "Loaded_Language" in data.decode("utf-8")


def test_technique_bars_use_the_taxonomy_colours(results: Path, tmp_path: Path) -> None:
    page = plot(results, "techniques-by-outlet", tmp_path / "plot.svg").read_text(encoding="utf-8")
    colour = technique_color("Loaded_Language")
    assert colour is not None and f"fill: {colour.lower()}" in page.lower()
    assert technique_color("Not_A_Technique") is None


def test_plot_command(results: Path, tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    output = tmp_path / "scores.png"
    result = run_cli("plot", str(results), "--kind", "score-distribution", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.stat().st_size > 1000


def test_plot_refuses_what_it_cannot_draw(results: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unsupported plot format"):
        plot(results, "over-time", tmp_path / "plot.gif")
    with pytest.raises(DataNotFoundError, match="no spans"):
        plot(results, "techniques-by-outlet", tmp_path / "plot.png", layer=Layer.GOLD_TECHNIQUES)


def test_list_errors_gives_each_failure(results: Path) -> None:
    assert list_errors(results) == [{"id": None, "input": "x.txt", "reason": "EncodingError", "message": "x.txt: bad"}]


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_stats_errors_lists_the_failed_documents(results: Path, run_cli: Callable[..., Any], fmt: str) -> None:
    result = run_cli("stats", str(results), "--errors", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout) == list_errors(results)
    else:
        assert result.stdout.splitlines() == [
            f"1 failed document in {results}:",
            "- (not read)  [x.txt]",
            "  EncodingError: x.txt: bad",
        ]


def test_batch_points_to_its_failures(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("The ferry to Port Vell was cancelled again.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = tmp_path / "results"
    done = run_cli("batch", str(tmp_path / "in"), "-o", str(out), "--no-techniques", "--no-progress", "--workers", "1")
    assert done.returncode == 3, done.stderr
    assert "1 error in" in done.stderr and "1 errors" not in done.stderr
    assert f"spinscope stats {out} --errors" in done.stderr
    listed = run_cli("stats", str(out), "--errors")
    assert listed.returncode == 0, listed.stderr
    assert "1 failed document in" in listed.stdout
    assert "empty.txt" in listed.stdout and "EmptyInputError" in listed.stdout


def test_technique_views_count_the_findings_from_min_score_up(
    results: Path, tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    # the tables keep every finding (all score 0.9 here); the views count those at the threshold
    assert compute_stats(results, by="technique", min_score=0.5) == compute_stats(results, by="technique")
    assert compute_stats(results, by="technique", min_score=0.95) == []
    with pytest.raises(DataNotFoundError):
        plot(results, "techniques-by-outlet", tmp_path / "none.svg", min_score=0.95)
    shown = run_cli("stats", str(results), "--by", "technique", "--min-score", "0.95", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == []
