"""The attribution cascade: CRF tags, rule-based quotations, speakers, relays, as numbered steps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from spinscope.model import Article, Layer, Span
from spinscope.model.annotations import Annotations
from spinscope.outlets.registry import mention_pattern
from spinscope.progress import progress_part, report
from spinscope.quotes.confidence import drop_unsure
from spinscope.quotes.grounding import drop_unsourced_short, ground_relations
from spinscope.quotes.names import NameMention, find_names
from spinscope.quotes.network import TAGS, RoleNetwork, combine
from spinscope.quotes.participles import fill_participle_sources
from spinscope.quotes.relations import Relation, chunk_tags, link_chunks, recover_roles
from spinscope.quotes.relatives import relative_speaker
from spinscope.quotes.relays import attach_relays
from spinscope.quotes.sources import tidy_source
from spinscope.quotes.speakers import resolve_speaker
from spinscope.quotes.tagger import AttributionTagger
from spinscope.quotes.tokens import DOUBLE_MARKS, Token, find_quotations, tokenize
from spinscope.segment import BOILERPLATE_SHARE, CHUNK_CHARS, Coverage, chunk_ranges

#: A quotation the tagger missed becomes an attribution only with at least this many words, so scare
#: quotes ("mission accomplished") stay out. Chosen on PolNeAR dev.
MIN_RULE_QUOTE_WORDS = 6
#: A rule-based quotation links to a speech verb at most this many characters after or before it
#: ("“...,” he said" / "Lavrov stressed: “...”").
RULE_CUE_CHARS = 40
_RULE_CUE_AFTER = re.compile(
    r"^[\s,]*(?P<source>(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*|he|she|they|it|the \w+)\s+"
    r"(?P<cue>said|says|stressed|added|told \w+|noted|wrote|asked|explained|insisted|warned|argued|declared)\b"
    r"|^[\s,]*(?P<cue2>said|says|stressed|added|noted|wrote|asked|explained|insisted|warned|argued|declared)\s+"
    r"(?P<source2>(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*|he|she)"
    # a quotation signed with a dash: "“...” ― Sonya Herridge"
    r"|^[ \t]*(?P<cue3>[―—–]|--)[ \t]*(?P<source3>(?:[A-Z][\w’'\-.]*[ \t]+){0,3}[A-Z][\w’'\-]*)"
)
_RULE_CUE_BEFORE = re.compile(
    r"(?P<source>(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*|he|she|they)\s+"
    r"(?P<cue>said|says|stressed|added|told \w+|noted|wrote|asked|explained|insisted|warned|argued|declared)[\s,:]*$"
)

_NAME = r"(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*"
#: Reported speech the tagger missed: "Lavrov went on to say that ...", "She told reporters that ...".
_INDIRECT = re.compile(
    rf"(?P<source>{_NAME}|\b[Hh]e|\b[Ss]he|\b[Tt]hey)\s+"
    r"(?P<cue>went on to say|has said|had said|said|says|added|argued|claimed|insisted|warned|stressed|noted"
    r"|explained|told (?:[\w’']+ ){0,3}?)\s*(?P<content>that [^.!?\n]+)"
)
#: A report closing its sentence that the tagger left without content ("An explosion damaged a pipeline near
#: the border, the state news agency KTA reported, citing ..."): the clause from the sentence start is the
#: content of the named source.
_TRAILING_REPORT = re.compile(
    r"(?P<content>[A-Z][^.!?;:\n“”\"]{20,}?),[ \t\xa0]+"
    r"(?P<source>(?:the[ \t\xa0]+)?(?:[\w’'\-.]+[ \t\xa0]+){0,4}?[A-Z][\w’'\-]*)[ \t\xa0]+"
    r"(?P<cue>reported|said|says|announced)(?=[ \t\xa0]*[,.]|[ \t\xa0]+(?:on|late|early|in a)\b)"
)
#: An outlet written just before a cue is the source of a report ("the BBC report that ...").
_OUTLET_BEFORE_CUE = re.compile(r"(?:[’']s)?\s*$")
#: What follows an outlet that reports something: "BBC report that ...", "Reuters reported that ...".
_OUTLET_REPORT = re.compile(
    r"(?:[’']s)?\s+(?P<cue>report|reports|reported|story|investigation|article)\s+(?:that|which said|saying|claiming)\b"
)
OUTLET_SOURCE_CHARS = 40
#: A document written right before a source-less cue is its source ("the message continues", "the email
#: read", "the report on Wednesday for the first time cited"): PolNeAR train holds these with the
#: document as source, and the tagger left the source out.
_DOCUMENT_BEFORE_CUE = re.compile(
    r"\b(?P<source>(?:[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:message|statement|report|email|e-mail|letter|memo|book|study|document|filing|press release|post|tweet"
    r"|article|editorial|ad|advertisement|video|poll|survey|complaint|lawsuit|indictment|ruling|order))"
    r"(?:\s+(?:on|last|this)\s+\w+)?(?:\s+\w+ly|\s+for the first time|\s+also|\s+again)?\s*$"
)
#: "According to <source>," opening a sentence: the words after the comma are the source's, even when
#: the tagger ran them into a later relation ("According to a report by X, A, and the report says B").
_ACCORDING_TO = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?P<cue>According to)[ \t]+(?P<source>[^,.;:\n]{2,90}),[ \t]*"
)
#: A quotation signed with a dash ("“...” ― Sonya Herridge"): the dash is the cue, the name the source.
_DASH_SIGNED = re.compile(
    r"[”\"][ \t\xa0]*(?P<cue>[―—–]|--)[ \t\xa0]*(?P<source>(?:[A-Z][\w’'\-.]*[ \t\xa0]+){0,3}[A-Z][\w’'\-]*)"
)
#: A transcript turn ("WALLACE: Let’s start ..."): a capitalised speaker, a colon, the words.
_TRANSCRIPT_TURN = re.compile(
    r"(?m)^[ \t\"“]*(?P<source>[A-Z][A-Z.\-]+(?:[ \t]+[A-Z][A-Z.\-]+){0,2})(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)"
)
#: An interview turn under a name ("Kalvø: They are guests."): a transcript turn only when the same label
#: opens two lines or more, so that a one-off "Background: ..." line has no speaker.
_NAMED_TURN = re.compile(
    r"(?m)^[ \t\"“]*(?P<source>[A-Z][^\W\d_][\w’'\-.]*(?:[ \t]+[A-Z][\w’'\-.]*){0,2})(?P<cue>:)[ \t]+"
    r"(?P<content>\S[^\n]*)"
)
#: Capitalised labels that open a line like a speaker but are not one ("UPDATE: ...").
_NOT_SPEAKERS = frozenset(
    """
    UPDATE UPDATED VIDEO WATCH EXCLUSIVE BREAKING BYLINE EMAIL CLARIFICATION CORRECTION LOOK READ NOTE
    PHOTO PHOTOS SOURCE SOURCES BOOM BUSTED WOW LIVE ALERT DEVELOPING FACT CHECK RELATED ADVERTISEMENT
    SUBSCRIBE SHARE TAGS TOPICS WARNING ANALYSIS OPINION COMMENTARY EDITORIAL FILE CREDIT
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

