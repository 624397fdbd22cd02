"""`--format csv`: one row per finding, every key of the JSON contract as a column.

UTF-8 with a BOM so Excel shows the accents; every cell is quoted (a Spanish-locale Excel splits
unquoted cells on `;`), and cells that a spreadsheet would run as a formula — a value starting with
`=`, `+`, `-`, `@`, tab or CR that is not a number, or such a start after a `;`/`,` — get an
apostrophe (OWASP CSV injection; mec_lint.formatters._escape.spreadsheet_cell).
"""

from __future__ import annotations

import csv
import io

from mec_lint.engine import RunResult
from mec_lint.findings import FINDING_KEYS
from mec_lint.formatters._escape import spreadsheet_cell as safe_cell

BOM = "\ufeff"


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(FINDING_KEYS)
    for finding in run.findings:
        data = finding.to_dict()
        writer.writerow([safe_cell(data[key]) for key in FINDING_KEYS])
    return BOM + out.getvalue()
