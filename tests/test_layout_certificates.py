"""XLY rules: certificates compared with the registered layout (--layout / layout_path)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.findings import Finding, Severity
from mec_lint.layout.samples import LayoutBuilder
from mec_lint.testing import DEFAULT_SUBJECTS, DEFAULT_UPLOAD_DATE, codes, lint_bytes, make_certificate

SAMPLE = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "samples", "programa-estudios.xlsx")


@pytest.fixture()
def layout_file(tmp_path: Path) -> str:
    path = tmp_path / "programa.xlsx"
    path.write_bytes(LayoutBuilder().to_bytes())
    return str(path)


def xly(raw: bytes, layout_path: str, **config: Any) -> list[Finding]:
    return [
        f for f in lint_bytes(raw, layout_path=layout_path, **config) if f.code.startswith(("XLY", "LAY"))
    ]


def test_default_certificate_matches_the_sample_layout() -> None:
    assert xly(make_certificate(), SAMPLE) == []


def test_default_certificate_without_layout_has_no_layout_findings() -> None:
    assert not [f for f in lint_bytes(make_certificate()) if f.code.startswith(("XLY", "LAY"))]


def test_finding_names_both_places(layout_file: str) -> None:
    [finding] = xly(make_certificate({"Rvoe": {"numero": "20181243"}}), layout_file)
    assert finding.code == "XLY005"
    assert (finding.xpath, finding.attribute, finding.value) == ("/Dec/Rvoe", "numero", "20181243")
    assert finding.line is not None
    assert (finding.sheet, finding.row, finding.cell, finding.expected) == ("CARRERAS", 2, "E2", "20181234")
    assert (
        "20181243" in finding.message and "20181234" in finding.message and "CARRERAS!E2" in finding.message
    )


def test_numbers_and_dates_compare_by_value(tmp_path: Path) -> None:
    builder = LayoutBuilder()
    builder.set("CARRERAS", 0, "CALIF_APROBATORIA", 6.0).set("CARRERAS", 0, "FECHA_RVOE", "15/06/2018")
    builder.set("ASIGNATURAS", 0, "CREDITOS", 7.0)
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[0]["creditos"] = "7"
    raw = make_certificate({"Carrera": {"calificacionMaxima": "10.00"}}, subjects=subjects)
    assert xly(raw, str(path)) == []


def test_subject_of_another_carrera_is_its_own_code(tmp_path: Path) -> None:
    builder = LayoutBuilder()
    builder.add("CARRERAS", **dict(builder.rows["CARRERAS"][0], ID_CARRERA=102))
    builder.add("ASIGNATURAS", ID_CARRERA=102, ID_ASIGNATURA=1020101, ID_TIPO_ASIGNATURA=263, CREDITOS=7)
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[2]["idAsignatura"] = "1020101"
    subjects[1]["idAsignatura"] = "7777777"
    findings = xly(make_certificate(subjects=subjects), str(path), select=["XLY007", "XLY008"])
    assert [(f.code, f.value, f.sheet, f.cell) for f in findings] == [
        ("XLY007", "7777777", "ASIGNATURAS", None),  # no row has it: the sheet, never a header cell
        ("XLY008", "1020101", "ASIGNATURAS", "A5"),
    ]
    assert "filas 2–4 de ASIGNATURAS" in findings[0].message


def test_an_unregistered_subject_points_at_its_likely_row(tmp_path: Path) -> None:
    """Issue #15 item 6: a subject finding points at the subject's layout row, never at a header."""
    builder = LayoutBuilder()
    builder.add(
        "ASIGNATURAS",
        ID_CARRERA=101,
        ID_ASIGNATURA=1010204,
        CLAVE_ASIGNATURA="MER-201",
        NOMBRE_ASIGNATURA="MERCADOTECNIA",
        CICLO=2,
        ID_TIPO_ASIGNATURA=263,
        CREDITOS=7,
    )
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[0]["idAsignatura"] = "01010101"  # leading zero: the row of 1010101
    subjects[1].update(idAsignatura="2222222", claveAsignatura="con-101")  # the row with CON-101
    subjects[2].update(idAsignatura="3333333", nombre="Economia")  # the row named ECONOMÍA
    findings = xly(make_certificate(subjects=subjects), str(path), select=["XLY007"])
    assert [(f.xpath, f.value, f.expected, f.sheet, f.row, f.cell) for f in findings] == [
        ("/Dec/Asignaturas/Asignatura[1]", "01010101", "1010101", "ASIGNATURAS", 2, "B2"),
        ("/Dec/Asignaturas/Asignatura[2]", "2222222", "1010102", "ASIGNATURAS", 3, "B3"),
        ("/Dec/Asignaturas/Asignatura[3]", "3333333", "1010203", "ASIGNATURAS", 4, "B4"),
    ]
    assert all(f.attribute == "idAsignatura" and f.line for f in findings)
    assert "CLAVE_ASIGNATURA" in findings[1].message and "ASIGNATURAS!B3" in findings[1].message
    english = xly(make_certificate(subjects=subjects), str(path), select=["XLY007"], lang="en")
    assert "its registered ID_ASIGNATURA is «1010203»" in english[2].message


