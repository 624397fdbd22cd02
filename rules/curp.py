"""CUR001–CUR006: the student's and the signer's CURP (shape, date, state, check digit, EXTRANJERO).

The algorithm lives in mec_lint.curp (pure functions); this module turns it into findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from mec_lint import curp as algo
from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.dates import DateCheck, date_part, describe, dmy, real_date
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

SPEC_SHAPE = r"^[A-Z]{4}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$"
# What a CURP looks like, for a finding's `expected` (the regular expression above is for the docs).
SHAPE_WORDS = (
    "18 caracteres: 4 letras, AAMMDD, H o M, 2 letras de entidad, 3 consonantes, letra o dígito, dígito"
)

# Alumno/@idGenero (catalogs.yaml idGenero, dec-3.0.md §2.3) <-> CURP position 11.
GENDER_OF_LETTER = {"M": "250", "H": "251"}

_WHERE = {"Alumno": "Alumno/@curp", "Responsable": "Ipes/Responsable/@curp"}

# Description id (mec_lint.curp) and position -> what goes there, per language.
_PARTS: dict[str, dict[str, str]] = {
    "initials": {
        "es": "una letra A–Z (iniciales de apellidos y nombre)",
        "en": "a letter A–Z (initials of surnames and name)",
    },
    "date": {
        "es": "un dígito (fecha de nacimiento AAMMDD, posiciones 5–10)",
        "en": "a digit (birth date YYMMDD, positions 5–10)",
    },
    "sex": {"es": "la letra del sexo: {sex_letters}", "en": "the sex letter: {sex_letters}"},
    "state": {
        "es": "una letra A–Z (entidad de nacimiento, posiciones 12–13)",
        "en": "a letter A–Z (state of birth, positions 12–13)",
    },
    "consonant": {
        "es": "una consonante B–D, F–H, J–N, P–T o V–Z (consonantes internas, posiciones 14–16)",
        "en": "a consonant B–D, F–H, J–N, P–T or V–Z (internal consonants, positions 14–16)",
    },
    "differentiator": {
        "es": "una letra A–Z o un dígito (diferenciador)",
        "en": "a letter A–Z or a digit (differentiator)",
    },
    "check": {"es": "un dígito (dígito verificador)", "en": "a digit (check digit)"},
}


def _part_of(position: int) -> str:
    if position <= 4:
        return "initials"
    if position <= 10:
        return "date"
    if position == 11:
        return "sex"
    if position <= 13:
        return "state"
    if position <= 16:
        return "consonant"
    return "differentiator" if position == 17 else "check"


_FIXABLE = {
    (True, False): {"es": "tiene espacios", "en": "contains spaces"},
    (False, True): {"es": "está en minúsculas", "en": "is in lower case"},
    (True, True): {"es": "tiene espacios y minúsculas", "en": "contains spaces and lower case"},
}

CUR001 = Rule(
    code="CUR001",
    name="curp-forma",
    severity=Severity.ERROR,
    summary={
        "es": "La CURP tiene la forma de RENAPO: 18 caracteres en mayúsculas",
        "en": "The CURP has the RENAPO shape: 18 upper-case characters",
    },
    messages={
        "fixable": {
            "es": "{where} = «{value}» {problem}; la CURP se escribe en mayúsculas, sin espacios: «{expected}».",
            "en": "{where} = «{value}» {problem}; a CURP is written in upper case without spaces: «{expected}».",
        },
        "length": {
            "es": "{where} = «{value}» tiene {length} caracteres; una CURP tiene exactamente 18 "
            "(4 letras, fecha AAMMDD, sexo, entidad, 3 consonantes, diferenciador y dígito verificador).",
            "en": "{where} = «{value}» has {length} characters; a CURP has exactly 18.",
        },
        "position": {
            "es": "{where} = «{value}» no tiene la forma de una CURP: en la posición {position} hay «{char}» "
            "y ahí va {part}.",
            "en": "{where} = «{value}» does not have the shape of a CURP: position {position} holds «{char}» "
            "where {part} is expected.",
        },
        "empty": {
            "es": "{where} está vacío; se espera una CURP de 18 caracteres.",
            "en": "{where} is empty; an 18-character CURP is expected.",
        },
    },
    why="La CURP está en la cadena original y el MEC la valida; además la del responsable debe coincidir con "
    "la de su e.firma. Una CURP con minúsculas, espacios o un carácter fuera de lugar (O por 0, Ñ, acentos) "
    "no es una CURP de RENAPO.",
    fail_example='<Alumno … curp="gapa010523mdfrrna3"/>  ·  <Alumno … curp="GAPA010523MDFRRNA"/> (17)',
    pass_example='<Alumno … curp="GAPA010523MDFRRNA3"/>',
    spec="spec README regla 6; dec-3.0.md §1.4, §1.7 (18 caracteres en mayúsculas) y §5.6 (forma de RENAPO "
    f"{SPEC_SHAPE})",
    options={
        "letras-sexo": Option(
            str,
            "HM",
            "Letras admitidas en la posición 11 (sexo). La forma de RENAPO de la especificación (§5.6) "
            "admite H y M.",
            check=checks.letters,
        )
    },
    fix="Copie la CURP de la constancia de RENAPO (gob.mx/curp), en mayúsculas y sin espacios.",
)

CUR002 = Rule(
    code="CUR002",
    name="curp-fecha",
    severity=Severity.ERROR,
    summary={
        "es": "Las posiciones 5–10 de la CURP son una fecha real (AAMMDD)",
        "en": "CURP positions 5–10 are a real date (YYMMDD)",
    },
    messages={
        "m": {
            "es": "{where} = «{value}»: las posiciones 5–10 «{yymmdd}» no son una fecha real AAMMDD "
            "({year}-{month}-{day}: {reason}). El siglo sale de la posición 17 «{c17}»: un dígito indica "
            "nacimiento antes de 2000 y una letra, de 2000 en adelante.",
            "en": "{where} = «{value}»: positions 5–10 «{yymmdd}» are not a real YYMMDD date "
            "({year}-{month}-{day}: {reason}). The century comes from position 17 «{c17}»: a digit means "
            "born before 2000, a letter 2000 or later.",
        }
    },
    why="Las posiciones 5–10 de la CURP son la fecha de nacimiento (AAMMDD); una fecha que no existe "
    "delata una CURP mal capturada.",
    fail_example='<Alumno … curp="GAPA011323MDFRRNA3"/> (mes 13)',
    pass_example='<Alumno … curp="GAPA010523MDFRRNA3"/>',
    spec="dec-3.0.md §5.6 (forma de RENAPO: posiciones 5–10 = AAMMDD) y §1.7 ([DGS] deriva la fecha de "
    "nacimiento de las posiciones 5–10); siglo por la posición 17: convención de RENAPO",
    fix="Corrija la CURP con la constancia de RENAPO.",
)

CUR003 = Rule(
    code="CUR003",
    name="curp-entidad",
    severity=Severity.ERROR,
    summary={
        "es": "Las posiciones 12–13 de la CURP son una entidad de nacimiento de RENAPO",
        "en": "CURP positions 12–13 are a RENAPO state of birth",
    },
    messages={
        "m": {
            "es": "{where} = «{value}»: las posiciones 12–13 «{state}» no son una clave de entidad de "
            "nacimiento de RENAPO; se espera una de {expected} (NE = nacido en el extranjero).",
            "en": "{where} = «{value}»: positions 12–13 «{state}» are not a RENAPO state-of-birth code; "
            "expected one of {expected} (NE = born abroad).",
        }
    },
    why="Las posiciones 12–13 de la CURP son la entidad de nacimiento con las claves de RENAPO (DF, JC, NL, "
    "…, NE para nacidos en el extranjero); otra clave delata una CURP mal capturada.",
    fail_example='<Alumno … curp="GAPA010523MCXRRNA6"/> (CX)',
    pass_example='<Alumno … curp="GAPA010523MDFRRNA3"/> (DF)',
    spec="catalogs.yaml curpEntidad; dec-3.0.md §5.6",
    fix="Corrija la CURP con la constancia de RENAPO.",
)

CUR004 = Rule(
    code="CUR004",
    name="curp-digito-verificador",
    severity=Severity.ERROR,
    summary={
        "es": "El dígito verificador de la CURP (posición 18) es correcto",
        "en": "The CURP check digit (position 18) is correct",
    },
    messages={
        "m": {
            "es": "{where} = «{value}»: el dígito verificador (posición 18) es «{found}» y, según el algoritmo "
            "de RENAPO para las primeras 17 posiciones, debería ser «{expected}». Algún carácter está mal "
            "capturado: compare la CURP completa con la constancia de RENAPO (no cambie sólo el último dígito).",
            "en": "{where} = «{value}»: the check digit (position 18) is «{found}»; RENAPO's algorithm over "
            "the first 17 positions gives «{expected}». Some character is wrong: compare the whole CURP with "
            "the RENAPO record (do not just change the last digit).",
        }
    },
    why="El último dígito de toda CURP se calcula de las 17 posiciones anteriores (diccionario "
    "0–9, A–N, Ñ, O–Z; pesos 18 a 2; dígito = (10 − suma mod 10) mod 10). Si no cuadra, la CURP tiene un "
    "error de captura y no corresponde a la persona. Se basa en el algoritmo publicado de RENAPO, no en "
    "la especificación del MEC (que sólo da la forma de la CURP, §5.6, y cuyas CURP de ejemplo no lo "
    "cumplen): es un error porque una CURP con el dígito equivocado no es la del alumno; quien "
    "prefiera sólo una advertencia puede configurarlo (`severity: {CUR004: warning}`).",
    fail_example='<Alumno … curp="GAPA010523MDFRRNA7"/>',
    pass_example='<Alumno … curp="GAPA010523MDFRRNA3"/>',
    spec="algoritmo de dígito verificador de RENAPO (fuera de la especificación del MEC); spec README "
    "regla 6 (la CURP del alumno) y dec-3.0.md §5.6 (forma de 18 caracteres, último un dígito)",
    fix="Copie la CURP de la constancia de RENAPO (gob.mx/curp).",
)

CUR005 = Rule(
    code="CUR005",
    name="curp-extranjero",
    severity=Severity.ERROR,
    summary={
        "es": "Alumno extranjero sin CURP: exactamente «EXTRANJERO»; el responsable siempre lleva su CURP",
        "en": "Foreign student without CURP: exactly «EXTRANJERO»; the signer always has a CURP",
    },
    messages={
        "variant": {
            "es": "{where} = «{value}»: para alumnos extranjeros sin CURP la FAQ del MEC pide capturar "
            "exactamente «EXTRANJERO» (mayúsculas, sin espacios ni otras formas).",
            "en": "{where} = «{value}»: for foreign students without a CURP the MEC FAQ asks for exactly "
            "«EXTRANJERO» (upper case, no spaces, no other form).",
        },
        "empty_student": {
            "es": "{where} está vacío: escriba la CURP del alumno (18 caracteres) o, si es extranjero sin "
            "CURP, «EXTRANJERO».",
            "en": "{where} is empty: write the student's CURP (18 characters) or, for a foreign student "
            "without one, «EXTRANJERO».",
        },
        "empty_signer": {
            "es": "{where} está vacío: escriba la CURP del responsable de expedición, la misma del "
            "certificado de su e.firma.",
            "en": "{where} is empty: write the signer's CURP, the same as in their e.firma certificate.",
        },
        "signer_foreign": {
            "es": "{where} = «{value}»: «EXTRANJERO» sólo se admite en la CURP del alumno. El responsable "
            "firma con su e.firma del SAT y su CURP debe ser la del certificado de la e.firma.",
            "en": "{where} = «{value}»: «EXTRANJERO» is accepted only for the student. The signer signs with "
            "their SAT e.firma and must carry the CURP of that certificate.",
        },
    },
    why="La FAQ del MEC (pregunta 9) indica capturar la descripción «EXTRANJERO» para alumnos extranjeros "
    "sin CURP; otra forma no es ni una CURP ni ese literal. El responsable firma con su e.firma, cuyo "
    "certificado lleva su CURP.",
    fail_example='<Alumno … curp="Extranjero"/>  ·  <Responsable … curp="EXTRANJERO"/>',
    pass_example='<Alumno … curp="EXTRANJERO"/>  ·  <Responsable … curp="ROLM750312HDFDPR01"/>',
    spec="mec-faq.txt pregunta 9; spec README regla 6; dec-3.0.md §1.7, §5.6 (EXTRANJERO) y §1.4, §4.2 "
    "(CURP del responsable = e.firma)",
    fix="Alumno: «EXTRANJERO» tal cual. Responsable: su CURP de 18 caracteres.",
)

CUR006 = Rule(
    code="CUR006",
    name="curp-coincide-con-alumno",
    severity=Severity.WARNING,
    summary={
        "es": "La CURP del alumno coincide con su fecha de nacimiento y su género",
        "en": "The student's CURP agrees with the birth date and gender",
    },
    messages={
        "birth": {
            "es": "{where} = «{value}»: las posiciones 5–10 «{found}» no coinciden con "
            "Alumno/@fechaNacimiento {birth_dmy} ({birth}), que daría «{expected}». Revise cuál de los dos "
            "está mal capturado.",
            "en": "{where} = «{value}»: positions 5–10 «{found}» do not match Alumno/@fechaNacimiento "
            "{birth_dmy} ({birth}), which gives «{expected}». Check which of the two is wrong.",
        },
        "century": {
            "es": "{where} = «{value}»: la posición 17 «{c17}» es {c17_kind}, que RENAPO asigna a nacidos "
            "{c17_range}, pero Alumno/@fechaNacimiento es {birth_dmy} ({birth}).",
            "en": "{where} = «{value}»: position 17 «{c17}» is {c17_kind}, which RENAPO assigns to people born "
            "{c17_range}, but Alumno/@fechaNacimiento is {birth_dmy} ({birth}).",
        },
        "sex": {
            "es": "La posición 11 de la CURP «{curp}» es «{letter}» ({letter_name}), pero Alumno/@idGenero es "
            "«{value}» ({gender_name}); con «{letter}» se espera idGenero {expected}.",
            "en": "Position 11 of the CURP «{curp}» is «{letter}» ({letter_name}), but Alumno/@idGenero is "
            "«{value}» ({gender_name}); «{letter}» goes with idGenero {expected}.",
        },
    },
    why="La CURP contiene la fecha de nacimiento (posiciones 5–10, siglo por la posición 17) y el sexo "
    "(posición 11: H/M). Si no coinciden con fechaNacimiento o idGenero (250 MUJER, 251 HOMBRE), uno de los "
    "datos está mal capturado y queda firmado en la cadena original.",
    fail_example='<Alumno curp="GAPA010523MDFRRNA3" idGenero="251" fechaNacimiento="2001-05-24T00:00:00"/>',
    pass_example='<Alumno curp="GAPA010523MDFRRNA3" idGenero="250" fechaNacimiento="2001-05-23T00:00:00"/>',
    spec="dec-3.0.md §1.7 y §2.3 (idGenero 250/251; [SASS] lo deriva de la posición 11; [DGS] deriva la fecha "
    "de las posiciones 5–10); catalogs.yaml idGenero; siglo por la posición 17: convención de RENAPO",
    fix="Compare la CURP, la fecha de nacimiento y el género con la constancia de RENAPO y corrija el que "
    "esté mal; después vuelva a sellar.",
)

RULES = (CUR001, CUR002, CUR003, CUR004, CUR005, CUR006)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    for name in ("Alumno", "Responsable"):
        element = doc.first(name)
        value = None if element is None else element.get("curp")
        if element is None or value is None:
            continue  # a missing attribute is the schema's finding (XSD001)
        yield from _check_one(element, name, value, ctx)


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the signer's CURP is decided once per run (it repeats in every certificate of
    a batch); the student's is checked here on a throwaway context (mec_lint.fastpass)."""
    for name in ("Alumno", "Responsable"):
        element = doc.first(name)
        value = None if element is None else element.get("curp")
        if element is None or value is None:
            continue
        if name == "Responsable":  # the same in every certificate of a batch
            quiet = fastpass.quiet(ctx, "CUR.signer", value, _checked, element, name, value)
        else:
            quiet = fastpass.silent(ctx, _checked, element, name, value)
        if not quiet:
            return False
    return True


