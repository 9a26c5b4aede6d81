"""From BIO tags to attribution relations: chunk the roles, link content to cue and cue to source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spinscope.quotes.sources import tidy_source
from spinscope.quotes.tokens import Token

#: Marks that open a paragraph continuing a quotation.
OPENING_MARKS = "“«„\"'‘`"

#: A content chunk links to the nearest cue at most this many tokens away (edge to edge). Chosen on
#: PolNeAR dev (8, 12, 20, 30 tried; 20-30 best, as long sources like "X, who ..., said" sit between).
MAX_CUE_GAP = 30
#: A cue links to the nearest source chunk at most this many tokens away ("Obama on Tuesday accused",
#: inverted "said Obama"). Chosen on PolNeAR dev.
MAX_SOURCE_GAP = 12
#: Extra distance (tokens) for a link that crosses a sentence boundary, so "“A,” he said. “B,” Lavrov
#: stressed" gives B to Lavrov. Chosen on PolNeAR dev and the seed article.
SENTENCE_PENALTY = 10
#: Extra distance (tokens) for a content -> cue link across a paragraph break: with it such a link
#: exceeds :data:`MAX_CUE_GAP`, so a quotation is never given to the next paragraph's speaker
#: ("“Our grandfathers bled ...” \n The League insists ..."). Chosen on PolNeAR train (0, 10, 20, 40).
PARAGRAPH_PENALTY = 40

#: A token the Viterbi path leaves outside every role takes a role whose marginal probability reaches
#: this floor: the CRF is precise but misses many roles (dev precision 0.86, recall 0.63 before this
#: step). Grid-searched on PolNeAR dev (0.25 / 0.35 / 0.45 per role); +2 points F1 on cue and source.
RECOVER_ROLE_FLOOR = {"CUE": 0.35, "SRC": 0.25, "CON": 0.35}

Offsets = tuple[int, int]


@dataclass
class Chunk:
    """A run of tokens with one role; ``first``/``last`` are token indices (inclusive)."""

    role: str
    first: int
    last: int
    start: int
    end: int


@dataclass
class Relation:
    """One predicted attribution: content fragments, cue and source (character offsets)."""

    content: list[Offsets]
    cue: Offsets | None = None
    source: Offsets | None = None
    origin: str = "model"
    relays: list[dict[str, Any]] = field(default_factory=list)
    source_name: str | None = None
    #: Who the source stands for (:class:`spinscope.quotes.speakers.Speaker`), set once speakers are resolved.
    speaker: Any = None
    #: How sure the role model is of it (:func:`spinscope.quotes.confidence.relation_confidence`); None for a
    #: relation found by rule or without the role network.
    confidence: float | None = None

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


def recover_roles(
    tags: Sequence[str], marginals: Sequence[dict[str, float]], floors: Mapping[str, float] = RECOVER_ROLE_FLOOR
) -> list[str]:
    """Give ``O`` tokens the most probable role when its marginal reaches its floor (:data:`RECOVER_ROLE_FLOOR`)."""
    recovered = list(tags)
    for i, (tag, roles) in enumerate(zip(tags, marginals, strict=True)):
        if tag != "O":
            continue
        role, probability = max(roles.items(), key=lambda item: item[1])
        if probability >= floors.get(role, 2.0):
            previous = recovered[i - 1] if i else "O"
            recovered[i] = f"{'I' if previous.endswith(role) else 'B'}-{role}"
    return recovered


def chunk_tags(tokens: Sequence[Token], tags: Sequence[str], text: str = "") -> list[Chunk]:
    """Group BIO tags into role chunks.

    An ``I-`` tag after another role starts a new chunk, and so does a paragraph break (pieces of a
    quotation that runs over paragraphs become fragments of one relation when they share a cue).
    """
    chunks: list[Chunk] = []
    for i, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
        if tag == "O":
            continue
        prefix, role = tag.split("-", 1)
        last = chunks[-1] if chunks else None
        new_paragraph = i > 0 and "\n" in text[tokens[i - 1].end : token.start]
        if prefix == "I" and last is not None and last.role == role and last.last == i - 1 and not new_paragraph:
            last.last, last.end = i, token.end
        else:
            chunks.append(Chunk(role, i, i, token.start, token.end))
    return chunks


def _gap(a: Chunk, b: Chunk, tokens: Sequence[Token], paragraphs: Sequence[int] = ()) -> int:
    if a.last < b.first:
        gap, left, right = b.first - a.last - 1, a.last, b.first
    elif b.last < a.first:
        gap, left, right = a.first - b.last - 1, b.last, a.first
    else:
        return 0
    if paragraphs and paragraphs[left] != paragraphs[right]:
        gap += PARAGRAPH_PENALTY
    return gap + (SENTENCE_PENALTY if tokens[left].sentence != tokens[right].sentence else 0)


def paragraph_numbers(tokens: Sequence[Token], text: str) -> list[int]:
    """The paragraph each token lies in, counted from 0.

    A paragraph that opens with a quote mark continues the one before (a quotation over paragraphs).
    """
    numbers: list[int] = []
    paragraph = 0
    for i, token in enumerate(tokens):
        if i and "\n" in text[tokens[i - 1].end : token.start] and text[token.start] not in OPENING_MARKS:
            paragraph += 1
        numbers.append(paragraph)
    return numbers


def _nearest(
    target: Chunk, candidates: Sequence[Chunk], limit: int, tokens: Sequence[Token], paragraphs: Sequence[int] = ()
) -> Chunk | None:
    best: Chunk | None = None
    best_gap = limit + 1
    for candidate in candidates:
        gap = _gap(target, candidate, tokens, paragraphs)
        # On ties the candidate before the target wins ("X said ..." is commoner than "... said X").
        if gap < best_gap or (gap == best_gap and best is not None and candidate.first < best.first):
            best, best_gap = candidate, gap
    return best


def _sentence_source(cue: Chunk, sources: Sequence[Chunk], tokens: Sequence[Token]) -> Chunk | None:
    """The last source chunk before ``cue`` in its sentence, however far ("Trump attacked ..., saying")."""
    sentence = tokens[cue.first].sentence
    before = [s for s in sources if s.last < cue.first and tokens[s.first].sentence == sentence]
    return before[-1] if before else None


#: A cue at most this many tokens after (before) a content chunk, in the sentence of its end (start),
#: takes that sentence from a chunk whose nearest cue is elsewhere ("... that A. “B,” said Burman").
SPLIT_CUE_GAP = 1


def _touching(content: Chunk, cues: Sequence[Chunk], tokens: Sequence[Token], *, after: bool) -> Chunk | None:
    """A cue within :data:`SPLIT_CUE_GAP` tokens after (before) ``content``, in the sentence of that end."""
    end = content.last if after else content.first
    for cue in cues:
        gap = cue.first - content.last - 1 if after else content.first - cue.last - 1
        if 0 <= gap <= SPLIT_CUE_GAP and tokens[cue.first].sentence == tokens[end].sentence:
            return cue
    return None


def split_between_cues(content: Chunk, cues: Sequence[Chunk], tokens: Sequence[Token]) -> list[Chunk]:
    """Split a content chunk over several sentences when a cue other than its nearest one touches an end.

    The tagger often runs two contents together ("Mr. X agreed that A. ''B,'' said Mr. Y"); the chunk
    would join the cue before it and the cue right after it would get nothing. The end sentence goes
    to the cue that touches it.
    """
    starts = [i for i in range(content.first + 1, content.last + 1) if tokens[i - 1].sentence != tokens[i].sentence]
    if not starts:
        return [content]
    nearest = _nearest(content, cues, MAX_CUE_GAP, tokens)
    cut = None
    if _touching(content, cues, tokens, after=True) not in (None, nearest):
        cut = starts[-1]
    elif _touching(content, cues, tokens, after=False) not in (None, nearest):
        cut = starts[0]
    if cut is None:
        return [content]
    return [
        Chunk(content.role, content.first, cut - 1, content.start, tokens[cut - 1].end),
        Chunk(content.role, cut, content.last, tokens[cut].start, content.end),
    ]


def _claim_for_trailing_cues(
    by_cue: dict[int, list[Chunk]], cues: Sequence[Chunk], sources: Sequence[Chunk], tokens: Sequence[Token], text: str
) -> None:
    """A cue that got no content takes the content just before it from a cue written before that content.

    "Secret Service protocol called for the nominee to be taken ..., sources said": the tagger tags the
    inner "called for" too, the content joins it (gap 0) and the sentence's own cue is left empty. Only
    punctuation and source tokens may stand between the content and the cue (+0.2 points cue F1 on dev).
    """
    in_source = {i for s in sources for i in range(s.first, s.last + 1)}
    cue_at = {c.first: c for c in cues}

    def claimable(part: Chunk, owner: Chunk, cue: Chunk) -> bool:
        between = range(part.last + 1, cue.first)
        return (
            owner.last < part.first <= part.last < cue.first
            and tokens[part.last].sentence == tokens[cue.first].sentence
            and len(between) <= MAX_SOURCE_GAP
            and all(i in in_source or not text[tokens[i].start : tokens[i].end].isalnum() for i in between)
        )

    for cue in cues:
        if cue.first in by_cue:
            continue
        found = next(
            ((first, part) for first, parts in by_cue.items() for part in parts if claimable(part, cue_at[first], cue)),
            None,
        )
        if found is not None:
            first, part = found
            by_cue[first].remove(part)
            by_cue[cue.first] = [part]
            if not by_cue[first]:
                del by_cue[first]


def link_chunks(chunks: Sequence[Chunk], tokens: Sequence[Token], text: str = "") -> list[Relation]:
    """Build relations from role chunks.

    1. every content chunk takes the nearest cue within :data:`MAX_CUE_GAP` tokens;
    2. content chunks sharing a cue become one relation with several fragments ("“A,” he said, “B”");
    3. each cue takes the nearest source within :data:`MAX_SOURCE_GAP` tokens (a source may serve
       several cues, as PolNeAR allows), else the last source before it in its sentence, however far
       ("Trump attacked Clinton for her support of military action in Iraq and Libya, saying ...";
       +0.3 points source F1, +0.7 relation F1 on PolNeAR dev);
    4. content with no cue near it is kept as an attribution with no cue and no source.

    Source chunks that are no noun phrase (:func:`~spinscope.quotes.sources.tidy_source` leaves nothing
    of them: a stray comma, "An") are left out. Before 3, a content chunk over several sentences gives
    its end sentence to a cue touching it (:func:`split_between_cues`), and, given ``text``, a cue left
    without content takes the content just before it from an inner cue (:func:`_claim_for_trailing_cues`).
    """
    cues = [c for c in chunks if c.role == "CUE"]
    contents = [p for c in chunks if c.role == "CON" for p in split_between_cues(c, cues, tokens)]
    # a source chunk that is no noun phrase (a stray comma the recovery step tagged, a lone "the") would
    # be a cue's nearest source and hide the real one further back ("Trump, speaking at a rally ..., warned")
    sources = [c for c in chunks if c.role == "SRC" and (not text or tidy_source(text, c.start, c.end) is not None)]
    by_cue: dict[int, list[Chunk]] = {}
    relations: list[Relation] = []
    paragraphs = paragraph_numbers(tokens, text) if text and PARAGRAPH_PENALTY else []
    for content in contents:
        cue = _nearest(content, cues, MAX_CUE_GAP, tokens, paragraphs)
        if cue is None:
            relations.append(Relation(content=[(content.start, content.end)]))
        else:
            by_cue.setdefault(cue.first, []).append(content)
    if text:
        _claim_for_trailing_cues(by_cue, cues, sources, tokens, text)
    cue_at = {c.first: c for c in cues}
    for first, parts in by_cue.items():
        cue = cue_at[first]
        source = _nearest(cue, sources, MAX_SOURCE_GAP, tokens) or _sentence_source(cue, sources, tokens)
        relations.append(
            Relation(
                content=[(p.start, p.end) for p in parts],
                cue=(cue.start, cue.end),
                source=None if source is None else (source.start, source.end),
            )
        )
    relations.sort(key=lambda r: (r.start, r.end))
    return relations
