"""Run the HTTP API and the web page (needs the ``server`` extra: ``pip install 'spinscope[server]'``).

The address is bound first (a busy port is one error line), then the analyzer loads once; then
open http://127.0.0.1:8000/ for the web page and http://127.0.0.1:8000/docs for the API reference.
Binds to loopback unless --host says otherwise. Articles longer than --max-chars characters
(the one size limit of every command) get 413, and so do bodies over --max-body-bytes (default:
10 bytes per character of --max-chars). A request over --timeout gets 504 and its analysis is stopped.

examples:
  spinscope serve
  spinscope serve --port 8080 --timeout 20 --max-chars 100000
  spinscope serve --host 0.0.0.0 --port 8000
  curl -s http://127.0.0.1:8000/v1/analyze -H 'content-type: application/json' -d '{"text": "..."}'
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import socket
import sys

from spinscope.cli import add_analysis_arguments, add_taxonomy_argument, analysis_settings, taxonomy_settings
from spinscope.settings import Settings

COMMAND = "serve"
HELP = "run the HTTP API and the web page (loopback by default)"

#: Defaults repeated from ApiLimits so that ``--help`` works without the server extra installed.
_DEFAULT_TIMEOUT_S = 30.0
_DEFAULT_WORKERS = 1
#: Highest TCP port number.
_MAX_PORT = 65_535


def port_number(value: str) -> int:
    """``--port``: an integer 0-65535 (0: the system picks a free port, shown in the banner)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (0-{_MAX_PORT})") from None
    if not 0 <= port <= _MAX_PORT:
        raise argparse.ArgumentTypeError(f"{port} is out of range: a port is 0-{_MAX_PORT} (0 picks a free one)")
    return port


def positive_int(value: str) -> int:
    """An integer above 0."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{number} must be positive")
    return number


def positive_float(value: str) -> float:
    """A number of seconds above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value} must be a positive number of seconds")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument(
        "--port", type=port_number, default=8000, help="port to listen on, 0-65535 (default: 8000; 0: any free port)"
    )
    parser.add_argument(
        "--max-body-bytes",
        type=positive_int,
        default=None,
        help="largest request body, 413 above (default: 10 bytes per character of --max-chars)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=_DEFAULT_TIMEOUT_S,
        help="seconds per request, waiting included; then 504 and the analysis is stopped (default: 30)",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=_DEFAULT_WORKERS,
        help="analyses that run at the same time (above 1 only if every stage is thread-safe)",
    )
    add_analysis_arguments(parser)
    add_taxonomy_argument(parser)
    _add_max_chars(parser)
    parser.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))


def _add_max_chars(parser: argparse.ArgumentParser) -> None:
    """``--max-chars`` (unless the shared analysis flags have it) and the old ``--max-text-chars`` as a hidden alias."""
    if "--max-chars" not in parser._option_string_actions:
        parser.add_argument(
            "--max-chars",
            type=positive_int,
            default=None,
            help="longest article text in characters, 413 above (default: 1,000,000)",
        )
    # Deprecated spelling of --max-chars (before the one size limit); kept so old scripts still start.
    parser.add_argument(
        "--max-text-chars", dest="max_chars", type=positive_int, default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (not listening yet), so a busy port fails before anything loads.

    Raises:
        OSError: the address cannot be bound (in use, not on this machine, no permission, unknown host).
    """
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[
        0
    ]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once after a stop
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def bind_problem(host: str, port: int, error: OSError) -> str:
    """One line saying why ``host``:``port`` could not be bound and what to do."""
    where = f"{host}:{port}"
    if isinstance(error, socket.gaierror):
        return f"cannot listen on {where}: unknown host {host!r}; give an address such as 127.0.0.1"
    if error.errno == errno.EADDRINUSE:
        return f"cannot listen on {where}: the port is in use (another server?); choose another --port"
    if error.errno == errno.EACCES:
        return f"cannot listen on {where}: permission denied (ports below 1024 need privileges); choose another --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {where}: this machine has no such address; choose another --host"
    return f"cannot listen on {where}: {error.strerror or error}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import uvicorn

        from spinscope.api import ApiLimits, create_app
    except ImportError as e:
        print(f"spinscope serve: error: {e.name} is missing; pip install 'spinscope[server]'", file=sys.stderr)
        return 2
    settings = taxonomy_settings(args, analysis_settings(args, settings))
    if getattr(args, "max_chars", None) is not None:
        settings = settings.with_(max_chars=args.max_chars)
    limits = ApiLimits(max_body_bytes=args.max_body_bytes, timeout_s=args.timeout, workers=args.workers)
    try:
        sock = bind(args.host, args.port)
    except OSError as e:
        print(f"spinscope serve: error: {bind_problem(args.host, args.port, e)}", file=sys.stderr)
        return 1
    with sock:
        if not _is_loopback(args.host):
            print(f"spinscope serve: warning: listening on {args.host}, reachable from other machines", file=sys.stderr)
        print("spinscope serve: loading the analyzer...", file=sys.stderr, flush=True)
        app = create_app(settings=settings, limits=limits)
        port = sock.getsockname()[1]
        shown = f"[{args.host}]" if ":" in args.host else args.host
        print(
            f"spinscope serve: web page http://{shown}:{port}/  API docs http://{shown}:{port}/docs",
            file=sys.stderr,
            flush=True,
        )
        config = uvicorn.Config(app, log_level=args.log_level, server_header=False)
        uvicorn.Server(config).run(sockets=[sock])
    return 0
