"""The HTTP API's caps (body size, time per request, concurrent analyses) and the middleware that enforces the body cap.

The article length limit is not here: it is :attr:`spinscope.settings.Settings.max_chars`, the one
size limit of the CLI, batch runs and the API alike (``--max-chars``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinscope.api.errors import ERROR_KINDS, error_body
from spinscope.errors import InputTooLargeError
from spinscope.settings import Settings

#: A refused body is still read (and thrown away) up to this many bytes before the 413 is sent:
#: clients that send the whole body before reading the answer (Python's urllib, http.client) would
#: otherwise see the connection reset instead of the 413. Reading costs no memory and takes well
#: under a second on loopback; a client that sends more than this may still see a reset.
DRAIN_LIMIT_BYTES = 64 * 2**20


@dataclass(frozen=True, kw_only=True)
class ApiLimits:
    """What one request may cost. Build once (from ``spinscope serve`` flags) and pass to ``create_app``."""

    #: Largest request body in bytes; ``None`` takes the readers' byte cap,
    #: :attr:`Settings.input_byte_limit <spinscope.settings.Settings.input_byte_limit>` (10 bytes per
    #: character of ``max_chars``: room for an HTML page around the longest allowed text). 413 above.
    max_body_bytes: int | None = None
    #: Seconds one request may take (waiting for a worker, reading, fetching a URL and analysing);
    #: then 504, and the analysis is stopped at its next encoder window.
    timeout_s: float = 30.0
    #: Analyses that run at the same time; more requests wait (their wait counts toward ``timeout_s``).
    #: 1 because the stages share one set of models and not all are thread-safe (the quotes stage's
    #: CRF tagger keeps per-call state).
    workers: int = 1

    def body_cap(self, settings: Settings) -> int:
        """The body cap in bytes: :attr:`max_body_bytes`, or the settings' reader byte cap."""
        return self.max_body_bytes if self.max_body_bytes is not None else settings.input_byte_limit


def body_too_large(max_bytes: int, size: int | None = None) -> InputTooLargeError:
    """The error of a request body over ``max_bytes`` (``size`` when the client declared it)."""
    told = f"is {size:,} bytes, " if size is not None else "is "
    return InputTooLargeError(
        "request body", f"{told}over the server's limit of {max_bytes:,} bytes; send a shorter article"
    )


async def _send_413(send: Send, error: InputTooLargeError) -> None:
    status, kind = ERROR_KINDS[InputTooLargeError]
    payload = json.dumps(error_body(status, kind, str(error))).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _drain(receive: Receive, *, already: int = 0) -> None:
    """Read and discard the rest of the request body, up to :data:`DRAIN_LIMIT_BYTES` in all."""
    read = already
    while read <= DRAIN_LIMIT_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class _BodyOverCap(Exception):
    """Raised through the app from ``receive`` once the body passes the cap (the body is drained already).

    Not a :class:`~spinscope.errors.SpinscopeError`, so the app's handlers let it through to
    :class:`BodySizeLimit`, which answers the one 413.
    """

    def __init__(self, error: InputTooLargeError) -> None:
        super().__init__(str(error))
        self.error = error


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with a 413 JSON error.

    A declared ``Content-Length`` over the cap is refused before the app runs; a body sent without
    one (chunked) is counted as it streams and refused once it passes the cap. Either way the body
    is read and discarded first (up to :data:`DRAIN_LIMIT_BYTES`) so that every client sees the 413,
    except a client waiting on ``Expect: 100-continue``, which has sent nothing and is answered at once.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        waits_to_send = headers.get(b"expect", b"").lower() == b"100-continue"
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            if not waits_to_send:
                await _drain(receive)
            await _send_413(send, body_too_large(self.max_bytes, int(declared)))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    if message.get("more_body", False):
                        await _drain(receive, already=received)
                    raise _BodyOverCap(body_too_large(self.max_bytes))
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except _BodyOverCap as e:
            if started:
                raise
            await _send_413(send, e.error)
