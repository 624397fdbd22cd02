"""CIC001–CIC005: Asignatura/@ciclo is `AAAA-N`, fits the period type, follows the plan order and
falls between the student's birth and the issue date."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from lxml import etree

from mec_lint import option_checks as checks
from mec_lint.catalogs import PERIODS_PER_YEAR
from mec_lint.context import Context
from mec_lint.dates import date_part
from mec_lint.findings import Finding, Severity
from mec_lint.lazy_re import lazy
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

CIC001 = Rule(
    code="CIC001",
    name="ciclo-formato",
    severity=Severity.ERROR,
    summary={
        "es": "El ciclo de cada asignatura tiene el formato AAAA-N (año de 4 dígitos, guion, periodo ≥ 1)",
        "en": "Each subject's cycle has the form AAAA-N (4-digit year, hyphen, period ≥ 1)",
    },
    messages={
        "fixable": {
            "es": 'ciclo="{value}" en la asignatura {id}: la nomenclatura es AAAA-CICLO ({problem}); se '
            "espera «{expected}».",
            "en": 'ciclo="{value}" on subject {id}: the form is AAAA-CICLO ({problem_en}); expected '
            "«{expected}».",
        },
        "invalid": {
            "es": 'ciclo="{value}" en la asignatura {id}: la nomenclatura es AAAA-CICLO, un año de 4 dígitos, '
            "un guion y el número de periodo dentro del año ({problem}); por ejemplo 2019-1.",
            "en": 'ciclo="{value}" on subject {id}: the form is AAAA-CICLO, a 4-digit year, a hyphen and the '
            "period number within the year ({problem_en}); for example 2019-1.",
        },
    },
    why="La FAQ del MEC fija la nomenclatura AAAA-CICLO (ejemplo 2019-1) para el ciclo en que se cursó "
    "cada asignatura; el ciclo forma parte de la cadena original. Un año de 2 dígitos (19-1), otra "
    "separación (2019/1), un periodo con letras (2019-A), el periodo 0 o espacios no siguen esa "
    "nomenclatura. Un cero a la izquierda en el periodo (2019-01) se informa aparte, como advertencia "
    "(CIC004).",
    fail_example='<Asignatura … ciclo="2019/1" …/>\n<Asignatura … ciclo="19-1" …/>',
    pass_example='<Asignatura … ciclo="2019-1" …/>',
    spec="mec-faq.txt (nomenclatura de los ciclos «AAAA-CICLO, ejemplo: 2019-1»); spec README regla 5; "
    "dec-3.0.md §1.10 y §5.1",
    fix="Escriba el año completo (4 dígitos), un guion y el número de periodo sin ceros: 2019-1, 2020-3.",
)

CIC002 = Rule(
    code="CIC002",
    name="ciclo-periodos-por-anio",
    severity=Severity.WARNING,
    summary={
        "es": "El número de periodo del ciclo cabe en el tipo de periodo de la carrera",
        "en": "The cycle's period number fits the career's period type",
    },
    messages={
        "m": {
            "es": 'ciclo="{value}" en la asignatura {id}: idTipoPeriodo={tipo} ({tipo_nombre}) suele tener '
            "{per_year} {per_year|periodo|periodos} por año, así que el periodo va de 1 a {per_year}; «{period}» no cabe"
            "{others}. Revise el ciclo o el idTipoPeriodo de la carrera.",
            "en": 'ciclo="{value}" on subject {id}: idTipoPeriodo={tipo} ({tipo_nombre}) usually has '
            "{per_year} {per_year|period|periods} per year, so the period runs from 1 to {per_year}; «{period}» does not fit"
            "{others_en}. Check the cycle or the career's idTipoPeriodo.",
        }
    },
    why="Un ciclo 2019-3 en una carrera semestral (idTipoPeriodo 91) indica un ciclo mal capturado o un "
    "idTipoPeriodo que no corresponde al plan. La cantidad de periodos por año de cada tipo (91 semestre: "
    "2, 92 bimestre: 6, 93 cuatrimestre: 3, 94 tetramestre: 3, 260 trimestre: 4, 262 anual: 1; 261 "
    "modular: sin revisión) es una observación de implementaciones públicas y muestras reales, NO una "
    "regla publicada por la SEP: por eso es advertencia y la tabla es la opción periods_per_year, que la "
    "configuración puede cambiar.",
    fail_example='<Carrera … idTipoPeriodo="91" …/>  …  <Asignatura … ciclo="2019-3" …/>',
    pass_example='<Carrera … idTipoPeriodo="93" …/>  …  <Asignatura … ciclo="2019-3" …/>',
    spec="dec-3.0.md §2.4 (columna «cycles per year», confianza media: lectura de [IDEE] y de muestras, "
    "no regla de la SEP) y §5.1; catalogs.yaml idTipoPeriodo",
    options={
        "periods_per_year": Option(
            dict,
            dict(PERIODS_PER_YEAR),
            "Periodos por año de cada idTipoPeriodo ({id: número}); un tipo ausente (p. ej. 261 "
            "MODULAR) no se revisa. Es una observación, no una regla de la SEP: ajústela a su plan.",
            check=checks.positive_counts,
        )
    },
    fix="Corrija el ciclo (p. ej. 2019-3 → 2020-1 si el periodo pertenece al año siguiente) o el "
    "idTipoPeriodo de la carrera; si su institución numera los periodos de otra forma, ajuste la opción "
    "periods_per_year de CIC002 en la configuración.",
)

CIC003 = Rule(
    code="CIC003",
    name="ciclo-orden-del-plan",
    severity=Severity.ERROR,
    summary={
        "es": "Las asignaturas ordinarias siguen la secuencia año-ciclo; las que rompen la secuencia llevan "
        "observación",
        "en": "Ordinary subjects follow the year-cycle sequence; subjects that break it carry an observation",
    },
    messages={
        "m": {
            "es": 'ciclo="{value}" en la asignatura {id} rompe la secuencia año-ciclo del plan: {context}. '
            "Si la asignatura se acreditó en otro ciclo (examen extraordinario, título de suficiencia, "
            'recursamiento…), agregue la observación del catálogo (p. ej. idObservaciones="71" EXAMEN '
            'EXTRAORDINARIO, "72" EXAMEN A TÍTULO DE SUFICIENCIA, "74" RECURSAMIENTO); si no, corrija el ciclo o el '
            "orden de las asignaturas. En planes flexibles desactive la regla con --ignore CIC003.",
            "en": 'ciclo="{value}" on subject {id} breaks the plan\'s year-cycle sequence: {context_en}. If '
            "the subject was passed in another cycle (extraordinary exam, título de suficiencia, "
            'recursamiento…), add the catalog observation (e.g. idObservaciones="71" EXAMEN EXTRAORDINARIO, '
            '"72" EXAMEN A TÍTULO DE SUFICIENCIA, "74" RECURSAMIENTO); '
            "otherwise fix the cycle or the order of the subjects. For flexible plans use --ignore CIC003.",
        }
    },
    why="La FAQ del MEC pide capturar las asignaturas en el orden del plan autorizado; en planes de orden "
    "rígido la secuencia año-ciclo sólo puede romperse si la asignatura se acreditó en otro ciclo "
    "(extraordinario, título de suficiencia, recursamiento…), y entonces lleva el ciclo en que se aprobó y "
    "la observación del catálogo. Por eso las asignaturas ordinarias (sin idObservaciones o con 100) deben "
    "tener ciclos no decrecientes en el orden del documento. La regla señala el mínimo de asignaturas "
    "ordinarias que rompen la secuencia (las que quedan fuera de la subsecuencia no decreciente más "
    "larga); las que llevan otra observación nunca se señalan. Los planes flexibles (sin bloques de "
    "asignaturas por periodo) no están obligados a esta secuencia: desactívela con --ignore CIC003 o "
    "con ignore/per-file-ignores en la configuración.",
    fail_example='<Asignatura idAsignatura="101" ciclo="2019-1" idObservaciones="100" …/>\n'
    '<Asignatura idAsignatura="102" ciclo="2020-2" idObservaciones="100" …/>\n'
    '<Asignatura idAsignatura="103" ciclo="2019-2" idObservaciones="100" …/>',
    pass_example='<Asignatura idAsignatura="101" ciclo="2019-1" idObservaciones="100" …/>\n'
    '<Asignatura idAsignatura="102" ciclo="2020-2" idObservaciones="71" observaciones="EXAMEN EXTRAORDINARIO" …/>\n'
    '<Asignatura idAsignatura="103" ciclo="2019-2" idObservaciones="100" …/>',
    spec="mec-faq.txt (nomenclatura de los ciclos: orden del plan, ruptura sólo con la observación "
    "correspondiente); spec README regla 5; dec-3.0.md §2.7 (catálogo idObservaciones)",
    fix="Agregue a la asignatura la observación que corresponda (71 EXAMEN EXTRAORDINARIO, 72 EXAMEN A "
    "TÍTULO DE SUFICIENCIA, 73 CURSO DE VERANO, 74 RECURSAMIENTO, …) o corrija su ciclo u orden; para "
    "planes flexibles use --ignore CIC003.",
    options={
        "exempt_types": Option(
            list,
            [],
            "idTipoAsignatura cuyas asignaturas no se revisan, p. ej. [264] si el plan lista las optativas "
            "en un bloque aparte, fuera de la secuencia de periodos. Por omisión se revisan todas.",
            check=checks.scalar_list,
        )
    },
)

CIC004 = Rule(
    code="CIC004",
    name="ciclo-cero-a-la-izquierda",
    severity=Severity.WARNING,
    summary={
        "es": "El periodo del ciclo se escribe sin cero a la izquierda (2019-1, no 2019-01)",
        "en": "The cycle's period is written without a leading zero (2019-1, not 2019-01)",
    },
    messages={
        "m": {
            "es": 'ciclo="{value}" en la asignatura {id}: el periodo lleva un cero a la izquierda; la '
            "nomenclatura del MEC es AAAA-CICLO, ejemplo 2019-1. Se espera «{expected}».",
            "en": 'ciclo="{value}" on subject {id}: the period has a leading zero; the MEC form is '
            "AAAA-CICLO, e.g. 2019-1. Expected «{expected}».",
        }
    },
    why="La FAQ del MEC da la nomenclatura AAAA-CICLO con el ejemplo 2019-1 y todos los valores reales "
    "conocidos escriben el periodo sin cero (2015-2, 2019-3). Ninguna fuente dice que el MEC rechace "
    "2019-01: una implementación en producción ([DGS]) acepta sufijos de 1 o 2 dígitos. Por eso es "
    "advertencia y no error: el valor entra en la cadena original tal cual y difiere de lo que el resto "
    "de los sistemas escribe.",
    fail_example='<Asignatura … ciclo="2019-01" …/>',
    pass_example='<Asignatura … ciclo="2019-1" …/>',
    spec="mec-faq.txt («AAAA-CICLO, ejemplo: 2019-1»); dec-3.0.md §5.1 ([DGS] acepta sufijo de 1–2 "
    "dígitos; valores reales sin cero)",
    fix="Quite el cero a la izquierda del periodo: 2019-01 → 2019-1.",
)

CIC005 = Rule(
    code="CIC005",
    name="ciclo-fuera-de-fechas",
    severity=Severity.WARNING,
    summary={
        "es": "Ningún ciclo es de un año posterior a la expedición del certificado ni anterior al nacimiento "
        "del alumno",
        "en": "No cycle is from a year after the certificate's issue date or before the student's birth",
    },
    messages={
        "after_issue": {
            "es": 'ciclo="{value}" en la asignatura {id}{others}: el año {year} es posterior a la fecha de '
            "expedición del certificado ({issued}); cada asignatura lleva el año-ciclo en que se aprobó, "
            "que no puede ser futuro. Corrija el ciclo (o la fecha de expedición).",
            "en": 'ciclo="{value}" on subject {id}{others_en}: year {year} is after the certificate\'s issue '
            "date ({issued}); each subject carries the year-cycle in which it was passed, which cannot be "
            "in the future. Fix the cycle (or the issue date).",
        },
        "before_birth": {
            "es": 'ciclo="{value}" en la asignatura {id}{others}: el año {year} es anterior al nacimiento del '
            "alumno ({born}); cada asignatura lleva el año-ciclo en que se aprobó. Corrija el ciclo (o la "
            "fecha de nacimiento).",
            "en": 'ciclo="{value}" on subject {id}{others_en}: year {year} is before the student was born '
            "({born}); each subject carries the year-cycle in which it was passed. Fix the cycle (or the "
            "birth date).",
        },
    },
    why="La FAQ del MEC pide que cada asignatura refleje el año-ciclo en que fue aprobada. Un ciclo de un "
    "año posterior a la expedición, o anterior al nacimiento del alumno, no puede ser ese año: suele ser "
    "un error de captura (2030 por 2020) o de fechas. Es una inferencia de esa regla, no un texto "
    "explícito de la SEP: por eso es advertencia.",
    fail_example='<Alumno … fechaNacimiento="2001-05-23T00:00:00"/>\n<Expedicion fecha="2024-08-20T00:00:00" '
    '…/>\n<Asignatura … ciclo="2030-1" …/>',
    pass_example='<Expedicion fecha="2024-08-20T00:00:00" …/>\n<Asignatura … ciclo="2020-1" …/>',
    spec="mec-faq.txt («cada asignatura debe reflejar el año-ciclo en que fue aprobada»); dec-3.0.md §1.7, "
    "§1.8 y §5.1",
    fix="Corrija el año del ciclo de la asignatura (o la fecha de expedición o de nacimiento si son ésas "
    "las equivocadas).",
)

RULES = (CIC001, CIC002, CIC003, CIC004, CIC005)

_STRICT = lazy(r"([1-9][0-9]{3})-([0-9]{1,2})")  # a year never starts with 0
# A cycle we can read even if badly written: blanks, another dash or separator, leading zeros.
_LOOSE = lazy(r"\s*([1-9][0-9]{3})\s*[-\u2010-\u2015\u2212/_.]\s*([0-9]{1,3})\s*")
_ORDINARY = "100"


def parse_cycle(value: str | None) -> tuple[int, int] | None:
    """(year, period) of a well-formed cycle (`2019-1`, also `2019-01`), else None."""
    if value is None:
        return None
    try:
        return _CYCLES[value]  # a certificate repeats a few cycle values many times
    except KeyError:
        pass
    match = _STRICT.fullmatch(value)
    cycle: tuple[int, int] | None = None
    if match:
        year, period = int(match.group(1)), int(match.group(2))
        cycle = (year, period) if period >= 1 else None
    if len(_CYCLES) >= 4096:
        _CYCLES.clear()
    _CYCLES[value] = cycle
    return cycle


_CYCLES: dict[str, tuple[int, int] | None] = {}


def subject_cycles(doc: XmlDocument) -> tuple[list[str | None], list[tuple[int, int] | None]]:
    """Each Asignatura's `ciclo` as written and parsed, in document order (computed once per document)."""
    cached = doc.cache.get("ciclo.subject_cycles")
    if cached is None:
        values = doc.values("Asignatura", "ciclo")
        cached = doc.cache["ciclo.subject_cycles"] = (values, [parse_cycle(value) for value in values])
    return cached


