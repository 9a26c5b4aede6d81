"""The HTTP API against a real ``spinscope serve`` process on a loopback port."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import psutil
import pytest

from spinscope.api.errors import ERROR_TYPES

SCHEMA = json.loads((Path("src") / "spinscope" / "model" / "article.schema.json").read_text(encoding="utf-8"))

SEED_HTML = """<!DOCTYPE html><html><head><title>Lavrov Throws Washington a Bone</title>
<meta name="author" content="Tom Luongo"></head><body><article><h1>Lavrov Throws Washington a Bone</h1>
<p>Russian Foreign Minister Sergei Lavrov hasn't become the world's most respected diplomat without cause.
His recent statement, carried by Russian news agency ITAR-TASS, leaves open the avenue for a face-saving
statement by the U.S. after the bombshell BBC report.</p>
<p>"We have no evidence of any collusion," Lavrov said, according to TASS.</p></article></body></html>"""


def assert_error(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    """The response is a JSON error with this status, naming the problem, with no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["type"] in ERROR_TYPES and error["message"]
    assert "Traceback" not in response.text
    for word in words:
        assert word in error["message"], error["message"]
    return dict(error)


def test_healthz_and_techniques(client: httpx.Client) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and "segment" in health["stages"]
    techniques = client.get("/v1/techniques").json()
    assert len(techniques["techniques"]) == 14
    assert {"name", "display_name", "definition", "color"} <= set(techniques["techniques"][0])


