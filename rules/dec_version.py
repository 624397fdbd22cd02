"""DEC001–DEC004: the document is a Dec 3.0 IPES certificate in the certificate namespace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lxml import etree

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import NAMESPACE, ROW_READ, XmlDocument, attribute_items, local_name

SCOPE = Scope.XML

DEC001 = Rule(
    code="DEC001",
    name="version-3-0",
    severity=Severity.ERROR,
    summary={
        "es": "El certificado usa la especificación 3.0",
        "en": "The certificate uses specification 3.0",
    },
    messages={
        "v2": {
            "es": 'version="{value}": desde el 14 de marzo de 2022 el MEC productivo sólo acepta la '
            "especificación 3.0 (fecha de carga: {upload_date}). Genere el certificado con "
            'version="3.0" (agrega ServicioFirmante y numeroCiclos; quita foto y firmaAutografa).',
            "en": 'version="{value}": since 14 March 2022 the production MEC accepts only specification 3.0 '
            "(upload date: {upload_date}). "
            'Generate the certificate with version="3.0" (it adds ServicioFirmante and numeroCiclos; it '
            "drops foto and firmaAutografa).",
        },
        "v1": {
            "es": 'version="{value}": la especificación anterior a la 3.0 es la 2.0 (aceptada en el MEC '
            "productivo hasta el 11 de marzo de 2022; desde el 14 de marzo de 2022 sólo la 3.0). Genere el "
            'certificado con version="{expected}".',
            "en": 'version="{value}": the specification before 3.0 is 2.0 (accepted by the production MEC '
            "until 11 March 2022; since 14 March 2022 only 3.0). Generate the certificate with "
            'version="{expected}".',
        },
        "other": {
            "es": 'version="{value}" no es una versión aceptada; se espera "{expected}".',
            "en": 'version="{value}" is not an accepted version; expected "{expected}".',
        },
    },
    why="El MEC productivo sólo acepta la especificación 3.0 desde el 14 de marzo de 2022 (FAQ); hasta el "
    '11 de marzo de 2022 aceptaba la 2.0. Por eso version="2.0" es un error sólo si la fecha de carga '
    "(--upload-date, por omisión hoy) es el 14 de marzo de 2022 o posterior; para una carga anterior "
    "(p. ej. al revisar de nuevo un certificado de esas fechas) DEC001 no lo reporta. Las demás reglas de "
    "mec-lint siguen la especificación 3.0.",
    fail_example='<Dec xmlns="https://www.siged.sep.gob.mx/certificados/" version="2.0" …>',
    pass_example='<Dec xmlns="https://www.siged.sep.gob.mx/certificados/" version="3.0" …>',
    spec="mec-faq.txt (especificación 3.0 desde el 14/03/2022; la 2.0 hasta el 11/03/2022); spec README "
    "regla 11; dec-3.0.md §1.1 y §1.12",
    fix='Genere el XML con la especificación 3.0: version="3.0", con ServicioFirmante y numeroCiclos, sin foto '
    "ni firmaAutografa; después vuelva a sellar.",
)

DEC002 = Rule(
    code="DEC002",
    name="tipo-certificado-5",
    severity=Severity.ERROR,
    summary={"es": "tipoCertificado es 5 (IPES)", "en": "tipoCertificado is 5 (IPES)"},
    messages={
        "m": {
            "es": 'tipoCertificado="{value}": para instituciones particulares (IPES) el valor es fijo, '
            '"5". Otros valores pertenecen a otras familias de certificados de la SEP.',
            "en": 'tipoCertificado="{value}": private institutions (IPES) use the fixed value "5". '
            "Other values belong to other SEP certificate families.",
        }
    },
    why='El esquema fija tipoCertificado="5" para documentos de IPES.',
    fail_example='<Dec … tipoCertificado="9">',
    pass_example='<Dec … tipoCertificado="5">',
    spec="dec-3.0.md §1.1 y §2.9; catalogs.yaml tipoCertificado",
    fix='Escriba tipoCertificado="5" y vuelva a sellar (el valor va en la cadena original).',
)

DEC003 = Rule(
    code="DEC003",
    name="espacio-de-nombres",
    severity=Severity.ERROR,
    summary={
        "es": "Los nodos están en el espacio de nombres de certificados",
        "en": "Elements are in the certificate namespace",
    },
    messages={
        "m": {
            "es": "El nodo {element} está en el espacio de nombres «{value}»; se espera "
            'xmlns="{expected}" (la URL exacta: con https y con la barra «/» final).',
            "en": 'Element {element} is in namespace «{value}»; expected xmlns="{expected}" (the exact URL: '
            "with https and the trailing «/»).",
        }
    },
    why='Con elementFormDefault="qualified", Dec y todos sus nodos deben estar en el espacio de nombres '
    "https://www.siged.sep.gob.mx/certificados/; si no, el MEC no reconoce ningún nodo.",
    fail_example='<Dec xmlns="http://www.siged.sep.gob.mx/certificados" version="3.0" …>',
    pass_example='<Dec xmlns="https://www.siged.sep.gob.mx/certificados/" version="3.0" …>',
    spec="dec-3.0.md §1 (espacio de nombres, elementFormDefault=qualified)",
    fix='Declare en Dec xmlns="https://www.siged.sep.gob.mx/certificados/" exactamente (https y barra final).',
)

DEC004 = Rule(
    code="DEC004",
    name="atributos-conocidos",
    severity=Severity.ERROR,
    summary={
        "es": "Cada nodo lleva sólo atributos de la especificación 3.0",
        "en": "Each element carries only specification 3.0 attributes",
    },
    messages={
        "removed": {
            "es": "El atributo {attribute} de {element} existía en la versión 2.0 y se eliminó en 3.0 "
            "(también de la cadena original). Quítelo.",
            "en": "Attribute {attribute} of {element} existed in 2.0 and was removed in 3.0. Remove it.",
        },
        "prefixed": {
            "es": "El atributo {attribute} de {element} está escrito con un prefijo de espacio de nombres "
            "({qualified}): en el Dec los atributos no llevan espacio de nombres, sólo los nodos. Escriba "
            '{attribute}="…" sin prefijo.',
            "en": "Attribute {attribute} of {element} is written with a namespace prefix ({qualified}): in the "
            'Dec, attributes carry no namespace, only elements do. Write {attribute}="…" without a prefix.',
        },
        "prefixed_twice": {
            "es": "El atributo {attribute} de {element} aparece también con un prefijo de espacio de nombres "
            "({qualified}): en el Dec los atributos no llevan espacio de nombres. Quite {qualified}; el nodo "
            "ya tiene {attribute}.",
            "en": "Attribute {attribute} of {element} also appears with a namespace prefix ({qualified}): in the "
            "Dec, attributes carry no namespace. Remove {qualified}; the element already has {attribute}.",
        },
        "unknown": {
            "es": "El atributo {attribute} no existe en el nodo {element} de la especificación 3.0; "
            "atributos válidos: {expected}.",
            "en": "Attribute {attribute} does not exist on element {element} in specification 3.0; "
            "valid attributes: {expected}.",
        },
    },
    why="El esquema 3.0 no admite atributos adicionales: uno desconocido (o uno de 2.0 como foto o "
    "firmaAutografa) hace que el MEC rechace el documento.",
    fail_example='<Alumno … foto="" firmaAutografa=""/>',
    pass_example="<Alumno …/>",
    spec="dec-3.0.md §1.1–§1.10 (atributos por nodo) y §1.12 (diferencias 2.0 → 3.0)",
    fix="Quite el atributo o corrija su nombre (mayúsculas y minúsculas cuentan) según la especificación 3.0.",
)

RULES = (DEC001, DEC002, DEC003, DEC004)

# dec-3.0.md §1: the attributes each element may carry.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "Dec": (
        "version",
        "tipoCertificado",
        "folioControl",
        "sello",
        "certificadoResponsable",
        "noCertificadoResponsable",
    ),
    "ServicioFirmante": ("idEntidad",),
    "Ipes": (
        "idNombreInstitucion",
        "nombreInstitucion",
        "idCampus",
        "campus",
        "idEntidadFederativa",
        "entidadFederativa",
    ),
    "Responsable": ("curp", "nombre", "primerApellido", "segundoApellido", "idCargo", "cargo"),
    "Rvoe": ("numero", "fechaExpedicion"),
    "Carrera": (
        "idCarrera",
        "claveCarrera",
        "nombreCarrera",
        "idTipoPeriodo",
        "tipoPeriodo",
        "clavePlan",
        "idNivelEstudios",
        "nivelEstudios",
        "calificacionMinima",
        "calificacionMaxima",
        "calificacionMinimaAprobatoria",
    ),
    "Alumno": (
        "numeroControl",
        "curp",
        "nombre",
        "primerApellido",
        "segundoApellido",
        "idGenero",
        "fechaNacimiento",
    ),
    "Expedicion": (
        "idTipoCertificacion",
        "tipoCertificacion",
        "fecha",
        "idLugarExpedicion",
        "lugarExpedicion",
    ),
    "Asignaturas": ("total", "asignadas", "promedio", "totalCreditos", "creditosObtenidos", "numeroCiclos"),
    "Asignatura": (
        "idAsignatura",
        "claveAsignatura",
        "nombre",
        "ciclo",
        "calificacion",
        "idObservaciones",
        "observaciones",
        "idTipoAsignatura",
        "tipoAsignatura",
        "creditos",
    ),
}
REMOVED_IN_3 = {("Alumno", "foto"), ("Alumno", "firmaAutografa")}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"


# mec-faq.txt: 3.0 is required from Monday 14 March 2022; 2.0 could be uploaded until Friday 11 March.
ONLY_3_0_FROM = dt.date(2022, 3, 14)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    root = doc.root
    version = root.get("version")
    if version is not None:
        message = _version_message(version.strip(), ctx.upload_date)
        if message is not None:
            yield ctx.report(
                DEC001,
                message,
                root,
                attribute="version",
                value=version,
                expected="3.0",
                upload_date=ctx.upload_date.isoformat(),
            )
    tipo = root.get("tipoCertificado")
    if tipo is not None and tipo != "5":
        yield ctx.report(DEC002, "m", root, attribute="tipoCertificado", value=tipo, expected="5")
    yield from _namespaces(doc, ctx)
    yield from _attributes(doc, ctx)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: version 3.0 (or one still accepted), tipoCertificado 5, every element in the
    certificate namespace (counted while indexing), only known attributes (and xsi:*)."""
    root = doc.root
    version = root.get("version")
    if version is not None and _version_message(version.strip(), ctx.upload_date) is not None:
        return False
    tipo = root.get("tipoCertificado")
    if tipo is not None and tipo != "5":
        return False
    if doc.outside_namespace:
        return False
    for element in _suspects(doc):
        allowed = _ALLOWED[local_name(element)]
        names = element.keys()  # an lxml element iterates its children, not its attributes
        if not all(name.startswith(_XSI) for name in names if name not in allowed):
            return False
    return True


