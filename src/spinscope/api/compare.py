"""``POST /v1/compare``: two articles (text, HTML, URL or saved result each) compared as ``spinscope compare`` does."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from spinscope.api.app import _ERRORS, PAGE_SECURITY_HEADERS, FormatQuery, _check_length
from spinscope.api.inputs import ArticleReader, TaxonomyName, _validation_message, reader_from_json
from spinscope.api.worker import AnalysisPool
from spinscope.errors import FormatError
from spinscope.io.decode import parse_json
from spinscope.model import Article
from spinscope.pipeline import Analyzer
from spinscope.settings import Settings


class CompareSide(BaseModel):
    """One article of a comparison: exactly one of `text`, `html`, `url` or `result` (a saved result dict)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text, or the record format")
    html: str | None = Field(None, description="An HTML page")
    url: str | None = Field(None, description="An http(s) URL to fetch")
    result: dict[str, Any] | None = Field(None, description="A result dict, as /v1/analyze returns it")
    id: str = Field("", description="An id to give the article")


class CompareRequest(BaseModel):
    """JSON body of `POST /v1/compare`."""

    model_config = ConfigDict(extra="forbid")

    a: CompareSide
    b: CompareSide
    min_score: float | None = Field(
        None, ge=0.0, le=1.0, description="Count findings scored at least this (default: the display threshold)"
    )
    taxonomy: TaxonomyName = Field(
        None,
        description="Count and name the findings in semeval2020, semeval2023 (a finding with several 2023 "
        "candidates once, under all of them) or both (default: the server's); with SemEval-2023 each side "
        "also gets its paragraph labels (`paragraph_techniques`: counts and the labels the other side lacks)",
    )


_COMPARE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": CompareRequest.model_json_schema(),
                "examples": {
                    "texts": {"value": {"a": {"text": "They are traitors."}, "b": {"text": "The council met."}}}
                },
            }
        },
    }
}


def _reader(side: CompareSide, name: str, *, settings: Settings) -> ArticleReader:
    if side.result is not None:
        if any(value is not None for value in (side.text, side.html, side.url)):
            raise FormatError("request body", f"'{name}': give exactly one of 'text', 'html', 'url' or 'result'")
        result = side.result
        return lambda: Article.from_dict(result, source=f"request body '{name}.result'")
    body = json.dumps(side.model_dump(exclude={"result"}, exclude_none=True)).encode()
    try:
        return reader_from_json(body, settings=settings)
    except FormatError as e:
        raise FormatError("request body", f"'{name}': {e.problem}") from e


def add_compare_route(app: FastAPI, *, analyzer: Analyzer, pool: AnalysisPool, settings: Settings) -> None:
    """Register ``POST /v1/compare`` on ``app`` (called by :func:`spinscope.api.app.create_app`)."""

    @app.post(
        "/v1/compare",
        summary="Compare two articles",
        description=(
            'Send `{"a": {...}, "b": {...}}`, each side with exactly one of `text`, `html`, `url` or `result` '
            "(a saved result dict). Returns both profiles and the differences in words (`format=json`), the "
            "side-by-side page (`format=html`) or the text table (`format=text`)."
        ),
        responses={200: {"description": "The comparison"}, **_ERRORS},
        openapi_extra=_COMPARE_BODY,
    )
    async def compare(request: Request, output: FormatQuery = "json") -> Response:
        deadline = pool.deadline()
        data = parse_json(await request.body(), source="request body")
        try:
            body = CompareRequest.model_validate(data)
        except ValidationError as e:
            raise FormatError("request body", _validation_message(e)) from e
        readers = [_reader(body.a, "a", settings=settings), _reader(body.b, "b", settings=settings)]

        def work() -> Response:
            from spinscope.compare import compare_results, display_threshold, is_analysed

            taxonomy = body.taxonomy or settings.taxonomy
            chosen = analyzer.for_taxonomy(taxonomy)  # with the paragraph head where the taxonomy has 2023
            results = []
            for reader in readers:
                article = reader()
                _check_length(article, settings.max_chars)
                results.append(article.to_dict() if is_analysed(article) else chosen.analyze(article).to_dict())
            min_score = body.min_score if body.min_score is not None else display_threshold(settings, chosen)
            comparison = compare_results(results[0], results[1], min_score=min_score, taxonomy=taxonomy)
            if output == "json":
                return JSONResponse(comparison.to_dict())
            from spinscope.render.compare import render_compare_html, render_compare_text

            if output == "html":
                return HTMLResponse(render_compare_html(comparison, *results), headers=PAGE_SECURITY_HEADERS)
            return PlainTextResponse(render_compare_text(comparison))

        return await pool.run(work, deadline=deadline)
