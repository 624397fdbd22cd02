"""CAD001–CAD003: every value that goes into the cadena original can be signed as written, and one with
extra blanks says which cadena its sello was made over."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from lxml import etree

from mec_lint import option_checks as checks
from mec_lint.cadena import (
    FIXED_FIELDS,
    SUBJECT_FIELDS,
    has_odd_blanks,
    is_plain,
    normalise,
    signed_values,
)
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

CAD003 = Rule(
    code="CAD003",
    name="valor-firmado-con-espacios",
    severity=Severity.WARNING,
    summary={
        "es": "Ningún valor de la cadena original tiene espacios al inicio, al final ni dobles (el aviso dice "
        "con qué forma de la cadena verifica el sello)",
        "en": "No value of the cadena original has leading, trailing or doubled blanks (the warning says "
        "which form of the cadena the sello verifies over)",
    },
    messages={
        "matched": {
            "es": '{attribute}="{value}" en {element} tiene {problem}. El valor entra en la cadena original y '
            "los generadores no lo tratan igual (unos lo copian tal cual, otros lo recortan —trim— y otros "
            "además colapsan los espacios —normalize-space—), así que firman cadenas distintas. El sello de "
            "este documento verifica sobre la cadena {form}; el MEC podría armarla de otra forma. Se espera "
            "«{expected}»: corrija el dato en su sistema escolar y vuelva a firmar.",
            "en": '{attribute}="{value}" on {element} has {problem_en}. The value is signed in the cadena '
            "original and generators treat it differently (some copy it as written, some trim it, some also "
            "collapse inner blanks —normalize-space—), so they sign different cadenas. This document's sello "
            "verifies over the cadena {form_en}; the MEC may build it another way. Expected «{expected}»: fix "
            "the value in your school system and sign again.",
        },
        "none": {
            "es": '{attribute}="{value}" en {element} tiene {problem}. El valor entra en la cadena original y '
            "el sello no verifica sobre ninguna de sus formas (tal como está escrito, recortado —trim— ni "
            "con los espacios normalizados —normalize-space—; vea SEL007). Se espera «{expected}»: corrija "
            "el dato y vuelva a firmar.",
            "en": '{attribute}="{value}" on {element} has {problem_en}. The value is signed in the cadena '
            "original and the sello verifies over none of its forms (as written, trimmed or with "
            "normalize-space; see SEL007). Expected «{expected}»: fix the value and sign again.",
        },
        "unsigned": {
            "es": '{attribute}="{value}" en {element} tiene {problem}. El valor entra en la cadena original y '
            "los generadores que sólo recortan (trim) y los que además colapsan espacios (normalize-space) "
            "firmarían cadenas distintas. No se revisó con cuál se firmó: el documento aún no está firmado. "
            "Se espera «{expected}»: corrija el dato antes de firmar.",
            "en": '{attribute}="{value}" on {element} has {problem_en}. The value is signed in the cadena '
            "original, and generators that only trim and those that also collapse blanks (normalize-space) "
            "would sign different cadenas. Not checked which one was signed: the document is not signed "
            "yet. Expected «{expected}»: fix the value before signing.",
        },
        "unchecked": {
            "es": '{attribute}="{value}" en {element} tiene {problem}. El valor entra en la cadena original y '
            "los generadores que sólo recortan (trim) y los que además colapsan espacios (normalize-space) "
            "firman cadenas distintas. No se revisó con cuál se firmó: el certificado o el sello no se "
            "pueden leer (vea SEL001 y SEL006). Se espera «{expected}».",
            "en": '{attribute}="{value}" on {element} has {problem_en}. The value is signed in the cadena '
            "original, and generators that only trim and those that also collapse blanks (normalize-space) "
            "sign different cadenas. Not checked which one was signed: the certificate or the sello cannot "
            "be read (see SEL001 and SEL006). Expected «{expected}».",
        },
    },
    why="La especificación dice que los valores se copian a la cadena tal como están en el XML, pero una "
    "implementación aplica normalize-space (recorta y colapsa espacios) y la mayoría sólo recorta (trim). "
    'Con un valor como nombre="  MARIA  DEL CARMEN " cada generador firma una cadena distinta y no se sabe '
    "cuál arma el MEC: el sello puede ser válido para mec-lint y rechazado por el MEC. mec-lint acepta el "
    "sello sobre cualquiera de las tres formas; este aviso dice sobre cuál verificó (o que no se revisó, "
    "si el documento no está firmado). Si otra regla ya reporta el mismo atributo (p. ej. una CURP o un id "
    "con espacios), ese hallazgo reemplaza a este.",
    fail_example='<Alumno … nombre="  MARIA  DEL CARMEN " …/>',
    pass_example='<Alumno … nombre="MARIA DEL CARMEN" …/>',
    spec="dec-3.0.md §3.1 (los valores se copian como aparecen; [IDEE] aplica normalize-space, la mayoría "
    "trim) y §4.1 (el sello se calcula sobre los bytes UTF-8 de la cadena)",
    fix="Quite los espacios de más en su sistema escolar (al inicio, al final y dobles), genere de nuevo el "
    "XML y fírmelo otra vez.",
)

RULES = (CAD001, CAD002, CAD003)

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


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: `check`'s common case over the joined signed values (one string, shared with
    the seal's cadena): no blank to normalise (CAD003), no `|` in a value (CAD001), nothing empty
    but the allowed fields (CAD002). A value of blanks only is not printable or starts with a
    space, so the blank test also rules out `isspace` values."""
    values = signed_values(doc)
    if not is_plain(doc):
        return False
    allowed = _allowed_empty(ctx)
    return values.count("") == sum(1 for position in _positions(allowed) if not values[position])


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    allowed = _allowed_empty(ctx)
    values = signed_values(doc)  # shared with the seal: read once per document
    if ctx.enabled is None or "CAD003" in ctx.enabled:
        yield from _blanks(doc, values, ctx)
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


