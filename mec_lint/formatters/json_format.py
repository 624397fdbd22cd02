"""`--format json`: the versioned contract (documented in the README).

`summary.upload_date` (added): the fecha de carga the date rules used, `AAAA-MM-DD` (null when
the run does not say, e.g. a RunResult built by hand)."""

from __future__ import annotations

import json

from mec_lint import __version__
from mec_lint.engine import RunResult
from mec_lint.findings import Severity
from mec_lint.formatters._escape import json_text


def payload(run: RunResult) -> dict[str, object]:
    findings = run.findings
    return {
        "version": __version__,
        "summary": {
            "files": run.checked_files,
            "errors": run.count(Severity.ERROR),
            "warnings": run.count(Severity.WARNING),
            "upload_date": run.upload_date.isoformat() if run.upload_date else None,
        },
        "findings": [f.to_dict() for f in findings],
    }


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    return json_text(json.dumps(payload(run), ensure_ascii=False, indent=2)) + "\n"
