"""A finding shared by many members of a zip (one folioControl in every certificate) is reported once,
with the count and the first names, in every report people read: text (tests/test_consoles.py),
GitHub annotations and the HTML bitácora (file and web page). Machine formats keep one per member."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from mec_lint.engine import FileResult, RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters import render
from mec_lint.testing import make_certificate

COUNT = 400


def _member(i: int) -> str:
    return f"lote.zip!cert_{i:05}.xml"


def _shared_run(count: int = COUNT, first: str | None = None) -> RunResult:
    """`count` members with the same LOT006 warning (one at line 3, the rest at line 2) and one with an
    error of its own besides."""
    files = []
    for i in range(count):
        path = first if (first and i == 0) else _member(i)
        found = [
            Finding(
                path=path, code="LOT006", severity=Severity.WARNING, line=3 if i == 7 else 2,
                message="folioControl repetido en el lote", element="Dec", xpath="/Dec",
                attribute="folioControl", value="UEC-2024-000001",
            )
        ]  # fmt: skip
        if i == 9:
            found.append(
                Finding(path=path, code="CUR004", severity=Severity.ERROR, line=9, message="CURP mal",
                        element="Alumno", xpath="/Dec/Alumno", attribute="curp", value="GAPA010523MDFRRNA7")
            )  # fmt: skip
        files.append(FileResult(path, found))
    return RunResult(files=files)


# -- GitHub workflow annotations ---------------------------------------------------------------------


def test_github_one_annotation_for_a_shared_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = render("github", _shared_run())
    lines = out.splitlines()
    lot006 = [line for line in lines if line.startswith("::warning ") and "LOT006" in line]
    assert lot006 == [
        "::warning file=lote.zip,line=2,title=mec-lint LOT006::en 400 archivos de lote.zip: cert_00000.xml, "
        "cert_00001.xml, cert_00002.xml y 397 más: folioControl repetido en el lote"
    ]
    cur004 = [line for line in lines if line.startswith("::error ")]
    assert cur004 == ["::error file=lote.zip,line=9,title=mec-lint CUR004::cert_00009.xml: CURP mal"]
    assert len(lines) < 60, len(lines)  # one annotation and one group per member: > 2,000 lines
    groups = [line for line in lines if line.startswith("::group::")]
    assert groups == [
        "::group::Hallazgos repetidos en muchos archivos (uno por archivo en json, sarif y csv) (1)",
        "::group::lote.zip!cert_00009.xml (1)",
    ]
    assert "no aparecen como anotación" not in out  # 2 annotations: nothing hidden by GitHub's cap
    english = render("github", _shared_run(), lang="en")
    assert (
        "::in 400 files of lote.zip: cert_00000.xml, cert_00001.xml, cert_00002.xml and 397 more: " in english
    )


def test_github_step_summary_has_one_row_per_shared_finding(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render("github", _shared_run())
    markdown = summary.read_text(encoding="utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "LOT006" in line]
    assert len(rows) == 1 and "en 400 archivos de lote.zip" in rows[0]
    assert "Advertencias: **400**" in markdown  # the counts stay per member


def test_github_shared_names_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = render("github", _shared_run(10, first="lote.zip!100%,\n::error::x.xml"))
    annotation = next(line for line in out.splitlines() if "LOT006" in line and line.startswith("::warning"))
    assert "100%25" in annotation and "\n" not in annotation
    assert not any(line.startswith("::error::x") for line in out.splitlines())


def test_few_members_are_not_grouped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = render("github", _shared_run(4))
    assert sum(line.startswith("::warning ") for line in out.splitlines()) == 4


# -- the HTML bitácora ---------------------------------------------------------------------------------


def _shared_section(page: str) -> str:
    match = re.search(r'<section class="file shared">.*?</section>', page, re.S)
    assert match, "no shared section"
    return match.group()


def test_html_reports_a_shared_finding_once_with_every_member_in_details() -> None:
    page = render("html", _shared_run())
    assert "Hallazgos repetidos en muchos archivos" in page
    shared = _shared_section(page)
    assert shared.count("<tr class=") == 1 and 'data-code="LOT006"' in shared and 'data-count="400"' in shared
    assert "en 400 archivos de lote.zip: cert_00000.xml, cert_00001.xml, cert_00002.xml y 397 más" in shared
    details = re.search(
        r"<details><summary>Ver los 400 archivos</summary><ol>(.*?)</ol></details>", shared, re.S
    )
    assert details and details.group(1).count("<li") == 400
    assert '<li class="mono">cert_00007.xml · línea 3</li>' in details.group(1)  # each member's own line
    # the per-file sections keep only what is not shared: the one member with its own error
    assert page.count('<section class="file">') == 1 and "CUR004" in page
    assert page.count('data-code="LOT006"') == 1
    # the status table lists that member; the 399 others are folded under the shared finding
    assert '<td class="mono">lote.zip!cert_00009.xml</td>' in page
    assert '<td class="mono">lote.zip!cert_00005.xml</td>' not in page
    folded = re.search(r'<details class="clean shared-only">.*?</details>', page, re.S)
    assert folded and "399 archivos sólo con hallazgos repetidos (arriba)" in folded.group()
    assert '<li class="mono">lote.zip!cert_00005.xml (1 advertencia)</li>' in folded.group()
    assert "<dd>400</dd>" in page  # the warnings count stays per member
    english = render("html", _shared_run(), lang="en")
    assert "Findings repeated in many files" in english and "Show the 400 files" in english
    assert "in 400 files of lote.zip: cert_00000.xml" in english


def test_html_shared_names_are_escaped() -> None:
    page = render("html", _shared_run(10, first="lote.zip!<b>x</b>\u202e.xml"))
    shared = _shared_section(page)
    assert "<b>x" not in page and "&lt;b&gt;x&lt;/b&gt;\\u202e.xml" in shared


def test_machine_formats_keep_one_finding_per_member() -> None:
    run = _shared_run()
    assert sum(f["code"] == "LOT006" for f in json.loads(render("json", run))["findings"]) == COUNT
    results = json.loads(render("sarif", run))["runs"][0]["results"]
    assert sum(r["ruleId"] == "LOT006" for r in results) == COUNT
    rows = list(csv.reader(io.StringIO(render("csv", run).lstrip("\ufeff"))))
    assert sum("LOT006" in row for row in rows) == COUNT


def test_web_page_condenses_a_shared_folio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from mec_lint.web.app import create_app

    monkeypatch.chdir(tmp_path)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for i in range(12):
            curp = f"GAPA0105{i + 10:02}MDFRRNA3"  # distinct students: only the folio is shared
            cert = make_certificate({"Dec": {"folioControl": "UEC-2024-000001"}, "Alumno": {"curp": curp}})
            archive.writestr(f"cert_{i:03}.xml", cert)
    files = [("files", ("lote.zip", data.getvalue(), "application/zip"))]
    client = TestClient(create_app(discover=False))
    page = client.post("/check", files=files, data={"upload_date": "2024-09-01"}).text
    shared = _shared_section(page)
    assert 'data-code="LOT006"' in shared and 'data-count="12"' in shared
    assert "en 12 archivos de lote.zip: cert_000.xml, cert_001.xml, cert_002.xml y 9 más" in shared
    assert page.count('data-code="LOT006"') == 1
    found = client.post("/check?format=json", files=files, data={"upload_date": "2024-09-01"}).json()
    assert sum(f["code"] == "LOT006" for f in found["findings"]) == 12  # the JSON keeps every member
