"""CAT004: the place of issue is the campus's state (an info note when it is not: legal, often a slip)."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

CAT004 = Rule(
    code="CAT004",
    name="lugar-expedicion-del-campus",
    severity=Severity.INFO,
    summary={
        "es": "Expedicion/@idLugarExpedicion es la entidad del campus (Ipes/@idEntidadFederativa); si no, "
        "una nota",
        "en": "Expedicion/@idLugarExpedicion is the campus's state (Ipes/@idEntidadFederativa); otherwise "
        "a note",
    },
    messages={
        "m": {
            "es": 'idLugarExpedicion="{value}" ({place}) en Expedicion no es la entidad del campus, '
            'Ipes/@idEntidadFederativa="{expected}" ({campus_state}). Es válido si el certificado de verdad se '
            "expidió en otro estado, pero casi siempre el lugar de expedición es el estado del campus: "
            "confirme el dato antes de firmar (va en la cadena original).",
            "en": 'idLugarExpedicion="{value}" ({place}) on Expedicion is not the campus\'s state, '
            'Ipes/@idEntidadFederativa="{expected}" ({campus_state}). It is valid if the certificate was '
            "really issued in another state, but the place of issue is almost always the campus's state: "
            "check the value before signing (it is in the cadena original).",
        }
    },
    why="El lugar de expedición usa el mismo catálogo de entidades que el campus y casi todas las "
    "implementaciones lo toman del estado del campus (Ipes/@idEntidadFederativa, el estado del campus según "
    "dec-3.0.md §1.3). Un valor distinto es legal —el esquema no lo prohíbe— pero suele ser un error de "
    "captura (otro estado del catálogo, un campus copiado de otro certificado). Por eso es sólo una nota "
    "(info): no cuenta como error ni como advertencia.",
    fail_example='<Ipes … idEntidadFederativa="09" …/> … <Expedicion … idLugarExpedicion="15" …/>',
    pass_example='<Ipes … idEntidadFederativa="09" …/> … <Expedicion … idLugarExpedicion="09" …/>',
    spec="dec-3.0.md §1.8 (idLugarExpedicion: «Nearly every implementation sets it to the campus state "
    "(Ipes/@idEntidadFederativa)»), §1.3 (idEntidadFederativa: el estado del campus) y §2.8",
    fix="Si el certificado se expidió en el estado del campus, escriba en idLugarExpedicion el mismo id que "
    "Ipes/@idEntidadFederativa y vuelva a firmar; si de verdad se expidió en otro estado, no cambie nada.",
)

RULES = (CAT004,)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    place = doc.attr("Expedicion", "idLugarExpedicion")
    campus_state = doc.attr("Ipes", "idEntidadFederativa")
    if place is None or campus_state is None or place == campus_state:
        return  # absent: the schema's finding (XSD001)
    states = ctx.catalogs.get("entidadFederativa")
    if place not in states or campus_state not in states:
        return  # an id outside the catalog (or "9" for "09") is CAT001's error: nothing to compare
    expedicion = doc.first("Expedicion")
    yield ctx.report(
        CAT004,
        "m",
        expedicion,
        attribute="idLugarExpedicion",
        value=place,
        expected=campus_state,
        place=states[place],
        campus_state=states[campus_state],
    )
