"""Two articles side by side: their :class:`~spinscope.model.profile.Profile` figures and the differences that matter.

:func:`compare_results` takes two result dicts (as ``Article.to_dict()`` writes them) and returns a
:class:`Comparison`; :func:`differences` states in words what sets them apart, one rule per figure,
each with a named threshold below which a difference is not worth a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spinscope.model import Article, Layer
from spinscope.model.profile import WORDS_PER_RATE, Profile
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, Settings, check_taxonomy

if TYPE_CHECKING:
    from spinscope.pipeline import Analyzer

#: Two technique rates are called different when one is at least this many times the other...
RATE_RATIO = 2.0
#: ... and they are at least this many findings per 1,000 words apart (one finding in a 500-word
#: article is 2 per 1,000 words: below that, a single span decides the sentence).
RATE_GAP = 2.0
#: ... and the article that uses the technique more has at least this many findings of it (one span
#: can be a false positive; two make a pattern).
MIN_FINDINGS = 2
#: Propaganda scores (0-1, mean calibrated sentence score) this far apart are called different: a
#: tenth of the scale, about the spread between articles of one outlet in PTC train.
SCORE_GAP = 0.1
#: Shares of sentences flagged this far apart (ten percentage points) are called different.
SHARE_GAP = 0.10
#: Quote counts (anonymous sources, relays of a kind) that differ by at least this many are called different.
COUNT_GAP = 2
#: Shares of direct quotes this far apart mark one article as quoting and the other as paraphrasing.
DIRECT_SHARE_GAP = 0.3
#: Registry ownership notes (``outlets/registry.json``) that make an outlet state media: owned, funded or
#: controlled by a government or its ruling party. Public broadcasters with editorial independence in
#: their charter ("public corporation funded by the licence fee", "partly funded by the French state")
#: do not match.
STATE_OWNERSHIP = re.compile(r"state-(?:owned|funded|controlled)|government-funded|Communist Party", re.IGNORECASE)
#: How relay kinds are named in a sentence ("relays 4 quotes through news agencies").
RELAY_WORDS = {
    "news_agency": "news agencies",
    "broadcaster": "broadcasters",
    "newspaper": "newspapers",
    "official_statement": "official statements",
    "social_media": "social media",
    "document": "documents",
}


@dataclass(frozen=True)
class ParagraphFigures:
    """One article's SemEval-2023 paragraph labels (its ``paragraph_techniques`` layer): how many paragraphs
    were read, how many carry a label, and per label how many paragraphs carry it (most first)."""

    paragraphs: int
    labelled: int
    counts: tuple[tuple[str, int], ...]

    @classmethod
    def from_result(cls, result: Mapping[str, Any]) -> ParagraphFigures | None:
        """The figures of a result dict; None when it has no paragraph layer (analysed without SemEval-2023)."""
        spans = (result.get("layers") or {}).get(Layer.PARAGRAPH_TECHNIQUES)
        if spans is None:
            return None
        given = [[str(label) for label in (span.get("attrs") or {}).get("techniques") or ()] for span in spans]
        counts = Counter(label for labels in given for label in set(labels))
        ordered = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        return cls(len(spans), sum(1 for labels in given if labels), ordered)

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(label for label, _ in self.counts)

    def to_dict(self) -> dict[str, Any]:
        return {"paragraphs": self.paragraphs, "labelled": self.labelled, "counts": dict(self.counts)}


@dataclass(frozen=True)
class Comparison:
    """Two profiles, named A and B, and the sentences that state their differences."""

    a: Profile
    b: Profile
    differences: tuple[str, ...]
    #: The display threshold both were counted at.
    min_score: float
    #: Quotes of A and of B relayed through state media (registry outlets, :data:`STATE_OWNERSHIP`).
    state_relays: tuple[int, int] = field(default=(0, 0))
    #: How the findings are named and counted (:attr:`Settings.taxonomy`): in ``semeval2023`` the profiles
    #: count SemEval-2023 names, a finding with several candidates once under their joined name.
    taxonomy: str = SEMEVAL2020
    #: The SemEval-2023 paragraph labels of A and of B (taxonomies with SemEval-2023; None where a side has none).
    paragraphs: tuple[ParagraphFigures | None, ParagraphFigures | None] = field(default=(None, None))

    def only_in(self, side: str) -> tuple[str, ...] | None:
        """The paragraph labels of ``side`` ("A" or "B") that the other side's paragraphs lack; None unless both
        sides have paragraph labels."""
        here, there = self.paragraphs if side == "A" else self.paragraphs[::-1]
        if here is None or there is None:
            return None
        return tuple(sorted(here.labels - there.labels))

    def to_dict(self) -> dict[str, Any]:
        a, b = self.a.to_dict(), self.b.to_dict()
        a["quotes"]["state_relayed"], b["quotes"]["state_relayed"] = self.state_relays
        if self.taxonomy != SEMEVAL2020:  # "only_here": the labels the other side's paragraphs lack
            for side, profile, figures in (("A", a, self.paragraphs[0]), ("B", b, self.paragraphs[1])):
                only = self.only_in(side)
                here = None if figures is None else figures.to_dict()
                profile["paragraph_techniques"] = here and {**here, "only_here": None if only is None else list(only)}
        data = {"min_score": self.min_score, "a": a, "b": b, "differences": list(self.differences)}
        return data if self.taxonomy == SEMEVAL2020 else {"taxonomy": self.taxonomy, **data}


def _technique_name(label: str, taxonomy: str = SEMEVAL2020) -> str:
    """A technique as a sentence names it; in ``semeval2023`` ``label`` is a joined 2023 reading
    ("guilt by association or appeal to popularity"), in ``both`` the 2020 name and its 2023 one."""
    from spinscope.errors import FormatError
    from spinscope.taxonomy import get_taxonomy, get_technique
    from spinscope.taxonomy.mapping import CANDIDATE_JOINER, label_2023

    def name_2023(key: str) -> str:
        taxonomy_2023 = get_taxonomy("semeval2023")
        return " or ".join(taxonomy_2023.get(name).display_name.lower() for name in key.split(CANDIDATE_JOINER))

    try:
        if taxonomy == SEMEVAL2023:
            return name_2023(label)
        name = get_technique(label).display_name.lower()
        return f"{name} (2023: {name_2023(label_2023(label, {}))})" if taxonomy == BOTH else name
    except (FormatError, KeyError):
        return label.replace("_", " ").lower() or "unlabelled propaganda"


def _times(high: float, low: float) -> str:
    ratio = high / low
    return f"{ratio:.0f}x" if ratio >= 3 else f"{ratio:.1f}x"


def _technique_sentences(a: Profile, b: Profile, taxonomy: str = SEMEVAL2020) -> list[tuple[float, str]]:
    found = []
    for label in sorted(set(a.rates) | set(b.rates)):
        rate_a, rate_b = a.rates.get(label, 0.0), b.rates.get(label, 0.0)
        high, low = ("A", "B") if rate_a >= rate_b else ("B", "A")
        high_rate, low_rate = max(rate_a, rate_b), min(rate_a, rate_b)
        most = max(a.technique_counts.get(label, 0), b.technique_counts.get(label, 0))
        if most < MIN_FINDINGS or high_rate - low_rate < RATE_GAP or (low_rate and high_rate / low_rate < RATE_RATIO):
            continue
        name = _technique_name(label, taxonomy)
        if low_rate == 0:
            text = f"{high} uses {name} ({high_rate:.1f} per {WORDS_PER_RATE:,} words); {low} does not"
        else:
            text = (
                f"{high} uses {_times(high_rate, low_rate)} more {name} per {WORDS_PER_RATE:,} words "
                f"({high_rate:.1f} vs {low_rate:.1f})"
            )
        found.append((high_rate - low_rate, text))
    return sorted(found, key=lambda item: -item[0])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def state_relayed(result: Mapping[str, Any]) -> int:
    """How many quotes of a result travelled through at least one state-media outlet of the registry."""
    from spinscope.outlets.registry import lookup_name

    count = 0
    for span in (result.get("layers") or {}).get(Layer.ATTRIBUTIONS) or ():
        relays = [relay for relay in (span.get("attrs") or {}).get("relays") or () if isinstance(relay, Mapping)]
        entries = [lookup_name(str(relay.get("name") or "")) for relay in relays]
        count += any(entry is not None and STATE_OWNERSHIP.search(entry.ownership or "") for entry in entries)
    return count


def differences(
    a: Profile, b: Profile, *, state_relays: tuple[int, int] = (0, 0), taxonomy: str = SEMEVAL2020
) -> tuple[str, ...]:
    """The differences that matter, in words, most telling first within each kind.

    1. the propaganda score, when :data:`SCORE_GAP` apart;
    2. each technique whose rate per 1,000 words is :data:`RATE_RATIO` times and :data:`RATE_GAP` apart,
       with at least :data:`MIN_FINDINGS` findings on the side that uses it more;
    3. the share of sentences flagged, when :data:`SHARE_GAP` apart;
    4. anonymous sources, quotes relayed through state media and through each kind of relay, when
       :data:`COUNT_GAP` apart;
    5. quoting against paraphrasing, when the direct shares are :data:`DIRECT_SHARE_GAP` apart;
    6. the outlets' factuality ratings, when both are rated and the ratings differ.
    """
    said: list[str] = []
    if a.propaganda_score is not None and b.propaganda_score is not None:
        gap = a.propaganda_score - b.propaganda_score
        if abs(gap) >= SCORE_GAP:
            high, low = ("A", "B") if gap > 0 else ("B", "A")
            scores = sorted((a.propaganda_score, b.propaganda_score), reverse=True)
            said.append(f"{high} scores higher on propaganda than {low} ({scores[0]:.2f} vs {scores[1]:.2f})")
    said += [text for _, text in _technique_sentences(a, b, taxonomy)]
    if a.sentence_share_flagged is not None and b.sentence_share_flagged is not None:
        gap = a.sentence_share_flagged - b.sentence_share_flagged
        if abs(gap) >= SHARE_GAP:
            high, low = ("A", "B") if gap > 0 else ("B", "A")
            shares = sorted((a.sentence_share_flagged, b.sentence_share_flagged), reverse=True)
            said.append(f"{high} flags {shares[0]:.0%} of its sentences, {low} {shares[1]:.0%}")
    counts = [
        (a.quotes.anonymous, b.quotes.anonymous, "to sources it does not name"),
        (*state_relays, "through state media"),
    ]
    for count_a, count_b, words in counts + [
        (a.quotes.relays_by_kind.get(kind, 0), b.quotes.relays_by_kind.get(kind, 0), f"through {name}")
        for kind, name in RELAY_WORDS.items()
    ]:
        if abs(count_a - count_b) >= COUNT_GAP:
            high, low, most, least = ("A", "B", count_a, count_b) if count_a > count_b else ("B", "A", count_b, count_a)
            verb = "attributes" if words.startswith("to ") else "relays"
            said.append(f"{high} {verb} {_plural(most, 'quote')} {words}; {low} {least or 'none'}")
    if a.quotes.count and b.quotes.count:
        share_a, share_b = a.quotes.direct / a.quotes.count, b.quotes.direct / b.quotes.count
        if abs(share_a - share_b) >= DIRECT_SHARE_GAP:
            quoting, paraphrasing = ("A", "B") if share_a > share_b else ("B", "A")
            said.append(
                f"{quoting} quotes directly ({max(share_a, share_b):.0%} of its quotes), "
                f"{paraphrasing} mostly paraphrases ({min(share_a, share_b):.0%})"
            )
    rating_a, rating_b = _factuality(a.outlet), _factuality(b.outlet)
    if rating_a and rating_b and rating_a != rating_b:
        said.append(f"A's outlet is rated {rating_a} factuality, B's {rating_b}")
    return tuple(said)


def _factuality(outlet: Mapping[str, Any] | None) -> str | None:
    if not outlet:
        return None
    for rating in outlet.get("ratings") or ():
        if isinstance(rating, Mapping) and rating.get("factuality") is not None:
            return str(rating["factuality"])
    return None


def named_2023(result: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a result dict whose technique spans are labelled by their joined SemEval-2023 reading."""
    from spinscope.taxonomy.mapping import label_2023

    layers = dict(result.get("layers") or {})
    for layer in (Layer.TECHNIQUES, Layer.GOLD_TECHNIQUES):
        if layer in layers:
            layers[layer] = [
                {**span, "label": label_2023(span.get("label") or "", span.get("attrs") or {})}
                for span in layers[layer]
            ]
    return {**result, "layers": layers}


