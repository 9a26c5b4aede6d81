"""Sentence splitting on PTC train articles: boundary quality and speed, spinscope's splitter vs pysbd.

PTC article files hold one sentence per line. For quality, each article's lines (title left out)
are joined with single spaces into one paragraph, and a splitter must find the line ends again:
boundary precision, recall and F1 over all articles. For speed, the splitters run on the article
files as they are (newlines included), one core, and articles per second are reported.

usage: python benchmarks/segment.py [--articles N] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from spinscope.io import read_ptc, read_text
from spinscope.model import Article
from spinscope.segment import SegmentStage, split_sentences
from spinscope.settings import default_data_dir

Splitter = Callable[[str], list[tuple[int, int]]]


def spinscope_splitter(text: str) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in split_sentences(text)]


def pysbd_splitter() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for piece in segmenter.segment(text):
            stripped = piece.sent.rstrip()
            spans.append((piece.start, piece.start + len(stripped)))
        return spans

    return split


def joined_paragraph(article: Article) -> tuple[str, set[int]]:
    """The article's sentence lines joined by spaces, and the offsets where each line ended."""
    lines = [line.strip() for line in article.text.split("\n")[1:] if line.strip()]
    text, ends = "", set()
    for line in lines:
        if text:
            text += " "
        text += line
        ends.add(len(text))
    ends.discard(len(text))
    return text, ends


def boundary_scores(articles: list[Article], split: Splitter) -> dict[str, float]:
    found = correct = expected = 0
    for article in articles:
        text, gold = joined_paragraph(article)
        predicted = {end for _, end in split(text)}
        predicted.discard(len(text.rstrip()))
        found += len(predicted)
        expected += len(gold)
        correct += len(predicted & gold)
    precision = correct / found if found else 0.0
    recall = correct / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def articles_per_second(articles: list[Article], run: Callable[[Article], object]) -> float:
    started = time.perf_counter()
    for article in articles:
        run(article)
    return len(articles) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100, help="how many PTC train articles (sorted by id)")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args()
    folder = args.data_dir / "semeval2020-task11-ptc-v2" / "train-articles"
    articles = list(read_ptc(folder))[: args.articles]
    characters = sum(len(article.text) for article in articles)
    print(f"{len(articles)} PTC train articles, {characters / len(articles):,.0f} characters on average")
    stage = SegmentStage()
    pysbd_split = pysbd_splitter()
    for name, split, run in (
        ("spinscope", spinscope_splitter, stage.predict),
        ("pysbd", pysbd_split, lambda article: pysbd_split(article.text)),
    ):
        scores = boundary_scores(articles, split)
        speed = articles_per_second(articles, run)
        print(
            f"{name:10s} boundary P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}"
            f"   speed {speed:,.0f} articles/s"
        )

    texts = [article.text for article in articles]
    started = time.perf_counter()
    for text in texts:
        article = read_text(text)
        stage.predict(article)
    speed = len(texts) / (time.perf_counter() - started)
    print(f"read_text + segment stage: {speed:,.0f} articles/s")


if __name__ == "__main__":
    main()
