"""Statistics over a results folder: DuckDB SQL over the Parquet parts, no server.

Every function returns plain rows (``list[dict]``) that the CLI prints as a table, CSV or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from spinscope.batch.schema import TABLES
from spinscope.batch.store import batch_taxonomy, table_files
from spinscope.model import Layer
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, check_taxonomy

GroupBy = Literal["outlet", "author", "month", "technique"]
GROUP_BY: tuple[GroupBy, ...] = ("outlet", "author", "month", "technique")

#: Decimal places of averages and shares in the returned rows.
DIGITS = 4

_UNKNOWN = "(unknown)"

# Per-article aggregates shared by the outlet, author and month tables.
_ARTICLE_AGGREGATES = f"""
    count(*) AS articles,
    round(avg(propaganda_score), {DIGITS}) AS mean_propaganda_score,
    sum(n_spans) AS spans,
    round(sum(n_spans) / count(*), {DIGITS}) AS spans_per_article,
    sum(n_gold_spans) AS gold_spans,
    sum(n_attributions) AS attributions
"""

_QUERIES: dict[str, str] = {
    "overview": f"""
        SELECT
            (SELECT count(*) FROM articles) AS articles,
            (SELECT count(*) FROM errors) AS errors,
            (SELECT round(avg(propaganda_score), {DIGITS}) FROM articles) AS mean_propaganda_score,
            (SELECT round(median(propaganda_score), {DIGITS}) FROM articles) AS median_propaganda_score,
            (SELECT sum(n_spans) FROM articles) AS spans,
            (SELECT sum(n_gold_spans) FROM articles) AS gold_spans,
            (SELECT sum(n_attributions) FROM articles) AS attributions,
            (SELECT count(*) FILTER (WHERE outlet_known) FROM articles) AS articles_known_outlet,
            (SELECT sum(n_chars) FROM articles) AS characters
    """,
    "outlet": f"""
        SELECT coalesce(outlet_name, outlet, '{_UNKNOWN}') AS outlet,
               {_ARTICLE_AGGREGATES},
               any_value(outlet_factuality) AS factuality
        FROM articles GROUP BY 1 ORDER BY articles DESC, outlet
    """,
    "author": f"""
        SELECT coalesce(author, '{_UNKNOWN}') AS author, {_ARTICLE_AGGREGATES}
        FROM articles GROUP BY 1 ORDER BY articles DESC, author
    """,
    "month": f"""
        SELECT coalesce(substr(date, 1, 7), '{_UNKNOWN}') AS month, {_ARTICLE_AGGREGATES}
        FROM articles GROUP BY 1 ORDER BY month
    """,
}

#: Spans per technique; ``{named}`` is the table of spans with both names (see :func:`named_spans_sql`).
_TECHNIQUE_QUERY = f"""
    WITH named AS ({{named}})
    SELECT {{columns}},
           count(*) AS spans,
           count(DISTINCT article_id) AS articles,
           round(count(*) / sum(count(*)) OVER (), {DIGITS}) AS share,
           round(avg(score), {DIGITS}) AS mean_score,
           round(avg("end" - start), 1) AS mean_chars
    FROM named WHERE layer = $layer AND (score IS NULL OR score >= $min_score)
    GROUP BY ALL ORDER BY spans DESC, technique
"""
#: What ``--taxonomy`` groups and names the technique rows by.
_TECHNIQUE_COLUMNS = {
    SEMEVAL2020: "semeval2020 AS technique",
    SEMEVAL2023: "semeval2023 AS technique",
    BOTH: "semeval2020 AS technique, semeval2023",
}


def named_spans_sql(written_in: str = SEMEVAL2020) -> str:
    """SQL: the spans with ``semeval2020`` (the label as found) and ``semeval2023`` (candidates joined by ``|``,
    one name per finding), for a batch whose tables are named in ``written_in`` (:func:`batch_taxonomy`).

    A batch named in SemEval-2023 or both has the two columns already. Otherwise: the stored
    ``attrs.semeval2023`` first; a span written without it (older results, gold) is mapped from its
    label; a label neither taxonomy knows stays as it is.
    """
    if written_in != SEMEVAL2020:
        return "SELECT * FROM spans"
    from spinscope.taxonomy import TECHNIQUE_NAMES
    from spinscope.taxonomy.mapping import CANDIDATE_JOINER, candidates_2023

    def quoted(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    rows = ", ".join(
        f"({quoted(name)}, {quoted(CANDIDATE_JOINER.join(candidates_2023(name)))})" for name in TECHNIQUE_NAMES
    )
    stored = "CAST(json_extract(s.attrs, '$.semeval2023') AS VARCHAR[])"
    return f"""
        SELECT s.*, s.label AS semeval2020,
               coalesce(nullif(array_to_string({stored}, {quoted(CANDIDATE_JOINER)}), ''), m.name, s.label)
               AS semeval2023
        FROM spans s LEFT JOIN (VALUES {rows}) AS m(label, name) ON s.label = m.label
    """


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def connect(results_dir: Path | str) -> Any:
    """An in-memory DuckDB connection with one view per table over the folder's Parquet parts.

    Raises:
        DataNotFoundError: the folder holds no batch results.
    """
    import duckdb

    con = duckdb.connect(":memory:")
    for table in TABLES:
        files = table_files(Path(results_dir), table)
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_sql_list(files)})")
    return con


def query(results_dir: Path | str, sql: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run SQL over the views ``articles``, ``spans``, ``attributions`` and ``errors``; rows as dicts."""
    con = connect(results_dir)
    try:
        cursor = con.execute(sql, parameters or {})
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def compute_stats(
    results_dir: Path | str,
    *,
    by: GroupBy | None = None,
    layer: str = Layer.TECHNIQUES,
    min_score: float = 0.0,
    taxonomy: str | None = None,
) -> list[dict[str, Any]]:
    """Summary rows of a results folder: one overview row, or one row per outlet/author/month/technique.

    Args:
        by: what to group by; ``None`` gives the one-row overview.
        layer: for ``by="technique"``: predicted ``techniques`` or the corpus's ``gold_techniques``.
        min_score: for ``by="technique"``: count the findings scoring at least this (gold spans, which have
            no score, always count); the tables keep every finding.
        taxonomy: for ``by="technique"`` (:attr:`Settings.taxonomy`; ``None``: the one the batch was run with):
            ``semeval2023`` counts by SemEval-2023 name, a finding with several candidates once under their
            joined name (``Guilt_by_Association|Appeal_to_Popularity``); ``both`` adds a ``semeval2023`` column.
    """
    written_in = batch_taxonomy(results_dir) or SEMEVAL2020
    taxonomy = check_taxonomy(taxonomy or written_in)
    if by is not None and by not in GROUP_BY:
        raise ValueError(f"cannot group by {by!r}; expected one of {GROUP_BY}")
    if by == "technique":
        sql = _TECHNIQUE_QUERY.format(named=named_spans_sql(written_in), columns=_TECHNIQUE_COLUMNS[taxonomy])
        return query(results_dir, sql, {"layer": layer, "min_score": min_score})
    return query(results_dir, _QUERIES[by or "overview"])


_ERRORS_QUERY = """
    SELECT id, input, reason, message FROM errors ORDER BY input NULLS LAST, id NULLS LAST, key
"""


def list_errors(results_dir: Path | str) -> list[dict[str, Any]]:
    """The failed documents of a results folder: ``id`` (``None`` when the input could not be
    read), ``input`` (file, or ``file:line`` for a corpus row), ``reason`` and ``message``."""
    return query(results_dir, _ERRORS_QUERY)
