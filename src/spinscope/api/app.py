"""The HTTP API: a FastAPI app that loads the analyzer once and answers with the result dict.

Routes: ``POST /v1/analyze``, ``POST /v1/render``, ``GET /v1/techniques``, ``GET /healthz``,
``GET /docs`` (offline API reference), ``GET /openapi.json`` and the web page at ``/``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinscope import __version__
from spinscope.api.inputs import AnalyzeRequest, reader_from_json, reader_from_upload, result_from_json
from spinscope.api.limits import ApiLimits, BodySizeLimit, error_body
from spinscope.errors import FormatError, InputError, InputTooLargeError, SpinscopeError
from spinscope.model import Article
from spinscope.pipeline import Analyzer
from spinscope.settings import Settings

log = logging.getLogger("spinscope.api")

#: Response formats of ``/v1/analyze`` and ``/v1/render``.
OutputFormat = Literal["json", "html", "text"]
FormatQuery = Annotated[OutputFormat, Query(alias="format", description="json (the result dict), html or text")]

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
    413: {"model": ErrorBody, "description": "Request body over the size limit"},
    415: {"model": ErrorBody, "description": "Body is neither JSON nor multipart/form-data"},
    422: {"model": ErrorBody, "description": "Unreadable input, bad URL, or text over the length limit"},
    504: {"model": ErrorBody, "description": "Took longer than the time limit"},
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


def status_for(error: SpinscopeError) -> int:
    """The HTTP status of a spinscope error: 413 too large, 422 other bad input, 500 the server's own fault."""
    if isinstance(error, InputTooLargeError):
        return 413
    if isinstance(error, InputError):
        return 422
    return 500


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    """A JSON error answer."""
    return JSONResponse(error_body(status, kind, message), status_code=status)


def _format_result(result: dict[str, Any], output: OutputFormat) -> Response:
    if output == "json":
        return JSONResponse(result)
    from spinscope.render import render

    rendered = render(result, output, color=False)
    if output == "html":
        return HTMLResponse(rendered, headers=PAGE_SECURITY_HEADERS)
    return PlainTextResponse(rendered)


def create_app(*, settings: Settings | None = None, limits: ApiLimits | None = None) -> FastAPI:
    """Build the app; the analyzer (models included) loads here, once per process.

    Args:
        settings: what the analysis runs (stages, model directory, URL fetching rules).
        limits: body size, text length, time per request and concurrent analyses.
    """
    settings = settings or Settings()
    limits = limits or ApiLimits()
    analyzer = Analyzer(settings)
    pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="spinscope-analyze")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="spinscope",
        version=__version__,
        summary="Find how news articles try to persuade: propaganda techniques, quotes and relays, outlets.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    app.state.analyzer = analyzer
    app.state.limits = limits

    async def in_worker(work: Callable[[], Response]) -> Response:
        """Run ``work`` on the analysis pool; 504 once the request's time is up (waiting included)."""
        future = asyncio.get_running_loop().run_in_executor(pool, work)
        try:
            return await asyncio.wait_for(future, timeout=limits.timeout_s)
        except TimeoutError:
            return error_response(
                504, "timeout", f"the request took longer than the limit of {limits.timeout_s:g} s; try a shorter text"
            )

    @app.exception_handler(SpinscopeError)
    async def spinscope_error(request: Request, error: SpinscopeError) -> JSONResponse:
        return error_response(status_for(error), type(error).__name__, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors())
        return error_response(422, "invalid_request", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return error_response(error.status_code, "http_error", str(error.detail))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal server error; the server log has the details")

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
    async def analyze(request: Request, output: FormatQuery = "json") -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            form = await request.form(max_files=1, max_fields=4, max_part_size=limits.max_body_bytes)
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise FormatError("request body", "a multipart upload needs the file in a field named 'file'")
            reader = reader_from_upload(upload.filename or "", await upload.read(), settings=settings)
        elif content_type in ("application/json", ""):
            reader = reader_from_json(await request.body(), settings=settings)
        else:
            return error_response(
                415, "unsupported_media_type", f"send application/json or multipart/form-data, not {content_type}"
            )

        def work() -> Response:
            article = reader()
            _check_length(article, limits)
            return _format_result(analyzer.analyze(article).to_dict(), output)

        return await in_worker(work)

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
    async def render_result(request: Request, output: FormatQuery = "html") -> Response:
        result = result_from_json(await request.body())

        def work() -> Response:
            article = Article.from_dict(result, source="request body")
            _check_length(article, limits)
            return _format_result(dict(result), output)

        return await in_worker(work)

    @app.get("/v1/techniques", summary="The technique taxonomy")
    async def techniques() -> dict[str, Any]:
        from spinscope.taxonomy import taxonomy_dict

        return taxonomy_dict()

    @app.get("/healthz", summary="Liveness: the analyzer is loaded")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "stages": [stage.name for stage in analyzer.stages]}

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        from spinscope.api.docs_page import render_docs

        return HTMLResponse(render_docs(app.openapi()), headers=PAGE_SECURITY_HEADERS)

    @app.get("/", include_in_schema=False)
    async def web_page() -> HTMLResponse:
        from spinscope.web import page_html

        return HTMLResponse(page_html(), headers=PAGE_SECURITY_HEADERS)

    return app


def _check_length(article: Article, limits: ApiLimits) -> None:
    if len(article.text) > limits.max_text_chars:
        raise InputError(
            "article text", f"has {len(article.text):,} characters, over the limit of {limits.max_text_chars:,}"
        )
