"""``spinscope lint``: persuasion in drafts reported like a linter reports code, at the user's line and column.

A :class:`Linter` loads the segmenter and the technique model once, reads each draft with a map back
to its file (:func:`spinscope.io.sourcemap.read_draft_path`) and turns every finding at or above the
display threshold into a :class:`Finding` with its place in the file. Quotes and the outlet profile
are not linted; the ``anonymous-source`` rule (off unless selected) reports attributions without a
named source, an editor's check.

The rules speak the taxonomy of :attr:`Settings.taxonomy` (:func:`rules`): the model's SemEval-2020
classes, or the same findings named in SemEval-2023 through the documented mapping (marked as mapped,
a class that 2023 split as one rule named by every candidate), or 2020 rules named in both.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spinscope.errors import InputError, InputNotFoundError
from spinscope.io.sourcemap import MARKDOWN_SUFFIXES, SourceMap, read_draft_path
from spinscope.model import Article, Layer, Span
from spinscope.settings import BOTH, SEMEVAL2020, SEMEVAL2023, Settings, check_taxonomy

#: The rule that reports attributions without a named source; off unless ``--select`` names it.
ANONYMOUS_SOURCE = "anonymous-source"
#: ``--select`` groups: every technique rule, or every rule.
GROUP_TECHNIQUES = "techniques"
GROUP_ALL = "all"
#: File suffixes a folder is searched for (Markdown and plain text drafts).
DRAFT_SUFFIXES = frozenset({".txt", *MARKDOWN_SUFFIXES})
#: Longest fragment quoted in a finding's line before it is cut with an ellipsis.
FRAGMENT_CHARS = 60
#: Longest reason (the definition's first sentence) before it is cut: one line stays under ~200 characters.
REASON_CHARS = 70
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def rule_id(name: str) -> str:
    """The rule id of a technique label or name: ``Name_Calling,Labeling`` -> ``name-calling-labeling``."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-")


def mapped_rule_id(key: str) -> str:
    """The rule id of a SemEval-2023 reading (:func:`~spinscope.taxonomy.naming.label_2023`): every candidate's
    id, joined by ``|`` (``Guilt_by_Association|Appeal_to_Popularity`` ->
    ``guilt-by-association|appeal-to-popularity``)."""
    from spinscope.taxonomy.mapping import CANDIDATE_JOINER

    return CANDIDATE_JOINER.join(rule_id(name) for name in key.split(CANDIDATE_JOINER))


@dataclass(frozen=True)
class Rule:
    """One thing lint reports: a technique, or the anonymous-source check."""

    id: str
    #: The technique label findings carry (empty for ``anonymous-source``); under SemEval-2023, the reading
    #: a finding is named by (:func:`~spinscope.taxonomy.naming.label_2023`).
    label: str
    name: str
    description: str
    #: Under SemEval-2023: the SemEval-2020 class whose findings the rule reports through the mapping.
    mapped_from: str = ""
    #: The first words of a reason (``""``: the description's first sentence).
    summary: str = ""
    #: Under ``both``: the SemEval-2023 name of the rule's findings.
    name_2023: str = ""

    @property
    def short(self) -> str:
        """What a reason starts with: :attr:`summary`, else the description's first sentence."""
        return self.summary or self.description.split(". ")[0].rstrip(".")


