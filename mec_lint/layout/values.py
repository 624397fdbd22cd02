"""Cell value conversions and the cell-level checks of layout.md "Cell rules"."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from mec_lint.layout.model import Cell

_DIGITS = re.compile(r"[0-9]+")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
MAX_EXACT_FLOAT_INT = 10**15  # above this Excel (IEEE double, 15 significant digits) loses digits


def integral(cell: Cell) -> int | None:
    """The integer a numeric cell holds (101.0 -> 101), else None."""
    value = cell.value
    if cell.kind != "n" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def key(cell: Cell | None, width: int = 0, integer: bool = False) -> str | None:
    """The text an id cell stands for, for lookups: numbers as integers (zero-padded to `width`),
    text stripped (`integer`: digits without leading zeros, so "0101" joins 101 instead of
    cascading into missing-reference findings; LAY004 reports the zeros). None for a blank cell."""
    if cell is None:
        return None
    value = cell.value
    if value.__class__ is int and cell.kind == "n":  # the usual id: no other check applies
        return str(value).zfill(width) if width else str(value)
    if cell.blank:
        return None
    number = integral(cell)
    if number is not None:
        return str(number).zfill(width) if width else str(number)
    if isinstance(cell.value, str):
        text = cell.value.strip()
        if width and _DIGITS.fullmatch(text):
            return text.zfill(width)
        if integer and _DIGITS.fullmatch(text):
            return str(int(text))
        return text
    return cell.shown


def decimal(cell: Cell | None) -> Decimal | None:
    """A number from a numeric cell or numeric text ("6.00", "7"), else None."""
    if cell is None:
        return None
    value = cell.value
    if (value.__class__ is int or value.__class__ is float) and cell.kind == "n":  # not a bool
        return _number_decimal(value)
    if cell.blank or isinstance(value, bool):
        return None
    if cell.kind == "n" and isinstance(value, int | float):
        return _number_decimal(value)
    if isinstance(cell.value, str):
        return parse_decimal(cell.value)
    return None


def _number_decimal(value: int | float) -> Decimal:
    """A cell's number as a Decimal (a float's decided once per distinct value: credits repeat;
    an integer, which may have any number of digits, is not kept)."""
    return _float_decimal(value) if isinstance(value, float) else Decimal(value)


@lru_cache(maxsize=4096)
def _float_decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def parse_decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    stripped = text.strip()
    if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", stripped):
        return None
    try:
        return Decimal(stripped)
    except InvalidOperation:
        return None


def leading_zero_digits(number_format: str) -> int:
    """How many digits a number format always shows ("0000" -> 4, "General" -> 0)."""
    if len(number_format) > _MEMO_CHARS:  # no real format is that long: not kept
        return _leading_zero_digits.__wrapped__(number_format)
    return _leading_zero_digits(number_format)


_MEMO_CHARS = 255  # Excel's longest number format: longer texts are never memoised


@lru_cache(maxsize=1024)
def _leading_zero_digits(number_format: str) -> int:
    section = _QUOTED.sub("", number_format.split(";")[0])
    integer_part = section.split(".")[0]
    return integer_part.count("0")


def displayed(cell: Cell) -> str:
    """What Excel shows for an integral number under its format: 101 as "0101" with "0000",
    as "1.01E+02" with "0.00E+00"; otherwise the cell's text."""
    number = integral(cell)
    if number is None:
        return cell.shown
    section = _QUOTED.sub("", cell.number_format.split(";")[0]).upper()
    if "E" in section.replace("GENERAL", ""):
        mantissa, _, exponent = section.partition("E")
        decimals = mantissa.split(".")[1].count("0") if "." in mantissa else 0
        text = f"{number:.{decimals}E}"
        head, _, power = text.partition("E")
        sign, power = power[0], power[1:].lstrip("0") or "0"
        return f"{head}E{sign}{power.zfill(max(exponent.count('0'), 1))}"
    return str(number).zfill(leading_zero_digits(cell.number_format))


def _scientific(number_format: str) -> bool:
    """Whether a number format shows numbers in scientific notation (1.01E+02)."""
    if len(number_format) > _MEMO_CHARS:
        return _scientific_format.__wrapped__(number_format)
    return _scientific_format(number_format)


@lru_cache(maxsize=1024)
def _scientific_format(number_format: str) -> bool:
    return "E" in number_format.upper().replace("GENERAL", "")