MODEL_DIR_PACKAGE = "spinscope.quotes"


def shipped_model_dir() -> Path:
    """The model folder shipped in the package."""
    return Path(str(resources.files(MODEL_DIR_PACKAGE).joinpath("model")))


def _rule_relation(text: str, start: int, end: int) -> Relation:
    after = _RULE_CUE_AFTER.match(text[end : end + RULE_CUE_CHARS])
    if after:
        group = next(g for g in ("cue", "cue2", "cue3") if after.group(g))
        src = {"cue": "source", "cue2": "source2", "cue3": "source3"}[group]
        return Relation(
            content=[(start, end)],
            cue=(end + after.start(group), end + after.end(group)),
            source=(end + after.start(src), end + after.end(src)),
            origin="rule",
        )
    window_start = max(0, start - RULE_CUE_CHARS)
    before = _RULE_CUE_BEFORE.search(text[window_start:start])
    if before:
        return Relation(
            content=[(start, end)],
            cue=(window_start + before.start("cue"), window_start + before.end("cue")),
            source=(window_start + before.start("source"), window_start + before.end("source")),
            origin="rule",
        )
    return Relation(content=[(start, end)], origin="rule")


class Attributor:
    """Finds attributions in a text with a loaded tagger (and role network); keep one per process."""

    def __init__(self, tagger: AttributionTagger | None, network: RoleNetwork | None = None) -> None:
        self.tagger = tagger
        self.network = network

    def roles(
        self, text: str, sentence_starts: Sequence[int] | None = None
    ) -> tuple[list[Token], list[str], list[dict[str, float]] | None]:
        """Tokens and their role tags: the CRF's, or its mix with the network; then :func:`recover_roles`.
        With the network, also each token's probability of each role in the mix (None without it)."""
        assert self.tagger is not None
        if self.network is None:
            tokens, tags, marginals = self.tagger.tag_marginals(text, sentence_starts=sentence_starts)
            return tokens, recover_roles(tags, marginals), None
        tokens, crf = self.tagger.tag_probabilities(text, TAGS, sentence_starts=sentence_starts)
        tags, marginals = combine(crf, self.network.probabilities(text, tokens), self.network.crf_weight)
        return tokens, recover_roles(tags, marginals, self.network.recover_floor), marginals

    def relations(self, text: str, sentence_starts: Sequence[int] | None = None) -> list[Relation]:
        """Every attribution in ``text``; its sentences are the segment stage's (``sentence_starts``: where
        the ``sentences`` spans start; by default :func:`spinscope.segment.split_sentences` of ``text``).

        1. the CRF, mixed with the role network when one is loaded (:meth:`roles`), tags tokens as
           source / cue / content (skipped when no model is loaded); tokens it leaves out take a role
           whose probability reaches a floor (:data:`~spinscope.quotes.relations.RECOVER_ROLE_FLOOR`,
           or the network's own ``recover_floor``);
        2. role chunks are linked into relations (content -> nearest cue -> nearest source); contents of
           bare punctuation are dropped;
        3. direct quotations of :data:`MIN_RULE_QUOTE_WORDS`+ words that no relation covers are added,
           with a speech verb and speaker found next to them by rule where there is one; so is reported
           speech of the form "X said that ..." (:data:`_INDIRECT`), a clause closed by "..., <name>
           reported." (:func:`_trailing_reports`) and outlet reports ("the BBC report that ...", which
           replace any model relation they overlap);
        4. a relation with no cue takes a speech verb and speaker found next to it by rule ("...” ―
           Name"); a relation with a cue and no source takes an outlet written just before the cue ("the BBC
           report that ..."); a first fragment after "According to X," becomes X's relation
           (:func:`_split_according_to`); after grounding, a participle cue with no source takes its sentence's
           subject (:func:`~spinscope.quotes.participles.fill_participle_sources`);
        5. with the role network, a model relation whose confidence is under a floor goes
           (:func:`~spinscope.quotes.confidence.drop_unsure`), before it can lend its speaker to a
           later pronoun or take a relay;
        6. each source is resolved to a speaker name (pronoun, title, short name -> fullest name; a
           "who" or "which" after a comma takes its antecedent's,
           :func:`~spinscope.quotes.relatives.relative_speaker`);
        7. relay chains are attached (see :func:`spinscope.quotes.relays.attach_relays`).
        """
        relations: list[Relation] = []
        probabilities = None
        if self.tagger is not None:
            tokens, tags, probabilities = self.roles(text, sentence_starts)
            relations = _with_words(link_chunks(chunk_tags(tokens, tags, text), tokens, text), text)
        else:
            tokens = tokenize(text, sentence_starts)
        quotations = find_quotations(text)
        for start, end in quotations:
            covered = any(s < end and start < e for r in relations for s, e in r.content)
            if not covered and len(text[start:end].split()) >= MIN_RULE_QUOTE_WORDS:
                relations.append(_rule_relation(text, start, end))
        sentences = _sentence_spans(tokens, text)
        relations = self._outlet_reports(text, sentences, relations)
        relations = _signed_turns(text, relations)
        for match in _INDIRECT.finditer(text):
            start = match.start("content")
            if any(s < match.end("content") and start < e for r in relations for s, e in r.content):
                continue
            end = next((e for s, e in sentences if s <= start < e), match.end("content"))
            # PolNeAR has no nested attributions: what the extended content swallows goes.
            relations = [r for r in relations if not (start <= r.start and r.end <= end)]
            relations.append(
                Relation(content=[(start, end)], cue=match.span("cue"), source=match.span("source"), origin="rule")
            )
        relations = _trailing_reports(text, sentences, relations)
        relations.sort(key=lambda r: (r.start, r.end))
        for relation in relations:
            if relation.cue is None:
                found = _rule_relation(text, relation.start, relation.end)
                relation.cue, relation.source = found.cue, found.source
            if relation.cue is not None and (relation.source is None or tidy_source(text, *relation.source) is None):
                # no source, or a lone function word the tagger took for one ("the" of "the message continues")
                relation.source = _outlet_before(text, relation.cue[0]) or _document_before(text, relation.cue[0])
        relations = _split_according_to(text, relations)
        relations = ground_relations(text, relations, sentences)
        names = find_names(text, quotations)
        fill_participle_sources(text, relations, names)
        relations = drop_unsourced_short(text, relations)
        if probabilities is not None:
            relations = drop_unsure(relations, tokens, probabilities)
        previous: list[tuple[int, NameMention]] = []
        for relation in relations:
            if relation.source is not None:
                s, e = relation.source
                speaker = relative_speaker(text, (s, e), relation.cue, names, previous) or resolve_speaker(
                    text[s:e], s, text, names, previous
                )
                relation.speaker, relation.source_name = speaker, speaker.shown
                if speaker.name is not None and _is_subject(text, s, relation):
                    where = speaker.antecedent or (s, e)
                    previous.append((s, NameMention(where[0], where[1], speaker.name)))
        attach_relays(text, relations, sentences, self._sentence_speakers(text, sentences, names))
        return relations

    @staticmethod
    def _outlet_reports(text: str, sentences: list[tuple[int, int]], relations: list[Relation]) -> list[Relation]:
        """Rule: "<outlet> report that ..." is an attribution to the outlet; it replaces what it overlaps.

        The tagger often swallows such a report into a longer content; the outlet is then lost as a
        source and would be taken for a relay of the next quotation.
        """
        for mention in mention_pattern().finditer(text):
            match = _OUTLET_REPORT.match(text, mention.end())
            if match is None:
                continue
            start = match.end("cue") + 1
            end = next((e for s, e in sentences if s <= start < e), len(text))
            if end <= start:
                continue
            rule = Relation(content=[(start, end)], cue=match.span("cue"), source=mention.span(), origin="rule")
            relations = _replace_overlapping(relations, rule)
        return relations

    @staticmethod
    def _sentence_speakers(
        text: str, sentences: list[tuple[int, int]], names: list[NameMention]
    ) -> dict[int, str | None]:
        """Whose words a sentence opening with "his"/"her" describes ("His statement, carried by TASS").

        Other sentences describe no one's words: a relay there joins no chain.
        """
        speakers: dict[int, str | None] = {}
        for start, end in sentences:
            first = text[start:end].split()[:1]
            if first and first[0].lower() in ("his", "her"):
                speakers[start] = resolve_speaker("he", start, text, names).name
        return speakers

    def long_relations(self, text: str, sentence_starts: Sequence[int] | None = None) -> list[Relation]:
        """:meth:`relations` of the whole text, or of its pieces when it is long.

        A text over :data:`~spinscope.segment.CHUNK_CHARS` characters is read piece by piece (cut at
        paragraph boundaries, like the detect stage), so that linking roles, resolving speakers and
        relays grow with the piece, not the article: a speaker named in an earlier piece is not
        carried into the next one.
        """
        chunks = chunk_ranges(text, CHUNK_CHARS)
        if len(chunks) == 1:
            return self.relations(text, sentence_starts)
        relations: list[Relation] = []
        for start, end in chunks:
            piece = None if sentence_starts is None else [s - start for s in sentence_starts if start <= s < end]
            with progress_part(start, end - start, len(text)):
                relations += [_shifted(r, start) for r in self.relations(text[start:end], piece)]
            report("quotes", end, len(text))
        return relations

    def annotate(self, article: Article) -> Annotations:
        """The ``attributions``, ``quote_sources``, ``quote_cues`` and ``relays`` layers of an article."""
        text = article.text
        # the segment stage's sentences when it ran (it skips boilerplate), else the same splitter's
        sentences = sorted(article.spans(Layer.SENTENCES), key=lambda span: span.start)
        relations = self.long_relations(text, [span.start for span in sentences] if sentences else None)
        relations = _outside_boilerplate(relations, article.spans(Layer.BOILERPLATE))
        attributions, sources, cues, relays = [], [], [], []
        for index, relation in enumerate(relations):
            attrs = {
                "source": None if relation.source is None else _offsets(relation.source),
                "source_name": relation.source_name,
                "speaker": None if relation.speaker is None else relation.speaker.to_dict(),
                "cue": None if relation.cue is None else _offsets(relation.cue),
                "relays": list(relation.relays),
                "fragments": [_offsets(f) for f in relation.content],
                "origin": relation.origin,
                "confidence": None if relation.confidence is None else round(relation.confidence, 3),
            }
            attributions.append(Span(relation.start, relation.end, label=_kind(text, relation), attrs=attrs))
            link = {"attribution": index}
            if relation.source is not None:
                sources.append(Span(*relation.source, label="source", attrs=dict(link)))
            if relation.cue is not None:
                cues.append(Span(*relation.cue, label="cue", attrs=dict(link)))
            for relay in relation.relays:
                relays.append(
                    Span(int(relay["start"]), int(relay["end"]), label=str(relay["kind"]), attrs={**link, **relay})
                )
        return Annotations(
            layers={
                Layer.ATTRIBUTIONS: attributions,
                Layer.QUOTE_SOURCES: sources,
                Layer.QUOTE_CUES: cues,
                Layer.RELAYS: relays,
            }
        )


