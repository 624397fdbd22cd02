"""`--format csv`: one row per finding, every key of the JSON contract as a column.

UTF-8 with a BOM so Excel shows the accents; cells that Excel would run as a formula
(a value starting with `=`, `+`, `-` or `@` that is not a number) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from mec_lint.engine import RunResult
from mec_lint.findings import FINDING_KEYS

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value: object) -> str:
    """The cell text; a would-be spreadsheet formula is neutralised (CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FINDING_KEYS)
    for finding in run.findings:
        data = finding.to_dict()
        writer.writerow([safe_cell(data[key]) for key in FINDING_KEYS])
    return BOM + out.getvalue()