def rules(taxonomy: str = SEMEVAL2020) -> dict[str, Rule]:
    """Every rule by id: the techniques of ``taxonomy`` (:attr:`Settings.taxonomy`), then ``anonymous-source``.

    ``semeval2020``: one rule per SemEval-2020 class. ``semeval2023``: one rule per SemEval-2023 reading of a
    2020 class (its findings are what is reported); a class that 2023 split is one rule named by every
    candidate ("one of: ..."), because the model cannot tell them apart. ``both``: the 2020 rules, named in both.
    """
    from spinscope.taxonomy import TECHNIQUES
    from spinscope.taxonomy.naming import both_name, label_2023, naming_2023

    check_taxonomy(taxonomy)
    found: dict[str, Rule] = {}
    for technique in TECHNIQUES:
        key = label_2023(technique.name, {})
        naming = naming_2023(key)
        if taxonomy != SEMEVAL2020 and naming is None:  # the mapping data names a technique 2023 lacks
            raise ValueError(f"the mapping reads {technique.name!r} as {key!r}, which SemEval-2023 does not define")
        if taxonomy == SEMEVAL2023 and naming is not None:
            split = len(key.split("|")) > 1
            summary = naming.display_name[:1].upper() + naming.display_name[1:]  # "One of: A, B", never cut
            found[mapped_rule_id(key)] = Rule(
                mapped_rule_id(key),
                key,
                naming.display_name,
                naming.definition,
                mapped_from=technique.name,
                summary=summary if split else "",
            )
        elif taxonomy == BOTH and naming is not None:
            name = both_name(technique.display_name, technique.name, {})[0]
            found[rule_id(technique.name)] = Rule(
                rule_id(technique.name), technique.name, name, technique.definition, name_2023=naming.display_name
            )
        else:
            found[rule_id(technique.name)] = Rule(
                rule_id(technique.name), technique.name, technique.display_name, technique.definition
            )
    found[ANONYMOUS_SOURCE] = Rule(
        ANONYMOUS_SOURCE,
        "",
        "Anonymous source",
        'A statement attributed to nobody, or to a description that names no one ("officials said").',
    )
    return found


def _names_2023(rule: Rule) -> dict[str, str]:
    """A SemEval-2023 rule's other names: its 2020 class, and each candidate's label and display name."""
    from spinscope.taxonomy import get_taxonomy
    from spinscope.taxonomy.mapping import CANDIDATE_JOINER

    taxonomy = get_taxonomy(SEMEVAL2023)
    names = {rule_id(rule.mapped_from): rule.id}
    for label in rule.label.split(CANDIDATE_JOINER):
        names |= {rule_id(label): rule.id, rule_id(taxonomy.get(label).display_name): rule.id}
    return names


def resolve_rules(
    select: Sequence[str] | None, ignore: Sequence[str] = (), *, taxonomy: str = SEMEVAL2020
) -> frozenset[str]:
    """The rule ids that run: ``select`` (default: every technique) less ``ignore``, among the rules of ``taxonomy``.

    Names may be rule ids, technique labels or display names, in any case; ``techniques`` and ``all``
    name groups. Under SemEval-2023 a candidate's name (``straw-man``) or a 2020 class names the rule that
    reports it.

    Raises:
        InputError: a name that is no rule (exit code 2), listing the rules.
    """
    known = rules(taxonomy)
    by_name = {rule_id(rule.name): rule.id for rule in known.values()} | {
        rule_id(rule.label): rule.id for rule in known.values() if rule.label
    }
    for rule in known.values():
        if rule.mapped_from:
            by_name |= _names_2023(rule)

    def expand(names: Iterable[str], flag: str) -> set[str]:
        chosen: set[str] = set()
        for raw in names:
            for name in filter(None, (part.strip() for part in raw.split(","))):
                slug = rule_id(name)
                if slug == GROUP_ALL:
                    chosen |= set(known)
                elif slug == GROUP_TECHNIQUES:
                    chosen |= {rule.id for rule in known.values() if rule.label}
                elif slug in known or slug in by_name:
                    chosen.add(known[slug].id if slug in known else by_name[slug])
                else:
                    choices = ", ".join([GROUP_ALL, GROUP_TECHNIQUES, *known])
                    raise InputError(flag, f"{name!r} is not a rule; choose from {choices}")
        return chosen

    selected = expand(select, "--select") if select else {rule.id for rule in known.values() if rule.label}
    return frozenset(selected - expand(ignore, "--ignore"))


