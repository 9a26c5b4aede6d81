"""The one mapping from an error (a spinscope error class, or a situation of the server) to its HTTP answer.

Every error answer is ``{"error": {"status", "type", "message"}}``. ``type`` is a stable snake_case
name that clients may branch on; it is the same whichever code path found the error (the body-size
middleware and the article-length check both answer ``input_too_large``). docs/faces.md lists them.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from spinscope.errors import (
    AnalysisCancelled,
    BinaryInputError,
    DataNotFoundError,
    EmptyInputError,
    EncodingError,
    FetchError,
    FormatError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    ModelError,
    NotAFileError,
    NoTextError,
    SpanError,
    SpinscopeError,
    UrlRefusedError,
)

#: Situations the server itself finds (no spinscope error class behind them).
INVALID_REQUEST = "invalid_request"
UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
NOT_FOUND = "not_found"
METHOD_NOT_ALLOWED = "method_not_allowed"
TIMEOUT = "timeout"
INTERNAL_ERROR = "internal_error"
HTTP_ERROR = "http_error"

#: Status and type of each spinscope error class; a subclass not listed takes its nearest listed base.
ERROR_KINDS: dict[type[SpinscopeError], tuple[int, str]] = {
    InputTooLargeError: (413, "input_too_large"),
    InputNotFoundError: (422, "input_not_found"),
    NotAFileError: (422, "not_a_file"),
    EmptyInputError: (422, "empty_input"),
    BinaryInputError: (422, "binary_input"),
    EncodingError: (422, "invalid_encoding"),
    NoTextError: (422, "no_text"),
    FormatError: (422, "malformed_input"),
    UrlRefusedError: (422, "url_refused"),
    FetchError: (422, "fetch_failed"),
    InputError: (422, "invalid_input"),
    AnalysisCancelled: (504, TIMEOUT),
    # The server's own faults: a span or model problem here is a bug or a broken install, not the client's.
    SpanError: (500, INTERNAL_ERROR),
    ModelError: (500, INTERNAL_ERROR),
    DataNotFoundError: (500, INTERNAL_ERROR),
    SpinscopeError: (500, INTERNAL_ERROR),
}

#: Types of the HTTP errors Starlette raises itself (unknown route, wrong method, ...).
HTTP_STATUS_TYPES: dict[int, str] = {
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
    413: ERROR_KINDS[InputTooLargeError][1],
    415: UNSUPPORTED_MEDIA_TYPE,
    422: INVALID_REQUEST,
    504: TIMEOUT,
}


#: Every ``type`` an error answer can carry.
ERROR_TYPES: frozenset[str] = frozenset(
    {kind for _, kind in ERROR_KINDS.values()}
    | set(HTTP_STATUS_TYPES.values())
    | {INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, NOT_FOUND, METHOD_NOT_ALLOWED, TIMEOUT, INTERNAL_ERROR, HTTP_ERROR}
)


def error_kind(error: SpinscopeError) -> tuple[int, str]:
    """``(status, type)`` of a spinscope error: its class's entry in :data:`ERROR_KINDS`, or its nearest base's."""
    for cls in type(error).__mro__:
        kind = ERROR_KINDS.get(cls)
        if kind is not None:
            return kind
    return ERROR_KINDS[SpinscopeError]


def error_body(status: int, kind: str, message: str) -> dict[str, Any]:
    """The JSON every error response carries."""
    return {"error": {"status": status, "type": kind, "message": message}}


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    """A JSON error answer."""
    return JSONResponse(error_body(status, kind, message), status_code=status)


def spinscope_error_response(error: SpinscopeError) -> JSONResponse:
    """The answer to a spinscope error. Internal errors do not show their message (the log has it)."""
    status, kind = error_kind(error)
    message = str(error) if status < 500 or status == 504 else "internal server error; the server log has the details"
    return error_response(status, kind, message)
