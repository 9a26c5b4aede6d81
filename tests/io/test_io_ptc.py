"""read_ptc and read_labels on hand-made folders and on the real corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import EncodingError, FormatError, InputNotFoundError, NotAFileError
from spinscope.io import read_labels, read_ptc
from spinscope.model import Layer


def _folder(root: Path) -> Path:
    articles = root / "train-articles"
    articles.mkdir()
    (articles / "article7.txt").write_text("A title\n\nThey are traitors.\n", encoding="utf-8")
    (articles / "article12.txt").write_text("Other title\n\nNothing here.\n", encoding="utf-8")
    labels = root / "train-labels-task-flc-tc"
    labels.mkdir()
    (labels / "article7.task-flc-tc.labels").write_text(
        "7\tName_Calling,Labeling\t18\t26\n7\tLoaded_Language\t18\t26\n", encoding="utf-8"
    )
    return articles


def test_labels_folder_found_by_naming(tmp_path: Path) -> None:
    seven, twelve = read_ptc(_folder(tmp_path))
    assert (seven.id, seven.title, twelve.id) == ("7", "A title", "12")
    spans = seven.spans(Layer.GOLD_TECHNIQUES)
    assert [(seven.span_text(s), s.label) for s in spans] == [
        ("traitors", "Loaded_Language"),
        ("traitors", "Name_Calling,Labeling"),
    ]
    assert twelve.spans(Layer.GOLD_TECHNIQUES) == []
    assert Layer.GOLD_TECHNIQUES in twelve.layers


def test_explicit_si_labels_file(tmp_path: Path) -> None:
    articles = _folder(tmp_path)
    si = tmp_path / "si.labels"
    si.write_text("7\t18\t26\n12\t13\t20\n", encoding="utf-8")
    seven, twelve = read_ptc(articles, labels=si)
    assert [(s.label, seven.span_text(s)) for s in seven.spans(Layer.GOLD_TECHNIQUES)] == [("", "traitors")]
    assert [twelve.span_text(s) for s in twelve.spans(Layer.GOLD_TECHNIQUES)] == ["Nothing"]


def test_template_question_marks_become_empty_labels(tmp_path: Path) -> None:
    path = tmp_path / "template.out"
    path.write_text("7\t?\t18\t26\n", encoding="utf-8")
    assert read_labels(path) == [("7", "", 18, 26)]


def test_malformed_labels_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.labels"
    path.write_text("7\tLoaded_Language\t18\t26\n7\tLoaded_Language\ttwenty\t28\n", encoding="utf-8")
    with pytest.raises(FormatError, match="line 2"):
        read_labels(path)


def test_missing_and_wrong_folders(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        list(read_ptc(tmp_path / "nope"))
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(NotAFileError):
        list(read_ptc(tmp_path / "file.txt"))
    with pytest.raises(InputNotFoundError):
        list(read_ptc(_folder(tmp_path), labels=tmp_path / "no-labels"))


def test_bad_article_encoding_is_an_encoding_error(tmp_path: Path) -> None:
    articles = _folder(tmp_path)
    (articles / "article12.txt").write_bytes(b"Caf\xe9 title\n")
    with pytest.raises(EncodingError, match=r"article12\.txt: is not valid UTF-8"):
        list(read_ptc(articles))


@pytest.mark.data
def test_joined_labels_file_equals_the_folder(data_dir: Path) -> None:
    release = data_dir / "semeval2020-task11-ptc-v2"
    by_folder = list(read_ptc(release / "dev-articles"))
    by_file = list(read_ptc(release / "dev-articles", labels=release / "dev-task-flc-tc.labels"))
    assert [a.id for a in by_folder] == [a.id for a in by_file]
    for one, other in zip(by_folder, by_file, strict=True):
        assert [(s.start, s.end, s.label) for s in one.spans(Layer.GOLD_TECHNIQUES)] == [
            (s.start, s.end, s.label) for s in other.spans(Layer.GOLD_TECHNIQUES)
        ]


def test_technique_names_skip_blank_lines(tmp_path: Path) -> None:
    from spinscope.io.ptc import read_technique_names

    path = tmp_path / "names.txt"
    path.write_text("Loaded_Language\n\n  Doubt \nRepetition\n", encoding="utf-8")
    assert read_technique_names(path) == ["Loaded_Language", "Doubt", "Repetition"]


def test_a_second_gold_layer_and_rows_back(tmp_path: Path) -> None:
    from spinscope.io.ptc import add_gold_layer, label_rows

    articles = list(read_ptc(_folder(tmp_path)))
    si = tmp_path / "si.labels"
    si.write_text("12\t13\t20\n7\t18\t26\n99\t0\t4\n7\t18\t500\n", encoding="utf-8")
    assert add_gold_layer(articles, si, Layer.GOLD_SPANS) == 1  # article 99 is not in the folder
    seven, twelve = articles
    assert seven.meta["gold_out_of_range"] == 1
    assert label_rows(articles, Layer.GOLD_SPANS) == [("7", "", 18, 26), ("12", "", 13, 20)]
    assert sorted(label_rows(articles)) == sorted(
        read_labels(tmp_path / "train-labels-task-flc-tc" / "article7.task-flc-tc.labels")
    )
    assert [twelve.span_text(s) for s in twelve.spans(Layer.GOLD_SPANS)] == ["Nothing"]
