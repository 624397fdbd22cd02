"""Spanish for the words click/typer print around our (already Spanish) help texts."""

from __future__ import annotations

import re

_PHRASES: tuple[tuple[str, str], ...] = (
    ("Show this message and exit.", "Muestra esta ayuda y termina."),
    ("Install completion for the current shell.", "Instala el autocompletado para el shell actual."),
    (
        "Show completion for the current shell, to copy it or customize the installation.",
        "Muestra el autocompletado para el shell actual, para copiarlo o ajustar la instalación.",
    ),
)
_LINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Usage: ", re.M), "Uso: "),
    (re.compile(r"^Options:$", re.M), "Opciones:"),
    (re.compile(r"^Arguments:$", re.M), "Argumentos:"),
    (re.compile(r"^Commands:$", re.M), "Comandos:"),
    (re.compile(r"\[OPTIONS\]"), "[OPCIONES]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMANDO [ARGUMENTOS]..."),
    (re.compile(r"\[required\]"), "[obligatorio]"),
    (re.compile(r"\[default: "), "[por omisión: "),
)


def translate(text: str) -> str:
    """The help screen with click's English framing words in Spanish.

    Click wraps long lines, so phrases are matched with any run of blanks between words.
    """
    for english, spanish in _PHRASES:
        words = r"\s+".join(re.escape(word) for word in english.split())
        text = re.sub(words, spanish, text)
    for line, spanish in _LINES:
        text = line.sub(spanish, text)
    return text
