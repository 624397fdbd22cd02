"""FEC001–FEC002: Expedicion/@fecha lies 1 to 90 days before the upload (authentication) date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from mec_lint import fastpass
from mec_lint import option_checks as checks
from mec_lint.context import Context
from mec_lint.dates import date_part, dmy
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.xmldoc import XmlDocument

SCOPE = Scope.XML

MIN_DAYS = 1  # spec README rule 8 / FAQ 12: "anterior de 1 a 90 días a la fecha de autenticación"
MAX_DAYS = 90

_WINDOW_ES = (
    "Para cargar el {upload_dmy} la fecha de expedición válida va del {first_dmy} ({first}) al "
    "{last_dmy} ({last})"
)
_WINDOW_EN = (
    "To upload on {upload_dmy} ({upload}) the valid issue dates run from {first_dmy} ({first}) to "
    "{last_dmy} ({last})"
)

FEC001 = Rule(
    code="FEC001",
    name="fecha-expedicion-ventana",
    severity=Severity.ERROR,
    summary={
        "es": "La fecha de expedición es de 1 a 90 días anterior a la fecha de carga",
        "en": "The issue date is 1 to 90 days before the upload date",
    },
    messages={
        "same_day": {
            "es": "Expedicion/@fecha es {fecha_dmy} ({fecha}), el mismo día de la carga ({upload_dmy}): "
            "debe ser de 1 a 90 días anterior a la carga. "
            + _WINDOW_ES
            + "; con esta fecha, cargue del {earliest_dmy} al {latest_dmy}.",
            "en": "Expedicion/@fecha is {fecha_dmy} ({fecha}), the same day as the upload ({upload_dmy}): "
            "it must be 1 to 90 days before the upload. "
            + _WINDOW_EN
            + "; with this date, upload between {earliest_dmy} and {latest_dmy}.",
        },
        "after": {
            "es": "Expedicion/@fecha es {fecha_dmy} ({fecha}), {days_after} {days_after|día|días} DESPUÉS de la fecha de "
            "carga ({upload_dmy}): la fecha de expedición nunca puede ser posterior a la carga y debe ser de "
            "1 a 90 días anterior. "
            + _WINDOW_ES
            + "; con esta fecha, cargue del {earliest_dmy} al {latest_dmy}.",
            "en": "Expedicion/@fecha is {fecha_dmy} ({fecha}), {days_after} {days_after|day|days} AFTER the upload date "
            "({upload_dmy}): the issue date can never be later than the upload and must be 1 to 90 days "
            "before it. " + _WINDOW_EN + "; with this date, upload between {earliest_dmy} and {latest_dmy}.",
        },
        "too_old": {
            "es": "Expedicion/@fecha es {fecha_dmy} ({fecha}), {days} días antes de la fecha de carga "
            "({upload_dmy}); el máximo es 90 días (el último día para cargarlo fue el {latest_dmy}). "
            + _WINDOW_ES
            + ": reexpida el certificado con una fecha en ese intervalo y vuelva a sellarlo.",
            "en": "Expedicion/@fecha is {fecha_dmy} ({fecha}), {days} days before the upload date "
            "({upload_dmy}); the maximum is 90 days (the last upload day was {latest_dmy}). "
            + _WINDOW_EN
            + ": re-issue the certificate with a date in that range and sign it again.",
        },
    },
    why="La FAQ del MEC (pregunta 12) dice que la fecha de expedición debe ser anterior de 1 a 90 días a la "
    "fecha de autenticación (carga al sistema) y nunca posterior a ella. Fuera de ese intervalo el MEC "
    "rechaza el certificado y se gasta uno de los 3 intentos del folio.",
    fail_example='--upload-date 2024-09-01 con <Expedicion … fecha="2024-09-01T00:00:00"/> (0 días) '
    'o fecha="2024-06-02T00:00:00" (91 días)',
    pass_example='--upload-date 2024-09-01 con <Expedicion … fecha="2024-08-20T00:00:00"/> (12 días)',
    spec="mec-faq.txt pregunta 12 («Qué fecha de expedición debo capturar»); spec README regla 8; "
    "dec-3.0.md §1.8",
    fix="Indique con --upload-date AAAA-MM-DD el día en que realmente cargará el lote (por omisión, hoy). "
    "Si la fecha queda fuera del intervalo, reexpida con una fecha de 1 a 90 días antes de la carga y "
    "vuelva a sellar (la fecha está en la cadena original).",
)

FEC002 = Rule(
    code="FEC002",
    name="fecha-expedicion-por-vencer",
    severity=Severity.WARNING,
    summary={
        "es": "Avisa cuando el plazo de 90 días para cargar el certificado está por cerrarse",
        "en": "Warns when the 90-day upload window is about to close",
    },
    messages={
        "m": {
            "es": "Expedicion/@fecha es {fecha_dmy} ({fecha}): el último día para cargar este certificado es "
            "el {latest_dmy} ({latest}), a {remaining} {remaining|día|días} de la fecha de carga ({upload_dmy}). Si la carga "
            "falla o hay que cancelar y volver a cargar (48 horas), habrá que reexpedirlo con otra fecha y "
            "volver a sellarlo.",
            "en": "Expedicion/@fecha is {fecha_dmy} ({fecha}): the last day to upload this certificate is "
            "{latest_dmy} ({latest}), {remaining} {remaining|day|days} after the upload date ({upload_dmy}). If the upload "
            "fails or must be cancelled and repeated (48 hours), it will have to be re-issued with another "
            "date and signed again.",
        },
        "last_day": {
            "es": "Expedicion/@fecha es {fecha_dmy} ({fecha}): la fecha de carga ({upload_dmy}) es el ÚLTIMO "
            "día del plazo de 90 días. Si la carga falla o hay que cancelar y volver a cargar, habrá que "
            "reexpedir el certificado con otra fecha y volver a sellarlo.",
            "en": "Expedicion/@fecha is {fecha_dmy} ({fecha}): the upload date ({upload_dmy}) is the LAST day "
            "of the 90-day window. If the upload fails or must be cancelled and repeated, the certificate "
            "will have to be re-issued with another date and signed again.",
        },
    },
    why="La fecha de expedición vence 90 días después: un certificado cargado en los últimos días del plazo "
    "no deja margen para corregir un rechazo (3 intentos por folio) ni para una cancelación (48 horas).",
    fail_example='--upload-date 2024-09-01 con <Expedicion … fecha="2024-06-05T00:00:00"/> '
    "(el plazo cierra el 03/09/2024)",
    pass_example='--upload-date 2024-09-01 con <Expedicion … fecha="2024-08-20T00:00:00"/> '
    "(el plazo cierra el 18/11/2024)",
    spec="mec-faq.txt preguntas 12 (1 a 90 días), 13 (cancelación en 48 horas) y 15 (3 intentos por folio)",
    options={
        "dias-aviso": Option(
            int,
            7,
            "Avisar cuando falten este número de días o menos para el último día de carga "
            "(fecha de expedición + 90 días).",
            check=checks.integer_at_least(0),
        )
    },
    fix="Cargue el lote cuanto antes, o reexpida con una fecha más reciente y vuelva a sellar.",
)

RULES = (FEC001, FEC002)


def _shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, clamped to the calendar's ends (year 1 and 9999 are inputs too)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def passes(doc: XmlDocument, ctx: Context) -> bool:
    """The fast pass: the check reads one value, Expedicion/@fecha (the upload date and the option
    are the run's): decided once per run per value (`mec_lint.fastpass`)."""
    return fastpass.quiet_check(ctx, "FEC.fecha", doc.attr("Expedicion", "fecha"), check, doc)


def check(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    element = doc.first("Expedicion")
    if element is None:
        return
    value = element.get("fecha")
    issued = date_part(value)
    if issued is None:
        return  # absent: XSD001; unreadable: DAT001
    upload = ctx.upload_date
    first = _shift(upload, -MAX_DAYS)
    last = _shift(upload, -MIN_DAYS)
    latest = _shift(issued, MAX_DAYS)
    days = (upload - issued).days
    remaining = (latest - upload).days
    in_window = MIN_DAYS <= days <= MAX_DAYS
    warn_days = _warning_days(ctx) if in_window else 0
    if in_window and remaining > warn_days:
        return  # the usual certificate: nothing to say, no message data to build
    data: dict[str, Any] = {
        "fecha": issued.isoformat(),
        "fecha_dmy": dmy(issued),
        "upload": upload.isoformat(),
        "upload_dmy": dmy(upload),
        "first": first.isoformat(),
        "first_dmy": dmy(first),
        "last": last.isoformat(),
        "last_dmy": dmy(last),
        "earliest_dmy": dmy(_shift(issued, MIN_DAYS)),
        "latest": latest.isoformat(),
        "latest_dmy": dmy(latest),
        "days": days,
        "days_after": -days,
    }
    if not in_window:
        message = "same_day" if days == 0 else "after" if days < 0 else "too_old"
        expected = f"{first.isoformat()}/{last.isoformat()}"
        yield ctx.report(FEC001, message, element, attribute="fecha", value=value, expected=expected, **data)
        return
    if remaining <= warn_days:
        calm = _shift(upload, -(MAX_DAYS - warn_days - 1))  # first issue date with no warning
        yield ctx.report(
            FEC002,
            "m" if remaining else "last_day",
            element,
            attribute="fecha",
            value=value,
            expected=f">= {calm.isoformat()}",
            remaining=remaining,
            **data,
        )


def _warning_days(ctx: Context) -> int:
    raw = ctx.options(FEC002).get("dias-aviso", 7)
    try:
        return int(raw)
    except (TypeError, ValueError):
        return int(FEC002.options["dias-aviso"].default)
