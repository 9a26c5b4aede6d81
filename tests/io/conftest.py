"""Fixtures of the reader tests: settings, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from spinscope.settings import Settings

ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Harbour Council Votes on the Salt Coast Plan | Northwind Daily</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Northwind Daily">
<meta property="og:title" content="Harbour Council Votes on the Salt Coast Plan">
<meta property="article:published_time" content="2021-03-14T09:30:00Z">
<link rel="canonical" href="https://northwind.example/salt-coast">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour Council Votes on the Salt Coast Plan</h1>
<p>The harbour council of Port Vell voted on Tuesday to extend the fishing ban along the Salt Coast
for another six months, a decision that fishermen called a disaster for the region.</p>
<p>"We will not be silenced," said union leader Mara Veld, speaking outside the council chamber
to a crowd of several hundred supporters who had travelled from the northern villages.</p>
<p>The council said the ban would be reviewed in September, when new surveys of the fish stocks
are due from the coastal research institute.</p>
</article>
<footer>Copyright 2021 Northwind Daily. All rights reserved.</footer>
</body></html>
"""

#: A page that builds its content with JavaScript: no text for trafilatura to find.
SCRIPT_ONLY_HTML = (
    "<html><head><title>Loading</title><script>var app = start();</script></head>"
    '<body><div id="app"></div></body></html>'
)

PLAIN_TEXT = "The ferry to Port Vell was cancelled again on Monday.\n\nPassengers waited for six hours.\n"


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server; ``/redirect/N`` redirects N times before landing on the article."""

    def do_GET(self) -> None:
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/story.txt":
            self._send(200, PLAIN_TEXT.encode(), "text/plain; charset=utf-8")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/article.html" if left <= 1 else f"/redirect/{left - 1}"
            self._redirect(target)
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/secret.txt")
        elif path == "/to-malformed":
            self._redirect("http://[::1/")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", "text/html")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"word " * 100_000)
            self.close_connection = True
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.15)
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, PLAIN_TEXT.encode(), "text/plain")
        elif path == "/empty.html":
            self._send(200, SCRIPT_ONLY_HTML.encode(), "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (size-cap tests do) is expected, not an error."""


@pytest.fixture(scope="module")
def http_server() -> Iterator[str]:
    """Base URL of a real HTTP server on 127.0.0.1 (a free port), stopped after the module."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def local_settings() -> Settings:
    """Settings that allow fetching from the local test server."""
    return Settings(allow_private_urls=True, fetch_timeout=5.0)


@pytest.fixture
def article_html() -> str:
    """A news page with navigation, footer and metadata (author, site name, date, canonical url)."""
    return ARTICLE_HTML
