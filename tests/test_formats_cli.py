"""`check` options: --output, --strict, --max-warnings, --exit-zero, --quiet, --statistics, --lang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.testing import make_certificate

runner = CliRunner()


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """error.xml (DEC002, an error), aviso.xml (foto="": DEC004 and XSD findings, made warnings
    by the configuration file) and bueno.xml (clean)."""
    (tmp_path / "error.xml").write_bytes(make_certificate(overrides={"Dec": {"tipoCertificado": "9"}}))
    (tmp_path / "aviso.xml").write_bytes(make_certificate(overrides={"Alumno": {"foto": ""}}))
    (tmp_path / "bueno.xml").write_bytes(make_certificate())
    (tmp_path / ".mec-lint.yaml").write_text(
        "upload-date: 2024-09-01\nseverity:\n  DEC004: warning\n  XSD: warning\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def codes_of(stdout: str) -> set[tuple[str, str]]:
    return {(f["code"], f["severity"]) for f in json.loads(stdout)["findings"]}


def test_exit_codes(folder: Path) -> None:
    assert runner.invoke(app, ["check", "bueno.xml"]).exit_code == 0
    assert runner.invoke(app, ["check", "aviso.xml"]).exit_code == 0  # warnings only
    assert runner.invoke(app, ["check", "error.xml"]).exit_code == 1
    assert runner.invoke(app, ["check", "--strict", "aviso.xml"]).exit_code == 1
    assert runner.invoke(app, ["check", "--strict", "bueno.xml"]).exit_code == 0
    assert runner.invoke(app, ["check", "--max-warnings", "0", "aviso.xml"]).exit_code == 1
    assert runner.invoke(app, ["check", "--max-warnings", "50", "aviso.xml"]).exit_code == 0
    assert runner.invoke(app, ["check", "--exit-zero", "error.xml"]).exit_code == 0
    assert runner.invoke(app, ["check", "--exit-zero", "--strict", "aviso.xml"]).exit_code == 0


def test_usage_errors_are_2_even_with_exit_zero(folder: Path) -> None:
    for args in (
        ["check", "--exit-zero", "no-existe.xml"],
        ["check", "--format", "nada", "bueno.xml"],
        ["check", "--format", "xlsx", "bueno.xml"],  # xlsx needs --output
        ["check", "--output", "bueno.xml", "bueno.xml"],  # never overwrite an input
        ["check", "--output", "sub/reporte.xml", "."],  # inside a linted folder, with a linted extension
        ["check", "--max-warnings", "-1", "bueno.xml"],
        ["check", "--baseline", "no-existe.yaml", "bueno.xml"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "mec_lint", *args], cwd=folder, capture_output=True, text=True
        )
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    assert (folder / "bueno.xml").read_bytes() == make_certificate()


def test_output_writes_the_file_and_nothing_on_stdout(folder: Path) -> None:
    result = runner.invoke(app, ["check", "-f", "json", "--output", "reporte.json", "error.xml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((folder / "reporte.json").read_text(encoding="utf-8"))
    assert data["summary"]["errors"] >= 1
    result = runner.invoke(app, ["check", "-f", "xlsx", "-o", "bitacora.xlsx", "error.xml"])
    assert result.exit_code == 1
    assert (folder / "bitacora.xlsx").read_bytes()[:2] == b"PK"
    # A report next to the certificates is fine when its extension is not linted.
    result = runner.invoke(app, ["check", "-f", "junit", "-o", "junit-report.txt", "."])
    assert (folder / "junit-report.txt").exists()


def test_quiet_shows_only_errors(folder: Path) -> None:
    result = runner.invoke(app, ["check", "--quiet", "aviso.xml", "bueno.xml"])
    assert result.exit_code == 0 and result.stdout == ""  # no errors: no report, no summary
    result = runner.invoke(app, ["check", "--quiet", "aviso.xml", "error.xml"])
    assert result.exit_code == 1
    assert "error.xml" in result.stdout and "aviso.xml" not in result.stdout
    assert "DEC004" not in result.stdout and "Resumen" in result.stdout
    result = runner.invoke(app, ["check", "--quiet", "-f", "json", "aviso.xml", "error.xml"])
    assert all(severity == "error" for _, severity in codes_of(result.stdout))
    result = runner.invoke(app, ["check", "--quiet", "--strict", "aviso.xml"])
    assert result.exit_code == 1 and "DEC004" in result.stdout  # warnings that fail are shown
    result = runner.invoke(app, ["check", "--quiet", "--max-warnings", "0", "-f", "json", "aviso.xml"])
    assert result.exit_code == 1 and ("DEC004", "warning") in codes_of(result.stdout)
    result = runner.invoke(app, ["check", "--quiet", "--max-warnings", "5", "-f", "json", "aviso.xml"])
    assert result.exit_code == 0 and codes_of(result.stdout) == set()  # within the limit: hidden


def test_statistics_in_text_and_on_stderr_for_other_formats(folder: Path) -> None:
    result = runner.invoke(app, ["check", "--statistics", "error.xml", "aviso.xml"])
    assert "Estadísticas" in result.stdout and "DEC002" in result.stdout.split("Estadísticas")[1]
    proc = subprocess.run(
        [sys.executable, "-m", "mec_lint", "check", "--statistics", "-f", "json", "error.xml"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    data = json.loads(proc.stdout)  # the json contract is untouched
    assert list(data) == ["version", "summary", "findings"]
    assert "Estadísticas" in proc.stderr and "DEC002" in proc.stderr


def test_english_messages_and_headings(folder: Path) -> None:
    result = runner.invoke(app, ["check", "--lang", "en", "error.xml"])
    assert "Summary" in result.stdout and "Errors" in result.stdout
    assert "fixed value" in result.stdout  # DEC002's English template
    result = runner.invoke(app, ["check", "--lang", "en", "--statistics", "error.xml"])
    assert "Statistics" in result.stdout


def test_every_format_runs_from_the_command_line(folder: Path) -> None:
    for name in ("text", "json", "sarif", "github", "junit", "csv"):
        result = runner.invoke(app, ["check", "-f", name, "error.xml", "bueno.xml"])
        assert result.exit_code == 1, (name, result.stdout)
        assert "error.xml" in result.stdout, name
