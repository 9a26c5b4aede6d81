"""The bad-input table: what the real CLI and the real HTTP API answer to inputs that must not break them.

Every input goes through ``python -m spinscope analyze INPUT --format json`` (a subprocess with a
time limit) and through a ``spinscope serve`` process on a free 127.0.0.1 port (uploaded as a
multipart file, or sent as JSON). Corpus files with malformed rows go through
``spinscope batch``. Each row records the exit code or HTTP status, the first line of the error
message, whether a traceback appeared (stderr, response body or server log) and whether the time
limit was hit, and the wall seconds. A row fails on a traceback, a hang, an HTTP 5xx, a URL that was
not refused, or any request that reached the URL's target.

Network: loopback only, by construction. Every spinscope process here starts through a small
bootstrap that pins the resolver to numeric addresses and ``localhost`` (any other name fails at
once, so not even a DNS query leaves the machine); the targets are counting HTTP servers on
127.0.0.1 and ::1. For the redirect rows the first hop must pass the SSRF guard, so those
processes also treat 127.0.0.2, the redirector's own address, as public; the redirect target
(127.0.0.1 in every spelling) must then be refused with no request reaching it.

usage:
  python benchmarks/bench_bad_inputs.py                 # the whole table (a few minutes)
  python benchmarks/bench_bad_inputs.py --only url      # rows whose name contains "url"
  python benchmarks/bench_bad_inputs.py --timeout 30 --json figures.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from loopback import REDIRECTOR_ADDRESS, ApiServer, CountingServer, counting_servers, redirector, run_cli

#: Seconds one CLI run or one HTTP request may take before it counts as a hang.
DEFAULT_TIMEOUT_S = 60.0


@dataclass
class Row:
    """One input through one interface."""

    input: str
    via: str
    answer: str = ""
    message: str = ""
    traceback: bool = False
    hang: bool = False
    seconds: float = 0.0
    target_hits: int | None = None
    failed: bool = False
    note: str = ""

    def markdown(self) -> str:
        hits = "" if self.target_hits is None else str(self.target_hits)
        message = self.message.replace("|", "\\|").replace("<", "&lt;")[:160]
        verdict = "**FAIL**" if self.failed else "ok"
        cells = [self.input, self.via, self.answer, message, _yes(self.traceback), _yes(self.hang)]
        cells += [f"{self.seconds:.1f}", hits, verdict + (f" ({self.note})" if self.note else "")]
        return "| " + " | ".join(cells) + " |"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


HEADER = (
    "| input | via | answer | message (first line) | traceback | hang | s | target hits | verdict |\n"
    "|---|---|---|---|---|---|---:|---:|---|"
)


# -- rows ---------------------------------------------------------------------------------------


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]  # the exception itself
    return lines[0]


def _analysed(stdout: str) -> str:
    try:
        result = json.loads(stdout)
        return f"analysed: {len(result['article']['text']):,} characters"
    except (ValueError, KeyError, TypeError):
        return stdout.strip()[:80]


def cli_row(
    name: str, args: list[str], *, timeout: float, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> Row:
    code, out, err, seconds = run_cli(args, timeout=timeout, env=env, stdin=stdin)
    row = Row(name, "CLI", answer="timeout" if code is None else f"exit {code}", seconds=seconds)
    row.traceback = "Traceback" in err or "Traceback" in out
    row.hang = code is None
    row.message = _first_line(err) if (code or row.traceback) else _analysed(out)
    if row.hang:
        row.message = f"no answer within {timeout:g} s (killed)"
    if code == 0 and args[0] == "batch":
        row.message = _first_line(err)
    row.failed = row.traceback or row.hang
    return row


def api_row(
    name: str,
    server: ApiServer,
    *,
    timeout: float,
    upload: Path | None = None,
    body: bytes | None = None,
    route: str = "/v1/analyze",
) -> Row:
    offset = server.log_size()
    started = time.perf_counter()
    row = Row(name, "API upload" if upload is not None else f"API JSON {route}".removesuffix(" /v1/analyze"))
    try:
        if upload is not None:
            with upload.open("rb") as stream:
                response = httpx.post(
                    f"{server.url}/v1/analyze", files={"file": (upload.name, stream)}, timeout=timeout
                )
        else:
            response = httpx.post(
                f"{server.url}{route}",
                content=body or b"",
                headers={"content-type": "application/json"},
                timeout=timeout,
            )
        row.seconds = time.perf_counter() - started
        row.answer = f"HTTP {response.status_code}"
        text = response.text
        row.traceback = "Traceback" in text
        try:
            data = response.json()
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            error = data["error"]
            row.message = _first_line(f"{error.get('type')}: {error.get('message')}")
        elif isinstance(data, dict) and "article" in data:
            row.message = f"analysed: {len(data['article']['text']):,} characters"
        else:
            row.message = _first_line(text)[:120]
        row.failed = response.status_code >= 500
        if response.status_code == 504:
            row.hang = True
            row.note = "504; server restarted for the next row"
            server.restart()
    except httpx.TimeoutException:
        row.seconds = time.perf_counter() - started
        row.answer, row.hang, row.failed = "timeout", True, True
        row.note = "server restarted for the next row"
        server.restart()
    except httpx.TransportError as e:
        row.seconds = time.perf_counter() - started
        row.answer, row.message, row.failed = "connection error", f"{type(e).__name__}: {e}", True
    time.sleep(0.2)  # let the server finish writing its log
    if "Traceback" in server.log_since(offset):
        row.traceback = True
        row.failed = True
    row.failed = row.failed or row.traceback or row.hang
    return row


@dataclass
class Inputs:
    """The bad input files, written into one folder."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    #: What each input should get: "refuse" (exit 2 / HTTP 413 or 422), "read" (an analysis) or "either".
    expect: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, name: str, data: bytes, *, expect: str = "refuse") -> None:
        path = self.folder / name
        path.write_bytes(data)
        self.files[label] = path
        self.expect[label] = expect


