"""The ``detect`` stage of :mod:`spinscope.pipeline`: technique spans, sentence and article scores."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

from spinscope.detect.model import TechniqueModel
from spinscope.detect.windows import Encoding
from spinscope.errors import FormatError
from spinscope.model import Article, Layer, Span
from spinscope.pipeline import Annotations
from spinscope.segment import line_ranges
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
    text: str, encoding: Encoding, p_inside: np.ndarray, start: int, end: int, k: int = TOP_WORDS
) -> list[str]:
    """The span's words whose pieces the span tagger was surest about (function words skipped)."""
    scored: dict[str, float] = {}
    for match in _WORD.finditer(text, start, end):
        word = match.group(0)
        if word.lower() in _STOPWORDS or len(word) < 3:
            continue
        inside = (encoding.offsets[:, 0] < match.end()) & (encoding.offsets[:, 1] > match.start())
        if inside.any():
            scored[word] = max(scored.get(word, 0.0), float(p_inside[inside].max()))
    return [word for word, _ in sorted(scored.items(), key=lambda item: -item[1])[:k]]


def _covered(start: int, end: int, ranges: list[Span]) -> float:
    overlap = sum(max(0, min(end, r.end) - max(start, r.start)) for r in ranges)
    return overlap / max(end - start, 1)


def _sentences(article: Article) -> list[Span]:
    sentences = article.spans(Layer.SENTENCES)
    if sentences:
        return sentences
    # no segment stage ran: one line, one sentence
    return [Span(start, end, label="sentence") for start, end in line_ranges(article.text)]


class DetectStage:
    """Finds propaganda spans, names their techniques, scores sentences and the article.

    1. one encoder pass over overlapping windows tags every word piece (SI) ...
    2. ... and the same states classify each found span (TC);
    3. spans mostly inside boilerplate are dropped;
    4. each span gets a calibrated score and a reason (definition + the words that weighed most);
    5. each sentence gets P(it holds a technique); the article gets their mean.
    """

    name = "detect"

    def __init__(self, model: TechniqueModel) -> None:
        self.model = model

    def predict(self, article: Article) -> Annotations:
        text = article.text
        encoding, p_inside, detected = self.model.detect(text)
        boilerplate = article.spans(Layer.BOILERPLATE)
        calibration = self.model.calibration
        techniques: list[Span] = []
        for found in detected:
            if boilerplate and _covered(found.start, found.end, boilerplate) >= BOILERPLATE_SHARE:
                continue
            best = int(np.argmax(found.technique_probs))
            label = self.model.techniques[best]
            words = top_words(text, encoding, p_inside, found.start, found.end)
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
            inside = (encoding.offsets[:, 0] < sentence.end) & (encoding.offsets[:, 1] > sentence.start)
            in_boilerplate = boilerplate and _covered(sentence.start, sentence.end, boilerplate) >= BOILERPLATE_SHARE
            peak = 0.0 if (in_boilerplate or not inside.any()) else float(p_inside[inside].max())
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
