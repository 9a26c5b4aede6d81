"""The Dask engine on a real 2-worker LocalCluster gives the local engine's results, row for row."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from spinscope.batch import BatchOptions, read_table, run_batch
from spinscope.batch.schema import TABLES
from spinscope.pipeline import shared_analyzers
from spinscope.settings import Settings

#: Columns that measure the run rather than describe the article.
TIMING_COLUMNS = ("elapsed_s",)


def _sorted(table: pa.Table, name: str) -> pa.Table:
    keys = {"articles": ["id"], "spans": ["article_id", "layer", "start", "end", "label"]}
    keys |= {"attributions": ["article_id", "index"], "errors": ["key"]}
    table = table.drop_columns([c for c in TIMING_COLUMNS if c in table.column_names])
    return table.sort_by([(key, "ascending") for key in keys[name]])


def _ptc_folder(root: Path, count: int) -> Path:
    """A PTC-style folder (``train-articles/`` beside ``train-labels-task-flc-tc/``) with two gold spans per article."""
    articles, labels = root / "train-articles", root / "train-labels-task-flc-tc"
    articles.mkdir(parents=True)
    labels.mkdir()
    for number in range(1, count + 1):
        article_id = str(700 + number)
        text = f"Headline {number}\n\nThey are traitors and cowards, every one of them, said the minister {number}.\n"
        (articles / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        start = text.index("traitors")
        rows = [
            f"{article_id}\tName_Calling,Labeling\t{start}\t{start + 8}",
            f"{article_id}\tLoaded_Language\t{start + 13}\t{start + 20}",
        ]
        (labels / f"article{article_id}.task-flc-tc.labels").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return articles


@pytest.mark.slow
def test_dask_local_cluster_equals_local_engine(
    corpus: tuple[Path, list[str]], tmp_path: Path, fast_settings: Settings
) -> None:
    from dask.distributed import Client, LocalCluster

    folder, ids = corpus
    (folder / "rows.jsonl").write_text('{"id": "row-1", "text": "One more."}\n{"text": 5}\n', encoding="utf-8")
    ptc = _ptc_folder(tmp_path / "ptc", count=4)
    inputs = [str(folder), str(ptc)]
    local = run_batch(inputs, tmp_path / "local", settings=fast_settings, options=BatchOptions(workers=2))
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        options = BatchOptions(dask_scheduler=cluster.scheduler_address, chunk_size=5)
        on_dask = run_batch(inputs, tmp_path / "dask", settings=fast_settings, options=options)
        # A worker that took part loaded its analyzer once for all its tasks.
        per_worker = client.run(shared_analyzers)
    assert len(per_worker) == 2 and set(per_worker.values()) <= {0, 1} and 1 in per_worker.values()
    assert (on_dask.processed, on_dask.failed) == (local.processed, local.failed) == (len(ids) + 6, 1)
    for name in TABLES:
        expected = _sorted(read_table(tmp_path / "local", name), name)
        actual = _sorted(read_table(tmp_path / "dask", name), name)
        assert actual.num_rows == expected.num_rows
        assert actual.equals(expected), f"table {name} differs between the engines"
    assert read_table(tmp_path / "dask", "articles").num_rows == len(ids) + 5
    assert read_table(tmp_path / "dask", "spans").num_rows == 8


@pytest.mark.slow
def test_dask_names_the_findings_in_the_batch_taxonomy_like_the_local_engine(
    tmp_path: Path, fast_settings: Settings
) -> None:
    from dask.distributed import LocalCluster

    from spinscope.batch.schema import tables_for
    from spinscope.batch.store import batch_taxonomy

    inputs = [str(_ptc_folder(tmp_path / "ptc", count=4))]
    settings = fast_settings.with_(taxonomy="semeval2023")
    run_batch(inputs, tmp_path / "local", settings=settings, options=BatchOptions(workers=1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        options = BatchOptions(dask_scheduler=cluster.scheduler_address, chunk_size=3)
        run_batch(inputs, tmp_path / "dask", settings=settings, options=options)
    assert batch_taxonomy(tmp_path / "dask") == batch_taxonomy(tmp_path / "local") == "semeval2023"
    for name, schema in tables_for("semeval2023").items():
        expected = _sorted(read_table(tmp_path / "local", name), name)
        actual = _sorted(read_table(tmp_path / "dask", name), name)
        timed = name == "articles"
        assert actual.schema.equals(schema.remove(schema.get_field_index("elapsed_s")) if timed else schema)
        assert actual.equals(expected), f"table {name} differs between the engines"
    labels = read_table(tmp_path / "dask", "spans").column("label").to_pylist()
    assert sorted(set(labels)) == ["Loaded_Language", "Name_Calling-Labeling"]
