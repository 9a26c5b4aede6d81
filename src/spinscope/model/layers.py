"""Names of the span layers the stages write, so no stage spells them twice."""

from __future__ import annotations


class Layer:
    """Layer names used across spinscope (plain strings in the JSON form)."""

    PARAGRAPHS = "paragraphs"
    SENTENCES = "sentences"
    #: Spans that are not article content (share buttons, subscribe prompts); detectors skip them.
    BOILERPLATE = "boilerplate"
    #: Predicted propaganda spans, label = one of the 14 SemEval-2020 techniques.
    TECHNIQUES = "techniques"
    #: Gold technique spans read from a labelled corpus (PTC / SemEval folders).
    GOLD_TECHNIQUES = "gold_techniques"
    #: Gold propaganda spans without a technique (a SemEval-2020 SI gold file), for scoring SI.
    GOLD_SPANS = "gold_spans"
    #: One span per non-empty line (a SemEval-2023 paragraph): ``attrs["line"]`` its line number from 1,
    #: ``attrs["techniques"]`` the sorted SemEval-2023 labels predicted there.
    PARAGRAPH_TECHNIQUES = "paragraph_techniques"
    #: Attribution content spans; attrs hold source, cue and relay chain (see docs/schema.md).
    ATTRIBUTIONS = "attributions"
    QUOTE_SOURCES = "quote_sources"
    QUOTE_CUES = "quote_cues"
    RELAYS = "relays"
    #: Gold attributions read from PolNeAR, one span per fragment: the content fragments, the cue fragments
    #: and the source fragments of each annotated relation. ``attrs["relation"]`` is the relation's number in
    #: the article (the three layers share it) and ``attrs["fragment"]`` the fragment's place in its role.
    GOLD_ATTRIBUTIONS = "gold_attributions"
    GOLD_QUOTE_CUES = "gold_quote_cues"
    GOLD_QUOTE_SOURCES = "gold_quote_sources"