@dataclass(frozen=True)
class Finding:
    """One reported fragment: where it is in the user's file and why it is reported."""

    path: str
    rule: str
    name: str
    score: float | None
    fragment: str
    reason: str
    #: 1-based line and column (in characters) of the fragment's first and last character in the file.
    line: int
    column: int
    end_line: int
    end_column: int
    #: Byte offset and length of the fragment in the file.
    byte_offset: int
    byte_length: int
    #: Offsets in the article text the analysis saw.
    start: int
    end: int
    #: Under ``semeval2023`` or ``both`` (else ``None``, and left out of :meth:`to_dict`): the model's
    #: SemEval-2020 label, and the SemEval-2023 name through the mapping (candidates joined by ``|``).
    semeval2020: str | None = None
    semeval2023: str | None = None

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        return {k: v for k, v in found.items() if v is not None or k not in ("semeval2020", "semeval2023")}


@dataclass(frozen=True)
class LintOptions:
    """What to report: the display threshold (``None``: the settings', else the model's) and the rules."""

    min_score: float | None = None
    rules: frozenset[str] = field(default_factory=lambda: resolve_rules(None))


def _short_reason(rule: Rule, span: Span, label: str = "") -> str:
    """The definition's first sentence, cut at a word to :data:`REASON_CHARS`, and the words that weighed most;
    a finding named through the mapping says so (its SemEval-2020 ``label``), one named in both its 2023 name."""
    sentence = rule.short
    if len(sentence) > REASON_CHARS and not rule.summary:
        sentence = sentence[: sentence.rfind(" ", 0, REASON_CHARS)].rstrip(",;") + "…"
    words = [str(word) for word in span.attrs.get("top_words") or ()]
    notes = [f"words: {', '.join(words)}"] if words else []
    if rule.mapped_from:
        notes.append(f"mapped from SemEval-2020 {label or rule.mapped_from}")
    elif rule.name_2023:
        notes.append(f"2023: {rule.name_2023}")
    return sentence + (f" ({'; '.join(notes)})" if notes else "")


