"""Sheet and column names of the layout: canonical names, normalisation and aliases (layout.md)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Canonical sheets and their columns: (name, required). layout.md "The layout mec-lint reads".
SHEETS: dict[str, tuple[tuple[str, bool], ...]] = {
    "INSTITUCION": (("ID_INSTITUCION", True), ("NOMBRE_INSTITUCION", False)),
    "CAMPUS": (
        ("ID_CAMPUS", True),
        ("NOMBRE_CAMPUS", False),
        ("ID_ENTIDAD_FEDERATIVA", True),
        ("ID_INSTITUCION", True),
    ),
    "CARRERAS": (
        ("ID_CARRERA", True),
        ("CLAVE_CARRERA", False),
        ("NOMBRE_CARRERA", False),
        ("ID_CAMPUS", True),
        ("NO_RVOE", True),
        ("FECHA_RVOE", True),
        ("CLAVE_PLAN", True),
        ("ID_NIVEL_ESTUDIOS", True),
        ("ID_TIPO_PERIODO", True),
        ("NUMERO_CICLOS", False),
        ("CALIF_MINIMA", True),
        ("CALIF_MAXIMA", True),
        ("CALIF_APROBATORIA", True),
        ("TOTAL_ASIGNATURAS", False),
        ("TOTAL_CREDITOS", False),
    ),
    "ASIGNATURAS": (
        ("ID_CARRERA", True),
        ("ID_ASIGNATURA", True),
        ("CLAVE_ASIGNATURA", False),
        ("NOMBRE_ASIGNATURA", False),
        ("CICLO", False),
        ("ID_TIPO_ASIGNATURA", True),
        ("CREDITOS", True),
    ),
}
REQUIRED_SHEETS: tuple[str, ...] = tuple(SHEETS)
INSTRUCTIONS_SHEET = "INSTRUCCIONES"  # free text, recognised and ignored

# Spellings seen in SEP templates and public echoes (layout.md), already normalised.
SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "INSTRUCCIONES": ("INSTRUCIONES",),
    "INSTITUCION": ("INSTITUCIONES",),
    "CARRERAS": ("CARRERA",),
    "ASIGNATURAS": ("ASIGNATURA",),
}
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "CALIF_APROBATORIA": ("MINIMA_APROBATORIA", "CALIF_MINIMA_APROBATORIA"),
    # SEP's certificate template workbook "plantillaCertificacion" (layout.md, "Spellings seen in SEP's
    # own workbooks"): the campus key under its other name (leading zeros kept), the short nivel.
    "ID_CAMPUS": ("CLAVE_CAMPUS",),
    "ID_NIVEL_ESTUDIOS": ("ID_NIVEL",),
}

_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SEPARATORS = re.compile(r"[^A-Z0-9]+")


def title_rank(title: str, canonical: str) -> int:
    """How surely a sheet titled `title` (which maps to `canonical`) is that sheet of the layout:
    2 its own name (case, accents, blanks and underscores aside: «Institución», «CARRERAS »),
    1 a copy of it as Excel names one («CARRERAS (2)»), 0 anything else that maps to it: a spelling
    alias («INSTITUCIONES», «ASIGNATURA»: also the titles of SEP's catalog sheets) or a hinted
    variant («CAMPUS (catálogo)»)."""
    copy = _COPY.fullmatch(str(title))
    base = copy[1] if copy else str(title)
    decomposed = unicodedata.normalize("NFKD", base)
    plain = _SEPARATORS.sub("_", "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper())
    if plain.strip("_") != canonical:
        return 0
    return 1 if copy else 2


_COPY = re.compile(r"(.*?)\s*\(\d+\)\s*")  # «CARRERAS (2)»: Excel's name for a copied sheet


def normalise(text: str) -> str:
    """Upper-case, strip accents, drop parenthetical hints, collapse spaces/underscores/punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    previous = None
    while previous != plain:  # nested parentheses
        previous, plain = plain, _PARENTHESES.sub(" ", plain)
    return _SEPARATORS.sub("_", plain.upper()).strip("_")


@dataclass(frozen=True)
class HeaderNames:
    """Normalised spelling -> canonical name, for sheets and for the columns of each sheet."""

    sheets: dict[str, str]
    columns: dict[str, dict[str, str]]

    def sheet(self, title: str) -> str | None:
        return self.sheets.get(normalise(title))

    def column(self, sheet: str, header: str) -> str | None:
        return self.columns.get(sheet, {}).get(normalise(header))


def header_names(user_aliases: Mapping[str, Iterable[str] | str] | None = None) -> HeaderNames:
    """The lookup tables, with the user's aliases (`Config.header_aliases`) added."""
    extra: dict[str, list[str]] = {}
    for canonical, spellings in (user_aliases or {}).items():
        values = [spellings] if isinstance(spellings, str) else list(spellings or ())
        extra.setdefault(normalise(canonical), []).extend(normalise(v) for v in values if str(v).strip())
    sheets: dict[str, str] = {}
    for name in (*SHEETS, INSTRUCTIONS_SHEET):
        for spelling in (name, *SHEET_ALIASES.get(name, ()), *extra.get(name, ())):
            sheets.setdefault(spelling, name)
    columns: dict[str, dict[str, str]] = {}
    for sheet, spec in SHEETS.items():
        table: dict[str, str] = {}
        for column, _required in spec:
            table.setdefault(column, column)
        for column, _required in spec:  # aliases never shadow a canonical name
            for spelling in (*COLUMN_ALIASES.get(column, ()), *extra.get(column, ())):
                table.setdefault(spelling, column)
        columns[sheet] = table
    return HeaderNames(sheets, columns)


def required_columns(sheet: str) -> list[str]:
    return [name for name, required in SHEETS[sheet] if required]
