"""The per-article persuasion figures, computed once from a result dict.

:meth:`Profile.from_result` is the one place that counts what an analysis found: the propaganda
score, findings per technique and per 1,000 words, the share of sentences flagged, and the quotes
(named, unresolved and anonymous sources; direct and indirect; relays by kind). The report view,
the batch tables and ``spinscope compare`` all read these figures from here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from spinscope.model.article import Article, Span
from spinscope.model.layers import Layer

#: Findings are counted per this many words, so that a long and a short article compare.
WORDS_PER_RATE = 1000
#: Words are runs of letters and digits (an apostrophe or hyphen splits them; both articles count alike).
_WORD = re.compile(r"\w+", re.UNICODE)
#: Speaker kinds (``attrs.speaker.kind``, see :mod:`spinscope.quotes.speakers`) that point at a person
#: the text names elsewhere: left without a name, such a source is *unresolved*, not anonymous.
_POINTING_KINDS = frozenset({"pronoun", "title"})


def shown_layer(layers: Mapping[str, Sequence[Any]]) -> str:
    """Which layer holds the technique findings: predictions when there are any, else gold."""
    if layers.get(Layer.TECHNIQUES) or Layer.GOLD_TECHNIQUES not in layers:
        return Layer.TECHNIQUES
    return Layer.GOLD_TECHNIQUES


def source_status(span: Span) -> str:
    """``named``, ``unresolved`` or ``anonymous``: who an attribution says spoke.

    1. a resolved speaker name (or a ``source_name`` without resolution details): named;
    2. a pronoun or title the resolver could not name ("he", "the minister"): unresolved;
    3. no source at all, or a description that names nobody ("officials", "a source close to"): anonymous.
    """
    attrs = span.attrs
    resolution = attrs.get("speaker")
    if isinstance(resolution, Mapping):
        if resolution.get("name"):
            return "named"
        if resolution.get("kind") in _POINTING_KINDS or (resolution.get("kind") is None and attrs.get("source")):
            return "unresolved"
        return "anonymous"
    if attrs.get("source_name"):
        return "named"
    return "unresolved" if isinstance(attrs.get("source"), Mapping) else "anonymous"


@dataclass(frozen=True)
class QuoteFigures:
    """The quotes of one article: how many, whose, how reported and through whom."""

    count: int = 0
    named: int = 0
    unresolved: int = 0
    anonymous: int = 0
    direct: int = 0
    indirect: int = 0
    #: Quotes relayed through each kind of relay (``news_agency``, ``broadcaster``, ``official_statement``,
    #: ``social_media``...); a quote that travelled through two kinds counts under both.
    relays_by_kind: dict[str, int] = field(default_factory=dict)
    #: Quotes that travelled through at least one relay.
    relayed: int = 0

    @classmethod
    def from_spans(cls, spans: Sequence[Span]) -> QuoteFigures:
        statuses = Counter(source_status(span) for span in spans)
        kinds = Counter(span.label for span in spans)
        relays: Counter[str] = Counter()
        relayed = 0
        for span in spans:
            links = [relay for relay in span.attrs.get("relays") or () if isinstance(relay, Mapping)]
            relayed += bool(links)
            relays.update({str(relay.get("kind") or "other") for relay in links})
        return cls(
            count=len(spans),
            named=statuses["named"],
            unresolved=statuses["unresolved"],
            anonymous=statuses["anonymous"],
            direct=kinds["direct"],
            indirect=len(spans) - kinds["direct"],
            relays_by_kind=dict(sorted(relays.items(), key=lambda item: (-item[1], item[0]))),
            relayed=relayed,
        )


@dataclass(frozen=True)
class Profile:
    """What one analysed article does to persuade, in figures."""

    id: str
    title: str | None
    #: The outlet as the article names it (its metadata); :attr:`outlet` is the looked-up profile.
    outlet_name: str | None
    n_chars: int
    n_words: int
    n_sentences: int
    #: The layer the findings are counted in: ``techniques``, or ``gold_techniques`` for a gold file.
    layer: str
    #: The article score the detect stage wrote (mean calibrated sentence score), if it ran.
    propaganda_score: float | None
    #: Findings (non-empty spans of :attr:`layer` at or above :attr:`min_score`) per technique label.
    technique_counts: dict[str, int]
    #: ``summary.technique_counts`` as the detect stage wrote it (every predicted span).
    detected_counts: dict[str, int]
    #: :attr:`technique_counts` per :data:`WORDS_PER_RATE` words.
    rates: dict[str, float]
    #: Sentences that hold at least one counted finding, and their share of all sentences.
    sentences_flagged: int
    sentence_share_flagged: float | None
    quotes: QuoteFigures
    outlet: dict[str, Any] | None
    model: dict[str, Any] | None
    #: The display threshold the findings were counted at (0.0 counts every finding).
    min_score: float = 0.0

    @property
    def findings(self) -> int:
        """How many findings were counted."""
        return sum(self.technique_counts.values())

    @property
    def findings_per_1000_words(self) -> float:
        return _rate(self.findings, self.n_words)

    @classmethod
    def from_result(cls, result: Mapping[str, Any], *, min_score: float = 0.0) -> Profile:
        """The figures of a result dict (as :meth:`Article.to_dict` writes it).

        Args:
            min_score: count only findings whose score is at least this (gold spans, without a score,
                always count).

        Raises:
            FormatError: the dict is not a spinscope result.
        """
        return cls.from_article(Article.from_dict(result, source="result"), min_score=min_score)

    @classmethod
    def from_article(cls, article: Article, *, min_score: float = 0.0) -> Profile:
        """The figures of an analysed :class:`Article`."""
        layer = shown_layer(article.layers)
        findings = [
            span
            for span in article.spans(layer)
            if span.end > span.start and (span.score is None or span.score >= min_score)
        ]
        counts = Counter(span.label for span in findings)
        n_words = sum(1 for _ in _WORD.finditer(article.text))
        sentences = article.spans(Layer.SENTENCES)
        flagged = sum(1 for sentence in sentences if any(sentence.overlaps(span) for span in findings))
        summary = article.summary
        score = summary.get("propaganda_score")
        detected = summary.get("technique_counts")
        outlet, model = summary.get("outlet"), summary.get("model")
        return cls(
            id=article.id,
            title=article.title,
            outlet_name=article.outlet,
            n_chars=len(article.text),
            n_words=n_words,
            n_sentences=len(sentences),
            layer=layer,
            propaganda_score=float(score) if isinstance(score, int | float) else None,
            technique_counts=dict(counts),
            detected_counts={str(k): int(v) for k, v in detected.items()} if isinstance(detected, Mapping) else {},
            rates={label: _rate(count, n_words) for label, count in counts.items()},
            sentences_flagged=flagged,
            sentence_share_flagged=flagged / len(sentences) if sentences else None,
            quotes=QuoteFigures.from_spans(article.spans(Layer.ATTRIBUTIONS)),
            outlet=dict(outlet) if isinstance(outlet, Mapping) else None,
            model=dict(model) if isinstance(model, Mapping) else None,
            min_score=min_score,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (what ``spinscope compare --format json`` prints per article)."""
        data = asdict(self)
        data["findings"] = self.findings
        data["findings_per_1000_words"] = self.findings_per_1000_words
        return data


def _rate(count: int, words: int) -> float:
    return round(WORDS_PER_RATE * count / words, 3) if words else 0.0