def _fragment(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= FRAGMENT_CHARS else flat[: FRAGMENT_CHARS - 1] + "…"


class Linter:
    """The stages lint needs, loaded once: segmenter, technique model, quotes only for anonymous-source."""

    def __init__(self, settings: Settings | None = None, options: LintOptions | None = None) -> None:
        from spinscope import detect, segment

        self.settings = settings or Settings()
        self.options = options or LintOptions()
        self.rules = rules(self.settings.taxonomy)
        self.selected = self._in_taxonomy(self.options.rules)
        self.technique_labels = {self.rules[r].label for r in self.selected if self.rules[r].label}
        self.stages: list[Any] = [segment.build_stage(self.settings)]
        self.detect = detect.build_stage(self.settings) if self.technique_labels else None
        if self.detect is not None:
            self.stages.append(self.detect)
        if ANONYMOUS_SOURCE in self.selected:
            from spinscope import quotes

            self.stages.append(quotes.build_stage(self.settings))

    def _in_taxonomy(self, ids: frozenset[str]) -> frozenset[str]:
        """``ids`` as rules of this linter's taxonomy: a SemEval-2020 rule id stands for the rule of its class."""
        of_class = {rule_id(rule.mapped_from): rule.id for rule in self.rules.values() if rule.mapped_from}
        return frozenset(of_class.get(name, name) for name in ids if name in self.rules or name in of_class)

    @property
    def min_score(self) -> float:
        """The display threshold: ``--min-score``, else ``Settings.min_score``, else the model's own."""
        if self.options.min_score is not None:
            return self.options.min_score
        if self.settings.min_score is not None:
            return self.settings.min_score
        return self.detect.model.min_score if self.detect is not None else 0.0

    def analyze(self, article: Article) -> Article:
        from spinscope.pipeline import attach, check_length

        check_length(article, self.settings)
        for stage in self.stages:
            attach(article, stage.predict(article))
        return article

    def lint_path(self, path: Path | str) -> list[Finding]:
        """The findings of one draft file, in file order.

        Raises:
            InputError: the file cannot be read as a draft.
        """
        article, mapping = read_draft_path(path, max_bytes=self.settings.input_byte_limit)
        return self.findings(self.analyze(article), mapping, str(path))

    def findings(self, article: Article, mapping: SourceMap, path: str) -> list[Finding]:
        """The findings of an analysed article, placed in its file through ``mapping``."""
        from spinscope.taxonomy.naming import label_2023

        found: list[tuple[Span, Rule, str]] = []
        threshold = self.min_score
        mapped = self.settings.taxonomy == SEMEVAL2023
        for span in article.spans(Layer.TECHNIQUES):
            key = label_2023(span.label, span.attrs) if mapped else span.label
            rule = self.rules.get(mapped_rule_id(key) if mapped else rule_id(key))
            if rule is None or rule.id not in self.selected or span.end <= span.start:
                continue
            if span.score is not None and span.score < threshold:
                continue
            found.append((span, rule, _short_reason(rule, span, span.label)))
        if ANONYMOUS_SOURCE in self.selected:
            found += self._anonymous(article)
        named = self.settings.taxonomy != SEMEVAL2020
        results = []
        for span, rule, reason in sorted(found, key=lambda item: (item[0].start, item[0].end, item[1].id)):
            first, last = mapping.position(span.start), mapping.position(span.end - 1)
            results.append(
                Finding(
                    path=path,
                    rule=rule.id,
                    name=rule.name,
                    score=span.score,
                    fragment=_fragment(article.span_text(span)),
                    reason=reason,
                    line=first.line,
                    column=first.column,
                    end_line=last.line,
                    end_column=last.column + 1,
                    byte_offset=first.byte,
                    byte_length=mapping.byte_length(span.start, span.end),
                    start=span.start,
                    end=span.end,
                    semeval2020=span.label if named and rule.label else None,
                    semeval2023=label_2023(span.label, span.attrs) if named and rule.label else None,
                )
            )
        return results

    def _anonymous(self, article: Article) -> list[tuple[Span, Rule, str]]:
        from spinscope.model.profile import source_status

        rule = self.rules[ANONYMOUS_SOURCE]
        found = []
        for quote in article.spans(Layer.ATTRIBUTIONS):
            if source_status(quote) != "anonymous":
                continue
            where = quote.attrs.get("source") or quote.attrs.get("cue")
            span = quote
            if isinstance(where, dict) and isinstance(where.get("start"), int) and isinstance(where.get("end"), int):
                span = Span(where["start"], where["end"], label=quote.label)
            said = " ".join(article.span_text(span).split())
            reason = f'attributed to "{said}", who is not named' if span is not quote else "attributed to no one"
            found.append((Span(span.start, max(span.end, span.start + 1), label=quote.label), rule, reason))
        return found


def draft_paths(patterns: Sequence[str]) -> list[Path]:
    """The draft files that ``patterns`` name: files as given, folders searched for drafts (hidden folders and
    files skipped), globs expanded.

    Raises:
        InputNotFoundError: a path that does not exist, or a glob or folder that matches no draft.
    """
    paths: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DRAFT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)  # .git, .venv, ...
            )
            if not found:
                raise InputNotFoundError(pattern, f"holds no draft ({', '.join(sorted(DRAFT_SUFFIXES))} files)")
            paths += found
        elif path.exists():
            paths.append(path)
        elif glob.has_magic(pattern):
            matched = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not matched:
                raise InputNotFoundError(pattern, "matches no file")
            paths += matched
        else:
            raise InputNotFoundError(pattern, "no such file")
    unique: dict[Path, None] = dict.fromkeys(paths)
    return list(unique)
