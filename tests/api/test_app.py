"""The app in process (FastAPI's TestClient): time limit, internal errors, URL fetching, one analyzer."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from spinscope.api import ApiLimits, create_app
from spinscope.model import Article
from spinscope.pipeline import Annotations
from spinscope.progress import report
from spinscope.settings import Settings

#: Only the segment stage: these tests are about the app, not the models.
FAST = Settings(techniques=False, quotes=False, outlet=False)

PAGE = """<!DOCTYPE html><html><head><title>Local story</title></head><body><article>
<h1>Local story</h1><p>The minister said the plan was a disgrace to the whole nation and a betrayal of everyone.</p>
<p>Critics called it a reckless gamble with the lives of ordinary people across the country.</p>
</article></body></html>"""


class _SlowStage:
    name = "slow"

    def predict(self, article: Article) -> Annotations:
        time.sleep(1.0)
        return Annotations()


class _WindowedStage:
    """Like an encoder over windows: reports progress between steps; counts the steps it ran and the texts."""

    name = "windowed"
    #: Steps (of 50 ms) the article "LONG" takes: far longer than the time limits below.
    LONG_STEPS = 100

    def __init__(self) -> None:
        self.steps = 0
        self.texts: list[str] = []

    def predict(self, article: Article) -> Annotations:
        self.texts.append(article.text)
        if article.text.startswith("BLOCK"):  # a stretch without reports: cannot be stopped in between
            time.sleep(1.0)
        total = self.LONG_STEPS if article.text.startswith("LONG") else 1
        for done in range(total):
            report("windowed", done, total)
            self.steps += 1
            time.sleep(0.05)
        return Annotations()


class _BrokenStage:
    name = "broken"

    def predict(self, article: Article) -> Annotations:
        raise RuntimeError("secret internal detail")


def test_request_over_the_time_limit_is_504() -> None:
    app = create_app(settings=FAST, limits=ApiLimits(timeout_s=0.2))
    app.state.analyzer.stages.append(_SlowStage())
    with TestClient(app) as client:
        response = client.post("/v1/analyze", json={"text": "A short text."})
    assert response.status_code == 504
    assert response.json()["error"]["type"] == "timeout"


def _app_with(stage: object, timeout_s: float) -> FastAPI:
    app = create_app(settings=FAST, limits=ApiLimits(timeout_s=timeout_s))
    app.state.analyzer.stages.append(stage)
    return app


async def _post_texts(app: FastAPI, texts: list[str], *, delay_s: float = 0.0) -> list[tuple[int, float, str]]:
    """Post the texts concurrently (each ``delay_s`` after the one before); (status, seconds, type) of each."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:

        async def post(index: int, text: str) -> tuple[int, float, str]:
            await asyncio.sleep(index * delay_s)
            started = time.monotonic()
            response = await client.post("/v1/analyze", json={"text": text})
            kind = response.json()["error"]["type"] if response.status_code != 200 else ""
            return response.status_code, time.monotonic() - started, kind

        return list(await asyncio.gather(*(post(i, text) for i, text in enumerate(texts))))


def test_a_timed_out_analysis_is_stopped_at_its_next_report() -> None:
    stage = _WindowedStage()
    app = _app_with(stage, timeout_s=0.5)
    [(status, _, kind)] = asyncio.run(_post_texts(app, ["LONG text that takes five seconds."]))
    assert (status, kind) == (504, "timeout")
    time.sleep(0.3)  # the stage is stopped at its next report, within one 50 ms step
    stopped_at = stage.steps
    assert stopped_at < _WindowedStage.LONG_STEPS // 2
    [(status, seconds, _)] = asyncio.run(_post_texts(app, ["A short text."]))
    assert status == 200 and seconds < 1.0  # the long one would have held the worker for 5 s
    assert stage.steps == stopped_at + 1


def test_waiting_for_the_worker_counts_and_a_request_past_its_deadline_never_starts() -> None:
    stage = _WindowedStage()
    app = _app_with(stage, timeout_s=0.5)
    results = asyncio.run(_post_texts(app, ["BLOCK first", "Second, queued behind it.", "Third."], delay_s=0.05))
    assert [(status, kind) for status, _, kind in results] == [(504, "timeout")] * 3
    assert all(seconds < 0.9 for _, seconds, _ in results)  # none waited for the blocked worker to finish
    time.sleep(0.8)  # the worker is free again: the queued requests are past their deadline and never start
    assert stage.texts == ["BLOCK first"]


def test_unexpected_failure_is_a_json_500_without_details() -> None:
    app = create_app(settings=FAST)
    app.state.analyzer.stages.append(_BrokenStage())
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/v1/analyze", json={"text": "A short text."})
    assert response.status_code == 500
    assert response.json()["error"]["type"] == "internal_error"
    assert "secret" not in response.text and "Traceback" not in response.text


def test_the_analyzer_is_loaded_once_per_app() -> None:
    app = create_app(settings=FAST)
    analyzer = app.state.analyzer
    with TestClient(app) as client:
        for _ in range(3):
            assert client.post("/v1/analyze", json={"text": "Some text here."}).status_code == 200
    assert app.state.analyzer is analyzer


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    """A static site on 127.0.0.1 (stopped after the test)."""
    (tmp_path / "story.html").write_text(PAGE, encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_url_is_fetched_when_private_addresses_are_allowed(local_site: str) -> None:
    app = create_app(settings=FAST.with_(allow_private_urls=True))
    with TestClient(app) as client:
        response = client.post("/v1/analyze", json={"url": f"{local_site}/story.html"})
        missing = client.post("/v1/analyze", json={"url": f"{local_site}/missing.html"})
    assert response.status_code == 200, response.text
    assert "disgrace to the whole nation" in response.json()["article"]["text"]
    assert missing.status_code == 422
    assert "404" in missing.json()["error"]["message"]


def test_serve_flags_default_to_the_api_limits() -> None:
    from spinscope.cli import build_parser

    args = build_parser().parse_args(["serve"])
    limits = ApiLimits()
    assert (args.max_body_bytes, args.timeout, args.workers) == (
        limits.max_body_bytes,
        limits.timeout_s,
        limits.workers,
    )
    assert args.host == "127.0.0.1"
    assert args.max_chars in (None, Settings().max_chars)


def test_the_body_cap_follows_the_one_size_limit() -> None:
    assert ApiLimits().body_cap(Settings()) == Settings().input_byte_limit == 10 * Settings().max_chars
    assert ApiLimits().body_cap(Settings(max_chars=1_000)) == 10_000
    assert ApiLimits(max_body_bytes=123).body_cap(Settings()) == 123


def test_max_text_chars_is_kept_as_an_alias_of_max_chars() -> None:
    from spinscope.cli import build_parser

    assert build_parser().parse_args(["serve", "--max-text-chars", "5000"]).max_chars == 5000
    assert build_parser().parse_args(["serve", "--max-chars", "6000"]).max_chars == 6000


def test_text_over_max_chars_is_413_on_render_too() -> None:
    app = create_app(settings=FAST.with_(max_chars=10))
    with TestClient(app) as client:
        result = client.post("/v1/analyze", json={"text": "Short."}).json()
        result["article"]["text"] = "Far longer than ten characters."
        response = client.post("/v1/render", json=result)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "input_too_large"
