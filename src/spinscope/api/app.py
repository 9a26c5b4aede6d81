"""The HTTP API: a FastAPI app that loads the analyzer once and answers with the result dict.

Routes: ``POST /v1/analyze``, ``POST /v1/render``, ``POST /v1/compare``, ``GET /v1/techniques``, ``GET /healthz``,
``GET /docs`` (offline API reference), ``GET /openapi.json`` and the web page at ``/``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinscope.api.errors import (
    HTTP_ERROR,
    HTTP_STATUS_TYPES,
    INTERNAL_ERROR,
    INVALID_REQUEST,
    UNSUPPORTED_MEDIA_TYPE,
    error_kind,
    error_response,
    spinscope_error_response,
)
from spinscope.api.inputs import (
    AnalyzeRequest,
    min_score_from_json,
    reader_from_json,
    reader_from_upload,
    result_from_json,
    taxonomy_from_json,
)
from spinscope.api.limits import ApiLimits, BodySizeLimit
from spinscope.api.worker import AnalysisPool
from spinscope.errors import AnalysisCancelled, FormatError, InputTooLargeError, SpinscopeError
from spinscope.model import Article
from spinscope.pipeline import Analyzer
from spinscope.settings import SEMEVAL2020, SEMEVAL2023, TAXONOMY_CHOICES, Settings, check_taxonomy
from spinscope.version import __version__

log = logging.getLogger("spinscope.api")

#: Response formats of ``/v1/analyze`` and ``/v1/render``.
OutputFormat = Literal["json", "html", "text"]
FormatQuery = Annotated[OutputFormat, Query(alias="format", description="json (the result dict), html or text")]
TaxonomyQuery = Annotated[
    str | None,
    Query(
        description="How the findings are named: " + ", ".join(TAXONOMY_CHOICES) + " (default: the server's; "
        "semeval2023 names the same findings through the documented mapping, every candidate where 2023 "
        "split a class; with semeval2023 or both, /v1/analyze also gives the model's SemEval-2023 paragraph labels)"
    ),
]
MinScoreQuery = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="show technique findings scoring at least this (default: the model's display threshold; 0: all)",
    ),
]

#: Headers of every HTML page served: nothing may be loaded from anywhere but this server.
PAGE_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ErrorDetail(BaseModel):
    status: int
    type: str
    message: str


class ErrorBody(BaseModel):
    """Every error answer: ``{"error": {"status", "type", "message"}}``."""

    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "Request body or article text over the size limit (input_too_large)"},
    415: {"model": ErrorBody, "description": "Body is neither JSON nor multipart/form-data"},
    422: {"model": ErrorBody, "description": "Unreadable input or bad URL"},
    504: {"model": ErrorBody, "description": "Took longer than the time limit; the analysis is stopped (timeout)"},
}

_ANALYZE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": AnalyzeRequest.model_json_schema(),
                "examples": {
                    "text": {"value": {"text": "They are traitors who hate freedom.", "id": "demo"}},
                    "html": {"value": {"html": "<html><body><article><p>Story...</p></article></body></html>"}},
                    "url": {"value": {"url": "https://example.org/story"}},
                },
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}

_RENDER_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object", "description": "A spinscope result dict"}}},
    }
}


def _taxonomy(value: str | None, settings: Settings) -> str:
    """The taxonomy a request asks for (``None``: the server's :attr:`Settings.taxonomy`).

    Raises:
        FormatError: not one of :data:`TAXONOMY_CHOICES` (422, naming the value and the choices).
    """
    if value is None:
        return settings.taxonomy
    try:
        return check_taxonomy(value)
    except ValueError as e:
        raise FormatError("taxonomy", str(e)) from e


def _format_result(
    result: dict[str, Any], output: OutputFormat, min_score: float | None = None, taxonomy: str = SEMEVAL2020
) -> Response:
    """The response of a result: JSON with the findings shown at ``min_score`` (``None``: the model's
    display threshold), or the HTML report / text view starting from it, named in ``taxonomy``."""
    if output == "json":
        from spinscope.render.view import shown_result

        return JSONResponse(shown_result(result, min_score, taxonomy))
    from spinscope.render import render

    rendered = render(result, output, color=False, min_score=min_score, taxonomy=taxonomy)
    if output == "html":
        return HTMLResponse(rendered, headers=PAGE_SECURITY_HEADERS)
    return PlainTextResponse(rendered)


def create_app(*, settings: Settings | None = None, limits: ApiLimits | None = None) -> FastAPI:
    """Build the app; the analyzer (models included) loads here, once per process.

    Args:
        settings: what the analysis runs (stages, model directory, URL fetching rules) and the
            article length limit (``max_chars``, 413 above).
        limits: body size, time per request and concurrent analyses.
    """
    settings = settings or Settings()
    limits = limits or ApiLimits()
    analyzer = Analyzer(settings)
    pool = AnalysisPool(workers=limits.workers, timeout_s=limits.timeout_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown()

    app = FastAPI(
        title="spinscope",
        version=__version__,
        summary="Find how news articles try to persuade: propaganda techniques, quotes and relays, outlets.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    body_cap = limits.body_cap(settings)
    app.add_middleware(BodySizeLimit, max_bytes=body_cap)
    app.state.analyzer = analyzer
    app.state.limits = limits

    @app.exception_handler(SpinscopeError)
    async def spinscope_error(request: Request, error: SpinscopeError) -> JSONResponse:
        if error_kind(error)[0] == 500:
            log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        elif isinstance(error, AnalysisCancelled):
            log.warning("%s %s: %s", request.method, request.url.path, error)
        return spinscope_error_response(error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors())
        return error_response(422, INVALID_REQUEST, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        kind = HTTP_STATUS_TYPES.get(error.status_code, HTTP_ERROR)
        return error_response(error.status_code, kind, str(error.detail))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, INTERNAL_ERROR, "internal server error; the server log has the details")

    @app.post(
        "/v1/analyze",
        summary="Analyse one article",
        description=(
            "Send JSON with exactly one of `text`, `html` or `url` (and an optional `id`), or upload a file "
            "as multipart/form-data field `file` (text, record format, HTML, or a saved result JSON). "
            "Returns the result dict (`format=json`), the HTML report (`format=html`) or the plain-text view "
            "(`format=text`)."
        ),
        responses={200: {"description": "The result dict (or report)"}, **_ERRORS},
        openapi_extra=_ANALYZE_BODY,
    )
    async def analyze(
        request: Request,
        output: FormatQuery = "json",
        min_score: MinScoreQuery = None,
        taxonomy: TaxonomyQuery = None,
    ) -> Response:
        deadline = pool.deadline()
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            form = await request.form(max_files=1, max_fields=4, max_part_size=body_cap)
            upload = form.get("file")
            if isinstance(upload, str):
                # Starlette reads a part without a file name as a plain form field.
                raise FormatError(
                    "request body",
                    "the 'file' field has no file name, so it is not read as a file upload; send it with one "
                    "(curl -F file=@article.txt)",
                )
            if not isinstance(upload, UploadFile):
                raise FormatError("request body", "a multipart upload needs the file in a field named 'file'")
            reader = reader_from_upload(upload.filename or "", await upload.read(), settings=settings)
        elif content_type in ("application/json", ""):
            body = await request.body()
            reader = reader_from_json(body, settings=settings)
            min_score = min_score_from_json(body) if min_score is None else min_score
            taxonomy = taxonomy_from_json(body) if taxonomy is None else taxonomy
        else:
            return error_response(
                415, UNSUPPORTED_MEDIA_TYPE, f"send application/json or multipart/form-data, not {content_type}"
            )

        named = _taxonomy(taxonomy, settings)

        def work() -> Response:
            article = reader()
            _check_length(article, settings.max_chars)
            shown = settings.min_score if min_score is None else min_score
            # the request's taxonomy decides what runs, as Settings.taxonomy does: with SemEval-2023 the
            # model's paragraph labels (paragraph_techniques), whatever the server was started with
            analyzed = analyzer.for_taxonomy(named).analyze(article)
            return _format_result(analyzed.to_dict(), output, shown, named)

        return await pool.run(work, deadline=deadline)

    @app.post(
        "/v1/render",
        summary="Render a saved result",
        description=(
            "Send a result dict (as `/v1/analyze` returns it, or a gold file) and get the HTML report or text view."
        ),
        responses={200: {"content": {"text/html": {}}, "description": "The report"}, **_ERRORS},
        response_class=HTMLResponse,
        openapi_extra=_RENDER_BODY,
    )
    async def render_result(
        request: Request,
        output: FormatQuery = "html",
        min_score: MinScoreQuery = None,
        taxonomy: TaxonomyQuery = None,
    ) -> Response:
        deadline = pool.deadline()
        result = result_from_json(await request.body())
        named = _taxonomy(taxonomy, settings)

        def work() -> Response:
            article = Article.from_dict(result, source="request body")
            _check_length(article, settings.max_chars)
            shown = settings.min_score if min_score is None else min_score
            return _format_result(dict(result), output, shown, named)

        return await pool.run(work, deadline=deadline)

    from spinscope.api.compare import add_compare_route

    add_compare_route(app, analyzer=analyzer, pool=pool, settings=settings)

    @app.get("/v1/techniques", summary="The technique taxonomy")
    async def techniques(taxonomy: TaxonomyQuery = None) -> dict[str, Any]:
        from spinscope.taxonomy import get_taxonomy, taxonomy_dict
        from spinscope.taxonomy.mapping import mapping_dict

        named = _taxonomy(taxonomy, settings)
        if named == SEMEVAL2020:
            return taxonomy_dict()
        semeval2023 = get_taxonomy("semeval2023").to_dict() | {"mapping": mapping_dict()}
        return semeval2023 if named == SEMEVAL2023 else {"semeval2020": taxonomy_dict(), "semeval2023": semeval2023}

    @app.get("/healthz", summary="Liveness: the analyzer is loaded")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "stages": [stage.name for stage in analyzer.stages]}

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        from spinscope.api.docs_page import render_docs

        page = render_docs(app.openapi(), base_url=str(request.base_url))
        return HTMLResponse(page, headers=PAGE_SECURITY_HEADERS)

    @app.get("/", include_in_schema=False)
    async def web_page() -> HTMLResponse:
        from spinscope.web import page_html

        return HTMLResponse(page_html(settings.taxonomy), headers=PAGE_SECURITY_HEADERS)

    return app


def _check_length(article: Article, max_chars: int) -> None:
    """Refuse a text over the one size limit, ``Settings.max_chars``, naming the server's flag.

    The Analyzer refuses it too (with the same error type); this check also covers ``/v1/render``.
    """
    if len(article.text) > max_chars:
        raise InputTooLargeError(
            "article text",
            f"has {len(article.text):,} characters, over the server's limit of {max_chars:,} (its --max-chars); "
            "send a shorter article",
        )
