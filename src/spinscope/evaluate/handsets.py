"""What the hand-built PolNeAR dev sets share: where they live, how predictions are made and compared.

The sets (``sets/*.json``, protocol in ``sets/README.md``) hold ids and character offsets into
PolNeAR **dev** articles, never article text beyond the few words each offset pair covers (so a
reader can check that an offset still points where it should). Their file format is read by
:mod:`spinscope.io.handsets` (``load_set_file`` and ``offsets`` are re-exported here).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from spinscope.errors import FormatError
from spinscope.evaluate.analysed import Annotate, analysed
from spinscope.io.handsets import Offsets, load_set_file, offsets
from spinscope.io.polnear import read_polnear
from spinscope.model import Article, Layer, Span
from spinscope.settings import Settings

SETS_PACKAGE = "spinscope.evaluate"
#: The split every hand-built set is drawn from (PolNeAR test stays unseen).
SPLIT = "dev"


def shipped_set(filename: str) -> Path:
    """The path of a set shipped in the package (``sets/<filename>``)."""
    return Path(str(resources.files(SETS_PACKAGE).joinpath("sets", filename)))


def overlap(a: Offsets, b: Offsets) -> int:
    """How many characters two spans share (0 when they do not overlap)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_offsets(value: Any) -> Offsets | None:
    """Offsets of an attrs entry written as ``{"start", "end"}`` (or None when absent or malformed)."""
    if not isinstance(value, dict):
        return None
    try:
        return int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        return None


def dev_articles(data_dir: Path, names: Iterable[str]) -> dict[str, Article]:
    """The PolNeAR dev articles a set refers to (with their gold layers), by name.

    Raises:
        DataNotFoundError: PolNeAR or its dev split is missing.
        FormatError: an article of the set is not in PolNeAR dev.
    """
    wanted = set(names)
    found = {a.id: a for a in read_polnear(data_dir, SPLIT) if a.id in wanted}
    missing = sorted(wanted - set(found))
    if missing:
        raise FormatError("evaluation set", f"{len(missing)} article(s) not in PolNeAR {SPLIT}: {missing[0]} ...")
    return found


def predicted_attributions(articles: dict[str, Article], annotate: Annotate) -> tuple[dict[str, list[Span]], float]:
    """The ``attributions`` layer ``annotate`` gives each article (by name; its text read afresh through the
    segment stage, :func:`~spinscope.evaluate.analysed.analysed`), and the seconds it took."""
    spans: dict[str, list[Span]] = {}
    started = time.perf_counter()
    for name, gold in articles.items():
        spans[name] = analysed(gold, annotate).spans(Layer.ATTRIBUTIONS)
    return spans, time.perf_counter() - started


def evaluate_set(
    task: str,
    items: Sequence[Any],
    score: Callable[[Sequence[Any], dict[str, list[Span]]], dict[str, Any]],
    data_dir: Path,
    *,
    annotate: Annotate | None,
    set_name: str,
) -> dict[str, Any]:
    """Run attribution on the PolNeAR dev articles of a set's ``items`` and ``score`` them.

    Returns the result dict every hand-set task prints: task, corpus, split, set, articles, seconds, scores.

    Raises:
        DataNotFoundError: PolNeAR dev is missing.
        FormatError: the set names an article not in PolNeAR dev.
    """
    articles = dev_articles(data_dir, (item.article for item in items))
    predicted, seconds = predicted_attributions(articles, annotate or default_annotate())
    return {
        "task": task,
        "corpus": "PolNeAR",
        "split": SPLIT,
        "set": set_name,
        "articles": len(articles),
        "seconds": round(seconds, 3),
        "scores": score(items, predicted),
    }


def default_annotate() -> Annotate:
    """The shipped attributor's ``annotate`` (CRF and role network), as the ``quotes`` stage runs it; loads it."""
    from spinscope.quotes import load_attributor

    return load_attributor(Settings()).annotate


def ratio(part: int, whole: int) -> float:
    """``part / whole`` rounded to four places; 0.0 for an empty whole."""
    return round(part / whole, 4) if whole else 0.0


__all__ = [
    "SPLIT",
    "Annotate",
    "Offsets",
    "default_annotate",
    "dev_articles",
    "evaluate_set",
    "load_set_file",
    "offsets",
    "overlap",
    "predicted_attributions",
    "ratio",
    "shipped_set",
    "span_offsets",
]