def _checked(ctx: Context, element: etree._Element, name: str, value: str) -> Iterator[Finding]:
    return _check_one(element, name, value, ctx)


def _check_one(element: etree._Element, name: str, value: str, ctx: Context) -> Iterator[Finding]:
    student = name == "Alumno"
    base: dict[str, Any] = {"where": _WHERE[name]}

    def report(rule: Rule, message: str, expected: Any = None, **data: Any) -> Finding:
        return ctx.report(
            rule, message, element, attribute="curp", value=value, expected=expected, **base, **data
        )

    if student and value == algo.EXTRANJERO:
        return
    if not value.strip():
        yield report(
            CUR005, "empty_student" if student else "empty_signer", "EXTRANJERO" if student else None
        )
        return
    # An ASCII alphanumeric value keeps its length when squeezed: only 10 can spell EXTRANJERO.
    maybe_foreign = len(value) == 10 or not (value.isascii() and value.isalnum())
    if (maybe_foreign and algo.is_foreign_variant(value)) or (not student and value == algo.EXTRANJERO):
        yield report(CUR005, "variant" if student else "signer_foreign", "EXTRANJERO" if student else None)
        return
    sex_letters = _sex_letters(ctx)
    problem = algo.shape_problem(value, sex_letters)
    if problem is not None:
        yield _shape_finding(problem, report, sex_letters, ctx.lang)
        return
    yield from _contents(value, report, ctx)
    if student:
        yield from _agreement(element, value, ctx)


