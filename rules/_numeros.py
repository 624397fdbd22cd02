"""Number helpers shared by the grade and totals rules (decimal.Decimal only, never floats).

Not a rule module (the leading underscore keeps the registry from loading it).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from mec_lint.lazy_re import lazy

# Bounded digit counts: no MEC number comes near them, and Decimal/int stay within their limits
# (a 27-digit value would overflow Decimal's default precision when quantized).
_DECIMAL = lazy(r"^-?\d{1,18}(?:\.\d{1,18})?$")
_INTEGER = lazy(r"^[+-]?\d{1,18}$")
_COMMA_DECIMAL = lazy(r"^-?\d+,\d+$")

CENT = Decimal("0.01")

_CACHE_SIZE = 4096
_DECIMALS: dict[str, Decimal | None] = {}


def to_decimal(text: str | None) -> Decimal | None:
    """`text` as a Decimal if it is a plain decimal number (`9`, `9.00`, `-1.5`), else None.

    Surrounding whitespace is tolerated; exponents, NaN, Infinity, commas and `.5` are not numbers.
    """
    if text is None:
        return None
    try:
        return _DECIMALS[text]  # the same few spellings (`9.00`, `7.00`) repeat in every certificate
    except KeyError:
        pass
    stripped = text.strip()
    number: Decimal | None = None
    if _DECIMAL.match(stripped):
        try:
            number = Decimal(stripped)
        except InvalidOperation:  # pragma: no cover - the pattern already rules this out
            number = None
    if len(_DECIMALS) >= _CACHE_SIZE:
        _DECIMALS.clear()
    _DECIMALS[text] = number  # Decimal is immutable: sharing one is safe
    return number


def to_int(text: str | None) -> int | None:
    """`text` as an int if it is an xs:int-like integer (`54`, ` 54 `, `+3`), else None."""
    if text is None:
        return None
    stripped = text.strip()
    if not _INTEGER.match(stripped):
        return None
    return int(stripped)


def looks_like_comma_decimal(text: str) -> bool:
    """True for `9,5`: a decimal comma where the MEC expects a point."""
    return bool(_COMMA_DECIMAL.match(text.strip()))


def decimals_of(text: str) -> int:
    """Number of digits after the decimal point as written (`9` → 0, `9.50` → 2)."""
    stripped = text.strip()
    return len(stripped.partition(".")[2])


def truncate(value: Decimal, places: int = 2) -> Decimal:
    """Cut (do not round) to `places` decimals: 8.666… → 8.66."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round half up to `places` decimals: 8.666… → 8.67, 8.665 → 8.67."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: Decimal, places: int = 2) -> str:
    """`value` written with exactly `places` decimals, truncating extra digits (9.567 → 9.56)."""
    return str(truncate(value, places)) if places > 0 else str(value.to_integral_value(rounding=ROUND_DOWN))


def plain(value: Decimal) -> str:
    """`value` without exponent or trailing zeros beyond what it needs (10.00 → 10, 9.50 → 9.5)."""
    if value == value.to_integral_value():
        return str(value.to_integral_value())
    text = format(value.normalize(), "f")
    return text


def integer_problem(value: str, zero: tuple[str, str] = ("vale cero", "it is zero")) -> tuple[str, str]:
    """What keeps `value` from being a positive integer written with digits only (Spanish, English).

    Used where the MEC wants such an integer (idCarrera, idAsignatura, numeroCiclos); `zero` words
    the all-zero case for the attribute at hand.
    """
    text = value.strip()
    if not text:
        return "está vacío", "it is empty"
    if text != value:
        return "tiene espacios al inicio o al final", "it has leading or trailing blanks"
    if text.startswith("-"):
        return "es negativo", "it is negative"
    if text.startswith("+"):
        return "lleva signo «+»", "it has a '+' sign"
    if "." in text or "," in text:
        return "tiene decimales", "it has decimals"
    if text.isascii() and text.isdigit():
        if not text.strip("0"):
            return zero
        return "tiene ceros a la izquierda", "it has leading zeros"
    return "contiene caracteres que no son dígitos", "it contains characters other than digits"
