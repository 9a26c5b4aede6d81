"""The hand-built evaluation set file format: an ``items`` list, offsets checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.errors import FormatError
from spinscope.evaluate import handsets
from spinscope.io.handsets import load_set_file, offsets


def test_a_set_file_is_an_object_with_items(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text('{"items": [{"article": "x"}]}', encoding="utf-8")
    assert load_set_file(good)["items"] == [{"article": "x"}]
    for name, text in (("list.json", "[]"), ("bad.json", "{"), ("none.json", '{"items": 3}')):
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(FormatError):
            load_set_file(tmp_path / name)
    with pytest.raises(FormatError):
        load_set_file(tmp_path / "absent.json")


@pytest.mark.parametrize("value", [{"start": 5}, {"start": 5, "end": 4}, {"start": -1, "end": 2}, None, {"start": "a"}])
def test_bad_offsets_are_format_errors(value: object) -> None:
    with pytest.raises(FormatError):
        offsets(value, "set.json")


def test_offsets_and_the_evaluate_names() -> None:
    assert offsets({"start": 3, "end": 3}, "set.json") == (3, 3)
    assert handsets.load_set_file is load_set_file and handsets.offsets is offsets
