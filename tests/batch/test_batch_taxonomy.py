"""``spinscope batch --taxonomy``: the tables name the findings in the chosen taxonomy, the folder remembers it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spinscope.batch import BatchOptions, read_table, run_batch
from spinscope.batch.schema import TABLES, result_rows, tables_for
from spinscope.batch.stats import compute_stats
from spinscope.batch.store import ResultStore, batch_taxonomy
from spinscope.errors import InputError
from spinscope.model import Article, Layer, Span
from spinscope.settings import Settings
from spinscope.taxonomy.mapping import CANDIDATE_JOINER, candidates_2023, label_2023

TEXT = "Everyone agrees the traitors must go, and what about their own scandals?"
BANDWAGON = "Bandwagon,Reductio_ad_hitlerum"
SPLIT = "Guilt_by_Association|Appeal_to_Popularity"


def _article() -> Article:
    article = Article(TEXT, id="t1", outlet="Daily Lantern")
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(0, 14, label=BANDWAGON, score=0.9, attrs={"semeval2023": SPLIT.split("|")}),
            Span(20, 28, label="Name_Calling,Labeling", score=0.8, attrs={"semeval2023": ["Name_Calling-Labeling"]}),
        ],
    )
    article.set_layer(Layer.GOLD_TECHNIQUES, [Span(20, 28, label="Black-and-White_Fallacy")])
    return article


def _write(out: Path, taxonomy: str) -> Path:
    article = _article()
    with ResultStore(out, taxonomy=taxonomy) as store:
        store.write_part([result_rows(article.id, article.to_dict(), elapsed_s=0.01, taxonomy=taxonomy)])
    return out


@pytest.mark.parametrize("taxonomy", ["semeval2023", "both"])
def test_a_split_class_keeps_every_candidate_and_both_names_are_columns(tmp_path: Path, taxonomy: str) -> None:
    out = _write(tmp_path / "results", taxonomy)
    spans = read_table(out, "spans")
    assert spans.schema == tables_for(taxonomy)["spans"]
    rows = {(r["layer"], r["start"]): r for r in spans.to_pylist()}
    first, gold = rows[(Layer.TECHNIQUES, 0)], rows[(Layer.GOLD_TECHNIQUES, 20)]
    assert (first["semeval2020"], first["semeval2023"]) == (BANDWAGON, SPLIT)
    # Gold written without a reading is named through its label's mapping.
    assert (gold["semeval2020"], gold["semeval2023"]) == ("Black-and-White_Fallacy", "False_Dilemma-No_Choice")
    expected_label = first["semeval2023"] if taxonomy == "semeval2023" else BANDWAGON
    assert first["label"] == expected_label
    article = read_table(out, "articles").to_pylist()[0]
    counts_2023 = article["technique_counts" if taxonomy == "semeval2023" else "technique_counts_2023"]
    assert dict(counts_2023) == {SPLIT: 1, "Name_Calling-Labeling": 1}
    manifest = json.loads((out / "parts" / "part-000000" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["taxonomy"] == taxonomy == batch_taxonomy(out)


def test_the_default_tables_and_manifest_are_as_before(tmp_path: Path) -> None:
    out = _write(tmp_path / "results", "semeval2020")
    assert tables_for("semeval2020") is TABLES
    assert read_table(out, "spans").schema == TABLES["spans"]
    assert read_table(out, "articles").schema == TABLES["articles"]
    manifest = json.loads((out / "parts" / "part-000000" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest) == ["tables_version", "keys"]
    assert batch_taxonomy(out) == "semeval2020"
    assert batch_taxonomy(tmp_path / "empty") is None


@pytest.mark.parametrize("taxonomy", ["semeval2020", "semeval2023", "both"])
def test_stats_default_to_the_batch_taxonomy_and_any_taxonomy_reads_any_batch(tmp_path: Path, taxonomy: str) -> None:
    out = _write(tmp_path / "results", taxonomy)
    default = _write(tmp_path / "default", "semeval2020")
    assert compute_stats(out, by="technique") == compute_stats(default, by="technique", taxonomy=taxonomy)
    for asked in ("semeval2020", "semeval2023", "both"):
        assert compute_stats(out, by="technique", taxonomy=asked) == compute_stats(
            default, by="technique", taxonomy=asked
        )
        gold = {"by": "technique", "taxonomy": asked, "layer": Layer.GOLD_TECHNIQUES}
        assert compute_stats(out, **gold) == compute_stats(default, **gold)


def test_a_store_of_another_taxonomy_is_refused_and_the_folder_stays_usable(tmp_path: Path) -> None:
    out = _write(tmp_path / "results", "semeval2023")
    with pytest.raises(InputError, match=r"semeval2023 taxonomy, not both: resume it with --taxonomy semeval2023"):
        ResultStore(out, taxonomy="both").open()
    with ResultStore(out, taxonomy="semeval2023") as store:  # the refused store let go of the lock
        assert store.taxonomy == "semeval2023"


def test_the_real_model_batch_names_its_findings_in_2023(corpus: tuple[Path, list[str]], tmp_path: Path) -> None:
    folder, ids = corpus
    settings = Settings(quotes=False, outlet=False)
    inputs, options = [str(folder)], BatchOptions(workers=1)
    run_batch(inputs, tmp_path / "d2020", settings=settings, options=options)
    run_batch(inputs, tmp_path / "d2023", settings=settings.with_(taxonomy="semeval2023"), options=options)
    before, after = read_table(tmp_path / "d2020", "spans").to_pylist(), read_table(tmp_path / "d2023", "spans")
    assert after.num_rows == len(before) > 0
    keyed = {(r["article_id"], r["start"], r["end"], r["semeval2020"]): r for r in after.to_pylist()}
    for row in before:
        named = keyed[(row["article_id"], row["start"], row["end"], row["label"])]
        assert named["label"] == named["semeval2023"] == label_2023(row["label"], json.loads(row["attrs"]))
        assert named["label"] == CANDIDATE_JOINER.join(candidates_2023(row["label"]))
    counts = Counter(r["label"] for r in after.to_pylist())
    table_counts: Counter[str] = Counter()
    for article in read_table(tmp_path / "d2023", "articles").to_pylist():
        table_counts.update(dict(article["technique_counts"]))
    assert table_counts == counts
    assert len(read_table(tmp_path / "d2023", "articles")) == len(ids)


def test_the_cli_records_the_taxonomy_and_refuses_a_resume_with_another(
    corpus: tuple[Path, list[str]], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    folder, ids = corpus
    out = tmp_path / "results"
    fast = ["--no-techniques", "--no-quotes", "--no-outlet", "--no-progress", "--workers", "1"]
    first = run_cli("batch", str(folder), "-o", str(out), "--taxonomy", "both", *fast)
    assert first.returncode == 0, first.stderr
    assert batch_taxonomy(out) == "both"
    refused = run_cli("batch", str(folder), "-o", str(out), *fast)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"spinscope batch: error: {out}: holds results named in the both taxonomy, not semeval2020: resume it with "
        "--taxonomy both, or write the semeval2020 results into another folder"
    ]
    again = run_cli("batch", str(folder), "-o", str(out), "--taxonomy", "both", *fast)
    assert again.returncode == 0 and f"{len(ids)} already done" in again.stderr
