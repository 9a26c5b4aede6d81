"""JSONL and CSV corpora, folders and globs, and the PTC / SemEval folders of ../shared/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spinscope.errors import EmptyInputError, EncodingError, FormatError, InputError, InputNotFoundError, NotAFileError
from spinscope.io import CorpusColumns, is_ptc_folder, iter_corpus, iter_csv, iter_jsonl, read_ptc
from spinscope.model import Article, Layer
from spinscope.settings import Settings

SETTINGS = Settings()
COLUMNS = CorpusColumns(text="body", id="doc", title="headline", outlet="site")


def _articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def test_jsonl_with_configured_columns_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        json.dumps({"doc": "a1", "body": "First story.\nShare this:", "headline": "One", "site": "Beacon"}),
        "",
        "{not json",
        json.dumps({"doc": "a3", "headline": "No body"}),
        json.dumps(["a", "list"]),
        json.dumps({"body": "   "}),
        json.dumps({"body": "Story without an id.", "date": "2031-03-14"}),
    ]
    path.write_bytes(("\n".join(rows) + "\n").encode() + b'{"body": "caf\xe9"}\n')
    items = list(iter_jsonl(path, settings=SETTINGS, columns=COLUMNS))
    articles = _articles(items)
    assert [(a.id, a.text, a.title, a.outlet) for a in articles] == [
        ("a1", "First story.", "One", "Beacon"),
        ("news:7", "Story without an id.", None, None),
    ]
    assert articles[1].date == "2031-03-14"
    assert articles[0].meta["removed_boilerplate"] == ["Share this:"]
    errors = _errors(items)
    assert [type(e) for e in errors] == [FormatError, FormatError, FormatError, EmptyInputError, EncodingError]
    assert [e.source for e in errors] == [f"{path}:{line}" for line in (3, 4, 5, 6, 8)]
    assert "not valid JSON" in errors[0].problem
    assert "'body' is missing" in errors[1].problem
    assert "byte 0xE9" in errors[4].problem


def test_csv_with_configured_columns_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"doc,headline,body,site\n"
        b'c1,One,"First story,\nover two lines.",Beacon\n'
        b'c2,Two,"",Beacon\n'
        b",Three,Third story.,\n"
        b"c4,Four\n"
        b"c5,Five,caf\xe9 story,Beacon\n"
        b"c6,Six,Sixth story.,Beacon\n"
    )
    items = list(iter_csv(path, settings=SETTINGS, columns=COLUMNS))
    articles = _articles(items)
    assert [(a.id, a.text, a.outlet) for a in articles] == [
        ("c1", "First story,\nover two lines.", "Beacon"),
        ("news:5", "Third story.", None),
        ("c6", "Sixth story.", "Beacon"),
    ]
    errors = _errors(items)
    assert [e.source for e in errors] == [f"{path}:{line}" for line in (4, 6, 7)]
    assert isinstance(errors[2], EncodingError)
    assert "fields" in errors[1].problem


def test_csv_without_the_text_column(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("id,content\n1,hello\n", encoding="utf-8")
    [error] = list(iter_csv(path, settings=SETTINGS))
    assert isinstance(error, FormatError)
    assert "no 'text' column" in str(error)


def test_long_csv_field(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = "word " * 60_000
    path.write_text(f'id,text\nlong,"{text}"\n', encoding="utf-8")
    [article] = list(iter_csv(path, settings=SETTINGS))
    assert isinstance(article, Article)
    assert len(article.text) == len(text)


def test_corpus_readers_refuse_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        list(iter_jsonl(tmp_path / "none.jsonl", settings=SETTINGS))
    with pytest.raises(NotAFileError):
        list(iter_csv(tmp_path, settings=SETTINGS))


def _make_folder(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("Story A.\n", encoding="utf-8")
    (root / "b" / "c.html").write_text("<html><body><article><p>Story C is here.</p></article></body></html>")
    (root / "b" / "d.jsonl").write_text('{"text": "Story D."}\n{"text": 5}\n', encoding="utf-8")
    (root / "b" / "e.csv").write_text("text\nStory E.\n", encoding="utf-8")
    (root / "b" / "empty.txt").write_bytes(b"")
    (root / "b" / "notes.md").write_text("# not an article\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    ptc = root / "ptc"
    ptc.mkdir()
    (ptc / "article2.txt").write_text("Title two\n\nBody two.\n", encoding="utf-8")
    (ptc / "article10.txt").write_text("Title ten\n\nBody ten.\n", encoding="utf-8")
    (ptc / "article10.labels.tsv").write_text("10\tLoaded_Language\t11\t15\n", encoding="utf-8")


def test_corpus_folder_recursive_sorted_with_errors(tmp_path: Path) -> None:
    _make_folder(tmp_path)
    items = list(iter_corpus([str(tmp_path)], settings=SETTINGS))
    keys = [item.id if isinstance(item, Article) else type(item).__name__ for item in items]
    assert keys == ["a", "b/c", "b/d:1", "FormatError", "b/e:2", "EmptyInputError", "2", "10"]
    ptc_ten = items[-1]
    assert isinstance(ptc_ten, Article)
    assert [ptc_ten.span_text(span) for span in ptc_ten.spans(Layer.GOLD_TECHNIQUES)] == ["Body"]
    assert next(iter(iter_corpus([str(tmp_path)], settings=SETTINGS))).id == "a"  # deterministic


def test_corpus_globs_files_and_missing_inputs(tmp_path: Path) -> None:
    _make_folder(tmp_path)
    inputs = [
        str(tmp_path / "**" / "*.csv"),
        str(tmp_path / "a.txt"),
        str(tmp_path / "nope.txt"),
        str(tmp_path / "*.xyz"),
    ]
    items = list(iter_corpus(inputs, settings=SETTINGS))
    assert [a.id for a in _articles(items)] == ["b/e:2", "a"]
    assert [type(e).__name__ for e in _errors(items)] == ["InputNotFoundError", "InputNotFoundError"]


def test_file_ids_are_unique_and_stable(tmp_path: Path) -> None:
    """A stem repeated in another folder, or beside another suffix, still gets an id of its own."""
    for folder in ("a", "b", "b/deep"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "same.txt").write_text(f"Folder {folder} has its own story.", encoding="utf-8")
    (tmp_path / "b" / "same.html").write_text("<html><body><article><p>The HTML story.</p></article></body></html>")
    (tmp_path / "b" / "rows.jsonl").write_text('{"text": "Row one."}\n', encoding="utf-8")
    (tmp_path / "a" / "rows.jsonl").write_text('{"text": "Row one."}\n{"id": "given", "text": "Two."}\n')
    inputs = [str(tmp_path / "a"), str(tmp_path / "b")]
    ids = [item.id for item in iter_corpus(inputs, settings=SETTINGS) if isinstance(item, Article)]
    assert ids == ["a/rows:1", "given", "a/same", "b/deep/same", "b/rows:1", "b/same.html", "b/same.txt"]
    again = [item.id for item in iter_corpus(inputs, settings=SETTINGS) if isinstance(item, Article)]
    assert again == ids
    # One folder or one file alone: ids relative to it, as short as before.
    assert [a.id for a in _articles(list(iter_corpus([str(tmp_path / "a")], settings=SETTINGS)))] == [
        "rows:1",
        "given",
        "same",
    ]
    [single] = _articles(list(iter_corpus([str(tmp_path / "b" / "deep" / "same.txt")], settings=SETTINGS)))
    assert single.id == "same"


def test_corpus_release_folder_reads_only_its_article_folders(tmp_path: Path) -> None:
    release = tmp_path / "release"
    _make_folder(release)
    (release / "ptc").rename(release / "train-articles")
    (release / "train-labels-task-si").mkdir()
    (release / "train-labels-task-si" / "article2-labels.txt").write_text("2\t0\t3\n", encoding="utf-8")
    (release / "propaganda-techniques-names.txt").write_text("Loaded_Language\n", encoding="utf-8")
    items = list(iter_corpus([str(release)], settings=SETTINGS))
    assert [item.id for item in _articles(items)] == ["2", "10"]
    assert _errors(items) == []


def test_ptc_folder_detection(tmp_path: Path) -> None:
    _make_folder(tmp_path)
    assert is_ptc_folder(tmp_path / "ptc")
    assert not is_ptc_folder(tmp_path)
    assert not is_ptc_folder(tmp_path / "b")


@pytest.mark.data
@pytest.mark.parametrize(
    ("folder", "count", "first_id", "gold_spans"),
    [
        ("semeval2020-task11-ptc-v2/train-articles", 371, "111111111", 6128),
        ("semeval2020-task11-ptc-v2/dev-articles", 75, "730081389", 1063),
        ("semeval2023-task3-en/train-articles-subtask-3", 446, "111111111", 7201),
        ("ptc-emnlp2019-protechn_corpus_eval/dev", 57, None, 927),
    ],
)
def test_ptc_layouts(data_dir: Path, folder: str, count: int, first_id: str | None, gold_spans: int) -> None:
    articles = list(read_ptc(data_dir / folder))
    assert len(articles) == count
    if first_id is not None:
        assert articles[0].id == first_id
    assert sum(len(article.spans(Layer.GOLD_TECHNIQUES)) for article in articles) == gold_spans
    for article in articles[:20]:
        assert article.id.isdigit()
        for span in article.spans(Layer.GOLD_TECHNIQUES):
            assert 0 <= span.start <= span.end <= len(article.text)
            assert span.label


@pytest.mark.data
def test_ptc_2019_train_counts_the_out_of_range_span(data_dir: Path) -> None:
    articles = {a.id: a for a in read_ptc(data_dir / "ptc-emnlp2019-protechn_corpus_eval" / "train")}
    assert len(articles) == 293
    assert articles["776368676"].meta["gold_out_of_range"] == 1


@pytest.mark.data
def test_ptc_test_folder_without_labels(data_dir: Path) -> None:
    articles = list(read_ptc(data_dir / "semeval2020-task11-ptc-v2" / "test-articles"))
    assert len(articles) == 90
    assert all(Layer.GOLD_TECHNIQUES not in article.layers for article in articles)


@pytest.mark.data
def test_corpus_reads_a_whole_release(data_dir: Path) -> None:
    items = list(iter_corpus([str(data_dir / "semeval2023-task3-en")], settings=SETTINGS))
    assert len(items) == 446 + 90 + 54
    assert all(isinstance(item, Article) and item.id.isdigit() for item in items)


@pytest.mark.data
def test_corpus_reads_ptc_folders(data_dir: Path) -> None:
    items = list(iter_corpus([str(data_dir / "semeval2020-task11-ptc-v2" / "dev-articles")], settings=SETTINGS))
    assert len(items) == 75
    assert all(isinstance(item, Article) and item.id.isdigit() for item in items)
