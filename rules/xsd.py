"""XSD001–XSD008: the certificate follows the Dec 3.0 schema (run first, by libxml2)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.etree import _Element

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.schema import (
    SchemaError,
    load_schema,
    needs_second_opinion,
    second_opinion,
    spanish_detail,
    validate_document,
)
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML
ORDER = 0  # schema validation runs before every other rule
SPEC = "dec-3.0.md §1 (árbol, orden, atributos obligatorios y tipos del esquema Dec 3.0)"

TYPE_NAMES = {
    "xs:dateTime": "fecha y hora xs:dateTime (AAAA-MM-DDT00:00:00)",
    "xs:integer": "número entero",
    "xs:int": "número entero",
}


ENGLISH: dict[str, tuple[str, str]] = {
    "XSD001": (
        "Every required attribute is present",
        "Required attribute {attribute} is missing on element {element}.",
    ),
    "XSD002": (
        "No attribute outside the schema",
        "Attribute {attribute} is not allowed on element {element} by the schema.",
    ),
    "XSD003": (
        "Elements appear in schema order",
        "Element {element} is not expected here; expected: {expected}.",
    ),
    "XSD004": (
        "No required element is missing",
        "A required child element is missing inside {element}; expected: {expected}.",
    ),
    "XSD005": (
        "Every value has the schema's data type",
        "Value «{value}» of attribute {attribute} on {element} does not have the expected type: {expected}.",
    ),
    "XSD006": (
        "Fixed schema values are respected",
        "Attribute {attribute} on {element} is «{value}»; the schema fixes «{expected}».",
    ),
    "XSD007": (
        "The root is Dec in the certificate namespace",
        "Root {element} does not match the schema: expected element Dec in namespace "
        "https://www.siged.sep.gob.mx/certificados/.",
    ),
    "XSD008": ("The document is valid against the schema", "Schema error on {element}: {detail}"),
}


def _rule(
    code: str,
    name: str,
    summary: str,
    message: str,
    why: str,
    fail: str,
    ok: str,
    more: dict[str, dict[str, str]] | None = None,
) -> Rule:
    english = ENGLISH[code]
    return Rule(
        code=code,
        name=name,
        severity=Severity.ERROR,
        summary={"es": summary, "en": english[0]},
        messages={"m": {"es": message, "en": english[1]}, **(more or {})},
        why=why,
        fail_example=fail,
        pass_example=ok,
        spec=SPEC,
        fix="Corrija el nodo o atributo indicado según el árbol de la especificación 3.0.",
    )


XSD001 = _rule(
    "XSD001",
    "xsd-atributo-obligatorio",
    "Cada atributo obligatorio está presente",
    "Falta el atributo obligatorio {attribute} en el nodo {element}.",
    "El esquema del MEC marca el atributo como obligatorio (use=required); sin él, el certificado se rechaza.",
    '<Alumno numeroControl="A1" curp="…" primerApellido="GARCÍA" …/>  (falta nombre)',
    '<Alumno numeroControl="A1" curp="…" nombre="ANA" primerApellido="GARCÍA" …/>',
)
XSD002 = _rule(
    "XSD002",
    "xsd-atributo-no-permitido",
    "No hay atributos que el esquema no define",
    "El atributo {attribute} no está permitido en el nodo {element} según el esquema.",
    "El esquema no admite atributos adicionales; el MEC rechaza el documento. Cuando una regla específica "
    "explica el mismo atributo (DEC004 para foto o firmaAutografa), se muestra ésa en lugar de XSD002.",
    '<Alumno … foto=""/>',
    "<Alumno …/>",
)
XSD003 = _rule(
    "XSD003",
    "xsd-orden-nodos",
    "Los nodos aparecen en el orden del esquema",
    "El nodo {element} no se esperaba en esta posición; se esperaba: {expected}.",
    "Los hijos de Dec forman una secuencia fija (ServicioFirmante, Ipes, Rvoe, Carrera, Alumno, Expedicion, "
    "Asignaturas); otro orden o un nodo extra invalida el documento.",
    "<Dec …><Ipes …/><ServicioFirmante …/>…",
    "<Dec …><ServicioFirmante …/><Ipes …/>…",
)
XSD004 = _rule(
    "XSD004",
    "xsd-nodo-faltante",
    "Ningún nodo obligatorio falta",
    "Falta un nodo hijo obligatorio dentro de {element}; se esperaba: {expected}.",
    "El esquema exige el nodo; sin él el documento se rechaza.",
    "<Asignaturas …></Asignaturas>",
    '<Asignaturas …><Asignatura idAsignatura="101" …/></Asignaturas>',
)
XSD005 = _rule(
    "XSD005",
    "xsd-tipo-de-dato",
    "Cada valor tiene el tipo de dato del esquema",
    "El valor «{value}» del atributo {attribute} en {element} no tiene el tipo esperado: {expected}.",
    "Fechas (xs:dateTime) y enteros (xs:integer/xs:int) se validan por tipo; un valor de otro tipo invalida "
    "el documento.",
    '<Alumno … fechaNacimiento="2001-05-23"/>',
    '<Alumno … fechaNacimiento="2001-05-23T00:00:00"/>',
    more={
        "facet": {
            "es": "El valor «{value}» del atributo {attribute} en {element} no cumple la restricción "
            "«{expected}» del esquema ({detail}).",
            "en": "Value «{value}» of attribute {attribute} on {element} breaks the schema's «{expected}» "
            "restriction ({detail}).",
        }
    },
)
XSD006 = _rule(
    "XSD006",
    "xsd-valor-fijo",
    "Los valores fijos del esquema se respetan",
    "El atributo {attribute} en {element} vale «{value}» y el esquema fija el valor «{expected}».",
    "tipoCertificado es fijo (5 = IPES) en el esquema. DEC002 explica ese caso con más detalle y se "
    "muestra en lugar de XSD006.",
    '<Dec … tipoCertificado="9">',
    '<Dec … tipoCertificado="5">',
)
XSD007 = _rule(
    "XSD007",
    "xsd-raiz",
    "La raíz es Dec en el espacio de nombres de certificados",
    "La raíz {element} no corresponde al esquema: se espera el nodo Dec en el espacio de nombres "
    "https://www.siged.sep.gob.mx/certificados/.",
    "Sin la raíz y el espacio de nombres correctos el MEC no reconoce el documento como certificado.",
    '<Dec version="3.0" …>  (sin xmlns)',
    '<Dec xmlns="https://www.siged.sep.gob.mx/certificados/" …>',
)
XSD008 = _rule(
    "XSD008",
    "xsd-otro",
    "El documento es válido contra el esquema",
    "Error de esquema en {element}: {detail_es}",
    "Cualquier otra violación del esquema invalida el documento.",
    "(contenido de texto dentro de un nodo vacío)",
    "(nodos vacíos, datos sólo en atributos)",
)

RULES = (XSD001, XSD002, XSD003, XSD004, XSD005, XSD006, XSD007, XSD008)

_BY_KIND = {
    "missing_attribute": XSD001,
    "attribute_not_allowed": XSD002,
    "unexpected_element": XSD003,
    "missing_child": XSD004,
    "invalid_type": XSD005,
    "facet": XSD005,
    "fixed_value": XSD006,
    "unknown_root": XSD007,
}


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    errors = validate_document(load_schema(ctx.config.schema_path), doc.root, doc.raw)
    doc.schema_valid = not errors
    locator = _Locator(doc)
    for error in errors:
        yield _finding(error, doc, ctx, locator=locator)
    if needs_second_opinion(errors, doc.raw):
        # libxml2 stopped at a content-model error: let xmlschema list what it skipped.
        seen = {(e.element, e.attribute, e.kind) for e in errors}
        limit = ctx.per_code_limit
        bound = None if limit is None else limit * len(RULES)  # enough to fill every code's list
        for element, error in second_opinion(ctx.config.schema_path, doc.root, bound):
            if (error.element, error.attribute, error.kind) not in seen and error.kind != "other":
                seen.add((error.element, error.attribute, error.kind))
                yield _finding(error, doc, ctx, element)


class _Locator:
    """The element of a schema error that came without a path (validated streaming, see
    `mec_lint.schema.validate_document`): errors come in document order, so it is the next element
    (from the last one found, within `WINDOW` elements) of the error's name whose attributes fit
    the error: it has the attribute that is not allowed, lacks the one that is missing, holds the
    value of the wrong type. Other errors stay unlocated (their message names the element)."""

    WINDOW = 2_000  # elements looked at per error: only listed errors are located

    def __init__(self, doc: XmlDocument) -> None:
        self.doc = doc
        self.at = 0
        self.used: set[tuple[str, str]] = set()  # (kind, attribute) already placed on element `at`

    def find(self, error: SchemaError) -> _Element | None:
        name, attribute = error.element, error.attribute
        if name is None or attribute is None or ":" in attribute:
            return None
        if error.kind == "missing_attribute":
            fits = lambda element: element.get(attribute) is None  # noqa: E731
        elif error.kind == "attribute_not_allowed":
            fits = lambda element: element.get(attribute) is not None  # noqa: E731
        elif error.kind in ("invalid_type", "facet", "fixed_value") and error.value is not None:
            fits = lambda element: element.get(attribute) == error.value  # noqa: E731
        else:
            return None
        key = (error.kind, attribute)
        start = self.at + 1 if key in self.used else self.at  # one error of a kind per attribute
        elements = self.doc.element_list
        for position in range(start, min(len(elements), start + self.WINDOW)):
            element = elements[position]
            if element.tag.rpartition("}")[2] == name and fits(element):
                if position != self.at:
                    self.at, self.used = position, set()
                self.used.add(key)
                return element
        return None


def _finding(
    error: SchemaError,
    doc: XmlDocument,
    ctx: Context,
    element: _Element | None = None,
    locator: _Locator | None = None,
) -> Finding:
    rule = _BY_KIND.get(error.kind, XSD008)
    if ctx.saturated(rule):  # counted, not located (an XPath per error is quadratic in the errors)
        return ctx.report(rule, "m", generic=True)
    if element is None and error.path is None and locator is not None:
        element = locator.find(error)
    if element is None and error.path:
        try:
            prefixes = {prefix: uri for prefix, uri in (doc.root.nsmap or {}).items() if prefix}
            found = doc.root.getroottree().xpath(error.path, namespaces=prefixes)  # /dec:Dec/dec:Alumno
        except Exception:  # a path libxml2 wrote that lxml cannot evaluate
            found = []
        if isinstance(found, list) and found:
            element = found[0]
    expected = error.expected
    if rule is XSD005 and expected:
        expected = TYPE_NAMES.get(expected, expected)
    value = error.value
    if value is None and error.attribute and element is not None and error.kind == "attribute_not_allowed":
        value = element.get(error.attribute)  # what the attribute holds (libxml2 does not say)
    return ctx.report(
        rule,
        "facet" if error.kind == "facet" else "m",
        element,
        attribute=error.attribute,
        value=value,
        expected=expected,
        line=None if element is not None else error.line,  # from the element: where its tag begins
        element_name=error.element,
        detail=error.detail,
        detail_es=spanish_detail(error.detail),
        generic=True,
    )
