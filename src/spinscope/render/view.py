"""What every face shows, computed once from a result dict: technique spans, text segments, quotes, outlet.

The terminal view, the HTML report and the web page all format a :class:`ReportView`; none of them
reads the result dict directly, so a saved result, a gold file and a fresh analysis look the same.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spinscope.errors import SpinscopeError
from spinscope.model import Article, Layer, Span
from spinscope.model.profile import Profile
from spinscope.render.paragraph_view import ParagraphLabels, paragraph_labels
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, check_taxonomy
from spinscope.taxonomy.naming import both_name, label_2023, naming_2023, taxonomy_note

#: Colour of a label the taxonomy does not know (an SI-only gold span has an empty label): mid grey.
UNKNOWN_COLOR = "#8a8a8a"
#: Display name of a gold span that marks propaganda without naming the technique (SI labels).
UNLABELLED_NAME = "Propaganda (technique not given)"
#: Parts of a quote marked in the text: what was said, who said it, the verb, who relayed it.
QUOTE_ROLES = ("quote", "source", "cue", "relay")
#: Columns of one outlet rating, in the order they are shown.
RATING_COLUMNS = ("list", "factuality", "bias", "country", "reliability")


@dataclass(frozen=True)
class TechniqueStyle:
    """How one technique label is shown: its number in the legend, name, colour and definition."""

    label: str
    number: int
    display_name: str
    color: str
    definition: str
    #: Its group in the taxonomy shown (SemEval-2023 names only; ``""`` otherwise).
    group: str = ""


@dataclass(frozen=True)
class TechniqueSpan:
    """One highlighted span, with what a reader is told about it on hover or focus."""

    start: int
    end: int
    label: str
    score: float | None
    reason: str
    top_words: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """A stretch of text between two span boundaries, and the indices of every span covering it.

    ``roles`` says which parts of a quote it belongs to (see :data:`QUOTE_ROLES`).
    """

    start: int
    end: int
    covering: tuple[int, ...]
    roles: tuple[str, ...] = ()


#: Relay kinds that are outlets (a registry could list them), unlike statements and reports.
OUTLET_KINDS = frozenset({"news_agency", "broadcaster", "newspaper", "social_media"})


@dataclass(frozen=True)
class Relay:
    """One link of a quote's relay chain (e.g. a news agency that carried the statement)."""

    order: int
    name: str
    kind: str
    #: False for an outlet the registry does not know (its kind inferred from its name).
    in_registry: bool = True

    @property
    def note(self) -> str:
        """The kind as shown: "news agency", or "news agency, not in registry" for an unlisted outlet."""
        kind = self.kind.replace("_", " ")
        return kind if self.in_registry or self.kind not in OUTLET_KINDS else f"{kind}, not in registry"


@dataclass(frozen=True)
class Quote:
    """A quoted or reported statement, who said it, the verb that introduced it and how it travelled."""

    start: int
    end: int
    kind: str
    content: str
    speaker: str | None
    cue: str | None
    relays: tuple[Relay, ...]
    #: ``(start, end, role)`` of the parts found in the text, for marking them there.
    parts: tuple[tuple[int, int, str], ...] = ()
    #: The source as written ("he", "the minister"); equal to ``speaker`` for a plain name.
    written: str | None = None
    #: True when a pronoun or title source was left without a name (shown as written, marked so).
    unresolved: bool = False
    #: How sure the resolver was of the name shown (1.0 for a name written as such).
    confidence: float | None = None

    @property
    def speaker_label(self) -> str:
        """The speaker as the faces print it: "he (unresolved)", "Sergei Lavrov (written: he)", or the name."""
        if self.speaker is None:
            return "unknown speaker"
        if self.unresolved:
            return f"{self.speaker} (unresolved)"
        if self.written and self.written != self.speaker:
            return f"{self.speaker} (written: {self.written})"
        return self.speaker


