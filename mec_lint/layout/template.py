"""`mec-lint layout-template`: an empty Programa de Estudios workbook that mec-lint reads back.

Sheets and headers of layout.md (required ones marked «(obligatorio)», a hint the reader drops),
a CATALOGOS sheet with the SEP catalogs and list validations pointing at it, text formats for the
codes that keep leading zeros, and a red INSTRUCCIONES sheet with the FAQ's instructions.
"""

from __future__ import annotations

from typing import Any

from mec_lint.catalogs import Catalogs
from mec_lint.layout.headers import SHEETS
from mec_lint.layout.model import column_letter

TEMPLATE_ROWS = 2000  # rows covered by validations and formats
REQUIRED_MARK = " (obligatorio)"
TEXT_COLUMNS = {
    "ID_CAMPUS",
    "ID_ENTIDAD_FEDERATIVA",
    "NO_RVOE",
    "CLAVE_PLAN",
    "CLAVE_CARRERA",
    "CLAVE_ASIGNATURA",
}
CATALOG_COLUMNS = {
    "ID_NIVEL_ESTUDIOS": "idNivelEstudios",
    "ID_TIPO_PERIODO": "idTipoPeriodo",
    "ID_TIPO_ASIGNATURA": "idTipoAsignatura",
    "ID_ENTIDAD_FEDERATIVA": "entidadFederativa",
}

INSTRUCTIONS = (
    "INSTRUCCIONES PARA LLENAR EL PROGRAMA DE ESTUDIOS (LAYOUT)",
    "",
    "1. Capture los datos de su institución (hoja INSTITUCION), de sus campus (hoja CAMPUS) y la "
    "información completa de sus planes de estudio VIGENTES (hojas CARRERAS y ASIGNATURAS). No agregue "
    "planes retirados.",
    "2. ID_CARRERA e ID_ASIGNATURA los determina la institución: numéricos (enteros), irrepetibles y SIN "
    "ceros a la izquierda. No repita un id para una carrera o asignatura diferente.",
    "3. Cada fila de CARRERAS es un plan (carrera × plan × RVOE) con su propio ID_CARRERA; los certificados "
    "llevan ese mismo id en idCarrera.",
    "4. ID_CAMPUS e ID_ENTIDAD_FEDERATIVA son texto y conservan los ceros a la izquierda (090872, 09).",
    "5. NO_RVOE: el número del RVOE. Si es por DECRETO o ACUERDO, capture la palabra DECRETO o ACUERDO "
    "en mayúsculas y, si tiene número, agréguelo: ACUERDO 1980.",
    "6. CLAVE_PLAN: como aparece en su plan autorizado; planes anteriores a 1998, por ejemplo "
    "DGES 123456789123.",
    "7. FECHA_RVOE: fecha del RVOE (dd/mm/aaaa).",
    "8. Los catálogos (nivel de estudios, tipo de periodo, tipo de asignatura, entidad federativa) están en "
    "la hoja CATALOGOS; use sus ids.",
    "9. Si las asignaturas de su plan autorizado no tienen clave, solicítelas a la DIPES antes de capturarlas.",
    "10. Para actualizar: tome la última versión de este archivo, agregue los planes nuevos revisando cada "
    "dato para evitar cancelaciones de certificados, y envíelo de nuevo.",
    "11. Antes de enviarlo, revíselo con: mec-lint check programa-estudios.xlsx",
    "",
    "Las columnas marcadas «(obligatorio)» deben llenarse en cada fila.",
)


def write_template(path: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    instructions = workbook.active
    assert instructions is not None
    _instructions(instructions)
    catalogs = workbook.create_sheet("CATALOGOS")
    ranges = _catalogs(catalogs, Catalogs())
    for name in SHEETS:
        _sheet(workbook.create_sheet(name), name, ranges)
    workbook.move_sheet("CATALOGOS", offset=len(SHEETS))
    workbook.active = 0
    workbook.save(path)


def _instructions(sheet: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.title = "INSTRUCCIONES"
    sheet.sheet_properties.tabColor = "FF0000"
    sheet.column_dimensions["A"].width = 120
    for number, line in enumerate(INSTRUCTIONS, start=1):
        cell = sheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    title = sheet.cell(1, 1)
    title.font = Font(bold=True, color="FFFFFF", size=14)
    title.fill = PatternFill("solid", fgColor="C00000")


def _catalogs(sheet: Any, catalogs: Catalogs) -> dict[str, str]:
    """One pair of columns (id, description) per catalog; returns catalog -> id range."""
    from openpyxl.styles import Font

    ranges: dict[str, str] = {}
    for position, (column, catalog) in enumerate(CATALOG_COLUMNS.items()):
        entries = catalogs.get(catalog)
        id_column = column_letter(position * 3 + 1)
        sheet.cell(1, position * 3 + 1, column).font = Font(bold=True)
        sheet.cell(1, position * 3 + 2, "DESCRIPCIÓN").font = Font(bold=True)
        for number, (key, text) in enumerate(entries.items(), start=2):
            sheet.cell(number, position * 3 + 1, key).number_format = "@"
            sheet.cell(number, position * 3 + 2, text)
        ranges[column] = f"CATALOGOS!${id_column}$2:${id_column}${len(entries) + 1}"
        sheet.column_dimensions[id_column].width = 24
        sheet.column_dimensions[column_letter(position * 3 + 2)].width = 34
    return ranges


def _sheet(sheet: Any, name: str, ranges: dict[str, str]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    required_fill = PatternFill("solid", fgColor="FFE699")
    for index, (column, required) in enumerate(SHEETS[name], start=1):
        cell = sheet.cell(1, index, column + (REQUIRED_MARK if required else ""))
        cell.font = Font(bold=True)
        if required:
            cell.fill = required_fill
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(str(cell.value)) + 2)
        target = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
        if column == "FECHA_RVOE":
            sheet.column_dimensions[letter].number_format = "dd/mm/yyyy"
        if column in ranges:
            validation = DataValidation(
                type="list",
                formula1=f"={ranges[column]}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column,
                error="Use un id del catálogo (hoja CATALOGOS).",
            )
            validation.add(target)
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