def compare_results(
    a: Mapping[str, Any], b: Mapping[str, Any], *, min_score: float = 0.0, taxonomy: str = SEMEVAL2020
) -> Comparison:
    """Compare two result dicts, counting the findings scored at least ``min_score``, named in ``taxonomy``.

    Raises:
        ValueError: ``taxonomy`` is not one of :data:`~spinscope.settings.TAXONOMY_CHOICES`.
        FormatError: either dict is not a spinscope result.
    """
    check_taxonomy(taxonomy)
    counted_a, counted_b = (named_2023(a), named_2023(b)) if taxonomy == SEMEVAL2023 else (a, b)
    profile_a = Profile.from_result(counted_a, min_score=min_score)
    profile_b = Profile.from_result(counted_b, min_score=min_score)
    state = (state_relayed(a), state_relayed(b))
    said = differences(profile_a, profile_b, state_relays=state, taxonomy=taxonomy)
    paragraphs = (
        (ParagraphFigures.from_result(a), ParagraphFigures.from_result(b)) if taxonomy != SEMEVAL2020 else (None, None)
    )
    return Comparison(profile_a, profile_b, said, min_score, state, taxonomy, paragraphs)


def display_threshold(settings: Settings, analyzer: Analyzer | None = None) -> float:
    """The display threshold of technique findings: ``Settings.min_score``, else the technique model's own.

    The model is the one ``analyzer``'s detect stage holds; without one (or when it runs no detect stage)
    the model ``settings`` names is loaded to read it.
    """
    if settings.min_score is not None:
        return settings.min_score
    from spinscope.detect.stage import DetectStage, load_model

    for stage in analyzer.stages if analyzer is not None else ():
        if isinstance(stage, DetectStage):
            return stage.model.min_score
    return load_model(settings.model_dir, settings.threads).min_score


def is_analysed(article: Article) -> bool:
    """True for an article read from a saved result or gold file (it has findings or a summary already)."""
    return bool(article.summary) or any(
        layer in article.layers for layer in (Layer.TECHNIQUES, Layer.GOLD_TECHNIQUES, Layer.ATTRIBUTIONS)
    )
