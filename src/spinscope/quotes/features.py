"""Token features for the attribution tagger: the word, its shape, its window, and where the quotes are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spinscope.quotes.tokens import CLOSING_QUOTES, DOUBLE_MARKS, OPENING_QUOTES, Token, find_quotations, tokenize

#: Words that often introduce reported speech or thought (hand-written; lower case, inflected forms).
CUE_WORDS = frozenset(
    """
    said says say saying told tell tells telling according added adding adds asked asks asking wrote
    writes write writing noted notes noting stressed stresses argued argues argue claimed claims
    claim insisted insists explained explains announced announces declared declares warned warns
    suggested suggests acknowledged acknowledges admitted admits tweeted tweets reported reports
    replied replies responded responds called calls described describes believes believe believed
    thinks think thought denied denies accused accuses urged urges predicted predicts promised
    promises vowed vows recalled recalls confirmed confirms revealed reveals pointed continued
    continues estimated estimates questioned criticized criticised praised mentioned insisting
    argued argues agreed agrees disagreed complained complains concluded concludes observed
    emphasized emphasised suggesting arguing claiming warning citing cited cites quoted quoting
    stated states statement interview report reports reported
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
#: Nouns and pronouns that name who speaks ("the minister", "he"): a hint for the source role.
SPEAKER_WORDS = frozenset(
    """
    he she they i we spokesman spokeswoman spokesperson official officials minister president
    senator governor candidate campaign aide aides adviser advisers source sources analyst analysts
    expert experts secretary director chairman chief leader leaders representative ambassador lawyer
    attorney statement report poll survey study
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    if word.isalpha():
        return "x"
    if any(ch.isalnum() for ch in word):
        return "mix"
    return "p"


def _quote_mark(word: str) -> str:
    if word in OPENING_QUOTES or word == "«":
        return "open"
    if word in CLOSING_QUOTES:
        return "close"
    if word in DOUBLE_MARKS or word == "'":
        return "straight"
    return ""


def _bucket(distance: int) -> str:
    if distance < 0:
        return "none"
    return str(distance) if distance <= 3 else ("4-7" if distance <= 7 else "8+")


def _distances(n: int, positions: list[int], tokens: list[Token], *, forward: bool) -> list[str]:
    """Bucketed token distance to the next (or previous) cue word in the same sentence."""
    result = ["none"] * n
    order = range(n - 1, -1, -1) if forward else range(n)
    marks = set(positions)
    last: int | None = None
    for i in order:
        if last is not None and tokens[last].sentence != tokens[i].sentence:
            last = None
        result[i] = _bucket(abs(last - i) if last is not None else -1)
        if i in marks:
            last = i
    return result


#: Role lexicon: lower-cased word -> share of its train occurrences tagged (cue, source, content).
Lexicon = Mapping[str, Sequence[float]]
LEXICON_ROLES = ("cue", "src", "con")


def _lexicon_bucket(share: float) -> str:
    # coarse bins keep the feature dense: a handful of weights that generalise across words
    if share == 0:
        return "0"
    return "lt05" if share < 0.05 else ("lt20" if share < 0.2 else ("lt50" if share < 0.5 else "hi"))


def _lexicon_features(lower: str, lexicon: Lexicon, prefix: str) -> list[str]:
    shares = lexicon.get(lower)
    if shares is None:
        return [f"{prefix}lex=unk"]
    return [f"{prefix}lex_{role}={_lexicon_bucket(share)}" for role, share in zip(LEXICON_ROLES, shares, strict=True)]


def article_features(
    text: str, lexicon: Lexicon | None = None, *, sentence_starts: Sequence[int] | None = None
) -> tuple[list[Token], list[list[str]]]:
    """Tokenize ``text`` and describe each token as a list of ``name=value`` feature strings.

    ``lexicon`` (from PolNeAR train, see :func:`spinscope.train.quotes.build_lexicon`) adds how often
    the word and its neighbours play each role; ``sentence_starts`` are the segment stage's sentences
    (:func:`~spinscope.quotes.tokens.tokenize`).
    """
    tokens = tokenize(text, sentence_starts)
    words = [text[t.start : t.end] for t in tokens]
    lowers = [w.lower() for w in words]
    inside = [False] * len(tokens)
    quotations = find_quotations(text)
    q = 0
    for i, token in enumerate(tokens):
        while q < len(quotations) and quotations[q][1] <= token.start:
            q += 1
        inside[i] = q < len(quotations) and quotations[q][0] < token.start < quotations[q][1] - 1
    first_cue: dict[int, int] = {}
    quote_in_sentence: set[int] = set()
    cue_positions: list[int] = []
    for i, (token, lower) in enumerate(zip(tokens, lowers, strict=True)):
        if lower in CUE_WORDS and not inside[i]:
            first_cue.setdefault(token.sentence, i)
            cue_positions.append(i)
        if inside[i]:
            quote_in_sentence.add(token.sentence)
    next_cue = _distances(len(tokens), cue_positions, tokens, forward=True)
    prev_cue = _distances(len(tokens), cue_positions, tokens, forward=False)
    shapes = [_shape(w) for w in words]
    cue_flags = [lower in CUE_WORDS for lower in lowers]
    features = []
    last = len(tokens) - 1
    window = (-3, -2, -1, 1, 2, 3)
    for i, token in enumerate(tokens):
        word, lower, shape = words[i], lowers[i], shapes[i]
        cue_at = first_cue.get(token.sentence)
        side = "none" if cue_at is None else ("before" if i < cue_at else ("at" if i == cue_at else "after"))
        feats = [
            "bias",
            "w=" + lower,
            "shape=" + shape,
            "suf3=" + lower[-3:],
            "quote=" + _quote_mark(word),
            f"in_quote={inside[i]}",
            f"cue_word={cue_flags[i]}",
            f"speaker_word={lower in SPEAKER_WORDS}",
            "cue_side=" + side,
            f"sent_quote={token.sentence in quote_in_sentence}",
            "sent_cue=" + ("" if cue_at is None else lowers[cue_at]),
            "next_cue=" + next_cue[i],
            "prev_cue=" + prev_cue[i],
            f"next_cue={next_cue[i]}|shape={shape}",
        ]
        if i == 0 or tokens[i - 1].sentence != token.sentence:
            feats.append("sent_start")
        if i == last or tokens[i + 1].sentence != token.sentence:
            feats.append("sent_end")
        if i == 0 or "\n" in text[tokens[i - 1].end : token.start]:
            feats.append("par_start")
        for offset in window:
            j = i + offset
            if 0 <= j <= last:
                feats.append(f"w{offset:+d}={lowers[j]}")
                if offset in (-1, 1):
                    feats.append(f"in_quote{offset:+d}={inside[j]}")
                    feats.append(f"cue_word{offset:+d}={cue_flags[j]}")
                    feats.append(f"shape{offset:+d}={shapes[j]}")
            else:
                feats.append(f"w{offset:+d}=<edge>")
        if i > 0:
            feats.append(f"bigram-1={lowers[i - 1]}|{lower}")
        if i < last:
            feats.append(f"bigram+1={lower}|{lowers[i + 1]}")
        if lexicon is not None:
            feats.extend(_lexicon_features(lower, lexicon, ""))
            if i > 0:
                feats.extend(_lexicon_features(lowers[i - 1], lexicon, "-1"))
            if i < last:
                feats.extend(_lexicon_features(lowers[i + 1], lexicon, "+1"))
        features.append(feats)
    return tokens, features
