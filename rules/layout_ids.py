"""LAY004–LAY005: ID_CARRERA and ID_ASIGNATURA are positive integers without leading zeros, never repeated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint import option_checks as checks
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout, Row

SCOPE = Scope.LAYOUT
SPEC = (
    "mec-faq.txt «¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?» (numéricos, Integer, irrepetibles, sin "
    "ceros a la izquierda); layout.md «Cell rules»"
)

LAY004 = Rule(
    code="LAY004",
    name="layout-id-entero",
    severity=Severity.ERROR,
    summary={
        "es": "ID_CARRERA e ID_ASIGNATURA son enteros positivos sin ceros a la izquierda",
        "en": "ID_CARRERA and ID_ASIGNATURA are positive integers without leading zeros",
    },
    messages={
        "empty": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} está vacío; cada fila necesita su id entero.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} is empty; every row needs its integer id.",
        },
        "leading_zeros": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» tiene ceros a la izquierda; la SEP "
            "pide ids enteros sin ceros a la izquierda: use {expected} (y el mismo valor en los XML).",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» has leading zeros; SEP asks for integer ids "
            "without leading zeros: use {expected} (and the same value in the XML files).",
        },
        "zero_format": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} vale {expected} pero la celda tiene el formato "
            "«{number_format}», que lo muestra con ceros a la izquierda. Aplique el formato General o "
            "Número sin ceros.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} is {expected} but the number format "
            "«{number_format}» shows it with leading zeros. Apply the General format, or Number without "
            "leading zeros.",
        },
        "scientific": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} ({expected}) tiene formato científico "
            "«{number_format}»; use el formato General o Número sin decimales.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} ({expected}) has the scientific number format "
            "«{number_format}»; use the General format or Number without decimals.",
        },
        "spaces": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» tiene espacios; escriba sólo el número "
            "{expected}.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» has spaces; write just {expected}.",
        },
        "decimal": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}={value} tiene decimales; debe ser un entero.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}={value} has decimals; it must be an integer.",
        },
        "not_positive": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}={value} no es un entero positivo.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}={value} is not a positive integer.",
        },
        "too_big": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}={value} tiene más de 15 dígitos; Excel no guarda "
            "esos números con exactitud. Use un id más corto.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}={value} has more than 15 digits; Excel does not store "
            "such numbers exactly. Use a shorter id.",
        },
        "not_integer": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» no es un número entero (sólo dígitos, "
            "sin puntos, letras ni notación científica).",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» is not an integer (digits only, no points, "
            "letters or scientific notation).",
        },
    },
    why="La SEP define ID_CARRERA e ID_ASIGNATURA como enteros elegidos por la institución, sin ceros a "
    "la izquierda; los certificados deben llevar exactamente el mismo id (idCarrera, idAsignatura).",
    fail_example="ID_CARRERA = «0101» (texto) o 101 con formato de celda 0000",
    pass_example="ID_CARRERA = 101",
    spec=SPEC,
    fix="Escriba el id como número entero con formato General, sin ceros a la izquierda ni espacios.",
)

LAY005 = Rule(
    code="LAY005",
    name="layout-id-unico",
    severity=Severity.ERROR,
    summary={
        "es": "Cada ID_CARRERA e ID_ASIGNATURA aparece una sola vez",
        "en": "Each ID_CARRERA and ID_ASIGNATURA appears only once",
    },
    messages={
        "carrera": {
            "es": "Hoja {sheet}, celda {cell}: ID_CARRERA {value} ya está en la fila {first_row}. Cada fila "
            "de CARRERAS (carrera × plan × RVOE) necesita su propio ID_CARRERA: los certificados sólo "
            "llevan idCarrera y con él se elige el plan, el RVOE y las asignaturas.",
            "en": "Sheet {sheet}, cell {cell}: ID_CARRERA {value} is already used in row {first_row}; each "
            "CARRERAS row (carrera × plan × RVOE) needs its own ID_CARRERA: certificates carry only idCarrera, "
            "and it selects the plan, the RVOE and the subjects.",
        },
        "carrera_same": {
            "es": "Hoja {sheet}, fila {row}: repite la fila {first_row} (ID_CARRERA {value}); elimine la fila "
            "duplicada.",
            "en": "Sheet {sheet}, row {row}: repeats row {first_row} (ID_CARRERA {value}); delete the duplicate row.",
        },
        "asignatura": {
            "es": "Hoja {sheet}, celda {cell}: ID_ASIGNATURA {value} ya está en la fila {first_row} "
            "(ID_CARRERA {first_carrera}). La SEP pide ids irrepetibles: asigne otro id.",
            "en": "Sheet {sheet}, cell {cell}: ID_ASIGNATURA {value} is already used in row {first_row} "
            "(ID_CARRERA {first_carrera}). SEP asks for ids that never repeat: assign another id.",
        },
        "asignatura_same": {
            "es": "Hoja {sheet}, fila {row}: repite la asignatura de la fila {first_row} (ID_ASIGNATURA "
            "{value}, ID_CARRERA {first_carrera}); elimine la fila duplicada.",
            "en": "Sheet {sheet}, row {row}: repeats the subject of row {first_row} (ID_ASIGNATURA {value}, "
            "ID_CARRERA {first_carrera}); delete the duplicate row.",
        },
    },
    why="Un id repetido hace ambiguo el certificado: el MEC no sabría a qué plan o asignatura se refiere "
    "idCarrera o idAsignatura (FAQ: «irrepetibles»).",
    fail_example="CARRERAS: dos filas con ID_CARRERA 101 (plan 2010 y plan 2018)",
    pass_example="CARRERAS: ID_CARRERA 101 (plan 2010) y 102 (plan 2018)",
    spec=SPEC + "; layout.md: «ID_CARRERA unique in the workbook; ID_ASIGNATURA unique in the workbook»",
    options={
        "asignatura_scope": Option(
            str,
            "workbook",
            "Alcance de la unicidad de ID_ASIGNATURA: «workbook» (todo el libro, lo que dice la FAQ) o "
            "«carrera» (un mismo id puede repetirse en carreras distintas).",
            check=checks.one_of("workbook", "carrera"),
        )
    },
    fix="Dé a cada carrera y a cada asignatura su propio ID; si un renglón está repetido, quítelo.",
)

RULES = (LAY004, LAY005)
ID_COLUMNS = (("CARRERAS", "ID_CARRERA"), ("ASIGNATURAS", "ID_CARRERA"), ("ASIGNATURAS", "ID_ASIGNATURA"))


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import displayed, id_problem

    if layout.error is not None:
        return
    for sheet, column in ID_COLUMNS:
        table = layout.table(sheet)
        if table is None or column not in table.columns:
            continue
        for row in table.rows:
            cell = row.get(column)
            if cell is None or cell.blank:
                if cell is None or not cell.formula:  # a formula without value is LAY015's
                    yield report_cell(ctx, LAY004, "empty", layout, sheet, row, column)
                continue
            problem = id_problem(cell)
            if problem is not None:
                message_id, suggestion = problem
                yield report_cell(
                    ctx,
                    LAY004,
                    message_id,
                    layout,
                    sheet,
                    row,
                    column,
                    value=displayed(cell) if message_id in ("zero_format", "scientific") else None,
                    expected=suggestion,
                    number_format=cell.number_format,
                )
    yield from _unique_carreras(layout, ctx)
    yield from _unique_asignaturas(layout, ctx)


def _signature(row: Row) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((name, cell.shown.strip()) for name, cell in row.cells.items()))


def _unique_carreras(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import key

    seen: dict[str, Row] = {}
    for row in layout.rows("CARRERAS"):
        value = key(row.get("ID_CARRERA"), integer=True)
        if value is None:
            continue
        first = seen.setdefault(value, row)
        if first is row:
            continue
        same = _signature(first) == _signature(row)
        yield report_cell(
            ctx,
            LAY005,
            "carrera_same" if same else "carrera",
            layout,
            "CARRERAS",
            row,
            "ID_CARRERA",
            value=value,
            first_row=first.number,
        )


def _unique_asignaturas(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import key

    per_carrera = str(ctx.options(LAY005).get("asignatura_scope", "workbook")).lower() == "carrera"
    seen: dict[tuple[str, str], Row] = {}
    for row in layout.rows("ASIGNATURAS"):
        value = key(row.get("ID_ASIGNATURA"), integer=True)
        if value is None:
            continue
        carrera = key(row.get("ID_CARRERA"), integer=True) or ""
        first = seen.setdefault((carrera if per_carrera else "", value), row)
        if first is row:
            continue
        same = _signature(first) == _signature(row)
        yield report_cell(
            ctx,
            LAY005,
            "asignatura_same" if same else "asignatura",
            layout,
            "ASIGNATURAS",
            row,
            "ID_ASIGNATURA",
            value=value,
            first_row=first.number,
            first_carrera=key(first.get("ID_CARRERA"), integer=True) or "?",
        )
