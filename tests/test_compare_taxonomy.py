"""``compare --taxonomy``: both articles counted and named in SemEval-2023 (or both), findings unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spinscope.compare import compare_results
from spinscope.model import Article, Layer, Span
from spinscope.render.compare import render_compare_html, render_compare_text

TEXT = " ".join(["Everyone is joining the movement, so you should too."] * 6)
SPLIT = "Guilt_by_Association|Appeal_to_Popularity"


def _result(article_id: str, bandwagon: int) -> dict[str, Any]:
    article = Article(TEXT, id=article_id, title=f"Article {article_id}")
    sentence = len("Everyone is joining the movement, so you should too. ")
    spans = [
        Span(i * sentence, i * sentence + 8, label="Bandwagon,Reductio_ad_hitlerum", score=0.9)
        for i in range(bandwagon)
    ]
    spans.append(Span(9, 11, label="Loaded_Language", score=0.9, attrs={"semeval2023": ["Loaded_Language"]}))
    article.set_layer(Layer.TECHNIQUES, spans)
    article.summary = {"propaganda_score": 0.5, "model": {"name": "hand", "version": "0"}}
    return article.to_dict()


def test_the_2023_comparison_counts_a_split_class_once_and_names_every_candidate() -> None:
    a, b = _result("a", 3), _result("b", 0)
    comparison = compare_results(a, b, taxonomy="semeval2023")
    assert comparison.a.technique_counts == {SPLIT: 3, "Loaded_Language": 1}
    [sentence] = comparison.differences
    assert sentence.startswith("A uses guilt by association or appeal to popularity (")
    assert comparison.to_dict()["taxonomy"] == "semeval2023"
    default = compare_results(a, b)
    assert default.differences[0].startswith("A uses bandwagon / reductio ad hitlerum (")
    assert "taxonomy" not in default.to_dict()
    both = compare_results(a, b, taxonomy="both")
    assert "(2023: guilt by association or appeal to popularity)" in both.differences[0]
    text = render_compare_text(comparison)
    assert "one of: Guilt by association" in text and "SemEval-2020 model" in text
    page = render_compare_html(comparison, a, b)
    assert 'class="taxonomy-note"' in page and "Bandwagon" not in page
    assert "one of: Guilt by association, Appeal to popularity" in page
    with pytest.raises(ValueError, match="semeval2019"):
        compare_results(a, b, taxonomy="semeval2019")


def test_the_command_takes_the_flag(tmp_path: Path) -> None:
    paths = []
    for name, count in (("a", 3), ("b", 0)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(_result(name, count)), encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "spinscope",
            "compare",
            *paths,
            "--taxonomy",
            "semeval2023",
            "--min-score",
            "0",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["taxonomy"] == "semeval2023" and data["a"]["technique_counts"][SPLIT] == 3
