"""Certificate dates: `AAAA-MM-DDT00:00:00` (dec-3.0.md §5.7) parsed strictly and leniently.

- `analyse(value)` says what is wrong with a value (problem ids with data) and, when it can,
  the corrected value. Rules render the problems in the user's language with `describe`.
- `date_part(value)` is the lenient reading other rules use to compare dates: the calendar date
  of an ISO-ordered value (`2024-08-20`, `2024-08-20T12:00:00Z`, …) or None.
- `dmy(date)` writes a date the way Mexican users read it (dd/mm/aaaa).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mec_lint.lazy_re import lazy
from mec_lint.record import Record

MEC_PATTERN = "AAAA-MM-DDT00:00:00"

_EXACT = lazy(r"^(\d{4})-(\d{2})-(\d{2})T00:00:00$")
_ISO_ORDER = lazy(
    r"""^(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})
    (?:(?P<sep>[Tt ]+)(?P<time>(?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2}))?)
       (?P<frac>[.,]\d+)?\s*(?P<ampm>[AaPp]\.?\s*[Mm]\.?)?)?
    (?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?$""",
    re.X,
)
_DAY_FIRST = lazy(r"^(?P<d>\d{1,2})(?P<s1>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<y>\d{4})(?P<rest>[Tt ].*)?$")

MONTHS_ES = (
    *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
    *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
)
MONTHS_EN = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)

# Problem id -> language -> phrase (str.format with the problem's data).
PHRASES: dict[str, dict[str, str]] = {
    "empty": {"es": "está vacío", "en": "it is empty"},
    "spaces": {"es": "tiene espacios al inicio o al final", "en": "it has leading or trailing spaces"},
    "day_first": {
        "es": "está en orden día/mes/año; se escribe año-mes-día",
        "en": "it is written day/month/year; the order is year-month-day",
    },
    "separators": {
        "es": "separa año, mes y día con «{found}» en lugar de «-»",
        "en": "it separates year, month and day with «{found}» instead of «-»",
    },
    "padding": {
        "es": "el mes y el día se escriben con dos dígitos",
        "en": "month and day take two digits",
    },
    "date_only": {
        "es": "falta la hora «T00:00:00» (el tipo es xs:dateTime, no xs:date)",
        "en": "the time «T00:00:00» is missing (the type is xs:dateTime, not xs:date)",
    },
    "time_separator": {
        "es": "separa la fecha de la hora con «{found}» en lugar de «T»",
        "en": "it separates date and time with «{found}» instead of «T»",
    },
    "time_12h": {
        "es": "la hora es «{found}»: a medianoche un formato de 12 horas (hh) escribe 12:00:00; "
        "use HH de 24 horas o un «T00:00:00» fijo",
        "en": "the time is «{found}»: at midnight a 12-hour pattern (hh) writes 12:00:00; "
        "use 24-hour HH or a fixed «T00:00:00»",
    },
    "time": {
        "es": "la hora es «{found}» y debe ser 00:00:00",
        "en": "the time is «{found}» and must be 00:00:00",
    },
    "fraction": {
        "es": "lleva fracción de segundo «{found}»",
        "en": "it carries a fraction of a second «{found}»",
    },
    "timezone": {
        "es": "lleva zona horaria «{found}» (no se usa zona horaria)",
        "en": "it carries a time zone «{found}» (no time zone is used)",
    },
    "no_month": {
        "es": "el mes {month} no existe",
        "en": "month {month} does not exist",
    },
    "no_day": {
        "es": "el día {day} no existe: {month_name} de {year} tiene {days} días",
        "en": "day {day} does not exist: {month_name_en} {year} has {days} days",
    },
    "no_year": {"es": "el año 0000 no existe", "en": "year 0000 does not exist"},
    "unrecognised": {
        "es": "no se reconoce como fecha",
        "en": "it is not recognisable as a date",
    },
}


class DateCheck(Record):
    """What `analyse` found: the calendar date (if real), the problems and the fix."""

    __slots__ = ("value", "date", "problems")

    def __init__(
        self,
        value: str,
        date: dt.date | None = None,
        problems: list[tuple[str, dict[str, Any]]] | None = None,
    ) -> None:
        self.value = value
        self.date = date
        self.problems: list[tuple[str, dict[str, Any]]] = [] if problems is None else problems

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def corrected(self) -> str | None:
        """The value in the MEC format, when the written date is a real calendar date."""
        if self.date is None or self.ok:
            return None
        return mec_format(self.date)

    @property
    def not_a_date(self) -> bool:
        return any(
            pid in ("no_month", "no_day", "no_year", "unrecognised", "empty") for pid, _ in self.problems
        )


def mec_format(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00"


def dmy(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def describe(check: DateCheck, lang: str) -> str:
    """The problems of `check` as one phrase in `lang` (es or en)."""
    parts = []
    for pid, data in check.problems:
        phrases = PHRASES[pid]
        parts.append((phrases.get(lang) or phrases["es"]).format(**data))
    return "; ".join(parts)


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without importing calendar (and locale) at start-up."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def real_date(year: int, month: int, day: int) -> tuple[dt.date | None, tuple[str, dict[str, Any]] | None]:
    """The date, or the reason it does not exist on the calendar."""
    if year < 1:
        return None, ("no_year", {})
    if not 1 <= month <= 12:
        return None, ("no_month", {"month": f"{month:02d}"})
    days = _days_in_month(year, month)
    if not 1 <= day <= days:
        data = {
            "day": f"{day:02d}",
            "year": f"{year:04d}",
            "days": days,
            "month_name": MONTHS_ES[month - 1],
            "month_name_en": MONTHS_EN[month - 1],
        }
        return None, ("no_day", data)
    return dt.date(year, month, day), None


def analyse(value: str) -> DateCheck:
    """Check `value` against `AAAA-MM-DDT00:00:00` and a real calendar date."""
    check = DateCheck(value)
    exact = _EXACT.match(value)
    if exact:
        date, reason = real_date(int(exact.group(1)), int(exact.group(2)), int(exact.group(3)))
        check.date = date
        if reason is not None:
            check.problems.append(reason)
        return check
    if not value.strip():
        check.problems.append(("empty", {}))
        return check
    text = value.strip()
    if text != value:
        check.problems.append(("spaces", {}))
    match = _ISO_ORDER.match(text)
    if match is None:
        day_first = _DAY_FIRST.match(text)
        if day_first is None:
            check.problems.append(("unrecognised", {}))
            return check
        check.problems.append(("day_first", {}))
        date, reason = real_date(int(day_first["y"]), int(day_first["m"]), int(day_first["d"]))
        check.date = date
        if reason is not None:
            check.problems.append(reason)
        return check
    separators = {match["s1"], match["s2"]} - {"-"}
    if separators:
        check.problems.append(("separators", {"found": "".join(sorted(separators))}))
    if len(match["m"]) != 2 or len(match["d"]) != 2:
        check.problems.append(("padding", {}))
    _time_problems(match, check)
    date, reason = real_date(int(match["y"]), int(match["m"]), int(match["d"]))
    check.date = date
    if reason is not None:
        check.problems.append(reason)
    return check


def _time_problems(match: re.Match[str], check: DateCheck) -> None:
    if match["time"] is None:
        check.problems.append(("date_only", {}))
    else:
        if match["sep"] != "T":
            check.problems.append(("time_separator", {"found": match["sep"]}))
        hours, minutes, seconds = int(match["H"]), int(match["M"]), int(match["S"] or 0)
        shown = match["time"] + (" " + match["ampm"] if match["ampm"] else "")
        if hours == 12 and minutes == 0 and seconds == 0:
            check.problems.append(("time_12h", {"found": shown}))
        elif _not_midnight(match, hours, minutes, seconds):
            check.problems.append(("time", {"found": shown}))
        if match["frac"]:
            check.problems.append(("fraction", {"found": match["frac"]}))
    if match["tz"]:
        check.problems.append(("timezone", {"found": match["tz"]}))


def _not_midnight(match: re.Match[str], hours: int, minutes: int, seconds: int) -> bool:
    if (hours, minutes, seconds) != (0, 0, 0) or match["S"] is None or match["ampm"]:
        return True
    return (len(match["H"]), len(match["M"]), len(match["S"])) != (2, 2, 2)


def date_part(value: str | None) -> dt.date | None:
    """The calendar date of an ISO-ordered value, however its time part looks; None otherwise."""
    if value is None:
        return None
    try:
        return _DATE_PARTS[value]  # a run repeats a few dates many times (issue, RVOE, births)
    except KeyError:
        pass
    match = _ISO_ORDER.match(value.strip())
    date = None if match is None else real_date(int(match["y"]), int(match["m"]), int(match["d"]))[0]
    if len(_DATE_PARTS) >= 4096:
        _DATE_PARTS.clear()
    _DATE_PARTS[value] = date
    return date


_DATE_PARTS: dict[str, dt.date | None] = {}
