"""HTML, URL and text input of the same article give the same paragraphs and the same findings.

Also: no technique span crosses a paragraph, whatever the reader (html, txt, record format, PTC).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from spinscope.io import read_path, read_ptc
from spinscope.io.fetch import fetch_url
from spinscope.model import Article, Layer
from spinscope.pipeline import Analyzer
from spinscope.settings import Settings

#: A blank line: the paragraph boundary that no technique span may cross.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def news_page(title: str, paragraphs: list[str], *, site: str = "The Arvelian Beacon") -> str:
    """A realistic news page: header and nav, an article of ``<p>``s under an ``<h1>``, a footer."""
    body = "\n".join(f"    <p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(title)}">
<meta name="author" content="Corin Maddox">
<meta property="article:published_time" content="2031-03-14T08:00:00Z">
</head><body>
<header><div class="logo">{escape(site)}</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/nation">Nation</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
  <article>
    <h1>{escape(title)}</h1>
    <p class="byline">By Corin Maddox</p>
{body}
  </article>
  <aside><h3>Most read</h3><ul><li><a href="/a">Salt prices rise again</a></li></ul></aside>
</main>
<footer><p>Copyright 2031 {escape(site)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def _paragraphs_of(text: str) -> list[str]:
    return [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]


def _example(example_path: Path) -> tuple[str, list[str]]:
    article = read_path(example_path, settings=Settings())
    assert article.title
    return article.title, _paragraphs_of(article.text)


def _shifted(value: object, shift: int) -> object:
    """``value`` with every ``start``/``end`` offset inside it moved back by ``shift``."""
    if isinstance(value, dict):
        return {k: v - shift if k in ("start", "end") else _shifted(v, shift) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(item, shift) for item in value]
    return value


def _findings(article: Article, shift: int = 0) -> dict[str, object]:
    """Every layer's spans (offsets, label, score, attrs), offsets moved back by ``shift``."""
    return {layer: _shifted([s.to_dict() for s in article.spans(layer)], shift) for layer in sorted(article.layers)}


def _paragraph_texts(article: Article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.spans(Layer.PARAGRAPHS)]


def test_html_and_txt_of_the_same_article_give_the_same_paragraphs(example_path: Path, tmp_path: Path) -> None:
    title, paragraphs = _example(example_path)
    html_path = tmp_path / "arvelia.html"
    html_path.write_text(news_page(title, paragraphs), encoding="utf-8")
    txt_path = tmp_path / "arvelia.txt"
    txt_path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    settings = Settings(techniques=False, quotes=False, outlet=False)
    analyzer = Analyzer(settings)
    from_html = analyzer.analyze(read_path(html_path, settings=settings))
    from_txt = analyzer.analyze(read_path(txt_path, settings=settings))
    from_record = analyzer.analyze(read_path(example_path, settings=settings))
    assert from_html.title == title
    assert from_html.outlet == "The Arvelian Beacon"
    assert len(from_html.spans(Layer.PARAGRAPHS)) == len(paragraphs) > 4
    assert _paragraph_texts(from_html) == _paragraph_texts(from_txt) == _paragraph_texts(from_record) == paragraphs


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    """Every stage on (the default settings)."""
    return Analyzer(Settings())


def test_html_and_txt_give_the_same_findings(analyzer: Analyzer, example_path: Path, tmp_path: Path) -> None:
    title, paragraphs = _example(example_path)
    html_path = tmp_path / "arvelia.html"
    html_path.write_text(news_page(title, paragraphs), encoding="utf-8")
    # The same text saved with leading blank lines: every finding moves by their length, nothing else.
    lead = "\n\n\n"
    txt_path = tmp_path / "arvelia.txt"
    txt_path.write_text(lead + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    from_html = analyzer.analyze(read_path(html_path, settings=analyzer.settings))
    from_txt = analyzer.analyze(read_path(txt_path, settings=analyzer.settings))
    from_record = analyzer.analyze(read_path(example_path, settings=analyzer.settings))
    assert from_html.spans(Layer.TECHNIQUES), "the example has technique findings"
    assert from_txt.text.rstrip() == lead + from_html.text
    assert _findings(from_html) == _findings(from_record) == _findings(from_txt, len(lead))


def test_url_goes_through_the_same_html_reader(
    analyzer: Analyzer, example_path: Path, http_server: str, local_settings: Settings
) -> None:
    fetched = fetch_url(f"{http_server}/article.html", settings=local_settings)
    assert fetched.meta["format"] == "html"
    assert len(_paragraphs_of(fetched.text)) == 3
    assert len(analyzer.analyze(fetched).spans(Layer.PARAGRAPHS)) == 3


def _assert_no_span_crosses_a_paragraph(article: Article, *, lines_are_paragraphs: bool = True) -> None:
    """No technique span crosses a blank line, nor (``lines_are_paragraphs``) a paragraph span.

    PTC articles put one sentence per line and mark paragraphs with blank lines; their gold spans
    do run over a line end, so there only the blank line is a boundary.
    """
    text = article.text
    for span in article.spans(Layer.TECHNIQUES):
        assert not _BLANK_LINE.search(text, span.start, span.end), (article.id, span.start, span.end)
        inside = [p for p in article.spans(Layer.PARAGRAPHS) if p.start <= span.start and span.end <= p.end]
        if lines_are_paragraphs or "\n" not in text[span.start : span.end]:
            assert inside, (article.id, span.start, span.end, "not inside one paragraph")


def test_no_technique_span_crosses_a_paragraph_html_txt_record(
    analyzer: Analyzer, example_path: Path, tmp_path: Path
) -> None:
    title, paragraphs = _example(example_path)
    html_path = tmp_path / "page.html"
    html_path.write_text(news_page(title, paragraphs), encoding="utf-8")
    txt_path = tmp_path / "plain.txt"
    txt_path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    found = 0
    for path in (example_path, html_path, txt_path):
        article = analyzer.analyze(read_path(path, settings=analyzer.settings))
        found += len(article.spans(Layer.TECHNIQUES))
        _assert_no_span_crosses_a_paragraph(article)
    assert found


@pytest.mark.data
def test_no_technique_span_crosses_a_paragraph_seed_and_ptc(
    analyzer: Analyzer, seed_path: Path, data_dir: Path, tmp_path: Path
) -> None:
    seed = read_path(seed_path, settings=analyzer.settings)
    assert seed.title
    html_path = tmp_path / "seed.html"
    html_path.write_text(news_page(seed.title, _paragraphs_of(seed.text), site="Russia-Insider"), encoding="utf-8")
    articles = [seed, read_path(html_path, settings=analyzer.settings)]
    dev = data_dir / "semeval2020-task11-ptc-v2" / "dev-articles"
    ptc = sorted(read_ptc(dev), key=lambda a: a.id)[:3]
    for article in articles:
        _assert_no_span_crosses_a_paragraph(analyzer.analyze(article))
    for article in ptc:
        _assert_no_span_crosses_a_paragraph(analyzer.analyze(article), lines_are_paragraphs=False)
    assert _paragraph_texts(articles[0]) == _paragraph_texts(articles[1])
