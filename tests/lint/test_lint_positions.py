"""Every finding on the seed article and the 75 PTC dev articles points at its fragment's first character in the file.

Each article is linted as it is, and again as a CRLF copy, at threshold 0 (every finding); the line
and column of each finding are looked up in the file's own lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.io.sourcemap import read_draft_path
from spinscope.lint import Linter, LintOptions
from spinscope.settings import Settings

pytestmark = [pytest.mark.data, pytest.mark.slow]

#: PTC v2 dev articles: read here only to check positions (no model choice looks at them).
PTC_DEV = Path("semeval2020-task11-ptc-v2") / "dev-articles"


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def test_every_reported_position_is_the_fragment_start(data_dir: Path, seed_path: Path, tmp_path: Path) -> None:
    articles = sorted((data_dir / PTC_DEV).glob("*.txt"))
    assert len(articles) == 75
    linter = Linter(Settings(quotes=False, outlet=False), LintOptions(min_score=0.0))
    checked = 0
    for source in [seed_path, *articles]:
        crlf = tmp_path / f"{source.stem}-crlf.txt"
        crlf.write_bytes(source.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        article, _ = read_draft_path(source, max_bytes=10**8)
        analysed = linter.analyze(article)
        for path in (source, crlf):
            same, mapping = read_draft_path(path, max_bytes=10**8)
            assert same.text == analysed.text  # the CRLF copy reads as the same article
            lines, data = _lines(path), path.read_bytes()
            for finding in linter.findings(analysed, mapping, str(path)):
                first = analysed.text[finding.start]
                assert lines[finding.line - 1][finding.column - 1] == first, (path.name, finding)
                assert data[finding.byte_offset :].decode("utf-8", errors="ignore").startswith(first)
                checked += 1
    assert checked > 500, f"only {checked} findings checked"