def _sex_letters(ctx: Context) -> str:
    letters = ctx.options(CUR001).get("letras-sexo", "HM")
    if not isinstance(letters, str) or not letters.strip():
        return algo.SEX_LETTERS
    return "".join(letters.split()).upper()


def _shape_finding(problem: algo.ShapeProblem, report: Any, sex_letters: str, lang: str) -> Finding:
    if problem.kind == "fixable" and problem.fixed:
        phrase = _FIXABLE[(problem.spaces, problem.lower)]
        return report(CUR001, "fixable", problem.fixed, problem=phrase.get(lang) or phrase["es"])
    if problem.kind == "length":
        return report(CUR001, "length", SHAPE_WORDS, length=problem.found)
    if problem.kind == "position" and problem.position is not None:
        part = _PARTS[_part_of(problem.position)]
        text = (part.get(lang) or part["es"]).format(
            sex_letters=(" or " if lang == "en" else " o ").join(sex_letters)
        )
        if problem.found.islower():
            text += " (la CURP va en mayúsculas)" if lang != "en" else " (a CURP is upper case)"
        return report(
            CUR001, "position", SHAPE_WORDS, position=problem.position, char=problem.found, part=text
        )
    return report(CUR001, "empty", SHAPE_WORDS)


def _contents(value: str, report: Any, ctx: Context) -> Iterator[Finding]:
    if algo.birth_date(value) is None:
        century = algo.century_of(value) or 1900
        digits = value[4:10]
        year, month, day = century + int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        _, reason = real_date(year, month, day)
        problems = DateCheck(digits, problems=[reason] if reason else [])
        yield report(
            CUR002,
            "m",
            "AAMMDD",
            yymmdd=digits,
            year=f"{year:04d}",
            month=f"{month:02d}",
            day=f"{day:02d}",
            reason=describe(problems, ctx.lang),
            c17=value[16],
        )
    states = ctx.catalogs.curp_states
    state = algo.state_code(value)
    if states and state not in states:
        yield report(CUR003, "m", ", ".join(sorted(states)), state=state)
    expected = algo.check_digit(value[:17])
    if expected is not None and expected != value[17]:
        yield report(CUR004, "m", expected, found=value[17])


