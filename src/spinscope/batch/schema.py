"""The Parquet tables a batch writes, and how one analysed article becomes their rows.

Four tables, each one file per part (see :mod:`spinscope.batch.store`):

- ``articles``: one row per analysed article (metadata, scores, counts, outlet, timing);
- ``spans``: one row per technique span (predicted ``techniques`` and ``gold_techniques``);
- ``attributions``: one row per attribution (content, source, cue, resolved name, relay chain);
- ``errors``: one row per document that failed (bad input, timeout, crash, stage error).

A batch names its findings in one taxonomy (:attr:`Settings.taxonomy`, see :func:`tables_for`): the
default tables carry the model's SemEval-2020 labels; ``semeval2023`` and ``both`` add each span's name
in both taxonomies. ``docs/batch.md`` documents every column; keep the two in step.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from spinscope.model import Article, Layer
from spinscope.model.profile import Profile
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, check_taxonomy
from spinscope.taxonomy.mapping import label_2023

#: Version of the table layout below; stored in every part's manifest.
TABLES_VERSION = "1.0"

#: Span layers copied into the ``spans`` table (sentences and paragraphs would dwarf everything else).
SPAN_LAYERS = (Layer.TECHNIQUES, Layer.GOLD_TECHNIQUES)

ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("author", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("date", pa.string()),
        pa.field("url", pa.string()),
        pa.field("language", pa.string()),
        pa.field("source", pa.string()),
        pa.field("n_chars", pa.int64(), nullable=False),
        pa.field("n_sentences", pa.int64(), nullable=False),
        pa.field("propaganda_score", pa.float64()),
        pa.field("technique_counts", pa.map_(pa.string(), pa.int64())),
        pa.field("n_spans", pa.int64(), nullable=False),
        pa.field("n_gold_spans", pa.int64(), nullable=False),
        pa.field("n_attributions", pa.int64(), nullable=False),
        pa.field("outlet_name", pa.string()),
        pa.field("outlet_known", pa.bool_()),
        pa.field("outlet_factuality", pa.string()),
        pa.field("outlet_bias", pa.string()),
        pa.field("model_name", pa.string()),
        pa.field("model_version", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("elapsed_s", pa.float64(), nullable=False),
    ]
)

SPANS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("layer", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("score", pa.float64()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("attrs", pa.string(), nullable=False),
    ]
)

_RELAY_TYPE = pa.struct(
    [
        pa.field("order", pa.int64()),
        pa.field("name", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
    ]
)

ATTRIBUTIONS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("index", pa.int64(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("content_start", pa.int64(), nullable=False),
        pa.field("content_end", pa.int64(), nullable=False),
        pa.field("content_text", pa.string(), nullable=False),
        pa.field("source_start", pa.int64()),
        pa.field("source_end", pa.int64()),
        pa.field("source_text", pa.string()),
        pa.field("source_name", pa.string()),
        pa.field("cue_start", pa.int64()),
        pa.field("cue_end", pa.int64()),
        pa.field("cue_text", pa.string()),
        pa.field("relay_chain", pa.string()),
        pa.field("relays", pa.list_(_RELAY_TYPE)),
    ]
)

ERRORS_SCHEMA = pa.schema(
    [
        pa.field("key", pa.string(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("input", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)

#: Table name -> schema, in the order parts are written.
TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES_SCHEMA,
    "spans": SPANS_SCHEMA,
    "attributions": ATTRIBUTIONS_SCHEMA,
    "errors": ERRORS_SCHEMA,
}

#: Columns of the ``spans`` table of a batch named in SemEval-2023 or both (after ``label``): the span's
#: label as the model or the gold file gave it, and its SemEval-2023 name (every candidate where 2023
#: split a 2020 class, joined by ``|``: :func:`~spinscope.taxonomy.mapping.label_2023`).
NAME_COLUMNS = (pa.field("semeval2020", pa.string()), pa.field("semeval2023", pa.string()))
#: Column of the ``articles`` table of a batch named in both taxonomies (after ``technique_counts``).
COUNTS_2023_COLUMN = pa.field("technique_counts_2023", pa.map_(pa.string(), pa.int64()))


def tables_for(taxonomy: str) -> dict[str, pa.Schema]:
    """The tables of a batch whose findings are named in ``taxonomy`` (:attr:`Settings.taxonomy`).

    ``semeval2020``: :data:`TABLES`, ``label`` and ``technique_counts`` as the model wrote them.
    ``semeval2023``: ``label`` and ``technique_counts`` by SemEval-2023 name; ``spans`` adds
    :data:`NAME_COLUMNS`. ``both``: the 2020 ``label`` and ``technique_counts``; ``spans`` adds
    :data:`NAME_COLUMNS` and ``articles`` adds :data:`COUNTS_2023_COLUMN`.

    Raises:
        ValueError: an unknown taxonomy.
    """
    check_taxonomy(taxonomy)
    if taxonomy == SEMEVAL2020:
        return TABLES
    spans = SPANS_SCHEMA
    for offset, column in enumerate(NAME_COLUMNS, start=SPANS_SCHEMA.get_field_index("label") + 1):
        spans = spans.insert(offset, column)
    articles = ARTICLES_SCHEMA
    if taxonomy == BOTH:
        articles = articles.insert(ARTICLES_SCHEMA.get_field_index("technique_counts") + 1, COUNTS_2023_COLUMN)
    return TABLES | {"articles": articles, "spans": spans}


#: Separator between the outlets of a relay chain in ``attributions.relay_chain``.
RELAY_SEPARATOR = " > "

#: Error reasons the batch itself assigns (other failures use the exception's class name).
REASON_TIMEOUT = "timeout"
REASON_CRASH = "worker crashed"
REASON_DUPLICATE = "duplicate id"


@dataclass
class DocumentRows:
    """Everything one document adds to the tables: rows of an analysed article, or one error row.

    ``key`` identifies the document across runs (its article id, or its input for an unreadable one);
    a part's manifest lists the keys it holds, which is what makes resuming exact.
    """

    key: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    spans: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: The whole result dict of an analysed article (text included), kept so it can be rendered or
    #: compared again; written to the part's ``results.jsonl`` (see :mod:`spinscope.batch.results`).
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def article_source(article: Article) -> str | None:
    """Where an article was read from: its file path, or ``file:line`` for a corpus row."""
    source = article.meta.get("path") or article.meta.get("source")
    return None if source is None else str(source)


def error_rows(key: str, *, reason: str, message: str, article_id: str | None, source: str | None) -> DocumentRows:
    """The rows of a document that failed."""
    row = {"key": key, "id": article_id, "input": source, "reason": reason, "message": message}
    return DocumentRows(key=key, errors=[row])


def article_error_rows(key: str, article: Article, *, reason: str, message: str) -> DocumentRows:
    """The rows of an article that was read but could not be analysed."""
    return error_rows(key, reason=reason, message=message, article_id=article.id, source=article_source(article))


def _offsets(value: Any) -> tuple[int | None, int | None]:
    if isinstance(value, dict) and "start" in value and "end" in value:
        return int(value["start"]), int(value["end"])
    return None, None


def _slice(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]


def _outlet_fields(profile: Any) -> dict[str, Any]:
    """Name, known flag and the first factuality/bias rating of an outlet profile dict."""
    if not isinstance(profile, dict):
        return {"outlet_name": None, "outlet_known": None, "outlet_factuality": None, "outlet_bias": None}
    ratings = [r for r in profile.get("ratings") or [] if isinstance(r, dict)]
    factuality = next((str(r["factuality"]) for r in ratings if r.get("factuality") is not None), None)
    bias = next((str(r["bias"]) for r in ratings if r.get("bias") is not None), None)
    return {
        "outlet_name": profile.get("name"),
        "outlet_known": bool(profile.get("known")),
        "outlet_factuality": factuality,
        "outlet_bias": bias,
    }


def _counts(names: list[str]) -> list[tuple[str, int]]:
    return sorted(Counter(names).items())


def _name_spans(rows: list[dict[str, Any]], attrs: list[Mapping[str, Any]], taxonomy: str) -> list[str]:
    """Give the span rows of a batch named in ``taxonomy`` their :data:`NAME_COLUMNS` (and the 2023 label);
    return the 2023 names of the predicted ones."""
    predicted = []
    for row, span_attrs in zip(rows, attrs, strict=True):
        name_2023 = label_2023(row["label"], span_attrs)
        row["semeval2020"], row["semeval2023"] = row["label"], name_2023
        if taxonomy == SEMEVAL2023:
            row["label"] = name_2023
        if row["layer"] == Layer.TECHNIQUES:
            predicted.append(name_2023)
    return predicted


def result_rows(key: str, result: dict[str, Any], *, elapsed_s: float, taxonomy: str = SEMEVAL2020) -> DocumentRows:
    """Turn one ``Article.to_dict()`` result into table rows, findings named in ``taxonomy`` (:func:`tables_for`).

    A finding of a 2020 class that 2023 split keeps every candidate (``Guilt_by_Association|Appeal_to_Popularity``),
    from its stored reading (``attrs.semeval2023``), else its label's mapping: the model cannot tell them apart.
    """
    check_taxonomy(taxonomy)
    article = result["article"]
    layers: dict[str, list[dict[str, Any]]] = result.get("layers") or {}
    article_id = str(article["id"])
    text: str = article["text"]
    profile = Profile.from_result(result)
    model: dict[str, Any] = profile.model or {}
    counts = profile.detected_counts
    score = profile.propaganda_score
    meta = article.get("meta") or {}
    row = {
        **{name: article.get(name) for name in ("title", "author", "outlet", "date", "url", "language")},
        "id": article_id,
        "source": meta.get("path") or meta.get("source"),  # as article_source() reads it
        "n_chars": len(text),
        "n_sentences": len(layers.get(Layer.SENTENCES, [])),
        "propaganda_score": None if score is None else float(score),
        "technique_counts": sorted((str(k), int(v)) for k, v in counts.items()),
        "n_spans": len(layers.get(Layer.TECHNIQUES, [])),
        "n_gold_spans": len(layers.get(Layer.GOLD_TECHNIQUES, [])),
        "n_attributions": len(layers.get(Layer.ATTRIBUTIONS, [])),
        **_outlet_fields(profile.outlet),
        "model_name": model.get("name"),
        "model_version": None if model.get("version") is None else str(model.get("version")),
        "status": "ok",
        "elapsed_s": float(elapsed_s),
    }
    spans = [
        {
            "article_id": article_id,
            "layer": layer,
            "label": span.get("label") or "",
            "start": int(span["start"]),
            "end": int(span["end"]),
            "score": None if span.get("score") is None else float(span["score"]),
            "text": text[int(span["start"]) : int(span["end"])],
            "attrs": json.dumps(span.get("attrs") or {}, ensure_ascii=False, sort_keys=True),
        }
        for layer in SPAN_LAYERS
        for span in layers.get(layer, [])
    ]
    if taxonomy != SEMEVAL2020:
        found = [span.get("attrs") or {} for layer in SPAN_LAYERS for span in layers.get(layer, [])]
        # Counted from the layer, as the detect stage counts summary.technique_counts (every predicted span).
        named = _name_spans(spans, found, taxonomy)
        if taxonomy == SEMEVAL2023:
            row["technique_counts"] = _counts(named)
        else:
            row["technique_counts_2023"] = _counts(named)
    attributions = []
    for index, span in enumerate(layers.get(Layer.ATTRIBUTIONS, [])):
        attrs = span.get("attrs") or {}
        source_start, source_end = _offsets(attrs.get("source"))
        cue_start, cue_end = _offsets(attrs.get("cue"))
        relays = sorted(
            (r for r in attrs.get("relays") or [] if isinstance(r, dict)), key=lambda r: int(r.get("order") or 0)
        )
        attributions.append(
            {
                "article_id": article_id,
                "index": index,
                "label": span.get("label") or "",
                "content_start": int(span["start"]),
                "content_end": int(span["end"]),
                "content_text": text[int(span["start"]) : int(span["end"])],
                "source_start": source_start,
                "source_end": source_end,
                "source_text": _slice(text, source_start, source_end),
                "source_name": attrs.get("source_name"),
                "cue_start": cue_start,
                "cue_end": cue_end,
                "cue_text": _slice(text, cue_start, cue_end),
                "relay_chain": RELAY_SEPARATOR.join(str(r.get("name") or "?") for r in relays) or None,
                "relays": [
                    {
                        "order": r.get("order"),
                        "name": r.get("name"),
                        "kind": r.get("kind"),
                        "start": r.get("start"),
                        "end": r.get("end"),
                    }
                    for r in relays
                ],
            }
        )
    return DocumentRows(key=key, articles=[row], spans=spans, attributions=attributions, results=[result])


def to_tables(documents: list[DocumentRows], taxonomy: str = SEMEVAL2020) -> dict[str, pa.Table]:
    """One Arrow table per table name holding the rows of ``documents`` (empty tables keep their schema),
    laid out as :func:`tables_for` ``taxonomy`` says."""
    return {
        name: pa.Table.from_pylist([row for doc in documents for row in getattr(doc, name)], schema=schema)
        for name, schema in tables_for(taxonomy).items()
    }
