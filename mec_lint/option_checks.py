"""Value checks for rule options (`Option.check`): each returns None, or what is wrong in Spanish.

The type of an option is checked first (`Option.validate`); these say whether a value of the right
type makes sense, so a configuration file with `tolerancia: abc` or `days: -5` stops with a
located error (exit 2) instead of being silently ignored by the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

Check = Callable[[Any], "str | None"]


def integer_at_least(minimum: int) -> Check:
    def check(value: Any) -> str | None:
        return None if value >= minimum else f"se espera un entero ≥ {minimum}"

    return check


def decimal_at_least(minimum: int) -> Check:
    def check(value: Any) -> str | None:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if number.is_finite() and number >= minimum:
            return None
        return f'se espera un número ≥ {minimum}, p. ej. "0.01"'

    return check


def one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        if str(value).strip().lower() in allowed:
            return None
        return "se espera uno de: " + ", ".join(allowed)

    return check


def scalar_list(value: Any) -> str | None:
    """A list of ids or texts (YAML may read `266` as a number: both are accepted)."""
    bad = [item for item in value if isinstance(item, bool) or not isinstance(item, str | int)]
    return None if not bad else f"se espera una lista de textos o números; no se admite {bad[0]!r}"


def subset_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        problem = scalar_list(value)
        if problem is not None:
            return problem
        unknown = [str(item) for item in value if str(item) not in allowed]
        return None if not unknown else f"{unknown[0]!r} no es válido; posibles: " + ", ".join(allowed)

    return check


def regular_expression(value: Any) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"no es una expresión regular válida ({exc})"
    return None


def letters(value: Any) -> str | None:
    text = "".join(str(value).split())
    return None if text.isalpha() else "se esperan letras, p. ej. HM o HMX"


def positive_counts(value: Any) -> str | None:
    """{id: number}: each key an id (text or number), each value an integer ≥ 1."""
    for key, count in value.items():
        if isinstance(key, bool) or not isinstance(key, str | int):
            return f"la clave {key!r} debe ser un id (texto o número)"
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            return f"el valor de {key!r} debe ser un entero ≥ 1, no {count!r}"
    return None