def _agreement(element: etree._Element, value: str, ctx: Context) -> Iterator[Finding]:
    where = _WHERE["Alumno"]
    birth_text = element.get("fechaNacimiento")
    birth = date_part(birth_text)
    curp_birth = algo.birth_date(value)
    if birth is not None and curp_birth is not None:
        wanted = birth.strftime("%y%m%d")
        if value[4:10] == wanted and value[16].isdigit() == (birth.year < 2000):
            data: dict[str, Any] = {}  # agrees: no message data to build
        else:
            data = {"where": where, "birth": birth.isoformat(), "birth_dmy": dmy(birth), "c17": value[16]}
        if value[4:10] != wanted:
            yield ctx.report(
                CUR006,
                "birth",
                element,
                attribute="curp",
                value=value,
                expected=wanted,
                found=value[4:10],
                **data,
            )
        elif value[16].isdigit() != (birth.year < 2000):
            digit = value[16].isdigit()
            kind = {"es": "un dígito", "en": "a digit"} if digit else {"es": "una letra", "en": "a letter"}
            span = (
                {"es": "antes de 2000", "en": "before 2000"}
                if digit
                else {"es": "de 2000 en adelante", "en": "in 2000 or later"}
            )
            yield ctx.report(
                CUR006,
                "century",
                element,
                attribute="curp",
                value=value,
                expected="0-9" if birth.year < 2000 else "A-Z",
                c17_kind=kind.get(ctx.lang) or kind["es"],
                c17_range=span.get(ctx.lang) or span["es"],
                **data,
            )
    gender = element.get("idGenero")
    letter = algo.sex_letter(value)
    expected_gender = GENDER_OF_LETTER.get(letter)
    if gender is None or expected_gender is None or gender.strip() not in GENDER_OF_LETTER.values():
        return  # unknown ids are the catalog rule's business; other letters carry no gender claim
    if gender.strip() != expected_gender:
        names = ctx.catalogs.get("idGenero")
        letter_names = {"M": {"es": "mujer", "en": "female"}, "H": {"es": "hombre", "en": "male"}}[letter]
        yield ctx.report(
            CUR006,
            "sex",
            element,
            attribute="idGenero",
            value=gender,
            expected=expected_gender,
            curp=value,
            letter=letter,
            letter_name=letter_names.get(ctx.lang) or letter_names["es"],
            gender_name=names.get(gender.strip(), "?"),
        )
