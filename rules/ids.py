"""IDS001–IDS003: the institution's own ids (idCarrera, idAsignatura) are clean, unique integers;
idCampus, which is not one of them, keeps its leading zeros."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Option, Rule, Scope
from mec_lint.rules._numeros import integer_problem
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

SPEC = (
    "spec README regla 1; mec-faq.txt («IDs … numéricos (Integer) e irrepetibles … No incluir ceros a la "
    "izquierda»); dec-3.0.md §1.6, §1.10, §2.9"
)

IDS001 = Rule(
    code="IDS001",
    name="id-entero-sin-ceros",
    severity=Severity.ERROR,
    summary={
        "es": "idCarrera e idAsignatura son enteros positivos escritos sólo con dígitos, sin ceros a la "
        "izquierda",
        "en": "idCarrera and idAsignatura are positive integers written with digits only, no leading zeros",
    },
    messages={
        "fixable": {
            "es": '{attribute}="{value}" en {element}: el ID debe ser un número entero positivo escrito '
            "sólo con dígitos ({problem}); se espera «{expected}». Use exactamente el ID registrado en su "
            "Programa de Estudios (layout) ante el MEC.",
            "en": '{attribute}="{value}" on {element}: the id must be a positive integer written with digits '
            "only ({problem_en}); expected «{expected}». Use exactly the id registered in the study-plan "
            "layout.",
        },
        "invalid": {
            "es": '{attribute}="{value}" en {element}: el ID debe ser un número entero positivo escrito '
            "sólo con dígitos, sin ceros a la izquierda ({problem}). Escriba el ID numérico que registró "
            "en su Programa de Estudios (layout) ante el MEC.",
            "en": '{attribute}="{value}" on {element}: the id must be a positive integer written with digits '
            "only, no leading zeros ({problem_en}). Write the numeric id registered in the study-plan "
            "layout.",
        },
    },
    why="La FAQ del MEC pide que los IDs de carrera y asignatura sean numéricos (Integer), irrepetibles y "
    "sin ceros a la izquierda; el MEC los compara con los del Programa de Estudios (layout) registrado, "
    "así que «0101», «101.0» o « 101» no coinciden con el ID 101. idCampus, idEntidadFederativa e "
    "idLugarExpedicion no son IDs de la institución y sí conservan sus ceros (090872, 09): esta regla no "
    "los revisa.",
    fail_example='<Carrera idCarrera="0101" …/>\n<Asignatura idAsignatura="1010101.0" …/>',
    pass_example='<Carrera idCarrera="101" …/>\n<Asignatura idAsignatura="1010101" …/>',
    spec=SPEC,
    fix="Quite ceros a la izquierda, decimales, signos y espacios, y verifique que el ID resultante sea el "
    "mismo que aparece en el layout registrado (si el layout registró otro ID, use ése).",
)

IDS002 = Rule(
    code="IDS002",
    name="id-asignatura-repetido",
    severity=Severity.ERROR,
    summary={
        "es": "Cada idAsignatura aparece una sola vez en el certificado",
        "en": "Each idAsignatura appears only once in the certificate",
    },
    messages={
        "m": {
            "es": 'idAsignatura="{value}" está repetido: ya aparece en la asignatura de la línea {first_line} '
            "({first_xpath}). Cada asignatura del plan tiene un ID propio e irrepetible; corrija el ID o "
            "quite la asignatura duplicada.",
            "en": 'idAsignatura="{value}" is repeated: it already appears on line {first_line} '
            "({first_xpath}). Each subject has its own unique id; fix the id or remove the duplicate.",
        }
    },
    why="Los IDs de asignatura son irrepetibles (FAQ del MEC): un ID repetido significa una asignatura "
    "capturada dos veces o el ID de otra asignatura, y el certificado no corresponde al plan registrado.",
    fail_example='<Asignatura idAsignatura="315" ciclo="2019-1" …/>\n'
    '<Asignatura idAsignatura="315" ciclo="2019-2" …/>',
    pass_example='<Asignatura idAsignatura="315" ciclo="2019-1" …/>\n'
    '<Asignatura idAsignatura="316" ciclo="2019-2" …/>',
    spec="dec-3.0.md §5.2 («a certificate lists accredited subjects») y mec-faq.txt («cada asignatura "
    "debe reflejar el año-ciclo en que fue aprobada»: una asignatura, un renglón); mec-faq.txt (IDs "
    "irrepetibles: un id nunca nombra dos asignaturas). Inferencia: la misma asignatura no se lista dos veces.",
    fix="Use en cada asignatura el ID que le corresponde en el layout; una asignatura acreditada se "
    "lista una sola vez, con el ciclo en que se aprobó.",
)

IDS003 = Rule(
    code="IDS003",
    name="id-campus-con-ceros",
    severity=Severity.ERROR,
    summary={
        "es": "Ipes/@idCampus es una clave de dígitos que conserva sus ceros a la izquierda (090872)",
        "en": "Ipes/@idCampus is a digit key that keeps its leading zeros (090872)",
    },
    messages={
        "lost_zeros": {
            "es": 'idCampus="{value}" en Ipes tiene {length} dígitos: perdió los ceros a la izquierda '
            "(la clave del campus es de {width} dígitos y los conserva). Se espera «{expected}», la clave "
            "tal como está registrada.",
            "en": 'idCampus="{value}" on Ipes has {length} digits: it lost its leading zeros (the campus key '
            "has {width} digits and keeps them). Expected «{expected}», the key as registered.",
        },
        "spaces": {
            "es": 'idCampus="{value}" en Ipes tiene espacios; se espera «{expected}».',
            "en": 'idCampus="{value}" on Ipes has blanks; expected «{expected}».',
        },
        "shape": {
            "es": 'idCampus="{value}" en Ipes no es una clave de {width} dígitos como las registradas ante '
            "el MEC (p. ej. 090872: los 2 primeros son la entidad). Verifique la clave del campus.",
            "en": 'idCampus="{value}" on Ipes is not a {width}-digit key like the ones registered with the '
            "MEC (e.g. 090872: the first 2 are the state). Check the campus key.",
        },
    },
    why="A diferencia de idCarrera e idAsignatura, idCampus no es un entero: es la clave del campus "
    "(clave DGP) y conserva sus ceros a la izquierda, como la entidad (09). Un sistema que la guarda como "
    "número escribe 90872 en vez de 090872 y el certificado ya no corresponde al campus registrado. Que "
    "la clave tenga 6 dígitos se observa en todas las muestras (confianza media): configurable, y una "
    "clave que no es de dígitos o tiene más dígitos sólo se advierte.",
    fail_example='<Ipes idNombreInstitucion="20871" idCampus="90872" idEntidadFederativa="09" …/>',
    pass_example='<Ipes idNombreInstitucion="20871" idCampus="090872" idEntidadFederativa="09" …/>',
    spec="spec README regla 1 (nota: idCampus y la entidad conservan sus ceros); dec-3.0.md §1.3, §2.9 y "
    "§5.8 (6 dígitos con el prefijo de la entidad; conservar ceros)",
    options={
        "campus_digits": Option(
            int,
            6,
            "Dígitos de idCampus (dec-3.0.md §5.8: 6 en todas las muestras); una clave de dígitos más corta "
            "perdió ceros a la izquierda.",
            check=checks.integer_at_least(1),
        )
    },
    fix="Escriba idCampus como texto con todos sus dígitos (090872), igual que en el Programa de "
    "Estudios; si su sistema lo guarda como número, cambie el campo a texto.",
)

RULES = (IDS001, IDS002, IDS003)

_ASCII_DIGITS = lazy(r"[0-9]+")

_VALID = lazy(r"[1-9][0-9]*")
# Recoverable spellings of an integer: blanks, a plus sign, leading zeros, a zero fraction.
_RECOVERABLE = lazy(r"\s*\+?\s*0*([1-9][0-9]*)(?:\.0+)?\s*")


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: idCampus decided once per run per value (`mec_lint.fastpass`), idCarrera
    valid, every idAsignatura valid and distinct."""
    ipes = doc.first("Ipes")
    if ipes is not None and not fastpass.quiet(ctx, "IDS.campus", ipes.get("idCampus"), _campus, ipes):
        return False
    carrera = doc.attr("Carrera", "idCarrera")
    if carrera is not None and not _VALID.fullmatch(carrera):
        return False
    values = doc.values("Asignatura", "idAsignatura")
    return None not in values and len(set(values)) == len(values) and all(map(_VALID.fullmatch, values))


