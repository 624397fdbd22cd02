"""An independent generator of Programa de Estudios workbooks, written from layout.md only.

It does not use `mec_lint.layout.samples` nor the fixture scripts: the point is to build workbooks the
way an institution (or SEP's own inconsistent templates) might, and see whether mec-lint agrees
with the spec on them.

`Style` varies what layout.md allows (spellings, title rows, column order, extra sheets/columns,
how ids, dates and keys are stored). `build(style, data, overrides)` returns the .xlsx bytes and a
map (sheet, column, data index) -> (sheet title, row, coordinate) so tests can assert where a
finding points. `overrides` replaces one logical cell by a raw value (and optional number format):
the mutations of the tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from typing import Any

# The data matches mec_lint.testing.make_certificate() defaults for carrera 101 (campus 090872).
INSTITUTIONS: list[dict[str, Any]] = [
    {"ID_INSTITUCION": 20871, "NOMBRE_INSTITUCION": "UNIVERSIDAD EJEMPLO DEL CENTRO"},
]
CAMPUSES: list[dict[str, Any]] = [
    {"ID_CAMPUS": "090872", "NOMBRE_CAMPUS": "ÚNICO", "ID_ENTIDAD_FEDERATIVA": "09", "ID_INSTITUCION": 20871},
    {
        "ID_CAMPUS": "150001",
        "NOMBRE_CAMPUS": "TOLUCA",
        "ID_ENTIDAD_FEDERATIVA": "15",
        "ID_INSTITUCION": 20871,
    },
]
CARRERAS: list[dict[str, Any]] = [
    {
        "ID_CARRERA": 101,
        "CLAVE_CARRERA": "LADM",
        "NOMBRE_CARRERA": "LICENCIATURA EN ADMINISTRACIÓN",
        "ID_CAMPUS": "090872",
        "NO_RVOE": "20181234",
        "FECHA_RVOE": dt.date(2018, 6, 15),
        "CLAVE_PLAN": "2018",
        "ID_NIVEL_ESTUDIOS": 81,
        "ID_TIPO_PERIODO": 93,
        "NUMERO_CICLOS": 2,
        "CALIF_MINIMA": 5,
        "CALIF_MAXIMA": 10,
        "CALIF_APROBATORIA": 6,
        "TOTAL_ASIGNATURAS": 3,
        "TOTAL_CREDITOS": 21,
    },
    {
        "ID_CARRERA": 102,
        "CLAVE_CARRERA": "LDER",
        "NOMBRE_CARRERA": "LICENCIATURA EN DERECHO",
        "ID_CAMPUS": "090872",
        "NO_RVOE": "ACUERDO 1980",
        "FECHA_RVOE": dt.date(1980, 3, 1),
        "CLAVE_PLAN": "DGES 123456789123",
        "ID_NIVEL_ESTUDIOS": 81,
        "ID_TIPO_PERIODO": 91,
        "NUMERO_CICLOS": 8,
        "CALIF_MINIMA": 0,
        "CALIF_MAXIMA": 100,
        "CALIF_APROBATORIA": 70,
        "TOTAL_ASIGNATURAS": 2,
        "TOTAL_CREDITOS": 16.5,
    },
    {
        "ID_CARRERA": 201,
        "CLAVE_CARRERA": "MED",
        "NOMBRE_CARRERA": "MAESTRÍA EN EDUCACIÓN",
        "ID_CAMPUS": "150001",
        "NO_RVOE": "DECRETO",
        "FECHA_RVOE": dt.date(2001, 12, 31),
        "CLAVE_PLAN": "2001",
        "ID_NIVEL_ESTUDIOS": 82,
        "ID_TIPO_PERIODO": 262,
        "NUMERO_CICLOS": 1,
        "CALIF_MINIMA": 5,
        "CALIF_MAXIMA": 10,
        "CALIF_APROBATORIA": 7,
        "TOTAL_ASIGNATURAS": 1,
        "TOTAL_CREDITOS": 8,
    },
]
ASIGNATURAS: list[dict[str, Any]] = [
    {
        "ID_CARRERA": 101,
        "ID_ASIGNATURA": 1010101,
        "CLAVE_ASIGNATURA": "ADM-101",
        "NOMBRE_ASIGNATURA": "ADMINISTRACIÓN I",
        "CICLO": 1,
        "ID_TIPO_ASIGNATURA": 263,
        "CREDITOS": 7,
    },
    {
        "ID_CARRERA": 101,
        "ID_ASIGNATURA": 1010102,
        "CLAVE_ASIGNATURA": "MAT-101",
        "NOMBRE_ASIGNATURA": "MATEMÁTICAS I",
        "CICLO": 1,
        "ID_TIPO_ASIGNATURA": 263,
        "CREDITOS": 7,
    },
    {
        "ID_CARRERA": 101,
        "ID_ASIGNATURA": 1010203,
        "CLAVE_ASIGNATURA": "ADM-201",
        "NOMBRE_ASIGNATURA": "ADMINISTRACIÓN II",
        "CICLO": 2,
        "ID_TIPO_ASIGNATURA": 263,
        "CREDITOS": 7,
    },
    {
        "ID_CARRERA": 101,
        "ID_ASIGNATURA": 1010299,
        "CLAVE_ASIGNATURA": "TUT-1",
        "NOMBRE_ASIGNATURA": "TUTORÍAS",
        "CICLO": 2,
        "ID_TIPO_ASIGNATURA": 266,
        "CREDITOS": 0,
    },
    {
        "ID_CARRERA": 102,
        "ID_ASIGNATURA": 1020101,
        "CLAVE_ASIGNATURA": "DER-1",
        "NOMBRE_ASIGNATURA": "DERECHO ROMANO",
        "CICLO": 1,
        "ID_TIPO_ASIGNATURA": 263,
        "CREDITOS": 8.25,
    },
    {
        "ID_CARRERA": 102,
        "ID_ASIGNATURA": 1020102,
        "CLAVE_ASIGNATURA": "DER-2",
        "NOMBRE_ASIGNATURA": "SOCIOLOGÍA",
        "CICLO": 1,
        "ID_TIPO_ASIGNATURA": 264,
        "CREDITOS": 8.25,
    },
    {
        "ID_CARRERA": 201,
        "ID_ASIGNATURA": 2010101,
        "CLAVE_ASIGNATURA": "EDU-1",
        "NOMBRE_ASIGNATURA": "DIDÁCTICA",
        "CICLO": 1,
        "ID_TIPO_ASIGNATURA": 263,
        "CREDITOS": 8,
    },
]

SHEET_ORDER = ("INSTITUCION", "CAMPUS", "CARRERAS", "ASIGNATURAS")
COLUMNS: dict[str, tuple[str, ...]] = {
    "INSTITUCION": ("ID_INSTITUCION", "NOMBRE_INSTITUCION"),
    "CAMPUS": ("ID_CAMPUS", "NOMBRE_CAMPUS", "ID_ENTIDAD_FEDERATIVA", "ID_INSTITUCION"),
    "CARRERAS": (
        "ID_CARRERA",
        "CLAVE_CARRERA",
        "NOMBRE_CARRERA",
        "ID_CAMPUS",
        "NO_RVOE",
        "FECHA_RVOE",
        "CLAVE_PLAN",
        "ID_NIVEL_ESTUDIOS",
        "ID_TIPO_PERIODO",
        "NUMERO_CICLOS",
        "CALIF_MINIMA",
        "CALIF_MAXIMA",
        "CALIF_APROBATORIA",
        "TOTAL_ASIGNATURAS",
        "TOTAL_CREDITOS",
    ),
    "ASIGNATURAS": (
        "ID_CARRERA",
        "ID_ASIGNATURA",
        "CLAVE_ASIGNATURA",
        "NOMBRE_ASIGNATURA",
        "CICLO",
        "ID_TIPO_ASIGNATURA",
        "CREDITOS",
    ),
}
OPTIONAL = {
    "NOMBRE_INSTITUCION",
    "NOMBRE_CAMPUS",
    "CLAVE_CARRERA",
    "NOMBRE_CARRERA",
    "NUMERO_CICLOS",
    "TOTAL_ASIGNATURAS",
    "TOTAL_CREDITOS",
    "CLAVE_ASIGNATURA",
    "NOMBRE_ASIGNATURA",
    "CICLO",
}
ID_COLUMNS = {"ID_CARRERA", "ID_ASIGNATURA"}

# Spellings of SEP templates and public echoes (layout.md «What is not public»).
SEP_HEADERS = {
    "ID_CARRERA": "ID_ CARRERA (Generado por la Institución para el Layout de Programas)",
    "ID_ASIGNATURA": "ID_ ASIGNATURA (Generado por la Institución para el Layout de Programas)",
    "FECHA_RVOE": "Fecha_RVOE",
    "CALIF_MINIMA": "CALIF_MÍNIMA",
    "CALIF_MAXIMA": "CALIF_MÁXIMA",
    "CALIF_APROBATORIA": "MÍNIMA_APROBATORIA",
    "ID_INSTITUCION": "ID_INSTITUCIÓN",
    "NUMERO_CICLOS": "NÚMERO_CICLOS",
    "CREDITOS": "CRÉDITOS",
    "NO_RVOE": "NO_ RVOE",
    "ID_CAMPUS": "Id Campus",
    "ID_ENTIDAD_FEDERATIVA": "ID_ENTIDAD_FEDERATIVA (catálogo)",
    "NOMBRE_ASIGNATURA": "Nombre de la asignatura",
}
SEP_SHEETS = {
    "INSTITUCION": "INSTITUCIÓN",
    "CAMPUS": "Campus",
    "CARRERAS": "Carreras",
    "ASIGNATURAS": "ASIGNATURAS ",
}


@dataclass(frozen=True)
class Style:
    headers: str = "canonical"  # canonical | sep | lower
    sheets: str = "canonical"  # canonical | sep | singular
    title_rows: int = 0  # title rows above each header (SEP templates have them)
    order: str = "spec"  # spec | reversed | rotated
    extra_columns: bool = False
    extra_sheets: bool = False
    instructions: str | None = "INSTRUCCIONES"  # or INSTRUCIONES (SEP), or None
    ids: str = "int"  # int | float | text  (ID_CARRERA / ID_ASIGNATURA)
    other_numbers: str = "int"  # int | float | text (catalog ids, grades, credits, totals)
    dates: str = "date"  # date | datetime | dmy | ymd
    clave_plan_number: bool = False  # CLAVE_PLAN 2018 as a numeric cell
    rvoe_number: bool = False  # NO_RVOE digits as a numeric cell
    optional: bool = True  # optional columns present
    formulas: bool = False  # totals as formulas with cached values
    formulas_without_cache: bool = False
    formula_cells: tuple[str, ...] = ()  # "SHEET.COLUMN" written as formulas with cached values
    drop: tuple[str, ...] = ()  # "SHEET" or "SHEET.COLUMN" left out (structure mutations)


@dataclass(frozen=True)
class Place:
    title: str
    row: int
    cell: str


@dataclass
class Built:
    raw: bytes
    places: dict[tuple[str, str, int], Place] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def place(self, sheet: str, column: str, index: int) -> Place:
        return self.places[(sheet, column, index)]


def default_data() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(
        {"INSTITUCION": INSTITUTIONS, "CAMPUS": CAMPUSES, "CARRERAS": CARRERAS, "ASIGNATURAS": ASIGNATURAS}
    )


def _letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_title(style: Style, sheet: str) -> str:
    if style.sheets == "sep":
        return SEP_SHEETS[sheet]
    if style.sheets == "singular":
        return {"CARRERAS": "CARRERA", "ASIGNATURAS": "ASIGNATURA", "INSTITUCION": "INSTITUCIONES"}.get(
            sheet, sheet
        )
    return sheet


def _header(style: Style, column: str) -> str:
    if style.headers == "sep":
        return SEP_HEADERS.get(column, column)
    if style.headers == "lower":
        return column.lower().replace("_", " ")
    return column


def _columns(style: Style, sheet: str) -> list[str]:
    columns = [c for c in COLUMNS[sheet] if style.optional or c not in OPTIONAL]
    if style.order == "reversed":
        columns.reverse()
    elif style.order == "rotated":
        columns = columns[2:] + columns[:2]
    return columns


def _store(style: Style, column: str, value: Any) -> tuple[Any, str | None]:
    """How the logical `value` of `column` is written: (cell value, number format or None)."""
    if value is None:
        return None, None
    if column in ID_COLUMNS:
        if style.ids == "float":
            return float(value), None
        if style.ids == "text":
            return str(value), "@"
        return int(value), None
    if column == "FECHA_RVOE":
        assert isinstance(value, dt.date)
        if style.dates == "datetime":
            return dt.datetime.combine(value, dt.time()), "dd/mm/yyyy hh:mm"
        if style.dates == "dmy":
            return value.strftime("%d/%m/%Y"), "@"
        if style.dates == "ymd":
            return value.isoformat(), "@"
        return value, "dd/mm/yyyy"
    if column == "CLAVE_PLAN" and style.clave_plan_number and str(value).isdigit():
        return int(value), None
    if column == "NO_RVOE" and style.rvoe_number and str(value).isdigit():
        return int(value), None
    if column in ("ID_CAMPUS", "ID_ENTIDAD_FEDERATIVA", "CLAVE_PLAN", "NO_RVOE"):
        return str(value), "@"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if style.other_numbers == "float":
            return float(value), None
        if style.other_numbers == "text":
            return (str(value) if not isinstance(value, float) else f"{value:.2f}"), "@"
    return value, None


_SENTINEL = object()


def build(
    style: Style | None = None,
    data: dict[str, list[dict[str, Any]]] | None = None,
    overrides: dict[tuple[str, str, int], Any] | None = None,
) -> Built:
    """The workbook bytes. `overrides[(sheet, column, index)]` = raw value or (raw value, number format)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    style = style or Style()
    data = data if data is not None else default_data()
    overrides = overrides or {}
    workbook = Workbook()
    workbook.remove(workbook.active)
    built = Built(b"")
    formulas: dict[str, dict[str, Any]] = {}  # sheet title -> coordinate -> cached value
    if style.instructions:
        sheet = workbook.create_sheet(style.instructions)
        sheet.sheet_properties.tabColor = "FF0000"
        sheet["A1"] = "INSTRUCCIONES PARA EL LLENADO DEL LAYOUT DE PROGRAMAS"
        sheet["A2"] = "ID_CARRERA: número entero sin ceros a la izquierda."
        sheet["A3"] = "ID_ASIGNATURA"  # free text that looks like a header must not matter
    if style.extra_sheets:
        extra = workbook.create_sheet("CATALOGOS")
        extra.append(["ID_NIVEL_ESTUDIOS", "NIVEL"])
        extra.append([81, "LICENCIATURA"])
        extra.append(["ID_CARRERA", "texto"])  # looks like data, in an unknown sheet
        extra.append(["0101", "ignorado"])
    for name in SHEET_ORDER:
        if name in style.drop:
            continue
        title = _sheet_title(style, name)
        built.titles[name] = title
        sheet = workbook.create_sheet(title)
        columns = [c for c in _columns(style, name) if f"{name}.{c}" not in style.drop]
        if style.extra_columns:
            columns = ["OBSERVACIONES", *columns, "NOTAS INTERNAS"]
        row = 1
        for number in range(style.title_rows):
            sheet.cell(row=row, column=1, value=f"PROGRAMA DE ESTUDIOS — {name} ({number + 1})").font = Font(
                bold=True
            )
            row += 1
        for index, column in enumerate(columns, start=1):
            text = _header(style, column) if column in COLUMNS[name] else column
            sheet.cell(row=row, column=index, value=text).font = Font(bold=True)
        header_row = row
        for position, record in enumerate(data[name]):
            row = header_row + 1 + position
            for index, column in enumerate(columns, start=1):
                coordinate = f"{_letter(index)}{row}"
                if column not in COLUMNS[name]:
                    sheet.cell(row=row, column=index, value="texto libre 0001" if position % 2 else None)
                    continue
                built.places[(name, column, position)] = Place(title, row, coordinate)
                key = (name, column, position)
                if key in overrides:
                    raw = overrides[key]
                    value, fmt = raw if isinstance(raw, tuple) else (raw, None)
                else:
                    value, fmt = _store(style, column, record.get(column))
                totals = (style.formulas or style.formulas_without_cache) and (
                    name == "CARRERAS" and column in ("TOTAL_ASIGNATURAS", "TOTAL_CREDITOS")
                )
                as_formula = totals or f"{name}.{column}" in style.formula_cells
                if as_formula and value is not None and key not in overrides:
                    formulas.setdefault(title, {})[coordinate] = value
                    if isinstance(value, dt.date):
                        value = f"=DATE({value.year},{value.month},{value.day})"  # keeps its date format
                    elif isinstance(value, str):
                        value = f'=TEXT({value},"0")'
                    else:
                        value, fmt = f"=SUM({value},0)", None
                cell = sheet.cell(row=row, column=index, value=value)
                if fmt:
                    cell.number_format = fmt
    stream = io.BytesIO()
    workbook.save(stream)
    raw = stream.getvalue()
    if formulas and not style.formulas_without_cache:
        raw = _add_cached_values(raw, workbook, formulas)
    built.raw = raw
    return built