def format_cycle(cycle: tuple[int, int]) -> str:
    return f"{cycle[0]}-{cycle[1]}"


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    subjects = doc.all("Asignatura")
    per_year, tipo = _period_limit(doc, ctx)
    reported_tipo: set[tuple[int, int]] = set()
    usage: dict[tuple[int, int], int] = {}
    values, cycles = subject_cycles(doc)
    if per_year is not None:
        for cycle in cycles:
            if cycle is not None and cycle[1] > per_year:
                usage[cycle] = usage.get(cycle, 0) + 1
    canonical: set[str] = set()  # values written exactly as their cycle (2019-1, not 2019-01)
    for subject, value, cycle in zip(subjects, values, cycles):
        if value is None:
            continue  # a missing attribute is the schema's finding (XSD001)
        if cycle is None:
            yield _format_finding(ctx, subject, value)
            continue
        if value in canonical and (per_year is None or cycle[1] <= per_year):
            continue  # seen already: nothing to say about it
        if value == format_cycle(cycle):
            canonical.add(value)
        else:  # parsed, so only a leading zero differs (2019-01)
            yield ctx.report(
                CIC004,
                "m",
                subject,
                attribute="ciclo",
                value=value,
                expected=format_cycle(cycle),
                id=_id(subject),
            )
        if per_year is not None and cycle[1] > per_year and cycle not in reported_tipo:
            reported_tipo.add(cycle)  # one finding per distinct cycle value: the cause is shared
            count = usage.get(cycle, 1)
            yield ctx.report(
                CIC002,
                "m",
                subject,
                attribute="ciclo",
                value=value,
                expected=f"{cycle[0]}-1 … {cycle[0]}-{per_year}",
                id=_id(subject),
                tipo=tipo,
                tipo_nombre=ctx.catalogs.lookup("idTipoPeriodo", tipo or "") or "?",
                per_year=per_year,
                period=cycle[1],
                others=f" (el ciclo {format_cycle(cycle)} aparece en {count} asignaturas)"
                if count > 1
                else "",
                others_en=f" ({count} subjects use cycle {format_cycle(cycle)})" if count > 1 else "",
            )
    yield from _plan_order(ctx, subjects, cycles)
    yield from _within_dates(doc, ctx, subjects, values, cycles)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: every cycle well-formed and written canonically, within the career's periods
    per year, in plan order and between birth and issue (the usual certificate)."""
    values, cycles = subject_cycles(doc)
    if None in cycles:
        return False  # a missing or malformed cycle: the detailed check decides
    for value in set(values):
        cycle = parse_cycle(value)
        if cycle is None or value != format_cycle(cycle):
            return False
    if not cycles:
        return True
    per_year, _tipo = _period_limit(doc, ctx)
    if per_year is not None and max(cycle[1] for cycle in cycles) > per_year:  # type: ignore[index]
        return False
    if cycles != sorted(cycles):  # type: ignore[type-var]
        return False
    years = [cycle[0] for cycle in cycles]  # type: ignore[index]
    issued = date_part(doc.attr("Expedicion", "fecha"))
    born = date_part(doc.attr("Alumno", "fechaNacimiento"))
    return not (
        (issued is not None and max(years) > issued.year) or (born is not None and min(years) < born.year)
    )


def _within_dates(
    doc: XmlDocument,
    ctx: Context,
    subjects: list[etree._Element],
    values: list[str | None],
    cycles: list[tuple[int, int] | None],
) -> Iterator[Finding]:
    years = [cycle[0] for cycle in cycles if cycle is not None]
    if not years:
        return
    issued = date_part(doc.attr("Expedicion", "fecha"))
    born = date_part(doc.attr("Alumno", "fechaNacimiento"))
    late = issued is not None and max(years) > issued.year
    early = born is not None and min(years) < born.year
    if not (late or early):
        return  # the usual certificate: every cycle between birth and issue
    outside: dict[str, list[etree._Element]] = {}
    kinds: dict[str, tuple[str, str, int]] = {}  # cycle value -> (message id, expected, year)
    for subject, value, cycle in zip(subjects, values, cycles):
        if cycle is None or value is None:
            continue
        if issued is not None and cycle[0] > issued.year:
            kinds[value] = ("after_issue", f"≤ {issued.year}", cycle[0])
        elif born is not None and cycle[0] < born.year:
            kinds[value] = ("before_birth", f"≥ {born.year}", cycle[0])
        else:
            continue
        outside.setdefault(value, []).append(subject)
    for value, group in outside.items():  # one finding per cycle value: the cause is shared
        message_id, expected, year = kinds[value]
        more = len(group) - 1
        yield ctx.report(
            CIC005,
            message_id,
            group[0],
            attribute="ciclo",
            value=value,
            expected=expected,
            id=_id(group[0]),
            year=year,
            issued=issued.isoformat() if issued else "?",
            born=born.isoformat() if born else "?",
            others=(
                f" (y {more} asignatura más con el mismo ciclo)"
                if more == 1
                else f" (y {more} asignaturas más con el mismo ciclo)"
            )
            if more
            else "",
            others_en=(
                f" (and {more} more subject with the same cycle)"
                if more == 1
                else f" (and {more} more subjects with the same cycle)"
            )
            if more
            else "",
        )


def _id(subject: etree._Element) -> str:
    return subject.get("idAsignatura") or "?"


def _format_finding(ctx: Context, subject: etree._Element, value: str) -> Finding:
    explain = _format_explained if len(value) <= 64 else _format_explained.__wrapped__  # keep short ones
    message_id, expected, problem, problem_en = explain(value)
    return ctx.report(
        CIC001,
        message_id,
        subject,
        attribute="ciclo",
        value=value,
        expected=expected,
        id=_id(subject),
        problem=problem,
        problem_en=problem_en,
    )


@lru_cache(maxsize=1024)
def _format_explained(value: str) -> tuple[str, str, str, str]:
    """(message id, expected, problem, problem in English) of a cycle not written AAAA-N: decided
    once per distinct value (a certificate repeats the same few)."""
    problem, problem_en = _problem(value)
    match = _LOOSE.fullmatch(value)
    if match and int(match.group(2)) >= 1 and len(str(int(match.group(2)))) <= 2:
        return "fixable", f"{match.group(1)}-{int(match.group(2))}", problem, problem_en
    return "invalid", "AAAA-N, p. ej. 2019-1", problem, problem_en


def _problem(value: str) -> tuple[str, str]:
    text = value.strip()
    if not text:
        return "está vacío", "it is empty"
    if text != value:
        return "tiene espacios al inicio o al final", "it has leading or trailing blanks"
    if any(ch.isspace() for ch in text):
        return "tiene espacios", "it contains blanks"
    head, dash, tail = text.partition("-")
    if not dash:
        if re.fullmatch(r"[0-9]{4}", text):
            return "falta el guion y el número de periodo", "the hyphen and the period are missing"
        return "el separador debe ser un guion «-»", "the separator must be a hyphen '-'"
    if not re.fullmatch(r"[0-9]{4}", head):
        return "el año debe tener 4 dígitos", "the year must have 4 digits"
    if head.startswith("0"):
        return f"«{head}» no es un año: empieza con 0", f"«{head}» is not a year: it starts with 0"
    if not re.fullmatch(r"[0-9]+", tail):
        return "el periodo debe ser un número", "the period must be a number"
    if int(tail) == 0:
        return "el periodo empieza en 1, no en 0", "periods start at 1, not 0"
    return "el periodo tiene más de 2 dígitos", "the period has more than 2 digits"


def _period_limit(doc: XmlDocument, ctx: Context) -> tuple[int | None, str | None]:
    """Periods per year for the career's idTipoPeriodo, from the CIC002 option (None: no check)."""
    tipo = doc.attr("Carrera", "idTipoPeriodo")
    if tipo is None:
        return None, None
    table = _table(ctx.options(CIC002).get("periods_per_year"))
    return table.get(tipo.strip()), tipo.strip()