@dataclass(frozen=True)
class ReportView:
    """Everything a face needs, derived from one result dict."""

    article: Article
    #: The layer the highlights come from: ``techniques``, or ``gold_techniques`` for a gold file.
    layer: str
    spans: tuple[TechniqueSpan, ...]
    segments: tuple[Segment, ...]
    styles: dict[str, TechniqueStyle]
    counts: dict[str, int]
    quotes: tuple[Quote, ...]
    outlet: dict[str, Any] | None
    propaganda_score: float | None
    model: dict[str, Any] | None
    #: Findings scoring below this are not among :attr:`spans` (unless built with ``keep_all``).
    min_score: float = 0.0
    #: How many predicted findings score below :attr:`min_score`.
    below: int = 0
    #: Findings of a title that is not part of the text (record header, HTML or JSON title), scored
    #: at least :attr:`min_score` unless built with ``keep_all``: (start, end in the title, label, score).
    headline: tuple[TechniqueSpan, ...] = ()
    #: How the findings are named (:attr:`Settings.taxonomy`).
    taxonomy: str = SEMEVAL2020
    #: Paragraphs with SemEval-2023 labels from the model's paragraph head (the ``paragraph_techniques`` layer).
    paragraphs: tuple[ParagraphLabels, ...] = ()

    @property
    def taxonomy_note(self) -> str:
        """What a face says about how the findings are named (``""`` for the default taxonomy)."""
        return taxonomy_note(self.taxonomy)

    def style(self, label: str) -> TechniqueStyle:
        """The style of a label that occurs in :attr:`spans`."""
        return self.styles[label]


def _luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_for(background: str) -> str:
    """Black or white text, whichever contrasts more with ``background``."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def _normalize_color(color: str) -> str:
    """``#rrggbb`` for a hex colour (``#rgb`` expanded); anything else becomes :data:`UNKNOWN_COLOR`."""
    if not _HEX_COLOR.match(color):
        return UNKNOWN_COLOR
    if len(color) == 4:
        return "#" + "".join(c * 2 for c in color[1:]).lower()
    return color.lower()


def technique_layer(layers: Mapping[str, Sequence[Any]]) -> str:
    """Which layer holds the spans to highlight: predictions when there are any, else gold."""
    if layers.get(Layer.TECHNIQUES) or Layer.GOLD_TECHNIQUES not in layers:
        return Layer.TECHNIQUES
    return Layer.GOLD_TECHNIQUES


def technique_styles(labels: Sequence[str], taxonomy: str = SEMEVAL2020) -> dict[str, TechniqueStyle]:
    """Styles for ``labels``: taxonomy colours and names, numbered in taxonomy order then unknowns.

    ``taxonomy`` ``semeval2023``: the labels are :func:`~spinscope.taxonomy.naming.label_2023` keys, named,
    coloured and numbered by SemEval-2023; ``both``: SemEval-2020 styles, each name followed by its 2023 one.
    """
    from spinscope.taxonomy import TECHNIQUES, get_technique

    if taxonomy == SEMEVAL2023:
        return _styles_2023(labels)

    order = {technique.name: number for number, technique in enumerate(TECHNIQUES, start=1)}
    styles: dict[str, TechniqueStyle] = {}
    unknown_number = len(order)
    for label in sorted(set(labels), key=lambda name: (order.get(name, len(order) + 1), name)):
        try:
            technique = get_technique(label)
        except (SpinscopeError, KeyError):
            unknown_number += 1
            name = label.replace("_", " ") if label else UNLABELLED_NAME
            styles[label] = TechniqueStyle(label, unknown_number, name, UNKNOWN_COLOR, "")
            continue
        number = order.get(technique.name)
        if number is None:
            unknown_number += 1
            number = unknown_number
        name, group = (
            both_name(technique.display_name, technique.name, {}) if taxonomy == BOTH else (technique.display_name, "")
        )
        styles[label] = TechniqueStyle(
            label, number, name, _normalize_color(str(technique.color)), technique.definition, group
        )
    return styles


