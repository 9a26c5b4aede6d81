"""A document's author speaks through it: "a report by X" and a later "the report" are X's words."""

from __future__ import annotations

import pytest

from spinscope.quotes.documents import document_author


def _author(text: str, source: str, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(source, start + 1)
    found = document_author(source, start, text)
    if found is None:
        return None
    name, (name_start, name_end), _ = found
    assert text[name_start:name_end] == name
    return name


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "A report by the Coastal Audit Office said so.",
            "A report by the Coastal Audit Office",
            "Coastal Audit Office",
        ),
        (
            "A study released by the Brookings Institution found it.",
            "A study released by the Brookings Institution",
            "Brookings Institution",
        ),
        ("The report said so.", "The report", None),
        ("A recent poll found it.", "A recent poll", None),
    ],
)
def test_an_author_written_in_the_source(text: str, source: str, expected: str | None) -> None:
    assert _author(text, source) == expected


def test_the_report_takes_the_one_author_named_before_it() -> None:
    text = "According to a report by the Audit Office, costs rose. The report says more."
    assert _author(text, "The report") == "Audit Office"


def test_two_authors_of_that_kind_leave_the_report_as_written() -> None:
    text = "A report by the Audit Office and a report by the Tax Office disagree. The report says more."
    assert _author(text, "The report") is None


def test_an_author_of_another_kind_of_document_is_not_taken() -> None:
    text = "A study by the Audit Office found it. The report says more."
    assert _author(text, "The report") is None
