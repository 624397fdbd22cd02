"""DAT001–DAT003: the three certificate dates are AAAA-MM-DDT00:00:00, real, and in a sensible order."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mec_lint.context import Context
from mec_lint.dates import analyse, date_part, describe, dmy
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

# (element, attribute) -> what the date is, per language.
DATES: dict[tuple[str, str], dict[str, str]] = {
    ("Rvoe", "fechaExpedicion"): {"es": "fecha de expedición del RVOE", "en": "RVOE grant date"},
    ("Alumno", "fechaNacimiento"): {"es": "fecha de nacimiento del alumno", "en": "student's birth date"},
    ("Expedicion", "fecha"): {"es": "fecha de expedición del certificado", "en": "certificate issue date"},
}

DAT001 = Rule(
    code="DAT001",
    name="fecha-formato",
    severity=Severity.ERROR,
    summary={
        "es": "Las fechas del certificado son fechas reales escritas AAAA-MM-DDT00:00:00",
        "en": "Certificate dates are real dates written YYYY-MM-DDT00:00:00",
    },
    messages={
        "fixable": {
            "es": "{element}/@{attribute} ({label}) = «{value}» no tiene el formato AAAA-MM-DDT00:00:00: "
            "{problems}. Escriba «{expected}».",
            "en": "{element}/@{attribute} ({label}) = «{value}» is not in the format YYYY-MM-DDT00:00:00: "
            "{problems}. Write «{expected}».",
        },
        "not_a_date": {
            "es": "{element}/@{attribute} ({label}) = «{value}» no es una fecha válida: {problems}. "
            "Se espera una fecha real del calendario con el formato AAAA-MM-DDT00:00:00.",
            "en": "{element}/@{attribute} ({label}) = «{value}» is not a valid date: {problems}. "
            "Expected a real calendar date in the format YYYY-MM-DDT00:00:00.",
        },
    },
    why="Rvoe/@fechaExpedicion, Alumno/@fechaNacimiento y Expedicion/@fecha son xs:dateTime y forman "
    "parte de la cadena original: todas las implementaciones las escriben AAAA-MM-DDT00:00:00, sin zona "
    "horaria ni fracción de segundo. Un formato de 12 horas (hh) produce T12:00:00 a medianoche; una fecha "
    "como 2023-02-30 no existe. Cualquiera de estos valores hace que el MEC rechace el certificado o firme "
    "una fecha distinta de la que se quiso expedir.",
    fail_example='<Alumno … fechaNacimiento="2001-05-23"/>  ·  <Expedicion … fecha="2024-08-20T12:00:00"/>',
    pass_example='<Alumno … fechaNacimiento="2001-05-23T00:00:00"/>  ·  <Expedicion … fecha="2024-08-20T00:00:00"/>',
    spec="dec-3.0.md §1.5, §1.7, §1.8 (tipos xs:dateTime) y §5.7 (formato AAAA-MM-DDT00:00:00, error de 12 horas)",
    fix="Genere las fechas con un patrón fijo de 24 horas, p. ej. yyyy-MM-dd'T'00:00:00 "
    "(Java/C#: \"yyyy-MM-dd'T'HH:mm:ss\" con HH mayúsculas; PHP: 'Y-m-d\\TH:i:s' o 'Y-m-d\\T00:00:00'), "
    "sin zona horaria. Después vuelva a sellar: las tres fechas están en la cadena original.",
)

DAT002 = Rule(
    code="DAT002",
    name="nacimiento-antes-de-expedicion",
    severity=Severity.ERROR,
    summary={
        "es": "La fecha de nacimiento es anterior a la fecha de expedición",
        "en": "The birth date is before the issue date",
    },
    messages={
        "m": {
            "es": "La fecha de nacimiento del alumno, {birth_dmy} ({value}), no es anterior a la fecha de "
            "expedición del certificado, {issue_dmy} ({issue}). Revise Alumno/@fechaNacimiento (¿se capturó "
            "otra fecha, o se invirtieron día y mes?) y Expedicion/@fecha.",
            "en": "The student's birth date, {birth_dmy} ({value}), is not before the certificate issue date, "
            "{issue_dmy} ({issue}). Check Alumno/@fechaNacimiento (was another date typed, or were day and month "
            "swapped?) and Expedicion/@fecha.",
        }
    },
    why="Un certificado se expide a un alumno ya nacido: una fecha de nacimiento igual o posterior a la de "
    "expedición es un error de captura (otra fecha, año equivocado) que queda firmado en la cadena original.",
    fail_example='<Alumno … fechaNacimiento="2025-05-23T00:00:00"/> … <Expedicion … fecha="2024-08-20T00:00:00"/>',
    pass_example='<Alumno … fechaNacimiento="2001-05-23T00:00:00"/> … <Expedicion … fecha="2024-08-20T00:00:00"/>',
    spec="dec-3.0.md §1.7 (Alumno/@fechaNacimiento) y §1.8 (Expedicion/@fecha)",
    fix="Capture la fecha de nacimiento del acta o de la CURP del alumno y vuelva a sellar el certificado.",
)

DAT003 = Rule(
    code="DAT003",
    name="rvoe-antes-de-expedicion",
    severity=Severity.ERROR,
    summary={
        "es": "El RVOE se otorgó en o antes de la fecha de expedición",
        "en": "The RVOE was granted on or before the issue date",
    },
    messages={
        "m": {
            "es": "La fecha de expedición del RVOE, {rvoe_dmy} ({value}), es posterior a la fecha de "
            "expedición del certificado, {issue_dmy} ({issue}): no puede certificarse un plan con un RVOE "
            "que aún no existía. Revise Rvoe/@fechaExpedicion (la fecha del acuerdo de RVOE) y "
            "Expedicion/@fecha.",
            "en": "The RVOE grant date, {rvoe_dmy} ({value}), is after the certificate issue date, "
            "{issue_dmy} ({issue}): a plan cannot be certified under an RVOE that did not exist yet. "
            "Check Rvoe/@fechaExpedicion (the date of the RVOE agreement) and Expedicion/@fecha.",
        }
    },
    why="Rvoe/@fechaExpedicion es la fecha en que se otorgó el RVOE; los estudios se certifican al amparo de "
    "ese acuerdo, así que el certificado no puede expedirse antes de que exista.",
    fail_example='<Rvoe … fechaExpedicion="2025-06-15T00:00:00"/> … <Expedicion … fecha="2024-08-20T00:00:00"/>',
    pass_example='<Rvoe … fechaExpedicion="2018-06-15T00:00:00"/> … <Expedicion … fecha="2024-08-20T00:00:00"/>',
    spec="dec-3.0.md §1.5 (Rvoe/@fechaExpedicion: fecha en que se otorgó el RVOE) y §1.8 (Expedicion/@fecha)",
    fix="Capture la fecha del acuerdo de RVOE tal como aparece en el acuerdo y vuelva a sellar el certificado.",
)

RULES = (DAT001, DAT002, DAT003)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    yield from _formats(doc, ctx)
    issue_element = doc.first("Expedicion")
    issue = date_part(doc.attr("Expedicion", "fecha"))
    if issue_element is None or issue is None:
        return
    alumno = doc.first("Alumno")
    birth_text = None if alumno is None else alumno.get("fechaNacimiento")
    birth = date_part(birth_text)
    rvoe = doc.first("Rvoe")
    rvoe_text = None if rvoe is None else rvoe.get("fechaExpedicion")
    granted = date_part(rvoe_text)
    if (alumno is None or birth is None or birth < issue) and (
        rvoe is None or granted is None or granted <= issue
    ):
        return  # the usual certificate: nothing to say, no message data to build
    common: dict[str, Any] = {"issue": issue.isoformat(), "issue_dmy": dmy(issue)}
    if alumno is not None and birth is not None and birth >= issue:
        yield ctx.report(
            DAT002,
            "m",
            alumno,
            attribute="fechaNacimiento",
            value=birth_text,
            expected=f"< {issue.isoformat()}",
            birth_dmy=dmy(birth),
            **common,
        )
    if rvoe is not None and granted is not None and granted > issue:
        yield ctx.report(
            DAT003,
            "m",
            rvoe,
            attribute="fechaExpedicion",
            value=rvoe_text,
            expected=f"<= {issue.isoformat()}",
            rvoe_dmy=dmy(granted),
            **common,
        )


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: every date well written (decided once per distinct value), birth before
    issue, the RVOE granted by the issue date."""
    for name, attribute in DATES:
        value = doc.attr(name, attribute)
        if value is not None and not _well_written(value):
            return False
    issue = date_part(doc.attr("Expedicion", "fecha"))
    if doc.first("Expedicion") is None or issue is None:
        return True
    birth = date_part(doc.attr("Alumno", "fechaNacimiento"))
    granted = date_part(doc.attr("Rvoe", "fechaExpedicion"))
    return (birth is None or birth < issue) and (granted is None or granted <= issue)


@lru_cache(maxsize=4096)
def _well_written(value: str) -> bool:
    return analyse(value).ok


def _formats(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    for (name, attribute), label in DATES.items():
        element = doc.first(name)
        value = None if element is None else element.get(attribute)
        if element is None or value is None:
            continue  # a missing attribute is the schema's finding (XSD001)
        result = analyse(value)
        if result.ok:
            continue
        corrected = result.corrected
        yield ctx.report(
            DAT001,
            "fixable" if corrected else "not_a_date",
            element,
            attribute=attribute,
            value=value,
            expected=corrected or "AAAA-MM-DDT00:00:00",
            problems=describe(result, ctx.lang),
            label=label.get(ctx.lang) or label["es"],
        )