def _styles_2023(keys: Sequence[str]) -> dict[str, TechniqueStyle]:
    from spinscope.taxonomy import get_taxonomy

    unknown_number = len(get_taxonomy("semeval2023").techniques)
    styles: dict[str, TechniqueStyle] = {}
    for key in sorted(set(keys)):
        found = naming_2023(key)
        if found is None:
            unknown_number += 1
            name = key.replace("_", " ") if key else UNLABELLED_NAME
            styles[key] = TechniqueStyle(key, unknown_number, name, UNKNOWN_COLOR, "")
        else:
            color = _normalize_color(found.color)
            styles[key] = TechniqueStyle(key, found.number, found.display_name, color, found.definition, found.group)
    return styles


def _named_2023(span: TechniqueSpan, attrs: Mapping[str, Any]) -> TechniqueSpan:
    """``span`` keyed by its SemEval-2023 reading, its reason opening with the 2023 definition(s)."""
    from spinscope.taxonomy import get_technique

    key = label_2023(span.label, attrs)
    found = naming_2023(key)
    reason = span.reason
    if found is not None:
        try:
            old = get_technique(span.label).definition
        except SpinscopeError:
            old = ""
        if old and reason.startswith(old):
            reason = (found.definition + " " + reason[len(old) :].strip()).strip()
    return TechniqueSpan(span.start, span.end, key, span.score, reason, span.top_words)


def split_segments(
    length: int, spans: Sequence[TechniqueSpan], roles: Sequence[tuple[int, int, str]] = ()
) -> tuple[Segment, ...]:
    """Cut ``[0, length)`` at every span boundary; each segment lists every span covering it.

    Overlapping and nested spans therefore need no special case: a character covered by two
    spans sits in a segment whose ``covering`` names both. ``roles`` are ``(start, end, role)``
    ranges (parts of quotes) that also cut the text and are listed in each segment's ``roles``.
    """
    cuts = {0, length}
    for span in spans:
        cuts.update((span.start, span.end))
    for start, end, _ in roles:
        cuts.update((start, end))
    bounds = sorted(cut for cut in cuts if 0 <= cut <= length)
    segments = []
    for start, end in itertools.pairwise(bounds):
        covering = tuple(i for i, span in enumerate(spans) if span.start <= start and end <= span.end)
        inside = tuple(sorted({role for a, b, role in roles if a <= start and end <= b}, key=QUOTE_ROLES.index))
        segments.append(Segment(start, end, covering, inside))
    return tuple(segments)


def innermost(covering: Sequence[int], spans: Sequence[TechniqueSpan]) -> int:
    """The covering span drawn on top: the shortest, so a nested span stays visible inside a long one."""
    return min(covering, key=lambda i: (spans[i].end - spans[i].start, i))


def _technique_span(span: Span, taxonomy: str = SEMEVAL2020) -> TechniqueSpan:
    top_words = span.attrs.get("top_words") or ()
    found = TechniqueSpan(
        start=span.start,
        end=span.end,
        label=span.label,
        score=span.score,
        reason=str(span.attrs.get("reason") or ""),
        top_words=tuple(str(word) for word in top_words),
    )
    return _named_2023(found, span.attrs) if taxonomy == SEMEVAL2023 else found


def _offsets(value: Any, length: int) -> tuple[int, int] | None:
    """A ``{"start", "end"}`` reference that fits the text, else ``None``."""
    if not isinstance(value, Mapping):
        return None
    start, end = value.get("start"), value.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length:
        return start, end
    return None


#: What stands between two fragments of one content where the reporting clause was cut out.
FRAGMENT_JOINER = " … "


def content_fragments(attrs: Mapping[str, Any], start: int, end: int, length: int) -> list[tuple[int, int]]:
    """The fragments of an attribution's content (``attrs["fragments"]``), else its whole span.

    "“A,” President Varen declared. “B.”" has two: the reporting clause between them is not content.
    """
    fragments = [where for fragment in attrs.get("fragments") or () if (where := _offsets(fragment, length))]
    return fragments or [(start, end)]


