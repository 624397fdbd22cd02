"""Workbooks written from layout.md by an independent generator (gen.py): valid variants lint clean,
each single-cell mutation reports the right code at the right sheet/row/cell with the canonical header."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import gen  # noqa: E402

from mec_lint.config import Config  # noqa: E402
from mec_lint.engine import Linter  # noqa: E402
from mec_lint.findings import Finding  # noqa: E402

UPLOAD = dt.date(2024, 9, 1)


def run(tmp_path: Path, built: gen.Built, name: str = "programa.xlsx") -> tuple[list[Finding], int]:
    path = tmp_path / name
    path.write_bytes(built.raw)
    result = Linter(Config(upload_date=UPLOAD, jobs=1)).run([str(path)])
    return result.findings, result.exit_code


def show(findings: list[Finding]) -> str:
    return "\n".join(
        f"{f.code} {f.severity} {f.sheet}!{f.cell} {f.attribute}={f.value!r}: {f.message}" for f in findings
    )


@pytest.mark.parametrize("style_name", sorted(gen.VALID_STYLES))
def test_valid_variant_is_clean(tmp_path: Path, style_name: str) -> None:
    findings, exit_code = run(tmp_path, gen.build(gen.VALID_STYLES[style_name]))
    assert findings == [], show(findings)
    assert exit_code == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"ids": "text", "clave_plan_number": True},
        {"ids": "float", "dates": "ymd", "headers": "lower"},
        {"other_numbers": "text", "ids": "text", "dates": "datetime", "sheets": "sep"},
        {"rvoe_number": True, "title_rows": 5, "order": "rotated"},
    ],
)
def test_more_valid_combinations(tmp_path: Path, changes: dict[str, Any]) -> None:
    findings, exit_code = run(tmp_path, gen.build(gen.Style(**changes)))
    assert findings == [], show(findings)
    assert exit_code == 0


def test_single_campus_unico_and_seven_digit_rvoe(tmp_path: Path) -> None:
    data = gen.default_data()
    data["CAMPUS"] = data["CAMPUS"][:1]
    data["CARRERAS"] = data["CARRERAS"][:2]
    data["ASIGNATURAS"] = [a for a in data["ASIGNATURAS"] if a["ID_CARRERA"] != 201]
    data["CARRERAS"][0]["NO_RVOE"] = "ACUERDO"
    data["CARRERAS"][1]["NO_RVOE"] = "DECRETO 1234"
    findings, _ = run(tmp_path, gen.build(gen.Style(), data))
    assert findings == [], show(findings)


# (id, sheet, column, data index, raw value or (raw, number format), code)
MUTATIONS: list[tuple[str, str, str, int, Any, str]] = [
    ("carrera-text-leading-zero", "CARRERAS", "ID_CARRERA", 0, ("0101", "@"), "LAY004"),
    ("asignatura-decimal", "ASIGNATURAS", "ID_ASIGNATURA", 1, 12.5, "LAY004"),
    ("asignatura-trailing-space", "ASIGNATURAS", "ID_ASIGNATURA", 1, "12 ", "LAY004"),
    ("asignatura-1e3-text", "ASIGNATURAS", "ID_ASIGNATURA", 1, "1e3", "LAY004"),
    ("asignatura-empty", "ASIGNATURAS", "ID_ASIGNATURA", 1, None, "LAY004"),
    ("asignatura-zero-format", "ASIGNATURAS", "ID_ASIGNATURA", 1, (1010102, "00000000"), "LAY004"),
    ("asignatura-negative", "ASIGNATURAS", "ID_ASIGNATURA", 1, -5, "LAY004"),
    ("asignatura-duplicated", "ASIGNATURAS", "ID_ASIGNATURA", 1, 1010101, "LAY005"),
    ("asignatura-duplicated-other-carrera", "ASIGNATURAS", "ID_ASIGNATURA", 6, 1010101, "LAY005"),
    ("carrera-duplicated", "CARRERAS", "ID_CARRERA", 1, 101, "LAY005"),
    ("campus-number-lost-zero", "CAMPUS", "ID_CAMPUS", 0, 90872, "LAY007"),
    ("entidad-number-lost-zero", "CAMPUS", "ID_ENTIDAD_FEDERATIVA", 0, 9, "LAY007"),
    ("entidad-text-one-digit", "CAMPUS", "ID_ENTIDAD_FEDERATIVA", 0, ("9", "@"), "LAY007"),
    ("rvoe-lower-case", "CARRERAS", "NO_RVOE", 1, "acuerdo 1980", "LAY008"),
    ("rvoe-title-case", "CARRERAS", "NO_RVOE", 1, "Acuerdo 1980", "LAY008"),
    ("rvoe-prefix", "CARRERAS", "NO_RVOE", 0, "RVOE-20181234", "LAY008"),
    ("rvoe-stray-space", "CARRERAS", "NO_RVOE", 0, " 20181234", "LAY008"),
    ("rvoe-double-space", "CARRERAS", "NO_RVOE", 1, "ACUERDO  1980", "LAY008"),
    ("rvoe-decreto-lower", "CARRERAS", "NO_RVOE", 2, "decreto", "LAY008"),
    ("rvoe-empty", "CARRERAS", "NO_RVOE", 0, None, "LAY006"),
    ("clave-plan-empty", "CARRERAS", "CLAVE_PLAN", 0, None, "LAY006"),
    ("clave-plan-date", "CARRERAS", "CLAVE_PLAN", 0, (dt.date(2018, 1, 1), "yyyy-mm-dd"), "LAY009"),
    ("clave-plan-spaces", "CARRERAS", "CLAVE_PLAN", 0, "2018 ", "LAY009"),
    ("fecha-impossible", "CARRERAS", "FECHA_RVOE", 0, "31/02/2018", "LAY010"),
    ("fecha-future", "CARRERAS", "FECHA_RVOE", 0, "2030-01-15", "LAY010"),
    ("fecha-future-date-cell", "CARRERAS", "FECHA_RVOE", 0, (dt.date(2025, 1, 1), "dd/mm/yyyy"), "LAY010"),
    ("fecha-dashes-dmy", "CARRERAS", "FECHA_RVOE", 0, "15-06-2018", "LAY010"),
    ("fecha-bare-number", "CARRERAS", "FECHA_RVOE", 0, 43266, "LAY010"),
    ("fecha-words", "CARRERAS", "FECHA_RVOE", 0, "junio 2018", "LAY010"),
    ("fecha-empty", "CARRERAS", "FECHA_RVOE", 0, None, "LAY006"),
    ("nivel-unknown", "CARRERAS", "ID_NIVEL_ESTUDIOS", 0, 99, "LAY011"),
    ("periodo-unknown", "CARRERAS", "ID_TIPO_PERIODO", 0, 90, "LAY011"),
    ("tipo-asignatura-unknown", "ASIGNATURAS", "ID_TIPO_ASIGNATURA", 0, 267, "LAY011"),
    ("entidad-unknown", "CAMPUS", "ID_ENTIDAD_FEDERATIVA", 1, ("33", "@"), "LAY011"),
    ("calif-minima-equals-aprobatoria", "CARRERAS", "CALIF_MINIMA", 0, 6, "LAY012"),
    ("calif-aprobatoria-above-maxima", "CARRERAS", "CALIF_APROBATORIA", 0, 11, "LAY012"),
    ("calif-maxima-text", "CARRERAS", "CALIF_MAXIMA", 0, "diez", "LAY012"),
    ("total-asignaturas-counts-266", "CARRERAS", "TOTAL_ASIGNATURAS", 0, 4, "LAY013"),
    ("total-creditos-off", "CARRERAS", "TOTAL_CREDITOS", 1, 16, "LAY013"),
    ("asignatura-of-unknown-carrera", "ASIGNATURAS", "ID_CARRERA", 6, 999, "LAY014"),
    ("carrera-of-unknown-campus", "CARRERAS", "ID_CAMPUS", 2, ("150002", "@"), "LAY014"),
    ("campus-of-unknown-institution", "CAMPUS", "ID_INSTITUCION", 1, 99999, "LAY014"),
    ("creditos-empty", "ASIGNATURAS", "CREDITOS", 0, None, "LAY006"),
    ("tipo-periodo-empty", "CARRERAS", "ID_TIPO_PERIODO", 0, None, "LAY006"),
]


SCALE = ("CALIF_MINIMA", "CALIF_APROBATORIA", "CALIF_MAXIMA")
RELATED = {name: SCALE for name in SCALE}


@pytest.mark.parametrize("style_name", ["plain", "everything"])
@pytest.mark.parametrize(
    ("mutation", "sheet", "column", "index", "raw", "code"), MUTATIONS, ids=[m[0] for m in MUTATIONS]
)
def test_mutation_is_reported_at_the_cell(
    tmp_path: Path, style_name: str, mutation: str, sheet: str, column: str, index: int, raw: Any, code: str
) -> None:
    style = gen.VALID_STYLES[style_name]
    if style.formulas and column.startswith("TOTAL_"):
        style = gen.with_style(style, formulas=False)
    built = gen.build(style, overrides={(sheet, column, index): raw})
    findings, exit_code = run(tmp_path, built)
    # a relation between cells of one row (the grading scale) may be reported on any cell of it
    columns = RELATED.get(column, (column,))
    places = {built.place(sheet, c, index): c for c in columns if (sheet, c, index) in built.places}
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} not reported for {mutation}:\n{show(findings)}"
    at_cell = [f for f in hits if gen.Place(f.sheet or "", f.row or 0, f.cell or "") in places]
    assert at_cell, f"{code} not at {list(places)}:\n{show(findings)}"
    assert all(f.attribute == places[gen.Place(f.sheet or "", f.row or 0, f.cell or "")] for f in at_cell)
    assert exit_code == 1
    assert all(f.message and f.message[0].isupper() for f in at_cell)


def test_formula_cached_value_is_used(tmp_path: Path) -> None:
    """A formula whose cached total is wrong is compared by its cached value (LAY013)."""
    data = gen.default_data()
    data["CARRERAS"][0]["TOTAL_ASIGNATURAS"] = 4
    built = gen.build(gen.Style(formulas=True), data)
    findings, _ = run(tmp_path, built)
    place = built.place("CARRERAS", "TOTAL_ASIGNATURAS", 0)
    assert [(f.code, f.cell) for f in findings] == [("LAY013", place.cell)], show(findings)


def test_formula_without_cached_value_is_a_warning(tmp_path: Path) -> None:
    built = gen.build(gen.Style(formulas_without_cache=True))
    findings, exit_code = run(tmp_path, built)
    assert {f.code for f in findings} == {"LAY015"}, show(findings)
    assert all(f.severity.value == "warning" for f in findings)
    assert exit_code == 0


@pytest.mark.parametrize(
    ("drop", "code", "named"),
    [
        (("CARRERAS.CALIF_MAXIMA",), "LAY003", "CALIF_MAXIMA"),
        (("ASIGNATURAS.CREDITOS",), "LAY003", "CREDITOS"),
        (("CAMPUS.ID_ENTIDAD_FEDERATIVA",), "LAY003", "ID_ENTIDAD_FEDERATIVA"),
        (("INSTITUCION",), "LAY002", "INSTITUCION"),
        (("ASIGNATURAS",), "LAY002", "ASIGNATURAS"),
    ],
)
def test_missing_sheet_or_column_is_one_clear_error(
    tmp_path: Path, drop: tuple[str, ...], code: str, named: str
) -> None:
    findings, exit_code = run(tmp_path, gen.build(gen.Style(headers="sep", sheets="sep", drop=drop)))
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, show(findings)
    assert named in hits[0].message
    assert exit_code == 1


def test_same_ids_stored_differently_in_each_sheet(tmp_path: Path) -> None:
    """Numbers in one sheet, text in another (an institution pasting from two systems) still join."""
    data = gen.default_data()
    overrides: dict[tuple[str, str, int], Any] = {}
    for index, row in enumerate(data["ASIGNATURAS"]):
        overrides[("ASIGNATURAS", "ID_CARRERA", index)] = (str(row["ID_CARRERA"]), "@")
    for index, row in enumerate(data["CAMPUS"]):
        overrides[("CAMPUS", "ID_INSTITUCION", index)] = (str(row["ID_INSTITUCION"]), "@")
    for index, row in enumerate(data["CARRERAS"]):
        overrides[("CARRERAS", "ID_CARRERA", index)] = float(row["ID_CARRERA"])
    overrides[("INSTITUCION", "ID_INSTITUCION", 0)] = 20871.0
    findings, exit_code = run(tmp_path, gen.build(gen.Style(), data, overrides))
    assert findings == [], show(findings)
    assert exit_code == 0


def test_table_not_starting_at_a1(tmp_path: Path) -> None:
    """A header in row 4 starting at column C (blank margin, a logo row) is found."""
    from openpyxl import load_workbook

    built = gen.build(gen.Style(title_rows=2))
    workbook = load_workbook(__import__("io").BytesIO(built.raw))
    for sheet in workbook.worksheets:
        sheet.insert_cols(1, 2)
        sheet.insert_rows(1, 1)
    path = tmp_path / "margen.xlsx"
    workbook.save(path)
    result = Linter(Config(upload_date=UPLOAD, jobs=1)).run([str(path)])
    assert result.findings == [], show(result.findings)
