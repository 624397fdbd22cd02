"""TOT001–TOT005: the Asignaturas summary agrees with the subjects it lists.

Counting rule (dec-3.0.md §1.10): OBLIGATORIA, OPTATIVA and ADICIONAL subjects count toward
asignadas, the credit sum and the average; COMPLEMENTARIA (idTipoAsignatura 266) toward none.
Letter grades (AC, ACREDITADA) count toward asignadas and credits, not toward the average.
Every number is a decimal.Decimal; a check whose input is not a number is skipped (the schema
and CAL rules report that).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal

from lxml import etree

from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.record import Record
from mec_lint.rule import Option, Rule, Scope
from mec_lint.rules._numeros import (
    decimals_of,
    fixed,
    looks_like_comma_decimal,
    plain,
    round_half_up,
    to_decimal,
    to_int,
    truncate,
)
from mec_lint.rules.calificaciones import is_letter_grade, letter_grades, read_scale
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

TOTAL = "79"  # Expedicion/@idTipoCertificacion of a total certificate (dec-3.0.md §2.6)

TOT001 = Rule(
    code="TOT001",
    name="asignadas",
    severity=Severity.ERROR,
    summary={
        "es": "asignadas es el número de asignaturas que cuentan",
        "en": "asignadas is the number of subjects that count",
    },
    messages={
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: un número de '
            "asignaturas no puede serlo; se espera un entero ≥ 0.",
            "en": '{attribute}="{value}" on {element} is negative: a number of subjects '
            "cannot be; expected an integer ≥ 0.",
        },
        "m": {
            "es": 'asignadas="{value}" pero el certificado lista {expected} asignaturas que cuentan '
            "({listed} en total; {excluded} {excluded|complementaria, que no cuenta|complementarias, que no cuentan}).",
            "en": 'asignadas="{value}" but the certificate lists {expected} subjects that count '
            "({listed} in all; {excluded} complementaria {excluded|subject, which does not count|subjects, which do not count}).",
        },
    },
    why="asignadas es el número de asignaturas acreditadas que lista el certificado; las complementarias "
    "(idTipoAsignatura 266) no cuentan. Un conteo distinto delata asignaturas faltantes o sobrantes.",
    fail_example='<Asignaturas total="3" asignadas="4" …> con 3 <Asignatura idTipoAsignatura="263" …/>',
    pass_example='<Asignaturas total="3" asignadas="3" …> con 3 <Asignatura idTipoAsignatura="263" …/>',
    spec="dec-3.0.md §1.9 (asignadas) y §1.10 (regla de conteo de tipoAsignatura: 266 no cuenta)",
    options={
        "tipos_no_contables": Option(
            list,
            ["266"],
            "idTipoAsignatura que no cuentan para asignadas, créditos ni promedio (TOT003 y TOT004 usan "
            "esta misma lista).",
            check=checks.scalar_list,
        )
    },
    fix="Escriba en asignadas el número de asignaturas del certificado sin contar las complementarias (y "
    "vuelva a firmar: va en la cadena original).",
)

TOT002 = Rule(
    code="TOT002",
    name="total-asignaturas",
    severity=Severity.ERROR,
    summary={
        "es": "total es al menos asignadas, e igual en un certificado total",
        "en": "total is at least asignadas, and equal on a total certificate",
    },
    messages={
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: un número de '
            "asignaturas no puede serlo; se espera un entero ≥ 0.",
            "en": '{attribute}="{value}" on {element} is negative: a number of subjects '
            "cannot be; expected an integer ≥ 0.",
        },
        "less": {
            "es": 'total="{value}" es menor que asignadas="{expected}": el plan no puede tener menos '
            "asignaturas que las acreditadas.",
            "en": 'total="{value}" is below asignadas="{expected}": the plan cannot have fewer subjects than '
            "those accredited.",
        },
        "total": {
            "es": 'total="{value}" y asignadas="{expected}" difieren, pero idTipoCertificacion="79" (TOTAL): en '
            "un certificado total son iguales. Si el alumno no terminó el plan, use 80 (PARCIAL).",
            "en": 'total="{value}" and asignadas="{expected}" differ, but idTipoCertificacion="79" (TOTAL): '
            "on a total certificate they are equal. If the student did not finish, use 80 (PARCIAL).",
        },
    },
    why="total es el número de asignaturas del plan que cuentan y asignadas las acreditadas; en un "
    "certificado total (79) son iguales. Las cadenas reales con 79 tienen total = asignadas.",
    fail_example='<Expedicion idTipoCertificacion="79" …/> … <Asignaturas total="54" asignadas="23" …>',
    pass_example='<Expedicion idTipoCertificacion="80" …/> … <Asignaturas total="54" asignadas="23" …>',
    spec="dec-3.0.md §1.9 (total, asignadas) y §2.6 (79 TOTAL, 80 PARCIAL)",
    fix="Corrija total, o el tipo de certificación si el alumno no ha concluido el plan.",
)

TOT003 = Rule(
    code="TOT003",
    name="promedio",
    severity=Severity.ERROR,
    summary={
        "es": "promedio es la media de las calificaciones numéricas que cuentan, a 2 decimales",
        "en": "promedio is the mean of the counted numeric grades, to 2 decimals",
    },
    messages={
        "m": {
            "es": 'promedio="{value}" no corresponde a las calificaciones: {count} calificaciones numéricas '
            "suman {total}, media {mean}; se espera {candidates}.",
            "en": 'promedio="{value}" does not match the grades: {count} numeric grades add up to {total}, '
            "mean {mean}; expected {candidates}.",
        },
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: un promedio de '
            "calificaciones no puede serlo; se espera un número ≥ 0 con 2 decimales.",
            "en": '{attribute}="{value}" on {element} is negative: an average of grades '
            "cannot be; expected a number ≥ 0 with 2 decimals.",
        },
        "decimals": {
            "es": 'promedio="{value}" tiene {places} decimales: el promedio se escribe truncado a 2 '
            'decimales, "{expected}".',
            "en": 'promedio="{value}" has {places} decimals: the average is written truncated to 2 decimals, '
            '"{expected}".',
        },
        "not_number": {
            "es": '{attribute}="{value}" no es un número ({problem}); se espera {hint}.',
            "en": '{attribute}="{value}" is not a number ({problem_en}); expected {hint_en}.',
        },
    },
    why="El promedio es la media de las calificaciones numéricas de las asignaturas que cuentan (sin "
    "complementarias ni calificaciones con letra). Los dos sistemas en producción lo truncan a 2 decimales; "
    "otras implementaciones redondean, así que se aceptan ambos valores. Un promedio con más de 2 "
    "decimales (8.666) no es ninguno de los dos, y uno que no es número (8,66, abc) ningún otro chequeo lo "
    "detecta: el esquema lo define como texto.",
    fail_example='calificaciones 9.00, 8.00, 9.00 (media 8.666…) con promedio="8.65" o "8.666"',
    pass_example='calificaciones 9.00, 8.00, 9.00 con promedio="8.66" (truncado) o "8.67" (redondeado)',
    spec="dec-3.0.md §5.3 (promedio truncado: [BAN], [DGS]; redondeado: [IDEE], [LAMM]) y §1.10 (conteo)",
    options={
        "tolerancia": Option(
            (str, float),
            "0",
            'Diferencia máxima aceptada con el valor truncado o redondeado, p. ej. "0.01" para sistemas que '
            "calculan con punto flotante (9.35 → 9.3499… → 9.34).",
            check=checks.decimal_at_least(0),
        )
    },
    fix="Calcule la media de las calificaciones numéricas que cuentan y trúnquela a 2 decimales (y vuelva "
    "a firmar: el promedio va en la cadena original).",
)

TOT004 = Rule(
    code="TOT004",
    name="creditos-obtenidos",
    severity=Severity.ERROR,
    summary={
        "es": "creditosObtenidos es la suma de los créditos de las asignaturas que cuentan",
        "en": "creditosObtenidos is the sum of the credits of the counted subjects",
    },
    messages={
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: los créditos no '
            "pueden serlo; se espera un número ≥ 0 (¿«{expected}»?).",
            "en": '{attribute}="{value}" on {element} is negative: credits cannot be; '
            "expected a number ≥ 0 («{expected}»?).",
        },
        "m": {
            "es": 'creditosObtenidos="{value}" pero los créditos de las {count} asignaturas que cuentan suman '
            "{expected}.",
            "en": 'creditosObtenidos="{value}" but the credits of the {count} counted subjects add up to '
            "{expected}.",
        },
        "not_number": {
            "es": '{attribute}="{value}" no es un número ({problem}); se espera {hint}.',
            "en": '{attribute}="{value}" is not a number ({problem_en}); expected {hint_en}.',
        },
    },
    why="creditosObtenidos es la suma de los créditos de las asignaturas acreditadas, sin complementarias.",
    fail_example='3 asignaturas con creditos="7.00" y creditosObtenidos="20.00"',
    pass_example='3 asignaturas con creditos="7.00" y creditosObtenidos="21.00"',
    spec="dec-3.0.md §5.4 (créditos) y §1.10 (conteo: 266 no cuenta)",
    fix="Escriba la suma de los créditos de las asignaturas que cuentan (y vuelva a firmar).",
)

TOT005 = Rule(
    code="TOT005",
    name="total-creditos",
    severity=Severity.ERROR,
    summary={
        "es": "totalCreditos es al menos creditosObtenidos, e igual en un certificado total",
        "en": "totalCreditos is at least creditosObtenidos, and equal on a total certificate",
    },
    messages={
        "negative": {
            "es": '{attribute}="{value}" en {element} es negativo: los créditos no '
            "pueden serlo; se espera un número ≥ 0 (¿«{expected}»?).",
            "en": '{attribute}="{value}" on {element} is negative: credits cannot be; '
            "expected a number ≥ 0 («{expected}»?).",
        },
        "less": {
            "es": 'totalCreditos="{value}" es menor que creditosObtenidos="{expected}": el plan no puede tener '
            "menos créditos que los obtenidos.",
            "en": 'totalCreditos="{value}" is below creditosObtenidos="{expected}": the plan cannot have fewer '
            "credits than those obtained.",
        },
        "total": {
            "es": 'totalCreditos="{value}" y creditosObtenidos="{expected}" difieren, pero '
            'idTipoCertificacion="79" (TOTAL): en un certificado total son iguales.',
            "en": 'totalCreditos="{value}" and creditosObtenidos="{expected}" differ, but '
            'idTipoCertificacion="79" (TOTAL): on a total certificate they are equal.',
        },
        "not_number": {
            "es": '{attribute}="{value}" no es un número ({problem}); se espera {hint}.',
            "en": '{attribute}="{value}" is not a number ({problem_en}); expected {hint_en}.',
        },
    },
    why="totalCreditos son los créditos del plan y creditosObtenidos los acreditados; en un certificado "
    "total (79) son iguales.",
    fail_example='<Expedicion idTipoCertificacion="79" …/> … <Asignaturas totalCreditos="315.00" '
    'creditosObtenidos="142.50" …>',
    pass_example='<Expedicion idTipoCertificacion="79" …/> … <Asignaturas totalCreditos="315.00" '
    'creditosObtenidos="315.00" …>',
    spec="dec-3.0.md §5.4 (totalCreditos es el total del plan; iguales en un certificado total)",
    fix="Corrija totalCreditos, o el tipo de certificación si el alumno no ha concluido el plan.",
)

RULES = (TOT001, TOT002, TOT003, TOT004, TOT005)


class Tally(Record):
    """What one pass over the subjects yields."""

    __slots__ = ("listed", "counted", "grade_sum", "graded", "credits", "credits_readable", "grades_readable")

    def __init__(
        self,
        listed: int = 0,
        counted: int = 0,
        grade_sum: Decimal = Decimal(0),  # the counted numeric grades, summed in document order
        graded: int = 0,  # how many they are
        credits: Decimal = Decimal(0),
        credits_readable: bool = True,  # False: a counted subject's creditos is not a number
        grades_readable: bool = True,  # False: a counted grade is neither a number nor an accepted letter
    ) -> None:
        self.listed = listed
        self.counted = counted
        self.grade_sum = grade_sum
        self.graded = graded
        self.credits = credits
        self.credits_readable = credits_readable
        self.grades_readable = grades_readable


# A sum of at most 10**5 values each under 10**6 with at most 6 decimals has at most 17 digits:
# every partial sum is exact in decimal's 28 digits, so any order of adding gives the same sum.
_EXACT_LIMIT = Decimal(10) ** 6


def _exact(numbers: Iterable[Decimal | None]) -> bool:
    """Whether sums of these values (up to 10**5 of them) are exact in any order."""
    return all(
        number is None or (-_EXACT_LIMIT < number < _EXACT_LIMIT and number.as_tuple().exponent >= -6)  # type: ignore[operator]
        for number in numbers
    )


def _sum(
    counts: Counter[str | None], numbers: dict[str | None, Decimal | None], texts: list[str | None]
) -> Decimal:
    """The sum of the non-negative numbers of `texts`: each distinct value times its count when
    that is exact, else added one by one in document order."""
    if len(texts) <= 100_000 and _exact(numbers.values()):
        return sum(
            (
                number * count
                for text, count in counts.items()
                if (number := numbers[text]) is not None and number >= 0
            ),
            Decimal(0),
        )
    return sum(
        (number for number in map(numbers.__getitem__, texts) if number is not None and number >= 0),
        Decimal(0),
    )


def tally(doc: XmlDocument, excluded: frozenset[str], letters: frozenset[str]) -> Tally:
    """Counts and sums over the counted subjects, in document order; each distinct value (a
    certificate repeats a few grades, credits and types) is read and judged once."""
    result = Tally()
    types = doc.values("Asignatura", "idTipoAsignatura")
    result.listed = len(types)
    grade_texts = doc.values("Asignatura", "calificacion")
    credit_texts = doc.values("Asignatura", "creditos")
    counts = {tipo: (tipo or "").strip() not in excluded for tipo in set(types)}
    if not all(counts.values()):
        grade_texts = [text for tipo, text in zip(types, grade_texts) if counts[tipo]]
        credit_texts = [text for tipo, text in zip(types, credit_texts) if counts[tipo]]
    result.counted = len(grade_texts)
    grade_counts = Counter(grade_texts)
    grades = {text: to_decimal(text) for text in grade_counts}
    result.graded = sum(count for text, count in grade_counts.items() if grades[text] is not None)
    # a negative grade counts toward the average: _sum adds only the non-negative ones
    result.grade_sum = (
        _sum(grade_counts, grades, grade_texts)
        if all(number is None or number >= 0 for number in grades.values())
        else sum((grade for grade in map(grades.__getitem__, grade_texts) if grade is not None), Decimal(0))
    )
    result.grades_readable = all(
        grade is not None or (text is not None and is_letter_grade(text, letters))
        for text, grade in grades.items()
    )
    credit_counts = Counter(credit_texts)
    credits = {text: to_decimal(text) for text in credit_counts}
    result.credits_readable = all(number is not None and number >= 0 for number in credits.values())
    result.credits = _sum(credit_counts, credits, credit_texts)
    return result


def _excluded(ctx: Context) -> frozenset[str]:
    value = ctx.options(TOT001).get("tipos_no_contables")
    if isinstance(value, (str, int)):
        value = [value]
    return frozenset(str(item).strip() for item in (value or ()))


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    asignaturas = doc.first("Asignaturas")
    if asignaturas is None:
        return  # the schema's finding
    result = tally(doc, _excluded(ctx), letter_grades(ctx))
    is_total = (doc.attr("Expedicion", "idTipoCertificacion") or "").strip() == TOTAL
    yield from _counts(asignaturas, result, is_total, ctx)
    yield from _average(doc, asignaturas, result, ctx)
    yield from _credits(doc, asignaturas, result, is_total, ctx)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: `check`'s three parts as plain conditions over the tally (no generator, no
    message data); True only when none of them would report."""
    asignaturas = doc.first("Asignaturas")
    if asignaturas is None:
        return True
    result = tally(doc, _excluded(ctx), letter_grades(ctx))
    is_total = (doc.attr("Expedicion", "idTipoCertificacion") or "").strip() == TOTAL
    get = asignaturas.get
    # _counts
    asignadas, total = to_int(get("asignadas")), to_int(get("total"))
    if (asignadas is not None and (asignadas < 0 or asignadas != result.counted)) or (
        total is not None and total < 0
    ):
        return False
    if (
        total is not None
        and asignadas is not None
        and (total < asignadas or (is_total and total != asignadas))
    ):
        return False
    # _average
    text = get("promedio")
    if text is not None:
        promedio = to_decimal(text)
        if promedio is None:
            if text.strip():
                return False
        elif promedio < 0 or decimals_of(text) > 2:
            return False
        elif result.graded and result.grades_readable:
            mean = result.grade_sum / result.graded
            tolerance = max(
                to_decimal(str(ctx.options(TOT003).get("tolerancia", "0"))) or Decimal(0), Decimal(0)
            )
            if all(
                abs(promedio - candidate) > tolerance
                for candidate in (truncate(mean, 2), round_half_up(mean, 2))
            ):
                return False
    # _credits
    if not result.credits_readable:
        return False
    if any(
        text is not None and text.strip() and to_decimal(text) is None
        for text in set(doc.values("Asignatura", "creditos"))
    ):
        return False
    obtained_text, total_text = get("creditosObtenidos"), get("totalCreditos")
    obtained, total_credits = to_decimal(obtained_text), to_decimal(total_text)
    for written, number in ((obtained_text, obtained), (total_text, total_credits)):
        if (written is not None and written.strip() and number is None) or (
            number is not None and number < 0
        ):
            return False
    if obtained is not None and obtained != result.credits:
        return False
    return not (
        total_credits is not None
        and obtained is not None
        and (total_credits < obtained or (is_total and total_credits != obtained))
    )


