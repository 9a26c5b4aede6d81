"""Fetch an article from an http(s) URL, with an SSRF guard, timeouts, a size cap and capped redirects.

Every hop (the URL and each redirect target) is checked the same way:

1. the scheme must be ``http`` or ``https``;
2. the host name is resolved once, and every address it resolves to must be public (not private,
   loopback, link-local, reserved, multicast or unspecified) unless
   ``settings.allow_private_urls``;
3. the connection goes to that checked address (the name is not resolved a second time, so a
   DNS answer cannot change between check and use), with the original name kept for the Host
   header and for TLS certificate checks.

Only the standard library is used; proxy environment variables are ignored on purpose.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from spinscope.errors import FetchError, UrlRefusedError
from spinscope.io.decode import decode_text
from spinscope.io.html import read_html
from spinscope.io.text import read_text
from spinscope.model import Article
from spinscope.settings import Settings
from spinscope.version import __version__

#: The whole download (all hops) may take this many times ``settings.fetch_timeout``; the timeout
#: itself bounds connecting and each read, so a server that trickles bytes is still cut off.
TOTAL_TIME_FACTOR = 3.0

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK_BYTES = 65536
_USER_AGENT = f"spinscope/{__version__} (+https://github.com/spinscope)"


@dataclass(frozen=True)
class _Target:
    """A checked URL: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str, *, settings: Settings) -> _Target:
    """Check one URL against the guard and resolve it to the address to connect to.

    Raises:
        UrlRefusedError: wrong scheme, no host, a name that does not resolve, or a non-public
            address while private URLs are not allowed, or a URL that cannot be parsed (such as a
            bracketed host that is not an IPv6 address).
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as e:  # "Invalid IPv6 URL", "An IPv4 address cannot be in brackets", ...
        raise UrlRefusedError(url, f"is not a valid URL ({e}); nothing was fetched") from e
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlRefusedError(url, f"scheme {scheme or '(none)'!r} is refused; only http and https URLs are fetched")
    if not host:
        raise UrlRefusedError(url, "has no host name")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as e:
        raise UrlRefusedError(url, f"has an invalid port ({e})") from e
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise UrlRefusedError(url, f"host {host!r} cannot be resolved ({e})") from e
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not settings.allow_private_urls:
        for address in addresses:
            problem = _non_public(address)
            if problem:
                raise UrlRefusedError(
                    url,
                    f"host {host!r} resolves to {problem} address {address}; refused "
                    "(allow it with --allow-private-urls, or Settings.allow_private_urls=True)",
                )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(url=url, scheme=scheme, host=host, port=port, path=path, address=addresses[0])


def fetch_url(url: str, *, settings: Settings) -> Article:
    """Download a page and read it as an article (HTML through trafilatura, else text).

    Raises:
        UrlRefusedError: the URL or a redirect target fails the guard (see :func:`check_url`).
        FetchError: timeout, connection failure, HTTP error status, too many redirects, or a
            body over ``settings.input_byte_limit``.
        NoTextError, EmptyInputError, EncodingError: the page holds no readable article.
    """
    deadline = time.monotonic() + TOTAL_TIME_FACTOR * settings.fetch_timeout
    current = url
    for _ in range(settings.max_redirects + 1):
        target = _check_hop(current, origin=url, settings=settings)
        status, headers, body = _request(target, settings=settings, deadline=deadline, origin=url)
        if status in _REDIRECTS:
            location = headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect from {current} without a Location header")
            try:
                current = urljoin(current, location)
            except ValueError as e:
                raise UrlRefusedError(
                    url, f"redirected (HTTP {status} from {current}) to {location!r}, which is not a valid URL ({e})"
                ) from e
            continue
        if status >= 400:
            raise FetchError(url, f"HTTP {status} from {current}")
        return _article_from_response(body, headers, url=current, origin=url)
    raise FetchError(url, f"more than {settings.max_redirects} redirects (raise Settings.max_redirects to follow more)")


def _check_hop(current: str, *, origin: str, settings: Settings) -> _Target:
    """:func:`check_url` for one hop; a refused redirect target names the URL the user gave too."""
    try:
        return check_url(current, settings=settings)
    except UrlRefusedError as e:
        if current == origin:
            raise
        raise UrlRefusedError(origin, f"a redirect led to {current}, which was refused: {e.problem}") from e


def _request(target: _Target, *, settings: Settings, deadline: float, origin: str) -> tuple[int, dict[str, str], bytes]:
    connection = _connection(target, timeout=settings.fetch_timeout)
    try:
        connection.request(
            "GET",
            target.path,
            headers={
                "User-Agent": _USER_AGENT,
                "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        if response.status in _REDIRECTS:
            return response.status, headers, b""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.input_byte_limit:
            raise FetchError(origin, _too_large(int(declared), settings.input_byte_limit))
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(_CHUNK_BYTES):  # one system call each: the deadline holds
            size += len(chunk)
            if size > settings.input_byte_limit:
                raise FetchError(origin, _too_large(None, settings.input_byte_limit))
            if time.monotonic() > deadline:
                raise FetchError(origin, f"download took longer than {TOTAL_TIME_FACTOR * settings.fetch_timeout:g} s")
            chunks.append(chunk)
        return response.status, headers, b"".join(chunks)
    except TimeoutError as e:
        raise FetchError(origin, f"timed out after {settings.fetch_timeout:g} s ({target.url})") from e
    except (OSError, http.client.HTTPException) as e:
        raise FetchError(origin, f"could not fetch {target.url}: {e}") from e
    finally:
        connection.close()


def _connection(target: _Target, *, timeout: float) -> http.client.HTTPConnection:
    """A connection to the checked address that still names the host (Host header, TLS SNI)."""
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    connection._create_connection = _pinned(target.address)  # type: ignore[attr-defined]
    return connection


def _pinned(address: str) -> Callable[..., socket.socket]:
    def create_connection(host_port: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        return socket.create_connection((address, host_port[1]), *args, **kwargs)

    return create_connection


def _article_from_response(body: bytes, headers: dict[str, str], *, url: str, origin: str) -> Article:
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    looks_html = body.lstrip()[:1] == b"<"
    if content_type in ("text/html", "application/xhtml+xml") or (content_type != "text/plain" and looks_html):
        return read_html(body, url=url, source=origin)
    article = read_text(decode_text(body, source=origin), source=origin)
    article.url = url
    return article


def _non_public(address: str) -> str | None:
    """What kind of non-public address this is, or ``None`` for a public one."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, flag in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("an unspecified", ip.is_unspecified),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
        ("a non-global", not ip.is_global),
    ):
        if flag:
            return kind
    return None


def _too_large(size: int | None, max_bytes: int) -> str:
    found = f"response is {size:,} bytes" if size is not None else "response is larger than the cap"
    return f"{found}, over the limit of {max_bytes:,} bytes (raise it with --max-chars (Settings.max_chars))"
