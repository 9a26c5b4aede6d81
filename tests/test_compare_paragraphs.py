"""``compare`` with SemEval-2023: each side's paragraph labels, and the labels one side has and the other lacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from spinscope.compare import ParagraphFigures, compare_results
from spinscope.model import Article, Layer, Span
from spinscope.render.compare import render_compare_html, render_compare_text
from spinscope.taxonomy import get_taxonomy

LINES = ["They are traitors and vultures.", "The council met on Tuesday.", "Act now or lose everything!"]
TEXT = "\n".join(LINES)


def _result(article_id: str, labels: list[list[str]] | None) -> dict[str, Any]:
    """A result with one loaded-language finding and, unless ``labels`` is None, one paragraph span per line."""
    article = Article(TEXT, id=article_id)
    article.set_layer(Layer.TECHNIQUES, [Span(10, 18, label="Loaded_Language", score=0.9)])
    if labels is not None:
        starts = [sum(len(line) + 1 for line in LINES[:i]) for i in range(len(LINES))]
        article.set_layer(
            Layer.PARAGRAPH_TECHNIQUES,
            [
                Span(start, start + len(line), attrs={"line": i + 1, "techniques": given})
                for i, (start, line, given) in enumerate(zip(starts, LINES, labels, strict=True))
            ],
        )
    article.summary = {"propaganda_score": 0.4, "model": {"name": "hand", "version": "0"}}
    return article.to_dict()


A = _result("a", [["Loaded_Language", "Name_Calling-Labeling"], [], ["Appeal_to_Fear-Prejudice", "Loaded_Language"]])
A_ONLY = ["Appeal_to_Fear-Prejudice", "Name_Calling-Labeling"]
B = _result("b", [["Loaded_Language"], ["Doubt"], []])


def test_each_side_counts_its_paragraph_labels_and_names_what_the_other_lacks() -> None:
    data = compare_results(A, B, taxonomy="semeval2023").to_dict()
    para_a, para_b = data["a"]["paragraph_techniques"], data["b"]["paragraph_techniques"]
    assert para_a == {
        "paragraphs": 3,
        "labelled": 2,
        "counts": {"Loaded_Language": 2, "Appeal_to_Fear-Prejudice": 1, "Name_Calling-Labeling": 1},
        "only_here": A_ONLY,
    }
    assert para_b == {
        "paragraphs": 3,
        "labelled": 2,
        "counts": {"Doubt": 1, "Loaded_Language": 1},
        "only_here": ["Doubt"],
    }
    assert compare_results(A, B, taxonomy="both").to_dict()["a"]["paragraph_techniques"] == para_a


def test_a_side_without_paragraph_labels_is_none_and_nothing_is_said_to_be_lacking() -> None:
    plain = _result("b", None)
    assert ParagraphFigures.from_result(plain) is None
    comparison = compare_results(A, plain, taxonomy="semeval2023")
    data = comparison.to_dict()
    assert data["b"]["paragraph_techniques"] is None and data["a"]["paragraph_techniques"]["only_here"] is None
    text = render_compare_text(comparison)
    assert "paragraphs labelled (2023)" in text and "only A has" not in text


def test_the_terminal_and_the_page_show_the_counts_and_the_contrast() -> None:
    comparison = compare_results(A, B, taxonomy="semeval2023")
    text = render_compare_text(comparison)
    rows = {line[:34].strip(): line[34:].split() for line in text.splitlines()}
    assert rows["paragraphs labelled (2023)"] == ["2", "of", "3", "2", "of", "3"]
    assert rows["Doubt"] == ["0", "1"]
    names = [get_taxonomy("semeval2023").get(label).display_name for label in A_ONLY]
    assert f"Paragraph labels only A has (2023): {', '.join(names)}." in text
    assert "Paragraph labels only B has (2023): Doubt." in text
    page = render_compare_html(comparison, A, B)
    assert '<p class="paragraph-contrast">Paragraph labels only B has (2023): Doubt.</p>' in page
    assert "paragraphs labelled (2023)" in page


def test_the_default_taxonomy_output_is_what_it_was_without_paragraph_labels() -> None:
    """The 2020 comparison ignores the paragraph layer: same JSON, text and page as for results without it."""
    bare_a, bare_b = _result("a", None), _result("b", None)
    with_layer, without = compare_results(A, B), compare_results(bare_a, bare_b)
    assert with_layer.to_dict() == without.to_dict() and "paragraph_techniques" not in with_layer.to_dict()["a"]
    assert render_compare_text(with_layer) == render_compare_text(without)
    assert "paragraph" not in render_compare_text(with_layer)
    assert "paragraph-contrast" not in render_compare_html(with_layer, A, B)


def test_the_command_analyses_with_the_paragraph_head_under_semeval2023(tmp_path: Path) -> None:
    paths = []
    for name, text in (("a", "The corrupt traitors want to destroy our great nation!\n"), ("b", TEXT)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    command = [sys.executable, "-m", "spinscope", "compare", *paths, "--format", "json", "--no-quotes", "--no-outlet"]
    done = subprocess.run([*command, "--taxonomy", "semeval2023"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for side in ("a", "b"):
        figures = data[side]["paragraph_techniques"]
        assert figures["paragraphs"] >= 1 and isinstance(figures["only_here"], list)
    plain = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert "paragraph_techniques" not in plain.stdout