def _counts(asignaturas: etree._Element, result: Tally, is_total: bool, ctx: Context) -> Iterator[Finding]:
    asignadas_text = asignaturas.get("asignadas")
    asignadas = to_int(asignadas_text)
    total_text = asignaturas.get("total")
    total = to_int(total_text)
    negative = False
    for rule, attribute, number, text in (
        (TOT001, "asignadas", asignadas, asignadas_text),
        (TOT002, "total", total, total_text),
    ):
        if number is not None and number < 0:  # xs:int lets a minus through (issue #15)
            negative = True
            yield _negative(ctx, rule, asignaturas, attribute, text or "")
    if negative:
        return  # one mistake, one finding: no comparison with a negative count
    if asignadas is not None and asignadas != result.counted:
        yield ctx.report(
            TOT001,
            "m",
            asignaturas,
            attribute="asignadas",
            value=asignadas_text,
            expected=result.counted,
            listed=result.listed,
            excluded=result.listed - result.counted,
        )
    if total is None or asignadas is None:
        return
    if total < asignadas:
        yield ctx.report(
            TOT002, "less", asignaturas, attribute="total", value=total_text, expected=asignadas_text
        )
    elif is_total and total != asignadas:
        yield ctx.report(
            TOT002, "total", asignaturas, attribute="total", value=total_text, expected=asignadas_text
        )


