"""The detect stage with the shipped paragraph head: SemEval-2023 labels per paragraph from the same pass."""

from __future__ import annotations

import numpy as np

from spinscope import Article, Layer
from spinscope.detect import DetectStage
from spinscope.detect.stage import build_stage
from spinscope.pipeline import attach
from spinscope.settings import Settings
from spinscope.taxonomy import get_taxonomy

TEXT = (
    "A headline about the vote\n\n"
    "The corrupt, lying traitors in Washington want to destroy our great nation.\n"
    "The committee met on Tuesday to discuss the budget for next year.\n"
    "Make America great again!"
)


def test_the_2023_taxonomy_adds_paragraph_labels_and_leaves_the_findings_alone(detect_stage: DetectStage) -> None:
    with_head = build_stage(Settings(taxonomy="semeval2023", threads=1))
    assert with_head.paragraph_head is not None
    assert build_stage(Settings(threads=1)).paragraph_head is None
    plain = attach(Article(TEXT, id="t"), detect_stage.predict(Article(TEXT, id="t")))
    article = attach(Article(TEXT, id="t"), with_head.predict(Article(TEXT, id="t")))
    assert not plain.spans(Layer.PARAGRAPH_TECHNIQUES)
    found = [s.to_dict() for s in article.spans(Layer.TECHNIQUES)]
    assert found == [s.to_dict() for s in plain.spans(Layer.TECHNIQUES)]
    paragraphs = article.spans(Layer.PARAGRAPH_TECHNIQUES)
    assert [p.attrs["line"] for p in paragraphs] == [1, 3, 4, 5]
    known = set(get_taxonomy("semeval2023").detected_ids)
    for paragraph in paragraphs:
        assert TEXT[paragraph.start : paragraph.end] == TEXT.split("\n")[paragraph.attrs["line"] - 1]
        assert set(paragraph.attrs["techniques"]) <= known
        assert sorted(paragraph.attrs["scores"]) == paragraph.attrs["techniques"]
    loaded = next(p for p in paragraphs if p.attrs["line"] == 3)
    assert "Loaded_Language" in loaded.attrs["techniques"] or "Name_Calling-Labeling" in loaded.attrs["techniques"]


def test_the_head_reads_the_pass_states_of_long_texts_in_pieces(detect_stage: DetectStage) -> None:
    text = "\n".join(f"Paragraph {i}: the reckless, shameful scheme will devastate our town." for i in range(400))
    passage = detect_stage.read(Article(text, id="long"), keep_states=True)
    assert passage.states is not None and passage.states.shape[0] == len(passage.encoding)
    assert np.isfinite(passage.states).all()
    assert detect_stage.read(Article(text, id="long")).states is None
