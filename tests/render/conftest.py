"""Result dicts built by hand (so highlights are tested whatever the detector predicts) and from gold."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from spinscope.io.ptc import read_ptc
from spinscope.model import Article, Layer, Span
from spinscope.settings import default_data_dir

if TYPE_CHECKING:
    pass

HAND_TEXT = (
    'Foreign Minister Sergei Lavrov said the bombing was a "monstrous crime", according to TASS.\n\n'
    "These traitors want to destroy our great nation. Everyone knows it."
)


HOSTILE_TEXT = (
    'Intro </script><script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> '
    "then \"quotes\" & 'apostrophes' <!-- comment --> end."
)


def _at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def hand_result() -> dict[str, Any]:
    """An analysed article with nested and crossing technique spans, one quote with a relay, an outlet."""
    article = Article(
        HAND_TEXT,
        id="hand-1",
        title="A hand-made article",
        author="A. Writer",
        outlet="Example Post",
        date="2024-01-02",
        url="https://example.org/story",
    )
    text = article.text
    monstrous = _at(text, "monstrous crime")
    traitors = _at(text, "These traitors want to destroy our great nation")
    great_nation = _at(text, "our great nation")
    everyone = _at(text, "nation. Everyone knows it")  # crosses the end of `traitors`
    article.set_layer(
        Layer.TECHNIQUES,
        [
            Span(
                *monstrous,
                label="Loaded_Language",
                score=0.91,
                attrs={"reason": "emotive words", "top_words": ["monstrous"]},
            ),
            Span(
                *traitors,
                label="Name_Calling,Labeling",
                score=0.8,
                attrs={"reason": "labels opponents", "top_words": []},
            ),
            Span(
                *great_nation,
                label="Flag-Waving",
                score=0.66,
                attrs={"reason": "appeals to the nation", "top_words": []},
            ),
            Span(
                *everyone,
                label="Bandwagon,Reductio_ad_hitlerum",
                score=0.4,
                attrs={"reason": "everyone", "top_words": []},
            ),
        ],
    )
    source = _at(text, "Foreign Minister Sergei Lavrov")
    cue = _at(text, "said")
    relay = _at(text, "TASS")
    quote = Span(
        *_at(text, 'the bombing was a "monstrous crime"'),
        label="indirect",
        attrs={
            "source": {"start": source[0], "end": source[1]},
            "source_name": "Sergei Lavrov",
            "cue": {"start": cue[0], "end": cue[1]},
            "relays": [{"start": relay[0], "end": relay[1], "name": "TASS", "kind": "news_agency", "order": 1}],
        },
    )
    article.set_layer(Layer.ATTRIBUTIONS, [quote])
    article.summary.update(
        {
            "propaganda_score": 0.73,
            "technique_counts": {"Loaded_Language": 1},
            "model": {"name": "hand", "version": "0"},
            "outlet": {
                "query": "Example Post",
                "name": "Example Post",
                "domain": "example.org",
                "known": True,
                "ratings": [
                    {"list": "demo-list", "factuality": "low", "bias": "right", "country": "XX", "reliability": None}
                ],
                "registry": None,
            },
        }
    )
    return article.to_dict()


@pytest.fixture
def hostile_result() -> dict[str, Any]:
    """Article text and metadata full of markup that must stay inert."""
    article = Article(HOSTILE_TEXT, id="x<y>", title="<b>Title</b>", url="javascript:alert(1)")
    start = HOSTILE_TEXT.index("<script>")
    article.set_layer(
        Layer.TECHNIQUES,
        [Span(start, start + 20, label="Loaded_Language", score=0.9, attrs={"reason": "</script><b>x</b>"})],
    )
    return article.to_dict()


@pytest.fixture
def result() -> dict[str, Any]:
    return hand_result()


@pytest.fixture(scope="session")
def gold_result() -> dict[str, Any]:
    """The first PTC v2 training article, read with its gold spans (needs ``../shared/data``)."""
    articles_dir = default_data_dir() / "semeval2020-task11-ptc-v2" / "train-articles"
    if not articles_dir.is_dir():
        pytest.fail(f"PTC data not found at {articles_dir}")
    for article in read_ptc(articles_dir):
        if len(article.spans(Layer.GOLD_TECHNIQUES)) >= 5:
            return article.to_dict()
    pytest.fail("no PTC article with gold spans")


@pytest.fixture(scope="session")
def seed_result(seed_path: Path) -> dict[str, Any]:
    """The seed article, read and analysed with the default settings (needs ``../shared``)."""
    from spinscope import analyze
    from spinscope.io import read_input
    from spinscope.settings import Settings

    if not seed_path.is_file():
        pytest.fail(f"seed article not found at {seed_path}")
    settings = Settings()
    return analyze(read_input(str(seed_path), settings=settings), settings=settings).to_dict()
