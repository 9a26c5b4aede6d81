"""The ``detect`` stage of :mod:`spinscope.pipeline`: technique spans, sentence and article scores."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from spinscope.detect.findings import Finding, FindingSettings, findings_and_states
from spinscope.detect.model import DetectedSpan, TechniqueModel
from spinscope.detect.paragraph_head import PARAGRAPH_HEAD_FILE, ParagraphHead, paragraph_inputs
from spinscope.encoder.windows import Encoding, PieceIndex
from spinscope.errors import FormatError, ModelError
from spinscope.model import Article, Layer, Span
from spinscope.model.annotations import Annotations
from spinscope.progress import progress_part, report
from spinscope.segment import BOILERPLATE_SHARE, CHUNK_CHARS, Coverage, chunk_ranges, line_ranges
from spinscope.settings import BOTH, SEMEVAL2023, Settings
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


class Passage(NamedTuple):
    """One encoder pass over a text: pieces, P(inside) per piece, what was found, and (when asked) piece states."""

    encoding: Encoding
    p_inside: np.ndarray
    found: list[Found]
    states: np.ndarray | None = None


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

    def __init__(self, model: TechniqueModel, paragraph_head: ParagraphHead | None = None) -> None:
        self.model = model
        #: The SemEval-2023 paragraph head (its labels become the ``paragraph_techniques`` layer), or None.
        self.paragraph_head = paragraph_head
        #: Technique findings chosen per technique (models with a ``findings`` entry in config.json).
        findings = model.config.get("findings")
        self.findings = FindingSettings.from_config(findings) if findings else None

    def _detect_one(self, text: str, keep_states: bool = False) -> Passage:
        if self.findings is not None:
            encoding, p_inside, findings, states = findings_and_states(
                self.model, text, self.findings, keep_states=keep_states
            )
            return Passage(encoding, p_inside, list[Found](findings), states)
        encoding, p_inside, spans = self.model.detect(text)
        return Passage(encoding, p_inside, list[Found](spans))

    def detect(self, text: str) -> tuple[Encoding, np.ndarray, list[Found]]:
        """:meth:`TechniqueModel.detect` of the whole text, or of its pieces when it is long.

        A text over :data:`~spinscope.segment.CHUNK_CHARS` characters is read piece by piece (cut at
        paragraph boundaries), so that only one piece's encoder states are held at a time and the
        per-span work (repetition counts, window lookups) grows with the piece, not the article.
        """
        passage = self._detect_pieces(text, chunk_ranges(text, CHUNK_CHARS))
        return passage.encoding, passage.p_inside, passage.found

    def read(self, article: Article, *, keep_states: bool = False) -> Passage:
        """The one encoder pass of :meth:`predict` over ``article`` (title line on its own, long texts in pieces).

        ``keep_states``: also keep the encoder state of every piece (what the paragraph head reads); only a
        model with technique findings in its config gives them.
        """
        text = article.text
        chunks = chunk_ranges(text, CHUNK_CHARS)
        title_end = _title_end(article)
        if title_end is not None:
            # the title line is read on its own, so a header line never changes the body's findings
            body = len(text) - len(text[title_end:].lstrip())
            chunks = [(0, title_end)] + [(max(s, body), e) for s, e in chunks if e > body]
        return self._detect_pieces(text, chunks, keep_states)

    def _detect_pieces(self, text: str, chunks: list[tuple[int, int]], keep_states: bool = False) -> Passage:
        """Each ``(start, end)`` piece of ``text`` read as an article of its own, results put together."""
        if len(chunks) == 1 and chunks[0] == (0, len(text)):
            return self._detect_one(text, keep_states)
        ids, offsets, probabilities, spans, states = [], [], [], [], []
        for start, end in chunks:
            with progress_part(start, end - start, len(text)):
                part = self._detect_one(text[start:end], keep_states)
            report("techniques", end, len(text))
            ids.append(part.encoding.ids)
            offsets.append(part.encoding.offsets + start)
            probabilities.append(part.p_inside)
            spans += [replace(found, start=found.start + start, end=found.end + start) for found in part.found]
            if part.states is not None:
                states.append(part.states)
        encoding = Encoding(ids=np.concatenate(ids), offsets=np.concatenate(offsets).reshape(-1, 2))
        joined = np.concatenate(states) if states and len(states) == len(chunks) else None
        return Passage(encoding, np.concatenate(probabilities), spans, joined)

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
        encoding, p_inside, detected, _ = self._detect_one(title)
        spans = self._technique_spans(title, encoding, p_inside, detected)
        return {
            "text": title,
            "techniques": [{**span.to_dict(), "text": title[span.start : span.end]} for span in spans],
        }

    def predict(self, article: Article) -> Annotations:
        return self.annotate(article, self.read(article, keep_states=self.paragraph_head is not None))

    def annotate(self, article: Article, passage: Passage) -> Annotations:
        """The stage's annotations of ``article`` from its pass (:meth:`read`)."""
        text = article.text
        encoding, p_inside, detected, _ = passage
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
        layers = {Layer.TECHNIQUES: techniques, Layer.SENTENCES: sentences}
        if self.paragraph_head is not None and passage.states is not None:
            layers[Layer.PARAGRAPH_TECHNIQUES] = model_paragraphs(
                self.paragraph_head, self.model, article.text, passage
            )
            summary["paragraph_model"] = self.paragraph_head.info.get("name", PARAGRAPH_HEAD_FILE)
        return Annotations(layers=layers, summary=summary)


def model_paragraphs(head: ParagraphHead, model: TechniqueModel, text: str, passage: Passage) -> list[Span]:
    """The ``paragraph_techniques`` layer from the paragraph head: one span per non-empty line, its 2023 labels
    (``techniques``) and their probabilities (``scores``)."""
    if passage.states is None:
        raise ModelError(f"{model.model_dir}: the paragraph head needs the piece states of the pass")
    findings = [f for f in passage.found if isinstance(f, Finding)]
    inputs = paragraph_inputs(text, passage.encoding, passage.p_inside, passage.states, findings, len(model.techniques))
    return [
        Span(
            start,
            end,
            attrs={
                "line": number,
                "techniques": sorted(label for label, _ in given),
                "scores": {label: round(p, 4) for label, p in sorted(given)},
            },
        )
        for (number, start, end), given in zip(inputs.lines, head.predict(inputs), strict=True)
    ]


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
    model = load_model(settings.model_dir, settings.threads)
    return DetectStage(model, paragraph_head_for(model, settings.taxonomy))


def paragraph_head_for(
    model: TechniqueModel, taxonomy: str, *, loaded: ParagraphHead | None = None
) -> ParagraphHead | None:
    """The paragraph head a detect stage on ``model`` holds for ``taxonomy``: the model directory's head when
    ``taxonomy`` includes SemEval-2023 and the model names technique findings (what the head reads), else None.

    ``loaded``: a head already loaded from this model, returned instead of reading it again when one is wanted.
    None also where the model directory has no paragraph head.
    """
    if taxonomy not in (SEMEVAL2023, BOTH) or not model.config.get("findings"):
        return None
    return loaded if loaded is not None else load_paragraph_head(model.model_dir)


def load_paragraph_head(model_dir: Path) -> ParagraphHead | None:
    """The paragraph head of a model directory, or None where it has none."""
    path = Path(model_dir) / PARAGRAPH_HEAD_FILE
    return ParagraphHead.from_disk(path) if path.is_file() else None
