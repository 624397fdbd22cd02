"""`--format junit`: JUnit XML for GitLab (`artifacts:reports:junit`), Jenkins, Azure DevOps.

One <testsuite> per file and one <testcase> per file × rule that ran, passed checks included
(the CI test tab reads "112 checks, 3 failed" instead of nothing when all is well). Each finding
of a rule becomes part of that testcase's <failure>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity

# Characters XML 1.0 cannot carry (values read from broken files may hold them).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LINE_WORD = {"es": "línea", "en": "line"}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(finding: Finding, lang: str) -> str:
    if finding.sheet:
        return f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
    if finding.line:
        word = LINE_WORD.get(lang, LINE_WORD["es"])
        return f"{word} {finding.line}" + (f", {finding.xpath}" if finding.xpath else "")
    return finding.xpath or ""


def _suites(run: RunResult) -> list[tuple[str, list[str], list[Finding]]]:
    """(path, codes that ran, findings) per file, in path order."""
    by_path: dict[str, tuple[list[str], list[Finding]]] = {}
    for result in run.files:
        codes, findings = by_path.setdefault(result.path, ([], []))
        codes.extend(result.codes_ran)
    for finding in run.findings:
        by_path.setdefault(finding.path, ([], []))[1].append(finding)
    return [(path, codes, findings) for path, (codes, findings) in sorted(by_path.items())]


def _rule_name(code: str) -> str:
    from mec_lint.registry import load_registry

    rule = load_registry().rules.get(code)
    return f"{code} {rule.name}" if rule is not None else code


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    root = ET.Element("testsuites", name="mec-lint")
    total_tests = total_failures = 0
    for path, codes_ran, findings in _suites(run):
        by_code: dict[str, list[Finding]] = {}
        for finding in findings:
            by_code.setdefault(finding.code, []).append(finding)
        codes = sorted(set(codes_ran) | set(by_code))
        if not codes:
            codes = ["mec-lint"]  # a file nothing ran on still shows up as checked
        failing = {
            code for code, found in by_code.items() if any(f.severity is not Severity.INFO for f in found)
        }
        failures = len(failing)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(codes)),
            failures=str(failures),
            errors="0",
            skipped="0",
        )
        for code in codes:
            case = ET.SubElement(
                suite, "testcase", name=_rule_name(code), classname=_clean(path), file=_clean(path)
            )
            code_findings = by_code.get(code)
            if not code_findings:
                continue
            first = code_findings[0]
            if first.line:
                case.set("line", str(first.line))
            if code not in failing:  # info notes (e.g. «not signed yet») are not failures
                out = ET.SubElement(case, "system-out")
                out.text = _clean(
                    "\n".join(f"{f.code} {_where(f, lang)}: {f.message}" for f in code_findings)
                )
                continue
            failure = ET.SubElement(case, "failure", message=_clean(first.message), type=first.severity.value)
            failure.text = _clean(
                "\n".join(
                    f"{f.severity.value} {f.code} {_where(f, lang)}: {f.message}" for f in code_findings
                )
            )
        total_tests += len(codes)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
