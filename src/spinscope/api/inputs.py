"""Turn what a client sent (JSON with ``text``, ``html`` or ``url``, or an uploaded file) into an Article."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from spinscope.errors import FormatError, InputError
from spinscope.io.decode import parse_json
from spinscope.model import Article
from spinscope.settings import TAXONOMY_CHOICES, Settings, check_taxonomy

#: Corpus files hold many articles; /v1/analyze takes one (the CLI's analyze refuses them the same way).
_CORPUS_KINDS = {"jsonl": "a JSONL corpus (one article per line)", "csv": "a CSV corpus (one article per row)"}

#: Builds the article; runs in a worker thread (fetching a URL blocks).
ArticleReader = Callable[[], Article]


#: A request's ``taxonomy``: one of :data:`~spinscope.settings.TAXONOMY_CHOICES`, or None for the server's.
TaxonomyName = Annotated[str | None, AfterValidator(lambda value: None if value is None else check_taxonomy(value))]


class AnalyzeRequest(BaseModel):
    """JSON body of `POST /v1/analyze`: exactly one of `text`, `html` or `url`, and an optional `id`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        None, description="Plain text, or the record format (a 'date ... by ... – ...' first line)"
    )
    html: str | None = Field(None, description="An HTML page; the main text and metadata are extracted")
    url: str | None = Field(
        None, description="An http(s) URL to fetch (public addresses only unless the server allows)"
    )
    id: str = Field("", description="An id to give the article")
    min_score: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Show technique findings scoring at least this (default: the model's display threshold, "
        "the most precise score on held-out train articles, see the model card; 0 shows all)",
    )
    taxonomy: TaxonomyName = Field(
        None,
        description="How the findings are named: " + ", ".join(TAXONOMY_CHOICES) + " (default: the server's, "
        "semeval2020 unless `spinscope serve --taxonomy` says otherwise). semeval2023 names the same findings "
        "through the documented mapping, every candidate where 2023 split a class; nothing detected changes. "
        "With semeval2023 or both the result also has the model's SemEval-2023 paragraph labels "
        "(the paragraph_techniques layer)",
    )


def _validation_message(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "body"
        problems.append(f"{where}: {item['msg']}")
    return "; ".join(problems)


def reader_from_json(body: bytes, *, settings: Settings) -> ArticleReader:
    """A reader for a JSON request body.

    Raises:
        FormatError: the body is not JSON, or not exactly one of ``text``, ``html``, ``url``.
    """
    data = parse_json(body, source="request body")
    try:
        request = AnalyzeRequest.model_validate(data)
    except ValidationError as e:
        raise FormatError("request body", _validation_message(e)) from e
    given = [name for name in ("text", "html", "url") if getattr(request, name) is not None]
    if len(given) != 1:
        raise FormatError("request body", f"give exactly one of 'text', 'html' or 'url' (got {given or 'none'})")
    from spinscope.io import fetch_url, read_html, read_text

    if request.text is not None:
        text = request.text
        return lambda: read_text(text, id=request.id, source="request text")
    if request.html is not None:
        html = request.html
        return lambda: _with_id(read_html(html, source="request html"), request.id)
    url = request.url or ""
    return lambda: _with_id(fetch_url(url, settings=settings), request.id)


def min_score_from_json(body: bytes) -> float | None:
    """The ``min_score`` of a JSON request body already accepted by :func:`reader_from_json`."""
    data = parse_json(body, source="request body")
    value = data.get("min_score") if isinstance(data, Mapping) else None
    return float(value) if isinstance(value, int | float) else None


def taxonomy_from_json(body: bytes) -> str | None:
    """The ``taxonomy`` of a JSON request body already accepted by :func:`reader_from_json`."""
    data = parse_json(body, source="request body")
    value = data.get("taxonomy") if isinstance(data, Mapping) else None
    return value if isinstance(value, str) else None


def _with_id(article: Article, id: str) -> Article:
    if id:
        article.id = id
    return article


def reader_from_upload(filename: str, data: bytes, *, settings: Settings) -> ArticleReader:
    """A reader for an uploaded file: a saved result (JSON), HTML, or text/record format, told by name and content.

    The reader raises :class:`FormatError` for a ``.jsonl`` or ``.csv`` corpus file (many articles, not one).
    """
    name = filename.rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    from spinscope.io import read_bytes

    kind = _CORPUS_KINDS.get(suffix.lower()) if dot else None
    if kind is not None:
        problem = f"is {kind}, not one article; send one article per request, or run `spinscope batch` on the file"

        def refuse() -> Article:
            raise FormatError(f"uploaded file {filename!r}", problem)

        return refuse
    return lambda: read_bytes(
        data, source=f"uploaded file {filename!r}", id=stem, suffix=f".{suffix.lower()}" if dot else ""
    )


def result_from_json(body: bytes) -> Mapping[str, Any]:
    """A result dict sent to ``POST /v1/render``, checked to be a JSON object.

    Raises:
        InputError: the body is not a JSON object.
    """
    data = parse_json(body, source="request body")
    if not isinstance(data, dict):
        raise InputError("request body", "expected a spinscope result (a JSON object)")
    return data
