"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

- The rules table comes from rule metadata (summary, why, explanation, default level).
- Artifact URIs are repo-relative (to $GITHUB_WORKSPACE or the current folder) and percent-encoded.
- `region.startLine` is always ≥ 1 (1 when a finding has no line: workbooks, whole-file findings);
  workbook cells (`Hoja!C7`), zip members and XPaths go into `logicalLocations`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mec_lint import __version__
from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import json_text
from mec_lint.formatters._paths import artifact_uri, split_member
from mec_lint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    from mec_lint.docs import explain_text, rule_markdown, rule_texts

    texts = rule_texts(rule, lang)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary_for(lang)},
        "fullDescription": {"text": texts.why or rule.summary_for(lang)},
        "help": {"text": explain_text(rule, lang), "markdown": rule_markdown(rule, lang=lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "spec": texts.spec,
            "tags": [rule.code.rstrip("0123456789") or rule.code],
        },
    }
    return descriptor


def _logical_locations(finding: Finding) -> list[dict[str, str]]:
    locations: list[dict[str, str]] = []
    _, member = split_member(finding.path)
    if member:
        locations.append({"fullyQualifiedName": finding.path, "kind": "module"})
    if finding.sheet:
        name = f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
        locations.append(
            {"name": finding.cell or finding.sheet, "fullyQualifiedName": name, "kind": "element"}
        )
    elif finding.xpath:
        name = f"{finding.xpath}/@{finding.attribute}" if finding.attribute else finding.xpath
        locations.append({"fullyQualifiedName": name, "kind": "element"})
    return locations


def _fingerprint(finding: Finding) -> str:
    from mec_lint.baseline import location_of

    text = "\x1f".join((finding.path, finding.code, location_of(finding), finding.value or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _message(finding: Finding) -> str:
    if finding.sheet and f"{finding.sheet}!" not in finding.message:
        where = f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
        return f"{where}: {finding.message}"
    _, member = split_member(finding.path)
    if member and member not in finding.message:
        return f"{member}: {finding.message}"
    return finding.message


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": finding.line if finding.line and finding.line >= 1 else 1}
    if finding.line and finding.column and finding.column >= 1:
        region["startColumn"] = finding.column
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(finding.path)}, "region": region}
    }
    logical = _logical_locations(finding)
    if logical:
        location["logicalLocations"] = logical
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [location],
        "partialFingerprints": {"mecLintFinding/v1": _fingerprint(finding)},
    }
    if finding.code in rule_index:
        data["ruleIndex"] = rule_index[finding.code]
    return data


def payload(run: RunResult, lang: str = "es") -> dict[str, Any]:
    from mec_lint.registry import load_registry

    registry = load_registry()
    findings = run.findings
    codes = sorted(set(registry.rules) | {f.code for f in findings})
    rules = [rule_descriptor(registry.rules[code], lang) for code in codes if code in registry.rules]
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mec-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not (run.internal_error or run.usage_error)}],
                "columnKind": "unicodeCodePoints",
                "results": [result(f, rule_index) for f in findings],
            }
        ],
    }


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    return json_text(json.dumps(payload(run, lang), ensure_ascii=False, indent=2)) + "\n"
