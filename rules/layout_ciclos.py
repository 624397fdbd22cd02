"""LAY016: NUMERO_CICLOS is a whole number and each subject's CICLO lies within 1..NUMERO_CICLOS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Cell, Layout

SCOPE = Scope.LAYOUT

LAY016 = Rule(
    code="LAY016",
    name="layout-ciclo-del-plan",
    severity=Severity.WARNING,
    summary={
        "es": "NUMERO_CICLOS es un entero ≥ 1 y el CICLO de cada asignatura está entre 1 y NUMERO_CICLOS",
        "en": "NUMERO_CICLOS is an integer ≥ 1 and each subject's CICLO lies between 1 and NUMERO_CICLOS",
    },
    messages={
        "numero_ciclos": {
            "es": "Hoja {sheet}, celda {cell}: NUMERO_CICLOS=«{value}» no es un número entero de ciclos "
            "(1 o más).",
            "en": "Sheet {sheet}, cell {cell}: NUMERO_CICLOS=«{value}» is not a whole number of cycles (1 or "
            "more).",
        },
        "ciclo": {
            "es": "Hoja {sheet}, celda {cell}: CICLO=«{value}» no es un número de periodo entero (1, 2, 3…).",
            "en": "Sheet {sheet}, cell {cell}: CICLO=«{value}» is not a whole period number (1, 2, 3…).",
        },
        "range": {
            "es": "Hoja {sheet}, celda {cell}: CICLO={value} está fuera del plan de ID_CARRERA {carrera}, que "
            "tiene NUMERO_CICLOS={limit} ({carreras_cell}): el periodo va de 1 a {limit}.",
            "en": "Sheet {sheet}, cell {cell}: CICLO={value} is outside the plan of ID_CARRERA {carrera}, which "
            "has NUMERO_CICLOS={limit} ({carreras_cell}): the period goes from 1 to {limit}.",
        },
    },
    why="En la hoja de asignaturas, CICLO es el número de periodo de la asignatura dentro del plan, de 1 a "
    "NUMERO_CICLOS de su carrera; un periodo fuera de ese intervalo, o un número de ciclos que no es "
    "entero, es un error de captura que el MEC compara con el número de ciclos de los certificados. Ambas "
    "columnas son opcionales y la regla se deduce de su definición, no de una regla de celda explícita: "
    "por eso es advertencia.",
    fail_example="CARRERAS: NUMERO_CICLOS 9; ASIGNATURAS: CICLO 12 en una asignatura de esa carrera",
    pass_example="CARRERAS: NUMERO_CICLOS 9; ASIGNATURAS: CICLO 1 … 9",
    spec="layout.md tabla de hojas (CARRERAS: NUMERO_CICLOS; ASIGNATURAS: «CICLO (period number within the "
    "plan, 1..NUMERO_CICLOS)»)",
    fix="Corrija el CICLO de la asignatura o el NUMERO_CICLOS de la carrera según el plan autorizado.",
)

RULES = (LAY016,)


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import coordinate, report_cell
    from mec_lint.layout.values import key

    if layout.error is not None:
        return
    limits: dict[str, tuple[int, str]] = {}  # carrera -> (NUMERO_CICLOS, its cell)
    for row in layout.rows("CARRERAS"):
        cell = row.filled("NUMERO_CICLOS")
        if cell is None:
            continue  # optional column (a formula without saved value is LAY015's)
        number = _whole(cell)
        if number is None or number < 1:
            yield report_cell(ctx, LAY016, "numero_ciclos", layout, "CARRERAS", row, "NUMERO_CICLOS")
            continue
        carrera = key(row.get("ID_CARRERA"), integer=True)
        if carrera is not None:
            where = f"{layout.title('CARRERAS')}!{coordinate(layout, 'CARRERAS', row, 'NUMERO_CICLOS')}"
            limits.setdefault(carrera, (number, where))
    for row in layout.rows("ASIGNATURAS"):
        cell = row.filled("CICLO")
        if cell is None:
            continue
        period = _whole(cell)
        if period is None:
            yield report_cell(ctx, LAY016, "ciclo", layout, "ASIGNATURAS", row, "CICLO")
            continue
        carrera = key(row.get("ID_CARRERA"), integer=True)
        if carrera is None or carrera not in limits:
            continue  # no NUMERO_CICLOS to compare with
        limit, where = limits[carrera]
        if not 1 <= period <= limit:
            yield report_cell(
                ctx,
                LAY016,
                "range",
                layout,
                "ASIGNATURAS",
                row,
                "CICLO",
                expected=f"1–{limit}",
                carrera=carrera,
                limit=limit,
                carreras_cell=where,
            )


def _whole(cell: Cell) -> int | None:
    """The whole number a cell holds (3, 3.0, "3"), else None."""
    from mec_lint.layout.values import decimal

    number = decimal(cell)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)