#: What may stand before a source that is its sentence's subject: a sentence or paragraph start, or a
#: closing quote with its comma ("“...,” Lavrov said").
_SUBJECT_BEFORE = re.compile(r"(?:^|\n|[.!?][\"”’']*\s+|[,.!?]?[\"”’']+\s*)$")


def _is_subject(text: str, source_start: int, relation: Relation) -> bool:
    """Whether a source opens its sentence or follows a quotation, or follows its cue ("said Lavrov")."""
    if relation.cue is not None and 0 <= source_start - relation.cue[1] <= 2:
        return True
    return bool(_SUBJECT_BEFORE.search(text, max(0, source_start - 4), source_start))


def _sentence_spans(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, the end before its final punctuation."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if len(spans) <= token.sentence:
            spans.append((token.start, token.end))
        elif not (token.end - token.start == 1 and text[token.start] in ".!?"):
            spans[-1] = (spans[-1][0], token.end)
    return spans


def _outlet_before(text: str, cue_start: int) -> tuple[int, int] | None:
    """A registry outlet written right before a cue ("BBC report", "Reuters’ report"), as a source."""
    window_start = max(0, cue_start - OUTLET_SOURCE_CHARS)
    last = None
    for match in mention_pattern().finditer(text, window_start, cue_start):
        last = match
    if last is not None and _OUTLET_BEFORE_CUE.match(text[last.end() : cue_start]):
        return last.span()
    return None


def _document_before(text: str, cue_start: int) -> tuple[int, int] | None:
    """A document written right before a cue ("the email read"), as a source (:data:`_DOCUMENT_BEFORE_CUE`)."""
    window_start = max(0, cue_start - OUTLET_SOURCE_CHARS - 20)
    match = _DOCUMENT_BEFORE_CUE.search(text, window_start, cue_start)
    return match.span("source") if match else None


def _split_according_to(text: str, relations: list[Relation]) -> list[Relation]:
    """Rule: a first fragment right after "According to X," (:data:`_ACCORDING_TO`) whose relation's cue
    comes later is X's words, a relation of its own; the relation keeps its other fragments."""
    added: list[Relation] = []
    for relation in relations:
        if len(relation.content) < 2 or relation.cue is None:
            continue
        first = relation.content[0]
        match = _ACCORDING_TO.search(text, max(0, first[0] - 100), first[0] + 1)
        if match is None or match.end() != first[0] or relation.cue[0] < first[1]:
            continue
        relation.content = relation.content[1:]
        added.append(Relation(content=[first], cue=match.span("cue"), source=match.span("source"), origin="rule"))
    return sorted(relations + added, key=lambda r: (r.start, r.end))


def _signed_turns(text: str, relations: list[Relation]) -> list[Relation]:
    """Rule: dash-signed quotations and transcript turns ("WALLACE: ...", or "Kalvø: ..." when that label
    opens two lines or more); each replaces the relations it overlaps.

    The tagger takes the signature's name for a cue or leaves the turn without one.
    """
    found: list[Relation] = []
    for match in _DASH_SIGNED.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        content = (
            start + len(text[start : match.start()]) - len(text[start : match.start()].lstrip()),
            match.start() + 1,
        )
        found.append(Relation(content=[content], cue=match.span("cue"), source=match.span("source"), origin="rule"))
    turns = [m for m in _TRANSCRIPT_TURN.finditer(text) if m.group("source").strip(".") not in _NOT_SPEAKERS]
    named = [
        m
        for m in _NAMED_TURN.finditer(text)
        if not m.group("source").isupper() and len(re.findall(r"[^\W\d_]{2,}", m.group("content"))) >= 2
    ]  # not "Clinton: 547." (a tally)
    labels = Counter(m.group("source") for m in named)
    turns += [m for m in named if labels[m.group("source")] >= 2 and m.group("source").upper() not in _NOT_SPEAKERS]
    for match in turns:
        content = (match.start("content"), match.start("content") + len(match.group("content").rstrip()))
        found.append(Relation(content=[content], cue=match.span("cue"), source=match.span("source"), origin="rule"))
    for rule in found:
        relations = _replace_overlapping(relations, rule)
    return relations


def _trailing_reports(text: str, sentences: list[tuple[int, int]], relations: list[Relation]) -> list[Relation]:
    """Rule: "<clause>, <named source> reported." (:data:`_TRAILING_REPORT`) where no relation covers the clause
    and the tagger linked that cue to nothing: the clause is the source's content."""
    for match in _TRAILING_REPORT.finditer(text):
        start, end = match.span("content")
        cue = match.span("cue")
        if next((s for s, e in sentences if s <= start < e), None) != start:
            continue  # the clause must open its sentence
        if any(s < end and start < e for r in relations for s, e in r.content):
            continue
        if any(r.cue is not None and r.cue[0] < cue[1] and cue[0] < r.cue[1] for r in relations):
            continue
        relations.append(Relation(content=[(start, end)], cue=cue, source=match.span("source"), origin="rule"))
    return relations


def _with_words(relations: list[Relation], text: str) -> list[Relation]:
    """``relations`` without content fragments of bare punctuation (a lone closing quote mark); empty ones go."""
    kept = []
    for relation in relations:
        relation.content = [(s, e) for s, e in relation.content if any(ch.isalnum() for ch in text[s:e])]
        if relation.content:
            kept.append(relation)
    return kept


def _replace_overlapping(relations: list[Relation], rule: Relation) -> list[Relation]:
    """``relations`` without those whose content overlaps the one-fragment ``rule``, then ``rule``."""
    ((start, end),) = rule.content
    return [r for r in relations if not any(s < end and start < e for s, e in r.content)] + [rule]


def _shifted(relation: Relation, offset: int) -> Relation:
    """``relation`` found in a piece of a text that starts at ``offset``, in the whole text's offsets."""

    def moved(pair: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if pair is None else (pair[0] + offset, pair[1] + offset)

    return replace(
        relation,
        content=[(s + offset, e + offset) for s, e in relation.content],
        cue=moved(relation.cue),
        source=moved(relation.source),
        relays=[{**relay, "start": relay["start"] + offset, "end": relay["end"] + offset} for relay in relation.relays],
    )


def _outside_boilerplate(relations: list[Relation], boilerplate: Sequence[Span]) -> list[Relation]:
    """The relations whose content lies mostly outside the article's boilerplate spans (share buttons,
    bylines, "Follow us on Telegram"), as the detect stage drops findings there."""
    coverage = Coverage(list(boilerplate))
    if not coverage:
        return relations
    return [r for r in relations if coverage.share_of(r.content) < BOILERPLATE_SHARE]


def _offsets(pair: tuple[int, int]) -> dict[str, int]:
    return {"start": pair[0], "end": pair[1]}


def _kind(text: str, relation: Relation) -> str:
    """``direct`` when the content is one quotation or a transcript turn ("Kalvø: ..."), ``mixed`` when it
    holds some quotations, else ``indirect``."""
    if relation.cue is not None and text[relation.cue[0] : relation.cue[1]] == ":" and relation.origin == "rule":
        return "direct"
    content = "".join(text[s:e] for s, e in relation.content).strip()
    marks = sum(content.count(m) for m in DOUBLE_MARKS)
    if not marks:
        return "indirect"
    stripped = content.rstrip(".,;:!?")
    if stripped[:1] in DOUBLE_MARKS and stripped[-1:] in DOUBLE_MARKS and marks <= 2 * len(relation.content):
        return "direct"
    return "mixed"


__all__ = ["Attributor", "shipped_model_dir"]
