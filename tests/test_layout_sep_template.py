"""Issue #15 item 2: a layout written like SEP's own certificate template workbook (plantillaCertificacion,
layout.md "Spellings seen in SEP's own workbooks"): its header spellings, its «PROGRAMAS DE ESTUDIO»
sheet and its catalog sheets lint without false alarms, and are checked like any layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mec_lint.catalogs import Catalogs
from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.findings import Finding
from mec_lint.layout.headers import header_names, title_rank
from mec_lint.layout.reader import read_layout
from mec_lint.layout.samples import LayoutBuilder, sep_template, write_rows
from mec_lint.testing import DEFAULT_UPLOAD_DATE, codes, lint_bytes, make_certificate


def lint_workbook(raw: bytes, **config: Any) -> list[Finding]:
    config.setdefault("upload_date", DEFAULT_UPLOAD_DATE)
    return Linter(Config(**config)).lint_workbook("plantilla.xlsx", raw).findings


@pytest.fixture()
def template_file(tmp_path: Path) -> str:
    path = tmp_path / "plantilla.xlsx"
    path.write_bytes(sep_template())
    return str(path)


@pytest.mark.parametrize(
    ("sheet", "written", "canonical"),
    [
        ("CAMPUS", "CLAVE_CAMPUS", "ID_CAMPUS"),
        ("CARRERAS", "CLAVE_CAMPUS", "ID_CAMPUS"),
        ("CARRERAS", "Clave Campus", "ID_CAMPUS"),
        ("CARRERAS", "ID_NIVEL", "ID_NIVEL_ESTUDIOS"),
        ("CARRERAS", "ID NIVEL (catálogo)", "ID_NIVEL_ESTUDIOS"),
    ],
)
def test_sep_header_spellings_are_aliases(sheet: str, written: str, canonical: str) -> None:
    assert header_names().column(sheet, written) == canonical


def test_the_curp_column_is_accepted_not_read() -> None:
    """layout.md names CURP_RESPONSABLE_PLAN_DE_ESTUDIO but not its sheet, use or content: accepted
    (it never makes a column unknown or required), and no rule checks its value."""
    assert header_names().column("CARRERAS", "CURP_RESPONSABLE_PLAN_DE_ESTUDIO") is None
    carreras = read_layout(sep_template(), "p.xlsx", Config()).tables["CARRERAS"]
    assert "CURP_RESPONSABLE_PLAN_DE_ESTUDIO" not in carreras.columns
    assert carreras.missing_columns == []


def test_the_sep_template_workbook_lints_clean() -> None:
    assert lint_workbook(sep_template()) == []


def test_catalog_sheets_are_not_read_as_layout_tables() -> None:
    layout = read_layout(sep_template(), "p.xlsx", Config())
    assert {name: table.title for name, table in layout.tables.items()} == {
        "INSTITUCION": "INSTITUCION",
        "CAMPUS": "CAMPUS",
        "CARRERAS": "CARRERAS",
        "ASIGNATURAS": "ASIGNATURAS",
    }
    assert layout.other_sheets == {}  # INSTITUCIONES and ASIGNATURA are catalogs, not copies
    assert [row.get("ID_INSTITUCION").value for row in layout.rows("INSTITUCION")] == [20871]  # type: ignore[union-attr]


def test_catalog_sheets_before_the_layout_sheets_do_not_win() -> None:
    """Sheet order does not matter: an alias-titled catalog placed first is still not the table."""
    raw = write_rows(
        {
            "ASIGNATURA": [["ID_TIPO_ASIGNATURA", "TIPO_ASIGNATURA"], [263, "OBLIGATORIA"]],
            "INSTITUCIONES": [["ID_INSTITUCION", "NOMBRE_INSTITUCION"], [20001, "OTRA"]],
            **{title: rows for title, rows in _sheets_of(LayoutBuilder()).items()},
        }
    )
    layout = read_layout(raw, "p.xlsx", Config())
    assert layout.tables["ASIGNATURAS"].title == "ASIGNATURAS"
    assert layout.tables["INSTITUCION"].title == "INSTITUCION"
    assert layout.other_sheets == {}
    assert lint_workbook(raw) == []


def test_an_alias_titled_sheet_is_still_read_when_the_layout_has_no_other() -> None:
    sheets = _sheets_of(LayoutBuilder())
    sheets["INSTITUCIONES"] = sheets.pop("INSTITUCION")
    layout = read_layout(write_rows(sheets), "p.xlsx", Config())
    assert layout.tables["INSTITUCION"].title == "INSTITUCIONES" and not layout.missing_sheets


def test_a_hinted_catalog_next_to_the_real_sheet_is_ignored() -> None:
    sheets = _sheets_of(LayoutBuilder())
    sheets["CAMPUS (catálogo)"] = [["CLAVE_CAMPUS", "CAMPUS"], ["090872", "ÚNICO"], ["150631", "TOLUCA"]]
    assert lint_workbook(write_rows(sheets)) == []


def test_a_real_copy_of_a_sheet_still_warns() -> None:
    sheets = _sheets_of(LayoutBuilder())
    sheets["CARRERAS (2)"] = sheets["CARRERAS"]
    findings = lint_workbook(write_rows(sheets))
    assert [(f.code, f.value) for f in findings] == [("LAY002", "CARRERAS (2)")]


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("CARRERAS", 2),
        ("Carreras ", 2),
        ("Institución", 2),
        ("CARRERAS (2)", 1),
        ("Carreras(12)", 1),
        ("INSTITUCIONES", 0),
        ("CAMPUS (catálogo)", 0),
        ("INSTITUCIONES (2)", 0),
    ],
)
def test_title_rank(title: str, rank: int) -> None:
    canonical = header_names().sheet(title)
    assert canonical is not None and title_rank(title, canonical) == rank


def test_clave_campus_keeps_its_leading_zeros_like_id_campus() -> None:
    sheets = _sheets_of(LayoutBuilder())
    sheets["CAMPUS"] = [["ID_INSTITUCION", "CLAVE_CAMPUS", "ID_ENTIDAD_FEDERATIVA"], [20871, 90872, "09"]]
    [finding] = [f for f in lint_workbook(write_rows(sheets)) if f.code == "LAY007"]
    assert (finding.sheet, finding.cell, finding.attribute, finding.expected) == (
        "CAMPUS",
        "B2",
        "ID_CAMPUS",
        "090872",
    )


def test_certificates_against_the_sep_template(template_file: str) -> None:
    assert [
        f for f in lint_bytes(make_certificate(), layout_path=template_file) if f.code.startswith("XLY")
    ] == []
    wrong = make_certificate({"Carrera": {"idNivelEstudios": "82"}, "Ipes": {"idCampus": "090873"}})
    findings = [f for f in lint_bytes(wrong, layout_path=template_file) if f.code.startswith("XLY")]
    assert sorted(codes(findings)) == ["XLY003", "XLY004", "XLY006"]
    nivel = next(f for f in findings if f.code == "XLY006")
    assert (nivel.sheet, nivel.cell, nivel.expected) == ("CARRERAS", "H2", "81")  # the ID_NIVEL column


def test_the_template_cargos_sheet_is_the_shipped_idcargo_catalog() -> None:
    """Issue #15 item 7: SEP's template lists cargos 1–5, the ids catalogs.yaml ships (high confidence)."""
    assert Catalogs().get("idCargo") == {
        "1": "DIRECTOR",
        "2": "SUBDIRECTOR",
        "3": "RECTOR",
        "4": "VICERRECTOR",
        "5": "RESPONSABLE DE EXPEDICIÓN",
    }
    for cargo, fires in (("1", False), ("5", False), ("0", True), ("6", True)):
        raw = make_certificate({"Responsable": {"idCargo": cargo}})
        assert bool(lint_bytes(raw, select=["CAT001"])) is fires, cargo


def _sheets_of(builder: LayoutBuilder) -> dict[str, list[list[Any]]]:
    """The builder's four sheets as plain rows (header first), for write_rows."""
    return {
        name: [list(builder.headers[name]), *([row.get(c) for c in builder.headers[name]] for row in rows)]
        for name, rows in builder.rows.items()
    }