def _average(doc: XmlDocument, asignaturas: etree._Element, result: Tally, ctx: Context) -> Iterator[Finding]:
    text = asignaturas.get("promedio")
    if text is None:
        return  # the schema's finding (XSD001)
    promedio = to_decimal(text)
    if promedio is None:
        if text.strip():  # empty: CAD002's finding
            yield _not_number(ctx, TOT003, asignaturas, "promedio", text, "8.83")
        return
    if promedio < 0:
        yield _negative(ctx, TOT003, asignaturas, "promedio", text)
        return
    places = decimals_of(text)
    if places > 2:
        yield ctx.report(
            TOT003,
            "decimals",
            asignaturas,
            attribute="promedio",
            value=text,
            expected=fixed(truncate(promedio, 2), 2),
            places=places,
        )
        return
    if not result.graded or not result.grades_readable:
        return
    total = result.grade_sum
    mean = total / result.graded
    candidates = {truncate(mean, 2), round_half_up(mean, 2)}
    tolerance = max(to_decimal(str(ctx.options(TOT003).get("tolerancia", "0"))) or Decimal(0), Decimal(0))
    if any(abs(promedio - candidate) <= tolerance for candidate in candidates):
        return
    perfect = read_scale(doc).maximum
    shown = [_show(candidate, perfect) for candidate in sorted(candidates)]
    if len(shown) == 1:
        expected_es = expected_en = shown[0]
    else:
        expected_es = f"{shown[0]} (truncado) o {shown[1]} (redondeado)"
        expected_en = f"{shown[0]} (truncated) or {shown[1]} (rounded)"
    yield ctx.report(
        TOT003,
        "m",
        asignaturas,
        attribute="promedio",
        value=text,
        expected=shown[0],
        candidates=expected_en if ctx.lang == "en" else expected_es,
        count=result.graded,
        total=plain(total),
        mean=_mean_text(mean),
    )


