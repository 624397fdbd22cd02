"""LAY014: every ASIGNATURAS → CARRERAS → CAMPUS → INSTITUCION reference exists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout

SCOPE = Scope.LAYOUT
ORDER = 120

LAY014 = Rule(
    code="LAY014",
    name="layout-referencias",
    severity=Severity.ERROR,
    summary={
        "es": "Cada asignatura, carrera y campus apunta a una fila existente de la hoja superior",
        "en": "Every subject, carrera and campus points to an existing row of its parent sheet",
    },
    messages={
        "m": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} {value} no existe en la hoja {parent}; agregue esa "
            "fila a {parent} o corrija el id.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} {value} does not exist in sheet {parent}; add that row "
            "to {parent} or fix the id.",
        }
    },
    why="El layout es jerárquico (INSTITUCION 1—N CAMPUS 1—N CARRERAS 1—N ASIGNATURAS); una referencia "
    "rota deja asignaturas sin plan o planes sin campus.",
    fail_example="ASIGNATURAS: ID_CARRERA 105 sin fila 105 en CARRERAS",
    pass_example="ASIGNATURAS: ID_CARRERA 101 con su fila 101 en CARRERAS",
    spec="layout.md «Cell rules» (referencias) y «Relations»",
    fix="Corrija el id para que exista en la hoja superior (CARRERAS, CAMPUS o INSTITUCION), o agregue ahí la fila que falta.",
)

RULES = (LAY014,)

# (child sheet, column, parent sheet); ID_CAMPUS keys are padded to LAY007.campus_digits
LINKS = (
    ("ASIGNATURAS", "ID_CARRERA", "CARRERAS"),
    ("CARRERAS", "ID_CAMPUS", "CAMPUS"),
    ("CAMPUS", "ID_INSTITUCION", "INSTITUCION"),
)


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import key

    if layout.error is not None:
        return
    from mec_lint.layout.index import campus_digits

    campus_width = campus_digits(ctx.config)  # LAY007.campus_digits, read as the layout index reads it
    for child, column, parent in LINKS:
        width = campus_width if column == "ID_CAMPUS" else 0
        parent_table = layout.table(parent)
        if parent_table is None or column not in parent_table.columns:
            continue  # LAY002 / LAY003 already say the parent is missing
        known = {key(row.get(column), width, integer=True) for row in parent_table.rows} - {None}
        for row in layout.rows(child):
            value = key(row.filled(column), width, integer=True)
            if value is not None and value not in known:
                yield report_cell(
                    ctx, LAY014, "m", layout, child, row, column, expected=None, parent=parent_table.title
                )
