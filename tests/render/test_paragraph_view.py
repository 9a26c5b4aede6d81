"""SemEval-2023 paragraph labels (the ``paragraph_techniques`` layer) in the view, the terminal and the report."""

from __future__ import annotations

from spinscope.model import Article, Layer, Span
from spinscope.render.html import render_html
from spinscope.render.text import render_text
from spinscope.render.view import build_view

TEXT = "Our heroes will crush these vermin.\n\nThe meeting is on Monday."


def _result() -> dict[str, object]:
    article = Article(TEXT, id="p")
    article.set_layer(Layer.TECHNIQUES, [])
    article.set_layer(
        Layer.PARAGRAPH_TECHNIQUES,
        [
            Span(0, 35, attrs={"line": 1, "techniques": ["Loaded_Language"], "scores": {"Loaded_Language": 0.71}}),
            Span(37, 61, attrs={"line": 3, "techniques": [], "scores": {}}),
        ],
    )
    return article.to_dict()


def test_the_view_keeps_labelled_paragraphs_when_the_taxonomy_includes_2023() -> None:
    view = build_view(_result(), taxonomy="semeval2023")
    assert [(p.line, p.labels) for p in view.paragraphs] == [(1, (("Loaded_Language", "Loaded language", 0.71),))]
    assert build_view(_result(), taxonomy="both").paragraphs == view.paragraphs
    assert build_view(_result()).paragraphs == ()


def test_terminal_and_report_show_the_paragraph_labels() -> None:
    text = render_text(_result(), color=False, taxonomy="semeval2023")
    assert "SemEval-2023 paragraph labels" in text and "Loaded language (0.71)" in text
    assert "SemEval-2023 paragraph labels" not in render_text(_result(), color=False)
    html = render_html(_result(), taxonomy="semeval2023")
    assert 'id="paragraphs-heading"' in html and "Loaded language (0.71)" in html
