"""Reading the Programa de Estudios workbook: headers by name, messy SEP spellings, bad files, limits."""

from __future__ import annotations

import datetime as dt
import io
import pickle

import pytest

from mec_lint.config import Config, Limits
from mec_lint.layout.headers import header_names, normalise
from mec_lint.layout.model import Cell
from mec_lint.layout.reader import read_layout
from mec_lint.layout.samples import OLE_XLS, LayoutBuilder, write_rows
from mec_lint.layout.values import id_problem, padded_problem, rvoe_problem

REQUIRED_CARRERAS = ["ID_CARRERA", "ID_CAMPUS", "NO_RVOE", "FECHA_RVOE", "CLAVE_PLAN"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("ID_ CARRERA (Generado por la Institución para el Layout de Programas)", "ID_CARRERA"),
        ("Fecha_RVOE", "FECHA_RVOE"),
        ("CALIF_MÍNIMA", "CALIF_MINIMA"),
        ("MÍNIMA_APROBATORIA", "CALIF_APROBATORIA"),
        ("  calif   aprobatoria ", "CALIF_APROBATORIA"),
        ("No. RVOE", "NO_RVOE"),
    ],
)
def test_column_spellings(written: str, canonical: str) -> None:
    assert header_names().column("CARRERAS", written) == canonical


def test_sheet_spellings_and_user_aliases() -> None:
    names = header_names({"CARRERAS": ["Planes de estudio"], "NO_RVOE": ("Acuerdo RVOE",)})
    assert names.sheet("INSTRUCIONES") == "INSTRUCCIONES"
    assert names.sheet("Institución") == "INSTITUCION"
    assert names.sheet("planes de estudio") == "CARRERAS"
    assert names.column("CARRERAS", "ACUERDO_RVOE") == "NO_RVOE"
    assert names.column("CARRERAS", "COLOR") is None
    assert normalise("Créditos (con 2 decimales)") == "CREDITOS"


def test_messy_sep_workbook_is_read_by_name() -> None:
    raw = write_rows(
        {
            "INSTRUCIONES": [["Llene cada hoja"]],
            "Carreras": [
                ["SECRETARÍA DE EDUCACIÓN PÚBLICA"],
                ["PROGRAMA DE ESTUDIOS"],
                [],
                ["OTRA", "Fecha_RVOE", "ID_ CARRERA (Generado por la Institución)", "MÍNIMA_APROBATORIA"],
                ["x", dt.datetime(2018, 6, 15), 101, 6],
            ],
        }
    )
    layout = read_layout(raw, "p.xlsx", Config())
    table = layout.tables["CARRERAS"]
    assert table.header_row == 4
    assert table.columns == {"FECHA_RVOE": 2, "ID_CARRERA": 3, "CALIF_APROBATORIA": 4}
    row = table.rows[0]
    assert row.number == 5
    assert row.cells["ID_CARRERA"].coordinate == "C5"
    assert row.cells["FECHA_RVOE"].value == dt.datetime(2018, 6, 15)
    assert "INSTRUCCIONES" not in layout.tables  # recognised and ignored
    assert layout.missing_sheets == ["INSTITUCION", "CAMPUS", "ASIGNATURAS"]
    assert set(REQUIRED_CARRERAS) - {"FECHA_RVOE", "ID_CARRERA"} <= set(table.missing_columns)


def test_number_format_formula_and_types_are_kept() -> None:
    builder = LayoutBuilder()
    builder.formats[("CARRERAS", "ID_CARRERA", 0)] = "0000"
    builder.formulas[("CARRERAS", "TOTAL_CREDITOS", 0)] = "=SUM(ASIGNATURAS!G2:G4)"
    layout = read_layout(builder.to_bytes(), "p.xlsx", Config())
    row = layout.tables["CARRERAS"].rows[0]
    assert row.cells["ID_CARRERA"].number_format == "0000"
    assert row.cells["TOTAL_CREDITOS"].formula and row.cells["TOTAL_CREDITOS"].value is None
    assert row.cells["ID_CAMPUS"].kind == "s" and row.cells["ID_CAMPUS"].value == "090872"


def test_layout_is_picklable() -> None:
    layout = read_layout(LayoutBuilder().to_bytes(), "p.xlsx", Config())
    again = pickle.loads(pickle.dumps(layout))
    assert again.tables["ASIGNATURAS"].rows[2].cells["ID_ASIGNATURA"].value == 1010203


