"""LAY rules on generated workbooks: where findings point, what they say, and no false positives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.findings import Finding, Severity
from mec_lint.layout.samples import LayoutBuilder, write_rows
from mec_lint.testing import DEFAULT_UPLOAD_DATE, codes


def lint(raw: bytes, **config: Any) -> list[Finding]:
    config.setdefault("upload_date", DEFAULT_UPLOAD_DATE)
    linter = Linter(Config(**config))
    return linter.lint_workbook("programa.xlsx", raw).findings


def changed(sheet: str, column: str, value: object, index: int = 0) -> bytes:
    return LayoutBuilder().set(sheet, index, column, value).to_bytes()


def test_valid_sample_is_clean() -> None:
    assert lint(LayoutBuilder().to_bytes()) == []


def test_finding_names_sheet_row_cell_and_column() -> None:
    [finding] = lint(changed("CARRERAS", "ID_CARRERA", "0101"), select=["LAY004"])
    assert (finding.sheet, finding.row, finding.cell, finding.attribute) == (
        "CARRERAS",
        2,
        "A2",
        "ID_CARRERA",
    )
    assert (finding.value, finding.expected) == ("0101", "101")
    assert finding.line is None and finding.xpath is None
    assert "ceros a la izquierda" in finding.message


@pytest.mark.parametrize(
    ("number_format", "shown", "message_id_word"),
    [("0000", "0101", "ceros a la izquierda"), ("0.00E+00", "1.01E+02", "científico")],
)
def test_a_number_format_problem_shows_the_value_as_excel_displays_it(
    number_format: str, shown: str, message_id_word: str
) -> None:
    builder = LayoutBuilder().set("CARRERAS", 0, "ID_CARRERA", 101)
    builder.formats[("CARRERAS", "ID_CARRERA", 0)] = number_format
    [finding] = lint(builder.to_bytes(), select=["LAY004"])
    assert (finding.value, finding.expected) == (shown, "101")
    assert message_id_word in finding.message


def test_finding_uses_the_sheet_title_as_written() -> None:
    builder = LayoutBuilder().set("CARRERAS", 0, "NO_RVOE", "Acuerdo 1980")
    builder.titles["CARRERAS"] = "Carreras (planes vigentes)"
    [finding] = lint(builder.to_bytes(), select=["LAY008"])
    assert finding.sheet == "Carreras (planes vigentes)" and finding.expected == "ACUERDO 1980"


def test_english_messages() -> None:
    [finding] = lint(changed("CAMPUS", "ID_ENTIDAD_FEDERATIVA", 9), select=["LAY007"], lang="en")
    assert "leading zero" in finding.message and finding.expected == "09"


def test_missing_sheet_and_column_are_named() -> None:
    findings = lint(LayoutBuilder().drop_sheet("CAMPUS").drop_column("ASIGNATURAS", "CREDITOS").to_bytes())
    assert {(f.code, f.expected) for f in findings} >= {("LAY002", "CAMPUS"), ("LAY003", "CREDITOS")}
    missing = [f for f in findings if f.code in ("LAY002", "LAY003")]
    assert all(f.value is None for f in missing)  # nothing was found: no value to show
    assert any("CAMPUS" in f.message for f in missing) and any("CREDITOS" in f.message for f in missing)
    assert not any(f.code == "LAY014" for f in findings)  # no cascade from the missing parent sheet


def test_no_header_row() -> None:
    raw = LayoutBuilder().to_bytes()
    messy = write_rows({"INSTITUCION": [["a", "b"], [1, 2]]})
    assert "LAY003" in codes(lint(messy))
    assert "LAY003" not in codes(lint(raw))


def test_carrera_with_two_plans_needs_two_ids() -> None:
    builder = LayoutBuilder()
    builder.add("CARRERAS", **dict(builder.rows["CARRERAS"][0], CLAVE_PLAN="2022", NO_RVOE="20221234"))
    [finding] = lint(builder.to_bytes(), select=["LAY005"])
    assert finding.cell == "A3" and "fila 2" in finding.message


def test_subject_id_scope_option() -> None:
    builder = LayoutBuilder()
    builder.add("CARRERAS", **dict(builder.rows["CARRERAS"][0], ID_CARRERA=102))
    builder.add("ASIGNATURAS", ID_CARRERA=102, ID_ASIGNATURA=1010101, ID_TIPO_ASIGNATURA=263, CREDITOS=7)
    raw = builder.to_bytes()
    assert codes(lint(raw, select=["LAY005"])) == ["LAY005"]
    options = {"LAY005": {"asignatura_scope": "carrera"}}
    assert lint(raw, select=["LAY005"], rule_options=options) == []


def test_numeric_ids_and_plan_key_are_fine() -> None:
    builder = LayoutBuilder().set("CARRERAS", 0, "ID_CARRERA", 101.0).set("CARRERAS", 0, "CLAVE_PLAN", 2018)
    builder.set("CARRERAS", 0, "NO_RVOE", 20181234).set("CARRERAS", 0, "FECHA_RVOE", "2018-06-15")
    assert lint(builder.to_bytes()) == []


def test_future_rvoe_date_depends_on_upload_date() -> None:
    raw = changed("CARRERAS", "FECHA_RVOE", dt.datetime(2024, 9, 2))
    assert codes(lint(raw)) == ["LAY010"]
    assert lint(raw, upload_date=dt.date(2024, 9, 2)) == []


def test_totals_exclude_complementarias() -> None:
    builder = LayoutBuilder().add(
        "ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=1010300, ID_TIPO_ASIGNATURA=266, CREDITOS=4
    )
    assert lint(builder.to_bytes()) == []
    builder.set("CARRERAS", 0, "TOTAL_CREDITOS", 25)
    [finding] = lint(builder.to_bytes())
    assert finding.code == "LAY013" and finding.expected == "21.00" and finding.cell == "O2"


def test_grading_scale() -> None:
    [finding] = lint(changed("CARRERAS", "CALIF_APROBATORIA", 60))
    assert finding.code == "LAY012" and finding.attribute == "CALIF_APROBATORIA"
    assert codes(lint(changed("CARRERAS", "CALIF_MINIMA", "cinco"))) == ["LAY012"]


def test_references() -> None:
    findings = lint(changed("CAMPUS", "ID_INSTITUCION", 20872))
    assert [(f.code, f.sheet, f.cell) for f in findings] == [("LAY014", "CAMPUS", "D2")]


def test_formula_without_cached_value_is_a_warning() -> None:
    builder = LayoutBuilder()
    builder.formulas[("CARRERAS", "TOTAL_CREDITOS", 0)] = "=SUM(ASIGNATURAS!G2:G4)"
    [finding] = lint(builder.to_bytes())
    assert finding.code == "LAY015" and finding.severity is Severity.WARNING


def test_subject_ids_as_formulas_without_value_are_warnings_not_wrong_totals() -> None:
    """openpyxl/pandas exports write formulas without the computed value: which carrera a subject
    belongs to is then unknown, so LAY013 must not claim the carrera has 0 subjects."""
    builder = LayoutBuilder()
    for index in range(len(builder.rows["ASIGNATURAS"])):
        builder.formulas[("ASIGNATURAS", "ID_CARRERA", index)] = "=CARRERAS!$A$2"
    findings = lint(builder.to_bytes())
    assert {f.code for f in findings} == {"LAY015"}
    assert all(f.severity is Severity.WARNING for f in findings)


def test_required_value_and_catalog() -> None:
    findings = lint(changed("ASIGNATURAS", "ID_TIPO_ASIGNATURA", None, 1))
    assert [(f.code, f.cell) for f in findings] == [("LAY006", "F3")]
    assert codes(lint(changed("CARRERAS", "ID_TIPO_PERIODO", 99))) == ["LAY011"]


def test_unreadable_workbook_through_check(tmp_path: Any) -> None:
    path = tmp_path / "programa.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    run = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE)).run([str(path)])
    assert [f.code for f in run.findings] == ["LAY001"]
    assert ".xls" in run.findings[0].message


def test_a_copied_sheet_never_replaces_the_sheet_of_that_name() -> None:
    """Excel names a copied sheet «CARRERAS (2)»: the sheet titled exactly CARRERAS is the one read,
    wherever the copy sits; the copy is a warning naming both."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(LayoutBuilder().to_bytes()))
    copy = workbook.copy_worksheet(workbook["CARRERAS"])
    copy.title = "CARRERAS (2)"
    copy["E2"] = "Acuerdo viejo"  # the old copy is wrong; the real sheet is fine
    workbook.move_sheet(copy, offset=-(len(workbook.sheetnames) - 1 - workbook.sheetnames.index("CARRERAS")))
    assert workbook.sheetnames.index("CARRERAS (2)") < workbook.sheetnames.index("CARRERAS")
    buffer = io.BytesIO()
    workbook.save(buffer)
    [finding] = lint(buffer.getvalue())
    assert (finding.code, finding.severity, finding.value) == ("LAY002", Severity.WARNING, "CARRERAS (2)")
    assert "«CARRERAS (2)»" in finding.message and "Se revisó «CARRERAS»" in finding.message


