"""Scoring a technique model on a labelled PTC split (dev, test proxy) with the official-style scorers.

A split is its articles with the gold in layers (TC gold in ``gold_techniques``, SI gold in
``gold_spans``); the official scorers take label rows, made from those layers at the call
(:func:`spinscope.io.ptc.label_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.detect.submission import predict_findings, predict_si, predict_tc
from spinscope.errors import DataNotFoundError, FormatError
from spinscope.io.ptc import LabelRow, label_rows, read_label_rows, span_rows
from spinscope.model import Article, Layer, Span
from spinscope.segment import line_ranges

PTC_FOLDER = "semeval2020-task11-ptc-v2"
SEMEVAL2023_FOLDER = "semeval2023-task3-en"
#: The split of SemEval-2023 English dev with its span gold (subtask 3 spans, 2023 labels); evaluation only.
SEMEVAL2023_DEV = "semeval2023-dev"


@dataclass(frozen=True)
class Split:
    """A labelled split: its articles, each with TC gold (``gold_techniques``) and SI gold (``gold_spans``)."""

    name: str
    articles: list[Article]

    @property
    def si_gold(self) -> list[LabelRow]:
        """The SI gold as label rows (what :func:`~spinscope.evaluate.semeval.score_si` takes)."""
        return label_rows(self.articles, Layer.GOLD_SPANS)

    @property
    def tc_gold(self) -> list[LabelRow]:
        """The TC gold as label rows (what :func:`~spinscope.evaluate.semeval.score_tc` takes)."""
        return label_rows(self.articles, Layer.GOLD_TECHNIQUES)

    def scored_articles(self) -> list[Article]:
        """The articles scored: every one on dev; on the test proxy only those with gold (a subset has it)."""
        if self.name != "test-proxy":
            return self.articles
        return [a for a in self.articles if a.spans(Layer.GOLD_SPANS) or a.spans(Layer.GOLD_TECHNIQUES)]


def load_split(data_dir: Path, name: str) -> Split:
    """``dev`` (official gold) or ``test-proxy`` (rebuilt gold, 1,745 TC spans) of PTC v2, or
    ``semeval2023-dev`` (:func:`load_semeval2023_dev`).

    Raises:
        DataNotFoundError: the split's folders are not under ``data_dir``.
    """
    from spinscope.io.ptc import add_gold_layer, read_ptc

    if name == SEMEVAL2023_DEV:
        return load_semeval2023_dev(data_dir)
    corpus = data_dir / PTC_FOLDER
    if name == "dev":
        folder, tc_file, si_file = (
            corpus / "dev-articles",
            corpus / "dev-task-flc-tc.labels",
            corpus / "dev-task-si.labels",
        )
    elif name == "test-proxy":
        folder = corpus / "test-articles"
        tc_file = corpus / "test-proxy-gold" / "test-task-flc-tc.proxy.labels"
        si_file = corpus / "test-proxy-gold" / "test-task-si.proxy.labels"
    else:
        raise DataNotFoundError(f"unknown PTC split {name!r} (dev or test-proxy)")
    for path in (folder, tc_file, si_file):
        if not path.exists():
            raise DataNotFoundError(f"{path}: not found (see the data README)")
    articles = list(read_ptc(folder, labels=tc_file))
    unmatched = add_gold_layer(articles, si_file, Layer.GOLD_SPANS)
    out_of_range = sum(a.meta.get("gold_out_of_range", 0) for a in articles)
    if unmatched or out_of_range:  # every gold row must be scored, as the official scorer would
        raise FormatError(
            str(folder), f"{unmatched} gold row(s) name no article of the folder, {out_of_range} fall outside one"
        )
    return Split(name, articles)


def load_semeval2023_dev(data_dir: Path) -> Split:
    """SemEval-2023 English dev (90 articles) with its subtask-3 span gold (2023 labels) in ``gold_techniques``
    and the same spans without label in ``gold_spans``; offsets into the article texts as the files give them.

    Raises:
        DataNotFoundError: the folders are not under ``data_dir``.
        FormatError: a gold row names no article, falls outside one, or has a label that is not SemEval-2023's.
    """
    from spinscope.io.ptc import read_ptc
    from spinscope.taxonomy import get_taxonomy

    corpus = data_dir / SEMEVAL2023_FOLDER
    folder, labels = corpus / "dev-articles-subtask-3", corpus / "dev-labels-subtask-3-spans"
    for path in (folder, labels):
        if not path.exists():
            raise DataNotFoundError(f"{path}: not found (see the data README)")
    articles = list(read_ptc(folder, labels=labels))
    known = set(get_taxonomy("semeval2023").ids)
    ids = {a.id for a in articles}
    rows = label_rows(articles)
    out_of_range = sum(a.meta.get("gold_out_of_range", 0) for a in articles)
    stray = {row[0] for row in read_label_rows(labels)} - ids
    if out_of_range or stray:
        raise FormatError(
            str(labels),
            f"{len(stray)} article id(s) with gold name no article, {out_of_range} span(s) fall outside one",
        )
    unknown = sorted({row[1] for row in rows} - known)
    if unknown:
        raise FormatError(str(labels), f"labels not in SemEval-2023: {', '.join(unknown)}")
    for article in articles:
        article.set_layer(Layer.GOLD_SPANS, [Span(s.start, s.end) for s in article.spans(Layer.GOLD_TECHNIQUES)])
    return Split(SEMEVAL2023_DEV, articles)


def score_split(model: TechniqueModel, split: Split) -> dict[str, Any]:
    """SI precision/recall/F1 and TC micro-F1 with per-technique F1 (scorers of :mod:`spinscope.evaluate.semeval`),
    and span + technique figures of the findings (:func:`spans_figures`)."""
    from spinscope.evaluate.semeval import score_si, score_tc

    articles = split.scored_articles()
    si = score_si(span_rows(predict_si(model, articles)), split.si_gold)
    template = {article.id: article.spans(Layer.GOLD_TECHNIQUES) for article in articles}
    tc = score_tc(span_rows(predict_tc(model, articles, template)), split.tc_gold)
    return {
        "si": {key: si[key] for key in ("precision", "recall", "f1")},
        "tc": {"micro_f1": tc["f1"], "per_technique": {k: v["f1"] for k, v in tc["per_technique"].items()}},
        "n_articles": len(articles),
        **spans_figures(model, split, articles),
    }


def spans_figures(model: TechniqueModel, split: Split, articles: list[Article]) -> dict[str, Any]:
    """Span + technique F1 of the findings (micro, macro, per technique), of those shown by default
    (score at least the model's display threshold), and SI F1 of the findings' spans."""
    from spinscope.evaluate.semeval import score_si
    from spinscope.evaluate.spans import score_spans

    findings = predict_findings(model, articles)
    shown = {key: [span for span in spans if (span.score or 0.0) >= model.min_score] for key, spans in findings.items()}
    every_rows = span_rows(findings)
    si = score_si([(a, "", s, e) for a, _, s, e in every_rows], split.si_gold)
    every = score_spans(every_rows, split.tc_gold)
    shown_score = score_spans(span_rows(shown), split.tc_gold)

    def overall(result: dict[str, Any]) -> dict[str, Any]:
        keys = ("precision", "recall", "f1", "macro_f1", "n_pred", "n_gold")
        return {key: result[key] for key in keys}

    return {
        "spans": {
            **overall(every),
            "per_technique": every["per_technique"],
            "techniques_right": sorted(k for k, v in every["per_technique"].items() if v["precision"] > 0),
        },
        "shown": {"min_score": model.min_score, **overall(shown_score)},
        "findings_si": {key: si[key] for key in ("precision", "recall", "f1")},
    }


def spans_figures_2023(model: TechniqueModel, split: Split, articles: list[Article]) -> dict[str, Any]:
    """Span + technique F1 of the findings named in SemEval-2023 (``attrs["semeval2023"]``, the reading every
    face shows) against a split with 2023 span gold: every finding and those shown by default, each ``strict``
    and ``lenient`` (:func:`spinscope.evaluate.spans.name_2023`)."""
    from spinscope.evaluate.spans import CANDIDATE_MODES, score_spans_2023
    from spinscope.taxonomy.mapping import CANDIDATE_JOINER, reading_2023

    findings = predict_findings(model, articles)
    named = {
        key: [
            Span(s.start, s.end, label=CANDIDATE_JOINER.join(reading_2023(s.label, s.attrs)), score=s.score)
            for s in spans
        ]
        for key, spans in findings.items()
    }
    shown = {key: [s for s in spans if (s.score or 0.0) >= model.min_score] for key, spans in named.items()}
    keys = ("precision", "recall", "f1", "macro_f1", "n_pred", "n_gold", "n_techniques", "n_several")
    out: dict[str, Any] = {"min_score": model.min_score}
    for mode in CANDIDATE_MODES:
        every = score_spans_2023(span_rows(named), split.tc_gold, mode=mode)
        out[mode] = {key: every[key] for key in keys} | {"per_technique": every["per_technique"]}
        out[f"shown_{mode}"] = {
            key: value
            for key, value in score_spans_2023(span_rows(shown), split.tc_gold, mode=mode).items()
            if key in keys
        }
    return out


def calibration_pairs(model: TechniqueModel, split: Split) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(score, outcome) pairs for reliability: technique spans and sentences (lines) of a split.

    A technique span is right when a gold span with the same technique overlaps it; a line holds
    propaganda when any gold span overlaps it.
    """
    span_scores, span_hits, line_scores, line_hits = [], [], [], []
    for article in split.articles:
        spans = [(s.start, s.end, s.label) for s in article.spans(Layer.GOLD_TECHNIQUES)]
        if not spans and split.name == "test-proxy":
            continue
        encoding, p_inside, detected = model.detect(article.text)
        for found in detected:
            best = int(np.argmax(found.technique_probs))
            label = model.techniques[best]
            span_scores.append(model.calibration.score_detected(found))
            span_hits.append(any(s < found.end and found.start < e and t == label for s, e, t in spans))
        for start, end in line_ranges(article.text):
            inside = (encoding.offsets[:, 0] < end) & (encoding.offsets[:, 1] > start)
            peak = float(p_inside[inside].max()) if inside.any() else 0.0
            line_scores.append(model.calibration.sentence_score(peak) if peak > 0 else 0.0)
            line_hits.append(any(s < end and start < e for s, e, _ in spans))
    return {
        "technique_spans": (np.asarray(span_scores), np.asarray(span_hits, dtype=float)),
        "sentences": (np.asarray(line_scores), np.asarray(line_hits, dtype=float)),
    }
