"""XLY002–XLY004: the certificate's institution, campus and carrera are those of the layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.index import LayoutIndex
    from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML
NEEDS_LAYOUT = True
ORDER = 150
SPEC = (
    "layout.md «Certificate against layout»; mec-faq.txt («ServicioFirmante»: idEntidad = ID_INSTITUCION; "
    "«¿Cómo genero el ID_ASIGNATURA y el ID_CARRERA?»)"
)

XLY002 = Rule(
    code="XLY002",
    name="layout-institucion",
    severity=Severity.ERROR,
    summary={
        "es": "idNombreInstitucion e idEntidad son el ID_INSTITUCION del layout",
        "en": "idNombreInstitucion and idEntidad are the layout's ID_INSTITUCION",
    },
    messages={
        "m": {
            "es": "{element}/@{attribute}=«{value}» no es un ID_INSTITUCION del layout (hoja {sheet}: "
            "{expected}).",
            "en": "{element}/@{attribute}=«{value}» is not an ID_INSTITUCION of the layout (sheet {sheet}: "
            "{expected}).",
        }
    },
    why="El certificado se emite por la institución registrada en el Programa de Estudios; "
    "ServicioFirmante/@idEntidad lleva el ID_INSTITUCION del firmante (FAQ).",
    fail_example='<Ipes idNombreInstitucion="20872" …> con ID_INSTITUCION 20871 en el layout',
    pass_example='<Ipes idNombreInstitucion="20871" …>',
    spec=SPEC,
    fix="Use en el certificado el ID_INSTITUCION registrado (Ipes/@idNombreInstitucion y ServicioFirmante/@idEntidad).",
)

XLY003 = Rule(
    code="XLY003",
    name="layout-campus",
    severity=Severity.ERROR,
    summary={
        "es": "idCampus es un campus de esa institución en el layout, con la misma entidad",
        "en": "idCampus is a campus of that institution in the layout, with the same state",
    },
    messages={
        "unknown": {
            "es": "Ipes/@idCampus=«{value}» no está en la hoja {sheet} del layout (campus registrados: "
            "{expected}).",
            "en": "Ipes/@idCampus=«{value}» is not in sheet {sheet} of the layout (registered campuses: {expected}).",
        },
        "institution": {
            "es": "Ipes/@idCampus=«{value}» pertenece en el layout a la institución {expected} ({where}), no "
            "a idNombreInstitucion=«{institution}».",
            "en": "Ipes/@idCampus=«{value}» belongs to institution {expected} in the layout ({where}), not "
            "to idNombreInstitucion=«{institution}».",
        },
        "entidad": {
            "es": "Ipes/@idEntidadFederativa=«{value}» no coincide con la entidad del campus {campus} en el "
            "layout: ID_ENTIDAD_FEDERATIVA «{expected}» ({where}).",
            "en": "Ipes/@idEntidadFederativa=«{value}» differs from campus {campus}'s state in the layout: "
            "«{expected}» ({where}).",
        },
    },
    why="El campus y su entidad federativa del certificado deben ser los registrados en el Programa de "
    "Estudios para esa institución.",
    fail_example='<Ipes idCampus="090872" idEntidadFederativa="15" …> con entidad 09 en el layout',
    pass_example='<Ipes idCampus="090872" idEntidadFederativa="09" …>',
    spec=SPEC,
    fix="Use el ID_CAMPUS registrado en la hoja CAMPUS, con la entidad de ese campus.",
)

XLY004 = Rule(
    code="XLY004",
    name="layout-carrera",
    severity=Severity.ERROR,
    summary={
        "es": "idCarrera existe en el layout y pertenece al campus del certificado",
        "en": "idCarrera exists in the layout and belongs to the certificate's campus",
    },
    messages={
        "unknown": {
            "es": "Carrera/@idCarrera=«{value}» no está en la hoja {sheet} del layout (ID_CARRERA "
            "registrados: {expected}). El id debe ser exactamente el ID_CARRERA registrado, sin ceros a la "
            "izquierda.",
            "en": "Carrera/@idCarrera=«{value}» is not in sheet {sheet} of the layout (registered ID_CARRERA: "
            "{expected}). The id must be exactly the registered ID_CARRERA, without leading zeros.",
        },
        "campus": {
            "es": "Carrera/@idCarrera=«{value}» está registrada en el campus {expected} ({where}), no en "
            "Ipes/@idCampus=«{campus}».",
            "en": "Carrera/@idCarrera=«{value}» is registered for campus {expected} ({where}), not for "
            "Ipes/@idCampus=«{campus}».",
        },
    },
    why="idCarrera es el ID_CARRERA del layout: de él dependen el RVOE, el plan y las asignaturas que el "
    "MEC compara.",
    fail_example='<Carrera idCarrera="0101" …> con ID_CARRERA 101',
    pass_example='<Carrera idCarrera="101" …>',
    spec=SPEC,
    fix="Use el ID_CARRERA registrado para ese campus (o registre la carrera en el layout antes de cargar).",
)

RULES = (XLY002, XLY003, XLY004)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.report import report_against

    index: LayoutIndex | None = ctx.layout
    if index is None or not hasattr(index, "carreras"):
        return
    institution_sheet = index.column("INSTITUCION", "ID_INSTITUCION")
    institutions = index.known(index.institutions)
    for name, attribute in (("Ipes", "idNombreInstitucion"), ("ServicioFirmante", "idEntidad")):
        element = doc.first(name)
        value = element.get(attribute) if element is not None else None
        if value is not None and value not in index.institutions:
            yield report_against(
                ctx, XLY002, "m", element, attribute, value, institution_sheet, expected=institutions
            )
    ipes = doc.first("Ipes")
    campus_id = ipes.get("idCampus") if ipes is not None else None
    if ipes is not None and campus_id is not None:
        campus = index.campuses.get(index.campus_key(campus_id))
        if campus is None:
            yield report_against(
                ctx,
                XLY003,
                "unknown",
                ipes,
                "idCampus",
                campus_id,
                index.column("CAMPUS", "ID_CAMPUS"),
                expected=index.known(index.campus_written.values()),
            )
        else:
            institution = ipes.get("idNombreInstitucion")
            owner = campus.text("ID_INSTITUCION")
            if institution is not None and owner is not None and owner != institution:
                yield report_against(
                    ctx,
                    XLY003,
                    "institution",
                    ipes,
                    "idCampus",
                    campus_id,
                    campus.place("ID_INSTITUCION"),
                    institution=institution,
                )
            entidad = ipes.get("idEntidadFederativa")
            registered = campus.text("ID_ENTIDAD_FEDERATIVA")
            if entidad is not None and registered is not None and entidad != registered:
                yield report_against(
                    ctx,
                    XLY003,
                    "entidad",
                    ipes,
                    "idEntidadFederativa",
                    entidad,
                    campus.place("ID_ENTIDAD_FEDERATIVA"),
                    campus=campus_id,
                )
    carrera = doc.first("Carrera")
    carrera_id = carrera.get("idCarrera") if carrera is not None else None
    if carrera is None or carrera_id is None:
        return
    entry = index.carreras.get(carrera_id)
    if entry is None:
        yield report_against(
            ctx,
            XLY004,
            "unknown",
            carrera,
            "idCarrera",
            carrera_id,
            index.column("CARRERAS", "ID_CARRERA"),
            expected=index.known(index.carreras),
        )
        return
    registered = entry.text("ID_CAMPUS")
    if campus_id is not None and registered is not None and registered != index.campus_key(campus_id):
        yield report_against(
            ctx,
            XLY004,
            "campus",
            carrera,
            "idCarrera",
            carrera_id,
            entry.place("ID_CAMPUS"),
            campus=campus_id,
        )
