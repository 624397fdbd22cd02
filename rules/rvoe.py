"""RVO001, PLN001–PLN002: Rvoe/@numero and Carrera/@clavePlan are written as the MEC asks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

DEFAULT_RVOE_PATTERN = r"[0-9]+|(?:DECRETO|ACUERDO)(?: [0-9]+)?"

RVO001 = Rule(
    code="RVO001",
    name="rvoe-numero",
    severity=Severity.ERROR,
    summary={
        "es": "Rvoe/@numero es el número del acuerdo (sólo dígitos) o DECRETO / ACUERDO [número] en mayúsculas",
        "en": "Rvoe/@numero is the agreement number (digits only) or DECRETO / ACUERDO [number] in capitals",
    },
    messages={
        "fixable": {
            "es": 'numero="{value}" en Rvoe: {problem}. Se espera «{expected}». El número de RVOE se '
            "captura tal como aparece en el acuerdo (sólo dígitos, p. ej. 20181234); si el RVOE es por "
            "decreto o acuerdo, la palabra DECRETO o ACUERDO en mayúsculas y, si tiene, un espacio y su "
            "número (ACUERDO 1980).",
            "en": 'numero="{value}" on Rvoe: {problem_en}. Expected «{expected}». Write the RVOE number as in '
            "the agreement (digits only, e.g. 20181234); for an RVOE by decree or agreement, the word DECRETO "
            "or ACUERDO in capitals plus, if any, one space and its number (ACUERDO 1980).",
        },
        "invalid": {
            "es": 'numero="{value}" en Rvoe: {problem}. El número de RVOE se captura tal como aparece en el '
            "acuerdo, sólo dígitos (p. ej. 20181234); si el RVOE es por decreto o acuerdo, la palabra "
            "DECRETO o ACUERDO en mayúsculas y, si tiene, un espacio y su número (ACUERDO 1980).",
            "en": 'numero="{value}" on Rvoe: {problem_en}. Write the RVOE number as in the agreement, digits '
            "only (e.g. 20181234); for an RVOE by decree or agreement, the word DECRETO or ACUERDO in "
            "capitals plus, if any, one space and its number (ACUERDO 1980).",
        },
    },
    why="El número de RVOE entra en la cadena original y el MEC lo compara con el RVOE registrado en el "
    "Programa de Estudios. La FAQ del MEC pide, para RVOE otorgados por decreto o acuerdo, la palabra "
    "DECRETO o ACUERDO en mayúsculas más su número si lo tiene (ACUERDO 1980); los RVOE federales "
    "modernos son números de 8 dígitos (año + consecutivo). Prefijos como «RVOE-», espacios dentro del "
    "número o minúsculas no coinciden con el registro.",
    fail_example='<Rvoe numero="Acuerdo 1980" …/>\n<Rvoe numero="RVOE-20181234" …/>',
    pass_example='<Rvoe numero="ACUERDO 1980" …/>\n<Rvoe numero="20181234" …/>',
    spec="mec-faq.txt (captura de «NO_RVOE» por DECRETO o ACUERDO); spec README regla 4; dec-3.0.md §1.5 "
    "y §5.8",
    options={
        "pattern": Option(
            str,
            DEFAULT_RVOE_PATTERN,
            "Expresión regular (completa) que debe cumplir Rvoe/@numero. Por omisión: sólo dígitos, o "
            "DECRETO/ACUERDO en mayúsculas con un número opcional. Amplíela si su RVOE registrado tiene "
            "otro formato; una expresión inválida se ignora y se usa la de omisión.",
            check=checks.regular_expression,
        )
    },
    fix="Copie el número tal como está en el acuerdo de RVOE, sin prefijos ni espacios; para decreto o "
    "acuerdo escriba DECRETO o ACUERDO en mayúsculas y, si existe, un espacio y el número.",
)

PLN001 = Rule(
    code="PLN001",
    name="clave-plan-no-vacia",
    severity=Severity.ERROR,
    summary={"es": "Carrera/@clavePlan no está vacía", "en": "Carrera/@clavePlan is not empty"},
    messages={
        "m": {
            "es": 'clavePlan="{value}" en Carrera está vacía: capture la clave del plan de estudios tal como '
            "está registrada en el Programa de Estudios (normalmente el año del plan, p. ej. 2018; para "
            "planes anteriores a 1998, como aparece en el plan autorizado, p. ej. DGES 123456789123).",
            "en": 'clavePlan="{value}" on Carrera is empty: write the study-plan key as registered in the '
            "layout (usually the plan year, e.g. 2018; for plans before 1998, as printed on the authorised "
            "plan, e.g. DGES 123456789123).",
        }
    },
    why="clavePlan es obligatoria, entra en la cadena original y el MEC la compara con la CLAVE_PLAN del "
    "Programa de Estudios registrado; un valor vacío o sólo con espacios nunca coincide.",
    fail_example='<Carrera … clavePlan="" …/>',
    pass_example='<Carrera … clavePlan="2018" …/>\n<Carrera … clavePlan="DGES 123456789123" …/>',
    spec="mec-faq.txt (campo «CLAVE_PLAN» anterior a 1998); spec README regla 3; dec-3.0.md §1.6 y §5.8",
    fix="Copie la CLAVE_PLAN exactamente como se registró en el layout del MEC.",
)

PLN002 = Rule(
    code="PLN002",
    name="clave-plan-espacios",
    severity=Severity.WARNING,
    summary={
        "es": "Carrera/@clavePlan no tiene espacios al inicio, al final ni dobles",
        "en": "Carrera/@clavePlan has no leading, trailing or doubled blanks",
    },
    messages={
        "m": {
            "es": 'clavePlan="{value}" en Carrera tiene {problem}; la clave debe coincidir exactamente con la '
            "registrada en el Programa de Estudios. Se espera probablemente «{expected}».",
            "en": 'clavePlan="{value}" on Carrera has {problem_en}; the key must match the registered layout '
            "exactly. Probably expected «{expected}».",
        }
    },
    why="La clave del plan se copia tal como está registrada (p. ej. «DGES 123456789123», con un solo "
    "espacio) y entra en la cadena original; espacios de más al inicio, al final o en medio hacen que no "
    "coincida con el layout. Es advertencia porque mec-lint no conoce la clave registrada.",
    fail_example='<Carrera … clavePlan="DGES  123456789123 " …/>',
    pass_example='<Carrera … clavePlan="DGES 123456789123" …/>',
    spec="mec-faq.txt (campo «CLAVE_PLAN» anterior a 1998: como aparece en el plan autorizado); spec "
    "README regla 3; dec-3.0.md §1.6 y §5.8",
    fix="Quite los espacios de más y compare la clave con la registrada en el layout.",
)

RULES = (RVO001, PLN001, PLN002)

_DECREE = lazy(
    r"(DECRETO|ACUERDO)[\s.:#-]*(?:(?:N[UÚ]M(?:ERO)?|NO|N[º°])\.?[\s.:#-]*)?([0-9]+)?[\s.]*", re.IGNORECASE
)
_NUMBER = lazy(
    r"(?:RVOE|R\.V\.O\.E\.?|NO|N[UÚ]M(?:ERO)?|N[º°])?[\s.:#-]*([0-9][0-9\s./-]*[0-9]|[0-9])[\s.]*", re.I
)
_ODD_BLANK = lazy(r"\s{2,}|[^\S ]")  # doubled blanks, or a tab / no-break space / newline


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the check reads two values, Rvoe/@numero and Carrera/@clavePlan (the pattern
    is the run's option): decided once per run per pair (`mec_lint.fastpass`)."""
    key = (doc.attr("Rvoe", "numero"), doc.attr("Carrera", "clavePlan"))
    return fastpass.quiet_check(ctx, "RVO.values", key, check, doc)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    rvoe = doc.first("Rvoe")
    numero = None if rvoe is None else rvoe.get("numero")
    if rvoe is not None and numero is not None and not _pattern(ctx).fullmatch(numero):
        yield _rvoe_finding(ctx, rvoe, numero)
    carrera = doc.first("Carrera")
    plan = None if carrera is None else carrera.get("clavePlan")
    if carrera is None or plan is None:
        return  # a missing attribute is the schema's finding (XSD001)
    if not plan.strip():
        yield ctx.report(PLN001, "m", carrera, attribute="clavePlan", value=plan, expected="p. ej. 2018")
    elif plan != plan.strip() or _ODD_BLANK.search(plan):
        edges = plan != plan.strip()
        inner = bool(_ODD_BLANK.search(plan.strip()))
        problem = (
            "espacios al inicio o al final y espacios dobles o tabuladores"
            if edges and inner
            else "espacios al inicio o al final"
            if edges
            else "espacios dobles, tabuladores o espacios no separables"
        )
        problem_en = (
            "leading/trailing and doubled blanks"
            if edges and inner
            else ("leading or trailing blanks" if edges else "doubled blanks, tabs or no-break spaces")
        )
        yield ctx.report(
            PLN002,
            "m",
            carrera,
            attribute="clavePlan",
            value=plan,
            expected=" ".join(plan.split()),
            problem=problem,
            problem_en=problem_en,
        )


