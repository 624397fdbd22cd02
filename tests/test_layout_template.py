"""`mec-lint layout-template`: the template reads back, never overwrites by accident, lints clean filled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.layout.headers import SHEETS
from mec_lint.layout.samples import DEFAULT_ROWS
from mec_lint.testing import DEFAULT_UPLOAD_DATE


def test_template_is_written_and_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "programa.xlsx"
    result = CliRunner().invoke(app, ["layout-template", str(target)])
    assert result.exit_code == 0 and target.exists()
    target.write_bytes(b"datos del usuario")
    result = CliRunner().invoke(app, ["layout-template", str(target)])
    assert result.exit_code == 1 and target.read_bytes() == b"datos del usuario"
    result = CliRunner().invoke(app, ["layout-template", str(target), "--force"])
    assert result.exit_code == 0 and target.read_bytes().startswith(b"PK")


def test_template_structure(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "programa.xlsx"
    CliRunner().invoke(app, ["layout-template", str(target)])
    workbook = load_workbook(target)
    assert workbook.sheetnames[0] == "INSTRUCCIONES"
    assert workbook["INSTRUCCIONES"].sheet_properties.tabColor.rgb.endswith("FF0000")
    assert {"INSTITUCION", "CAMPUS", "CARRERAS", "ASIGNATURAS", "CATALOGOS"} <= set(workbook.sheetnames)
    headers = [c.value for c in workbook["CARRERAS"][1]]
    assert "ID_CARRERA (obligatorio)" in headers and "NUMERO_CICLOS" in headers
    assert workbook["CARRERAS"].data_validations.dataValidation  # catalog lists


def test_filled_template_lints_clean(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "programa.xlsx"
    CliRunner().invoke(app, ["layout-template", str(target)])
    workbook = load_workbook(target)
    for name, spec in SHEETS.items():
        sheet = workbook[name]
        for row in DEFAULT_ROWS[name]:
            sheet.append([row.get(column) for column, _required in spec])
    workbook.save(target)
    run = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE)).run([str(target)])
    assert run.findings == []
    empty = tmp_path / "vacio.xlsx"
    CliRunner().invoke(app, ["layout-template", str(empty)])
    assert Linter(Config(upload_date=dt.date(2024, 9, 1))).run([str(empty)]).findings == []