def content_text(text: str, attrs: Mapping[str, Any], start: int, end: int) -> str:
    """An attribution's content as read: its fragments joined by :data:`FRAGMENT_JOINER`."""
    return FRAGMENT_JOINER.join(text[s:e] for s, e in content_fragments(attrs, start, end, len(text)))


def _quote(article: Article, span: Span) -> Quote:
    attrs = span.attrs
    text = article.text
    source = _offsets(attrs.get("source"), len(text))
    cue = _offsets(attrs.get("cue"), len(text))
    speaker = attrs.get("source_name") or (text[source[0] : source[1]] if source else None)
    written = text[source[0] : source[1]].strip() if source else None
    unresolved, confidence = False, None
    resolution = attrs.get("speaker")
    if isinstance(resolution, Mapping):
        written = str(resolution.get("written") or written or "") or None
        kind = resolution.get("kind")
        unresolved = resolution.get("name") is None and kind in ("pronoun", "title", None)
        if unresolved:
            speaker = written
        value = resolution.get("confidence")
        confidence = float(value) if isinstance(value, int | float) else None
    relays = []
    parts = [(s, e, "quote") for s, e in content_fragments(attrs, span.start, span.end, len(text))]
    parts += [(*where, role) for where, role in ((source, "source"), (cue, "cue")) if where]
    for position, relay in enumerate(attrs.get("relays") or (), start=1):
        if isinstance(relay, Mapping):
            where = _offsets(relay, len(text))
            if where:
                parts.append((*where, "relay"))
            name = relay.get("name") or (text[where[0] : where[1]] if where else "")
            order = relay.get("order")
            relays.append(
                Relay(
                    order if isinstance(order, int) else position,
                    str(name),
                    str(relay.get("kind") or "other"),
                    relay.get("in_registry") is not False,
                )
            )
    return Quote(
        start=span.start,
        end=span.end,
        kind=span.label,
        content=content_text(text, attrs, span.start, span.end),
        speaker=str(speaker) if speaker else None,
        cue=text[cue[0] : cue[1]] if cue else None,
        relays=tuple(sorted(relays, key=lambda relay: relay.order)),
        parts=tuple(part for part in parts if part[0] < part[1]),
        written=written,
        unresolved=unresolved,
        confidence=confidence,
    )


def display_threshold(summary: Mapping[str, Any], min_score: float | None = None) -> float:
    """The score a finding needs to be shown: ``min_score`` if given, else the model's display threshold
    (``summary["model"]["min_score"]``, chosen on held-out train), else 0 (show all)."""
    if min_score is not None:
        return float(min_score)
    model = summary.get("model")
    value = model.get("min_score") if isinstance(model, Mapping) else None
    return float(value) if isinstance(value, int | float) else 0.0


def is_shown(score: float | None, min_score: float) -> bool:
    """Whether a finding is shown: gold spans (no score) always, predictions from ``min_score`` up."""
    return score is None or score >= min_score


