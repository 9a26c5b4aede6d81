"""Readers for PTC / SemEval folders: ``article<ID>.txt`` files plus gold span labels.

Handles the layouts of SemEval-2020 Task 11 (``train-articles/`` with
``train-labels-task-flc-tc/`` or a joined ``*.labels`` file), SemEval-2023 Task 3
(``train-articles-subtask-3/`` with ``train-labels-subtask-3-spans/``) and the EMNLP-2019
release (``article<ID>.txt`` beside ``article<ID>.labels.tsv``). Labels become spans in the
``gold_techniques`` layer; SI-only labels (``id start end``) get an empty label. Label rows
(:data:`LabelRow`) exist only at this file boundary: :func:`add_gold_layer` puts a second labels file
(an SI gold file) on articles already read, and :func:`label_rows` turns a gold layer back into the
rows a labels file holds (what the official scorers of :mod:`spinscope.evaluate.semeval` take);
:func:`spans_by_article`, :func:`span_rows` and :func:`in_template_order` do the same for spans that are
not (yet) on an article: a TC template read to be labelled, the predictions written as a submission.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from spinscope.errors import EncodingError, FormatError, InputNotFoundError, NotAFileError
from spinscope.model import Article, Layer, Span

_ARTICLE_FILE = re.compile(r"^article(?P<id>\d+)\.txt$")
#: The SemEval-2020 release's list of the 14 technique labels, one per line (in the corpus folder).
TECHNIQUES_FILE = "propaganda-techniques-names-semeval2020task11.txt"

#: A gold or predicted label: (article id, technique or "" for SI, start, end).
LabelRow = tuple[str, str, int, int]


def read_labels(path: Path) -> list[LabelRow]:
    """Read a SemEval labels file (TC ``id tech start end``, SI ``id start end``, or a TC template).

    Raises:
        FormatError: a line has the wrong number of fields or non-integer offsets.
    """
    rows: list[LabelRow] = []
    text = read_utf8(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        try:
            if len(fields) == 4:
                article_id, technique, start, end = fields
            elif len(fields) == 3:
                article_id, start, end = fields
                technique = ""
            else:
                raise ValueError(f"expected 3 or 4 tab-separated fields, got {len(fields)}")
            rows.append((article_id.strip(), "" if technique == "?" else technique.strip(), int(start), int(end)))
        except ValueError as e:
            raise FormatError(str(path), f"line {number}: {e}") from e
    return rows


def read_technique_names(path: Path) -> list[str]:
    """The technique labels of a release's names file (:data:`TECHNIQUES_FILE`), in file order, blank lines skipped.

    Raises:
        InputNotFoundError, EncodingError: the file is missing or not UTF-8.
    """
    return [line.strip() for line in read_utf8(path).splitlines() if line.strip()]


def read_utf8(path: Path) -> str:
    """A corpus file's text, newlines as Python's text mode reads them (the corpora's offsets count so).

    Raises:
        EncodingError: the file is not UTF-8.
    """
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputNotFoundError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise NotAFileError(str(path), "is a folder, expected a file") from e
    except UnicodeDecodeError as e:
        raise EncodingError(str(path), f"is not valid UTF-8: byte offset {e.start} ({e.reason})") from e


def read_label_rows(path: Path | str) -> list[LabelRow]:
    """Read SemEval span labels from a joined file or a folder of per-article label files.

    Raises:
        InputNotFoundError: the path does not exist.
        FormatError: a line is malformed.
    """
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(str(path), "no such labels file or folder")
    if not path.is_dir():
        return read_labels(path)
    rows: list[LabelRow] = []
    for file in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
        rows.extend(read_labels(file))
    return rows


def _labels_for(articles_dir: Path) -> list[Path]:
    """Guess the label files that belong to an articles folder, by the corpora's naming."""
    name, parent = articles_dir.name, articles_dir.parent
    candidates: list[Path] = []
    if name.endswith("-articles"):  # SemEval-2020: train-articles -> train-labels-task-flc-tc/
        split = name.removesuffix("-articles")
        candidates = [parent / f"{split}-labels-task-flc-tc", parent / f"{split}-labels-task-si"]
    elif name.endswith("-articles-subtask-3"):  # SemEval-2023
        split = name.removesuffix("-articles-subtask-3")
        candidates = [parent / f"{split}-labels-subtask-3-spans"]
    for candidate in candidates:
        if candidate.is_dir():
            return sorted(candidate.iterdir())
    return sorted(articles_dir.glob("article*.labels.tsv"))  # EMNLP-2019: labels beside the texts


def read_ptc(articles_dir: Path | str, labels: Path | str | None = None) -> Iterator[Article]:
    """Yield the articles of a PTC/SemEval folder, sorted by id, with gold spans where labels exist.

    Args:
        articles_dir: the folder of ``article<ID>.txt`` files.
        labels: a joined labels file or a folder of per-article label files; ``None`` looks for
            the corpus's usual label folder next to ``articles_dir`` (no labels found: no gold layer).

    Raises:
        InputNotFoundError, NotAFileError: ``articles_dir`` is missing or not a folder.
        FormatError: a labels file is malformed.

    A gold span that falls outside its article (one in the EMNLP-2019 train split does) is
    left out and counted in ``article.meta["gold_out_of_range"]``.
    """
    articles_dir = Path(articles_dir)
    if not articles_dir.exists():
        raise InputNotFoundError(str(articles_dir), "no such folder")
    if not articles_dir.is_dir():
        raise NotAFileError(str(articles_dir), "expected a folder of article<ID>.txt files")
    if labels is None:
        label_files = _labels_for(articles_dir)
        rows = [row for label_file in label_files for row in read_labels(label_file)]
        has_gold = bool(label_files)
    else:
        rows, has_gold = read_label_rows(labels), True
    gold = _rows_by_article(rows)
    files = [(m.group("id"), p) for p in articles_dir.iterdir() if (m := _ARTICLE_FILE.match(p.name))]
    for article_id, path in sorted(files, key=lambda item: (len(item[0]), item[0])):
        text = read_utf8(path)
        article = Article(text, id=article_id, title=text.split("\n", 1)[0].strip() or None, meta={"path": str(path)})
        if has_gold:
            _set_gold(article, gold.get(article_id, []), Layer.GOLD_TECHNIQUES)
        yield article


def _rows_by_article(rows: Iterable[LabelRow]) -> dict[str, list[LabelRow]]:
    gold: dict[str, list[LabelRow]] = defaultdict(list)
    for row in rows:
        gold[row[0]].append(row)
    return gold


def _set_gold(article: Article, rows: Sequence[LabelRow], layer: str) -> None:
    """``rows`` of one article as its ``layer``; a span outside the text is counted, not kept."""
    spans = []
    for _, technique, start, end in rows:
        if 0 <= start <= end <= len(article.text):
            spans.append(Span(start, end, label=technique))
        else:
            article.meta["gold_out_of_range"] = article.meta.get("gold_out_of_range", 0) + 1
    article.set_layer(layer, spans)


def add_gold_layer(articles: Sequence[Article], labels: Path | str, layer: str) -> int:
    """Put the rows of a labels file or folder on ``articles`` (by id) as ``layer``; return the rows left over.

    Articles without rows get an empty layer; rows of an article not among ``articles`` are counted
    in the returned number (0 when the file matches the articles). Spans outside their article are
    counted in ``article.meta["gold_out_of_range"]``, as :func:`read_ptc` does.

    Raises:
        InputNotFoundError: ``labels`` does not exist.
        FormatError: a line is malformed.
    """
    gold = _rows_by_article(read_label_rows(labels))
    for article in articles:
        _set_gold(article, gold.pop(article.id, []), layer)
    return sum(len(rows) for rows in gold.values())


def label_rows(articles: Iterable[Article], layer: str = Layer.GOLD_TECHNIQUES) -> list[LabelRow]:
    """The ``(id, technique, start, end)`` rows of a span layer of ``articles``, in article then offset order."""
    return [
        (article.id or "", span.label, span.start, span.end) for article in articles for span in article.spans(layer)
    ]


def spans_by_article(rows: Iterable[LabelRow]) -> dict[str, list[Span]]:
    """The spans of label rows per article id, in row order (articles in order of first appearance)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for article_id, technique, start, end in rows:
        spans[article_id].append(Span(start, end, label=technique))
    return dict(spans)


def span_rows(spans: Mapping[str, Iterable[Span]]) -> list[LabelRow]:
    """The ``(id, technique, start, end)`` rows of spans per article id, in article then given order."""
    return [(article_id, span.label, span.start, span.end) for article_id, found in spans.items() for span in found]


def in_template_order(template: Iterable[LabelRow], labelled: Mapping[str, Sequence[Span]]) -> list[LabelRow]:
    """The rows of ``labelled`` (each article's template spans, labelled, in template order) in the order of
    the template's rows, as a TC submission lists them.

    Raises:
        FormatError: ``labelled`` lacks a span the template lists.
    """
    queues = {article_id: iter(spans) for article_id, spans in labelled.items()}
    rows = []
    for article_id, _, start, end in template:
        span = next(queues.get(article_id, iter(())), None)
        if span is None or (span.start, span.end) != (start, end):
            raise FormatError("template", f"no labelled span for row {article_id} {start} {end}")
        rows.append((article_id, span.label, start, end))
    return rows
