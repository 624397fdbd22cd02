"""LAY013: TOTAL_ASIGNATURAS / TOTAL_CREDITOS equal the count / credit sum of the carrera's subjects."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout, Row

SCOPE = Scope.LAYOUT
COMPLEMENTARIA = "266"  # counts toward neither the number of subjects nor the credits
TOLERANCE = Decimal("0.005")

LAY013 = Rule(
    code="LAY013",
    name="layout-totales-del-plan",
    severity=Severity.ERROR,
    summary={
        "es": "TOTAL_ASIGNATURAS y TOTAL_CREDITOS cuadran con las asignaturas de la carrera",
        "en": "TOTAL_ASIGNATURAS and TOTAL_CREDITOS match the carrera's subjects",
    },
    messages={
        "count": {
            "es": "Hoja {sheet}, celda {cell}: TOTAL_ASIGNATURAS={value} pero la hoja {subjects_sheet} tiene "
            "{expected} asignaturas de ID_CARRERA {carrera} que cuentan (sin complementarias, tipo 266).",
            "en": "Sheet {sheet}, cell {cell}: TOTAL_ASIGNATURAS={value} but sheet {subjects_sheet} has "
            "{expected} counting subjects of ID_CARRERA {carrera} (type 266 excluded).",
        },
        "credits": {
            "es": "Hoja {sheet}, celda {cell}: TOTAL_CREDITOS={value} pero los créditos de las asignaturas de "
            "ID_CARRERA {carrera} (sin complementarias, tipo 266) suman {expected}.",
            "en": "Sheet {sheet}, cell {cell}: TOTAL_CREDITOS={value} but the credits of ID_CARRERA "
            "{carrera}'s subjects (type 266 excluded) add up to {expected}.",
        },
        "not_number": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» no es un número.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» is not a number.",
        },
        "negative": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}={value} es negativo; los créditos y los totales del "
            "plan son números ≥ 0 (¿{expected}?).",
            "en": "Sheet {sheet}, cell {cell}: {attribute}={value} is negative; the plan's credits and totals "
            "are numbers ≥ 0 ({expected}?).",
        },
    },
    why="El total de asignaturas y de créditos del plan se usa en Asignaturas/@total y @totalCreditos de "
    "cada certificado; las asignaturas complementarias (266) no cuentan en ninguno. Un CREDITOS, "
    "TOTAL_CREDITOS o TOTAL_ASIGNATURAS negativo se reporta en su propia celda (y esa suma no se compara).",
    fail_example="TOTAL_ASIGNATURAS 40 con 39 asignaturas obligatorias y optativas en ASIGNATURAS",
    pass_example="TOTAL_ASIGNATURAS 40 con 40 asignaturas que cuentan (más las complementarias)",
    spec="layout.md «Cell rules» (TOTAL_ASIGNATURAS / TOTAL_CREDITOS); dec-3.0.md §1.10 (tipo 266)",
    fix="Corrija TOTAL_ASIGNATURAS / TOTAL_CREDITOS, o las asignaturas de la carrera en la hoja ASIGNATURAS.",
)

RULES = (LAY013,)


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import decimal, integral, key, shown_decimal

    if layout.error is not None or "ASIGNATURAS" not in layout.tables:
        return
    subjects: dict[str, list[Row]] = {}
    credits_ok: dict[str, bool] = {}
    unknown: set[str | None] = set()  # carreras whose subjects are not all known (None: any carrera)
    for row in layout.rows("ASIGNATURAS"):
        carrera = key(row.get("ID_CARRERA"), integer=True)
        if _uncached(row, "ID_CARRERA"):
            unknown.add(None)  # a formula without saved value (LAY015): this row could be any carrera's
        if _uncached(row, "ID_TIPO_ASIGNATURA", "ID_ASIGNATURA"):
            unknown.add(carrera)
        if _uncached(row, "CREDITOS"):
            credits_ok[carrera or ""] = False
        credit = decimal(row.filled("CREDITOS"))
        if credit is not None and credit < 0:  # at its own cell, complementarias too (issue #15)
            credits_ok[carrera or ""] = False
            yield _negative(ctx, layout, "ASIGNATURAS", row, "CREDITOS", credit)
        if carrera is None or key(row.get("ID_TIPO_ASIGNATURA")) == COMPLEMENTARIA:
            continue
        subjects.setdefault(carrera, []).append(row)
        cell = row.filled("CREDITOS")
        if cell is not None and decimal(cell) is None:
            credits_ok[carrera] = False
            yield report_cell(ctx, LAY013, "not_number", layout, "ASIGNATURAS", row, "CREDITOS")
    subjects_sheet = layout.title("ASIGNATURAS")
    for row in layout.rows("CARRERAS"):
        carrera = key(row.get("ID_CARRERA"), integer=True)
        if carrera is None or None in unknown or carrera in unknown:
            continue  # its subjects cannot be counted: LAY015 reports the formulas without value
        counted = subjects.get(carrera, [])
        cell = row.filled("TOTAL_ASIGNATURAS")
        if cell is not None:
            number = decimal(cell)
            if number is not None and number < 0:
                yield _negative(ctx, layout, "CARRERAS", row, "TOTAL_ASIGNATURAS", number)
            elif number is None or (cell.kind == "n" and integral(cell) is None):
                yield report_cell(ctx, LAY013, "not_number", layout, "CARRERAS", row, "TOTAL_ASIGNATURAS")
            elif number != len(counted):
                yield report_cell(
                    ctx,
                    LAY013,
                    "count",
                    layout,
                    "CARRERAS",
                    row,
                    "TOTAL_ASIGNATURAS",
                    value=shown_decimal(number),
                    expected=len(counted),
                    carrera=carrera,
                    subjects_sheet=subjects_sheet,
                )
        cell = row.filled("TOTAL_CREDITOS")
        if cell is None:
            continue
        number = decimal(cell)
        if number is None:
            yield report_cell(ctx, LAY013, "not_number", layout, "CARRERAS", row, "TOTAL_CREDITOS")
            continue
        if number < 0:
            yield _negative(ctx, layout, "CARRERAS", row, "TOTAL_CREDITOS", number)
            continue
        if not credits_ok.get(carrera, True):
            continue  # a subject's credits are not a number: reported above, no sum to compare
        total = sum((decimal(r.get("CREDITOS")) or Decimal(0) for r in counted), Decimal(0))
        if abs(total - number) > TOLERANCE:
            yield report_cell(
                ctx,
                LAY013,
                "credits",
                layout,
                "CARRERAS",
                row,
                "TOTAL_CREDITOS",
                value=shown_decimal(number),
                expected=f"{total:.2f}",
                carrera=carrera,
            )


def _negative(ctx: Context, layout: Layout, sheet: str, row: Row, column: str, number: Decimal) -> Finding:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import shown_decimal

    return report_cell(
        ctx,
        LAY013,
        "negative",
        layout,
        sheet,
        row,
        column,
        expected=shown_decimal(-number),
    )


def _uncached(row: Row, *columns: str) -> bool:
    """Some of `columns` holds a formula whose value Excel never saved (LAY015)."""
    cells = row.cells
    for column in columns:  # a plain loop: this runs three times for each of 50,000 rows
        cell = cells.get(column)
        if cell is not None and cell.uncached:
            return True
    return False