def test_lay016_cycles_of_the_plan() -> None:
    findings = lint(changed("ASIGNATURAS", "CICLO", 3, 2))  # NUMERO_CICLOS of carrera 101 is 2
    assert [(f.code, f.severity, f.cell, f.expected) for f in findings] == [
        ("LAY016", Severity.WARNING, "E4", "1–2")
    ]
    assert "CARRERAS!J2" in findings[0].message
    assert codes(lint(changed("CARRERAS", "NUMERO_CICLOS", "dos"))) == ["LAY016"]
    assert codes(lint(changed("ASIGNATURAS", "CICLO", 1.5, 0))) == ["LAY016"]
    assert lint(changed("ASIGNATURAS", "CICLO", "2", 2)) == []  # numbers stored as text are fine


# -- issue #15 item 1: a negative number is reported at its own cell ------------------------------


def test_a_negative_creditos_cell_is_reported_at_its_cell_not_only_the_total() -> None:
    raw = changed("ASIGNATURAS", "CREDITOS", -7, index=1)
    findings = lint(raw)
    assert [(f.code, f.sheet, f.row, f.cell, f.attribute, f.value, f.expected) for f in findings] == [
        ("LAY013", "ASIGNATURAS", 3, "G3", "CREDITOS", "-7", "7")
    ]  # and no TOTAL_CREDITOS mismatch on top: the sum is not compared
    assert "negativo" in findings[0].message and "ASIGNATURAS" in findings[0].message
    [english] = lint(raw, lang="en")
    assert "is negative" in english.message and "G3" in english.message


