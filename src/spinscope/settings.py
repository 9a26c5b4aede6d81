"""One frozen options object, built once (from CLI flags, config or keywords) and passed along."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: Environment variable that overrides where training/evaluation corpora are read from.
DATA_DIR_ENV = "SPINSCOPE_DATA_DIR"
#: Input bytes allowed per character of article text: an HTML page carries markup, scripts and
#: navigation around its text (news pages run 5-10 bytes of HTML per character of extracted text).
BYTES_PER_CHAR = 10
#: How the faces name technique findings (:attr:`Settings.taxonomy`): the shipped model's SemEval-2020 labels
#: (the default), the same findings named in SemEval-2023 through the documented mapping, or both.
SEMEVAL2020, SEMEVAL2023, BOTH = "semeval2020", "semeval2023", "both"
TAXONOMY_CHOICES: tuple[str, ...] = (SEMEVAL2020, SEMEVAL2023, BOTH)


def default_data_dir() -> Path:
    """``$SPINSCOPE_DATA_DIR`` if set, else ``../shared/data`` relative to the working directory."""
    return Path(os.environ.get(DATA_DIR_ENV) or Path("..") / "shared" / "data")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run can be configured with. Build with keywords; change with :meth:`with_`."""

    #: Root of the labelled corpora (PTC, SemEval-2023, PolNeAR, reliability lists).
    data_dir: Path = field(default_factory=default_data_dir)
    #: Technique model directory (``--model``); ``None`` uses the model shipped in the package.
    model_dir: Path | None = None
    #: Quote attribution model directory (``--quotes-model``), as ``spinscope train --task attribution -o DIR``
    #: writes it; ``None`` uses the models shipped in the package.
    quotes_model_dir: Path | None = None
    #: Technique findings shown by every face (terminal, report, page, API, batch views, lint): those whose
    #: calibrated score is at least this; ``None`` uses the technique model's display threshold
    #: (``TechniqueModel.min_score``, chosen at training time on held-out train). Results keep every finding.
    min_score: float | None = None
    #: How every face names the technique findings: ``semeval2020`` (the labels the shipped model predicts),
    #: ``semeval2023`` (the same findings named through the documented 2020 -> 2023 mapping: every
    #: candidate where 2023 split a 2020 class) or ``both``. What is detected never changes.
    taxonomy: str = SEMEVAL2020
    #: Which analysis stages run.
    techniques: bool = True
    quotes: bool = True
    #: ``--fast-quotes``: quote attribution runs the CRF alone, without the role network it mixes in by
    #: default (several times faster, fewer cues and contents found: see docs/quotes.md).
    fast_quotes: bool = False
    outlet: bool = True
    #: Compute threads for model inference in this process (``None``: onnxruntime's default, all cores).
    #: Batch workers set 1 so that N worker processes use N cores without fighting over them.
    threads: int | None = None
    #: The one size limit (CLI, batch and API alike; ``--max-chars`` raises it): articles whose text is
    #: longer than this many characters are refused. 1,000,000 characters is ~150,000 words, 30x the
    #: longest article in the corpora; analysis cost grows linearly with length (docs/reliability.md).
    max_chars: int = 1_000_000
    #: Bytes read from a file, URL, stdin, corpus row or request body before giving up; ``None``
    #: derives it from :attr:`max_chars` (see :attr:`input_byte_limit`).
    max_input_bytes: int | None = None
    #: URL fetching.
    fetch_timeout: float = 10.0
    max_redirects: int = 5
    allow_private_urls: bool = False
    #: Per-document time limit in seconds for batch runs (``None``: no limit).
    time_limit: float | None = 120.0

    def __post_init__(self) -> None:
        check_taxonomy(self.taxonomy)

    @property
    def input_byte_limit(self) -> int:
        """The byte cap of every reader: :attr:`max_input_bytes`, or :data:`BYTES_PER_CHAR` x :attr:`max_chars`."""
        if self.max_input_bytes is not None:
            return self.max_input_bytes
        return BYTES_PER_CHAR * self.max_chars

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)


def check_taxonomy(name: str) -> str:
    """``name`` if it is one of :data:`TAXONOMY_CHOICES`.

    Raises:
        ValueError: it is not; the message names the value and the choices.
    """
    if name not in TAXONOMY_CHOICES:
        raise ValueError(f"unknown taxonomy {name!r}: expected one of {', '.join(TAXONOMY_CHOICES)}")
    return name