def judge(row: Row, expect: str) -> Row:
    """Fail a row whose answer is not the expected kind (a hang or traceback has failed it already)."""
    refused = row.answer in ("exit 2", "HTTP 413", "HTTP 422")
    read = row.answer in ("exit 0", "HTTP 200")
    if expect == "refuse" and read:
        row.failed, row.note = True, "analysed; expected a refusal"
    elif expect == "read" and refused:
        row.failed, row.note = True, "refused; expected an analysis"
    elif not (refused or read or row.hang):
        row.failed = True
    return row


ARTICLE = (
    "The harbour council of Port Vell voted on Tuesday to extend the fishing ban.\n\n"
    '"We will not be silenced," said union leader Mara Veld outside the council chamber.\n'
)


def make_inputs(folder: Path) -> Inputs:
    inputs = Inputs(folder)
    inputs.add(
        "binary file (PNG header, NUL bytes)",
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    )
    inputs.add("empty file", "empty.txt", b"")
    inputs.add("whitespace-only file", "blank.txt", b" \n\t\n  \n")
    inputs.add("over the byte cap (10.5 MB)", "huge.txt", b"word " * 2_100_000)
    inputs.add(
        "invalid UTF-8 (Latin-1)", "latin1.txt", ("Caf\u00e9 au lait, d\u00e9j\u00e0 vu. " * 20).encode("latin-1")
    )
    inputs.add("UTF-16 with BOM", "utf16-bom.txt", ARTICLE.encode("utf-16"), expect="read")
    inputs.add("UTF-16 without BOM", "utf16-nobom.txt", ARTICLE.encode("utf-16-le"))
    inputs.add(
        "UTF-16 HTML with BOM",
        "utf16-bom.html",
        f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode("utf-16"),
        expect="read",
    )
    inputs.add(
        "HTML without text (script only)",
        "script.html",
        b"<html><head><script>var a=1;</script></head><body></body></html>",
    )
    inputs.add(
        "corpus .jsonl given to analyze", "corpus.jsonl", json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n"
    )
    inputs.add("corpus .csv given to analyze", "corpus.csv", b'id,text\na,"' + ARTICLE.encode() + b'"\n')
    inputs.add(
        "saved result, malformed (.json)",
        "result.json",
        json.dumps(
            {"schema_version": "1.0", "article": {"text": "abc"}, "layers": {"x": [{"start": 2, "end": 99}]}}
        ).encode(),
    )
    inputs.add("JSON nested 100,000 deep (.json)", "deep.json", b'{"text": ' + DEEP + b"}")
    inputs.add(
        "HTML bomb: 100,000 nested `<div>`",
        "nested.html",
        b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>",
        expect="either",
    )
    inputs.add(
        "HTML bomb: 1,000,000 tiny elements",
        "many.html",
        b"<html><body><article>" + b"<p>x" * 1_000_000 + b"</article></body></html>",
        expect="either",
    )
    inputs.add("5 MB single line (no newline)", "one-line.txt", b"word " * 1_000_000, expect="either")
    inputs.add("1.2 M characters (over max_chars, under the byte cap)", "long.txt", (ARTICLE * 7_000).encode())
    return inputs


