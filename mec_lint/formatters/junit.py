"""`--format junit`: JUnit XML for GitLab (`artifacts:reports:junit`), Jenkins, Azure DevOps.

One <testsuite> per file and one <testcase> per file × rule that ran, passed checks included
(the CI test tab reads "112 checks, 3 failed" instead of nothing when all is well).

Only errors turn a test red: a testcase with an error finding gets a <failure> (listing every
finding of that rule on that file). Warnings, by default, go to the testcase's <system-out>
(the test stays green); `junit_warnings="skipped"` marks such a testcase <skipped> instead, and
`"failure"` makes warnings red too (the CLI uses it when warnings fail the run: `--strict`,
`--max-warnings`; `--junit-warnings` chooses). Info findings are always <system-out>.

`time`: <testsuites> has the run's wall time; each file's <testsuite> the time spent checking that
file (measured per file, in the worker that checked it), spread evenly over its <testcase>
elements (mec-lint does not time each rule). A run whose files carry no time (built by hand)
spreads its wall time evenly over the files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import visible

# Characters XML 1.0 cannot carry (values read from broken files may hold them).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LINE_WORD = {"es": "línea", "en": "line"}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", visible(text))


def _where(finding: Finding, lang: str) -> str:
    if finding.sheet:
        return f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
    if finding.line:
        word = LINE_WORD.get(lang, LINE_WORD["es"])
        return f"{word} {finding.line}" + (f", {finding.xpath}" if finding.xpath else "")
    return finding.xpath or ""


def _suites(run: RunResult) -> list[tuple[str, list[str], list[Finding], float | None]]:
    """(path, codes that ran, findings, seconds spent checking it or None) per file, in path order."""
    by_path: dict[str, tuple[list[str], list[Finding]]] = {}
    seconds: dict[str, float] = {}
    for result in run.files:
        codes, findings = by_path.setdefault(result.path, ([], []))
        codes.extend(result.codes_ran)
        if result.elapsed is not None:
            seconds[result.path] = seconds.get(result.path, 0.0) + max(result.elapsed, 0.0)
    for finding in run.findings:
        by_path.setdefault(finding.path, ([], []))[1].append(finding)
    return [(path, codes, findings, seconds.get(path)) for path, (codes, findings) in sorted(by_path.items())]


def _rule_name(code: str) -> str:
    from mec_lint.registry import load_registry

    rule = load_registry().rules.get(code)
    return f"{code} {rule.name}" if rule is not None else code


WARNING_MODES = ("system-out", "skipped", "failure")


def _fails(finding: Finding, warnings: str) -> bool:
    if finding.severity is Severity.ERROR:
        return True
    return finding.severity is Severity.WARNING and warnings == "failure"


def render(
    run: RunResult, *, color: bool = False, lang: str = "es", junit_warnings: str = "system-out"
) -> str:
    if junit_warnings not in WARNING_MODES:
        raise ValueError(f"junit_warnings: {junit_warnings!r} is not one of {WARNING_MODES}")
    root = ET.Element("testsuites", name="mec-lint")
    suites = _suites(run)
    timed = any(seconds is not None for *_, seconds in suites)
    if run.elapsed is not None:
        elapsed = max(run.elapsed, 0.0)
    else:
        elapsed = sum(seconds or 0.0 for *_, seconds in suites)
    even_share = elapsed / len(suites) if suites else 0.0  # only for a run whose files carry no time
    total_tests = total_failures = total_skipped = 0
    for path, codes_ran, findings, seconds in suites:
        per_suite = (seconds or 0.0) if timed else even_share
        by_code: dict[str, list[Finding]] = {}
        for finding in findings:
            by_code.setdefault(finding.code, []).append(finding)
        codes = sorted(set(codes_ran) | set(by_code))
        if not codes:
            codes = ["mec-lint"]  # a file nothing ran on still shows up as checked
        failing = {code for code, found in by_code.items() if any(_fails(f, junit_warnings) for f in found)}
        skipped = (
            {
                code
                for code, found in by_code.items()
                if code not in failing and any(f.severity is Severity.WARNING for f in found)
            }
            if junit_warnings == "skipped"
            else set()
        )
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(codes)),
            failures=str(len(failing)),
            errors="0",
            skipped=str(len(skipped)),
            time=f"{per_suite:.3f}",
        )
        per_case = f"{per_suite / len(codes):.6f}"
        for code in codes:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_rule_name(code),
                classname=_clean(path),
                file=_clean(path),
                time=per_case,
            )
            code_findings = by_code.get(code)
            if not code_findings:
                continue
            first = next((f for f in code_findings if _fails(f, junit_warnings)), code_findings[0])
            if first.line:
                case.set("line", str(first.line))
            listing = _clean(
                "\n".join(
                    f"{f.severity.value} {f.code} {_where(f, lang)}: {f.message}" for f in code_findings
                )
            )
            if code in failing:
                failure = ET.SubElement(
                    case, "failure", message=_clean(first.message), type=first.severity.value
                )
                failure.text = listing
                continue
            if code in skipped:
                ET.SubElement(case, "skipped", message=_clean(first.message))
            out = ET.SubElement(case, "system-out")  # warnings and info notes keep the test green
            out.text = listing
        total_tests += len(codes)
        total_failures += len(failing)
        total_skipped += len(skipped)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", str(total_skipped))
    root.set("time", f"{elapsed:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
