"""What a run produces: one FileResult per file, gathered in a RunResult.

Its own module so that the runner, the worker pool, the baseline and the formatters use the
results without importing the engine (no engine <-> runner <-> pool <-> baseline import cycle).
Results cross process boundaries (workers pickle them): `codes_ran` travels as one string and
comes back as a tuple shared by every result with the same codes, batch facts as the compact
`mec_lint.batch.Facts` (the values in one string, the places shared), so the parent's memory per
certificate stays small however big the batch is.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from mec_lint.findings import Finding, Severity
from mec_lint.record import Record


class FileResult(Record):
    __slots__ = ("path", "findings", "facts", "checked", "codes_ran", "elapsed")  # no per-object __dict__

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        facts: Mapping[str, Any] | None = None,  # what batch rules need (`mec_lint.batch.Facts`)
        checked: bool = True,  # False: not a lintable file (missing, skipped link)
        codes_ran: tuple[str, ...] = (),  # enabled codes whose checks ran on this file (JUnit passes)
        elapsed: float | None = None,  # seconds spent checking this file (JUnit `time`); None: not timed
    ) -> None:
        self.path = path
        self.findings: list[Finding] = [] if findings is None else findings
        self.facts = facts
        self.checked = checked
        self.codes_ran = codes_ran
        self.elapsed = elapsed

    @property
    def status(self) -> str:
        severities = {f.severity for f in self.findings}
        if Severity.ERROR in severities:
            return "error"
        if Severity.WARNING in severities:
            return "warning"
        return "clean"

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.FIELDS}
        state["codes_ran"] = ",".join(self.codes_ran)  # one string, not ~100 (pickle is per message)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        codes = state.get("codes_ran", ())
        if isinstance(codes, str):
            state["codes_ran"] = shared_codes(codes)
        for name, value in state.items():
            object.__setattr__(self, name, value)


class RunResult(Record):
    __slots__ = (
        "files",
        "extra",
        "usage_error",
        "usage_findings",
        "internal_error",
        "upload_date",
        "elapsed",
    )

    def __init__(
        self,
        files: list[FileResult] | None = None,
        extra: list[Finding] | None = None,  # batch-level findings
        usage_error: bool = False,
        usage_findings: list[Finding] | None = None,  # why (a missing path, an empty folder)
        internal_error: bool = False,
        upload_date: dt.date | None = None,  # the fecha de carga the date rules used (the report says it)
        elapsed: float | None = None,  # wall time of the run in seconds (JUnit `time`), set by the CLI
    ) -> None:
        self.files: list[FileResult] = [] if files is None else files
        self.extra: list[Finding] = [] if extra is None else extra
        self.usage_error = usage_error
        self.usage_findings: list[Finding] = [] if usage_findings is None else usage_findings
        self.internal_error = internal_error
        self.upload_date = upload_date
        self.elapsed = elapsed

    @property
    def findings(self) -> list[Finding]:
        every = [f for result in self.files for f in result.findings] + self.extra
        return sorted(every, key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        """How many findings have `severity` (no sorting needed to count)."""
        in_files = sum(1 for result in self.files for f in result.findings if f.severity is severity)
        return in_files + sum(1 for f in self.extra if f.severity is severity)

    @property
    def checked_files(self) -> int:
        return sum(1 for r in self.files if r.checked)

    @property
    def exit_code(self) -> int:
        if self.usage_error or self.internal_error:
            return 2
        return 1 if self.count(Severity.ERROR) else 0


@lru_cache(maxsize=256)
def shared_codes(joined: str) -> tuple[str, ...]:
    """One tuple per distinct list of codes, shared by every result that ran them."""
    return tuple(sys.intern(code) for code in joined.split(",")) if joined else ()
