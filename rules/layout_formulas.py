"""LAY015: formula cells carry a cached value (mec-lint never recalculates formulas)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout

SCOPE = Scope.LAYOUT

LAY015 = Rule(
    code="LAY015",
    name="layout-formula-sin-valor",
    severity=Severity.WARNING,
    summary={
        "es": "Las fórmulas del layout tienen su valor calculado guardado",
        "en": "Formulas in the layout have a saved (cached) value",
    },
    messages={
        "m": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} es una fórmula sin valor calculado guardado "
            "(el archivo se generó con un programa que no calcula fórmulas). Abra y guarde el libro en "
            "Excel, o escriba el valor en lugar de la fórmula.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} is a formula with no saved value; open and save "
            "the workbook in Excel, or type the value instead.",
        }
    },
    why="mec-lint (como cualquier lector que no es Excel) sólo ve el último valor calculado de una "
    "fórmula; sin él la celda parece vacía y no se puede revisar.",
    fail_example="TOTAL_CREDITOS = =SUMA(...) escrita por un script, sin valor calculado",
    pass_example="TOTAL_CREDITOS = 315 (o la fórmula, guardada desde Excel)",
    spec="layout.md «Cell rules» (formula cells)",
    fix="Abra el libro en Excel y guárdelo (Excel guarda el valor calculado de cada fórmula), o escriba los valores en lugar de las fórmulas.",
)

RULES = (LAY015,)


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell

    if layout.error is not None:
        return
    for table in layout.tables.values():
        for row in table.rows:
            for column, cell in row.cells.items():
                if cell.uncached:
                    yield report_cell(ctx, LAY015, "m", layout, table.name, row, column, value="")
