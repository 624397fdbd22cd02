"""DEC005: Dreoe and SepIpes hold no nodes (the schema accepts anything there, the MEC defines none)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

SEP_NODES = ("Dreoe", "SepIpes")

DEC005 = Rule(
    code="DEC005",
    name="nodos-sep-sin-contenido",
    severity=Severity.ERROR,
    summary={
        "es": "Dreoe y SepIpes no contienen nodos",
        "en": "Dreoe and SepIpes hold no elements",
    },
    messages={
        "m": {
            "es": "El nodo {element} está dentro de {parent}, donde el MEC no define ningún nodo (sólo "
            "atributos que agrega la SEP). No se toma en cuenta: {counted}. Quítelo; si es una asignatura, "
            "va en Asignaturas.",
            "en": "Element {element} sits inside {parent}, where the MEC defines no element (only attributes "
            "the SEP adds). It is not taken into account: {counted_en}. Remove it; a subject belongs in "
            "Asignaturas.",
        }
    },
    why="El esquema 3.0 declara el contenido de Dreoe y SepIpes como xs:any (laxo) y no lo valida, pero "
    "la especificación sólo define atributos en ellos y todos los nodos del Dec son vacíos. Un nodo "
    "escondido ahí (por ejemplo una Asignatura) no es parte del certificado: mec-lint no lo cuenta en "
    "los totales ni en la cadena original, y el MEC tampoco.",
    fail_example='<Dreoe><Asignatura idAsignatura="1010104" …/></Dreoe>',
    pass_example='(sin Dreoe ni SepIpes: la institución no los envía) o <Dreoe fechaDreoe="…" …/>',
    spec="dec-3.0.md §1 (árbol del Dec: todos los nodos son vacíos, los datos van en atributos) y "
    "§1.11 (Dreoe y SepIpes: xs:any laxo, atributos agregados por la SEP tras la autenticación)",
    fix="Quite los nodos que estén dentro de Dreoe o SepIpes; las asignaturas van dentro de Asignaturas "
    "(y la institución no envía Dreoe ni SepIpes: los agrega la SEP).",
)

RULES = (DEC005,)

_COUNTED = {
    "es": "no cuenta en los totales, los promedios ni el sello",
    "en": "it counts toward no total, average or seal",
}


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    for name in SEP_NODES:
        for node in doc.all(name):  # only the ones at their place (children of the root)
            for child in node.iterchildren(tag=etree.Element):
                yield ctx.report(
                    DEC005,
                    "m",
                    child,
                    parent=name,
                    counted=_COUNTED["es"],
                    counted_en=_COUNTED["en"],
                )
    # The certificate's own node names anywhere else are reported by the schema (XSD003/XSD008);
    # `doc.misplaced` keeps them out of every rule's reading either way.
