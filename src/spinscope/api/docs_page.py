"""An offline API reference page rendered from the OpenAPI document (FastAPI's Swagger UI needs a CDN)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem;
  color: #1a1a1a; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
.method { display: inline-block; min-width: 4rem; font-weight: 700; padding: 0 0.4rem; border-radius: 3px;
  color: #fff; background: #1f5fa8; text-align: center; }
.method.post { background: #1e7a3c; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9rem; }
pre { background: #f4f4f4; padding: 0.75rem; overflow-x: auto; border-radius: 4px; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
a { color: #0b4fb3; }
"""

#: Where the examples point when the page is rendered without a request (the ``serve`` default address).
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

_CURL_EXAMPLES = """curl -s {base}/v1/analyze -H 'content-type: application/json' \\
     -d '{{"text": "They are traitors who hate freedom.", "id": "demo"}}'
curl -s {base}/v1/analyze -F file=@article.txt
curl -s '{base}/v1/analyze?format=html' -F file=@article.html -o report.html
curl -s {base}/v1/render -H 'content-type: application/json' -d @result.json -o report.html
curl -s {base}/v1/techniques
curl -s {base}/healthz"""


def curl_examples(base_url: str = DEFAULT_BASE_URL) -> str:
    """The curl examples, addressed to ``base_url`` (the server as the browser reached it)."""
    return _CURL_EXAMPLES.format(base=base_url.rstrip("/"))


def _parameters(operation: dict[str, Any]) -> str:
    parameters = operation.get("parameters") or []
    if not parameters:
        return ""
    rows = []
    for parameter in parameters:
        schema = parameter.get("schema") or {}
        choices = schema.get("enum") or []
        kind = " | ".join(map(str, choices)) if choices else str(schema.get("type", ""))
        default = schema.get("default")
        rows.append(
            f"<tr><td><code>{escape(parameter['name'])}</code></td><td>{escape(parameter.get('in', ''))}</td>"
            f"<td>{escape(kind)}</td><td>{escape('' if default is None else str(default))}</td></tr>"
        )
    return "<table><tr><th>parameter</th><th>in</th><th>values</th><th>default</th></tr>" + "".join(rows) + "</table>"


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_name(option) for option in schema["anyOf"])
    if schema.get("format") == "binary":
        return "file"
    return str(schema.get("type", "any"))


def _schema_html(schema: dict[str, Any]) -> str:
    """An object schema as a table of its fields; anything else as JSON."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return f"<pre>{escape(json.dumps(schema, indent=2))}</pre>"
    required = set(schema.get("required") or ())
    rows = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td>{escape(_type_name(field))}</td>"
        f"<td>{'yes' if name in required else 'no'}</td><td>{escape(str(field.get('description', '')))}</td></tr>"
        for name, field in properties.items()
    )
    note = f"<p>{escape(schema['description'])}</p>" if schema.get("description") else ""
    return f"{note}<table><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr>{rows}</table>"


def _request_body(operation: dict[str, Any]) -> str:
    content = (operation.get("requestBody") or {}).get("content") or {}
    parts = []
    for media_type, body in content.items():
        parts.append(f"<p>Body <code>{escape(media_type)}</code>:</p>")
        schema = body.get("schema")
        if schema:
            parts.append(_schema_html(schema))
        for name, example in (body.get("examples") or {}).items():
            parts.append(
                f"<p>Example ({escape(name)}):</p><pre>{escape(json.dumps(example.get('value'), indent=2))}</pre>"
            )
    return "".join(parts)


def _responses(operation: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(str(code))}</td><td>{escape(str(response.get('description', '')))}</td></tr>"
        for code, response in (operation.get("responses") or {}).items()
    )
    return f"<table><tr><th>status</th><th>meaning</th></tr>{rows}</table>"


def render_docs(openapi: dict[str, Any], *, base_url: str = DEFAULT_BASE_URL) -> str:
    """A self-contained HTML page describing every operation of ``openapi``, with curl examples for ``base_url``."""
    info = openapi.get("info") or {}
    sections = []
    for path, operations in (openapi.get("paths") or {}).items():
        for method, operation in operations.items():
            sections.append(
                f'<section><h2><span class="method {escape(method)}">{escape(method.upper())}</span> '
                f"<code>{escape(path)}</code></h2>"
                f"<p><strong>{escape(operation.get('summary', ''))}</strong></p>"
                f"<p>{escape(operation.get('description', ''))}</p>"
                f"{_parameters(operation)}{_request_body(operation)}<p>Responses:</p>{_responses(operation)}</section>"
            )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(str(info.get("title", "API")))} API</title><style>{_STYLE}</style></head>
<body><h1>{escape(str(info.get("title", "")))} API {escape(str(info.get("version", "")))}</h1>
<p>{escape(str(info.get("summary", "")))}</p>
<p>Errors always come as <code>{{"error": {{"status", "type", "message"}}}}</code>.
The machine-readable description is <a href="/openapi.json">/openapi.json</a>; the web page is at <a href="/">/</a>.</p>
<h2>Examples</h2><pre>{escape(curl_examples(base_url))}</pre>
{"".join(sections)}
</body></html>
"""
