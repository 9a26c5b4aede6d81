"""The reliability list files, read from a small folder built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from spinscope.io.outlet_lists import BALY_DIR, IDIAP_DIR, read_outlet_lists
from spinscope.outlets.lists import load_lists


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_rows_keep_file_order_and_missing_files_are_listed(tmp_path: Path) -> None:
    _write(tmp_path / BALY_DIR / "emnlp18" / "corpus.tsv", "source_url\tfact\tbias\nhttps://www.a.com\tlow\tright\n")
    golden = tmp_path / IDIAP_DIR / "golden_truth"
    _write(
        golden / "mbfc" / "mbfc.csv",
        "source,factual_reporting,bias,country,mbfc_credibility_rating\n"
        "b.org,high,center,US,high\nb.org,low,left,US,low\n",
    )
    _write(golden / "wikipedia_perennial_sources" / "wikipedia_perennial_sources.json", json.dumps({"a.com": -2}))
    rows = read_outlet_lists(tmp_path)
    assert [domain for domain, _ in rows.ratings] == ["https://www.a.com", "b.org", "a.com"]
    assert rows.ratings[0][1] == {
        "list": "baly-emnlp18 (MBFC)",
        "factuality": "low",
        "bias": "right",
        "country": None,
        "reliability": None,
    }
    assert rows.ratings[1][1]["factuality"] == "high"  # a repeated domain keeps its first row
    assert rows.ratings[2][1]["reliability"] == "deprecated"
    assert len(rows.found) == 3
    assert any(path.endswith("acl2020/corpus.tsv") for path in rows.missing)
    index = load_lists(tmp_path)
    assert [r["list"] for r in index.ratings["a.com"]] == ["baly-emnlp18 (MBFC)", "wikipedia-perennial (via idiap)"]
    assert index.stems["b"] == ("b.org",)


def test_no_list_folder_reads_as_nothing_found(tmp_path: Path) -> None:
    rows = read_outlet_lists(tmp_path)
    assert rows.ratings == [] and rows.found == [] and rows.missing