#: A small saved result, and changes to it that Article.from_dict accepts but a view may trip on.
SMALL_RESULT: dict[str, Any] = {
    "schema_version": "1.0",
    "article": {"id": "r", "text": "They are vultures, said Mara Veld."},
    "layers": {},
    "summary": {},
}
MALFORMED_RESULTS: dict[str, dict[str, Any]] = {
    "render: technique attrs.top_words a number": {
        "layers": {
            "techniques": [{"start": 9, "end": 17, "label": "Name_Calling,Labeling", "attrs": {"top_words": 1.5}}]
        }
    },
    "render: attribution attrs.relays a number": {
        "layers": {"attributions": [{"start": 0, "end": 17, "label": "direct", "attrs": {"relays": 1.5}}]}
    },
    "render (text): outlet ratings a list of strings": {
        "summary": {"outlet": {"query": "x", "known": True, "ratings": ["a"]}}
    },
}


#: JSON nested far deeper than Python's recursion limit.
DEEP = b"[" * 100_000 + b"]" * 100_000
#: A page whose extraction takes seconds (trafilatura's time grows faster than its element count).
SLOW_HTML = b"<html><body><article>" + b"<p>The council met today." * 30_000 + b"</article></body></html>"


def jsonl_corpus(path: Path) -> int:
    """Rows: 2 good, 6 bad (invalid JSON, array, no text, text a number, bad UTF-8, NUL). Returns the bad count."""
    rows = [
        json.dumps({"id": "good-1", "text": ARTICLE}).encode(),
        b'{"id": "bad-json", "text": "unterminated',
        b'["an", "array"]',
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"id": "number", "text": 42}).encode(),
        b'{"id": "latin1", "text": "caf\xe9"}',
        b'{"id": "nul", "text": "a\x00b"}',
        json.dumps({"id": "good-2", "text": ARTICLE}).encode(),
    ]
    path.write_bytes(b"\n".join(rows) + b"\n")
    return 6