def _table(raw: Any) -> dict[str, int]:
    """The option as {id: count}; YAML may give int keys or string counts. Bad entries are skipped."""
    if not isinstance(raw, Mapping):
        return dict(PERIODS_PER_YEAR)
    table: dict[str, int] = {}
    for key, count in raw.items():
        try:
            number = int(count)
        except (TypeError, ValueError):
            continue
        if number >= 1:
            table[str(key).strip()] = number
    return table


def _ordinary(subject: etree._Element) -> bool:
    """No observation, or 100 NORMAL / ORDINARIO. Anything else (even a typo) is exempt from CIC003."""
    observation = subject.get("idObservaciones")
    return observation is None or observation.strip() == _ORDINARY


def _exempt_types(raw: Any) -> frozenset[str]:
    if isinstance(raw, (str, int)):
        raw = [raw]
    if not isinstance(raw, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset(str(item).strip() for item in raw)


def _plan_order(
    ctx: Context, subjects: list[etree._Element], cycles: list[tuple[int, int] | None]
) -> Iterator[Finding]:
    present = [cycle for cycle in cycles if cycle is not None]
    if present == sorted(present):
        return  # every cycle in order, so the ordinary ones too (the usual certificate)
    exempt = _exempt_types(ctx.options(CIC003).get("exempt_types"))
    ordinary = [
        (subject, cycle)
        for subject, cycle in zip(subjects, cycles)
        if cycle is not None
        and _ordinary(subject)
        and (subject.get("idTipoAsignatura") or "").strip() not in exempt
    ]
    in_order = [cycle for _, cycle in ordinary]
    if in_order == sorted(in_order):
        return  # already non-decreasing: the longest such run is all of it (the usual certificate)
    keep = longest_non_decreasing(in_order)
    if len(keep) == len(ordinary):
        return
    kept = set(keep)
    previous: tuple[int, int] | None = None
    pending: list[int] = []
    for position, (_, cycle) in enumerate(ordinary):
        if position in kept:
            for index in pending:
                yield _order_finding(ctx, ordinary[index][0], ordinary[index][1], previous, cycle)
            pending = []
            previous = cycle
        else:
            pending.append(position)
    for index in pending:
        yield _order_finding(ctx, ordinary[index][0], ordinary[index][1], previous, None)


def _order_finding(
    ctx: Context,
    subject: etree._Element,
    cycle: tuple[int, int],
    before: tuple[int, int] | None,
    after: tuple[int, int] | None,
) -> Finding:
    value = subject.get("ciclo") or format_cycle(cycle)
    if before is not None and before == after:
        expected = format_cycle(before)
        context = f"las asignaturas ordinarias anterior y siguiente están en {expected}"
        context_en = f"the previous and next ordinary subjects are in {expected}"
    elif before is not None and after is not None:
        expected = f"{format_cycle(before)} … {format_cycle(after)}"
        context = (
            f"las asignaturas ordinarias anterior y siguiente están en {format_cycle(before)} y "
            f"{format_cycle(after)}"
        )
        context_en = (
            f"the previous and next ordinary subjects are in {format_cycle(before)} and {format_cycle(after)}"
        )
    elif before is not None:
        expected = f"≥ {format_cycle(before)}"
        context = f"la asignatura ordinaria anterior está en {format_cycle(before)}"
        context_en = f"the previous ordinary subject is in {format_cycle(before)}"
    else:
        assert after is not None
        expected = f"≤ {format_cycle(after)}"
        context = f"la asignatura ordinaria siguiente está en {format_cycle(after)}"
        context_en = f"the next ordinary subject is in {format_cycle(after)}"
    return ctx.report(
        CIC003,
        "m",
        subject,
        attribute="ciclo",
        value=value,
        expected=expected,
        id=_id(subject),
        context=context,
        context_en=context_en,
    )


def longest_non_decreasing(values: list[tuple[int, int]]) -> list[int]:
    """Positions of one longest non-decreasing subsequence of `values` (O(n log n)).

    Among equally long ones it keeps the smallest tails, so a single cycle that jumps ahead
    (the usual extraordinario without its observation) is the one left out.
    """
    tails: list[tuple[int, int]] = []  # smallest tail value of a run of each length
    tail_index: list[int] = []  # position of that tail
    parent: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        length = bisect_right(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_index.append(position)
        else:
            tails[length] = value
            tail_index[length] = position
        parent[position] = tail_index[length - 1] if length > 0 else -1
    result: list[int] = []
    position = tail_index[-1] if tail_index else -1
    while position >= 0:
        result.append(position)
        position = parent[position]
    return result[::-1]
