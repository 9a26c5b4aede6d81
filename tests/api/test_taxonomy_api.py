"""``taxonomy`` in the HTTP API (real server): the same findings named in SemEval-2023, 422 for an unknown name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from spinscope.detect.paragraphs import paragraph_lines
from spinscope.taxonomy import get_taxonomy
from spinscope.taxonomy.mapping import candidates_2023


@pytest.fixture(scope="module")
def example_text(example_path: Path) -> str:
    return example_path.read_text(encoding="utf-8")


def test_the_request_taxonomy_names_the_same_findings_in_2023(client: httpx.Client, example_text: str) -> None:
    default = client.post("/v1/analyze?min_score=0", json={"text": example_text}).json()
    mapped = client.post("/v1/analyze", json={"text": example_text, "min_score": 0, "taxonomy": "semeval2023"})
    assert mapped.status_code == 200, mapped.text
    result = mapped.json()
    assert result["layers"]["techniques"] == default["layers"]["techniques"]
    for span in result["layers"]["techniques"]:
        assert span["attrs"]["semeval2023"] == list(candidates_2023(span["label"]))
    assert result["summary"]["display"]["taxonomy"] == "semeval2023"
    assert "taxonomy" not in default["summary"]["display"]
    text = client.post("/v1/analyze?format=text&taxonomy=semeval2023&min_score=0", json={"text": example_text})
    assert "named in the SemEval-2023 taxonomy" in text.text and "[[Name_Calling-Labeling: " in text.text


def test_render_names_a_saved_result_in_the_taxonomy_asked_for(client: httpx.Client, example_text: str) -> None:
    result = client.post("/v1/analyze?min_score=0", json={"text": example_text}).json()
    both = client.post("/v1/render?taxonomy=both", json=result)
    assert both.status_code == 200 and "(2023: Name calling / labelling)" in both.text
    assert "(2023: " not in client.post("/v1/render", json=result).text


@pytest.mark.parametrize("where", ["query", "body"])
def test_an_unknown_taxonomy_is_a_422_naming_the_value_and_the_choices(client: httpx.Client, where: str) -> None:
    if where == "query":
        response = client.post("/v1/analyze?taxonomy=semeval2019", json={"text": "A short text."})
    else:
        response = client.post("/v1/analyze", json={"text": "A short text.", "taxonomy": "semeval2019"})
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert "semeval2019" in message and "semeval2020, semeval2023, both" in message
    assert client.get("/v1/techniques?taxonomy=semeval2019").status_code == 422


def test_techniques_lists_the_taxonomy_asked_for(client: httpx.Client) -> None:
    assert len(client.get("/v1/techniques").json()["techniques"]) == 14
    semeval2023 = client.get("/v1/techniques?taxonomy=semeval2023").json()
    assert len(semeval2023["techniques"]) == 23 and len(semeval2023["groups"]) == 6
    assert semeval2023["mapping"]["semeval2020_to_semeval2023"]["Bandwagon,Reductio_ad_hitlerum"] == [
        "Guilt_by_Association",
        "Appeal_to_Popularity",
    ]
    both = client.get("/v1/techniques?taxonomy=both").json()
    assert set(both) == {"semeval2020", "semeval2023"}


def test_compare_counts_in_the_taxonomy_asked_for(client: httpx.Client, example_text: str) -> None:
    result = client.post("/v1/analyze?min_score=0", json={"text": example_text}).json()
    body = {"a": {"result": result}, "b": {"text": "The council met on Tuesday."}, "min_score": 0}
    mapped = client.post("/v1/compare", json={**body, "taxonomy": "semeval2023"})
    assert mapped.status_code == 200, mapped.text
    assert mapped.json()["taxonomy"] == "semeval2023"
    assert "Name_Calling-Labeling" in mapped.json()["a"]["technique_counts"]
    refused = client.post("/v1/compare", json={**body, "taxonomy": "semeval2019"})
    assert refused.status_code == 422 and "semeval2019" in refused.json()["error"]["message"]


def _paragraph_labels(result: dict[str, Any]) -> list[list[str]]:
    return [span["attrs"]["techniques"] for span in result["layers"]["paragraph_techniques"]]


def test_a_request_for_2023_gets_the_model_paragraph_labels_from_a_2020_server(
    client: httpx.Client, example_text: str
) -> None:
    """The server runs with the default taxonomy; the request's taxonomy alone adds the paragraph head's layer."""
    plain = client.post("/v1/analyze", json={"text": example_text}).json()
    assert "paragraph_techniques" not in plain["layers"] and "paragraph_model" not in plain["summary"]
    asked = [
        client.post("/v1/analyze", json={"text": example_text, "taxonomy": "semeval2023"}),
        client.post("/v1/analyze?taxonomy=both", json={"text": example_text}),
        client.post("/v1/analyze?taxonomy=semeval2023", files={"file": ("story.txt", example_text.encode())}),
    ]
    ids = set(get_taxonomy("semeval2023").ids)
    for response in asked:
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["layers"]["techniques"] == plain["layers"]["techniques"]  # nothing detected changes
        assert result["summary"]["paragraph_model"]
        lines = [number for number, _, _ in paragraph_lines(result["article"]["text"])]
        assert [span["attrs"]["line"] for span in result["layers"]["paragraph_techniques"]] == lines
        labels = _paragraph_labels(result)
        assert any(labels) and all(set(given) <= ids for given in labels)
        assert labels == _paragraph_labels(asked[0].json())
    # the analyzer the 2023 request used is not the server's: a 2020 request still gets no paragraph labels
    again = client.post("/v1/analyze", json={"text": example_text, "taxonomy": "semeval2020"}).json()
    assert "paragraph_techniques" not in again["layers"]
    report = client.post("/v1/analyze?format=html&taxonomy=semeval2023", json={"text": example_text})
    assert report.status_code == 200 and "SemEval-2023 paragraph labels" in report.text
