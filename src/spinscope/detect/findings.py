"""Technique findings: (span, technique) pairs chosen per technique, spancat-style.

The span tagger alone is technique-blind and, tuned for SI, joins runs into long blobs. Here:

1. a **suggester** proposes candidate spans: runs of the span tagger at a few (threshold, gap)
   settings, each cut at sentence boundaries (and, as further candidates, at clause boundaries),
   never across a blank line; plus cheap **pattern** candidates for techniques the tagger misses
   (slogans, false dilemmas, "so-called", thought-terminating clichés, bandwagon phrases);
2. the technique head (neural TC head mixed with the linear n-gram classifier) gives each
   candidate its technique probabilities, computed from the encoder states of the one pass;
3. a **finding scorer** (logistic regression fitted on held-out train, see ``train/findings.py``)
   maps each (candidate, technique) pair among the candidate's top techniques to a calibrated
   score: the expected SI precision credit of that pair (share of the span covered by gold spans
   of that technique), with a per-technique bias (class-aware prior);
4. per technique, overlapping candidates are resolved (the best-scoring one is kept); different
   techniques may overlap; a pair is a finding when its score reaches its technique's threshold.

Numpy only at run time; everything tuned lives in the model's ``config.json`` (``findings``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spinscope.detect.heads import ArticleOutput, run_article
from spinscope.detect.spans import PARAGRAPH_BREAK, DecodeSettings, decode_spans, extend_to_word
from spinscope.encoder.windows import Encoding, PieceIndex

#: Where a sentence ends: ., ! or ? (and closing quotes/brackets) before white space, or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
#: Where a clause ends inside a sentence: ; : or a spaced dash, or a comma before a conjunction.
_CLAUSE_END = re.compile(r"[;:](?=\s)|\s[—–-]{1,2}\s|,(?=\s+(?:and|but|or|while|because|so|yet)\b)")
_EDGE_JUNK = " \t\n\r\"'“”‘’«»()[],;:—–-"

#: Pattern candidates: (technique they hint at, expression). Each is a cheap, high-recall cue for a
#: technique the span tagger rarely finds; the finding scorer decides (with the technique head) whether
#: a match is a finding, so a pattern that misfires on held-out train simply gets a low weight.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "One Coast, One People, One Arvelia!": a repeated short opener
    ("Slogans", re.compile(r"\b(?P<w>[A-Z][a-z]+) [A-Z]?\w+(?:,? (?P=w) [A-Z]?\w+){1,4}!?", re.UNICODE)),
    # a short exclamation (2-8 words) standing as its own sentence
    ("Slogans", re.compile(r"(?:(?<=^)|(?<=[.!?\n\"“] )|(?<=\n))[A-Z\"“][^.!?\n]{3,60}!")),
    # a short quoted phrase (2-6 words)
    ("Slogans", re.compile(r"[\"“](?:[\w'’-]+[ ,]+){1,5}[\w'’-]+[!.]?[\"”]")),
    ("Black-and-White_Fallacy", re.compile(r"\b[Ee]ither\b[^.!?\n]{3,120}?\bor\b[^.!?\n;]{3,80}")),
    (
        "Black-and-White_Fallacy",
        re.compile(
            r"\b(?:there is|there's|we have) (?:no (?:other )?(?:choice|alternative)|"
            r"only (?:one|two) (?:way|choice|option)s?)\b[^.!?\n]{0,60}",
            re.I,
        ),
    ),
    ("Black-and-White_Fallacy", re.compile(r"\byou(?:'re| are) (?:either )?with us or\b[^.!?\n]{0,40}", re.I)),
    ("Name_Calling,Labeling", re.compile(r"\bso-called\s+[\"“]?[\w'’-]+(?:\s[\w'’-]+)?[\"”]?", re.I)),
    (
        "Thought-terminating_Cliches",
        re.compile(
            r"\b(?:it is what it is|enough is enough|end of story|that's (?:just )?the way it is|"
            r"at the end of the day|the bottom line is|nothing to see here|make no mistake|plain and simple|"
            r"time will tell|the fact of the matter is|it's common sense|you know what they say|"
            r"no ifs,? ands,? or buts|let's face it|so be it|it's that simple|that's that|"
            r"the truth is|we all know|everybody knows that|period\.)",
            re.I,
        ),
    ),
    (
        "Bandwagon,Reductio_ad_hitlerum",
        re.compile(
            r"\b(?:everyone|everybody|all (?:of us|Americans|the people)|the whole world|"
            r"millions of (?:people|Americans)) "
            r"(?:knows|agrees|is|are|wants|supports)\b[^.!?\n]{0,60}|"
            r"\b(?:Hitler|Nazis?|Stalin|fascis[mt]s?)\b[^.!?\n]{0,40}",
        ),
    ),
    (
        "Appeal_to_Authority",
        re.compile(r"\b(?:experts|scientists|doctors|scholars) (?:say|agree|warn|confirm)\b[^.!?\n]{0,60}"),
    ),
)

#: Names of the finding scorer's features, in order (the one-hot technique bias follows them).
FEATURE_NAMES = (
    "logit_mean_inside",
    "logit_max_inside",
    "log_technique_prob",
    "log_prob_gap_to_top",
    "log_chars",
    "pattern_hints_technique",
    "pattern_only",
)


@dataclass(frozen=True)
class Candidate:
    """A suggested span: characters, P(inside) summary, and the technique a pattern hints at (or -1)."""

    start: int
    end: int
    mean_inside: float
    max_inside: float
    hint: int = -1
    pattern_only: bool = False


@dataclass(frozen=True)
class Finding:
    """A (span, technique) finding with its calibrated score and the technique probability behind it."""

    start: int
    end: int
    technique: int
    score: float
    technique_prob: float
    mean_inside: float


@dataclass(frozen=True)
class FindingSettings:
    """The suggester, scorer and thresholds of technique findings (``config.json`` ``findings``)."""

    #: (threshold, max gap) of the span-tagger runs that become candidates.
    runs: tuple[tuple[float, int], ...] = ((0.4, 14), (0.3, 2))
    #: Also offer each run cut at clause boundaries.
    clauses: bool = True
    #: Offer the pattern candidates of :data:`PATTERNS`.
    patterns: bool = True
    #: Techniques scored per candidate (its most probable ones).
    top_k: int = 2
    #: Finding scorer weights: one per :data:`FEATURE_NAMES`, one per technique (bias), then the intercept.
    weights: tuple[float, ...] = ()
    #: Score a finding must reach, per technique (model order).
    thresholds: tuple[float, ...] = ()
    #: Candidates shorter than this (characters) are dropped.
    min_chars: int = 2
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> FindingSettings:
        return cls(
            runs=tuple((float(t), int(g)) for t, g in config["runs"]),
            clauses=bool(config.get("clauses", True)),
            patterns=bool(config.get("patterns", True)),
            top_k=int(config.get("top_k", 1)),
            weights=tuple(float(w) for w in config["weights"]),
            thresholds=tuple(float(t) for t in config["thresholds"]),
            min_chars=int(config.get("min_chars", 2)),
        )

    def to_config(self) -> dict[str, Any]:
        return {
            "runs": [list(r) for r in self.runs],
            "clauses": self.clauses,
            "patterns": self.patterns,
            "top_k": self.top_k,
            "min_chars": self.min_chars,
            "features": list(FEATURE_NAMES),
            "weights": [round(w, 4) for w in self.weights],
            "thresholds": [round(t, 4) for t in self.thresholds],
        }


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    if sum(text[start:end].count(q) for q in '"“”') % 2:  # keep a quote the span opens or closes whole
        if text[end : end + 1] in ('"', "”"):
            end += 1
        elif start > 0 and text[start - 1] in ('"', "“"):
            start -= 1
    return start, end


def cut_at(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """``[start, end)`` cut where ``boundary`` matches (and at blank lines), each piece trimmed of edge
    punctuation and spaces; empty pieces dropped."""
    pieces, cursor = [], start
    for match in boundary.finditer(text, start, end):
        pieces.append((cursor, match.end() if text[match.start()] in ".!?…" else match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    out = []
    for s, e in pieces:
        for part_start, part_end in _split_paragraphs(text, s, e):
            ts, te = _trim(text, part_start, part_end)
            if te > ts:
                out.append((ts, te))
    return out


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, cursor = [], start
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        parts.append((cursor, match.start()))
        cursor = match.end()
    parts.append((cursor, end))
    return parts


def pattern_matches(text: str, techniques: Sequence[str]) -> list[tuple[int, int, int]]:
    """``(start, end, technique index)`` of every pattern match, on whole words (techniques the model lacks skipped)."""
    index = {name: i for i, name in enumerate(techniques)}
    found = []
    for technique, pattern in PATTERNS:
        if technique not in index:
            continue
        for match in pattern.finditer(text):
            # a bounded repeat ({3,80}) may stop inside a word ("never mended its ne|ts"): end on whole words
            start, end = extend_to_word(text, *_trim(text, match.start(), match.end()))
            if text[match.end() - 1 : match.end()] == "!" and end < match.end():
                end = match.end()  # keep the exclamation mark of a slogan
            if end - start >= 3 and not PARAGRAPH_BREAK.search(text, start, end):
                found.append((start, end, index[technique]))
    return found


def suggest(
    text: str,
    encoding: Encoding,
    p_inside: np.ndarray,
    settings: FindingSettings,
    techniques: Sequence[str],
    *,
    index: PieceIndex | None = None,
) -> list[Candidate]:
    """Candidate spans of an article, each once (a span both a run and a pattern proposes keeps the hint)."""
    index = index or PieceIndex(encoding)
    spans: dict[tuple[int, int], int] = {}  # (start, end) -> hint
    from_runs: set[tuple[int, int]] = set()
    for threshold, gap in settings.runs:
        for start, end, _ in decode_spans(text, encoding.offsets, p_inside, DecodeSettings(threshold, gap, 1)):
            pieces = cut_at(text, start, end, _SENTENCE_END)
            if settings.clauses:
                pieces += [p for s, e in pieces for p in cut_at(text, s, e, _CLAUSE_END)]
            for piece in pieces:
                if piece[1] - piece[0] >= settings.min_chars:
                    spans.setdefault(piece, -1)
                    from_runs.add(piece)
    if settings.patterns:
        for start, end, technique in pattern_matches(text, techniques):
            spans[(start, end)] = technique
    candidates = []
    for (start, end), hint in sorted(spans.items()):
        inside = p_inside[index.overlapping(start, end)]
        mean_inside = float(inside.mean()) if inside.size else 0.0
        max_inside = float(inside.max()) if inside.size else 0.0
        candidates.append(Candidate(start, end, mean_inside, max_inside, hint, (start, end) not in from_runs))
    return candidates


def pair_features(candidate: Candidate, probs: np.ndarray, technique: int) -> list[float]:
    """:data:`FEATURE_NAMES` of one (candidate, technique) pair."""
    log_p = math.log(max(float(probs[technique]), 1e-6))
    return [
        _logit(candidate.mean_inside),
        _logit(candidate.max_inside),
        log_p,
        log_p - math.log(max(float(probs.max()), 1e-6)),
        math.log(max(candidate.end - candidate.start, 1)),
        1.0 if candidate.hint == technique else 0.0,
        1.0 if candidate.pattern_only else 0.0,
    ]


def pairs(candidates: Sequence[Candidate], probs: np.ndarray, top_k: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The (candidate index, technique) pairs scored (top ``top_k`` techniques, plus a pattern's hint)
    and their design matrix (features, then the technique one-hot)."""
    n_techniques = probs.shape[1] if probs.ndim == 2 else 0
    chosen: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    for i, (candidate, row) in enumerate(zip(candidates, probs, strict=True)):
        ranked = [int(j) for j in np.argsort(-row)[:top_k]]
        if candidate.hint >= 0 and candidate.hint not in ranked:
            ranked.append(candidate.hint)
        for technique in ranked:
            one_hot = [0.0] * n_techniques
            one_hot[technique] = 1.0
            chosen.append((i, technique))
            rows.append(pair_features(candidate, row, technique) + one_hot)
    width = len(FEATURE_NAMES) + n_techniques
    return chosen, np.asarray(rows, dtype=np.float64).reshape(-1, width)


