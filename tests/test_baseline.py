"""Waivers outside the signed file: `mec-lint baseline`, `check --baseline`, stale waivers (BAS001)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from mec_lint.baseline import fingerprint, load_baseline, location_of
from mec_lint.cli import app
from mec_lint.config import ConfigError
from mec_lint.findings import Finding, Severity
from mec_lint.testing import make_certificate

runner = CliRunner()
BAD = make_certificate(overrides={"Dec": {"tipoCertificado": "9"}})


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "malo.xml").write_bytes(BAD)
    (tmp_path / "certs" / "bueno.xml").write_bytes(make_certificate())
    (tmp_path / ".mec-lint.yaml").write_text("upload-date: 2024-09-01\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings_of(stdout: str) -> list[dict[str, object]]:
    """Errors and warnings (info notes such as «not signed yet» are never waived)."""
    return [f for f in json.loads(stdout)["findings"] if f["severity"] != "info"]


def test_baseline_waives_current_findings(folder: Path) -> None:
    result = runner.invoke(app, ["baseline", "certs", "--output", ".mec-lint-baseline.yaml"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((folder / ".mec-lint-baseline.yaml").read_text(encoding="utf-8"))
    assert data["version"] == 1
    entry = next(w for w in data["waivers"] if w["code"] == "DEC002")
    assert entry == {
        "path": "certs/malo.xml",
        "code": "DEC002",
        "location": "/Dec/@tipoCertificado",
        "value": "9",
        "reason": "",
    }
    assert runner.invoke(app, ["check", "certs"]).exit_code == 1
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", ".mec-lint-baseline.yaml", "certs"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert findings_of(result.stdout) == [] and report["summary"]["errors"] == 0


def test_baseline_from_the_configuration_file_relative_to_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["baseline", "certs", "-o", "dispensas.yaml"])
    (folder / ".mec-lint.yaml").write_text(
        "upload-date: 2024-09-01\nbaseline: dispensas.yaml\n", encoding="utf-8"
    )
    monkeypatch.chdir(folder / "certs")
    result = runner.invoke(app, ["check", "-f", "json", "malo.xml"])  # paths relative to the baseline file
    assert result.exit_code == 0, result.stdout
    assert findings_of(result.stdout) == []


def test_stale_waiver_is_bas001_and_only_for_files_checked_now(folder: Path) -> None:
    runner.invoke(app, ["baseline", "certs", "-o", "b.yaml"])
    (folder / "certs" / "malo.xml").write_bytes(make_certificate())  # fixed
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "b.yaml", "certs/bueno.xml"])
    assert findings_of(result.stdout) == []  # malo.xml was not checked: its waiver is not judged
    result = runner.invoke(app, ["check", "-f", "json", "--baseline", "b.yaml", "certs"])
    stale = [f for f in findings_of(result.stdout) if f["code"] == "BAS001"]
    assert len(stale) == 1
    assert stale[0]["severity"] == "warning" and stale[0]["path"] == "b.yaml"
    assert stale[0]["line"] and "certs/malo.xml" in str(stale[0]["message"])
    assert result.exit_code == 0
    assert runner.invoke(app, ["check", "--strict", "--baseline", "b.yaml", "certs"]).exit_code == 1
    ignored = runner.invoke(
        app, ["check", "-f", "json", "--ignore", "BAS001", "--baseline", "b.yaml", "certs"]
    )
    assert findings_of(ignored.stdout) == []


def test_waiver_of_a_rule_not_selected_is_not_stale(folder: Path) -> None:
    runner.invoke(app, ["baseline", "certs", "-o", "b.yaml"])
    (folder / "certs" / "malo.xml").write_bytes(make_certificate())
    result = runner.invoke(
        app, ["check", "-f", "json", "--select", "XSD,BAS", "--baseline", "b.yaml", "certs"]
    )
    assert findings_of(result.stdout) == []


def test_regenerating_keeps_reasons(folder: Path) -> None:
    runner.invoke(app, ["baseline", "certs", "-o", "b.yaml"])
    path = folder / "b.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("reason: ''", "reason: lote 2019 aceptado"), encoding="utf-8"
    )
    runner.invoke(app, ["baseline", "certs", "-o", "b.yaml"])
    assert all(w.reason == "lote 2019 aceptado" for w in load_baseline(str(path)).waivers)


@pytest.mark.parametrize(
    "text",
    [
        "waivers: [\n",
        "- path: a.xml\n",
        "version: 2\nwaivers: []\n",
        "waivers:\n- code: DEC002\n",
        "waivers:\n- path: a.xml\n  code: DEC002\n  razon: x\n",
        "waivers: {}\n",
        "otra: 1\n",
    ],
)
def test_malformed_baseline_is_exit_2(folder: Path, text: str) -> None:
    (folder / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_baseline(str(folder / "b.yaml"))
    proc = subprocess.run(
        [sys.executable, "-m", "mec_lint", "check", "--baseline", "b.yaml", "certs"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "b.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_fingerprint_of_workbook_and_zip_findings(tmp_path: Path) -> None:
    cell = Finding(
        path=str(tmp_path / "layout.xlsx"),
        code="LAY001",
        severity=Severity.ERROR,
        message="m",
        sheet="Asignaturas",
        cell="C7",
        value="x",
    )
    assert location_of(cell) == "Asignaturas!C7"
    assert fingerprint(cell, str(tmp_path)) == ("layout.xlsx", "LAY001", "Asignaturas!C7", "x")
    member = Finding(
        path=str(tmp_path / "lote.zip") + "!a.xml",
        code="DEC002",
        severity=Severity.ERROR,
        message="m",
        xpath="/Dec",
        attribute="tipoCertificado",
        value="9",
    )
    assert fingerprint(member, str(tmp_path)) == ("lote.zip!a.xml", "DEC002", "/Dec/@tipoCertificado", "9")
