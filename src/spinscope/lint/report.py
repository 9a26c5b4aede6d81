"""How lint findings are written: one line each (``path:line:col: ...``), JSON, or SARIF 2.1.0.

Under another taxonomy than the default (:attr:`Settings.taxonomy`), JSON and SARIF say which one and
carry the note the other faces show under mapped findings; each finding keeps its SemEval-2020 label.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from spinscope.lint import Finding, Rule, rules
from spinscope.settings import SEMEVAL2020
from spinscope.version import __version__

#: The SARIF version written, and the official schema it validates against (OASIS, errata 01).
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _score(finding: Finding) -> str:
    return "" if finding.score is None else f" ({finding.score:.2f})"


def text_report(findings: Sequence[Finding]) -> str:
    """``path:line:col: rule (score) "fragment" - reason``, one line per finding."""
    return "".join(f'{f.path}:{f.line}:{f.column}: {f.rule}{_score(f)} "{f.fragment}" - {f.reason}\n' for f in findings)


def _taxonomy_fields(taxonomy: str) -> dict[str, str]:
    """``taxonomy`` and ``taxonomy_note`` of a report named in another taxonomy than the default (else none)."""
    from spinscope.taxonomy.naming import taxonomy_note

    return {} if taxonomy == SEMEVAL2020 else {"taxonomy": taxonomy, "taxonomy_note": taxonomy_note(taxonomy)}


def json_report(
    findings: Sequence[Finding], *, files: int, min_score: float, errors: Sequence[str], taxonomy: str = SEMEVAL2020
) -> str:
    """Every finding as an object, with what was linted, at which threshold and (if not the default) in which
    taxonomy."""
    data = {
        "files": files,
        "min_score": min_score,
        **_taxonomy_fields(taxonomy),
        "findings": [finding.to_dict() for finding in findings],
        "errors": list(errors),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    as_path = Path(path)
    if as_path.is_absolute():
        return as_path.as_uri()
    return quote(as_path.as_posix())


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    short = rule.short + "."
    mapped = {"properties": {"semeval2020": rule.mapped_from, "mapped": True}} if rule.mapped_from else {}
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.description},
        "help": {"text": f"{rule.description} Rule {rule.id} of spinscope lint (docs/lint.md)."},
        "defaultConfiguration": {"level": "warning"},
        **mapped,
    }


def _result_properties(finding: Finding) -> dict[str, Any]:
    names = {"semeval2020": finding.semeval2020, "semeval2023": finding.semeval2023}
    return {"score": finding.score, **{k: v for k, v in names.items() if v is not None}}


def sarif_report(
    findings: Sequence[Finding], *, min_score: float, errors: Sequence[str], taxonomy: str = SEMEVAL2020
) -> str:
    """A SARIF 2.1.0 log (GitHub code scanning, editors): one run, every rule of ``taxonomy``, one result per finding.

    Columns count Unicode code points (``columnKind``); regions also carry byte offsets.
    """
    known = rules(taxonomy)
    order = list(known)
    results = []
    for finding in findings:
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": order.index(finding.rule),
                "level": "warning",
                "message": {
                    "text": f'{known[finding.rule].name}{_score(finding)}: "{finding.fragment}" - {finding.reason}'
                },
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(finding.path)},
                            "region": {
                                "startLine": finding.line,
                                "startColumn": finding.column,
                                "endLine": finding.end_line,
                                "endColumn": finding.end_column,
                                "byteOffset": finding.byte_offset,
                                "byteLength": finding.byte_length,
                                "snippet": {"text": finding.fragment},
                            },
                        }
                    }
                ],
                "properties": _result_properties(finding),
            }
        )
    notifications = [{"level": "error", "message": {"text": error}} for error in errors]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "spinscope",
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in known.values()],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                        "properties": {"min_score": min_score, **_taxonomy_fields(taxonomy)},
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
