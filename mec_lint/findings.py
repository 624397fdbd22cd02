"""The one finding type every check produces and every formatter reads."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, replace
from typing import Any


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


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    element: str | None = None
    xpath: str | None = None
    attribute: str | None = None
    value: str | None = None
    expected: str | None = None
    sheet: str | None = None
    row: int | None = None
    cell: str | None = None
    # Not part of the JSON contract: a schema finding that a specific rule may replace.
    generic: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {key: data[key] for key in FINDING_KEYS}

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def with_path(self, path: str) -> Finding:
        return replace(self, path=path)

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


def dedupe_generic(findings: list[Finding]) -> list[Finding]:
    """Drop generic schema findings that a specific rule reported at the same place."""
    specific = {(f.xpath, f.attribute) for f in findings if not f.generic and f.xpath and f.attribute}
    return [f for f in findings if not (f.generic and (f.xpath, f.attribute) in specific)]