def _add_cached_values(raw: bytes, workbook: Any, formulas: dict[str, dict[str, Any]]) -> bytes:
    """openpyxl cannot write cached values of formulas: add `<v>` to each formula cell's XML."""
    paths = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(workbook.worksheets, start=1)}
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for title, cached in formulas.items():
                if info.filename != paths[title]:
                    continue
                text = data.decode("utf-8")
                for coordinate, value in cached.items():
                    pattern = re.compile(
                        rf'(<c r="{coordinate}")([^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?(</c>)'
                    )

                    def cached(m: re.Match[str], v: Any = value) -> str:
                        attrs = re.sub(r'\st="[^"]*"', "", m.group(2))
                        kind = ' t="str"' if isinstance(v, str) else ""
                        return f"{m.group(1)}{kind}{attrs}{m.group(3)}<v>{_xml(v)}</v>{m.group(5)}"

                    text, count = pattern.subn(cached, text)
                    assert count == 1, (coordinate, text[:400])
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _xml(value: Any) -> str:
    if isinstance(value, dt.date):
        value = (value - dt.date(1899, 12, 30)).days
    return str(value).replace("&", "&amp;").replace("<", "&lt;")


VALID_STYLES: dict[str, Style] = {
    "plain": Style(),
    "sep-spellings": Style(headers="sep", sheets="sep", instructions="INSTRUCIONES", title_rows=2),
    "lower-headers-singular-sheets": Style(headers="lower", sheets="singular", order="reversed"),
    "float-ids": Style(ids="float", other_numbers="float", dates="datetime"),
    "text-ids": Style(ids="text", other_numbers="text", dates="dmy"),
    "ymd-dates": Style(dates="ymd", order="rotated", extra_columns=True, extra_sheets=True),
    "numeric-keys": Style(clave_plan_number=True, rvoe_number=True),
    "no-optional-columns": Style(optional=False, instructions=None),
    "formulas-cached": Style(formulas=True, headers="sep", title_rows=1),
    "formula-keys": Style(
        formula_cells=(
            "CAMPUS.ID_CAMPUS",
            "CAMPUS.ID_ENTIDAD_FEDERATIVA",
            "CARRERAS.NO_RVOE",
            "ASIGNATURAS.CREDITOS",
            "CARRERAS.ID_CARRERA",
            "CARRERAS.FECHA_RVOE",
        ),
    ),
    "everything": Style(
        headers="sep",
        sheets="sep",
        title_rows=3,
        order="reversed",
        extra_columns=True,
        extra_sheets=True,
        instructions="INSTRUCIONES",
        ids="float",
        dates="dmy",
        clave_plan_number=True,
        formulas=True,
    ),
}


def with_style(base: Style, **changes: Any) -> Style:
    return replace(base, **changes)
