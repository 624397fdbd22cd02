"""`--format xlsx` (requires `--output`): the bitácora as an Excel workbook.

Sheet "Bitácora" (one row per finding, every key of the JSON contract, filters and frozen
header) and sheet "Resumen" (files, errors, warnings, counts per code). Every value is written
as text, never as a formula.
"""

from __future__ import annotations

import io
from collections import Counter

from mec_lint.engine import RunResult
from mec_lint.findings import FINDING_KEYS, Severity

BINARY = True

HEADERS = {
    "es": {
        "path": "Archivo",
        "line": "Línea",
        "column": "Columna",
        "element": "Nodo",
        "xpath": "XPath",
        "attribute": "Atributo",
        "value": "Valor",
        "expected": "Esperado",
        "sheet": "Hoja",
        "row": "Fila",
        "cell": "Celda",
        "code": "Código",
        "severity": "Severidad",
        "message": "Descripción",
    },
    "en": {key: key.capitalize() for key in FINDING_KEYS},
}
SHEETS = {"es": ("Bitácora", "Resumen"), "en": ("Findings", "Summary")}
SUMMARY_WORDS = {
    "es": ("Archivos revisados", "Errores", "Advertencias", "Código", "Hallazgos"),
    "en": ("Files checked", "Errors", "Warnings", "Code", "Findings"),
}
UPLOAD_DATE_WORDS = {"es": "Fecha de carga", "en": "Upload date"}
WIDTHS = {"path": 40, "xpath": 40, "message": 100, "value": 30, "expected": 30}


def render_bytes(run: RunResult, *, lang: str = "es") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = lang if lang in HEADERS else "es"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    findings_title, summary_title = SHEETS[lang]
    sheet.title = findings_title
    sheet.append([HEADERS[lang][key] for key in FINDING_KEYS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    findings = run.findings
    for row_number, finding in enumerate(findings, start=2):
        data = finding.to_dict()
        for column, key in enumerate(FINDING_KEYS, start=1):
            value = data[key]
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, int):
                cell.value = value
            elif value is not None:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
                cell.data_type = "s"  # a value starting with "=" stays text, never a formula
    for column, key in enumerate(FINDING_KEYS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(key, 12)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_KEYS))}{max(1, len(findings) + 1)}"

    summary = workbook.create_sheet(summary_title)
    files_word, errors_word, warnings_word, code_word, count_word = SUMMARY_WORDS[lang]
    summary.append([files_word, run.checked_files])
    summary.append([errors_word, sum(1 for f in findings if f.severity is Severity.ERROR)])
    summary.append([warnings_word, sum(1 for f in findings if f.severity is Severity.WARNING)])
    if run.upload_date is not None:
        summary.append([UPLOAD_DATE_WORDS[lang], run.upload_date.isoformat()])  # text, as the JSON key
    summary.append([])
    summary.append([code_word, count_word])
    for code, count in sorted(Counter(f.code for f in findings).items()):
        summary.append([code, count])
    summary.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    raise ValueError("el formato xlsx es binario: use --output ARCHIVO.xlsx")
