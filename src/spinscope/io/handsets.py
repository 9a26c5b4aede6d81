"""The file format of the hand-built evaluation sets (``evaluate/sets/*.json``): a JSON object with an
``items`` list whose entries name a PolNeAR article and give character offsets as ``{"start", "end"}``.

What an item means (a speaker, a relay) is the scorer's business (:mod:`spinscope.evaluate.speakers`,
:mod:`spinscope.evaluate.relays`); this module only reads the file and checks offsets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spinscope.errors import FormatError

Offsets = tuple[int, int]


def load_set_file(path: Path) -> dict[str, Any]:
    """A set file's JSON: a dict with an ``items`` list.

    Raises:
        FormatError: not JSON, or no ``items`` list.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise FormatError(str(path), f"cannot read the evaluation set: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FormatError(str(path), "an evaluation set is a JSON object with an 'items' list")
    return data


def offsets(value: Any, source: str) -> Offsets:
    """``{"start": s, "end": e}`` as a pair, checked.

    Raises:
        FormatError: missing keys or ``end < start``.
    """
    try:
        start, end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError) as e:
        raise FormatError(source, f"bad offsets {value!r}") from e
    if end < start or start < 0:
        raise FormatError(source, f"bad offsets {value!r}")
    return start, end
