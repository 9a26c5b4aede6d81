"""How lint findings are written: one line each (``path:line:col: ...``), JSON, or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from spinscope.lint import Finding, Rule, rules
from spinscope.version import __version__

#: The SARIF version written, and the official schema it validates against (OASIS, errata 01).
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _score(finding: Finding) -> str:
    return "" if finding.score is None else f" ({finding.score:.2f})"


def text_report(findings: Sequence[Finding]) -> str:
    """``path:line:col: rule (score) "fragment" - reason``, one line per finding."""
    return "".join(f'{f.path}:{f.line}:{f.column}: {f.rule}{_score(f)} "{f.fragment}" - {f.reason}\n' for f in findings)


def json_report(findings: Sequence[Finding], *, files: int, min_score: float, errors: Sequence[str]) -> str:
    """Every finding as an object, with what was linted and at which threshold."""
    data = {
        "files": files,
        "min_score": min_score,
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
    short = rule.description.split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.description},
        "help": {"text": f"{rule.description} Rule {rule.id} of spinscope lint (docs/lint.md)."},
        "defaultConfiguration": {"level": "warning"},
    }


def sarif_report(findings: Sequence[Finding], *, min_score: float, errors: Sequence[str]) -> str:
    """A SARIF 2.1.0 log (GitHub code scanning, editors): one run, every rule, one result per finding.

    Columns count Unicode code points (``columnKind``); regions also carry byte offsets.
    """
    known = rules()
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
                "properties": {"score": finding.score},
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
                        "properties": {"min_score": min_score},
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
