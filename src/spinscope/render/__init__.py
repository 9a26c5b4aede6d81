"""Render a result dict (``Article.to_dict()``) for people: terminal text or a self-contained HTML report."""

from __future__ import annotations

from typing import Any


def render(result: dict[str, Any], fmt: str, *, color: bool = False) -> str:
    """Render ``result`` as ``"text"`` or ``"html"``."""
    if fmt == "text":
        from spinscope.render.text import render_text

        return render_text(result, color=color)
    if fmt == "html":
        from spinscope.render.html import render_html

        return render_html(result)
    raise ValueError(f"unknown format {fmt!r}: choose text or html")