@pytest.mark.data
def test_analyze_text_returns_the_result_dict(client: httpx.Client, seed_path: Path) -> None:
    response = client.post("/v1/analyze", json={"text": seed_path.read_text(encoding="utf-8"), "id": "seed"})
    assert response.status_code == 200, response.text
    result = response.json()
    jsonschema.validate(result, SCHEMA)
    assert result["article"]["id"] == "seed"
    assert result["article"]["title"] == "Lavrov Throws Washington a Bone over ISIS Collusion"
    assert result["article"]["text"].startswith("Russian Foreign Minister Sergei Lavrov")
    for spans in result["layers"].values():
        for span in spans:
            assert result["article"]["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.data
def test_upload_gives_the_same_result_as_json_text(client: httpx.Client, seed_path: Path) -> None:
    data = seed_path.read_bytes()
    uploaded = client.post("/v1/analyze", files={"file": ("seed.txt", data, "text/plain")})
    sent = client.post("/v1/analyze", json={"text": data.decode("utf-8"), "id": "seed"})
    assert uploaded.status_code == sent.status_code == 200
    assert uploaded.json()["article"]["id"] == "seed"
    assert uploaded.json()["layers"] == sent.json()["layers"]


def test_analyze_html(client: httpx.Client) -> None:
    response = client.post("/v1/analyze", json={"html": SEED_HTML})
    assert response.status_code == 200, response.text
    article = response.json()["article"]
    assert "Sergei Lavrov" in article["text"] and "<p>" not in article["text"]


def test_html_report_format(client: httpx.Client) -> None:
    response = client.post("/v1/analyze", params={"format": "html"}, json={"html": SEED_HTML})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src" in response.headers["content-security-policy"]
    assert '<section class="article"' in response.text


def test_render_a_saved_result(client: httpx.Client) -> None:
    result = client.post("/v1/analyze", json={"text": "They are traitors who hate freedom."}).json()
    result["layers"]["techniques"] = [
        {"start": 9, "end": 17, "label": "Name_Calling,Labeling", "score": 0.9, "attrs": {}, "text": "traitors"}
    ]
    html = client.post("/v1/render", json=result)
    assert html.status_code == 200 and html.text.count("<mark") == 1
    text = client.post("/v1/render", params={"format": "text"}, json=result)
    assert "[[Name_Calling,Labeling: traitors]]" in text.text
    result["layers"]["techniques"][0]["end"] = 10_000
    del result["layers"]["techniques"][0]["text"]
    assert_error(client.post("/v1/render", json=result), 422, "ends past the text")


def test_body_over_the_cap_is_413(client: httpx.Client, caps: dict[str, int]) -> None:
    error = assert_error(client.post("/v1/analyze", json={"text": "a" * (caps["max_body_bytes"] + 1)}), 413, "limit")
    assert error["type"] == "input_too_large"


def test_streamed_body_over_the_cap_is_413(client: httpx.Client, caps: dict[str, int]) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        yield b'{"text": "'
        for _ in range(caps["max_body_bytes"] // 10_000 + 2):
            yield b"a" * 10_000
        yield b'"}'

    response = client.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert assert_error(response, 413, "limit")["type"] == "input_too_large"


def test_text_over_max_chars_is_413_with_the_same_type(client: httpx.Client, caps: dict[str, int]) -> None:
    text = "word " * (caps["max_chars"] // 5 + 10)
    error = assert_error(client.post("/v1/analyze", json={"text": text}), 413, "limit", "--max-chars")
    assert error["type"] == "input_too_large"
    uploaded = client.post("/v1/analyze", files={"file": ("long.txt", text.encode(), "text/plain")})
    assert assert_error(uploaded, 413)["type"] == "input_too_large"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.org/x", "scheme"),
        ("http://127.0.0.1:9/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("not a url", "not a url"),
    ],
)
def test_bad_urls_are_4xx_naming_the_problem(client: httpx.Client, url: str, problem: str) -> None:
    error = assert_error(client.post("/v1/analyze", json={"url": url}), 422)
    assert error["type"] == "url_refused", error
    assert problem in error["message"].lower() or url in error["message"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "word"),
    [
        (b"{not json", "application/json", 422, "not valid JSON"),
        (b'{"txt": "x"}', "application/json", 422, "txt"),
        (b'{"text": "x", "url": "http://example.org"}', "application/json", 422, "exactly one"),
        (b"{}", "application/json", 422, "exactly one"),
        (b'{"text": "   "}', "application/json", 422, ""),
        (b"plain words", "text/plain", 415, "application/json"),
        (b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "application/json", 422, "nested too deeply"),
        (b'{"text": "The council met. \\ud800 It said no."}', "application/json", 422, "field 'text'"),
        (b'{"text": "The council met.", "id": "\\udfff"}', "application/json", 422, "field 'id'"),
    ],
)
def test_malformed_requests_get_json_errors(
    client: httpx.Client, body: bytes, content_type: str, status: int, word: str
) -> None:
    assert_error(client.post("/v1/analyze", content=body, headers={"content-type": content_type}), status, word)


def _multipart(disposition: bytes) -> dict[str, Any]:
    body = b"--b\r\nContent-Disposition: form-data; " + disposition + b"\r\n\r\nThe council met.\r\n--b--\r\n"
    return {"content": body, "headers": {"content-type": "multipart/form-data; boundary=b"}}


def test_an_upload_without_a_file_name_is_told_so(client: httpx.Client) -> None:
    # An empty file name is still a file; a part without one is a plain form field, and is told so.
    assert client.post("/v1/analyze", **_multipart(b'name="file"; filename=""')).status_code == 200
    response = client.post("/v1/analyze", **_multipart(b'name="file"'))
    assert "has no file name" in assert_error(response, 422)["message"]
    missing = client.post("/v1/analyze", files={"other": ("a.txt", b"The council met.")})
    assert "field named 'file'" in assert_error(missing, 422)["message"]


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.CSV"])
def test_a_corpus_upload_is_refused(client: httpx.Client, name: str) -> None:
    response = client.post("/v1/analyze", files={"file": (name, b'{"id": "a", "text": "The council met."}\n')})
    assert "not one article" in assert_error(response, 422, name)["message"]


def test_binary_upload_is_422(client: httpx.Client) -> None:
    response = client.post("/v1/analyze", files={"file": ("x.bin", b"\xff\xfe\x00\x01" * 10)})
    assert assert_error(response, 422, "x.bin")["type"] == "binary_input"


def test_unknown_route_and_method_are_json(client: httpx.Client) -> None:
    assert assert_error(client.get("/v1/nothing"), 404)["type"] == "not_found"
    assert assert_error(client.get("/v1/analyze"), 405)["type"] == "method_not_allowed"


def test_docs_curl_examples_use_the_servers_own_address(client: httpx.Client, server: Any) -> None:
    docs = client.get("/docs").text
    assert f"curl -s {server.url}/v1/analyze" in docs and f"curl -s {server.url}/healthz" in docs
    assert ":8000" not in docs


def test_docs_work_offline(client: httpx.Client) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/v1/analyze" in docs.text and "/v1/techniques" in docs.text
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()
    spec = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/render", "/v1/techniques", "/healthz"} <= set(spec["paths"])
    body = spec["paths"]["/v1/analyze"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_binds_to_loopback_only(server: Any) -> None:
    listening = [c.laddr for c in psutil.Process(server.process.pid).net_connections() if c.status == "LISTEN"]
    assert listening and all(address.ip == "127.0.0.1" for address in listening)


def test_min_score_chooses_which_findings_are_shown(client: httpx.Client) -> None:
    text = "These corrupt, lying traitors want to destroy our great nation. Make America great again!"
    every = client.post("/v1/analyze", json={"text": text, "min_score": 0}).json()
    scores = [span["score"] for span in every["layers"]["techniques"]]
    assert scores and every["summary"]["display"] == {"min_score": 0.0, "not_shown": 0}
    cut = sorted(scores)[len(scores) // 2]
    some = client.post("/v1/analyze", json={"text": text, "min_score": cut}).json()
    assert [s["score"] for s in some["layers"]["techniques"]] == [s for s in scores if s >= cut]
    assert some["summary"]["display"]["not_shown"] == sum(1 for s in scores if s < cut)
    by_query = client.post("/v1/analyze", params={"min_score": cut}, json={"text": text}).json()
    assert by_query["layers"]["techniques"] == some["layers"]["techniques"]
    report = client.post("/v1/render", params={"format": "text", "min_score": 1}, json=every)
    assert "[[" not in report.text and "not shown" in report.text
    assert_error(client.post("/v1/analyze", json={"text": text, "min_score": 2}), 422, "min_score")
