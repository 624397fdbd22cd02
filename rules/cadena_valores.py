"""CAD001–CAD002: every value that goes into the cadena original can be signed as written."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from lxml import etree

from mec_lint import option_checks as checks
from mec_lint.cadena import FIXED_FIELDS, SUBJECT_FIELDS, signed_values
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

CAD001 = Rule(
    code="CAD001",
    name="valor-firmado-con-barra",
    severity=Severity.ERROR,
    summary={
        "es": "Ningún valor de la cadena original contiene «|», el separador de sus campos",
        "en": "No value of the cadena original contains «|», its field separator",
    },
    messages={
        "m": {
            "es": '{attribute}="{value}" en {element} contiene «|», el separador de la cadena original: '
            "ese valor partiría la cadena en un campo de más y el sello no se puede verificar igual en el "
            "MEC. Quite el carácter (se espera «{expected}» o el dato sin él) y vuelva a firmar.",
            "en": '{attribute}="{value}" on {element} contains «|», the field separator of the cadena '
            "original: it would split the cadena into one field too many and the MEC cannot verify the "
            "sello the same way. Remove the character (expected «{expected}» or the value without it) and "
            "sign again.",
        }
    },
    why="La cadena original separa sus campos con «|»; la especificación dice que un valor no puede "
    "contenerlo. Cada implementación lo resuelve distinto (algunas lo cambian por un espacio), así que un "
    "valor con «|» produce cadenas distintas según quién la arme y el sello deja de coincidir.",
    fail_example='<Alumno … nombre="ANA|MARÍA" …/>',
    pass_example='<Alumno … nombre="ANA MARÍA" …/>',
    spec="dec-3.0.md §3.1 («A value must not contain `|`»)",
    fix="Quite el «|» del dato en su sistema escolar, genere de nuevo el XML y fírmelo otra vez.",
)

CAD002 = Rule(
    code="CAD002",
    name="valor-firmado-vacio",
    severity=Severity.ERROR,
    summary={
        "es": "Los datos obligatorios de la cadena original no están vacíos (sólo segundoApellido puede "
        "ir vacío)",
        "en": "Required values of the cadena original are not empty (only segundoApellido may be empty)",
    },
    messages={
        "m": {
            "es": '{attribute}="{value}" en {element} está vacío: es un dato obligatorio que se firma en la '
            "cadena original (en la 3.0 sólo Alumno/@segundoApellido puede ir vacío). Capture el dato.",
            "en": '{attribute}="{value}" on {element} is empty: it is a required value signed in the cadena '
            "original (in 3.0 only Alumno/@segundoApellido may be empty). Fill it in.",
        }
    },
    why="Los atributos obligatorios del Dec 3.0 son texto sin restricciones en el esquema, así que un "
    "valor vacío pasa la validación XSD; pero la especificación sólo permite un campo vacío en la "
    "cadena original (segundoApellido) y el MEC compara estos datos con su catálogo y con el Programa "
    "de Estudios. Un nombre, una matrícula o un campus vacíos son un certificado incompleto.",
    fail_example='<Alumno numeroControl="" curp="…" nombre="ANA" primerApellido="" …/>',
    pass_example='<Alumno numeroControl="A2019-0457" curp="…" nombre="ANA" primerApellido="GARCÍA"/>',
    spec="dec-3.0.md §3.1 (un campo opcional vacío conserva su lugar; «in 3.0 only "
    "`Alumno/@segundoApellido`»), §1.3–§1.10 (atributos requeridos)",
    options={
        "vacios_permitidos": Option(
            list,
            ["Alumno/@segundoApellido"],
            "Campos de la cadena que pueden ir vacíos, como «Elemento/@atributo» (dec-3.0.md §3.1: en la "
            "3.0 sólo segundoApellido).",
            check=checks.scalar_list,
        )
    },
    fix="Capture el dato que falta en su sistema escolar y genere de nuevo el certificado.",
)

RULES = (CAD001, CAD002)

# Signed fields whose empty value another rule already reports with a more specific message
# (tests/test_cadena_valores.py checks that an empty signed field gives exactly one finding).
EMPTY_REPORTED_ELSEWHERE: frozenset[tuple[str, str]] = frozenset(
    {
        ("Dec", "version"),  # DEC001
        ("Dec", "tipoCertificado"),  # DEC002
        ("Ipes", "idEntidadFederativa"),  # CAT001
        ("Responsable", "curp"),  # CUR005
        ("Responsable", "idCargo"),  # CAT001
        ("Rvoe", "numero"),  # RVO001
        ("Rvoe", "fechaExpedicion"),  # DAT001
        ("Carrera", "idCarrera"),  # IDS001
        ("Carrera", "idTipoPeriodo"),  # CAT001
        ("Carrera", "clavePlan"),  # PLN001
        ("Carrera", "idNivelEstudios"),  # CAT001
        ("Carrera", "calificacionMinima"),  # CAL003
        ("Carrera", "calificacionMaxima"),  # CAL003
        ("Carrera", "calificacionMinimaAprobatoria"),  # CAL003
        ("Alumno", "curp"),  # CUR005
        ("Alumno", "idGenero"),  # CAT001
        ("Alumno", "fechaNacimiento"),  # DAT001
        ("Expedicion", "idTipoCertificacion"),  # CAT001
        ("Expedicion", "fecha"),  # DAT001
        ("Expedicion", "idLugarExpedicion"),  # CAT001
        ("Asignaturas", "total"),  # XSD005 (xs:int)
        ("Asignaturas", "asignadas"),  # XSD005 (xs:int)
        ("Asignaturas", "numeroCiclos"),  # NCI001
        ("Asignatura", "idAsignatura"),  # IDS001
        ("Asignatura", "ciclo"),  # CIC001
        ("Asignatura", "calificacion"),  # CAL005
        ("Asignatura", "idTipoAsignatura"),  # CAT001
    }
)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    allowed = _allowed_empty(ctx)
    values = signed_values(doc)  # shared with the seal: read once per document
    empty_allowed = sum(1 for position in _positions(allowed) if not values[position])
    if values.count("") == empty_allowed and "|" not in "".join(values) and not any(map(str.isspace, values)):
        return  # the usual certificate: no separator in a value, nothing empty that may not be
    for name, attribute in FIXED_FIELDS:
        element = doc.first(name)
        if element is not None:
            yield from _check_value(element, name, attribute, allowed, ctx)
    for attribute in SUBJECT_FIELDS:
        column = doc.values("Asignatura", attribute)
        if all(value and "|" not in value and not value.isspace() for value in column):
            continue  # the common case: every subject has a clean value
        for element in doc.all("Asignatura"):
            yield from _check_value(element, "Asignatura", attribute, allowed, ctx)


def _check_value(
    element: etree._Element, name: str, attribute: str, allowed: frozenset[tuple[str, str]], ctx: Context
) -> Iterator[Finding]:
    value = element.get(attribute)
    if value is None:
        return  # a missing required attribute is the schema's finding (XSD001)
    if "|" in value:
        yield ctx.report(
            CAD001, "m", element, attribute=attribute, value=value, expected=value.replace("|", " ")
        )
    elif (
        not value.strip()
        and (name, attribute) not in allowed
        and (name, attribute) not in EMPTY_REPORTED_ELSEWHERE
    ):
        yield ctx.report(CAD002, "m", element, attribute=attribute, value=value)


def _allowed_empty(ctx: Context) -> frozenset[tuple[str, str]]:
    fields = ctx.options(CAD002).get("vacios_permitidos") or []
    allowed = set()
    for field in fields:
        element, _, attribute = str(field).partition("/")
        allowed.add((element.strip(), attribute.strip().lstrip("@")))
    return frozenset(allowed)


@lru_cache(maxsize=8)
def _positions(fields: frozenset[tuple[str, str]]) -> tuple[int, ...]:
    """Where `fields` sit among the signed values (only fixed fields can be allowed empty); worked
    out once per configuration, not per certificate."""
    return tuple(position for position, field in enumerate(FIXED_FIELDS) if field in fields)
