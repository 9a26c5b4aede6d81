"""A fine-tuned MiniLM role tagger (ONNX, int8) whose token probabilities are mixed with the CRF's.

The CRF sees a few words around each token; the network reads 254 word pieces at once, so it finds
cues and contents that only the wider sentence reveals ("Trump attacked Clinton for ..."). The tags
are the best BIO-valid path over the mixed probabilities (see :func:`combine`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from spinscope.encoder.session import onnx_session, softmax, special_ids
from spinscope.encoder.windows import load_tokenizer, window_inputs, windows
from spinscope.errors import ModelError
from spinscope.progress import report
from spinscope.quotes.tagger import ROLES
from spinscope.quotes.tokens import Token

#: Tag order of the network's outputs and of :meth:`AttributionTagger.tag_probabilities`.
TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
NETWORK_FILE = "roles.onnx"
NETWORK_CONFIG_FILE = "roles.json"
TOKENIZER_FILE = "tokenizer.json"
NETWORK_VERSION = "1"
#: Windows per onnxruntime call (bounds memory on long articles).
BATCH_WINDOWS = 8


def write_network_config(
    output: Path, *, crf_weight: float, recover_floor: dict[str, float], meta: dict[str, Any]
) -> None:
    """``roles.json``: version, tags, mix weight, recovery floors and how the network was trained."""
    config = {
        "version": NETWORK_VERSION,
        "tags": list(TAGS),
        "crf_weight": crf_weight,
        "recover_floor": recover_floor,
        **meta,
    }
    (output / NETWORK_CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def piece_ids(tokenizer: Any, text: str, tokens: Sequence[Token]) -> tuple[np.ndarray, np.ndarray]:
    """Word-piece ids of ``tokens`` and, for each token, the index of its first piece (-1: no piece)."""
    first_piece = np.full(len(tokens), -1, dtype=np.int64)
    if not tokens:
        return np.zeros(0, dtype=np.int64), first_piece
    words = [text[t.start : t.end] for t in tokens]
    encoded = tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False)
    for piece, word in enumerate(encoded.word_ids):
        if word is not None and first_piece[word] < 0:
            first_piece[word] = piece
    return np.asarray(encoded.ids, dtype=np.int64), first_piece


class RoleNetwork:
    """Per-token role probabilities from the exported network.

    ``crf_weight`` is the CRF's share in the mix; ``recover_floor`` replaces
    :data:`~spinscope.quotes.relations.RECOVER_ROLE_FLOOR` for the mixed probabilities.
    """

    def __init__(
        self,
        session: Any,
        tokenizer: Any,
        *,
        crf_weight: float,
        recover_floor: dict[str, float],
        cls_id: int,
        sep_id: int,
        directory: Path | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        #: Where the network was read from (its ``roles.onnx`` and ``tokenizer.json``, for :meth:`to_disk`).
        self.directory = directory
        #: How the network was trained (the rest of ``roles.json``), kept when it is written again.
        self.meta = dict(meta or {})
        self.session = session
        self.tokenizer = tokenizer
        self.crf_weight = crf_weight
        self.recover_floor = recover_floor
        self.cls_id = cls_id
        self.sep_id = sep_id

    def to_disk(self, path: Path) -> None:
        """Write ``roles.onnx``, ``tokenizer.json`` and ``roles.json`` to ``path`` (:meth:`from_disk` reads them).

        Raises:
            ModelError: the network was not read from a directory that still holds its files.
        """
        if self.directory is None:
            raise ModelError("nothing to save: this role network was not read from a directory")
        path.mkdir(parents=True, exist_ok=True)
        for name in (NETWORK_FILE, TOKENIZER_FILE):
            source = self.directory / name
            if not source.is_file():
                raise ModelError(f"{source}: missing; cannot write the role network to {path}")
            if source.resolve() != (path / name).resolve():
                shutil.copyfile(source, path / name)
        write_network_config(path, crf_weight=self.crf_weight, recover_floor=self.recover_floor, meta=self.meta)

    @classmethod
    def from_disk(cls, directory: Path, *, threads: int | None = None) -> RoleNetwork:
        """Load ``roles.onnx``, ``roles.json`` and ``tokenizer.json`` from ``directory``.

        Raises:
            ModelError: a file is missing or unreadable, or the version differs.
        """
        paths = [directory / name for name in (NETWORK_FILE, NETWORK_CONFIG_FILE, TOKENIZER_FILE)]
        missing = [p.name for p in paths if not p.is_file()]
        if missing:
            raise ModelError(f"role network not found in {directory}: missing {', '.join(missing)}")
        try:
            config = json.loads(paths[1].read_text(encoding="utf-8"))
            if str(config.get("version")) != NETWORK_VERSION:
                raise ModelError(f"{paths[1]}: version {config.get('version')!r}, expected {NETWORK_VERSION}")
            recover_floor = {role: float(config["recover_floor"][role]) for role in ROLES}
            crf_weight = float(config["crf_weight"])
            session = onnx_session(paths[0], threads=threads)
            tokenizer = load_tokenizer(paths[2])
        except ModelError:
            raise
        except Exception as e:  # onnxruntime and tokenizers raise their own types for bad files
            raise ModelError(f"{directory}: unreadable role network: {e}") from e
        cls_id, sep_id = special_ids(tokenizer, paths[2])
        meta = {
            key: value for key, value in config.items() if key not in ("version", "tags", "crf_weight", "recover_floor")
        }
        return cls(
            session,
            tokenizer,
            crf_weight=crf_weight,
            recover_floor=recover_floor,
            directory=directory,
            meta=meta,
            cls_id=cls_id,
            sep_id=sep_id,
        )

    def probabilities(self, text: str, tokens: Sequence[Token]) -> np.ndarray:
        """(tokens, len(TAGS)) tag probabilities; a token is read at its first word piece.

        The article is read in the technique model's windows (:func:`~spinscope.encoder.windows.windows`);
        pieces seen by two windows get the mean.
        """
        ids, first_piece = piece_ids(self.tokenizer, text, tokens)
        n = len(ids)
        sums = np.zeros((n, len(TAGS)), dtype=np.float64)
        counts = np.zeros(n, dtype=np.float64)
        spans = windows(n) if n else []
        for batch_start in range(0, len(spans), BATCH_WINDOWS):
            report("quotes", batch_start, len(spans))
            batch = spans[batch_start : batch_start + BATCH_WINDOWS]
            input_ids, mask = window_inputs(ids, batch, cls_id=self.cls_id, sep_id=self.sep_id)
            probs = softmax(self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0])
            for row, window in enumerate(batch):
                sums[window.start : window.end] += probs[row, 1 : window.end - window.start + 1]
                counts[window.start : window.end] += 1
        if spans:
            report("quotes", len(spans), len(spans))
        piece_probs = sums / np.maximum(counts, 1)[:, None]
        out = np.zeros((len(tokens), len(TAGS)), dtype=np.float64)
        out[:, 0] = 1.0  # a token without word pieces (none in practice) stays outside
        has_piece = first_piece >= 0
        out[has_piece] = piece_probs[first_piece[has_piece]]
        return out


def _allowed_transitions() -> np.ndarray:
    """``allowed[a, b]``: tag ``b`` may follow tag ``a`` (``I-X`` only after ``B-X`` or ``I-X``)."""
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for b, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            allowed[:, b] = [other[2:] == tag[2:] for other in TAGS]
    return allowed


_ALLOWED = _allowed_transitions()


def decode(probs: np.ndarray) -> list[str]:
    """The BIO-valid tag sequence with the highest sum of log probabilities (Viterbi).

    Taking each token's best tag instead leaves one-word flickers ("the", a lone quote mark) as
    roles and small gaps inside a content.
    """
    n = len(probs)
    if n == 0:
        return []
    scores = np.log(np.clip(probs, 1e-12, None))
    transition = np.where(_ALLOWED, 0.0, -np.inf)
    best = np.where(_ALLOWED[TAGS.index("O")], scores[0], -np.inf)  # a text starts as if after O
    back = np.zeros((n, len(TAGS)), dtype=np.int64)
    for i in range(1, n):
        candidates = best[:, None] + transition
        back[i] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[i]
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return [TAGS[k] for k in reversed(path)]


def combine(crf: np.ndarray, network: np.ndarray, crf_weight: float) -> tuple[list[str], list[dict[str, float]]]:
    """Tags from the weighted mean of CRF marginals and network probabilities (both ``(tokens, TAGS)``).

    Tags come from :func:`decode`; every token also gets each role's probability (B + I): for tokens left
    outside, :func:`~spinscope.quotes.relations.recover_roles` reads them, and a relation's confidence is
    read from its tokens' (:mod:`spinscope.quotes.confidence`).
    """
    mixed = crf_weight * crf + (1.0 - crf_weight) * network
    tags = decode(mixed)
    role_columns = {role: (TAGS.index(f"B-{role}"), TAGS.index(f"I-{role}")) for role in ROLES}
    marginals = [{role: float(row[b] + row[i]) for role, (b, i) in role_columns.items()} for row in mixed]
    return tags, marginals
