"""CURP (Clave Única de Registro de Población): shape, embedded birth date, check digit.

Pure functions, no I/O. Used by rules/curp.py and by any rule that compares CURPs
(e.g. the signer's CURP against the e.firma certificate).

Shape (dec-3.0.md §5.6, the RENAPO shape): 18 characters,
    1–4   letters (surnames and given name)
    5–10  birth date YYMMDD
    11    sex, H or M
    12–13 state of birth (catalogs.yaml curpEntidad; NE = born abroad)
    14–16 internal consonants
    17    differentiator: a digit for births before 2000, a letter from 2000 on (RENAPO)
    18    check digit
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from mec_lint.record import Record

LENGTH = 18

# RENAPO check-digit dictionary (Ñ sits between N and O, as in the official algorithm).
DICTIONARY = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"

LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGITS = frozenset("0123456789")
CONSONANTS = frozenset("BCDFGHJKLMNPQRSTVWXYZ")
SEX_LETTERS = "HM"

# Position (1-based) -> (allowed characters, description id).
_CLASSES: tuple[tuple[frozenset[str], str], ...] = (
    *((LETTERS, "letter"),) * 4,
    *((DIGITS, "digit"),) * 6,
    (frozenset(SEX_LETTERS), "sex"),
    *((LETTERS, "letter"),) * 2,
    *((CONSONANTS, "consonant"),) * 3,
    (LETTERS | DIGITS, "letter_or_digit"),
    (DIGITS, "digit"),
)

EXTRANJERO = "EXTRANJERO"
_FOREIGN_VARIANTS = ("EXTRANJERO", "EXTRANJERA")


class ShapeProblem(Record):
    """Why a value is not a CURP: the first offending position (1-based) and what it should be."""

    __slots__ = ("kind", "position", "found", "allowed", "fixed", "spaces", "lower")

    def __init__(
        self,
        kind: str,  # "empty" | "fixable" | "length" | "position"
        position: int | None = None,
        found: str = "",
        allowed: str = "",  # description id: letter, digit, sex, consonant, letter_or_digit
        fixed: str | None = None,  # the value made valid by trimming spaces / upper-casing, if that works
        spaces: bool = False,
        lower: bool = False,
    ) -> None:
        self.kind = kind
        self.position = position
        self.found = found
        self.allowed = allowed
        self.fixed = fixed
        self.spaces = spaces
        self.lower = lower


def matches_shape(value: str, sex_letters: str = SEX_LETTERS) -> bool:
    if len(value) != LENGTH:
        return False
    return _shape_pattern(sex_letters).fullmatch(value) is not None


@lru_cache(maxsize=16)
def _shape_pattern(sex_letters: str) -> re.Pattern[str]:
    """`_CLASSES` as one regular expression (ASCII classes only, as the sets above)."""
    parts = []
    for allowed, kind in _CLASSES:
        chars = sex_letters if kind == "sex" else "".join(sorted(allowed))
        parts.append("[" + "".join(re.escape(ch) for ch in chars) + "]" if chars else "(?!)")
    return re.compile("".join(parts))


def _allowed(position: int, ch: str, sex_letters: str) -> bool:
    allowed, kind = _CLASSES[position - 1]
    if kind == "sex":
        return ch in sex_letters
    return ch in allowed


def shape_problem(value: str, sex_letters: str = SEX_LETTERS) -> ShapeProblem | None:
    """None when `value` has the CURP shape; otherwise the first thing that breaks it."""
    if matches_shape(value, sex_letters):
        return None
    if not value.strip():
        return ShapeProblem("empty")
    spaces = any(ch.isspace() for ch in value)
    lower = any(ch.islower() for ch in value)
    candidate = "".join(value.split()).upper()
    if (spaces or lower) and matches_shape(candidate, sex_letters):
        return ShapeProblem("fixable", fixed=candidate, spaces=spaces, lower=lower)
    if len(value) != LENGTH:  # a missing or extra character shifts every later position
        return ShapeProblem("length", found=str(len(value)), spaces=spaces, lower=lower)
    position, ch = next((p, c) for p, c in enumerate(value, 1) if not _allowed(p, c, sex_letters))
    return ShapeProblem("position", position, ch, _CLASSES[position - 1][1], spaces=spaces, lower=lower)


def check_digit(first17: str) -> str | None:
    """The RENAPO check digit for the first 17 characters; None if one is outside the dictionary."""
    total = 0
    for index, ch in enumerate(first17[:17]):
        position = DICTIONARY.find(ch)
        if position < 0:
            return None
        total += position * (18 - index)
    return str((10 - total % 10) % 10)


def century_of(curp: str) -> int | None:
    """1900 if position 17 is a digit, 2000 if a letter (RENAPO convention); None otherwise."""
    if len(curp) < 17:
        return None
    ch = curp[16]
    if ch in DIGITS:
        return 1900
    if ch in LETTERS:
        return 2000
    return None


def birth_date(curp: str) -> dt.date | None:
    """The birth date in positions 5–10 with the century from position 17; None if not a date."""
    century = century_of(curp)
    digits = curp[4:10]
    if century is None or len(digits) != 6 or not digits.isdigit():
        return None
    try:
        return dt.date(century + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def state_code(curp: str) -> str:
    return curp[11:13]


def sex_letter(curp: str) -> str:
    return curp[10:11]


def is_foreign_variant(value: str) -> bool:
    """`value` is a spelling of EXTRANJERO other than the exact literal (case, spaces, gender)."""
    squeezed = re.sub(r"[\s._-]+", "", value).upper()
    return squeezed in _FOREIGN_VARIANTS and value != EXTRANJERO
