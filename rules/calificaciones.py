"""CAL001–CAL005: grades inside the career's scale, a coherent scale, the usual number formats."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from lxml import etree

from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.fastpass import values_key
from mec_lint.findings import Finding, Severity
from mec_lint.record import Record
from mec_lint.rule import Option, Rule, Scope
from mec_lint.rules._numeros import decimals_of, fixed, looks_like_comma_decimal, plain, to_decimal
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

DEFAULT_LETTERS = ["AC", "ACREDITADA"]
_RESIGN_ES = " El valor va en la cadena original: si lo cambia, vuelva a generar la cadena y el sello."
_RESIGN_EN = " The value is part of the cadena original: changing it means signing again."

CAL001 = Rule(
    code="CAL001",
    name="calificacion-en-escala",
    severity=Severity.ERROR,
    summary={
        "es": "Cada calificación numérica está dentro de la escala de la carrera",
        "en": "Each numeric grade lies within the career's grade scale",
    },
    messages={
        "m": {
            "es": 'calificacion="{value}" está fuera de la escala de la carrera: se espera un valor entre '
            "calificacionMinima={minimum} y calificacionMaxima={maximum}.",
            "en": 'calificacion="{value}" is outside the career scale: expected a value between '
            "calificacionMinima={minimum} and calificacionMaxima={maximum}.",
        }
    },
    why="La escala de calificación (Carrera/@calificacionMinima y @calificacionMaxima) acota toda "
    "calificación del certificado; un valor fuera de ella es un error de captura o de escala.",
    fail_example='<Carrera … calificacionMinima="5" calificacionMaxima="10" …/> … '
    '<Asignatura … calificacion="95.00" …/>',
    pass_example='<Carrera … calificacionMinima="5" calificacionMaxima="10" …/> … '
    '<Asignatura … calificacion="9.50" …/>',
    spec="dec-3.0.md §1.6 y §5.2 (la calificación está entre calificacionMinima y calificacionMaxima)",
    fix="Corrija la calificación o la escala declarada en Carrera (y vuelva a firmar: ambas van en la "
    "cadena original).",
)

CAL002 = Rule(
    code="CAL002",
    name="calificacion-aprobatoria",
    severity=Severity.ERROR,
    summary={
        "es": "Cada calificación numérica alcanza la mínima aprobatoria",
        "en": "Each numeric grade reaches the minimum passing grade",
    },
    messages={
        "m": {
            "es": 'calificacion="{value}" es menor que calificacionMinimaAprobatoria="{expected}": un '
            "certificado sólo lista asignaturas acreditadas.",
            "en": 'calificacion="{value}" is below calificacionMinimaAprobatoria="{expected}": a '
            "certificate lists accredited subjects only.",
        }
    },
    why="El certificado de estudios lista asignaturas acreditadas; una calificación reprobatoria indica "
    "que se incluyó una asignatura no acreditada o un intento anterior (el que cuenta es el acreditado, "
    "con su ciclo y su observación, p. ej. 71 EXAMEN EXTRAORDINARIO).",
    fail_example='<Carrera … calificacionMinimaAprobatoria="6.00" …/> … <Asignatura … calificacion="5.00" …/>',
    pass_example='<Carrera … calificacionMinimaAprobatoria="6.00" …/> … <Asignatura … calificacion="8.00" '
    'idObservaciones="71" …/>',
    spec="dec-3.0.md §5.2 (un certificado lista asignaturas acreditadas); mec-faq.txt (ciclo y observación "
    "de la asignatura acreditada en otro ciclo)",
    fix="Quite la asignatura no acreditada o ponga la calificación con la que se acreditó, con el ciclo y "
    "la observación correspondientes.",
)

CAL003 = Rule(
    code="CAL003",
    name="escala-coherente",
    severity=Severity.ERROR,
    summary={
        "es": "La escala es numérica y coherente: mínima < mínima aprobatoria ≤ máxima",
        "en": "The grade scale is numeric and consistent: minimum < passing ≤ maximum",
    },
    messages={
        "not_number": {
            "es": '{attribute}="{value}" no es un número; se espera un número como "{expected}".',
            "en": '{attribute}="{value}" is not a number; expected a number such as "{expected}".',
        },
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: las calificaciones de la escala son números '
            '≥ 0 (p. ej. "{expected}").',
            "en": '{attribute}="{value}" on {element} is negative: the scale\'s grades are numbers ≥ 0 (e.g. '
            '"{expected}").',
        },
        "min_passing": {
            "es": "Escala incoherente: calificacionMinima={value} no es menor que "
            "calificacionMinimaAprobatoria={passing}.",
            "en": "Inconsistent scale: calificacionMinima={value} is not below "
            "calificacionMinimaAprobatoria={passing}.",
        },
        "passing_max": {
            "es": "Escala incoherente: calificacionMinimaAprobatoria={value} es mayor que "
            "calificacionMaxima={maximum}.",
            "en": "Inconsistent scale: calificacionMinimaAprobatoria={value} is above "
            "calificacionMaxima={maximum}.",
        },
        "min_max": {
            "es": "Escala incoherente: calificacionMinima={value} no es menor que calificacionMaxima={maximum}.",
            "en": "Inconsistent scale: calificacionMinima={value} is not below calificacionMaxima={maximum}.",
        },
    },
    why="calificacionMinima, calificacionMaxima y calificacionMinimaAprobatoria describen la escala de la "
    "carrera y van firmadas en la cadena original; si no son números, son negativos o se contradicen, "
    "ninguna calificación puede validarse (el esquema los define como texto y no impide un «-5»).",
    fail_example='<Carrera … calificacionMinima="6" calificacionMaxima="10" calificacionMinimaAprobatoria="11.00"/>',
    pass_example='<Carrera … calificacionMinima="5" calificacionMaxima="10" calificacionMinimaAprobatoria="6.00"/>',
    spec="dec-3.0.md §1.6 (escala: mínima, máxima, mínima aprobatoria) y §6 (valores de ejemplo); layout.md "
    "«Cell rules» (CALIF_MINIMA < CALIF_APROBATORIA <= CALIF_MAXIMA, la misma escala del plan)",
    options={
        "permitir_minima_igual": Option(
            bool,
            False,
            "Acepta calificacionMinima igual a calificacionMinimaAprobatoria (escalas que empiezan en la "
            "aprobatoria).",
        )
    },
    fix="Escriba la escala registrada para el plan, p. ej. 5 / 10 / 6.00 (y vuelva a firmar).",
)

CAL004 = Rule(
    code="CAL004",
    name="formato-de-numeros",
    severity=Severity.WARNING,
    summary={
        "es": "Calificaciones, créditos y promedio usan el formato convencional",
        "en": "Grades, credits and average use the conventional number format",
    },
    messages={
        "two_decimals": {
            "es": '{attribute}="{value}": por convención se escribe con 2 decimales, "{expected}".'
            + _RESIGN_ES,
            "en": '{attribute}="{value}": by convention it is written with 2 decimals, "{expected}".'
            + _RESIGN_EN,
        },
        "too_many": {
            "es": '{attribute}="{value}" tiene más de {places} decimales; por convención se trunca a "{expected}".'
            + _RESIGN_ES,
            "en": '{attribute}="{value}" has more than {places} decimals; by convention it is truncated to '
            '"{expected}".' + _RESIGN_EN,
        },
        "perfect": {
            "es": '{attribute}="{value}": la calificación máxima se escribe "{expected}".' + _RESIGN_ES,
            "en": '{attribute}="{value}": the maximum grade is written "{expected}".' + _RESIGN_EN,
        },
        "integer": {
            "es": '{attribute}="{value}": por convención se escribe como entero, "{expected}".' + _RESIGN_ES,
            "en": '{attribute}="{value}": by convention it is written as an integer, "{expected}".'
            + _RESIGN_EN,
        },
        "places": {
            "es": '{attribute}="{value}": por convención se escribe con {places} decimales, "{expected}".'
            + _RESIGN_ES,
            "en": '{attribute}="{value}": by convention it is written with {places} decimals, "{expected}".'
            + _RESIGN_EN,
        },
    },
    why="Seis implementaciones independientes (dos con cadenas reales) escriben las calificaciones con 2 "
    "decimales salvo el 10 perfecto («9.00», «10»), la mínima aprobatoria con 2 decimales, la escala como "
    "enteros y créditos y promedio con 2 decimales. El valor del XML y el de la cadena original deben ser "
    "idénticos, así que un formato distinto no es un error por sí mismo, pero corregirlo obliga a volver a "
    "firmar.",
    fail_example='<Asignatura … calificacion="9" creditos="7" …/>',
    pass_example='<Asignatura … calificacion="9.00" creditos="7.00" …/>',
    spec="dec-3.0.md §5.2 (calificación), §5.3 (promedio), §5.4 (créditos), §1.6 (escala), §3.1 (valores "
    "idénticos en XML y cadena)",
    options={
        "decimales_creditos": Option(
            int,
            2,
            "Decimales de creditos, totalCreditos y creditosObtenidos ([DGS] lo configura por carrera).",
            check=checks.integer_at_least(0),
        ),
        "maxima_entera": Option(
            bool, True, "La calificación máxima perfecta se escribe como entero («10»); False: «10.00»."
        ),
    },
    fix="Genere el XML con el formato convencional y vuelva a construir la cadena original y el sello: "
    "el valor firmado debe ser idéntico al del XML.",
)

CAL005 = Rule(
    code="CAL005",
    name="calificacion-no-numerica",
    severity=Severity.ERROR,
    summary={
        "es": "Una calificación no numérica es una de las calificaciones con letra aceptadas",
        "en": "A non-numeric grade is one of the accepted letter grades",
    },
    messages={
        "m": {
            "es": 'calificacion="{value}" no es un número ni una calificación con letra aceptada ({expected}).',
            "en": 'calificacion="{value}" is neither a number nor an accepted letter grade ({expected}).',
        },
        "comma": {
            "es": 'calificacion="{value}" usa coma decimal; escriba punto: "{expected}".',
            "en": 'calificacion="{value}" uses a decimal comma; write a point: "{expected}".',
        },
        "empty": {
            "es": "calificacion está vacía; se espera un número (p. ej. 9.00) o una letra aceptada ({expected}).",
            "en": "calificacion is empty; expected a number (e.g. 9.00) or an accepted letter grade ({expected}).",
        },
    },
    why="Las calificaciones son números; [BAN] y [DGS] aceptan además «AC»/«ACREDITADA» para asignaturas "
    "acreditadas sin calificación numérica (quedan fuera del promedio). Cualquier otro texto no es una "
    "calificación.",
    fail_example='<Asignatura … calificacion="NP" …/>',
    pass_example='<Asignatura … calificacion="AC" …/>',
    spec="dec-3.0.md §1.10 y §5.2 (calificaciones con letra AC / ACREDITADA)",
    options={
        "letras": Option(
            list,
            DEFAULT_LETTERS,
            "Calificaciones con letra aceptadas (sin distinguir mayúsculas); quedan fuera del promedio "
            "(TOT003 usa esta misma lista).",
            check=checks.scalar_list,
        )
    },
    fix="Escriba la calificación numérica con punto decimal, o una calificación con letra aceptada.",
)

RULES = (CAL001, CAL002, CAL003, CAL004, CAL005)


def letter_grades(ctx: Context) -> frozenset[str]:
    """The accepted letter grades (upper case), from CAL005's `letras` option."""
    letters = ctx.options(CAL005).get("letras") or ()
    if isinstance(letters, str):
        letters = [letters]
    return frozenset(str(letter).strip().upper() for letter in letters)


