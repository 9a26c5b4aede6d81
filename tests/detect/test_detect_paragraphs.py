"""The mapped 2023 paragraph baseline: line numbering as the task's files, projection of findings to paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.detect.paragraphs import paragraph_lines, project_paragraphs
from spinscope.io.semeval import paragraph_rows, read_paragraph_labels
from spinscope.model import Article, Layer, Span

TEXT = "Title here\n\nFirst paragraph is loaded.\n   \nSecond one.\nThird, last"


def test_lines_are_numbered_from_one_and_blank_lines_get_no_row() -> None:
    rows = paragraph_lines(TEXT)
    assert [number for number, _, _ in rows] == [1, 3, 5, 6]
    assert [TEXT[start:end] for _, start, end in rows] == [
        "Title here",
        "First paragraph is loaded.",
        "Second one.",
        "Third, last",
    ]
    assert paragraph_lines("") == []
    assert paragraph_lines("one\n") == [(1, 0, 3)]


def test_findings_map_and_project_onto_overlapping_lines() -> None:
    loaded = TEXT.index("loaded")
    second = TEXT.index("Second")
    findings = [
        Span(loaded, loaded + 6, label="Loaded_Language", score=0.9),
        # crosses from line 5 into line 6: both get it
        Span(second, TEXT.index("Third") + 3, label="Whataboutism,Straw_Men,Red_Herring", score=0.8),
        Span(0, 5, label="Doubt", score=0.1),  # below the minimum score below
    ]
    article = Article(TEXT, id="7")
    article.set_layer(Layer.PARAGRAPH_TECHNIQUES, project_paragraphs(TEXT, findings, min_score=0.5))
    assert [TEXT[s.start : s.end] for s in article.spans(Layer.PARAGRAPH_TECHNIQUES)][1] == "First paragraph is loaded."
    assert paragraph_rows([article]) == [
        ("7", 1, frozenset()),
        ("7", 3, frozenset({"Loaded_Language"})),
        ("7", 5, frozenset({"Red_Herring"})),
        ("7", 6, frozenset({"Red_Herring"})),
    ]
    every = project_paragraphs(TEXT, findings, policy="all", min_score=0.0)
    assert every[0].attrs["techniques"] == ["Doubt"]
    assert set(every[2].attrs["techniques"]) == {"Red_Herring", "Appeal_to_Hypocrisy", "Whataboutism", "Straw_Man"}


@pytest.mark.data
def test_line_numbers_equal_the_gold_files(data_dir: Path) -> None:
    root = data_dir / "semeval2023-task3-en"
    for split in ("train", "dev"):
        for path in sorted((root / f"{split}-articles-subtask-3").iterdir())[:8]:
            article_id = path.stem.removeprefix("article")
            gold = read_paragraph_labels(root / f"{split}-labels-subtask-3" / f"{path.stem}-labels-subtask-3.txt")
            mine = [number for number, _, _ in paragraph_lines(path.read_text(encoding="utf-8"))]
            assert mine == [line for _, line, _ in gold], article_id
