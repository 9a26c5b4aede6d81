"""The app in process (FastAPI's TestClient): time limit, internal errors, URL fetching, one analyzer."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.api import ApiLimits, create_app
from spinscope.model import Article
from spinscope.pipeline import Annotations
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
    assert (args.max_body_bytes, args.max_text_chars, args.timeout, args.workers) == (
        limits.max_body_bytes,
        limits.max_text_chars,
        limits.timeout_s,
        limits.workers,
    )
    assert args.host == "127.0.0.1"