def is_letter_grade(text: str, letters: frozenset[str]) -> bool:
    return text.strip().upper() in letters


class Scale(Record):
    __slots__ = ("minimum", "maximum", "passing")

    def __init__(
        self,
        minimum: Decimal | None,
        maximum: Decimal | None,
        passing: Decimal | None,
    ) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.passing = passing

    @property
    def perfect(self) -> Decimal:
        """The perfect grade: the declared maximum, or 10 when it is unreadable."""
        return self.maximum if self.maximum is not None else Decimal(10)


SCALE_ATTRIBUTES = ("calificacionMinima", "calificacionMaxima", "calificacionMinimaAprobatoria")
_SAMPLES = {"calificacionMinima": "5", "calificacionMaxima": "10", "calificacionMinimaAprobatoria": "6.00"}


def read_scale(doc: XmlDocument) -> Scale:
    carrera = doc.first("Carrera")
    if carrera is None:
        return Scale(None, None, None)
    return Scale(
        to_decimal(carrera.get("calificacionMinima")),
        to_decimal(carrera.get("calificacionMaxima")),
        to_decimal(carrera.get("calificacionMinimaAprobatoria")),
    )


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    scale = read_scale(doc)
    format_options = ctx.options(CAL004)
    credit_places = _places(format_options.get("decimales_creditos"))
    integer_max = format_options.get("maxima_entera") is not False
    carrera = doc.first("Carrera")
    if carrera is not None:
        scale_findings = list(_scale(carrera, scale, ctx))
        yield from scale_findings
        if scale_findings:
            scale = Scale(None, None, None)  # the scale is wrong, not every grade: no CAL001/CAL002
        yield from _scale_formats(carrera, ctx)
    letters = letter_grades(ctx)
    letters_text = ", ".join(sorted(letters)) or "ninguna"
    # The outcome for a subject depends only on the value as written (the scale and options are the
    # document's): a value found clean once is clean for every subject that repeats it.
    clean_grades: set[str] = set()
    clean_credits: set[str] = set()
    subjects = doc.all("Asignatura")
    grades = doc.values("Asignatura", "calificacion")
    credit_values = doc.values("Asignatura", "creditos")
    for subject, raw, credits in zip(subjects, grades, credit_values):
        if raw is not None and raw not in clean_grades:
            found = list(_subject_grade(ctx, subject, raw, scale, integer_max, letters, letters_text))
            if found:
                yield from found
            else:
                clean_grades.add(raw)
        if credits is not None and credits not in clean_credits:
            found = list(_fixed_format(ctx, subject, "creditos", credits, credit_places))
            if found:
                yield from found
            else:
                clean_credits.add(credits)
    yield from _summary_formats(doc, ctx, scale, credit_places)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the scale and the summary's formats are decided once per run for their
    values, each distinct grade and credit value once per run for the scale (mec_lint.fastpass)."""
    carrera = doc.first("Carrera")
    scale_key = values_key(carrera, SCALE_ATTRIBUTES)
    head = (scale_key, values_key(doc.first("Asignaturas"), _SUMMARY_ATTRIBUTES))
    if not fastpass.quiet(ctx, "CAL.head", head, _head, doc):
        return False
    scale = read_scale(doc)  # the head is silent: the scale is readable and coherent
    format_options = ctx.options(CAL004)
    credit_places = _places(format_options.get("decimales_creditos"))
    integer_max = format_options.get("maxima_entera") is not False
    letters = letter_grades(ctx)
    subjects = doc.all("Asignatura")
    grades = doc.values("Asignatura", "calificacion")
    for raw in set(grades):
        if raw is not None:
            subject = subjects[grades.index(raw)]
            grade_args = (subject, raw, scale, integer_max, letters, "")
            if not fastpass.quiet(ctx, "CAL.grade", (scale_key, raw), _subject_grade, *grade_args):
                return False
    credit_values = doc.values("Asignatura", "creditos")
    for raw in set(credit_values):
        if raw is not None:
            subject = subjects[credit_values.index(raw)]
            if not fastpass.quiet(
                ctx, "CAL.credits", raw, _fixed_format, subject, "creditos", raw, credit_places
            ):
                return False
    return True


_SUMMARY_ATTRIBUTES = ("totalCreditos", "creditosObtenidos", "promedio")


def _head(ctx: Context, doc: XmlDocument) -> Iterator[Finding]:
    """The findings of `check` that do not depend on a subject (the career's scale, the summary)."""
    scale = read_scale(doc)
    carrera = doc.first("Carrera")
    if carrera is not None:
        scale_findings = list(_scale(carrera, scale, ctx))
        yield from scale_findings
        if scale_findings:
            scale = Scale(None, None, None)
        yield from _scale_formats(carrera, ctx)
    yield from _summary_formats(doc, ctx, scale, _places(ctx.options(CAL004).get("decimales_creditos")))


def _subject_grade(
    ctx: Context,
    subject: etree._Element,
    raw: str,
    scale: Scale,
    integer_max: bool,
    letters: frozenset[str],
    letters_text: str,
) -> Iterator[Finding]:
    grade = to_decimal(raw)
    if grade is None:
        if not is_letter_grade(raw, letters):
            yield _not_numeric(ctx, subject, raw, letters_text)
    else:
        yield from _grade(ctx, subject, raw, grade, scale, integer_max)


def _summary_formats(doc: XmlDocument, ctx: Context, scale: Scale, credit_places: int) -> Iterator[Finding]:
    asignaturas = doc.first("Asignaturas")
    if asignaturas is not None:
        for attribute in ("totalCreditos", "creditosObtenidos"):
            value = asignaturas.get(attribute)
            if value is not None:
                yield from _fixed_format(ctx, asignaturas, attribute, value, credit_places)
        promedio = asignaturas.get("promedio")
        if promedio is not None:
            yield from _promedio_format(ctx, asignaturas, promedio, scale)


def _places(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        return 2
    return value


def _scale(carrera: etree._Element, scale: Scale, ctx: Context) -> Iterator[Finding]:
    unreadable = False
    for attribute in SCALE_ATTRIBUTES:
        value = carrera.get(attribute)
        if value is not None and to_decimal(value) is None:
            unreadable = True
            yield ctx.report(
                CAL003, "not_number", carrera, attribute=attribute, value=value, expected=_SAMPLES[attribute]
            )
    if unreadable:
        return
    for attribute, number in zip(SCALE_ATTRIBUTES, (scale.minimum, scale.maximum, scale.passing)):
        if number is not None and number < 0:  # issue #15: grades are ≥ 0; one finding, no cascade
            unreadable = True
            yield ctx.report(
                CAL003,
                "negative",
                carrera,
                attribute=attribute,
                value=carrera.get(attribute),
                expected=_SAMPLES[attribute],
            )
    if unreadable:
        return
    low, high, passing = scale.minimum, scale.maximum, scale.passing
    allow_equal = ctx.options(CAL003).get("permitir_minima_igual") is True
    if low is not None and passing is not None and (low > passing or (low == passing and not allow_equal)):
        yield ctx.report(
            CAL003,
            "min_passing",
            carrera,
            attribute="calificacionMinima",
            value=carrera.get("calificacionMinima"),
            expected=f"< {carrera.get('calificacionMinimaAprobatoria')}",
            passing=carrera.get("calificacionMinimaAprobatoria"),
        )
    if passing is not None and high is not None and passing > high:
        yield ctx.report(
            CAL003,
            "passing_max",
            carrera,
            attribute="calificacionMinimaAprobatoria",
            value=carrera.get("calificacionMinimaAprobatoria"),
            expected=f"<= {carrera.get('calificacionMaxima')}",
            maximum=carrera.get("calificacionMaxima"),
        )
    if passing is None and low is not None and high is not None and low >= high:
        yield ctx.report(
            CAL003,
            "min_max",
            carrera,
            attribute="calificacionMinima",
            value=carrera.get("calificacionMinima"),
            expected=f"< {carrera.get('calificacionMaxima')}",
            maximum=carrera.get("calificacionMaxima"),
        )


def _scale_formats(carrera: etree._Element, ctx: Context) -> Iterator[Finding]:
    for attribute in ("calificacionMinima", "calificacionMaxima"):
        value = carrera.get(attribute)
        number = to_decimal(value)
        if value is None or number is None or number != number.to_integral_value():
            continue  # a fractional bound has no integer spelling to suggest
        expected = plain(number)
        if value != expected:
            yield ctx.report(CAL004, "integer", carrera, attribute=attribute, value=value, expected=expected)
    value = carrera.get("calificacionMinimaAprobatoria")
    if value is not None:
        yield from _fixed_format(ctx, carrera, "calificacionMinimaAprobatoria", value, 2)


def _fixed_format(
    ctx: Context, element: etree._Element, attribute: str, value: str, places: int
) -> Iterator[Finding]:
    number = to_decimal(value)
    if number is None:
        return  # not a number: the totals and schema rules say so
    expected = fixed(number, places)
    if value == expected:
        return
    if decimals_of(value) > places:
        message = "too_many"
    elif places == 2:
        message = "two_decimals"
    else:
        message = "places"
    yield ctx.report(
        CAL004, message, element, attribute=attribute, value=value, expected=expected, places=places
    )


def _grade(
    ctx: Context,
    subject: etree._Element,
    raw: str,
    grade: Decimal,
    scale: Scale,
    integer_max: bool,
) -> Iterator[Finding]:
    if (scale.minimum is not None and grade < scale.minimum) or (
        scale.maximum is not None and grade > scale.maximum
    ):
        low = "?" if scale.minimum is None else plain(scale.minimum)
        high = "?" if scale.maximum is None else plain(scale.maximum)
        yield ctx.report(
            CAL001,
            "m",
            subject,
            attribute="calificacion",
            value=raw,
            expected=f"{low}–{high}",
            minimum=low,
            maximum=high,
        )
    if scale.passing is not None and grade < scale.passing:
        carrera = ctx.doc.first("Carrera") if ctx.doc is not None else None
        shown = carrera.get("calificacionMinimaAprobatoria") if carrera is not None else None
        yield ctx.report(
            CAL002, "m", subject, attribute="calificacion", value=raw, expected=shown or plain(scale.passing)
        )
    perfect = scale.perfect
    if grade == perfect and perfect == perfect.to_integral_value():
        expected = plain(perfect) if integer_max else fixed(perfect, 2)
        if raw != expected:
            yield ctx.report(
                CAL004, "perfect", subject, attribute="calificacion", value=raw, expected=expected
            )
        return
    if scale.maximum is not None and scale.maximum > 10 and raw.isdigit():
        return  # the 2-decimal convention (§5.2) comes from 0–10 scales: `85` on a 0–100 scale is fine
    yield from _fixed_format(ctx, subject, "calificacion", raw, 2)


def _promedio_format(
    ctx: Context, asignaturas: etree._Element, value: str, scale: Scale
) -> Iterator[Finding]:
    number = to_decimal(value)
    if number is None:
        return
    perfect = scale.perfect
    if number == perfect and perfect == perfect.to_integral_value():
        if value in (plain(perfect), fixed(perfect, 2)):
            return  # `10` (most sources) or `10.00`: both are written
        yield ctx.report(
            CAL004, "perfect", asignaturas, attribute="promedio", value=value, expected=plain(perfect)
        )
        return
    if decimals_of(value) > 2:
        return  # more than 2 decimals is a wrong promedio: TOT003's error, not a format warning
    yield from _fixed_format(ctx, asignaturas, "promedio", value, 2)


def _not_numeric(ctx: Context, subject: etree._Element, raw: str, letters_text: str) -> Finding:
    if not raw.strip():
        return ctx.report(
            CAL005, "empty", subject, attribute="calificacion", value=raw, expected=letters_text
        )
    if looks_like_comma_decimal(raw):
        number = to_decimal(raw.replace(",", "."))
        suggestion = fixed(number, 2) if number is not None else raw.replace(",", ".")
        return ctx.report(CAL005, "comma", subject, attribute="calificacion", value=raw, expected=suggestion)
    return ctx.report(CAL005, "m", subject, attribute="calificacion", value=raw, expected=letters_text)