_XSI = "{" + XSI + "}"


def _version_message(version: str, upload_date: dt.date) -> str | None:
    """DEC001's message for `version` on an upload on `upload_date`, or None when it is accepted."""
    if version == "3.0":
        return None
    if upload_date < ONLY_3_0_FROM:  # before the switch the production MEC still took 2.0
        return None if version == "2.0" else "v1" if version == "1.0" else "other"
    return "v2" if version in ("1.0", "2.0") else "other"


_IN_NAMESPACE = "{" + NAMESPACE + "}"  # the start of every tag in the certificate namespace
_ALLOWED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in ATTRIBUTES.items()}


def _namespaces(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    for element in doc.elements():
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(_IN_NAMESPACE):
            continue  # the right namespace: nothing to say, wherever the element is
        name = local_name(element)
        if name in ("Dreoe", "SepIpes") or _inside_sep_node(element):
            continue
        namespace = tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""
        if namespace != NAMESPACE:
            yield ctx.report(DEC003, "m", element, value=namespace or "(ninguno)", expected=NAMESPACE)
            if element is doc.root:
                return  # every child inherits the same mistake: one finding is enough


def _inside_sep_node(element: object) -> bool:
    parent = getattr(element, "getparent", lambda: None)()
    while parent is not None:
        if local_name(parent) in ("Dreoe", "SepIpes"):
            return True
        parent = parent.getparent()
    return False


def _suspects(doc: XmlDocument) -> list[etree._Element]:
    """The elements with an attribute not their own (the subjects decided on their distinct names)."""
    suspects: list[etree._Element] = []
    for name, allowed_set in _ALLOWED.items():
        keys = doc.attribute_keys(name) if name in ROW_READ else None
        if keys is None:
            suspects.extend(e for e in doc.all(name) if not allowed_set.issuperset(e.keys()))
            continue
        wrong = {names for names in set(keys) if not allowed_set.issuperset(names)}  # read once
        if wrong:  # the common case: every subject carries only its own attributes
            suspects.extend(e for e, names in zip(doc.all(name), keys) if names in wrong)
    return suspects


def _attributes(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    suspects = _suspects(doc)
    if not suspects:
        return
    if len(suspects) > 1:
        order = {element: position for position, element in enumerate(doc.elements())}
        suspects.sort(key=order.__getitem__)  # document order, as the findings always came
    for element in suspects:  # unknown elements are the schema's business (XSD003)
        name = local_name(element)
        allowed = ATTRIBUTES[name]
        items = attribute_items(element)  # linear however many attributes a hostile file writes
        written = {attribute for attribute, _ in items}
        for attribute, value in items:
            if attribute.startswith("{"):
                if attribute.startswith("{" + XSI + "}"):
                    continue  # xsi:schemaLocation and friends are allowed everywhere
                local = attribute.rpartition("}")[2]
                if attribute.startswith("{" + NAMESPACE + "}") and local in allowed:
                    message = "prefixed_twice" if local in written else "prefixed"
                    shown = local
                else:  # another namespace (xml:lang, foo:extra): unknown, named as written
                    message, shown = "unknown", _written_name(element, attribute)
            elif attribute in allowed:
                continue
            else:
                message = "removed" if (name, attribute) in REMOVED_IN_3 else "unknown"
                shown = attribute
            yield ctx.report(
                DEC004,
                message,
                element,
                attribute=shown,
                value=value,
                expected=shown if message.startswith("prefixed") else ", ".join(allowed),
                qualified=_written_name(element, attribute),
            )


def _written_name(element: etree._Element, attribute: str) -> str:
    """`dec:numeroControl` for `{namespace}numeroControl`, with the prefix the document declares
    (`xml:` for the XML namespace, which is never declared)."""
    namespace, _, name = attribute[1:].partition("}")
    if namespace == XML_NAMESPACE:
        return f"xml:{name}"
    prefix = next((p for p, uri in (element.nsmap or {}).items() if uri == namespace and p), None)
    return f"{prefix}:{name}" if prefix else name
