"""LAY006–LAY012: required values, codes with leading zeros, NO_RVOE, CLAVE_PLAN, FECHA_RVOE,
catalog ids and the grading scale of each CARRERAS row (layout.md «Cell rules»)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint import option_checks as checks
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout

SCOPE = Scope.LAYOUT
CELLS = "layout.md «Cell rules»"

LAY006 = Rule(
    code="LAY006",
    name="layout-valor-requerido",
    severity=Severity.ERROR,
    summary={
        "es": "Las columnas obligatorias tienen valor en cada fila",
        "en": "Required columns have a value in every row",
    },
    messages={
        "m": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} está vacío; es obligatorio en cada fila.",
            "en": "Sheet {sheet}, cell {cell}: {attribute} is empty; it is required in every row.",
        }
    },
    why="Los datos obligatorios del layout (RVOE, plan, nivel, escala de calificaciones, créditos…) "
    "son los que el MEC compara con cada certificado.",
    fail_example="CARRERAS fila 5: NO_RVOE vacío",
    pass_example="CARRERAS fila 5: NO_RVOE 20181234",
    spec="layout.md tabla de hojas (columnas obligatorias en negritas)",
    fix="Capture el dato que falta en la celda indicada.",
)

LAY007 = Rule(
    code="LAY007",
    name="layout-clave-con-ceros",
    severity=Severity.ERROR,
    summary={
        "es": "ID_CAMPUS e ID_ENTIDAD_FEDERATIVA son texto que conserva los ceros a la izquierda",
        "en": "ID_CAMPUS and ID_ENTIDAD_FEDERATIVA are text keeping leading zeros",
    },
    messages={
        "number_lost_zeros": {
            "es": "Hoja {sheet}, celda {cell}: {attribute} es el número {value} y perdió el cero a la "
            "izquierda; escríbalo como texto «{expected}» (formato de celda Texto, o anteponga un "
            "apóstrofo: '{expected}).",
            "en": "Sheet {sheet}, cell {cell}: {attribute} is the number {value} and lost its leading "
            "zero; write it as text «{expected}» (Text cell format, or type an apostrophe first: '{expected}).",
        },
        "text_short": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» debe tener {width} dígitos: «{expected}».",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» needs {width} digits: «{expected}».",
        },
        "spaces": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» tiene espacios; escriba «{expected}».",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» has spaces; write «{expected}».",
        },
        "not_digits": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» debe ser una clave de dígitos "
            "(por ejemplo «{example}»).",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» must be a code made of digits "
            "(e.g. «{example}»).",
        },
    },
    why="idCampus (090872) e idEntidadFederativa (09) conservan sus ceros en los certificados; si Excel "
    "guarda 9 como número, el layout ya no coincide con el XML.",
    fail_example="ID_ENTIDAD_FEDERATIVA = 9 (número)",
    pass_example="ID_ENTIDAD_FEDERATIVA = «09» (texto)",
    spec=CELLS + "; spec README regla 1 (idCampus y entidad conservan ceros); dec-3.0.md §5.8 (idCampus de "
    "6 dígitos)",
    options={
        "campus_digits": Option(
            int,
            6,
            "Dígitos de ID_CAMPUS: un número con menos dígitos perdió ceros (dec-3.0.md §5.8: 6 dígitos).",
            check=checks.integer_at_least(1),
        )
    },
    fix="Dé a la columna formato Texto y escriba la clave con sus ceros (090872, 09).",
)

LAY008 = Rule(
    code="LAY008",
    name="layout-no-rvoe",
    severity=Severity.ERROR,
    summary={
        "es": "NO_RVOE es un número, o DECRETO/ACUERDO en mayúsculas con su número opcional",
        "en": "NO_RVOE is a number, or DECRETO/ACUERDO in capitals with an optional number",
    },
    messages={
        "capitals": {
            "es": "Hoja {sheet}, celda {cell}: NO_RVOE=«{value}»: DECRETO y ACUERDO van en mayúsculas: "
            "«{expected}».",
            "en": "Sheet {sheet}, cell {cell}: NO_RVOE=«{value}»: DECRETO/ACUERDO go in capitals: «{expected}».",
        },
        "spaces": {
            "es": "Hoja {sheet}, celda {cell}: NO_RVOE=«{value}» tiene espacios de más; escriba «{expected}».",
            "en": "Sheet {sheet}, cell {cell}: NO_RVOE=«{value}» has stray spaces; write «{expected}».",
        },
        "format": {
            "es": "Hoja {sheet}, celda {cell}: NO_RVOE=«{value}» no es válido: escriba sólo el número del "
            "RVOE (sin prefijos como «RVOE-»), o DECRETO / ACUERDO en mayúsculas seguido de un espacio y "
            "su número si lo tiene (ACUERDO 1980).{hint}",
            "en": "Sheet {sheet}, cell {cell}: NO_RVOE=«{value}» is invalid: write only the RVOE number "
            "(no prefixes such as «RVOE-»), or DECRETO / ACUERDO in capitals followed by a space and its "
            "number if it has one (ACUERDO 1980).{hint}",
        },
    },
    why="La FAQ de la SEP: el RVOE se captura como su número; si es por decreto o acuerdo, la palabra "
    "DECRETO o ACUERDO en mayúsculas y su número, por ejemplo ACUERDO 1980.",
    fail_example="NO_RVOE = «Acuerdo 1980» o «RVOE-20181234»",
    pass_example="NO_RVOE = «ACUERDO 1980» o 20181234",
    spec="mec-faq.txt «¿Cómo capturo el RVOE en el campo NO_RVOE si es por DECRETO o ACUERDO?»; " + CELLS,
    fix="Escriba sólo el número del RVOE, o DECRETO / ACUERDO en mayúsculas y, si tiene, un espacio y su número (ACUERDO 1980).",
)

LAY009 = Rule(
    code="LAY009",
    name="layout-clave-plan",
    severity=Severity.ERROR,
    summary={
        "es": "CLAVE_PLAN es texto tal como aparece en el plan autorizado",
        "en": "CLAVE_PLAN is text as printed on the authorised plan",
    },
    messages={
        "date": {
            "es": "Hoja {sheet}, celda {cell}: CLAVE_PLAN se convirtió en la fecha {value}; Excel transformó "
            "la clave. Dé formato Texto a la celda y escriba la clave como aparece en el plan.",
            "en": "Sheet {sheet}, cell {cell}: CLAVE_PLAN became the date {value}; Excel converted the key. "
            "Format the cell as Text "
            "and type the key as printed on the plan.",
        },
        "decimal": {
            "es": "Hoja {sheet}, celda {cell}: CLAVE_PLAN es el número {value}; escríbala como texto tal como "
            "aparece en el plan autorizado.",
            "en": "Sheet {sheet}, cell {cell}: CLAVE_PLAN is the number {value}; write it as text, exactly as "
            "printed on the authorised plan.",
        },
        "spaces": {
            "es": "Hoja {sheet}, celda {cell}: CLAVE_PLAN=«{value}» tiene espacios al inicio o al final; "
            "escriba «{expected}».",
            "en": "Sheet {sheet}, cell {cell}: CLAVE_PLAN=«{value}» has leading/trailing spaces; write "
            "«{expected}».",
        },
    },
    why="clavePlan del certificado debe ser idéntica a CLAVE_PLAN; planes anteriores a 1998 llevan la "
    "clave impresa (DGES 123456789123). Excel suele convertir claves en fechas o números.",
    fail_example="CLAVE_PLAN = 2018-1 convertida por Excel en la fecha 01/01/2018",
    pass_example="CLAVE_PLAN = «2018» o «DGES 123456789123»",
    spec="mec-faq.txt «¿Cómo requisitar el campo CLAVE_PLAN si es anterior a 1998?»; " + CELLS,
    fix="Dé a la celda formato Texto y escriba CLAVE_PLAN tal como aparece en el plan autorizado.",
)

LAY010 = Rule(
    code="LAY010",
    name="layout-fecha-rvoe",
    severity=Severity.ERROR,
    summary={
        "es": "FECHA_RVOE es una fecha real, no futura",
        "en": "FECHA_RVOE is a real date, not in the future",
    },
    messages={
        "not_date": {
            "es": "Hoja {sheet}, celda {cell}: FECHA_RVOE=«{value}» no es una fecha; use una celda de fecha "
            "o texto dd/mm/aaaa (15/06/2018) o aaaa-mm-dd.",
            "en": "Sheet {sheet}, cell {cell}: FECHA_RVOE=«{value}» is not a date; use a date cell or "
            "dd/mm/yyyy or yyyy-mm-dd text.",
        },
        "number_not_date": {
            "es": "Hoja {sheet}, celda {cell}: FECHA_RVOE es el número {value}, no una fecha; dé formato "
            "Fecha a la celda.",
            "en": "Sheet {sheet}, cell {cell}: FECHA_RVOE is the number {value}, not a date; format it as a "
            "date.",
        },
        "impossible_date": {
            "es": "Hoja {sheet}, celda {cell}: FECHA_RVOE=«{value}» no existe en el calendario.",
            "en": "Sheet {sheet}, cell {cell}: FECHA_RVOE=«{value}» is not a calendar date.",
        },
        "future": {
            "es": "Hoja {sheet}, celda {cell}: FECHA_RVOE {value} es posterior a la fecha de carga "
            "{expected}; un RVOE no puede otorgarse en el futuro.",
            "en": "Sheet {sheet}, cell {cell}: FECHA_RVOE {value} is after the upload date {expected}; an RVOE "
            "cannot be granted in the future.",
        },
    },
    why="La fecha del RVOE se compara con Rvoe/@fechaExpedicion de cada certificado; debe ser la fecha "
    "real del acuerdo.",
    fail_example="FECHA_RVOE = «15-jun-18» (texto) o 31/02/2018",
    pass_example="FECHA_RVOE = 15/06/2018 (celda de fecha)",
    spec=CELLS,
    fix="Escriba la fecha del acuerdo de RVOE como fecha de Excel (o dd/mm/aaaa); no puede ser posterior a la fecha de carga.",
)

LAY011 = Rule(
    code="LAY011",
    name="layout-catalogo",
    severity=Severity.ERROR,
    summary={
        "es": "Los ids de catálogo del layout existen en los catálogos de la SEP",
        "en": "Catalog ids in the layout exist in the SEP catalogs",
    },
    messages={
        "m": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» no está en el catálogo {catalog}; "
            "valores válidos: {expected}.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» is not in catalog {catalog}; valid "
            "values: {expected}.",
        }
    },
    why="El nivel de estudios, el tipo de periodo, el tipo de asignatura y la entidad federativa se "
    "capturan con los ids de los catálogos de la SEP, los mismos del certificado.",
    fail_example="ID_NIVEL_ESTUDIOS = 1 (LICENCIATURA es 81)",
    pass_example="ID_NIVEL_ESTUDIOS = 81",
    spec=CELLS + "; catalogs.yaml",
    fix="Use un id de los catálogos de la SEP (vea `mec-lint explain CAT001` y catalogs.yaml).",
)

LAY012 = Rule(
    code="LAY012",
    name="layout-escala-calificaciones",
    severity=Severity.ERROR,
    summary={
        "es": "CALIF_MINIMA < CALIF_APROBATORIA ≤ CALIF_MAXIMA, todas numéricas",
        "en": "CALIF_MINIMA < CALIF_APROBATORIA ≤ CALIF_MAXIMA, all numeric",
    },
    messages={
        "not_number": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}=«{value}» no es un número.",
            "en": "Sheet {sheet}, cell {cell}: {attribute}=«{value}» is not a number.",
        },
        "negative": {
            "es": "Hoja {sheet}, celda {cell}: {attribute}={value} es negativo; las calificaciones de la escala "
            "son números ≥ 0 (¿{expected}?).",
            "en": "Sheet {sheet}, cell {cell}: {attribute}={value} is negative; the scale's grades are numbers "
            "≥ 0 ({expected}?).",
        },
        "min_aprob": {
            "es": "Hoja {sheet}, celda {cell}: CALIF_APROBATORIA {value} debe ser mayor que CALIF_MINIMA "
            "{minimum}.",
            "en": "Sheet {sheet}, cell {cell}: CALIF_APROBATORIA {value} must be greater than CALIF_MINIMA "
            "{minimum}.",
        },
        "aprob_max": {
            "es": "Hoja {sheet}, celda {cell}: CALIF_APROBATORIA {value} no puede ser mayor que CALIF_MAXIMA "
            "{maximum}.",
            "en": "Sheet {sheet}, cell {cell}: CALIF_APROBATORIA {value} cannot exceed CALIF_MAXIMA {maximum}.",
        },
    },
    why="La escala (mínima, máxima, mínima aprobatoria) del plan se copia a cada certificado; una escala "
    "invertida (por ejemplo aprobatoria 60 con máxima 10) o con una calificación negativa es un error de "
    "captura.",
    fail_example="CALIF_MINIMA 5, CALIF_MAXIMA 10, CALIF_APROBATORIA 60",
    pass_example="CALIF_MINIMA 5, CALIF_MAXIMA 10, CALIF_APROBATORIA 6",
    spec=CELLS,
    fix="Corrija la escala de la carrera: CALIF_MINIMA menor que CALIF_APROBATORIA, y ésta no mayor que CALIF_MAXIMA.",
)

RULES = (LAY006, LAY007, LAY008, LAY009, LAY010, LAY011, LAY012)

ID_COLUMNS = {("CARRERAS", "ID_CARRERA"), ("ASIGNATURAS", "ID_CARRERA"), ("ASIGNATURAS", "ID_ASIGNATURA")}
CATALOG_COLUMNS = {
    "ID_NIVEL_ESTUDIOS": "idNivelEstudios",
    "ID_TIPO_PERIODO": "idTipoPeriodo",
    "ID_TIPO_ASIGNATURA": "idTipoAsignatura",
    "ID_ENTIDAD_FEDERATIVA": "entidadFederativa",
}


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    if layout.error is not None:
        return
    yield from _required(layout, ctx)
    yield from _padded(layout, ctx)
    yield from _carreras(layout, ctx)
    yield from _catalogs(layout, ctx)


def _required(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.headers import required_columns
    from mec_lint.layout.report import report_cell

    for table in layout.tables.values():
        columns = [c for c in required_columns(table.name) if c in table.columns]
        columns = [c for c in columns if (table.name, c) not in ID_COLUMNS]  # LAY004 reports those
        for row in table.rows:
            for column in columns:
                cell = row.get(column)
                if cell is None or (cell.blank and not cell.formula):
                    yield report_cell(ctx, LAY006, "m", layout, table.name, row, column)


def _padded(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import padded_problem

    campus_digits = int(ctx.options(LAY007).get("campus_digits") or 0)
    places = (
        ("CAMPUS", "ID_CAMPUS", campus_digits, True, "090872"),  # as IDS003 in the certificates
        ("CARRERAS", "ID_CAMPUS", campus_digits, True, "090872"),
        ("CAMPUS", "ID_ENTIDAD_FEDERATIVA", 2, True, "09"),
    )
    for sheet, column, width, text_width, example in places:
        for row in layout.rows(sheet):
            cell = row.filled(column)
            if cell is None:
                continue
            problem = padded_problem(cell, width, text_width)
            if problem is not None:
                message_id, suggestion = problem
                yield report_cell(
                    ctx,
                    LAY007,
                    message_id,
                    layout,
                    sheet,
                    row,
                    column,
                    expected=suggestion,
                    width=width,
                    example=example,
                )


def _carreras(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import date_value, decimal, integral, rvoe_problem, shown_decimal

    for row in layout.rows("CARRERAS"):
        cell = row.filled("NO_RVOE")
        if cell is not None:
            problem = rvoe_problem(cell)
            if problem is not None:
                message_id, suggestion = problem
                hint = ""
                if suggestion and message_id == "format":
                    hint = f" (did you mean «{suggestion}»?)" if ctx.lang == "en" else f" ¿«{suggestion}»?"
                yield report_cell(
                    ctx,
                    LAY008,
                    message_id,
                    layout,
                    "CARRERAS",
                    row,
                    "NO_RVOE",
                    expected=suggestion,
                    hint=hint,
                )
        cell = row.filled("CLAVE_PLAN")
        if cell is not None:
            if cell.kind == "d":
                yield report_cell(ctx, LAY009, "date", layout, "CARRERAS", row, "CLAVE_PLAN")
            elif cell.kind == "n" and integral(cell) is None:
                yield report_cell(ctx, LAY009, "decimal", layout, "CARRERAS", row, "CLAVE_PLAN")
            elif isinstance(cell.value, str) and cell.value != cell.value.strip():
                yield report_cell(
                    ctx, LAY009, "spaces", layout, "CARRERAS", row, "CLAVE_PLAN", expected=cell.value.strip()
                )
        cell = row.filled("FECHA_RVOE")
        if cell is not None:
            parsed = date_value(cell)
            if isinstance(parsed, str):
                yield report_cell(ctx, LAY010, parsed, layout, "CARRERAS", row, "FECHA_RVOE")
            elif parsed > ctx.upload_date:
                yield report_cell(
                    ctx,
                    LAY010,
                    "future",
                    layout,
                    "CARRERAS",
                    row,
                    "FECHA_RVOE",
                    value=parsed.isoformat(),
                    expected=ctx.upload_date.isoformat(),
                )
        grades = {}
        for column in ("CALIF_MINIMA", "CALIF_APROBATORIA", "CALIF_MAXIMA"):
            cell = row.filled(column)
            if cell is None:
                continue
            number = decimal(cell)
            if number is None:
                yield report_cell(ctx, LAY012, "not_number", layout, "CARRERAS", row, column)
            elif number < 0:  # at its own cell; not compared with the others (one mistake, one finding)
                yield report_cell(
                    ctx,
                    LAY012,
                    "negative",
                    layout,
                    "CARRERAS",
                    row,
                    column,
                    expected=shown_decimal(-number),
                )
            else:
                grades[column] = number
        minimum, approving, maximum = (
            grades.get("CALIF_MINIMA"),
            grades.get("CALIF_APROBATORIA"),
            grades.get("CALIF_MAXIMA"),
        )
        if approving is None:
            continue
        if minimum is not None and not minimum < approving:
            yield report_cell(
                ctx,
                LAY012,
                "min_aprob",
                layout,
                "CARRERAS",
                row,
                "CALIF_APROBATORIA",
                value=shown_decimal(approving),
                expected=f"> {shown_decimal(minimum)}",
                minimum=shown_decimal(minimum),
            )
        if maximum is not None and not approving <= maximum:
            yield report_cell(
                ctx,
                LAY012,
                "aprob_max",
                layout,
                "CARRERAS",
                row,
                "CALIF_APROBATORIA",
                value=shown_decimal(approving),
                expected=f"<= {shown_decimal(maximum)}",
                maximum=shown_decimal(maximum),
            )


def _catalogs(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_cell
    from mec_lint.layout.values import key

    for table in layout.tables.values():
        columns = [c for c in CATALOG_COLUMNS if c in table.columns]
        for column in columns:
            catalog = CATALOG_COLUMNS[column]
            entries = ctx.catalogs.get(catalog)
            if not entries:
                continue
            width = 2 if column == "ID_ENTIDAD_FEDERATIVA" else 0
            valid = ", ".join(f"{k} {v}" for k, v in entries.items())
            for row in table.rows:
                cell = row.filled(column)
                value = key(cell, width)
                if cell is None or value is None or value in entries:
                    continue
                yield report_cell(
                    ctx, LAY011, "m", layout, table.name, row, column, expected=valid, catalog=catalog
                )
