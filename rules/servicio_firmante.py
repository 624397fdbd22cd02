"""FIR001–FIR002: ServicioFirmante (new in 3.0) is present and its idEntidad is the institution id."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import XmlDocument, local_name

SCOPE = Scope.XML

FIR001 = Rule(
    code="FIR001",
    name="id-entidad-es-institucion",
    severity=Severity.ERROR,
    summary={
        "es": "ServicioFirmante/@idEntidad es el ID_INSTITUCION (igual a Ipes/@idNombreInstitucion)",
        "en": "ServicioFirmante/@idEntidad is the ID_INSTITUCION (equal to Ipes/@idNombreInstitucion)",
    },
    messages={
        "m": {
            "es": 'idEntidad="{value}" en ServicioFirmante: debe ser el ID_INSTITUCION de la institución del '
            'firmante, el mismo valor que Ipes/@idNombreInstitucion="{expected}".',
            "en": 'idEntidad="{value}" on ServicioFirmante: it must be the signer\'s institution '
            'ID_INSTITUCION, the same value as Ipes/@idNombreInstitucion="{expected}".',
        },
        "state": {
            "es": 'idEntidad="{value}" en ServicioFirmante parece una clave de entidad federativa: es un error '
            "conocido. En otras familias de certificados de la SEP idEntidad es el estado, pero en los de "
            "IPES es el ID_INSTITUCION, el mismo valor que Ipes/@idNombreInstitucion; se espera "
            "«{expected}».",
            "en": 'idEntidad="{value}" on ServicioFirmante looks like a state code: a known mistake. In other '
            "SEP certificate families idEntidad is the state, but for IPES it is the ID_INSTITUCION, the same "
            "value as Ipes/@idNombreInstitucion; expected «{expected}».",
        },
    },
    why="La FAQ del MEC dice que en idEntidad se captura el «ID_INSTITUCION», y el esquema lo describe "
    "como la institución que emite el documento: el mismo valor que Ipes/@idNombreInstitucion (7 "
    "implementaciones independientes lo hacen así). Poner la clave del estado (09, 30) es un error "
    "conocido que viene de otras familias de certificados de la SEP.",
    fail_example='<ServicioFirmante idEntidad="09"/>\n<Ipes idNombreInstitucion="20871" …>',
    pass_example='<ServicioFirmante idEntidad="20871"/>\n<Ipes idNombreInstitucion="20871" …>',
    spec="mec-faq.txt (nodo «ServicioFirmante»: idEntidad es el «ID_INSTITUCION»); spec README regla 13; "
    "dec-3.0.md §1.2 y §2.9",
    fix="Copie en ServicioFirmante/@idEntidad el mismo ID_INSTITUCION que va en Ipes/@idNombreInstitucion.",
)

FIR002 = Rule(
    code="FIR002",
    name="servicio-firmante-presente",
    severity=Severity.ERROR,
    summary={
        "es": "El nodo ServicioFirmante (nuevo en 3.0) está presente",
        "en": "The ServicioFirmante element (new in 3.0) is present",
    },
    messages={
        "m": {
            "es": "Falta el nodo ServicioFirmante: es nuevo en la especificación 3.0 y obligatorio. Agregue "
            '<ServicioFirmante idEntidad="{expected}"/> como primer hijo de Dec, antes de Ipes (idEntidad es '
            "el ID_INSTITUCION, el mismo valor que Ipes/@idNombreInstitucion).",
            "en": "The ServicioFirmante element is missing: it is new in specification 3.0 and required. Add "
            '<ServicioFirmante idEntidad="{expected}"/> as the first child of Dec, before Ipes (idEntidad is '
            "the ID_INSTITUCION, the same value as Ipes/@idNombreInstitucion).",
        }
    },
    why="La especificación 3.0 agregó el nodo obligatorio ServicioFirmante, que identifica a la "
    "institución del responsable de expedición. Los generadores hechos para la 2.0 no lo escriben y el "
    "MEC rechaza el documento.",
    fail_example='<Dec …>\n  <Ipes idNombreInstitucion="20871" …>',
    pass_example='<Dec …>\n  <ServicioFirmante idEntidad="20871"/>\n  <Ipes idNombreInstitucion="20871" …>',
    spec="mec-faq.txt (nuevo nodo «ServicioFirmante»); spec README regla 13; dec-3.0.md §1 (árbol), §1.2 "
    "y §1.12",
    fix='Agregue <ServicioFirmante idEntidad="ID_INSTITUCION"/> como primer hijo de Dec.',
)

RULES = (FIR001, FIR002)

_STATE_LIKE = lazy(r"\s*[0-9]{1,2}\s*")


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    if local_name(doc.root) != "Dec":
        return  # not a certificate at all: the schema reports the root (XSD007)
    institution = doc.attr("Ipes", "idNombreInstitucion")
    signer = doc.first("ServicioFirmante")
    if signer is None:
        yield ctx.report(
            FIR002,
            "m",
            doc.root,
            expected=institution if institution else "ID_INSTITUCION",
        )
        return
    value = signer.get("idEntidad")
    if value is None or institution is None or value == institution:
        return  # missing attributes are the schema's findings (XSD001)
    if not value.strip() or not institution.strip():
        return  # an empty value is CAD002's finding: there is nothing to compare
    state_like = bool(_STATE_LIKE.fullmatch(value)) and not _STATE_LIKE.fullmatch(institution)
    yield ctx.report(
        FIR001,
        "state" if state_like else "m",
        signer,
        attribute="idEntidad",
        value=value,
        expected=institution,
    )