def shown_result(
    result: Mapping[str, Any], min_score: float | None = None, taxonomy: str = SEMEVAL2020
) -> dict[str, Any]:
    """A result dict with only the technique findings shown at the display threshold (the JSON face).

    The techniques layer and the headline's findings keep those scoring at least
    :func:`display_threshold` of ``min_score``; ``summary["display"]`` says the threshold and how many
    were left out (``min_score=0`` keeps everything). Every finding carries its SemEval-2023 reading
    (``attrs["semeval2023"]``) whatever ``taxonomy``; a taxonomy other than the default is recorded in
    ``summary["display"]`` with its note, and the shown findings' counts by 2023 name.
    """
    check_taxonomy(taxonomy)
    summary = dict(result.get("summary") or {})
    threshold = display_threshold(summary, min_score)
    layers = dict(result.get("layers") or {})
    kept = [span for span in layers.get(Layer.TECHNIQUES) or () if is_shown(span.get("score"), threshold)]
    left_out = len(layers.get(Layer.TECHNIQUES) or ()) - len(kept)
    if Layer.TECHNIQUES in layers:
        layers[Layer.TECHNIQUES] = kept
    headline = summary.get("headline")
    if isinstance(headline, Mapping):
        found = [t for t in headline.get("techniques") or () if is_shown(t.get("score"), threshold)]
        left_out += len(headline.get("techniques") or ()) - len(found)
        summary["headline"] = {**headline, "techniques": found}
    summary["display"] = {"min_score": threshold, "not_shown": left_out}
    if taxonomy != SEMEVAL2020:
        counts = Counter(label_2023(span.get("label") or "", span.get("attrs") or {}) for span in kept)
        summary["display"] |= {
            "taxonomy": taxonomy,
            "taxonomy_note": taxonomy_note(taxonomy),
            "semeval2023_counts": dict(counts.most_common()),
        }
    return {**result, "layers": layers, "summary": summary}


def _headline_spans(summary: Mapping[str, Any], taxonomy: str) -> tuple[TechniqueSpan, ...]:
    headline = summary.get("headline")
    if not isinstance(headline, Mapping):
        return ()
    title = str(headline.get("text") or "")
    found = []
    for entry in headline.get("techniques") or ():
        if isinstance(entry, Mapping):
            try:
                span = Span.from_dict(entry, layer="headline")
            except (SpinscopeError, TypeError, ValueError):
                continue
            if 0 <= span.start < span.end <= len(title):
                found.append(_technique_span(span, taxonomy))
    return tuple(found)


def build_view(
    result: Mapping[str, Any], *, min_score: float | None = None, keep_all: bool = False, taxonomy: str = SEMEVAL2020
) -> ReportView:
    """Check a result dict (as :meth:`Article.to_dict` writes it) and derive what the faces show.

    Only findings scoring at least the display threshold (:func:`display_threshold` of ``min_score``)
    are in :attr:`ReportView.spans`; ``keep_all`` keeps every finding (the HTML report hides the
    others with its own control). ``taxonomy`` (:attr:`Settings.taxonomy`) says how findings are named.

    Raises:
        ValueError: ``taxonomy`` is not one of :data:`~spinscope.settings.TAXONOMY_CHOICES`.
        FormatError: the dict is not a spinscope result (wrong schema, spans that do not fit the text).
    """
    check_taxonomy(taxonomy)
    article = Article.from_dict(result, source="result")
    layer = technique_layer(article.layers)
    summary = article.summary
    threshold = display_threshold(summary, min_score)
    every = tuple(_technique_span(span, taxonomy) for span in article.spans(layer) if span.end > span.start)
    spans = every if keep_all else tuple(span for span in every if is_shown(span.score, threshold))
    below = sum(1 for span in every if not is_shown(span.score, threshold))
    headline = _headline_spans(summary, taxonomy)
    if not keep_all:
        headline = tuple(span for span in headline if is_shown(span.score, threshold))
    styles = technique_styles([span.label for span in spans + headline], taxonomy)
    counts = Counter(span.label for span in spans)
    profile = Profile.from_article(article)
    quotes = tuple(_quote(article, span) for span in article.spans(Layer.ATTRIBUTIONS))
    return ReportView(
        article=article,
        layer=layer,
        spans=spans,
        segments=split_segments(len(article.text), spans, [part for quote in quotes for part in quote.parts]),
        styles=styles,
        counts=dict(sorted(counts.items(), key=lambda item: (-item[1], styles[item[0]].number))),
        quotes=quotes,
        outlet=profile.outlet,
        propaganda_score=profile.propaganda_score,
        model=profile.model,
        min_score=threshold,
        below=below,
        headline=headline,
        taxonomy=taxonomy,
        paragraphs=paragraph_labels(article) if taxonomy != SEMEVAL2020 else (),
    )
