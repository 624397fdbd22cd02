"""XLY007–XLY012: each subject is a subject of THAT carrera in the layout, with its type and credits;
the plan totals and the number of cycles agree with the layout."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.index import LayoutIndex
    from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML
NEEDS_LAYOUT = True
ORDER = 152
SPEC = "layout.md «Certificate against layout»"
TOLERANCE = Decimal("0.005")

XLY007 = Rule(
    code="XLY007",
    name="layout-asignatura-no-registrada",
    severity=Severity.ERROR,
    summary={
        "es": "Cada idAsignatura está registrado en el layout",
        "en": "Each idAsignatura is registered in the layout",
    },
    messages={
        "m": {
            "es": "Asignatura/@idAsignatura=«{value}» no está en la hoja {sheet} del layout (ninguna carrera "
            "la tiene). Use el ID_ASIGNATURA registrado para ID_CARRERA {carrera}, sin ceros a la izquierda "
            "(sus asignaturas están en {rows} de {sheet}).",
            "en": "Asignatura/@idAsignatura=«{value}» is not in sheet {sheet} of the layout (no carrera has "
            "it). Use the ID_ASIGNATURA registered for ID_CARRERA {carrera}, without leading zeros (its "
            "subjects are in {rows_en} of {sheet}).",
        },
        "likely": {
            "es": "Asignatura/@idAsignatura=«{value}» no está en la hoja {sheet} del layout, pero la fila "
            "{row} ({where}) de ID_CARRERA {carrera} tiene {matched_by}: su ID_ASIGNATURA registrado es "
            "«{expected}».",
            "en": "Asignatura/@idAsignatura=«{value}» is not in sheet {sheet} of the layout, but row {row} "
            "({where}) of ID_CARRERA {carrera} has {matched_by_en}: its registered ID_ASIGNATURA is "
            "«{expected}».",
        },
    },
    why="idAsignatura es el ID_ASIGNATURA del layout; una asignatura no registrada no se puede autenticar. "
    "Si una fila de la carrera tiene el mismo id sin ceros a la izquierda, la misma CLAVE_ASIGNATURA que "
    "@claveAsignatura o el mismo NOMBRE_ASIGNATURA que @nombre, el hallazgo señala esa fila y su "
    "ID_ASIGNATURA; si no, señala la hoja y las filas de la carrera (nunca el encabezado).",
    fail_example='<Asignatura idAsignatura="9999999" …/> sin fila en ASIGNATURAS',
    pass_example='<Asignatura idAsignatura="1010101" …/>',
    spec=SPEC,
    fix="Use el ID_ASIGNATURA registrado en la hoja ASIGNATURAS (o registre la asignatura antes de cargar).",
)

XLY008 = Rule(
    code="XLY008",
    name="layout-asignatura-de-otra-carrera",
    severity=Severity.ERROR,
    summary={
        "es": "Cada asignatura pertenece a la carrera del certificado",
        "en": "Each subject belongs to the certificate's carrera",
    },
    messages={
        "m": {
            "es": "Asignatura/@idAsignatura=«{value}» es, en el layout, de ID_CARRERA {expected} ({where}), "
            "no de la carrera del certificado, {carrera}.",
            "en": "Asignatura/@idAsignatura=«{value}» belongs in the layout to ID_CARRERA {expected} "
            "({where}), not to the certificate's carrera {carrera}.",
        }
    },
    why="Un certificado sólo lleva asignaturas del plan de su carrera; una asignatura de otro plan suele "
    "venir de una tabla de equivalencias o de un error de captura.",
    fail_example='Carrera 101 con <Asignatura idAsignatura="2020101" …/> registrada en la carrera 202',
    pass_example='Carrera 101 con <Asignatura idAsignatura="1010101" …/> registrada en la carrera 101',
    spec=SPEC,
    fix="Use el id de la asignatura en la carrera del certificado, o revise que el certificado sea de esa carrera.",
)

XLY009 = Rule(
    code="XLY009",
    name="layout-asignatura-datos",
    severity=Severity.ERROR,
    summary={
        "es": "idTipoAsignatura y creditos de cada asignatura son los del layout",
        "en": "Each subject's idTipoAsignatura and creditos are the layout's",
    },
    messages={
        "m": {
            "es": "Asignatura {subject}: @{attribute}=«{value}» no coincide con {layout_column} «{expected}» del "
            "layout ({where}).",
            "en": "Subject {subject}: @{attribute}=«{value}» differs from {layout_column} «{expected}» in the "
            "layout ({where}).",
        }
    },
    why="El tipo y los créditos de cada asignatura están fijados por el plan registrado.",
    fail_example='<Asignatura idAsignatura="1010101" creditos="8.00" …/> con CREDITOS 7',
    pass_example='<Asignatura idAsignatura="1010101" creditos="7.00" …/> con CREDITOS 7',
    spec=SPEC,
    fix="Copie idTipoAsignatura y creditos de la fila de la asignatura en el layout.",
)

XLY010 = Rule(
    code="XLY010",
    name="layout-total-asignaturas",
    severity=Severity.ERROR,
    summary={
        "es": "Asignaturas/@total no excede las asignaturas del plan (igual en un certificado total)",
        "en": "Asignaturas/@total does not exceed the plan's subjects (equal for a total certificate)",
    },
    messages={
        "more": {
            "es": "Asignaturas/@total={value} excede las {expected} asignaturas que cuentan del plan de "
            "ID_CARRERA {carrera} en el layout ({where}{counted_in}).",
            "en": "Asignaturas/@total={value} exceeds the plan's {expected} counting subjects (ID_CARRERA "
            "{carrera}, {where}{counted_in_en}).",
        },
        "total": {
            "es": "Certificado total (idTipoCertificacion 79): Asignaturas/@total={value} debe ser igual a "
            "las {expected} asignaturas que cuentan del plan de ID_CARRERA {carrera} ({where}{counted_in}).",
            "en": "Total certificate (79): Asignaturas/@total={value} must equal the plan's {expected} "
            "counting subjects (ID_CARRERA {carrera}, {where}{counted_in_en}).",
        },
    },
    why="total es el número de asignaturas del plan que cuentan (sin complementarias); un certificado "
    "total las cubre todas. El hallazgo señala TOTAL_ASIGNATURAS de la fila de la carrera cuando el layout "
    "lo trae; si no, la celda ID_CARRERA de esa fila, y el mensaje dice en qué filas de ASIGNATURAS están "
    "las asignaturas contadas.",
    fail_example='<Asignaturas total="41" …> con 40 asignaturas en el plan',
    pass_example='<Asignaturas total="40" …> con 40 asignaturas en el plan',
    spec=SPEC + "; dec-3.0.md §1.9 (total)",
    options={
        "equal_for_total": Option(
            bool,
            True,
            "En un certificado total (79), total debe ser igual al número de asignaturas del plan.",
        )
    },
    fix="Corrija Asignaturas/@total con el número de asignaturas del plan que cuentan (sin complementarias).",
)

XLY011 = Rule(
    code="XLY011",
    name="layout-total-creditos",
    severity=Severity.ERROR,
    summary={
        "es": "Asignaturas/@totalCreditos es el TOTAL_CREDITOS del layout",
        "en": "Asignaturas/@totalCreditos is the layout's TOTAL_CREDITOS",
    },
    messages={
        "m": {
            "es": "Asignaturas/@totalCreditos=«{value}» no coincide con TOTAL_CREDITOS {expected} de "
            "ID_CARRERA {carrera} en el layout ({where}).",
            "en": "Asignaturas/@totalCreditos=«{value}» differs from TOTAL_CREDITOS {expected} of ID_CARRERA "
            "{carrera} in the layout ({where}).",
        }
    },
    why="totalCreditos es el total de créditos del plan registrado.",
    fail_example='<Asignaturas totalCreditos="300.00" …> con TOTAL_CREDITOS 315',
    pass_example='<Asignaturas totalCreditos="315.00" …> con TOTAL_CREDITOS 315',
    spec=SPEC + "; dec-3.0.md §5.4",
    fix="Copie en Asignaturas/@totalCreditos el TOTAL_CREDITOS del plan registrado.",
)

XLY012 = Rule(
    code="XLY012",
    name="layout-numero-ciclos",
    severity=Severity.WARNING,
    summary={
        "es": "numeroCiclos concuerda con NUMERO_CICLOS del plan",
        "en": "numeroCiclos agrees with the plan's NUMERO_CICLOS",
    },
    messages={
        "total": {
            "es": "Certificado total: Asignaturas/@numeroCiclos={value} difiere de NUMERO_CICLOS {expected} "
            "del plan de ID_CARRERA {carrera} ({where}). Puede ser correcto (equivalencias, recursamientos); "
            "confírmelo con la trayectoria del alumno.",
            "en": "Total certificate: Asignaturas/@numeroCiclos={value} differs from NUMERO_CICLOS "
            "{expected} of the plan of ID_CARRERA {carrera} ({where}). It may be right (equivalencias, "
            "recursamientos); confirm it against the student's record.",
        },
        "more": {
            "es": "Asignaturas/@numeroCiclos={value} excede NUMERO_CICLOS {expected} del plan de ID_CARRERA "
            "{carrera} ({where}). Confírmelo con la trayectoria del alumno.",
            "en": "Asignaturas/@numeroCiclos={value} exceeds NUMERO_CICLOS {expected} of ID_CARRERA "
            "{carrera} ({where}). Confirm it against the student's record.",
        },
    },
    why="La FAQ pide que numeroCiclos concuerde con el plan, la normatividad y la trayectoria del alumno; "
    "puede diferir por razones reales, por eso es una advertencia.",
    fail_example='<Asignaturas numeroCiclos="12" …> en un plan de 9 cuatrimestres',
    pass_example='<Asignaturas numeroCiclos="9" …> en un plan de 9 cuatrimestres',
    spec=SPEC + "; mec-faq.txt «numeroCiclos»",
    fix="Corrija numeroCiclos (o NUMERO_CICLOS del layout) según el plan y el historial del alumno.",
)

RULES = (XLY007, XLY008, XLY009, XLY010, XLY011, XLY012)
COMPLEMENTARIA = "266"


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    from mec_lint.rules.xlayout_plan import carrera_entry

    index: LayoutIndex | None = ctx.layout
    found = carrera_entry(doc, index)
    if found is None or index is None:
        return  # XLY004 reports an unknown carrera
    carrera_id, entry = found
    if index.uncached_subjects:
        return  # the layout's subjects are not all known (XLY001 "formulas" says so once)
    yield from _subjects(doc, ctx, index, carrera_id)
    yield from _totals(doc, ctx, index, carrera_id, entry)


def _subjects(doc: XmlDocument, ctx: Context, index: LayoutIndex, carrera_id: str) -> Iterator[Finding]:
    from mec_lint.layout.report import report_against
    from mec_lint.layout.values import parse_decimal, shown_decimal

    own = index.subjects.get(carrera_id, {})
    for subject in doc.all("Asignatura"):
        subject_id = subject.get("idAsignatura")
        if subject_id is None:
            continue
        row = own.get(subject_id)
        if row is None:
            others = index.subject_carreras.get(subject_id)
            if not others:
                yield _unregistered(ctx, index, carrera_id, subject, subject_id)
            else:
                place = index.subjects[others[0]][subject_id].place("ID_CARRERA")
                yield report_against(
                    ctx,
                    XLY008,
                    "m",
                    subject,
                    "idAsignatura",
                    subject_id,
                    place,
                    expected=", ".join(others),
                    carrera=carrera_id,
                )
            continue
        tipo = subject.get("idTipoAsignatura")
        place = row.place("ID_TIPO_ASIGNATURA")
        if tipo is not None and place.text and tipo != place.text:
            yield report_against(
                ctx,
                XLY009,
                "m",
                subject,
                "idTipoAsignatura",
                tipo,
                place,
                layout_column="ID_TIPO_ASIGNATURA",
                subject=subject_id,
            )
        creditos = parse_decimal(subject.get("creditos"))
        place = row.place("CREDITOS")
        if creditos is not None and place.number is not None and abs(creditos - place.number) > TOLERANCE:
            yield report_against(
                ctx,
                XLY009,
                "m",
                subject,
                "creditos",
                subject.get("creditos"),
                place,
                expected=shown_decimal(place.number),
                layout_column="CREDITOS",
                subject=subject_id,
            )


def _totals(
    doc: XmlDocument, ctx: Context, index: LayoutIndex, carrera_id: str, entry: object
) -> Iterator[Finding]:
    from mec_lint.layout.report import report_against
    from mec_lint.layout.values import parse_decimal, shown_decimal

    summary = doc.first("Asignaturas")
    if summary is None:
        return
    expedicion = doc.first("Expedicion")
    is_total = expedicion is not None and expedicion.get("idTipoCertificacion") == "79"
    declared = entry.place("TOTAL_ASIGNATURAS")  # type: ignore[attr-defined]
    rows = {"counted_in": "", "counted_in_en": ""}
    if declared.number is not None and declared.number == declared.number.to_integral_value():
        plan_count, place = int(declared.number), declared
    else:  # counted from the carrera's subject rows: point at the carrera's row, name those rows
        plan_count = index.counted.get(carrera_id, 0)
        place = entry.place("ID_CARRERA")  # type: ignore[attr-defined]
        counted = _counted_rows(index, carrera_id)
        sheet = index.title("ASIGNATURAS")
        rows = {
            "counted_in": f"; contadas en {_rows_text(counted, 'es')} de {sheet}",
            "counted_in_en": f"; counted in {_rows_text(counted, 'en')} of {sheet}",
        }
    total = _integer(summary.get("total"))
    if total is not None:
        if total > plan_count:
            message_id = "more"
        elif is_total and total != plan_count and ctx.options(XLY010).get("equal_for_total", True):
            message_id = "total"
        else:
            message_id = ""
        if message_id:
            yield report_against(
                ctx,
                XLY010,
                message_id,
                summary,
                "total",
                total,
                place,
                expected=plan_count,
                carrera=carrera_id,
                **rows,
            )
    credits_place = entry.place("TOTAL_CREDITOS")  # type: ignore[attr-defined]
    credits = parse_decimal(summary.get("totalCreditos"))
    if (
        credits is not None
        and credits_place.number is not None
        and abs(credits - credits_place.number) > TOLERANCE
    ):
        yield report_against(
            ctx,
            XLY011,
            "m",
            summary,
            "totalCreditos",
            summary.get("totalCreditos"),
            credits_place,
            expected=shown_decimal(credits_place.number),
            carrera=carrera_id,
        )
    cycles_place = entry.place("NUMERO_CICLOS")  # type: ignore[attr-defined]
    cycles = _integer(summary.get("numeroCiclos"))
    plan_cycles = cycles_place.number
    if cycles is None or plan_cycles is None:
        return
    if is_total and cycles != plan_cycles:
        message_id = "total"
    elif not is_total and cycles > plan_cycles:
        message_id = "more"
    else:
        return
    yield report_against(
        ctx,
        XLY012,
        message_id,
        summary,
        "numeroCiclos",
        cycles,
        cycles_place,
        expected=shown_decimal(plan_cycles),
        carrera=carrera_id,
    )


def _unregistered(
    ctx: Context, index: LayoutIndex, carrera_id: str, subject: Any, subject_id: str
) -> Finding:
    """XLY007 at the carrera's row that is most likely this subject (same id without leading zeros,
    same CLAVE_ASIGNATURA, same NOMBRE_ASIGNATURA), else at the sheet with the carrera's rows named:
    never at a header cell."""
    from mec_lint.layout.index import Place
    from mec_lint.layout.report import report_against

    own = index.subjects.get(carrera_id, {})
    sheet = index.title("ASIGNATURAS")
    match = _likely_row(own, subject, subject_id)
    if match is not None:
        registered, row, matched_by = match
        return report_against(
            ctx,
            XLY007,
            "likely",
            subject,
            "idAsignatura",
            subject_id,
            row.place("ID_ASIGNATURA"),
            expected=registered,
            carrera=carrera_id,
            matched_by=MATCHED_BY[matched_by]["es"],
            matched_by_en=MATCHED_BY[matched_by]["en"],
        )
    rows = sorted(entry.row for entry in own.values())
    return report_against(
        ctx,
        XLY007,
        "m",
        subject,
        "idAsignatura",
        subject_id,
        Place(sheet, 0, "", ""),
        expected=None,
        carrera=carrera_id,
        rows=_rows_text(rows, "es"),
        rows_en=_rows_text(rows, "en"),
    )


MATCHED_BY = {
    "id": {"es": "ese id sin ceros ni espacios", "en": "that id without leading zeros or blanks"},
    "clave": {
        "es": "la misma CLAVE_ASIGNATURA que @claveAsignatura",
        "en": "the same CLAVE_ASIGNATURA as @claveAsignatura",
    },
    "nombre": {"es": "el mismo NOMBRE_ASIGNATURA que @nombre", "en": "the same NOMBRE_ASIGNATURA as @nombre"},
}


def _likely_row(own: dict[str, Any], subject: Any, subject_id: str) -> tuple[str, Any, str] | None:
    """The carrera's layout row that is most likely `subject`: (its ID_ASIGNATURA, row, why)."""
    bare = subject_id.strip().lstrip("0")
    if bare and bare != subject_id and bare in own:
        return bare, own[bare], "id"
    for attribute, column, why in (
        ("claveAsignatura", "CLAVE_ASIGNATURA", "clave"),
        ("nombre", "NOMBRE_ASIGNATURA", "nombre"),
    ):
        wanted = _plain(subject.get(attribute))
        if not wanted:
            continue
        found = [(sid, row) for sid, row in own.items() if _plain(row.text(column)) == wanted]
        if len(found) == 1:  # two rows with the same key or name: no guess
            return found[0][0], found[0][1], why
    return None


def _plain(text: str | None) -> str:
    """Upper case, no accents, single spaces: how a key or name is compared with the layout."""
    import unicodedata

    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _counted_rows(index: LayoutIndex, carrera_id: str) -> list[int]:
    own = index.subjects.get(carrera_id, {})
    return sorted(entry.row for entry in own.values() if entry.text("ID_TIPO_ASIGNATURA") != COMPLEMENTARIA)


def _rows_text(rows: list[int], lang: str) -> str:
    """`filas 2–4, 7` / `rows 2–4, 7` (`ninguna fila` / `no row` when empty)."""
    if not rows:
        return "ninguna fila" if lang == "es" else "no row"
    runs: list[list[int]] = []
    for number in rows:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:6]]
    text = ", ".join(parts) + (", …" if len(runs) > 6 else "")
    word = ("fila" if lang == "es" else "row") if len(rows) == 1 else ("filas" if lang == "es" else "rows")
    return f"{word} {text}"


def _integer(text: str | None) -> int | None:
    try:
        return int(text.strip()) if text is not None else None
    except ValueError:
        return None