def test_two_rows_with_the_same_name_are_no_guess(tmp_path: Path) -> None:
    builder = LayoutBuilder()
    builder.set("ASIGNATURAS", 1, "NOMBRE_ASIGNATURA", "ECONOMÍA")  # two rows called ECONOMÍA
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[2].update(idAsignatura="3333333", nombre="ECONOMÍA")
    [finding] = xly(make_certificate(subjects=subjects), str(path), select=["XLY007"])
    assert (finding.sheet, finding.row, finding.cell, finding.expected) == ("ASIGNATURAS", None, None, None)


def test_subject_count_without_total_asignaturas_points_at_the_carrera_row(tmp_path: Path) -> None:
    """XLY010 used to point at ASIGNATURAS!A1 (the header) when TOTAL_ASIGNATURAS is absent."""
    builder = LayoutBuilder().drop_column("CARRERAS", "TOTAL_ASIGNATURAS")
    builder.add("ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=1010301, ID_TIPO_ASIGNATURA=266, CREDITOS=2)
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    [finding] = xly(make_certificate({"Asignaturas": {"total": "2"}}), str(path), select=["XLY010"])
    assert (finding.sheet, finding.row, finding.cell, finding.expected) == ("CARRERAS", 2, "A2", "3")
    assert "contadas en filas 2–4 de ASIGNATURAS" in finding.message  # row 5 is a complementaria
    [english] = xly(
        make_certificate({"Asignaturas": {"total": "4"}}), str(path), select=["XLY010"], lang="en"
    )
    assert "counted in rows 2–4 of ASIGNATURAS" in english.message and english.cell == "A2"


def test_no_subject_finding_points_at_a_header_cell(tmp_path: Path) -> None:
    """Every XLY rule about a subject or the plan's subjects, at once: rows, never row 1."""
    builder = LayoutBuilder().drop_column("CARRERAS", "TOTAL_ASIGNATURAS")
    builder.add("CARRERAS", **dict(builder.rows["CARRERAS"][0], ID_CARRERA=102))
    builder.add("ASIGNATURAS", ID_CARRERA=102, ID_ASIGNATURA=1020101, ID_TIPO_ASIGNATURA=263, CREDITOS=7)
    path = tmp_path / "p.xlsx"
    path.write_bytes(builder.to_bytes())
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[0].update(creditos="8.00", idTipoAsignatura="264")  # XLY009 twice
    subjects[1]["idAsignatura"] = "7777777"  # XLY007
    subjects[2]["idAsignatura"] = "1020101"  # XLY008
    raw = make_certificate(
        {"Asignaturas": {"total": "9", "totalCreditos": "99.00", "numeroCiclos": "7"}}, subjects=subjects
    )
    findings = xly(raw, str(path), select=["XLY"])
    assert {"XLY007", "XLY008", "XLY009", "XLY010", "XLY011", "XLY012"} <= set(codes(findings))
    assert [(f.code, f.cell) for f in findings if f.row == 1 or (f.cell and f.cell[1:] == "1")] == []


def test_campus_and_carrera_of_the_institution(layout_file: str) -> None:
    raw = make_certificate({"Ipes": {"idCampus": "150001"}})
    assert codes(xly(raw, layout_file)) == ["XLY003", "XLY004"]


def test_partial_certificate_total_may_be_lower(layout_file: str) -> None:
    raw = make_certificate(
        {
            "Expedicion": {"idTipoCertificacion": "80"},
            "Asignaturas": {"total": "3", "asignadas": "2", "numeroCiclos": "1"},
        },
        subjects=list(DEFAULT_SUBJECTS[:2]),
    )
    assert xly(raw, layout_file) == []
    total_79 = make_certificate({"Asignaturas": {"total": "2"}})
    assert codes(xly(total_79, layout_file)) == ["XLY010"]
    options = {"XLY010": {"equal_for_total": False}}
    assert xly(total_79, layout_file, rule_options=options) == []


def test_numero_ciclos_is_a_warning(layout_file: str) -> None:
    [finding] = xly(make_certificate({"Asignaturas": {"numeroCiclos": "3"}}), layout_file)
    assert finding.code == "XLY012" and finding.severity is Severity.WARNING


def test_unreadable_layout_is_reported_once_and_rules_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "programa.xlsx"
    bad.write_bytes(b"no es excel")
    for n in range(3):
        (tmp_path / f"c{n}.xml").write_bytes(make_certificate({"Rvoe": {"numero": "1"}}))
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, layout_path=str(bad), jobs=1))
    run = linter.run([str(tmp_path / f"c{n}.xml") for n in range(3)])
    layout_findings = [f for f in run.findings if f.code.startswith("XLY")]
    assert [(f.code, f.path) for f in layout_findings] == [("XLY001", str(bad))]