def score_pairs(design: np.ndarray, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """The finding scorer: sigmoid(design @ weights + intercept)."""
    if not len(design):
        return np.zeros(0)
    w = np.asarray(weights, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-(design @ w[:-1] + w[-1])))


def resolve(
    candidates: Sequence[Candidate],
    chosen: Sequence[tuple[int, int]],
    scores: np.ndarray,
    probs: np.ndarray,
    thresholds: Sequence[float],
) -> list[Finding]:
    """Per technique, keep the best-scoring of overlapping pairs; then keep those at their threshold."""
    order = np.argsort(-scores, kind="stable")
    kept: dict[int, list[tuple[int, int]]] = {}
    findings = []
    for k in order:
        i, technique = chosen[int(k)]
        candidate = candidates[i]
        taken = kept.setdefault(technique, [])
        if any(s < candidate.end and candidate.start < e for s, e in taken):
            continue
        taken.append((candidate.start, candidate.end))
        if scores[k] >= thresholds[technique]:
            findings.append(
                Finding(
                    candidate.start,
                    candidate.end,
                    technique,
                    float(scores[k]),
                    float(probs[i, technique]),
                    candidate.mean_inside,
                )
            )
    return sorted(findings, key=lambda f: (f.start, f.end, f.technique))


def article_candidates(
    model: Any, text: str, settings: FindingSettings
) -> tuple[Encoding, np.ndarray, list[Candidate], np.ndarray]:
    """One encoder pass over ``text``: pieces, P(inside), candidates and their technique probabilities.

    ``model`` is a :class:`~spinscope.detect.model.TechniqueModel`; the candidates are classified from
    the states of the same pass (the model's encoder cache), as :meth:`TechniqueModel.detect` does.
    """
    encoding, output, candidates, probs = _candidates(model, text, settings, keep_states=False)
    return encoding, output.p_inside, candidates, probs


