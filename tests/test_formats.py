"""Output formats through the formatter registry: sarif, github, junit, csv, xlsx (json untouched)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mec_lint.engine import FileResult, Linter, RunResult
from mec_lint.findings import FINDING_KEYS, Finding, Severity
from mec_lint.formatters import FORMATS, render, render_bytes
from mec_lint.testing import DEFAULT_UPLOAD_DATE, make_certificate

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def finding(path: str, code: str = "DEC002", severity: Severity = Severity.ERROR, **kw: object) -> Finding:
    values: dict[str, object] = {"message": f"mensaje de {code}", "line": 2, "xpath": "/Dec"}
    values.update(kw)
    return Finding(path=path, code=code, severity=severity, **values)  # type: ignore[arg-type]


def excel_finding(path: str = "Programa de Estudios.xlsx") -> Finding:
    return Finding(
        path=path,
        code="DEC001",
        severity=Severity.WARNING,
        message="celda vacía",
        sheet="Asignaturas",
        row=7,
        cell="C7",
        value="",
    )


def sample_run() -> RunResult:
    return RunResult(
        files=[
            FileResult(
                "certs/Certificado, Pérez:1.xml",
                [finding("certs/Certificado, Pérez:1.xml", column=5, attribute="tipoCertificado", value="9")],
                codes_ran=("XML001", "DEC001", "DEC002"),
            ),
            FileResult("certs/bueno.xml", [], codes_ran=("XML001", "DEC001", "DEC002")),
            FileResult("Programa de Estudios.xlsx", [excel_finding()]),
        ]
    )


def real_run(tmp_path: Path) -> RunResult:
    bad = tmp_path / "malo con espacio.xml"
    bad.write_bytes(make_certificate(overrides={"Dec": {"tipoCertificado": "9"}}))
    good = tmp_path / "bueno.xml"
    good.write_bytes(make_certificate())
    from mec_lint.config import Config

    return Linter(Config(upload_date=DEFAULT_UPLOAD_DATE)).run([str(bad), str(good)])


def test_registry_has_every_format() -> None:
    assert set(FORMATS) >= {"text", "json", "sarif", "github", "junit", "csv", "xlsx"}


def test_json_contract_is_unchanged(tmp_path: Path) -> None:
    data = json.loads(render("json", real_run(tmp_path)))
    assert list(data) == ["version", "summary", "findings"]
    assert list(data["summary"]) == ["files", "errors", "warnings", "upload_date"]  # upload_date: added
    assert data["findings"] and all(list(f) == list(FINDING_KEYS) for f in data["findings"])


# -- SARIF ------------------------------------------------------------------------------------


def sarif_validator():  # type: ignore[no-untyped-def]
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_2_1_0_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for run in (real_run(tmp_path), sample_run(), RunResult()):
        data = json.loads(render("sarif", run))
        errors = sorted(sarif_validator().iter_errors(data), key=str)
        assert not errors, errors[0]


def test_sarif_schema_check_can_fail() -> None:
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}  # no driver name
    assert list(sarif_validator().iter_errors(broken))


def test_sarif_rules_table_and_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = json.loads(render("sarif", real_run(tmp_path)))
    run = data["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    dec002 = rules["DEC002"]
    assert dec002["shortDescription"]["text"] and dec002["fullDescription"]["text"]
    assert dec002["help"]["text"].startswith("DEC002") and dec002["help"]["markdown"]
    assert dec002["defaultConfiguration"]["level"] == "error"
    result = next(r for r in run["results"] if r["ruleId"] == "DEC002")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "DEC002"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "malo%20con%20espacio.xml"  # repo-relative, encoded
    assert location["region"]["startLine"] >= 1
    assert result["level"] == "error"
    assert result["partialFingerprints"]


def test_sarif_uris_and_excel_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = json.loads(render("sarif", sample_run()))["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert "certs/Certificado%2C%20P%C3%A9rez%3A1.xml" in uris
    assert all(" " not in uri and not uri.startswith("/") for uri in uris)
    excel = next(
        r for r in results if "xlsx" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    assert excel["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    names = [loc["fullyQualifiedName"] for loc in excel["locations"][0]["logicalLocations"]]
    assert "Asignaturas!C7" in names
    assert "Asignaturas!C7" in excel["message"]["text"]
    assert excel["level"] == "warning"
    xml = next(
        r
        for r in results
        if "Certificado" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    assert xml["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 5}


def test_sarif_path_outside_the_repository_is_a_file_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "repo"
    inside.mkdir()
    monkeypatch.chdir(inside)
    outside = str(tmp_path / "fuera ñ.xml")
    run = RunResult(files=[FileResult(outside, [finding(outside)])])
    uri = json.loads(render("sarif", run))["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"
    ]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/fuera%20%C3%B1.xml")


# -- GitHub -----------------------------------------------------------------------------------


def test_github_annotations_are_escaped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    run = RunResult(
        files=[
            FileResult(
                "certs/Certificado, Pérez:1.xml",
                [finding("certs/Certificado, Pérez:1.xml", message="100% malo\nsegunda línea", column=3)],
            ),
            FileResult(
                "sin-linea.xml", [finding("sin-linea.xml", line=None, column=4, severity=Severity.WARNING)]
            ),
            FileResult("Programa.xlsx", [excel_finding("Programa.xlsx")]),
        ]
    )
    lines = render("github", run).splitlines()
    annotations = [line for line in lines if line.startswith(("::error ", "::warning ", "::notice "))]
    assert (
        "::error file=certs/Certificado%2C Pérez%3A1.xml,line=2,col=3,title=mec-lint DEC002::100%25 malo%0Asegunda línea"
        in annotations
    )
    assert (
        "::warning file=sin-linea.xml,title=mec-lint DEC002::mensaje de DEC002" in annotations
    )  # no col without line
    assert "::warning file=Programa.xlsx,title=mec-lint DEC001::Asignaturas!C7: celda vacía" in annotations
    assert any(line.startswith("::group::") for line in lines)  # the full bitácora is printed too


def test_github_notes_the_annotation_cap_and_writes_the_step_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings = [finding(f"c{i:02}.xml", value=str(i)) for i in range(12)]  # 12 different findings
    run = RunResult(files=[FileResult(f.path, [f]) for f in findings])
    text = render("github", run)
    assert sum(1 for line in text.splitlines() if line.startswith("::error ")) == 12
    assert "2 de 12" in text  # GitHub shows 10 per step: the note says 2 are hidden
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("### mec-lint") and "| c00.xml |" in markdown and "2 de 12" in markdown

    summary.unlink()
    few = RunResult(files=[FileResult("a.xml", [finding("a.xml")])])
    assert "de 1 no aparecen" not in render("github", few)
    assert summary.exists()


# -- JUnit ------------------------------------------------------------------------------------


def test_junit_has_passed_and_failed_checks(tmp_path: Path) -> None:
    root = ET.fromstring(render("junit", real_run(tmp_path)))
    assert root.tag == "testsuites"
    suites = {suite.get("name", ""): suite for suite in root}
    bad = next(s for name, s in suites.items() if name.endswith("malo con espacio.xml"))
    good = next(s for name, s in suites.items() if name.endswith("bueno.xml"))
    bad_cases = {case.get("name", "").split()[0]: case for case in bad}
    assert bad_cases["DEC002"].find("failure") is not None
    assert bad_cases["DEC001"].find("failure") is None  # a check that ran and passed
    assert good.get("failures") == "0" and int(good.get("tests", "0")) >= 5
    assert all(case.find("failure") is None for case in good)
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in root)
    assert int(root.get("failures", "0")) == sum(int(s.get("failures", "0")) for s in root) >= 1


def test_junit_survives_control_characters() -> None:
    run = RunResult(files=[FileResult("a.xml", [finding("a.xml", message="valor \x01 raro")])])
    ET.fromstring(render("junit", run))  # well-formed


# -- CSV and XLSX -----------------------------------------------------------------------------


def test_csv_has_bom_every_key_and_no_formulas() -> None:
    run = RunResult(files=[FileResult("a.xml", [finding("a.xml", value='=HYPERLINK("x")', expected="-5")])])
    text = render("csv", run)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == list(FINDING_KEYS)
    row = dict(zip(rows[0], rows[1]))
    assert row["value"] == '\'=HYPERLINK("x")' and row["expected"] == "-5"
    assert row["code"] == "DEC002" and row["severity"] == "error" and row["line"] == "2"


def test_csv_formula_after_leading_spaces_is_neutralised() -> None:
    """A spreadsheet that trims a cell's leading spaces would run " =1+1" (found by hypothesis in
    test_structured_formats_escape_without_changing_values); a tab-led cell keeps its apostrophe."""
    run = RunResult(
        files=[FileResult("a.xml", [finding("a.xml", value=" =1+1", expected="\tabc", message=" -x")])]
    )
    row = dict(zip(*list(csv.reader(io.StringIO(render("csv", run)[1:])))))
    assert row["value"] == "' =1+1" and row["message"] == "' -x"
    assert row["expected"].startswith("'")  # as before: a tab at the start


def test_xlsx_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run = RunResult(files=[FileResult("a.xml", [finding("a.xml", value="=1+1"), excel_finding()])])
    data = render_bytes("xlsx", run)
    path = tmp_path / "bitacora.xlsx"
    path.write_bytes(data)
    workbook = load_workbook(path)
    sheet = workbook["Bitácora"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Archivo" and len(rows) == 3
    assert "=1+1" in rows[1] or "=1+1" in rows[2]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert workbook["Resumen"]["B1"].value == 1 and workbook["Resumen"]["B2"].value == 1
    with pytest.raises(ValueError):
        render("xlsx", run)


def test_render_bytes_of_text_formats_is_utf8(tmp_path: Path) -> None:
    run = real_run(tmp_path)
    assert render_bytes("csv", run).decode("utf-8") == render("csv", run)