def _pattern(ctx: Context) -> re.Pattern[str]:
    raw = ctx.options(RVO001).get("pattern")
    if isinstance(raw, str) and raw:
        try:
            return re.compile(raw)
        except re.error:
            pass
    return re.compile(DEFAULT_RVOE_PATTERN)


def _rvoe_finding(ctx: Context, rvoe: etree._Element, value: str) -> Finding:
    problem, problem_en = _problem(value)
    expected = _suggestion(value)
    if expected == value:
        expected = None  # the configured pattern refuses even the canonical spelling
    return ctx.report(
        RVO001,
        "fixable" if expected else "invalid",
        rvoe,
        attribute="numero",
        value=value,
        expected=expected or "sólo dígitos, o DECRETO / ACUERDO [número]",
        problem=problem,
        problem_en=problem_en,
    )


def _suggestion(value: str) -> str | None:
    text = value.strip()
    decree = _DECREE.fullmatch(text)
    if decree:
        word = decree.group(1).upper()
        return f"{word} {decree.group(2)}" if decree.group(2) else word
    number = _NUMBER.fullmatch(text)
    if number:
        digits = re.sub(r"[^0-9]", "", number.group(1))
        return digits or None
    return None


def _problem(value: str) -> tuple[str, str]:
    text = value.strip()
    if not text:
        return "está vacío", "it is empty"
    if text != value:
        return "tiene espacios al inicio o al final", "it has leading or trailing blanks"
    upper = text.upper()
    if upper.startswith(("DECRETO", "ACUERDO")):
        if not text.startswith(("DECRETO", "ACUERDO")):
            return "DECRETO / ACUERDO va en mayúsculas", "DECRETO / ACUERDO must be in capitals"
        return (
            "después de la palabra va sólo un espacio y el número",
            "the word is followed only by one space and the number",
        )
    if any(ch.isspace() for ch in text):
        return "tiene espacios dentro del número", "it has blanks inside the number"
    if any(ch.isdigit() for ch in text):
        return "tiene caracteres que no son dígitos", "it has characters other than digits"
    return (
        "no es un número de RVOE ni DECRETO / ACUERDO",
        "it is neither an RVOE number nor DECRETO / ACUERDO",
    )
