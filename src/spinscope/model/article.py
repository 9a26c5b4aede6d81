"""Article and Span: text stored once, findings as character-offset spans in named layers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from spinscope.errors import FormatError, SpanError

#: Version of the JSON form written by :meth:`Article.to_dict`; see ``model/article.schema.json``.
SCHEMA_VERSION = "1.0"

_METADATA_FIELDS = ("id", "title", "author", "outlet", "date", "url", "language")

#: Span attributes whose shape readers of a result rely on (the views iterate them): when present
#: and not null they must be JSON arrays. Other attributes stay free-form extras.
_LIST_ATTRS = ("top_words", "relays")


@dataclass(slots=True)
class Span:
    """A view on ``article.text[start:end]`` (start inclusive, end exclusive, as SemEval counts).

    A span never stores its text; ask the article with :meth:`Article.span_text`.
    ``attrs`` holds JSON-serialisable extras (a technique's reason, a quote's source...).
    """

    start: int
    end: int
    label: str = ""
    layer: str = ""
    score: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SpanError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise SpanError(f"span [{self.start}, {self.end}) is not a valid range")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the span, without its layer (the layer is the key it sits under)."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": self.score,
            "attrs": dict(self.attrs),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, layer: str = "") -> Span:
        """Build a span from :meth:`to_dict` output."""
        try:
            score = data.get("score")
            return cls(
                start=int(data["start"]),
                end=int(data["end"]),
                label=str(data.get("label", "")),
                layer=layer,
                score=None if score is None else float(score),
                attrs=dict(data.get("attrs") or {}),
            )
        except (KeyError, TypeError, ValueError, SpanError) as e:
            raise FormatError("span", f"malformed span {dict(data)!r}: {e}") from e


class Article:
    """One news article: metadata, its text (fixed at ingest) and span layers over that text."""

    __slots__ = ("_text", "author", "date", "id", "language", "layers", "meta", "outlet", "summary", "title", "url")

    def __init__(
        self,
        text: str,
        *,
        id: str = "",
        title: str | None = None,
        author: str | None = None,
        outlet: str | None = None,
        date: str | None = None,
        url: str | None = None,
        language: str = "en",
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"article text must be str, not {type(text).__name__}")
        self._text = text
        self.id = id
        self.title = title
        self.author = author
        self.outlet = outlet
        #: ISO date ``YYYY-MM-DD`` where known.
        self.date = date
        self.url = url
        self.language = language
        #: Reader-specific extras (source path, corpus row, HTML site name...).
        self.meta: dict[str, Any] = dict(meta or {})
        self.layers: dict[str, list[Span]] = {}
        #: Document-level findings of the stages (propaganda score, outlet profile, model info).
        self.summary: dict[str, Any] = {}

    @property
    def text(self) -> str:
        """The article text; it never changes after ingest."""
        return self._text

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, chars={len(self._text)}, layers={sorted(self.layers)})"

    def span_text(self, span: Span) -> str:
        """The characters a span covers."""
        return self._text[span.start : span.end]

    def spans(self, layer: str) -> list[Span]:
        """The spans of a layer, empty when the layer is absent."""
        return self.layers.get(layer, [])

    def set_layer(self, layer: str, spans: Iterable[Span]) -> list[Span]:
        """Replace a layer with ``spans`` (checked against the text, sorted by offset).

        Raises:
            SpanError: a span ends past the end of the text.
        """
        checked = []
        for span in spans:
            if span.end > len(self._text):
                raise SpanError(
                    f"article {self.id!r}: span [{span.start}, {span.end}) in layer {layer!r} "
                    f"ends past the text ({len(self._text)} characters)"
                )
            span.layer = layer
            checked.append(span)
        checked.sort(key=lambda s: (s.start, s.end, s.label))
        self.layers[layer] = checked
        return checked

    def iter_spans(self) -> Iterator[Span]:
        """Every span of every layer."""
        for spans in self.layers.values():
            yield from spans

    def metadata(self) -> dict[str, Any]:
        """The metadata fields as a dict (no text, no layers)."""
        return {name: getattr(self, name) for name in _METADATA_FIELDS}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``schema_version`` 1.0): what the CLI prints and every face renders.

        Each span dict also carries its ``text`` for readers of the JSON; it is derived,
        and :meth:`from_dict` checks it against the offsets.
        """
        article = self.metadata()
        article["text"] = self._text
        article["meta"] = dict(self.meta)
        layers = {}
        for name, spans in self.layers.items():
            layers[name] = [{**span.to_dict(), "text": self.span_text(span)} for span in spans]
        return {
            "schema_version": SCHEMA_VERSION,
            "article": article,
            "layers": layers,
            "summary": dict(self.summary),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "JSON") -> Article:
        """Rebuild an article from :meth:`to_dict` output (a saved result or a gold file).

        Raises:
            FormatError: wrong schema version, missing fields, or span text that does not match.
        """
        if not isinstance(data, Mapping):
            raise FormatError(source, "expected a JSON object")
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise FormatError(source, f"schema_version {version!r} is not supported (expected {SCHEMA_VERSION})")
        fields = data.get("article")
        if not isinstance(fields, Mapping) or not isinstance(fields.get("text"), str):
            raise FormatError(source, "'article.text' is missing")
        for name in _METADATA_FIELDS:
            if fields.get(name) is not None and not isinstance(fields[name], str):
                raise FormatError(source, f"'article.{name}' must be a string or null")
        layers, meta, summary = data.get("layers") or {}, fields.get("meta") or {}, data.get("summary") or {}
        for name, value in (("layers", layers), ("article.meta", meta), ("summary", summary)):
            if not isinstance(value, Mapping):
                raise FormatError(source, f"'{name}' must be a JSON object")
        article = cls(
            fields["text"],
            **{name: fields.get(name) for name in _METADATA_FIELDS if name not in ("id", "language")},
            id=str(fields.get("id") or ""),
            language=str(fields.get("language") or "en"),
            meta=meta,
        )
        for name, spans in layers.items():
            if not isinstance(spans, list) or not all(isinstance(raw, Mapping) for raw in spans):
                raise FormatError(source, f"layer {name!r} must be a list of span objects")
            parsed = []
            for raw in spans:
                try:
                    span = Span.from_dict(raw, layer=name)
                except FormatError as e:
                    raise FormatError(source, f"layer {name!r}: {e.problem}") from e
                if "text" in raw and raw["text"] != article.span_text(span):
                    raise FormatError(
                        source, f"span [{span.start}, {span.end}) in layer {name!r} does not match its text"
                    )
                _check_attrs(span, name, source=source)
                parsed.append(span)
            try:
                article.set_layer(name, parsed)
            except SpanError as e:
                raise FormatError(source, str(e)) from e
        _check_outlet(summary.get("outlet"), source=source)
        article.summary = dict(summary)
        return article


def _check_attrs(span: Span, layer: str, *, source: str) -> None:
    """Refuse span attributes of the wrong shape (see ``_LIST_ATTRS``), naming the field."""
    for key in _LIST_ATTRS:
        value = span.attrs.get(key)
        if value is not None and not isinstance(value, list):
            raise FormatError(
                source,
                f"layer {layer!r}, span [{span.start}, {span.end}): 'attrs.{key}' must be a list or null, "
                f"not {type(value).__name__}",
            )


def _check_outlet(outlet: Any, *, source: str) -> None:
    """``summary.outlet.ratings``, when present, must be a list of objects (one per reliability list)."""
    if not isinstance(outlet, Mapping):
        return
    ratings = outlet.get("ratings")
    if ratings is None:
        return
    if not isinstance(ratings, list) or not all(isinstance(rating, Mapping) for rating in ratings):
        raise FormatError(source, "'summary.outlet.ratings' must be a list of objects or null")