def _campus(ctx: Context, ipes: etree._Element) -> Iterator[Finding]:
    finding = _check_campus(ctx, ipes)  # reads Ipes/@idCampus only
    if finding is not None:
        yield finding


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    ipes = doc.first("Ipes")
    if ipes is not None:
        finding = _check_campus(ctx, ipes)
        if finding is not None:
            yield finding
    carrera = doc.first("Carrera")
    if carrera is not None:
        finding = _check_id(ctx, carrera, "idCarrera")
        if finding is not None:
            yield finding
    values = doc.values("Asignatura", "idAsignatura")
    valid = _VALID.fullmatch
    if None not in values and len(set(values)) == len(values) and all(map(valid, values)):
        return  # the usual certificate: every id valid and distinct (a valid id is its own identity)
    first_seen: dict[str, etree._Element] = {}
    for subject, value in zip(doc.all("Asignatura"), values):
        if value is None:
            continue  # a missing attribute is the schema's finding (XSD001)
        if valid(value):
            key = value  # a valid id is its own identity
        else:
            finding = _check_id(ctx, subject, "idAsignatura")
            if finding is not None:
                yield finding
            key = _identity(value)
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = subject
            continue
        yield ctx.report(
            IDS002,
            "m",
            subject,
            attribute="idAsignatura",
            value=value,
            expected="un ID distinto de los demás",
            first_line=doc.line_of(first, "idAsignatura") or "?",
            first_xpath=doc.xpath_of(first),
        )


