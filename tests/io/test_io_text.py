"""The record format, plain text, boilerplate, and the seed and example articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.errors import NoTextError
from spinscope.io import find_boilerplate, is_boilerplate_line, parse_record_header, read_path, read_text, strip_trailer
from spinscope.model import Layer
from spinscope.settings import Settings

SETTINGS = Settings()


@pytest.mark.data
def test_seed_article_metadata_and_body(seed_path: Path) -> None:
    article = read_path(seed_path, settings=SETTINGS)
    assert article.date == "2017-11-19"
    assert article.title == "Lavrov Throws Washington a Bone over ISIS Collusion"
    assert article.author == "Tom Luongo"
    assert article.outlet == "Russia-Insider"
    assert article.text.startswith("Russian Foreign Minister Sergei Lavrov")
    assert "Sharing is caring" not in article.text
    assert article.text.endswith("complete disregard for our wishes.")
    assert article.meta["removed_boilerplate"] == ["Sharing is caring!"]
    raw = seed_path.read_text(encoding="utf-8")
    body_offset = article.meta["body_offset"]
    assert raw[body_offset : body_offset + len(article.text)] == article.text


@pytest.mark.data
def test_seed_json_from_the_cli(seed_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "spinscope",
            "analyze",
            str(seed_path),
            "--format",
            "json",
            "--no-techniques",
            "--no-quotes",
            "--no-outlet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout)
    fields = result["article"]
    assert (fields["date"], fields["author"], fields["outlet"]) == ("2017-11-19", "Tom Luongo", "Russia-Insider")
    assert fields["text"].startswith("Russian Foreign Minister Sergei Lavrov")
    assert "Sharing is caring!" not in fields["text"]
    assert all("Sharing is caring" not in span["text"] for spans in result["layers"].values() for span in spans)
    sentences = result["layers"]["sentences"]
    assert len(sentences) > 10
    for span in sentences:
        assert fields["text"][span["start"] : span["end"]] == span["text"]


def test_example_article(example_path: Path) -> None:
    article = read_path(example_path, settings=SETTINGS)
    assert article.date == "2031-03-14"
    assert article.author == "Corin Maddox"
    assert article.outlet == "The Arvelian Beacon"
    assert "Northwind Press Agency" in article.text
    assert "Share this" not in article.text
    assert article.meta["removed_boilerplate"] == ["Share this:", "Follow us on Telegram", "Sharing is caring!"]
    assert 350 <= len(article.text.split()) <= 500


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "date 2017-11-19 Lavrov Throws Washington a Bone over ISIS Collusion by Tom Luongo – Russia-Insider",
            ("2017-11-19", "Lavrov Throws Washington a Bone over ISIS Collusion", "Tom Luongo", "Russia-Insider"),
        ),
        (
            "   date 2031-03-14 A Title by Ana Lind — Port Vell Post",
            ("2031-03-14", "A Title", "Ana Lind", "Port Vell Post"),
        ),
        (
            "date 2031-03-14 A Title by Ana Lind - Port Vell Post",
            ("2031-03-14", "A Title", "Ana Lind", "Port Vell Post"),
        ),
        ("date 2031-03-14 A Title – Port Vell Post", ("2031-03-14", "A Title", None, "Port Vell Post")),
        ("date 2031-03-14 A Title by Ana Lind", ("2031-03-14", "A Title", "Ana Lind", None)),
        ("date 2031-03-14 Just a Title", ("2031-03-14", "Just a Title", None, None)),
        ("date 2031-03-14 Left - Right Split by Ana – Post", ("2031-03-14", "Left - Right Split", "Ana", "Post")),
        ("date 2031-03-14", ("2031-03-14", None, None, None)),
    ],
)
def test_record_header(line: str, expected: tuple[str | None, ...]) -> None:
    header = parse_record_header(line)
    assert header is not None
    assert (header.date, header.title, header.author, header.outlet) == expected


@pytest.mark.parametrize(
    "line", ["dated 2031-03-14 Title", "date 14-03-2031 Title", "The date 2031-03-14 was set", "date: 2031-03-14 x"]
)
def test_not_a_record_header(line: str) -> None:
    assert parse_record_header(line) is None


def test_record_body_drops_leading_blank_lines() -> None:
    article = read_text("date 2031-03-14 T by A – O\n\n\n  \nFirst line.\nSecond line.\n")
    assert article.text == "First line.\nSecond line.\n"
    assert article.meta["body_offset"] == len("date 2031-03-14 T by A – O\n\n\n  \n")


def test_plain_text_is_kept_as_is() -> None:
    text = "\n  An article that starts with a blank line.\n\nAnd keeps its spacing.  \n"
    article = read_text(text, id="x")
    assert article.text == text
    assert (article.id, article.meta["format"]) == ("x", "text")


@pytest.mark.parametrize(
    "line",
    [
        "Sharing is caring!",
        "Share this:",
        "SHARE THIS ARTICLE",
        "Please share this story with your friends!",
        "Follow us on Telegram",
        "Follow us at @arveliabeacon",
        "Join us on Telegram for daily updates",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter",
        "Click to share on Twitter (Opens in new window)",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Email",
        "Share | Tweet | Email",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said Russia would follow us on this issue, and share the costs of the operation in full.",
        "Share prices fell on Monday.",
        "Join us on Monday, March 25 at noon ET.",
        "Follow the money.",
        "Subscribers complained about the price.",
        "Twitter",  # a lone caption counts only in the trailing block
        "xxx",
        "Facebook Twitter",  # a row needs three buttons
        "x" * 101,
    ],
)
def test_content_lines(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_trailer_with_button_captions_is_cut() -> None:
    body, removed = strip_trailer("Body text.\n\nShare this:\nTwitter\nFacebook\n\nLike this:\nLike Loading...\n")
    assert body == "Body text."
    assert removed == ["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."]


def test_no_trailer_leaves_text_unchanged() -> None:
    text = "Body text.\nTwitter is a company.\n"
    assert strip_trailer(text) == (text, [])


def test_boilerplate_inside_the_text_becomes_spans() -> None:
    text = "First paragraph.\n  Share this:  \nSecond paragraph.\nFollow us on Telegram\nLast paragraph."
    article = read_text(text)
    assert article.text == text
    spans = article.spans(Layer.BOILERPLATE)
    assert [article.span_text(span) for span in spans] == ["Share this:", "Follow us on Telegram"]
    assert [span.label for span in spans] == ["share", "follow"]
    assert [(span.start, span.end) for span in find_boilerplate(text)] == [(s.start, s.end) for s in spans]


@pytest.mark.parametrize("text", ["x", "Email", "x\n\nx\n\nx"])
def test_a_text_of_lone_captions_is_text_not_boilerplate(text: str) -> None:
    # "x" is also the network's caption, but only after article text is it a trailer.
    assert strip_trailer(text) == (text, [])
    assert read_text(text).text == text


def test_a_text_of_nothing_but_a_share_prompt_is_refused() -> None:
    with pytest.raises(NoTextError, match="only share/subscribe boilerplate"):
        read_text("Share this:\nTwitter\nFacebook\n")
