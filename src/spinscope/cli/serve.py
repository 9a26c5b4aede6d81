"""Run the HTTP API and the web page (needs the ``server`` extra: ``pip install 'spinscope[server]'``).

The analyzer loads once at start; then open http://127.0.0.1:8000/ for the web page and
http://127.0.0.1:8000/docs for the API reference. Binds to loopback unless --host says otherwise.

examples:
  spinscope serve
  spinscope serve --port 8080 --timeout 20 --max-text-chars 100000
  spinscope serve --host 0.0.0.0 --port 8000
  curl -s http://127.0.0.1:8000/v1/analyze -H 'content-type: application/json' -d '{"text": "..."}'
"""

from __future__ import annotations

import argparse
import ipaddress
import sys

from spinscope.cli import add_analysis_arguments, analysis_settings
from spinscope.settings import Settings

COMMAND = "serve"
HELP = "run the HTTP API and the web page (loopback by default)"

#: Defaults repeated from ApiLimits so that ``--help`` works without the server extra installed.
_DEFAULT_MAX_BODY_BYTES = 5_000_000
_DEFAULT_MAX_TEXT_CHARS = 200_000
_DEFAULT_TIMEOUT_S = 30.0
_DEFAULT_WORKERS = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--max-body-bytes", type=int, default=_DEFAULT_MAX_BODY_BYTES, help="largest request body (413 above)"
    )
    parser.add_argument(
        "--max-text-chars", type=int, default=_DEFAULT_MAX_TEXT_CHARS, help="longest article text (422 above)"
    )
    parser.add_argument(
        "--timeout", type=float, default=_DEFAULT_TIMEOUT_S, help="seconds per request, waiting included (504 after)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=_DEFAULT_WORKERS,
        help="analyses that run at the same time (above 1 only if every stage is thread-safe)",
    )
    add_analysis_arguments(parser)
    parser.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import uvicorn

        from spinscope.api import ApiLimits, create_app
    except ImportError as e:
        print(f"spinscope serve: error: {e.name} is missing; pip install 'spinscope[server]'", file=sys.stderr)
        return 2
    for name in ("max_body_bytes", "max_text_chars", "timeout", "workers"):
        if getattr(args, name) <= 0:
            print(f"spinscope serve: error: --{name.replace('_', '-')} must be positive", file=sys.stderr)
            return 2
    settings = analysis_settings(args, settings)
    limits = ApiLimits(
        max_body_bytes=args.max_body_bytes,
        max_text_chars=args.max_text_chars,
        timeout_s=args.timeout,
        workers=args.workers,
    )
    if not _is_loopback(args.host):
        print(f"spinscope serve: warning: listening on {args.host}, reachable from other machines", file=sys.stderr)
    print("spinscope serve: loading the analyzer...", file=sys.stderr, flush=True)
    app = create_app(settings=settings, limits=limits)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"spinscope serve: web page http://{shown}:{args.port}/  API docs http://{shown}:{args.port}/docs",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0