def test_a_negative_complementaria_credit_and_text_cells_are_reported_too() -> None:
    builder = LayoutBuilder()
    builder.add(
        "ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=1010301, ID_TIPO_ASIGNATURA=266, CREDITOS="-2.50"
    )
    findings = lint(builder.to_bytes())
    assert [(f.code, f.cell, f.value) for f in findings] == [("LAY013", "G5", "-2.50")]


@pytest.mark.parametrize(
    ("column", "value", "cell"),
    [("TOTAL_CREDITOS", -21, "O2"), ("TOTAL_ASIGNATURAS", -3, "N2")],
)
def test_negative_plan_totals(column: str, value: int, cell: str) -> None:
    [finding] = lint(changed("CARRERAS", column, value))
    assert (finding.code, finding.cell, finding.attribute, finding.expected) == (
        "LAY013",
        cell,
        column,
        str(-value),
    )


def test_a_negative_grade_of_the_scale_is_lay012_at_its_cell() -> None:
    [finding] = lint(changed("CARRERAS", "CALIF_MINIMA", -5))
    assert (finding.code, finding.cell, finding.attribute, finding.value) == (
        "LAY012",
        "K2",
        "CALIF_MINIMA",
        "-5",
    )


def test_zero_credits_and_zero_minimum_are_fine() -> None:
    builder = LayoutBuilder().set("CARRERAS", 0, "CALIF_MINIMA", 0)
    builder.add("ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=1010301, ID_TIPO_ASIGNATURA=266, CREDITOS=0)
    assert lint(builder.to_bytes()) == []
