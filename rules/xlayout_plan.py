"""XLY005–XLY006: the RVOE and the plan data of the certificate equal the layout row of its carrera."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.index import Entry, LayoutIndex
    from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML
NEEDS_LAYOUT = True
ORDER = 151
SPEC = "layout.md «Certificate against layout» (numbers compared as numbers, dates as dates)"

XLY005 = Rule(
    code="XLY005",
    name="layout-rvoe",
    severity=Severity.ERROR,
    summary={
        "es": "Rvoe/@numero y @fechaExpedicion son los NO_RVOE y FECHA_RVOE del layout",
        "en": "Rvoe/@numero and @fechaExpedicion are the layout's NO_RVOE and FECHA_RVOE",
    },
    messages={
        "numero": {
            "es": "Rvoe/@numero=«{value}» no coincide con NO_RVOE «{expected}» de ID_CARRERA {carrera} en "
            "el layout ({where}).",
            "en": "Rvoe/@numero=«{value}» differs from NO_RVOE «{expected}» of ID_CARRERA {carrera} in the "
            "layout ({where}).",
        },
        "fecha": {
            "es": "Rvoe/@fechaExpedicion=«{value}» no coincide con FECHA_RVOE {expected} de ID_CARRERA "
            "{carrera} en el layout ({where}).",
            "en": "Rvoe/@fechaExpedicion=«{value}» differs from FECHA_RVOE {expected} of ID_CARRERA "
            "{carrera} in the layout ({where}).",
        },
    },
    why="El RVOE del certificado es el del plan registrado; un número o fecha distintos provocan rechazo "
    "o cancelación del certificado.",
    fail_example='<Rvoe numero="20181243" …> con NO_RVOE 20181234',
    pass_example='<Rvoe numero="20181234" fechaExpedicion="2018-06-15T00:00:00"/>',
    spec=SPEC,
    fix="Copie en Rvoe/@numero y Rvoe/@fechaExpedicion el NO_RVOE y la FECHA_RVOE del plan registrado.",
)

XLY006 = Rule(
    code="XLY006",
    name="layout-datos-del-plan",
    severity=Severity.ERROR,
    summary={
        "es": "clavePlan, nivel, tipo de periodo y escala de calificaciones son los del layout",
        "en": "clavePlan, level, period type and grading scale are the layout's",
    },
    messages={
        "m": {
            "es": "Carrera/@{attribute}=«{value}» no coincide con {layout_column} «{expected}» de ID_CARRERA "
            "{carrera} en el layout ({where}).",
            "en": "Carrera/@{attribute}=«{value}» differs from {layout_column} «{expected}» of ID_CARRERA {carrera} "
            "in the layout ({where}).",
        }
    },
    why="Los datos del plan (clave, nivel, periodo, escala) se copian del Programa de Estudios "
    "registrado; el MEC compara cada certificado con ellos.",
    fail_example='<Carrera clavePlan="2019" …> con CLAVE_PLAN 2018',
    pass_example='<Carrera clavePlan="2018" calificacionMinimaAprobatoria="6.00" …> con CALIF_APROBATORIA 6',
    spec=SPEC,
    fix="Copie clavePlan, nivel, tipo de periodo y escala de calificaciones del plan registrado en el layout.",
)

RULES = (XLY005, XLY006)

# (Carrera attribute, layout column, how to compare)
PLAN_FIELDS = (
    ("clavePlan", "CLAVE_PLAN", "text"),
    ("idNivelEstudios", "ID_NIVEL_ESTUDIOS", "text"),
    ("idTipoPeriodo", "ID_TIPO_PERIODO", "text"),
    ("calificacionMinima", "CALIF_MINIMA", "number"),
    ("calificacionMaxima", "CALIF_MAXIMA", "number"),
    ("calificacionMinimaAprobatoria", "CALIF_APROBATORIA", "number"),
)


def carrera_entry(doc: XmlDocument, index: LayoutIndex | None) -> tuple[str, Entry] | None:
    if index is None or not hasattr(index, "carreras"):
        return None
    carrera = doc.first("Carrera")
    carrera_id = carrera.get("idCarrera") if carrera is not None else None
    entry = index.carreras.get(carrera_id) if carrera_id is not None else None
    return (carrera_id, entry) if carrera_id is not None and entry is not None else None


def xml_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_against
    from mec_lint.layout.values import parse_decimal, shown_decimal

    found = carrera_entry(doc, ctx.layout)
    if found is None:
        return  # XLY004 reports an unknown carrera
    carrera_id, entry = found
    rvoe = doc.first("Rvoe")
    if rvoe is not None:
        numero = rvoe.get("numero")
        registered = entry.text("NO_RVOE")
        if numero is not None and registered is not None and numero.strip() != registered:
            yield report_against(
                ctx, XLY005, "numero", rvoe, "numero", numero, entry.place("NO_RVOE"), carrera=carrera_id
            )
        fecha = rvoe.get("fechaExpedicion")
        place = entry.place("FECHA_RVOE")
        cert_date = xml_date(fecha)
        if cert_date is not None and place.date is not None and cert_date != place.date:
            yield report_against(
                ctx,
                XLY005,
                "fecha",
                rvoe,
                "fechaExpedicion",
                fecha,
                place,
                expected=place.date.isoformat(),
                carrera=carrera_id,
            )
    carrera = doc.first("Carrera")
    assert carrera is not None
    for attribute, column, how in PLAN_FIELDS:
        value = carrera.get(attribute)
        place = entry.place(column)
        if value is None or place.text == "":
            continue
        if how == "number":
            number = parse_decimal(value)
            if number is None or place.number is None or number == place.number:
                continue  # a non-numeric grade is the schema's / CAL rules' business
            expected = shown_decimal(place.number)
        else:
            if value == place.text:
                continue
            expected = place.text
        yield report_against(
            ctx,
            XLY006,
            "m",
            carrera,
            attribute,
            value,
            place,
            expected=expected,
            layout_column=column,
            carrera=carrera_id,
        )
