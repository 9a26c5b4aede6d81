"""``POST /v1/compare`` against a real ``spinscope serve`` process: JSON, HTML and text, saved results, errors."""

from __future__ import annotations

from pathlib import Path

import httpx
from test_server import assert_error

REPO = Path(__file__).resolve().parents[2]
LOADED = (
    "Behind their polite smiles stands the same gang of bureaucratic vultures, traitors and parasites "
    "who have tried for a decade to pick the bones of our coast. These vultures hate our nation.\n"
)
CALM = "The harbour council met on Tuesday and adjourned at noon after approving the budget.\n"


def test_compare_two_texts_as_json(client: httpx.Client) -> None:
    response = client.post("/v1/compare", json={"a": {"text": LOADED, "id": "loaded"}, "b": {"text": CALM}})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["a"]["id"] == "loaded"
    assert {"propaganda_score", "rates", "sentence_share_flagged", "quotes", "outlet"} <= set(data["a"])
    assert data["a"]["findings"] > data["b"]["findings"] == 0
    assert data["min_score"] >= 0.0
    assert data["differences"] and all(sentence.startswith(("A ", "B ")) for sentence in data["differences"])


def test_compare_a_saved_result_with_a_text_as_html_and_text(client: httpx.Client) -> None:
    saved = client.post("/v1/analyze", json={"text": LOADED, "id": "saved"}).json()
    html = client.post("/v1/compare?format=html", json={"a": {"result": saved}, "b": {"text": CALM}, "min_score": 0})
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in html.headers
    assert 'id="side-a"' in html.text and 'id="side-b"' in html.text
    text = client.post("/v1/compare?format=text", json={"a": {"result": saved}, "b": {"text": CALM}})
    assert text.status_code == 200 and "propaganda score" in text.text


def test_compare_refuses_bad_bodies(client: httpx.Client) -> None:
    assert_error(client.post("/v1/compare", json={"a": {"text": "x"}}), 422, "b")
    assert_error(
        client.post("/v1/compare", json={"a": {"text": "x", "url": "http://x"}, "b": {"text": "y"}}), 422, "'a'"
    )
    assert_error(client.post("/v1/compare", json={"a": {"text": "x"}, "b": {"text": "y"}, "min_score": 3}), 422)
    assert_error(client.post("/v1/compare", content=b"not json", headers={"content-type": "application/json"}), 422)
    assert_error(client.post("/v1/compare", json={"a": {"result": {"x": 1}}, "b": {"text": "y"}}), 422)


def test_compare_is_in_the_api_reference(client: httpx.Client) -> None:
    assert "/v1/compare" in client.get("/openapi.json").json()["paths"]


def test_compare_in_semeval2023_gives_each_side_its_paragraph_labels(client: httpx.Client) -> None:
    body = {"a": {"text": LOADED}, "b": {"text": CALM}, "taxonomy": "semeval2023"}
    response = client.post("/v1/compare", json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["taxonomy"] == "semeval2023"
    para_a, para_b = data["a"]["paragraph_techniques"], data["b"]["paragraph_techniques"]
    assert para_a["paragraphs"] == para_b["paragraphs"] == 1
    assert set(para_a["only_here"]) == set(para_a["counts"]) - set(para_b["counts"])
    assert set(para_b["only_here"]) == set(para_b["counts"]) - set(para_a["counts"])
    text = client.post("/v1/compare?format=text", json=body)
    assert text.status_code == 200 and "paragraphs labelled (2023)" in text.text
    default = client.post("/v1/compare", json={"a": {"text": LOADED}, "b": {"text": CALM}}).json()
    assert "taxonomy" not in default and "paragraph_techniques" not in default["a"]