_FORM_TEXT = {
    "es": {
        "normalize-space": "con los espacios normalizados (normalize-space)",
        "trim": "con el valor recortado (trim)",
        "as-written": "con el valor tal como está escrito",
    },
    "en": {
        "normalize-space": "with the blanks normalised (normalize-space)",
        "trim": "with the value trimmed",
        "as-written": "with the value as written",
    },
}


def _blanks(doc: XmlDocument, values: list[str], ctx: Context) -> Iterator[Finding]:
    """CAD003: each signed value with leading, trailing or doubled blanks (or a tab / line break)."""
    joined = "|".join(values)
    if (
        joined.isprintable()
        and "  " not in joined
        and "| " not in joined
        and " |" not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    ):
        return  # the common case: no value has a blank to normalise
    places = [(element, attribute) for name, attribute in FIXED_FIELDS for element in doc.all(name)[:1]]
    places += [(subject, attribute) for subject in doc.all("Asignatura") for attribute in SUBJECT_FIELDS]
    odd = [
        (element, attribute, value) for element, attribute in places if _odd(value := element.get(attribute))
    ]
    if not odd:
        return
    from mec_lint.rules.sello import NO_FORM, UNCHECKED, UNSIGNED, signed_form

    form = signed_form(doc, ctx)
    message = {UNSIGNED: "unsigned", UNCHECKED: "unchecked", NO_FORM: "none"}.get(form[0], "matched")
    texts = {lang: [_FORM_TEXT[lang].get(name, name) for name in form] for lang in _FORM_TEXT}
    for element, attribute, value in odd:
        problem, problem_en = _problem(value)
        yield ctx.report(
            CAD003,
            message,
            element,
            attribute=attribute,
            value=value,
            expected=normalise(value),
            generic=True,  # a specific finding on the same attribute (CUR001, IDS001, PLN002, …) wins
            problem=problem,
            problem_en=problem_en,
            form=_joined(texts["es"], " o ", "que aquí dan la misma cadena"),
            form_en=_joined(texts["en"], " or ", "which give the same cadena here"),
        )


def _odd(value: str | None) -> bool:
    return value is not None and not value.isspace() and has_odd_blanks(value)  # all blank: CAD002


def _joined(parts: list[str], word: str, same: str) -> str:
    return parts[0] if len(parts) == 1 else f"{word.join(parts)}, {same}"


def _problem(value: str) -> tuple[str, str]:
    """What is odd about the blanks of `value`, in Spanish and English."""
    found: list[tuple[str, str]] = []
    if value[0] in " \t\r\n":
        found.append(("espacios al inicio", "leading blanks"))
    if value[-1] in " \t\r\n":
        found.append(("espacios al final" if not found else "al final", "trailing blanks"))
    if "  " in value.strip(" \t\r\n"):
        found.append(("espacios dobles" if not found else "dobles", "doubled blanks"))
    if any(char in value for char in "\t\r\n"):
        found.append(("tabuladores o saltos de línea", "tabs or line breaks"))
    return _listed([es for es, _ in found], " y "), _listed([en for _, en in found], " and ")


def _listed(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]