@pytest.mark.parametrize(
    ("raw", "message_id"),
    [
        (b"", "empty"),
        (b"ID_CARRERA;NOMBRE\n101;X\n", "not_xlsx"),
        (OLE_XLS, "xls"),
        (OLE_XLS + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
        (b"PK\x03\x04" + b"\x00" * 100, "corrupt"),
    ],
)
def test_bad_files_are_one_error_never_a_traceback(raw: bytes, message_id: str) -> None:
    layout = read_layout(raw, "p.xlsx", Config())
    assert layout.error is not None and layout.error[0] == message_id


def test_zip_without_workbook_and_ods() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert read_layout(buffer.getvalue(), "p.xlsx", Config()).error[0] == "ods"  # type: ignore[index]


def test_damaged_workbook_xml_is_corrupt() -> None:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(LayoutBuilder().to_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet3"):
                data = data[: len(data) // 2]
            archive.writestr(info.filename, data)
    layout = read_layout(buffer.getvalue(), "p.xlsx", Config())
    assert layout.error is not None and layout.error[0] == "corrupt"


def test_millions_of_empty_rows_stop_early() -> None:
    """A sheet whose XML lists a million formatted empty rows ends after a long empty run."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(LayoutBuilder().to_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet5.xml":  # ASIGNATURAS
                empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(10, 1_000_000))
                data = data.replace(b"</sheetData>", empty.encode() + b"</sheetData>")
            archive.writestr(info.filename, data)
    layout = read_layout(buffer.getvalue(), "p.xlsx", Config())
    assert layout.error is None
    assert len(layout.tables["ASIGNATURAS"].rows) == 3
    assert layout.tables["ASIGNATURAS"].truncated_at is None


def test_row_limit_is_reported() -> None:
    builder = LayoutBuilder()
    for n in range(20):
        builder.add("ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=2000 + n, ID_TIPO_ASIGNATURA=263, CREDITOS=1)
    layout = read_layout(builder.to_bytes(), "p.xlsx", Config(limits=Limits(max_workbook_rows=10)))
    table = layout.tables["ASIGNATURAS"]
    assert table.truncated_at == 11 and len(table.rows) == 9


def cell(value: object, kind: str = "n", fmt: str = "General") -> Cell:
    return Cell(7, 3, value, kind, fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        (cell(101), None),
        (cell(101.0), None),
        (cell("101", "s"), None),
        (cell("0101", "s"), ("leading_zeros", "101")),
        (cell(12.5), ("decimal", None)),
        (cell("12 ", "s"), ("spaces", "12")),
        (cell("1e3", "s"), ("not_integer", "1000")),
        (cell(None, "empty"), ("empty", None)),
        (cell(101, "n", "0000"), ("zero_format", "101")),
        (cell(1234, "n", "0000"), None),
        (cell(0), ("not_positive", None)),
    ],
)
def test_id_cell_rule(c: Cell, expected: tuple[str, str | None] | None) -> None:
    assert id_problem(c) == expected
    assert c.coordinate == "C7"


def test_padded_and_rvoe_cells() -> None:
    assert padded_problem(cell(9), 2) == ("number_lost_zeros", "09")
    assert padded_problem(cell("09", "s"), 2) is None
    assert padded_problem(cell(90872), 6) == ("number_lost_zeros", "090872")
    assert padded_problem(cell(123456), 6) is None
    assert rvoe_problem(cell("ACUERDO 1980", "s")) is None
    assert rvoe_problem(cell("DECRETO", "s")) is None
    assert rvoe_problem(cell(20181234)) is None
    assert rvoe_problem(cell("acuerdo 1980", "s")) == ("capitals", "ACUERDO 1980")
    assert rvoe_problem(cell(" 20181234", "s")) == ("spaces", "20181234")
    assert rvoe_problem(cell("RVOE-20181234", "s")) == ("format", "20181234")


def test_a_header_over_two_rows_is_read_whole() -> None:
    """Merged titles above (A1:A2) and a group title («CALIFICACIONES») with its column names in the
    row below: every column is found, and the second header row is not read as data."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(LayoutBuilder().to_bytes()))
    sheet = workbook["CARRERAS"]
    headers = [cell.value for cell in sheet[1]]
    grades = [i for i, name in enumerate(headers) if str(name).startswith("CALIF_")]
    sheet.insert_rows(2)
    for index, name in enumerate(headers):
        cell = sheet.cell(row=1, column=index + 1)
        if index in grades:
            sheet.cell(row=2, column=index + 1, value=name)  # the names sit in the second row
            cell.value = "CALIFICACIONES" if index == grades[0] else None
        else:
            sheet.merge_cells(start_row=1, end_row=2, start_column=index + 1, end_column=index + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    layout = read_layout(buffer.getvalue(), "programa.xlsx", Config())
    table = layout.tables["CARRERAS"]
    assert table.missing_columns == [] and len(table.rows) == 1
    assert (table.header_cell("CALIF_MINIMA") or "").endswith("2")
    assert table.header_cell("ID_CARRERA") == "A1"
