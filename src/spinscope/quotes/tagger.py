"""A linear-chain CRF that tags each token as source, cue or content of an attribution (BIO tags)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from spinscope.errors import ModelError
from spinscope.quotes.features import article_features
from spinscope.quotes.tokens import Token

ROLES = ("SRC", "CUE", "CON")
MODEL_FILE = "attribution.crfsuite"
CONFIG_FILE = "attribution.json"
LEXICON_FILE = "lexicon.json"
MODEL_VERSION = "1"


class AttributionTagger:
    """CRF over token features; hyper-parameters in ``__init__``, learned model in ``model_path_``.

    Fitting is :func:`spinscope.train.quotes.fit_tagger`; this class tags and saves.
    """

    def __init__(
        self,
        *,
        c1: float = 0.1,
        c2: float = 0.01,
        max_iterations: int = 200,
        min_feature_count: int = 2,
        use_lexicon: bool = False,
        seed: int = 0,
    ) -> None:
        self.c1 = c1
        self.use_lexicon = use_lexicon
        self.min_feature_count = min_feature_count
        self.c2 = c2
        self.max_iterations = max_iterations
        # L-BFGS training in CRFsuite is deterministic; the seed is kept so runs record it.
        self.seed = seed
        self._tagger: pycrfsuite.Tagger | None = None
        self._labels: frozenset[str] = frozenset()
        self.model_path_: Path | None = None
        self.lexicon_: dict[str, list[float]] | None = None

    def use_trained(self, model_file: Path, lexicon: dict[str, list[float]] | None) -> AttributionTagger:
        """Adopt a CRFsuite model file trained with these hyper-parameters, and its role lexicon.

        Training lives in :func:`spinscope.train.quotes.fit_tagger`, which calls this.
        """
        self.lexicon_ = lexicon
        self._open(model_file)
        return self

    def _open(self, path: Path) -> None:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        self._tagger = tagger
        self._labels = frozenset(tagger.labels())
        self.model_path_ = path

    def _loaded(self) -> pycrfsuite.Tagger:
        if self._tagger is None:
            raise ModelError(
                "the attribution tagger is not trained or loaded: use train.quotes.fit_tagger or from_disk()"
            )
        return self._tagger

    def tag(self, text: str, *, sentence_starts: Sequence[int] | None = None) -> tuple[list[Token], list[str]]:
        """Tokens of ``text`` and their predicted BIO tags (``sentence_starts``: the segment stage's sentences)."""
        tagger = self._loaded()
        tokens, features = article_features(text, self.lexicon_, sentence_starts=sentence_starts)
        if not tokens:
            return tokens, []
        return tokens, list(tagger.tag(features))

    def tag_marginals(
        self, text: str, *, sentence_starts: Sequence[int] | None = None
    ) -> tuple[list[Token], list[str], list[dict[str, float]]]:
        """Tokens, Viterbi tags, and for each ``O`` token the probability of each role (B- and I- summed)."""
        tokens, tags = self.tag(text, sentence_starts=sentence_starts)
        assert self._tagger is not None
        marginal = self._tagger.marginal
        pairs = [(role, [f"{p}-{role}" for p in "BI" if f"{p}-{role}" in self._labels]) for role in ROLES]
        # only tokens outside every role need them (see relations.recover_roles); the rest stay empty
        marginals = [
            {role: sum(marginal(label, i) for label in labels) for role, labels in pairs} if tag == "O" else {}
            for i, tag in enumerate(tags)
        ]
        return tokens, tags, marginals

    def tag_probabilities(
        self, text: str, tags: Sequence[str], *, sentence_starts: Sequence[int] | None = None
    ) -> tuple[list[Token], np.ndarray]:
        """Tokens and their marginal probability of each tag, ``(tokens, len(tags))`` in ``tags`` order."""
        tagger = self._loaded()
        tokens, features = article_features(text, self.lexicon_, sentence_starts=sentence_starts)
        probs = np.zeros((len(tokens), len(tags)), dtype=np.float64)
        if not tokens:
            return tokens, probs
        tagger.set(features)  # marginals need the instance, not a Viterbi path
        marginal = tagger.marginal
        for column, label in enumerate(tags):
            if label in self._labels:
                probs[:, column] = [marginal(label, i) for i in range(len(tokens))]
        return tokens, probs

    def config(self) -> dict[str, Any]:
        return {
            "version": MODEL_VERSION,
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.max_iterations,
            "min_feature_count": self.min_feature_count,
            "use_lexicon": self.use_lexicon,
            "seed": self.seed,
        }

    def to_disk(self, directory: Path) -> None:
        """Write the CRFsuite model file and a JSON config to ``directory``."""
        if self.model_path_ is None:
            raise ModelError("nothing to save: the attribution tagger is not trained")
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / MODEL_FILE
        if self.model_path_.resolve() != target.resolve():
            target.write_bytes(self.model_path_.read_bytes())
        (directory / CONFIG_FILE).write_text(json.dumps(self.config(), indent=2) + "\n", encoding="utf-8")
        if self.lexicon_ is not None:
            (directory / LEXICON_FILE).write_text(
                json.dumps(self.lexicon_, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
            )

    @classmethod
    def from_disk(cls, directory: Path) -> AttributionTagger:
        """Load a tagger written by :meth:`to_disk`.

        Raises:
            ModelError: the directory lacks the model or config, or the version differs.
        """
        model, config_path = directory / MODEL_FILE, directory / CONFIG_FILE
        if not model.is_file() or not config_path.is_file():
            raise ModelError(f"attribution model not found in {directory}: expected {MODEL_FILE} and {CONFIG_FILE}")
        try:
            config = json.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"{config_path}: unreadable attribution config: {e}") from e
        if str(config.get("version")) != MODEL_VERSION:
            raise ModelError(f"{config_path}: model version {config.get('version')!r}, expected {MODEL_VERSION}")
        tagger = cls(
            c1=float(config["c1"]),
            c2=float(config["c2"]),
            max_iterations=int(config["max_iterations"]),
            min_feature_count=int(config.get("min_feature_count", 1)),
            use_lexicon=bool(config.get("use_lexicon", False)),
            seed=int(config["seed"]),
        )
        if tagger.use_lexicon:
            tagger.lexicon_ = _read_table(directory / LEXICON_FILE)
        tagger._open(model)
        return tagger


def _read_table(path: Path) -> Any:
    """A JSON side table of the model (the role lexicon).

    Raises:
        ModelError: the file is missing or unreadable.
    """
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: unreadable model table: {e}") from e
