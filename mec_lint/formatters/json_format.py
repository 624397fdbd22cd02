"""`--format json`: the versioned contract (documented in the README).

`summary.upload_date` (added): the fecha de carga the date rules used, `AAAA-MM-DD` (null when
the run does not say, e.g. a RunResult built by hand)."""

from __future__ import annotations

import json

from mec_lint import __version__
from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import json_text

# json's C encoder (what `indent=None` uses) with the separators that indent=2 writes inside a
# finding object: the whole findings list is encoded in C, then its few fixed seams are rewritten.
_FINDINGS_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": "))


def payload(run: RunResult) -> dict[str, object]:
    return {**_head(run), "findings": [f.to_dict() for f in run.findings]}


def _head(run: RunResult) -> dict[str, object]:
    """Everything but the findings, in the contract's key order."""
    return {
        "version": __version__,
        "summary": {
            "files": run.checked_files,
            "errors": run.count(Severity.ERROR),
            "warnings": run.count(Severity.WARNING),
            "upload_date": run.upload_date.isoformat() if run.upload_date else None,
        },
    }


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    """The same bytes as `json_text(json.dumps(payload(run), ensure_ascii=False, indent=2)) + "\\n"`.

    indent=2 makes Python's json fall back to its pure-Python encoder (70% of a run with 100,000
    findings). Every finding is a flat object of strings, integers and nulls, and an encoded JSON
    string never holds a raw line feed, so the only `},\\n      {` in the C encoder's output is the
    seam between two findings (tests/test_json_encoding.py compares both encodings)."""
    text = json.dumps({**_head(run), "findings": []}, ensure_ascii=False, indent=2)  # …"findings": []\n}
    findings = run.findings
    if findings:
        assert text.endswith("[]\n}")
        text = text[:-4] + encode_findings(findings) + "\n}"
    return json_text(text) + "\n"


def encode_findings(findings: list[Finding]) -> str:
    """`findings` as indent=2 writes them at the second level: `[\\n    {\\n      "path": …\\n    }\\n  ]`."""
    body = _FINDINGS_ENCODER.encode([f.to_dict() for f in findings])  # [{"path": …,\n      "line": …}, …]
    body = body[2:-2].replace("},\n      {", "\n    },\n    {\n      ")
    return "[\n    {\n      " + body + "\n    }\n  ]"
