"""The CLI end to end on the bundled samples (the README's first command): JSON and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.findings import FINDING_KEYS

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout


def test_samples_json_contract_and_exit_code() -> None:
    code, out = _check(str(SAMPLES), "--format", "json", "--upload-date", "2024-09-01")
    assert code == 1
    payload = json.loads(out)
    assert list(payload) == ["version", "summary", "findings"]
    assert list(payload["summary"]) == ["files", "errors", "warnings", "upload_date"]
    assert payload["summary"]["upload_date"] == "2024-09-01"
    # 3 certificates + 3 zip members + 1 workbook
    assert payload["summary"]["files"] == 7
    assert payload["summary"]["errors"] == sum(f["severity"] == "error" for f in payload["findings"])
    for finding in payload["findings"]:
        assert list(finding) == list(FINDING_KEYS)
        if finding["xpath"] is not None:
            assert finding["line"] is not None and finding["line"] >= 1
    by_file: dict[str, set[str]] = {}
    for finding in payload["findings"]:
        by_file.setdefault(os.path.basename(finding["path"]), set()).add(finding["code"])
    assert "certificado-valido.xml" not in by_file
    assert {"IDS001", "CIC001", "TOT003", "CUR004", "FIR001"} <= by_file["certificado-con-errores.xml"]
    assert by_file["certificado-alterado.xml"] == {"SEL007"}
    assert by_file["lote-folio-0001.zip!cert_001.xml"] == {"LOT005"}
    assert "programa-estudios.xlsx" not in by_file


def test_valid_sample_exits_zero_and_text_is_a_bitacora() -> None:
    code, out = _check(str(SAMPLES / "certificado-valido.xml"), "--upload-date", "2024-09-01")
    assert code == 0, out
    assert "Resumen" in out and "Errores: 0" in out


def test_usage_errors_exit_two() -> None:
    assert _check(str(SAMPLES), "--select", "NOPE999")[0] == 2
    assert _check(str(SAMPLES), "--upload-date", "26/11/2026")[0] == 2
    assert _check(str(SAMPLES), "--format", "yaml")[0] == 2
    assert _check(str(SAMPLES / "no-existe.xml"), "--upload-date", "2024-09-01")[0] == 2


def test_fecha_window_moves_with_upload_date() -> None:
    valid = str(SAMPLES / "certificado-valido.xml")
    assert _check(valid, "--upload-date", "2024-08-20", "--format", "json")[0] == 1  # same day
    assert _check(valid, "--upload-date", "2024-11-18", "--format", "json")[0] == 0  # day 90
    assert _check(valid, "--upload-date", "2024-11-19", "--format", "json")[0] == 1  # day 91


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "roto.xml"
    broken.write_bytes(b"<Dec><Alumno></Dec>")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mec_lint",
            "check",
            str(broken),
            str(SAMPLES / "certificado-valido.xml"),
            "--upload-date",
            "2024-09-01",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "XML001" in result.stdout and "roto.xml" in result.stdout
