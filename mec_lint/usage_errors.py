"""Click's usage errors (unknown option, bad value, missing argument) as one Spanish line.

Click prints a multi-line English block ("Usage: … Try … Error: Invalid value for …"); the
users of mec-lint read Spanish, and a CI log is clearer with one line naming the problem.
"""

from __future__ import annotations

import re
from typing import Any

from mec_lint.lazy_re import lazy

try:  # typer ≥ 0.24 vendors click as typer._click; older typers use the click package
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

UsageError = click_exceptions.UsageError

# Click's value messages (click/types.py, click/parser.py) -> Spanish.
_VALUE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy(r"^(.*) is not a valid (?:int|integer)\.?$"), r"\1 no es un número entero"),
    (lazy(r"^(.*) is not a valid float\.?$"), r"\1 no es un número"),
    (lazy(r"^(.*) is not a valid boolean\.?$"), r"\1 no es un valor booleano"),
    (lazy(r"^(.*) is not in the range x>=(\S+?)\.?$"), r"\1 no está en el rango ≥ \2"),
    (lazy(r"^(.*) is not in the range x<=(\S+?)\.?$"), r"\1 no está en el rango ≤ \2"),
    (lazy(r"^(.*) is not one of (.*?)\.?$"), r"\1 no es uno de \2"),
)
_USAGE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy(r"^Option '(.+)' requires an argument\.?$"), r"la opción \1 necesita un valor"),
    (lazy(r"^Option '(.+)' requires (\d+) arguments\.?$"), r"la opción \1 necesita \2 valores"),
    (
        lazy(r"^No such command '(.+?)'\. Did you mean '(.+)'\?$"),
        r"orden desconocida '\1' (¿quiso decir \2?)",
    ),
    (lazy(r"^No such command '(.+?)'\.?$"), r"orden desconocida '\1'"),
    (lazy(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$"), r"argumentos de más: \1"),
    (lazy(r"^Option '(.+)' does not take a value\.?$"), r"la opción \1 no lleva valor"),
)


def _translate(message: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    for pattern, spanish in table:
        if pattern.match(message):
            return pattern.sub(spanish, message)
    return message


def usage_message(exc: Any) -> str:
    """One line in Spanish for a click usage error, with where to find help."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        text = f"opción desconocida {exc.option_name}"
        if exc.possibilities:
            text += f" (¿quiso decir {', '.join(sorted(exc.possibilities))}?)"
    elif isinstance(exc, click_exceptions.MissingParameter):
        param = exc.param
        if getattr(param, "param_type_name", exc.param_type) == "argument":
            name = (param.name or "").upper() if param is not None else ""
            text = f"falta el argumento {name}".rstrip()
            if name == "PATHS":
                text += " (archivos .xml, .zip o .xlsx, o carpetas)"
        else:
            hint = exc.param_hint or (param.opts[0] if param is not None and param.opts else "")
            text = f"falta la opción {hint}".rstrip()
    elif isinstance(exc, click_exceptions.BadParameter):
        param = exc.param
        given: Any = exc.param_hint
        if given is None and param is not None:
            given = param.opts or [param.name or ""]
        label = given if isinstance(given, str) else " / ".join(given)
        text = f"valor inválido para {label}: {_translate(exc.message, _VALUE_MESSAGES)}"
    else:
        text = _translate(exc.format_message(), _USAGE_MESSAGES)
    text = " ".join(text.split())  # one line, whatever the message held
    command = exc.ctx.command_path if exc.ctx is not None else "mec-lint"
    return f"mec-lint: error de uso: {text} (vea `{command} --help`)"