def _show(value: Decimal, perfect: Decimal | None) -> str:
    if value == (perfect if perfect is not None else Decimal(10)) and value == value.to_integral_value():
        return plain(value)
    return fixed(value, 2)


def _mean_text(mean: Decimal) -> str:
    """The exact mean, cut at 6 decimals with an ellipsis when it goes on (8.666666…)."""
    cut = truncate(mean, 6)
    if cut == mean:
        return plain(mean)
    return f"{cut}…"


def _credits(
    doc: XmlDocument, asignaturas: etree._Element, result: Tally, is_total: bool, ctx: Context
) -> Iterator[Finding]:
    column = doc.values("Asignatura", "creditos")
    if not result.credits_readable:  # some subject's creditos is not a number, or is negative
        for subject, text in zip(doc.all("Asignatura"), column):  # empty ones are CAD002's
            if text is None or not text.strip():
                continue
            number = to_decimal(text)
            if number is None:
                yield _not_number(ctx, TOT004, subject, "creditos", text, "7.00")
            elif number < 0:
                yield _negative(ctx, TOT004, subject, "creditos", text)
    elif any(text is not None and text.strip() and to_decimal(text) is None for text in set(column)):
        for subject, text in zip(doc.all("Asignatura"), column):  # a non-counted subject's creditos
            if text is not None and text.strip() and to_decimal(text) is None:
                yield _not_number(ctx, TOT004, subject, "creditos", text, "7.00")
    obtained_text = asignaturas.get("creditosObtenidos")
    obtained = to_decimal(obtained_text)
    total_text = asignaturas.get("totalCreditos")
    total = to_decimal(total_text)
    negative = False
    for rule, attribute, text, number in (
        (TOT004, "creditosObtenidos", obtained_text, obtained),
        (TOT005, "totalCreditos", total_text, total),
    ):
        if text is not None and text.strip() and number is None:
            yield _not_number(ctx, rule, asignaturas, attribute, text, "315.00")
        elif number is not None and number < 0:
            negative = True
            yield _negative(ctx, rule, asignaturas, attribute, text or "")
    if negative:
        return  # no comparison with a negative total
    if obtained is not None and result.credits_readable and obtained != result.credits:
        places = max(2, decimals_of(obtained_text or ""))
        yield ctx.report(
            TOT004,
            "m",
            asignaturas,
            attribute="creditosObtenidos",
            value=obtained_text,
            expected=_credit_text(result.credits, places),
            count=result.counted,
        )
    if total is None or obtained is None:
        return
    if total < obtained:
        yield ctx.report(
            TOT005, "less", asignaturas, attribute="totalCreditos", value=total_text, expected=obtained_text
        )
    elif is_total and total != obtained:
        yield ctx.report(
            TOT005, "total", asignaturas, attribute="totalCreditos", value=total_text, expected=obtained_text
        )