def _candidates(
    model: Any, text: str, settings: FindingSettings, *, keep_states: bool
) -> tuple[Encoding, ArticleOutput, list[Candidate], np.ndarray]:
    from spinscope.progress import watching

    encoding = model.encode(text)
    n_techniques = len(model.techniques)
    if not len(encoding):
        empty = np.zeros(0, dtype=np.float32)
        hidden = int(model.heads.si_w.shape[0])
        output = ArticleOutput(
            empty, empty, np.zeros((0, n_techniques), dtype=np.float32), np.zeros((0, hidden), dtype=np.float32)
        )
        return encoding, output, [], np.zeros((0, n_techniques), dtype=np.float32)
    output = run_article(
        model.hidden_states,
        model.heads,
        encoding,
        cls_id=model.cls_id,
        sep_id=model.sep_id,
        stride=model.stride,
        keep_states=keep_states,
    )
    index = PieceIndex(encoding)
    candidates = suggest(text, encoding, output.p_inside, settings, model.techniques, index=index)
    probs = np.zeros((0, n_techniques), dtype=np.float32)
    if candidates:
        with watching(None):  # the second pass reads the first pass's cached states
            _, probs = model._run(encoding, text, [(c.start, c.end) for c in candidates])
    else:
        cache = getattr(model.hidden_states, "cache", None)
        if isinstance(cache, dict):
            cache.clear()
    return encoding, output, candidates, probs


def detect_findings(model: Any, text: str, settings: FindingSettings) -> tuple[Encoding, np.ndarray, list[Finding]]:
    """Technique findings of ``text``: (pieces, P(inside) per piece, findings in text order)."""
    encoding, p_inside, findings, _ = findings_and_states(model, text, settings, keep_states=False)
    return encoding, p_inside, findings


def findings_and_states(
    model: Any, text: str, settings: FindingSettings, *, keep_states: bool = True
) -> tuple[Encoding, np.ndarray, list[Finding], np.ndarray | None]:
    """:func:`detect_findings` and, with ``keep_states``, the encoder state of every piece of the same pass."""
    encoding, output, candidates, probs = _candidates(model, text, settings, keep_states=keep_states)
    if not candidates:
        return encoding, output.p_inside, [], output.states
    chosen, design = pairs(candidates, probs, settings.top_k)
    scores = score_pairs(design, settings.weights)
    return encoding, output.p_inside, resolve(candidates, chosen, scores, probs, settings.thresholds), output.states
