"""The ``detect`` stage of :mod:`spinscope.pipeline`: technique spans, sentence and article scores."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.detect.findings import Finding, FindingSettings, detect_findings
from spinscope.detect.model import DetectedSpan, TechniqueModel
from spinscope.encoder.windows import Encoding, PieceIndex
from spinscope.errors import FormatError
from spinscope.model import Article, Layer, Span
from spinscope.model.annotations import Annotations
from spinscope.progress import progress_part, report
from spinscope.segment import BOILERPLATE_SHARE, CHUNK_CHARS, Coverage, chunk_ranges, line_ranges
from spinscope.settings import Settings
from spinscope.taxonomy.mapping import semeval2023_reading

#: What the model reports per span: a technique-blind span (older models) or a technique finding.
Found = DetectedSpan | Finding
#: The model shipped in the package (see its MODEL_CARD.md).
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ptc-minilm"
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


def load_model(model_dir: Path | None = None, threads: int | None = None) -> TechniqueModel:
    """Load the technique model in ``model_dir`` (the shipped one when None); each call reads it from disk.

    Raises:
        ModelError: the directory is not a technique model.
    """
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
        #: Technique findings chosen per technique (models with a ``findings`` entry in config.json).
        findings = model.config.get("findings")
        self.findings = FindingSettings.from_config(findings) if findings else None

    def _detect_one(self, text: str) -> tuple[Encoding, np.ndarray, list[Found]]:
        if self.findings is not None:
            encoding, p_inside, findings = detect_findings(self.model, text, self.findings)
            return encoding, p_inside, list[Found](findings)
        encoding, p_inside, spans = self.model.detect(text)
        return encoding, p_inside, list[Found](spans)

    def detect(self, text: str) -> tuple[Encoding, np.ndarray, list[Found]]:
        """:meth:`TechniqueModel.detect` of the whole text, or of its pieces when it is long.

        A text over :data:`~spinscope.segment.CHUNK_CHARS` characters is read piece by piece (cut at
        paragraph boundaries), so that only one piece's encoder states are held at a time and the
        per-span work (repetition counts, window lookups) grows with the piece, not the article.
        """
        return self._detect_pieces(text, chunk_ranges(text, CHUNK_CHARS))

    def _detect_pieces(self, text: str, chunks: list[tuple[int, int]]) -> tuple[Encoding, np.ndarray, list[Found]]:
        """Each ``(start, end)`` piece of ``text`` read as an article of its own, results put together."""
        if len(chunks) == 1 and chunks[0] == (0, len(text)):
            return self._detect_one(text)
        ids, offsets, probabilities, spans = [], [], [], []
        for start, end in chunks:
            with progress_part(start, end - start, len(text)):
                encoding, p_inside, detected = self._detect_one(text[start:end])
            report("techniques", end, len(text))
            ids.append(encoding.ids)
            offsets.append(encoding.offsets + start)
            probabilities.append(p_inside)
            spans += [replace(found, start=found.start + start, end=found.end + start) for found in detected]
        encoding = Encoding(ids=np.concatenate(ids), offsets=np.concatenate(offsets).reshape(-1, 2))
        return encoding, np.concatenate(probabilities), spans

    def _technique_spans(
        self,
        text: str,
        encoding: Encoding,
        p_inside: np.ndarray,
        detected: list[Found],
        boilerplate: Coverage | None = None,
    ) -> list[Span]:
        """Technique spans with score, reason and top words (spans mostly in boilerplate dropped)."""
        index = PieceIndex(encoding)
        calibration = self.model.calibration
        techniques: list[Span] = []
        for found in detected:
            if boilerplate and boilerplate.share(found.start, found.end) >= BOILERPLATE_SHARE:
                continue
            if isinstance(found, Finding):
                label, score, probability = self.model.techniques[found.technique], found.score, found.technique_prob
            else:
                best = int(np.argmax(found.technique_probs))
                label, score = self.model.techniques[best], calibration.score_detected(found)
                probability = float(found.technique_probs[best])
            words = top_words(text, encoding, p_inside, found.start, found.end, index=index)
            reason = _definition(label)
            if words:
                reason += " Words that weighed most: " + ", ".join(words) + "."
            attrs: dict[str, Any] = {
                "reason": reason,
                "top_words": words,
                "technique_probability": round(probability, 4),
            }
            reading = semeval2023_reading(label)
            if reading is not None:
                attrs["semeval2023"] = reading
            techniques.append(Span(found.start, found.end, label=label, score=round(score, 4), attrs=attrs))
        return techniques

    def _headline(self, article: Article) -> dict[str, Any] | None:
        """Findings of a title that is not part of the text (record header, HTML or JSON title)."""
        title = (article.title or "").strip()
        if not title or _title_end(article) is not None:
            return None
        encoding, p_inside, detected = self._detect_one(title)
        spans = self._technique_spans(title, encoding, p_inside, detected)
        return {
            "text": title,
            "techniques": [{**span.to_dict(), "text": title[span.start : span.end]} for span in spans],
        }

    def predict(self, article: Article) -> Annotations:
        text = article.text
        chunks = chunk_ranges(text, CHUNK_CHARS)
        title_end = _title_end(article)
        if title_end is not None:
            # the title line is read on its own, so a header line never changes the body's findings
            body = len(text) - len(text[title_end:].lstrip())
            chunks = [(0, title_end)] + [(max(s, body), e) for s, e in chunks if e > body]
        encoding, p_inside, detected = self._detect_pieces(text, chunks)
        index = PieceIndex(encoding)
        boilerplate = Coverage(article.spans(Layer.BOILERPLATE))
        calibration = self.model.calibration
        techniques = self._technique_spans(text, encoding, p_inside, detected, boilerplate)
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
            "model": {"name": self.model.name, "version": self.model.version, "min_score": self.model.min_score},
        }
        headline = self._headline(article)
        if headline is not None:
            summary["headline"] = headline
        return Annotations(layers={Layer.TECHNIQUES: techniques, Layer.SENTENCES: sentences}, summary=summary)


def _title_end(article: Article) -> int | None:
    """Where the title line ends when the text starts with the article's title (PTC files), else None."""
    title = (article.title or "").strip()
    first = article.text.split("\n", 1)[0]
    if title and first.strip() == title and len(first) < len(article.text.rstrip()):
        return len(first)
    return None


def build_stage(settings: Settings) -> DetectStage:
    """Load the detect stage with the model ``settings.model_dir`` names (the shipped model when None).

    Raises:
        ModelError: the directory is not a technique model.
    """
    return DetectStage(load_model(settings.model_dir, settings.threads))
