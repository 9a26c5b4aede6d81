"""The HTTP API's caps (body size, text length, time per request) and the middleware that enforces the body cap."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinscope.errors import InputTooLargeError


@dataclass(frozen=True, kw_only=True)
class ApiLimits:
    """What one request may cost. Build once (from ``spinscope serve`` flags) and pass to ``create_app``."""

    #: Largest request body in bytes. 5 MB holds any article (the longest PTC article is ~30 KB)
    #: and an HTML page around it; bigger bodies are refused with 413 before they are read.
    max_body_bytes: int = 5_000_000
    #: Longest article text in characters, after reading; longer texts are refused with 422.
    #: 200,000 characters is ~30,000 words, several times the longest article in the corpora.
    max_text_chars: int = 200_000
    #: Seconds one request may take (reading, fetching a URL and analysing); then 504.
    timeout_s: float = 30.0
    #: Analyses that run at the same time; more requests wait (their wait counts toward ``timeout_s``).
    #: 1 because the stages share one set of models and not all are thread-safe (the quotes stage's
    #: CRF tagger keeps per-call state).
    workers: int = 1


def error_body(status: int, kind: str, message: str) -> dict[str, Any]:
    """The JSON every error response carries."""
    return {"error": {"status": status, "type": kind, "message": message}}


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with a 413 JSON error.

    A declared ``Content-Length`` over the cap is refused before anything is read; a body sent
    without one (chunked) is counted as it streams and refused once it passes the cap.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> InputTooLargeError:
        return InputTooLargeError("request body", f"is over the limit of {self.max_bytes:,} bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_json(send, 413, error_body(413, "body_too_large", str(self._too_large())))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except InputTooLargeError as e:
            if started:
                raise
            await _send_json(send, 413, error_body(413, "body_too_large", str(e)))
