"""NCI001–NCI002: Asignaturas/@numeroCiclos is a clean integer ≥ 1 that fits the subjects' cycles."""

from __future__ import annotations

from collections.abc import Iterator

from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Rule, Scope
from mec_lint.rules._numeros import integer_problem
from mec_lint.rules.ciclo import format_cycle, subject_cycles
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

NCI001 = Rule(
    code="NCI001",
    name="numero-ciclos-entero",
    severity=Severity.ERROR,
    summary={
        "es": "numeroCiclos es un entero ≥ 1 escrito sólo con dígitos",
        "en": "numeroCiclos is an integer ≥ 1 written with digits only",
    },
    messages={
        "fixable": {
            "es": 'numeroCiclos="{value}" en Asignaturas: debe ser un dato entero ({problem}); se espera '
            "«{expected}».",
            "en": 'numeroCiclos="{value}" on Asignaturas: it must be an integer ({problem_en}); expected '
            "«{expected}».",
        },
        "invalid": {
            "es": 'numeroCiclos="{value}" en Asignaturas: debe ser un dato entero mayor o igual a 1, sólo '
            "dígitos ({problem}); por ejemplo 1, 10, 18 o 25: la cantidad de ciclos que comprende el "
            "certificado.",
            "en": 'numeroCiclos="{value}" on Asignaturas: it must be an integer of at least 1, digits only '
            "({problem_en}); e.g. 1, 10, 18 or 25: the number of cycles the certificate spans.",
        },
    },
    why="numeroCiclos (nuevo en 3.0, en la cadena original) es «la cantidad de ciclos que comprende el "
    "certificado» y la FAQ del MEC dice que «debe ser un dato entero, ejemplo 1, 10, 18, 25». Un "
    "certificado comprende al menos un ciclo. El esquema (xs:integer) acepta «+9», «09» o «-1», pero esos "
    "valores no son lo que el MEC pide y su texto entra así en la cadena.",
    fail_example='<Asignaturas … numeroCiclos="9.0"/>\n<Asignaturas … numeroCiclos="0"/>',
    pass_example='<Asignaturas … numeroCiclos="9"/>',
    spec="mec-faq.txt (atributo «numeroCiclos»: dato entero, ejemplo 1, 10, 18, 25); spec README regla 12; "
    "dec-3.0.md §1.9 y §5.5",
    fix="Escriba el número de ciclos como entero sin decimales, signo, espacios ni ceros a la izquierda.",
)

NCI002 = Rule(
    code="NCI002",
    name="numero-ciclos-distintos",
    severity=Severity.WARNING,
    summary={
        "es": "numeroCiclos coincide con el número de ciclos distintos de las asignaturas",
        "en": "numeroCiclos equals the number of distinct subject cycles",
    },
    messages={
        "m": {
            "es": 'numeroCiclos="{value}" pero las asignaturas se cursaron en {expected} {expected|ciclo distinto|ciclos distintos} '
            "({span}). Verifique el dato contra el plan de estudios, el reglamento y el expediente "
            "del alumno; si la diferencia es real (p. ej. ciclos sin asignaturas acreditadas), ignore este "
            "aviso.",
            "en": 'numeroCiclos="{value}" but the subjects were taken in {expected} distinct {expected|cycle|cycles} '
            "({span_en}). Check it against the plan, the regulations and the student's record; if "
            "the difference is real (e.g. cycles with no accredited subjects), ignore this warning.",
        }
    },
    why="El cálculo más común de numeroCiclos en las implementaciones es el número de valores distintos "
    "de ciclo entre las asignaturas del certificado (una cadena real con ciclos 2019-1 a 2021-3 lleva 9). "
    "La FAQ del MEC pide que el dato corresponda con el plan, el reglamento y el expediente del alumno (y "
    "que cuente los ciclos de asignaturas acreditadas por equivalencia), así que puede haber diferencias "
    "legítimas: por eso es sólo advertencia.",
    fail_example='<Asignaturas … numeroCiclos="9"> con asignaturas en 2019-3 y 2020-1 (2 ciclos)',
    pass_example='<Asignaturas … numeroCiclos="2"> con asignaturas en 2019-3 y 2020-1',
    spec="dec-3.0.md §5.5 (cálculo más común: ciclos distintos; confianza media); mec-faq.txt (atributo "
    "«numeroCiclos»: debe corresponder con plan, reglamento y expediente); spec README regla 12",
    fix="Cuente los ciclos distintos en que el alumno cursó asignaturas (incluidas las de equivalencia) o "
    "revise el ciclo de alguna asignatura; desactive el aviso (--ignore NCI002) si su cálculo difiere por "
    "una razón real.",
)

RULES = (NCI001, NCI002)

_VALID = lazy(r"[1-9][0-9]*")
_RECOVERABLE = lazy(r"\s*\+?\s*0*([1-9][0-9]*)(?:\.0+)?\s*")


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    summary = doc.first("Asignaturas")
    if summary is None:
        return
    value = summary.get("numeroCiclos")
    if value is None:
        return  # a missing attribute is the schema's finding (XSD001)
    if not _VALID.fullmatch(value):
        problem, problem_en = _problem(value)
        match = _RECOVERABLE.fullmatch(value)
        yield ctx.report(
            NCI001,
            "fixable" if match else "invalid",
            summary,
            attribute="numeroCiclos",
            value=value,
            expected=match.group(1) if match else "entero ≥ 1, p. ej. 9",
            problem=problem,
            problem_en=problem_en,
        )
        return
    cycles = subject_cycles(doc)[1]
    if None in cycles:
        return  # a missing or malformed cycle (CIC001) makes any count unreliable
    distinct: set[tuple[int, int]] = set(cycles)
    if distinct and (len(value) > 18 or int(value) != len(distinct)):
        yield ctx.report(
            NCI002,
            "m",
            summary,
            attribute="numeroCiclos",
            value=value,
            expected=len(distinct),
            span=_span(distinct, "a"),
            span_en=_span(distinct, "to"),
        )


def _span(cycles: set[tuple[int, int]], word: str) -> str:
    first, last = format_cycle(min(cycles)), format_cycle(max(cycles))
    return first if first == last else f"{first} {word} {last}"


def _problem(value: str) -> tuple[str, str]:
    return integer_problem(
        value, ("vale cero; un certificado comprende al menos un ciclo", "it is zero; at least one cycle")
    )
