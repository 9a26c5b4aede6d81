"""The ``detect`` stage of :mod:`spinscope.pipeline`: technique spans, sentence and article scores."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np

from spinscope.detect.model import DetectedSpan, TechniqueModel
from spinscope.encoder.windows import Encoding, PieceIndex
from spinscope.errors import FormatError
from spinscope.model import Article, Layer, Span
from spinscope.model.annotations import Annotations
from spinscope.progress import progress_part, report
from spinscope.segment import CHUNK_CHARS, chunk_ranges, line_ranges
from spinscope.settings import Settings

#: The model shipped in the package (see its MODEL_CARD.md).
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ptc-minilm"
#: A detected span is dropped when at least this share of it lies in boilerplate (share/subscribe
#: trailers are not article content; half is the natural cut for "mostly inside").
BOILERPLATE_SHARE = 0.5
#: How many words the reason names.
TOP_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)
#: Function words never named as "the words that weighed most".
_FUNCTION_WORDS = """
a an the and or but of to in on at by for with from as is are was were be been it its this that these those
he she they we you i his her their our your not no so if than then there here who whom which what
can could will would shall should may might must do does did has have had also just
"""
_STOPWORDS = frozenset(_FUNCTION_WORDS.split())


@cache
def load_model(model_dir: Path | None = None, threads: int | None = None) -> TechniqueModel:
    """The technique model in ``model_dir`` (the shipped one when None), loaded once per path and thread count."""
    return TechniqueModel.from_disk(model_dir or SHIPPED_MODEL_DIR, threads=threads)


def _definition(technique: str) -> str:
    try:
        from spinscope.taxonomy import get_technique

        return get_technique(technique).definition
    except FormatError:  # the taxonomy may not know a custom model's label; the name still explains it
        return technique.replace("_", " ").replace(",", ", ")


def top_words(
    text: str,
    encoding: Encoding,
    p_inside: np.ndarray,
    start: int,
    end: int,
    k: int = TOP_WORDS,
    *,
    index: PieceIndex | None = None,
) -> list[str]:
    """The span's words whose pieces the span tagger was surest about (function words skipped).

    ``index``: a :class:`PieceIndex` of ``encoding``, built once by callers that ask for many spans.
    """
    index = index or PieceIndex(encoding)
    scored: dict[str, float] = {}
    for match in _WORD.finditer(text, start, end):
        word = match.group(0)
        if word.lower() in _STOPWORDS or len(word) < 3:
            continue
        inside = p_inside[index.overlapping(match.start(), match.end())]
        if inside.size:
            scored[word] = max(scored.get(word, 0.0), float(inside.max()))
    return [word for word, _ in sorted(scored.items(), key=lambda item: -item[1])[:k]]


class _Coverage:
    """The share of a character range that lies inside some spans, found by binary search."""

    def __init__(self, ranges: list[Span]) -> None:
        self.ranges = sorted(ranges, key=lambda r: (r.start, r.end))
        self.starts = [r.start for r in self.ranges]
        ends = [r.end for r in self.ranges]
        # boilerplate lines do not overlap, so their ends are in order too; if they were not, every span is summed
        self.ends = ends if all(a <= b for a, b in itertools.pairwise(ends)) else None

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def share(self, start: int, end: int) -> float:
        """Overlap of ``[start, end)`` with the spans, over its length."""
        near = self.ranges
        if self.ends is not None:
            near = self.ranges[bisect.bisect_right(self.ends, start) : bisect.bisect_left(self.starts, end)]
        overlap = sum(max(0, min(end, r.end) - max(start, r.start)) for r in near)
        return overlap / max(end - start, 1)


def _sentences(article: Article) -> list[Span]:
    sentences = article.spans(Layer.SENTENCES)
    if sentences:
        return sentences
    # no segment stage ran: one line, one sentence
    return [Span(start, end, label="sentence") for start, end in line_ranges(article.text)]


class DetectStage:
    """Finds propaganda spans, names their techniques, scores sentences and the article.

    0. a text over :data:`~spinscope.segment.CHUNK_CHARS` characters is read in pieces cut at
       paragraph boundaries (:meth:`detect`), each as if it were an article of its own;
    1. one encoder pass over overlapping windows tags every word piece (SI) ...
    2. ... and the same states classify each found span (TC);
    3. spans mostly inside boilerplate are dropped;
    4. each span gets a calibrated score and a reason (definition + the words that weighed most);
    5. each sentence gets P(it holds a technique); the article gets their mean.
    """

    name = "detect"

    def __init__(self, model: TechniqueModel) -> None:
        self.model = model

    def detect(self, text: str) -> tuple[Encoding, np.ndarray, list[DetectedSpan]]:
        """:meth:`TechniqueModel.detect` of the whole text, or of its pieces when it is long.

        A text over :data:`~spinscope.segment.CHUNK_CHARS` characters is read piece by piece (cut at
        paragraph boundaries), so that only one piece's encoder states are held at a time and the
        per-span work (repetition counts, window lookups) grows with the piece, not the article.
        """
        chunks = chunk_ranges(text, CHUNK_CHARS)
        if len(chunks) == 1:
            return self.model.detect(text)
        ids, offsets, probabilities, spans = [], [], [], []
        for start, end in chunks:
            with progress_part(start, end - start, len(text)):
                encoding, p_inside, detected = self.model.detect(text[start:end])
            report("techniques", end, len(text))
            ids.append(encoding.ids)
            offsets.append(encoding.offsets + start)
            probabilities.append(p_inside)
            spans += [replace(found, start=found.start + start, end=found.end + start) for found in detected]
        encoding = Encoding(ids=np.concatenate(ids), offsets=np.concatenate(offsets).reshape(-1, 2))
        return encoding, np.concatenate(probabilities), spans

    def predict(self, article: Article) -> Annotations:
        text = article.text
        encoding, p_inside, detected = self.detect(text)
        index = PieceIndex(encoding)
        boilerplate = _Coverage(article.spans(Layer.BOILERPLATE))
        calibration = self.model.calibration
        techniques: list[Span] = []
        for found in detected:
            if boilerplate and boilerplate.share(found.start, found.end) >= BOILERPLATE_SHARE:
                continue
            best = int(np.argmax(found.technique_probs))
            label = self.model.techniques[best]
            words = top_words(text, encoding, p_inside, found.start, found.end, index=index)
            reason = _definition(label)
            if words:
                reason += " Words that weighed most: " + ", ".join(words) + "."
            techniques.append(
                Span(
                    found.start,
                    found.end,
                    label=label,
                    score=round(calibration.score_detected(found), 4),
                    attrs={
                        "reason": reason,
                        "top_words": words,
                        "technique_probability": round(float(found.technique_probs[best]), 4),
                    },
                )
            )
        sentences = []
        for sentence in _sentences(article):
            inside = p_inside[index.overlapping(sentence.start, sentence.end)]
            in_boilerplate = bool(boilerplate) and boilerplate.share(sentence.start, sentence.end) >= BOILERPLATE_SHARE
            peak = 0.0 if (in_boilerplate or not inside.size) else float(inside.max())
            score = calibration.sentence_score(peak) if peak > 0 else 0.0
            sentences.append(
                Span(
                    sentence.start,
                    sentence.end,
                    label=sentence.label,
                    score=round(score, 4),
                    attrs=dict(sentence.attrs),
                )
            )
        scores = [s.score or 0.0 for s in sentences]
        summary = {
            "propaganda_score": round(float(np.mean(scores)), 4) if scores else 0.0,
            "technique_counts": dict(Counter(span.label for span in techniques)),
            "model": {"name": self.model.name, "version": self.model.version},
        }
        return Annotations(layers={Layer.TECHNIQUES: techniques, Layer.SENTENCES: sentences}, summary=summary)


def build_stage(settings: Settings) -> DetectStage:
    """The detect stage with the model ``settings.model_dir`` names (the shipped model when None)."""
    return DetectStage(load_model(settings.model_dir, settings.threads))