def csv_corpus(path: Path) -> int:
    """Rows: 2 good, 3 bad (too many fields, too few, bad UTF-8). Returns the bad count."""
    good = ARTICLE.replace('"', '""')
    lines = [
        b"id,title,text",
        b'good-1,Title,"' + good.encode() + b'"',
        b"extra,Title,text,one field too many",
        b"short,only two",
        b'latin1,Title,"caf\xe9 au lait"',
        b'good-2,Title,"' + good.encode() + b'"',
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return 3


def url_spellings(port: int) -> list[str]:
    """Loopback and private spellings of the counting server (every host here is numeric or localhost)."""
    return [
        f"http://127.0.0.1:{port}/",
        f"http://localhost:{port}/",
        f"http://[::1]:{port}/",
        f"http://0.0.0.0:{port}/",
        f"http://0:{port}/",
        f"http://2130706433:{port}/",
        f"http://0x7f.0.0.1:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"http://127.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://[::ffff:7f00:1]:{port}/",
        f"http://localhost.:{port}/",
        f"http://LOCALHOST:{port}/",
        f"http://example.com@127.0.0.1:{port}/",
        f"HTTP://127.0.0.1:{port}/",
    ]


def _hits(servers: list[CountingServer]) -> int:
    return sum(len(server.hits) for server in servers)


def malformed_urls(port: int) -> list[str]:
    """URLs that cannot be parsed (a host in brackets that is not an IPv6 address)."""
    return [f"http://[::1:{port}/", "http://[zz]/", f"http://[127.0.0.1]:{port}/"]


def _url_verdict(row: Row, hits: int) -> None:
    """A URL row passes when the URL was refused (exit 2 / HTTP 422, "refused") and nothing reached the target.

    A malformed URL only needs to be refused (exit 2 / HTTP 422); its message may say "invalid".
    """
    row.target_hits = hits
    malformed = "[::1:" in row.input or "[zz]" in row.input or "[127.0.0.1]" in row.input
    refused = row.answer in ("exit 2", "HTTP 422") and ("refused" in row.message or malformed)
    row.failed = row.failed or bool(hits) or not refused


def url_rows(servers: list[CountingServer], port: int, server: ApiServer, timeout: float) -> Iterator[Row]:
    for spelling in [*url_spellings(port), *malformed_urls(port)]:
        url = spelling
        before = _hits(servers)
        row = cli_row(f"URL {spelling}", ["analyze", url, "--format", "json"], timeout=timeout)
        _url_verdict(row, _hits(servers) - before)
        yield row
        before = _hits(servers)
        row = api_row(f"URL {spelling}", server, timeout=timeout, body=json.dumps({"url": url}).encode())
        _url_verdict(row, _hits(servers) - before)
        yield row


def redirect_rows(servers: list[CountingServer], port: int, workdir: Path, timeout: float) -> Iterator[Row]:
    env = {"BENCH_TREAT_AS_PUBLIC": REDIRECTOR_ADDRESS}
    with redirector() as hop:
        base = f"http://{REDIRECTOR_ADDRESS}:{hop.server_address[1]}/redirect?to="
        server = ApiServer(workdir / "server-redirects.log", env=env)
        server.start()
        try:
            targets = [*url_spellings(port), "file:///etc/passwd", f"ftp://127.0.0.1:{port}/", *malformed_urls(port)]
            for target in targets:
                url = base + target
                for via in ("CLI", "API"):
                    before, hop_before = _hits(servers), len(hop.hits)
                    if via == "CLI":
                        row = cli_row(
                            f"redirect to {target}", ["analyze", url, "--format", "json"], timeout=timeout, env=env
                        )
                    else:
                        row = api_row(
                            f"redirect to {target}", server, timeout=timeout, body=json.dumps({"url": url}).encode()
                        )
                    _url_verdict(row, _hits(servers) - before)
                    if len(hop.hits) == hop_before:
                        row.failed, row.note = True, "the first hop was not fetched"
                    yield row
        finally:
            server.stop()


def batch_row(name: str, corpus: Path, bad: int, workdir: Path, timeout: float, *extra: str) -> Row:
    out = workdir / f"results-{corpus.stem}-{corpus.suffix[1:]}"
    command = ["batch", str(corpus), "-o", str(out), "--workers", "1", "--no-progress", *extra]
    row = cli_row(name, command, timeout=timeout)
    match = re.search(r"(\d+) analysed \((\d+) failed\)", row.message)
    counted = int(match.group(2)) if match else None
    row.message = f"{row.message} [expected {bad} failures]"
    if counted != bad:
        row.failed = True
        row.note = f"{counted} failures counted, {bad} expected"
    return row


def max_chars_flag() -> bool:
    code, out, _, _ = run_cli(["analyze", "--help"], timeout=60)
    return code == 0 and "--max-chars" in out


def table(timeout: float, only: str) -> list[Row]:
    rows: list[Row] = []

    def emit(row: Row) -> None:
        rows.append(row)
        print(row.markdown(), flush=True)

    def wanted(name: str) -> bool:
        return only.lower() in name.lower()

    with tempfile.TemporaryDirectory(prefix="bench-bad-") as tmp, counting_servers() as (port, servers):
        workdir = Path(tmp)
        inputs = make_inputs(workdir)
        server = ApiServer(workdir / "server.log")
        server.start()
        print(HEADER, flush=True)
        try:
            # 1. quick refusals, then URLs (their fetch runs on the analysis pool), then slow inputs.
            slow = ("HTML bomb", "5 MB", "1.2 M")
            ordered = sorted(inputs.files, key=lambda label: any(label.startswith(s) for s in slow))
            quick = [label for label in ordered if not any(label.startswith(s) for s in slow)]
            for label in quick:
                if wanted(label):
                    expect = inputs.expect[label]
                    command = ["analyze", str(inputs.files[label]), "--format", "json"]
                    emit(judge(cli_row(label, command, timeout=timeout), expect))
                    emit(judge(api_row(label, server, timeout=timeout, upload=inputs.files[label]), expect))
            for label, args in (
                ("a directory", ["analyze", str(workdir), "--format", "json"]),
                ("a missing path", ["analyze", str(workdir / "missing.txt"), "--format", "json"]),
            ):
                if wanted(label):
                    emit(judge(cli_row(label, args, timeout=timeout), "refuse"))
            for label, body in (
                ("JSON text with a lone surrogate", b'{"text": "The council met on Tuesday. \\ud800 It said no."}'),
                (
                    "JSON html with a lone surrogate",
                    b'{"html": "<html><body><article><p>The council met on Tuesday and said no to the plan. \\ud800</p>'
                    b'</article></body></html>"}',
                ),
                ("JSON id with a lone surrogate", b'{"text": "The council met on Tuesday.", "id": "\\udfff"}'),
                ("JSON body not an object", b"[1, 2]"),
                ("JSON body nested 100,000 deep", b'{"text": ' + DEEP + b"}"),
                ("JSON with two inputs", json.dumps({"text": "a b", "html": "<p>a b</p>"}).encode()),
                ("JSON over the text limit (1,100,000 characters)", json.dumps({"text": "word " * 220_000}).encode()),
                ("JSON over the body limit (11 MB)", json.dumps({"text": "word " * 2_200_000}).encode()),
            ):
                if wanted(label):
                    emit(api_row(label, server, timeout=timeout, body=body))
            label = "render: JSON nested 100,000 deep"
            if wanted(label):
                emit(api_row(label, server, timeout=timeout, body=DEEP, route="/v1/render"))
            for label, change in MALFORMED_RESULTS.items():
                if wanted(label):
                    result = {**SMALL_RESULT, **change}
                    route = "/v1/render?format=text" if "(text)" in label else "/v1/render"
                    emit(api_row(label, server, timeout=timeout, body=json.dumps(result).encode(), route=route))
            if wanted("max-chars") and max_chars_flag():
                small = workdir / "small-limit.txt"
                small.write_text(ARTICLE * 20, encoding="utf-8")
                command = ["analyze", str(small), "--max-chars", "1000"]
                emit(judge(cli_row("over --max-chars 1000", command, timeout=timeout), "refuse"))
            for name, maker, suffix in (
                ("batch: malformed JSONL rows", jsonl_corpus, ".jsonl"),
                ("batch: malformed CSV rows", csv_corpus, ".csv"),
            ):
                if wanted(name):
                    corpus = workdir / f"malformed{suffix}"
                    emit(batch_row(name, corpus, maker(corpus), workdir, timeout))
            if wanted("batch: JSONL with a deeply nested row"):
                corpus = workdir / "deep.jsonl"
                good = json.dumps({"id": "good", "text": ARTICLE}).encode()
                corpus.write_bytes(
                    good + b"\n" + b'{"id": "deep", "text": ' + DEEP + b"}\n" + good.replace(b"good", b"good-2") + b"\n"
                )
                emit(batch_row("batch: JSONL with a deeply nested row", corpus, 1, workdir, timeout))
            if wanted("batch: slow HTML page (30,000 `<p>`) with --time-limit 3"):
                folder = workdir / "slow-folder"
                folder.mkdir()
                (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
                (folder / "slow.html").write_bytes(SLOW_HTML)
                name = "batch: slow HTML page (30,000 `<p>`) with --time-limit 3"
                emit(batch_row(name, folder, 1, workdir, timeout, "--time-limit", "3"))
            for label, data in (
                ("stdin: empty", b""),
                ("stdin: binary", bytes(range(256))),
                ("stdin: text", ARTICLE.encode()),
            ):
                if wanted(label):
                    expect = "read" if label == "stdin: text" else "refuse"
                    row = cli_row(label, ["analyze", "-", "--format", "json"], timeout=timeout, stdin=data)
                    emit(judge(row, expect))
            if wanted("url"):
                for row in url_rows(servers, port, server, timeout):
                    emit(row)
            for label in ordered:
                if label not in quick and wanted(label):
                    expect = inputs.expect[label]
                    command = ["analyze", str(inputs.files[label]), "--format", "json"]
                    emit(judge(cli_row(label, command, timeout=timeout), expect))
                    emit(judge(api_row(label, server, timeout=timeout, upload=inputs.files[label]), expect))
        finally:
            server.stop()
        if wanted("redirect"):
            for row in redirect_rows(servers, port, workdir, timeout):
                emit(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds before a run counts as hung")
    parser.add_argument("--only", default="", help="only the rows whose name contains this (case-insensitive)")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = table(args.timeout, args.only)
    failed = [row for row in rows if row.failed]
    print()
    print(f"rows: {len(rows)}; failed: {len(failed)}; tracebacks: {sum(r.traceback for r in rows)}; ", end="")
    print(f"hangs: {sum(r.hang for r in rows)}; target hits: {sum(r.target_hits or 0 for r in rows)}; ", end="")
    print(f"[{time.perf_counter() - started:.0f} s]")
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