def _identity(value: str) -> str:
    """What the MEC would read as the same id: `0315`, ` 315` and `315` are one integer."""
    match = _RECOVERABLE.fullmatch(value)
    return match.group(1) if match else value.strip()


def _check_id(ctx: Context, element: etree._Element, attribute: str) -> Finding | None:
    value = element.get(attribute)
    if value is None or _VALID.fullmatch(value):
        return None
    problem, problem_en = _problem(value)
    match = _RECOVERABLE.fullmatch(value)
    if match:
        return ctx.report(
            IDS001,
            "fixable",
            element,
            attribute=attribute,
            value=value,
            expected=match.group(1),
            problem=problem,
            problem_en=problem_en,
        )
    return ctx.report(
        IDS001,
        "invalid",
        element,
        attribute=attribute,
        value=value,
        expected="entero positivo sin ceros a la izquierda, p. ej. 101",
        problem=problem,
        problem_en=problem_en,
    )


def _problem(value: str) -> tuple[str, str]:
    """A short description of what is wrong with `value` (Spanish, English)."""
    return integer_problem(value)


def _check_campus(ctx: Context, ipes: etree._Element) -> Finding | None:
    value = ipes.get("idCampus")
    if value is None or not value.strip():
        return None  # missing: the schema's finding (XSD001); empty: CAD002's
    width = ctx.options(IDS003).get("campus_digits", 6)
    width = width if isinstance(width, int) and not isinstance(width, bool) and width > 0 else 6
    key = value.strip()
    digits = bool(_ASCII_DIGITS.fullmatch(key))
    if digits and len(key) < width:
        expected = key.zfill(width)
        return ctx.report(
            IDS003,
            "lost_zeros",
            ipes,
            attribute="idCampus",
            value=value,
            expected=expected,
            length=len(key),
            width=width,
        )
    if digits and key != value and len(key) == width:
        return ctx.report(IDS003, "spaces", ipes, attribute="idCampus", value=value, expected=key)
    if not digits or len(key) != width:
        return ctx.report(
            IDS003,
            "shape",
            ipes,
            attribute="idCampus",
            value=value,
            expected=f"{width} dígitos",
            severity=Severity.WARNING,
            width=width,
        )
    return None