def id_problem(cell: Cell) -> tuple[str, str | None] | None:
    """ID_CARRERA / ID_ASIGNATURA: a positive integer without leading zeros.

    Returns (message id, suggested value or None) or None when the cell is fine."""
    value = cell.value
    if cell.blank:
        return ("empty", None)
    if cell.kind == "n" and not isinstance(value, bool) and isinstance(value, int | float):
        number = integral(cell)
        if number is None:
            return ("decimal", None)
        if number <= 0:
            return ("not_positive", None)
        if abs(number) >= MAX_EXACT_FLOAT_INT:
            return ("too_big", None)
        if _scientific(cell.number_format):
            return ("scientific", str(number))
        shown = leading_zero_digits(cell.number_format)
        if shown > len(str(number)):
            return ("zero_format", str(number))
        return None
    if isinstance(value, str):
        text = value
        stripped = text.strip()
        if stripped != text and _DIGITS.fullmatch(stripped):
            fixed = stripped.lstrip("0") or None
            return ("spaces", fixed)
        if _DIGITS.fullmatch(stripped):
            if stripped.startswith("0"):
                return ("leading_zeros", stripped.lstrip("0") or None)
            return None
        parsed = parse_decimal(stripped)
        if parsed is not None and parsed == parsed.to_integral_value() and parsed > 0:
            return ("not_integer", str(int(parsed)))
        try:
            as_float = float(stripped)
        except ValueError:
            return ("not_integer", None)
        if as_float.is_integer() and as_float > 0:
            return ("not_integer", str(int(as_float)))
        return ("not_integer", None)
    return ("not_integer", None)


def padded_problem(cell: Cell, width: int, text_width: bool = True) -> tuple[str, str | None] | None:
    """ID_CAMPUS / ID_ENTIDAD_FEDERATIVA: digits as text, leading zeros kept.

    A number that lost a leading zero (9 for "09") is wrong; a number whose digits are all there
    (90872 is not, 123456 is, for width 6) is left alone: nothing was lost."""
    if cell.blank:
        return None  # the required-value rule reports it
    value = cell.value
    if cell.kind == "n" and not isinstance(value, bool):
        number = integral(cell)
        if number is None or number < 0:
            return ("not_digits", None)
        digits = str(number)
        if len(digits) < width:
            return ("number_lost_zeros", digits.zfill(width))
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if not _DIGITS.fullmatch(stripped):
            return ("not_digits", None)
        if stripped != value:
            return ("spaces", stripped.zfill(width))
        if text_width and len(stripped) < width:
            return ("text_short", stripped.zfill(width))
        return None
    return ("not_digits", None)


_RVOE = re.compile(r"[0-9]+|(DECRETO|ACUERDO)( [0-9]+)?")


def rvoe_problem(cell: Cell) -> tuple[str, str | None] | None:
    """NO_RVOE: digits, or DECRETO/ACUERDO in capitals plus an optional number."""
    if cell.blank:
        return None
    value = cell.value
    if cell.kind == "n" and not isinstance(value, bool):
        number = integral(cell)
        return None if number is not None and number > 0 else ("format", None)
    if not isinstance(value, str):
        return ("format", None)
    if _RVOE.fullmatch(value):
        return None
    suggestion = _rvoe_suggestion(value)
    stripped = " ".join(value.split())
    if _RVOE.fullmatch(stripped):
        return ("spaces", stripped)
    if _RVOE.fullmatch(stripped.upper()):
        return ("capitals", stripped.upper())
    return ("format", suggestion)


def _rvoe_suggestion(text: str) -> str | None:
    upper = " ".join(text.upper().split())
    upper = re.sub(r"^(RVOE|R\.V\.O\.E\.?)\s*(NO\.?|N[UÚ]M\.?|NUMERO|NÚMERO)?\s*[-:#]?\s*", "", upper)
    upper = re.sub(
        r"^(DECRETO|ACUERDO)\s*(NO\.?|N[UÚ]M\.?|NUMERO|NÚMERO)?\s*[-:#.]?\s*", r"\1 ", upper
    ).strip()
    return upper if _RVOE.fullmatch(upper) else None


_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_YMD = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date_value(cell: Cell) -> dt.date | str:
    """A date cell or `dd/mm/aaaa` / `aaaa-mm-dd` text as a date, else a message id."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if cell.kind == "n":
        return "number_not_date"
    if not isinstance(value, str):
        return "not_date"
    text = value.strip()
    match = _DMY.fullmatch(text)
    parts: tuple[int, int, int] | None = None
    if match:
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    else:
        match = _YMD.fullmatch(text)
        if match:
            parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if parts is None:
        return "not_date"
    try:
        return dt.date(*parts)
    except ValueError:
        return "impossible_date"


def shown_decimal(number: Decimal | None) -> str:
    if number is None:
        return ""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
