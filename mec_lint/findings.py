"""The one finding type every check produces and every formatter reads."""

from __future__ import annotations

import enum
from typing import Any

from mec_lint.record import Record


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


# Order of the keys in the JSON contract (issue #2): every finding carries all of them.
FINDING_KEYS = (
    "path",
    "line",
    "column",
    "element",
    "xpath",
    "attribute",
    "value",
    "expected",
    "sheet",
    "row",
    "cell",
    "code",
    "severity",
    "message",
)


class Finding(Record):
    """One finding. Its fields (`FIELDS`) in the constructor's order; `generic` and `omitted` are
    not part of the JSON contract: `generic` marks a schema finding that a specific rule may
    replace, `omitted` one past `limits.max_findings_per_code` in its file, built without its
    message or place (Context.report) and counted into one summary finding."""

    FIELDS = (
        "path",
        "code",
        "severity",
        "message",
        "line",
        "column",
        "element",
        "xpath",
        "attribute",
        "value",
        "expected",
        "sheet",
        "row",
        "cell",
        "generic",
        "omitted",
    )
    UNCOMPARED = ("omitted",)

    path: str
    code: str
    severity: Severity
    message: str
    line: int | None
    column: int | None
    element: str | None
    xpath: str | None
    attribute: str | None
    value: str | None
    expected: str | None
    sheet: str | None
    row: int | None
    cell: str | None
    generic: bool
    omitted: bool

    # Plain assignments in one fixed order: CPython keeps the values inline with keys shared by
    # every finding (≈ 0.5 µs and 200 bytes a finding; filling the instance dict with
    # `__dict__.update` materialised a dict of its own, ≈ 1.7 µs and 464 bytes).
    def __init__(
        self,
        path: str,
        code: str,
        severity: Severity,
        message: str,
        line: int | None = None,
        column: int | None = None,
        element: str | None = None,
        xpath: str | None = None,
        attribute: str | None = None,
        value: str | None = None,
        expected: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        cell: str | None = None,
        generic: bool = False,
        omitted: bool = False,
    ) -> None:
        self.path = path
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.element = element
        self.xpath = xpath
        self.attribute = attribute
        self.value = value
        self.expected = expected
        self.sheet = sheet
        self.row = row
        self.cell = cell
        self.generic = generic
        self.omitted = omitted

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract writes it (FINDING_KEYS, in that order)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "element": self.element,
            "xpath": self.xpath,
            "attribute": self.attribute,
            "value": self.value,
            "expected": self.expected,
            "sheet": self.sheet,
            "row": self.row,
            "cell": self.cell,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }

    def with_severity(self, severity: Severity) -> Finding:
        return self.replace(severity=severity)

    def with_path(self, path: str) -> Finding:
        return self.replace(path=path)

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.path,
            self.sheet or "",
            self.line if self.line is not None else (self.row or 0),
            self.column or 0,
            self.xpath or self.cell or "",
            self.code,
            self.attribute or "",
            self.message,
        )


OMITTED_MESSAGE = {
    "es": (
        "{count} hallazgo(s) más de {code} en este archivo no se listan: se muestran los primeros "
        "{limit} (límite max-findings-per-code en limits: de la configuración)."
    ),
    "en": (
        "{count} more finding(s) of {code} in this file are not listed: the first {limit} are shown "
        "(limit max-findings-per-code under limits: in the configuration)."
    ),
}


def summarise_omitted(findings: list[Finding], limit: int, lang: str) -> list[Finding]:
    """`findings` without the omitted ones, plus one summary finding per code that had some.

    The summary keeps the code, path and severity of what it counts (so --select, severity
    overrides, per-file ignores and the exit code treat it as the findings it stands for)."""
    counts: dict[str, list[Any]] = {}
    kept: list[Finding] = []
    for finding in findings:
        if finding.omitted:
            entry = counts.get(finding.code)
            if entry is None:
                counts[finding.code] = [finding, 1]
            else:
                entry[1] += 1
        else:
            kept.append(finding)
    template = OMITTED_MESSAGE.get(lang, OMITTED_MESSAGE["es"])
    for code, (first, count) in counts.items():
        message = template.format(count=count, code=code, limit=limit)
        kept.append(Finding(first.path, code, first.severity, message, value=str(count), expected=str(limit)))
    return kept


def dedupe_generic(findings: list[Finding]) -> list[Finding]:
    """Drop generic findings (the schema's, CAD003's) that a specific rule reported at the same place."""
    if not any(f.generic for f in findings):
        return findings
    specific = {(f.xpath, f.attribute) for f in findings if not f.generic and f.xpath and f.attribute}
    return [f for f in findings if not (f.generic and (f.xpath, f.attribute) in specific)]
