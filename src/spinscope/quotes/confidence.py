"""How sure the role model is of a relation, and dropping the relations it is unsure of.

A relation's confidence is the least, over the roles it has (content, cue, source), of the mean
probability the role model (CRF mixed with the role network) gives that role on the role's tokens.
A relation the model found is kept only when its confidence reaches :data:`MIN_RELATION_CONFIDENCE`;
relations found by rule, and every relation when no role network is loaded (``--fast-quotes``: the
CRF alone gives probabilities only for tokens outside every role), carry no confidence and stay.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from spinscope.quotes.relations import Offsets, Relation
from spinscope.quotes.tokens import Token

#: The confidence a model relation needs to be shown. Chosen on PolNeAR dev (0.30, 0.35, 0.40, 0.45 tried,
#: and scores from fewer roles): at 0.30, 36 of 1,998 relations go; relation precision 0.837 -> 0.847,
#: recall 0.766 -> 0.761, F1 0.800 -> 0.802; exact source F1 0.783 -> 0.788; source F1 +0.002, content
#: F1 -0.003, cue F1 -0.002. Higher floors buy more precision with more of every recall.
MIN_RELATION_CONFIDENCE = 0.30

RoleProbabilities = Sequence[Mapping[str, float]]


def _mean_on(
    role: str,
    parts: Sequence[Offsets],
    tokens: Sequence[Token],
    starts: Sequence[int],
    probabilities: RoleProbabilities,
) -> float | None:
    """The mean probability of ``role`` over the tokens inside ``parts``; None when no token is inside."""
    values: list[float] = []
    for start, end in parts:
        k = bisect_left(starts, start)
        while k < len(tokens) and tokens[k].end <= end:
            values.append(probabilities[k][role])
            k += 1
    return sum(values) / len(values) if values else None


def relation_confidence(
    relation: Relation,
    tokens: Sequence[Token],
    probabilities: RoleProbabilities,
    *,
    starts: Sequence[int] | None = None,
) -> float | None:
    """The least mean role probability over the roles ``relation`` has (see the module docstring); None when
    none of its roles covers a token. ``starts``: the tokens' start offsets, when the caller has them."""
    starts = [token.start for token in tokens] if starts is None else starts
    roles: list[tuple[str, Sequence[Offsets]]] = [("CON", relation.content)]
    if relation.cue is not None:
        roles.append(("CUE", [relation.cue]))
    if relation.source is not None:
        roles.append(("SRC", [relation.source]))
    means = [m for role, parts in roles if (m := _mean_on(role, parts, tokens, starts, probabilities)) is not None]
    return min(means) if means else None


def drop_unsure(
    relations: Sequence[Relation], tokens: Sequence[Token], probabilities: RoleProbabilities
) -> list[Relation]:
    """``relations`` with each model relation's :attr:`~Relation.confidence` set, without those under
    :data:`MIN_RELATION_CONFIDENCE`."""
    starts = [token.start for token in tokens]
    kept = []
    for relation in relations:
        if relation.origin == "model":
            relation.confidence = relation_confidence(relation, tokens, probabilities, starts=starts)
            if relation.confidence is not None and relation.confidence < MIN_RELATION_CONFIDENCE:
                continue
        kept.append(relation)
    return kept
