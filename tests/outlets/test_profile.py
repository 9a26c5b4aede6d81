"""Outlet profiles from the reliability lists and the shipped registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.model import Article
from spinscope.outlets import build_stage, profile_outlet
from spinscope.outlets.lists import normalize_domain
from spinscope.outlets.registry import lookup_domain, lookup_name, registry
from spinscope.settings import Settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.russia-insider.com/en/a?b=c", "russia-insider.com"),
        ("WWW.BBC.CO.UK", "bbc.co.uk"),
        ("news.bbc.co.uk:443/path", "news.bbc.co.uk"),
        ("tass.com.", "tass.com"),
    ],
)
def test_normalize_domain(value: str, expected: str) -> None:
    assert normalize_domain(value) == expected


def test_registry_aliases_and_domains() -> None:
    assert lookup_name("ITAR-TASS") is lookup_name("TASS")
    assert lookup_name("itar tass") is not None
    assert lookup_domain("news.bbc.co.uk") is lookup_name("BBC")
    assert lookup_name("Tassie") is None
    kinds = {entry.kind for entry in registry()}
    assert {"news_agency", "broadcaster", "social_media"} <= kinds


@pytest.mark.data
@pytest.mark.parametrize(
    "query", ["Russia-Insider", "Russia Insider", "russia-insider.com", "https://www.russia-insider.com/en/x"]
)
def test_russia_insider_spellings_give_one_profile(query: str, data_dir: Path) -> None:
    profile = profile_outlet(query, data_dir=data_dir)
    assert profile["known"] is True
    assert profile["domain"] == "russia-insider.com"
    lists = {r["list"] for r in profile["ratings"]}
    # both families of lists are shown side by side, each with its own verdict
    assert any(name.startswith("baly-") for name in lists)
    assert any(name.startswith("idiap-") for name in lists)
    factuality = {r["list"]: r["factuality"] for r in profile["ratings"] if r["factuality"]}
    assert factuality["baly-emnlp18 (MBFC)"] == "mixed"
    assert factuality["idiap-mbfc"] == "low"


@pytest.mark.data
@pytest.mark.parametrize("query", ["russia-insider.co", "Russia-Insiders", "russiainsider.org", "Tass Weekly", ""])
def test_near_misses_are_unknown(query: str, data_dir: Path) -> None:
    profile = profile_outlet(query, data_dir=data_dir)
    assert profile["known"] is False
    assert profile["ratings"] == [] and profile["registry"] is None


@pytest.mark.data
def test_subdomain_and_registry_entry(data_dir: Path) -> None:
    profile = profile_outlet("news.bbc.co.uk", data_dir=data_dir)
    assert profile["domain"] == "bbc.co.uk"
    assert profile["registry"]["kind"] == "broadcaster"
    tass = profile_outlet("ITAR-TASS", data_dir=data_dir)
    assert tass["registry"]["country"] == "Russia"


def test_missing_lists_give_registry_entry_only(tmp_path: Path) -> None:
    profile = profile_outlet("ITAR-TASS", data_dir=tmp_path)
    assert profile["known"] is True
    assert profile["ratings"] == []
    assert profile["registry"]["name"] == "TASS"
    assert "no reliability lists" in profile["note"]


@pytest.mark.data
def test_stage_profiles_outlet_or_url(data_dir: Path) -> None:
    stage = build_stage(Settings(data_dir=data_dir))
    by_name = stage.predict(Article("text", outlet="Russia-Insider")).summary["outlet"]
    by_url = stage.predict(Article("text", url="https://russia-insider.com/en/story")).summary["outlet"]
    assert by_name["domain"] == by_url["domain"] == "russia-insider.com"
    assert stage.predict(Article("text")).summary["outlet"] is None
