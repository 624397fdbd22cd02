"""`check --schema FILE` validates with another XSD (e.g. the official one a user has)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.schema import bundled_schema_path
from mec_lint.testing import make_certificate


def _check(*args: str) -> tuple[int, dict[str, object] | None, str]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json", "--upload-date", "2024-09-01"])
    try:
        payload = json.loads(result.stdout)
    except ValueError:
        payload = None
    return result.exit_code, payload, result.output


def test_another_schema_is_used(tmp_path: Path) -> None:
    # A stricter schema: numeroControl limited to 5 characters (the bundled one has no facet).
    strict = (
        Path(bundled_schema_path())
        .read_text(encoding="utf-8")
        .replace(
            '<xs:attribute name="numeroControl" type="xs:string" use="required"/>',
            '<xs:attribute name="numeroControl" use="required"><xs:simpleType><xs:restriction base="xs:string">'
            '<xs:maxLength value="5"/></xs:restriction></xs:simpleType></xs:attribute>',
        )
    )
    assert "maxLength" in strict
    schema = tmp_path / "oficial.xsd"
    schema.write_text(strict, encoding="utf-8")
    cert = tmp_path / "cert.xml"
    cert.write_bytes(make_certificate())  # numeroControl="A2019-0457": 10 characters
    code, payload, _ = _check(str(cert), "--select", "XSD")
    assert code == 0 and payload is not None and payload["findings"] == []
    code, payload, _ = _check(str(cert), "--select", "XSD", "--schema", str(schema))
    assert code == 1 and payload is not None
    findings = payload["findings"]
    assert isinstance(findings, list) and len(findings) == 1
    assert findings[0]["attribute"] == "numeroControl" and findings[0]["xpath"] == "/Dec/Alumno"
    assert findings[0]["line"] >= 1 and "{" not in findings[0]["message"]
    assert "maxLength" in findings[0]["message"] and "A2019-0457" in findings[0]["message"]


def test_missing_or_broken_schema_is_a_usage_error(tmp_path: Path) -> None:
    cert = tmp_path / "cert.xml"
    cert.write_bytes(make_certificate())
    code, _, output = _check(str(cert), "--schema", str(tmp_path / "no-existe.xsd"))
    assert code == 2 and "Traceback" not in output
    broken = tmp_path / "roto.xsd"
    broken.write_text("<xs:schema", encoding="utf-8")
    code, _, output = _check(str(cert), "--schema", str(broken))
    assert code == 2 and "Traceback" not in output
