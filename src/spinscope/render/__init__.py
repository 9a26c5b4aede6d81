"""Render a result dict (``Article.to_dict()``) for people: terminal text or a self-contained HTML report."""

from __future__ import annotations

from typing import Any

from spinscope.settings import SEMEVAL2020


def render(
    result: dict[str, Any],
    fmt: str,
    *,
    color: bool = False,
    min_score: float | None = None,
    taxonomy: str = SEMEVAL2020,
) -> str:
    """Render ``result`` as ``"text"`` or ``"html"``, showing findings scoring at least ``min_score``
    (``None``: the model's display threshold; the HTML report can show more or fewer), named in
    ``taxonomy`` (:attr:`Settings.taxonomy`)."""
    if fmt == "text":
        from spinscope.render.text import render_text

        return render_text(result, color=color, min_score=min_score, taxonomy=taxonomy)
    if fmt == "html":
        from spinscope.render.html import render_html

        return render_html(result, min_score=min_score, taxonomy=taxonomy)
    raise ValueError(f"unknown format {fmt!r}: choose text or html")
