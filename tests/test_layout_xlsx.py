"""The streaming workbook reader (mec_lint.layout.xlsx) against openpyxl's, and its bounds.

Differential: every fixture workbook and hand-written tricky ones (shared and inline rich text,
phonetic runs, number formats that show leading zeros, dates as numbers and as text, the 1904
calendar, formulas with and without a cached value, booleans, errors, cells and rows without a
reference, copied and hidden sheets, headers over two rows) are read by both readers and must give
the same `Layout`. Hostile: parts bigger than their bound, a million styles, 16,384 columns,
compression methods Excel never writes, DOCTYPEs and odd encodings inside parts; each ends in a
LAY001 finding that names the workbook and the part, never a traceback (the largest run in a
subprocess with a memory limit and a generous timeout; no timed assertion).
"""

from __future__ import annotations

import glob
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl_layout_reader import read_layout as read_with_openpyxl

from mec_lint.config import Config, Limits
from mec_lint.layout.model import Layout
from mec_lint.layout.reader import read_layout
from mec_lint.layout.samples import LayoutBuilder, big_layout

ROOT = Path(__file__).resolve().parent.parent
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def snapshot(layout: Layout) -> dict[str, Any]:
    """Everything the layout rules read, in comparable form."""
    return {
        "error": layout.error[0] if layout.error else None,
        "titles": layout.sheet_titles,
        "missing": layout.missing_sheets,
        "others": layout.other_sheets,
        "tables": {
            name: {
                "title": t.title,
                "header_row": t.header_row,
                "header_rows": t.header_rows,
                "columns": t.columns,
                "headers": t.headers,
                "missing": t.missing_columns,
                "truncated": t.truncated_at,
                "rows": [(r.number, {k: repr(c) for k, c in r.cells.items()}) for r in t.rows],
            }
            for name, t in layout.tables.items()
        },
    }


def assert_same_reading(raw: bytes, config: Config | None = None) -> Layout:
    config = config or Config()
    new = read_layout(raw, "p.xlsx", config)
    old = read_with_openpyxl(raw, "p.xlsx", config)
    assert snapshot(new) == snapshot(old)
    return new


