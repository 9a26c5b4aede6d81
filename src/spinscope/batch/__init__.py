"""Batch analysis of whole corpora into Parquet tables, resumable after a crash, local or on Dask.

>>> from spinscope import Settings
>>> from spinscope.batch import BatchOptions, run_batch  # doctest: +SKIP
>>> report = run_batch(["corpus/"], "results/", settings=Settings(), options=BatchOptions(workers=2))  # doctest: +SKIP
"""

from spinscope.batch.runner import BatchOptions, BatchProgress, BatchReport, run_batch
from spinscope.batch.store import read_table

__all__ = ["BatchOptions", "BatchProgress", "BatchReport", "read_table", "run_batch"]