def _credit_text(value: Decimal, places: int) -> str:
    text = fixed(value, places)
    return text if Decimal(text) == value else plain(value)


def _negative(ctx: Context, rule: Rule, element: etree._Element, attribute: str, text: str) -> Finding:
    """`text` is a number below zero: counts, credits and averages are ≥ 0 (issue #15). `expected` is
    the value without its sign, the number most likely meant."""
    return ctx.report(
        rule, "negative", element, attribute=attribute, value=text, expected=text.strip().lstrip("-").strip()
    )


def _not_number(
    ctx: Context, rule: Rule, element: etree._Element, attribute: str, text: str, example: str
) -> Finding:
    """`text` is no decimal number: say why, and the number it meant when that is clear (8,83 → 8.83,
    «21.00 créditos» → 21.00)."""
    stripped = text.strip()
    meant = _LEADING_NUMBER.match(stripped)
    expected = meant[1].replace(",", ".") if meant else None
    if looks_like_comma_decimal(stripped):
        problem, problem_en = (
            "usa coma decimal en lugar de punto",
            "it uses a decimal comma instead of a point",
        )
    else:
        problem, problem_en = "sólo dígitos y un punto decimal", "digits and one decimal point only"
    return ctx.report(
        rule,
        "not_number",
        element,
        attribute=attribute,
        value=text,
        expected=expected,
        problem=problem,
        problem_en=problem_en,
        hint=f"«{expected}»" if expected else f"un número con punto decimal, p. ej. {example}",
        hint_en=f"«{expected}»" if expected else f"a number with a decimal point, e.g. {example}",
    )


_LEADING_NUMBER = lazy(r"(-?\d{1,18}(?:[.,]\d{1,18})?)(?=\s|$)")  # 8,66 or «21.00 créditos»