def test_missing_layout_file(tmp_path: Path) -> None:
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, layout_path=str(tmp_path / "nada.xlsx")))
    run = linter.run([SAMPLE])
    assert [f.code for f in run.findings] == ["XLY001"]


def test_layout_not_loaded_when_xly_rules_are_off(tmp_path: Path) -> None:
    linter = Linter(Config(layout_path=str(tmp_path / "nada.xlsx"), ignore=("XLY",)))
    assert linter.layout is None and linter.layout_problem is None


def test_parallel_workers_use_the_layout(tmp_path: Path, layout_file: str) -> None:
    paths = []
    for n in range(6):
        path = tmp_path / f"c{n}.xml"
        path.write_bytes(make_certificate({"Carrera": {"clavePlan": "2019" if n % 2 else "2018"}}))
        paths.append(str(path))
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, layout_path=layout_file, jobs=2, select=("XLY",)))
    run = linter.run(paths)
    assert sorted(os.path.basename(f.path) for f in run.findings) == ["c1.xml", "c3.xml", "c5.xml"]


def test_cli_layout_option(tmp_path: Path, layout_file: str) -> None:
    import json

    from typer.testing import CliRunner

    from mec_lint.cli import app

    cert = tmp_path / "c.xml"
    cert.write_bytes(make_certificate({"Carrera": {"idCarrera": "0101"}}))
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(cert),
            "--layout",
            layout_file,
            "--upload-date",
            "2024-09-01",
            "-f",
            "json",
            "--select",
            "XLY",
        ],
    )
    data = json.loads(result.stdout)
    assert [f["code"] for f in data["findings"]] == ["XLY004"]
    assert data["findings"][0]["sheet"] == "CARRERAS" and result.exit_code == 1


def test_layout_and_header_aliases_from_configuration_file(tmp_path: Path) -> None:
    from mec_lint.config import load_config

    builder = LayoutBuilder()
    builder.titles["CARRERAS"] = "Planes de estudio"
    (tmp_path / "programa.xlsx").write_bytes(builder.to_bytes())
    config_file = tmp_path / ".mec-lint.yaml"
    config_file.write_text(
        "layout: programa.xlsx\nheader-aliases:\n  CARRERAS: [Planes de estudio]\n", encoding="utf-8"
    )
    config = load_config({"upload_date": "2024-09-01"}, str(config_file))
    linter = Linter(config)
    assert linter.layout_problem is None and "101" in linter.layout.carreras
    findings = linter.lint_xml("c.xml", make_certificate({"Rvoe": {"numero": "1"}})).findings
    assert "XLY005" in codes(findings)


def _campus_layout(tmp_path: Path, campus: object) -> str:
    builder = LayoutBuilder().set("CAMPUS", 0, "ID_CAMPUS", campus).set("CARRERAS", 0, "ID_CAMPUS", campus)
    path = tmp_path / "campus.xlsx"
    path.write_bytes(builder.to_bytes())
    return str(path)


def test_campus_ids_use_the_configured_width(tmp_path: Path) -> None:
    """LAY007.campus_digits (a medium-confidence fact, configurable) is the width everywhere."""
    layout = _campus_layout(tmp_path, "09087")
    raw = make_certificate({"Ipes": {"idCampus": "09087"}})
    five = {"LAY007": {"campus_digits": 5}, "IDS003": {"campus_digits": 5}}
    assert [
        f for f in lint_bytes(raw, layout_path=layout, rule_options=five) if f.severity.value != "info"
    ] == []


def test_a_numeric_campus_that_lost_its_zero_matches_and_unknown_campuses_are_shown_as_written(
    tmp_path: Path,
) -> None:
    layout = _campus_layout(tmp_path, 90872)  # a number: Excel dropped the zero (LAY007 on the layout)
    assert xly(make_certificate({"Ipes": {"idCampus": "090872"}}), layout) == []
    [finding] = [
        f for f in xly(make_certificate({"Ipes": {"idCampus": "150631"}}), layout) if f.code == "XLY003"
    ]
    assert finding.expected == "90872"  # what the workbook holds, not a padded lookup key


def test_a_layout_whose_subjects_are_unknown_is_said_once_not_per_subject(tmp_path: Path) -> None:
    builder = LayoutBuilder()
    for index in range(len(builder.rows["ASIGNATURAS"])):
        builder.formulas[("ASIGNATURAS", "ID_CARRERA", index)] = "=CARRERAS!$A$2"
    path = tmp_path / "formulas.xlsx"
    path.write_bytes(builder.to_bytes())
    cert = tmp_path / "cert.xml"
    cert.write_bytes(make_certificate())
    run = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, layout_path=str(path))).run([str(cert)])
    findings = [f for f in run.findings if f.code.startswith(("XLY", "LAY"))]
    assert [(f.code, f.severity) for f in findings] == [("XLY001", Severity.WARNING)]
    assert "ASIGNATURAS!A2" in findings[0].message and run.exit_code == 0
    # the rest of the layout is still used: a wrong RVOE is still found
    assert "XLY005" in codes(xly(make_certificate({"Rvoe": {"numero": "20181243"}}), str(path)))