# -- hand-written workbooks (what Excel, LibreOffice and other generators write) ------------------
def build_xlsx(
    sheets: list[tuple[str, str]],
    shared: list[str] | None = None,
    styles: str | None = None,
    date1904: bool = False,
    hidden: tuple[str, ...] = (),
    absolute_targets: bool = False,
    method: int = zipfile.ZIP_DEFLATED,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """An .xlsx with these (title, <sheetData> content) sheets, as Excel lays the package out."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
        for n in range(1, len(sheets) + 1)
    )
    if shared is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>'
    )
    state = ' state="hidden"'
    entries = "".join(
        f'<sheet name="{title}" sheetId="{n}"{state if title in hidden else ""} r:id="rId{n}"/>'
        for n, (title, _body) in enumerate(sheets, start=1)
    )
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="124226"/>'
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{pr}<sheets>{entries}</sheets></workbook>'
    )
    prefix = "/xl/" if absolute_targets else ""
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="{prefix}worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    rels += f'<Relationship Id="rId900" Type="{REL_NS}/styles" Target="{prefix}styles.xml"/>'
    if shared is not None:
        rels += (
            f'<Relationship Id="rId901" Type="{REL_NS}/sharedStrings" Target="{prefix}sharedStrings.xml"/>'
        )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": types,
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
        ),
        "xl/styles.xml": styles or STYLES,
    }
    for n, (_title, body) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><dimension ref="A1"/>'
            f"<sheetData>{body}</sheetData></worksheet>"
        )
    if shared is not None:
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="{MAIN_NS}" '
            f'count="{len(shared)}" uniqueCount="{len(shared)}">{"".join(shared)}</sst>'
        )
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buffer.getvalue()


# Cell styles: 0 General, 1 "0000", 2 dd/mm/yyyy, 3 builtin 14 (date), 4 "@" text, 5 [h]:mm:ss,
# 6 custom id 100 "000000", 7 "0.00E+00" (builtin 11), 8 custom "yyyy-mm-dd" that is not builtin.
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="{MAIN_NS}">'
    '<numFmts count="5"><numFmt numFmtId="164" formatCode="0000"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/>'
    '<numFmt numFmtId="100" formatCode="000000"/><numFmt numFmtId="167" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="100" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="11" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)

CARRERAS_HEADERS = [
    "ID_CARRERA",
    "ID_CAMPUS",
    "NO_RVOE",
    "FECHA_RVOE",
    "CLAVE_PLAN",
    "TOTAL_CREDITOS",
    "NOMBRE_CARRERA",
]


def inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{text}</t></is>'


def header_row(number: int, names: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr">{inline(name)}</c>' for i, name in enumerate(names)
    )
    return f'<row r="{number}" spans="1:{len(names)}">{cells}</row>'


def tricky_carreras() -> str:
    """Rows of every kind of cell a real workbook holds, under the CARRERAS headers."""
    return header_row(1, CARRERAS_HEADERS) + "".join(
        [
            # 101 shown as 0101; campus as text; RVOE as number; date serial with a date format;
            # clave plan as a text number; total from a formula with a cached value; notes in rich text.
            '<row r="2"><c r="A2" s="1"><v>101</v></c><c r="B2" t="inlineStr"><is><t>090872</t></is></c>'
            '<c r="C2"><v>20181234</v></c><c r="D2" s="2"><v>43266</v></c>'
            '<c r="E2" s="4" t="inlineStr"><is><t>2018</t></is></c>'
            '<c r="F2"><f>SUM(ASIGNATURAS!G2:G4)</f><v>21</v></c>'
            '<c r="G2" t="inlineStr"><is><r><rPr><b/></rPr><t>Plan </t></r><r><t xml:space="preserve">'
            'nuevo </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></is></c></row>',
            # A formula without a cached value; a date written as text; a builtin date format (14);
            # a string formula result (t="str"); a boolean; an error value.
            '<row r="3"><c r="A3"><f>CARRERAS!A2+1</f></c><c r="B3" s="6"><v>90872</v></c>'
            '<c r="C3" t="str"><f>"ACUERDO "&amp;1980</f><v>ACUERDO 1980</v></c>'
            '<c r="D3" t="inlineStr"><is><t>15/06/2018</t></is></c><c r="E3" s="3"><v>43101.5</v></c>'
            '<c r="F3" t="b"><v>1</v></c><c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
            # Cells without a reference (counted from the left); floats; a time; a duration; scientific.
            '<row><c><v>103</v></c><c><v>9</v></c><c><v>12.5</v></c><c s="2"><v>0.25</v></c>'
            '<c s="5"><v>1.5</v></c><c s="7"><v>1010203</v></c><c s="8"><v>59</v></c></row>',
            # Excel's 1900 leap-year quirk; an ISO date cell (t="d"); empty value; spaces only;
            # an inline string without <is>; a style index beyond the table.
            '<row r="6"><c r="A6"><v>104</v></c><c r="B6" s="2"><v>61</v></c><c r="C6" t="d">'
            '<v>2018-06-15T00:00:00</v></c><c r="D6"><v></v></c><c r="E6" t="inlineStr"><is><t>   </t></is>'
            '</c><c r="F6" t="inlineStr"/><c r="G6" s="40"><v>7</v></c></row>',
            # a lower-case reference, a blank row in between, the 1900 quirk below 60.
            '<row r="8"><c r="a8"><v>105</v></c><c r="B8" s="2"><v>30</v></c><c r="C8" s="9999"/>'
            '<c r="E8" s="1"><v>1234</v></c></row>',
        ]
    )


def shared_workbook(date1904: bool = False, hidden: tuple[str, ...] = ()) -> bytes:
    shared = [
        "<si><t>ID_CARRERA</t></si>",
        '<si><r><rPr><b/><sz val="11"/></rPr><t>ID_</t></r><r><t>ASIGNATURA</t></r></si>',
        '<si><t xml:space="preserve">  CRÉDITOS (con 2 decimales) </t><rPh sb="0" eb="2"><t>KUREJITO</t></rPh></si>',
        "<si><t>A_x005F_x000D_B</t></si>",
        "<si><t/></si>",
        "<si><t>Álgebra &amp; «lógica» &lt;I&gt;</t></si>",
        '<si><r><t>Cálculo</t></r><r><rPr><i/></rPr><t xml:space="preserve"> diferencial</t></r></si>',
        "<si><t>0101</t></si>",
    ]
    asignaturas = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
        '<c r="D1" t="inlineStr"><is><t>NOMBRE_ASIGNATURA</t></is></c></row>'
        '<row r="2"><c r="A2"><v>101</v></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>7.5</v></c>'
        '<c r="D2" t="s"><v>5</v></c></row>'
        '<row r="3"><c r="A3"><v>101</v></c><c r="B3"><v>1010202</v></c><c r="C3" t="s"><v>4</v></c>'
        '<c r="D3" t="s"><v>6</v></c></row>'
        '<row r="4"><c r="A4"><v>101</v></c><c r="B4" s="1"><v>2</v></c><c r="C4"><v>8</v></c>'
        '<c r="D4" t="s"><v>3</v></c></row>'
    )
    return build_xlsx(
        [
            ("INSTRUCCIONES", header_row(1, ["Llene cada hoja"])),
            ("CARRERAS (2)", header_row(1, CARRERAS_HEADERS)),
            ("CARRERAS", tricky_carreras()),
            ("Asignaturas", asignaturas),
            ("Otra hoja", header_row(1, ["X"])),
        ],
        shared=shared,
        date1904=date1904,
        hidden=hidden,
    )


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(shared_workbook(), id="shared-rich-text-formats-formulas-copies"),
        pytest.param(shared_workbook(date1904=True), id="1904-calendar"),
        pytest.param(shared_workbook(hidden=("CARRERAS (2)", "CARRERAS")), id="hidden-sheets"),
        pytest.param(
            build_xlsx([("CARRERAS", tricky_carreras())], absolute_targets=True), id="absolute-targets"
        ),
        pytest.param(build_xlsx([("CARRERAS", tricky_carreras())], method=zipfile.ZIP_STORED), id="stored"),
        pytest.param(
            build_xlsx(
                [
                    (
                        "CARRERAS",
                        '<row r="4"><c r="A4" t="inlineStr"><is><t>SEP</t></is></c></row>'
                        + tricky_carreras().replace('r="1"', 'r="5"', 1),
                    )
                ]
            ),
            id="title-row-above",
        ),
    ],
)
def test_tricky_workbooks_read_as_openpyxl_read_them(raw: bytes) -> None:
    layout = assert_same_reading(raw)
    assert layout.error is None and layout.tables["CARRERAS"].rows


def test_what_the_tricky_workbook_holds() -> None:
    """The differential test compares like with like: the values are the ones a clerk sees."""
    import datetime as dt

    layout = read_layout(shared_workbook(), "p.xlsx", Config())
    carreras = layout.tables["CARRERAS"]
    assert carreras.title == "CARRERAS" and layout.other_sheets == {"CARRERAS": ["CARRERAS (2)"]}
    first, second, third = carreras.rows[:3]
    assert first.cells["ID_CARRERA"].number_format == "0000" and first.cells["ID_CARRERA"].value == 101
    assert first.cells["FECHA_RVOE"].value == dt.datetime(2018, 6, 15)
    assert first.cells["TOTAL_CREDITOS"].value == 21 and first.cells["TOTAL_CREDITOS"].formula
    assert first.cells["NOMBRE_CARRERA"].value == "Plan nuevo "  # runs joined, phonetic run left out
    assert second.cells["ID_CARRERA"].uncached
    assert second.cells["NO_RVOE"].value == "ACUERDO 1980" and second.cells["NO_RVOE"].kind == "s"
    assert second.cells["ID_CAMPUS"].number_format == "000000"
    assert third.number == 4 and third.cells["ID_CAMPUS"].coordinate == "B4"
    asignaturas = layout.tables["ASIGNATURAS"]
    assert asignaturas.columns == {"ID_CARRERA": 1, "ID_ASIGNATURA": 2, "CREDITOS": 3, "NOMBRE_ASIGNATURA": 4}
    assert asignaturas.rows[0].cells["ID_ASIGNATURA"].value == "0101"
    assert asignaturas.rows[0].cells["NOMBRE_ASIGNATURA"].value == "Álgebra & «lógica» <I>"
    assert asignaturas.rows[1].cells["NOMBRE_ASIGNATURA"].value == "Cálculo diferencial"
    assert asignaturas.rows[2].cells["NOMBRE_ASIGNATURA"].value == "A_x000D_B"


FIXTURE_WORKBOOKS = sorted(glob.glob(str(ROOT / "fixtures" / "**" / "*.xlsx"), recursive=True))


@pytest.mark.parametrize("path", FIXTURE_WORKBOOKS, ids=lambda p: os.path.relpath(p, ROOT))
def test_every_fixture_workbook_reads_as_before(path: str) -> None:
    with open(path, "rb") as handle:
        assert_same_reading(handle.read())


def test_generated_layouts_read_as_before() -> None:
    builder = LayoutBuilder()
    builder.formats[("CARRERAS", "ID_CARRERA", 0)] = "0000"
    builder.formulas[("CARRERAS", "TOTAL_CREDITOS", 0)] = "=SUM(ASIGNATURAS!G2:G4)"
    builder.title_rows["CARRERAS"] = [["SECRETARÍA DE EDUCACIÓN PÚBLICA"], [], ["PROGRAMA DE ESTUDIOS"]]
    assert_same_reading(builder.to_bytes())
    assert_same_reading(big_layout(400).to_bytes())
    assert len(FIXTURE_WORKBOOKS) > 20  # the glob found the fixtures


def test_a_two_row_header_reads_as_before() -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(LayoutBuilder().to_bytes()))
    sheet = workbook["CARRERAS"]
    headers = [cell.value for cell in sheet[1]]
    sheet.insert_rows(2)
    for index, name in enumerate(headers):
        if str(name).startswith("CALIF_"):
            sheet.cell(row=2, column=index + 1, value=name)
            sheet.cell(row=1, column=index + 1).value = "CALIFICACIONES" if name == "CALIF_MINIMA" else None
        else:
            sheet.merge_cells(start_row=1, end_row=2, start_column=index + 1, end_column=index + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    layout = assert_same_reading(buffer.getvalue())
    assert layout.tables["CARRERAS"].missing_columns == []


def test_limits_stop_both_readers_at_the_same_row() -> None:
    builder = LayoutBuilder()
    for n in range(30):
        builder.add("ASIGNATURAS", ID_CARRERA=101, ID_ASIGNATURA=2000 + n, ID_TIPO_ASIGNATURA=263, CREDITOS=1)
    assert_same_reading(builder.to_bytes(), Config(limits=Limits(max_workbook_rows=12)))
    assert_same_reading(builder.to_bytes(), Config(limits=Limits(max_workbook_cells=40)))


# -- hostile parts --------------------------------------------------------------------------------------
NO_RATIO = Limits(max_zip_ratio=1_000_000)  # these repetitive parts would be refused as zip bombs first


def lint(raw: bytes, tmp_path: Path, *, limits: Limits | None = None) -> list[dict[str, Any]]:
    from mec_lint.config import Config
    from mec_lint.engine import Linter

    path = tmp_path / "programa.xlsx"
    path.write_bytes(raw)
    run = Linter(Config(limits=limits or Limits(), select=("LAY001",))).run([str(path)])
    return [{"code": f.code, "severity": f.severity.value, "message": f.message} for f in run.findings]


def only_finding(findings: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(findings) == 1, findings
    return findings[0]


def test_a_huge_shared_strings_part_is_refused_naming_the_part(tmp_path: Path) -> None:
    strings = ["<si><t>x</t></si>"] * 400_000  # ~7 MB of strings table in a zip of a few KB
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))], shared=strings)
    assert len(raw) < 200_000
    # By its expansion (declared in the zip's directory, and re-counted while inflating)…
    finding = only_finding(lint(raw, tmp_path))
    assert finding["code"] == "LAY001" and finding["severity"] == "error"
    assert "xl/sharedStrings.xml" in finding["message"] and "programa.xlsx" in finding["message"]
    assert "bomba zip" in finding["message"]
    # … and by its size, whatever the ratio.
    limits = Limits(max_workbook_part_bytes=2_000_000, max_zip_ratio=1_000_000)
    finding = only_finding(lint(raw, tmp_path, limits=limits))
    assert "xl/sharedStrings.xml" in finding["message"] and "programa.xlsx" in finding["message"]
    assert "2000000" in finding["message"] and "max-workbook-part-bytes" in finding["message"]


def test_a_shared_strings_table_larger_than_the_cell_budget_is_refused(tmp_path: Path) -> None:
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))], shared=["<si><t>x</t></si>"] * 5000)
    finding = only_finding(lint(raw, tmp_path, limits=Limits(max_workbook_cells=1000)))
    assert "xl/sharedStrings.xml" in finding["message"] and "textos compartidos" in finding["message"]


def test_a_million_styles_are_refused(tmp_path: Path) -> None:
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 1_000_000
    styles = f'<styleSheet xmlns="{MAIN_NS}"><cellXfs count="1000000">{xfs}</cellXfs></styleSheet>'
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))], styles=styles)
    finding = only_finding(lint(raw, tmp_path, limits=NO_RATIO))
    assert "xl/styles.xml" in finding["message"] and "65490 formatos de celda" in finding["message"]


def wide_sheet(columns: int, rows: int) -> str:
    from mec_lint.layout.model import column_letter

    letters = [column_letter(n) for n in range(1, columns + 1)]
    body = [header_row(1, CARRERAS_HEADERS)]
    for number in range(2, rows + 2):
        body.append(
            f'<row r="{number}">' + "".join(f'<c r="{c}{number}" s="1"/>' for c in letters) + "</row>"
        )
    return "".join(body)


def test_16384_columns_are_not_read_and_said(tmp_path: Path) -> None:
    raw = build_xlsx([("CARRERAS", wide_sheet(16_384, 40))])
    findings = lint(raw, tmp_path)
    wide = [f for f in findings if "columna XFD" in f["message"]]
    assert len(wide) == 1 and wide[0]["severity"] == "warning"
    assert "xl/worksheets/sheet1.xml" in wide[0]["message"] and "programa.xlsx" in wide[0]["message"]
    assert "ALL" in wide[0]["message"]  # the limit, column 1,000


def test_a_declared_dimension_beyond_the_columns_is_said(tmp_path: Path) -> None:
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))])
    source = zipfile.ZipFile(io.BytesIO(raw))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1"/>', b'<dimension ref="A1:XFD300"/>')
            archive.writestr(info.filename, data)
    assert any("columna XFD" in f["message"] for f in lint(buffer.getvalue(), tmp_path))


def test_a_row_of_a_million_cells_stays_bounded() -> None:
    """The cells of an open row beyond the column limit are dropped while the row is parsed."""
    cells = '<c s="1"/>' * 1_000_000
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS) + f'<row r="2">{cells}</row>')])
    layout = read_layout(raw, "p.xlsx", Config(limits=NO_RATIO))
    table = layout.tables["CARRERAS"]
    # Cells without a reference beyond the limit were dropped unread: the farthest is a lower bound.
    assert layout.error is None and table.wide_at is not None and table.wide_at > 1_000
    assert [r.number for r in table.rows] == []  # empty styled cells are no data


def test_a_string_of_a_million_runs_is_refused(tmp_path: Path) -> None:
    runs = "<r><t>x</t></r>" * 200_000
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))], shared=[f"<si>{runs}</si>"])
    finding = only_finding(lint(raw, tmp_path, limits=NO_RATIO))
    assert "xl/sharedStrings.xml" in finding["message"] and "40000" in finding["message"]


@pytest.mark.parametrize(("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")])
def test_compression_methods_excel_never_writes_are_refused(tmp_path: Path, method: int, name: str) -> None:
    raw = build_xlsx([("CARRERAS", header_row(1, CARRERAS_HEADERS))], method=method)
    finding = only_finding(lint(raw, tmp_path))
    assert "[Content_Types].xml" in finding["message"] and f"método {name}" in finding["message"]


def test_a_part_whose_headers_lie_about_its_size_is_one_finding(tmp_path: Path) -> None:
    """The directory says 100 bytes for a 1 MB sheet: what is inflated is counted, not what is
    declared; the workbook is reported once (damaged), never read past the bound."""
    import struct

    big = header_row(1, CARRERAS_HEADERS) + "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 40_000)
    )
    raw = bytearray(build_xlsx([("CARRERAS", big)]))
    name = b"xl/worksheets/sheet1.xml"
    position = raw.find(name)
    while position != -1:
        header = raw.rfind(b"PK", 0, position)
        if raw[header : header + 4] == b"PK\x03\x04":
            struct.pack_into("<I", raw, header + 22, 100)
        elif raw[header : header + 4] == b"PK\x01\x02":
            struct.pack_into("<I", raw, header + 24, 100)
        position = raw.find(name, position + 1)
    finding = only_finding(lint(bytes(raw), tmp_path))
    assert finding["code"] == "LAY001" and finding["severity"] == "error"
    assert "dañado" in finding["message"] and "programa.xlsx" in finding["message"]


@pytest.mark.parametrize(
    "prolog",
    [
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<?xml version="1.0" encoding="UTF-7"?>+ADw-+ACE-DOCTYPE worksheet+AD4-',
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<!-- a comment first --><!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/x.dtd">',
    ],
)
def test_a_doctype_or_an_odd_encoding_in_a_part_is_refused(tmp_path: Path, prolog: str) -> None:
    sheet = f'{prolog}<worksheet xmlns="{MAIN_NS}"><sheetData>{header_row(1, CARRERAS_HEADERS)}</sheetData></worksheet>'
    raw = build_xlsx([("CARRERAS", "")], extra={"xl/worksheets/sheet1.xml": sheet.encode("latin-1")})
    finding = only_finding(lint(raw, tmp_path))
    assert finding["severity"] == "error" and "xl/worksheets/sheet1.xml" in finding["message"]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-32", "cp500"])
def test_a_part_in_a_wide_or_ebcdic_encoding_is_refused(tmp_path: Path, codec: str) -> None:
    """UCS-4/UTF-32 and EBCDIC would hide a DOCTYPE from a byte search: refused by their first bytes."""
    sheet = f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet xmlns="{MAIN_NS}"/>'
    raw = build_xlsx([("CARRERAS", "")], extra={"xl/worksheets/sheet1.xml": sheet.encode(codec)})
    finding = only_finding(lint(raw, tmp_path))
    assert finding["severity"] == "error" and "xl/worksheets/sheet1.xml" in finding["message"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_part_is_read(codec: str) -> None:
    sheet = f'<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN_NS}"><sheetData>{tricky_carreras()}</sheetData></worksheet>'
    raw = build_xlsx([("CARRERAS", "")], extra={"xl/worksheets/sheet1.xml": sheet.encode(codec)})
    layout = assert_same_reading(raw)
    assert layout.error is None and len(layout.tables["CARRERAS"].rows) == 5


def write_streamed(path: Path, part: str, pieces: Any, sheets: list[tuple[str, str]], **options: Any) -> None:
    """An .xlsx whose `part` is written piece by piece (hundreds of MB never held in memory)."""
    source = zipfile.ZipFile(io.BytesIO(build_xlsx(sheets, **options)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != part:
                archive.writestr(info.filename, source.read(info.filename))
        with archive.open(part, "w", force_zip64=True) as stream:
            for piece in pieces:
                stream.write(piece.encode("utf-8"))


def huge_strings() -> Any:
    yield f'<sst xmlns="{MAIN_NS}">'
    for _ in range(3_600):  # ~200 MB
        yield "<si><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></si>" * 1000
    yield "</sst>"


def huge_sheet() -> Any:
    from mec_lint.layout.model import column_letter

    letters = [column_letter(n) for n in range(1, 16_385)]
    yield f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:XFD301"/><sheetData>'
    yield header_row(1, CARRERAS_HEADERS)
    for number in range(2, 302):
        yield f'<row r="{number}">' + "".join(f'<c r="{c}{number}" s="1"/>' for c in letters) + "</row>"
    yield "</sheetData></worksheet>"


@pytest.mark.parametrize(
    ("part", "pieces", "expected"),
    [
        ("xl/sharedStrings.xml", huge_strings, "xl/sharedStrings.xml"),
        ("xl/worksheets/sheet1.xml", huge_sheet, "xl/worksheets/sheet1.xml"),
    ],
    ids=["200MB-shared-strings", "16384-columns-x-300-rows"],
)
def test_the_issues_hostile_workbooks_end_within_bounds(
    tmp_path: Path, part: str, pieces: Any, expected: str
) -> None:
    """The issue's cases, full size, checked by the command in a subprocess: one finding naming
    the workbook and the part, no traceback, peak memory under 500 MB (the address space is capped
    as a safety net; a generous timeout catches a hang; speed is not asserted)."""
    path = tmp_path / "programa.xlsx"
    write_streamed(path, part, pieces(), [("CARRERAS", "")], shared=[])
    assert path.stat().st_size < Limits().max_file_bytes  # read, not refused for its size on disk
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))\n"
        "from mec_lint.cli import main\n"
        "sys.argv = ['mec-lint', 'check', '--format', 'json', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    try:  # this process's own peak: after vfork+exec, ru_maxrss holds the parent's (pytest's)\n"
        "        peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "    except (OSError, StopIteration):\n"
        "        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    print('peak_kb', peak, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr[-2000:]
    peak_kb = int(done.stderr.rsplit("peak_kb", 1)[1].split()[0])
    assert peak_kb < 500_000
    messages = [f["message"] for f in json.loads(done.stdout)["findings"]]
    assert any(expected in m and "programa.xlsx" in m for m in messages), messages


# -- property: any mix of cells reads as openpyxl read it ---------------------------------------------
def _cell_xml(kind: str, text: str, number: float, style: int, with_ref: bool, ref: str) -> str:
    from xml.sax.saxutils import escape

    attrs = (f' r="{ref}"' if with_ref else "") + (f' s="{style}"' if style >= 0 else "")
    safe = escape(text)
    return {
        "number": f"<c{attrs}><v>{number!r}</v></c>",
        "integer": f"<c{attrs}><v>{int(number)}</v></c>",
        "shared": f'<c{attrs} t="s"><v>{int(abs(number)) % 3}</v></c>',
        "inline": f'<c{attrs} t="inlineStr"><is><t xml:space="preserve">{safe}</t></is></c>',
        "rich": f'<c{attrs} t="inlineStr"><is><r><t>{safe}</t></r><r><t>!</t></r></is></c>',
        "bool": f'<c{attrs} t="b"><v>{int(number) % 2}</v></c>',
        "error": f'<c{attrs} t="e"><v>#N/A</v></c>',
        "formula": f"<c{attrs}><f>A1+1</f></c>",
        "formula_cached": f"<c{attrs}><f>A1+1</f><v>{number!r}</v></c>",
        "formula_text": f'<c{attrs} t="str"><f>A1</f><v>{safe}</v></c>',
        "empty": f"<c{attrs}/>",
    }[kind]


def _random_sheet(draw: Any) -> str:
    from hypothesis import strategies as st

    from mec_lint.layout.model import column_letter

    rows = [header_row(1, CARRERAS_HEADERS)]
    number = 1
    for _ in range(draw(st.integers(0, 6))):
        number += draw(st.integers(1, 3))
        cells = []
        for column in range(1, draw(st.integers(1, 8)) + 1):
            kind = draw(
                st.sampled_from(
                    [
                        "number",
                        "integer",
                        "shared",
                        "inline",
                        "rich",
                        "bool",
                        "error",
                        "formula",
                        "formula_cached",
                        "formula_text",
                        "empty",
                    ]
                )  # fmt: skip
            )
            text = draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))
            value = draw(st.floats(-1e6, 3e6, allow_nan=False, allow_infinity=False))
            style = draw(st.integers(-1, 8))
            with_ref = draw(st.booleans())
            cells.append(_cell_xml(kind, text, value, style, with_ref, f"{column_letter(column)}{number}"))
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    return "".join(rows)


def test_any_mix_of_cells_reads_as_openpyxl_reads_it() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    shared = ["<si><t>101</t></si>", "<si><r><t>ID_</t></r><r><t>X</t></r></si>", "<si><t> </t></si>"]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data(), st.booleans())
    def check(data: Any, date1904: bool) -> None:
        sheet = _random_sheet(data.draw)
        assert_same_reading(build_xlsx([("CARRERAS", sheet)], shared=shared, date1904=date1904))

    check()
