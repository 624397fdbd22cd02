"""`mec-lint serve`'s HTTP contract, in-process (Starlette's TestClient): the page, `POST /check`
(HTML and exactly the CLI's JSON), downloads of the same run, limits, bad input, escaping."""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from mec_lint.cli import app as cli_app
from mec_lint.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
ZIP = "lote-folio-0001.zip"
BAD_XML = "certificado-con-errores.xml"
LAYOUT = "programa-estudios.xlsx"
DATE = "2024-09-01"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the samples, as the current folder (no configuration file above it)."""
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, tmp_path / sample.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def client(work: Path) -> TestClient:
    return TestClient(create_app(discover=False))


def upload(names: list[str], folder: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, (folder / name).read_bytes(), "application/octet-stream")) for name in names]


def cli_report(args: list[str], fmt: str, out: Path) -> bytes:
    result = CliRunner().invoke(cli_app, ["check", *args, "--format", fmt, "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out.read_bytes()


# -- the page ------------------------------------------------------------------------------------
def test_page_is_spanish_with_the_form_and_no_outside_resource(client: TestClient) -> None:
    import datetime as dt

    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert '<html lang="es">' in page
    assert "Revise sus archivos antes de cargarlos al MEC" in page
    for field in ('name="files" multiple', 'name="layout"', 'name="upload_date"'):
        assert field in page
    today = dt.date.today().isoformat()
    assert f'value="{today}"' in page and f"Hoy es {today}" in page  # the default date, shown
    assert 'enctype="multipart/form-data"' in page and 'action="check?lang=es"' in page
    assert_self_contained(page)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy


def test_page_in_english(client: TestClient) -> None:
    page = client.get("/?lang=en").text
    assert '<html lang="en">' in page and "Check your files before uploading them to the MEC" in page
    assert 'action="check?lang=en"' in page and ">Check</button>" in page


def assert_self_contained(page: str) -> None:
    """No URL to anywhere else: no scheme-relative or absolute src/href/action, no CSS imports."""
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?:[a-z]+:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"<link\s(?![^>]*href=\"data:)", page)
    assert not re.search(r"<script[^>]+src", page)


def test_inline_blocks_match_the_content_security_policy(client: TestClient, work: Path) -> None:
    """The browser runs the page's own style and scripts only: each hash is in the policy."""
    from mec_lint.formatters.html import csp_hash

    for response in (client.get("/"), client.post("/check", files=upload([BAD_XML], work))):
        policy = response.headers["content-security-policy"]
        blocks = re.findall(r"<(script|style)>(.*?)</\1>", response.text, re.S)
        assert len(blocks) == 3
        for _, source in blocks:
            assert csp_hash(source) in policy


# -- POST /check -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("names", "layout", "lang"),
    [
        ([ZIP], None, None),
        ([BAD_XML, ZIP, LAYOUT, "certificado-alterado.xml", "certificado-valido.xml"], None, None),
        ([BAD_XML, "certificado-valido.xml"], LAYOUT, None),
        ([BAD_XML, ZIP], None, "en"),
    ],
)
def test_json_is_exactly_the_cli_json(
    client: TestClient, work: Path, names: list[str], layout: str | None, lang: str | None
) -> None:
    args = [*names, "--upload-date", DATE]
    data: dict[str, str] = {"upload_date": DATE}
    files = upload(names, work)
    if layout:
        args += ["--layout", layout]
        files.append(("layout", (layout, (work / layout).read_bytes(), "application/octet-stream")))
    if lang:
        args += ["--lang", lang]
    url = "/check?format=json" + (f"&lang={lang}" if lang else "")
    response = client.post(url, files=files, data=data)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    expected = cli_report(args, "json", work.parent / "cli.json")
    assert response.content == expected
    findings = json.loads(response.content)["findings"]
    assert findings  # the samples have errors: the comparison is not between two empty reports
    assert response.headers["x-mec-lint-exit-code"] == "1"


def test_html_bitacora_grouped_by_file_with_the_text_columns(client: TestClient, work: Path) -> None:
    response = client.post("/check", files=upload([BAD_XML, ZIP], work), data={"upload_date": DATE})
    assert response.status_code == 200
    page = response.text
    for header in ("Línea", "Nodo", "Atributo", "Valor", "Código", "Descripción"):
        assert f"<th>{header}</th>" in page
    assert page.count('<section class="file">') == 3  # the certificate and two members of the zip
    assert '<span class="zip">lote-folio-0001.zip!</span>cert_001.xml' in page
    assert 'data-code="LOT005" data-severity="error"' in page
    assert "Hallazgos por código" in page and 'data-filter-code="CUR004"' in page
    assert "Fecha de carga: <strong>2024-09-01</strong>" in page
    assert "Hay errores: corríjalos antes de cargar." in page
    clean = re.search(r'<details class="clean">.*?</details>', page, re.S)
    assert clean and "Sin hallazgos: 1 archivo." in clean.group()
    assert '<li class="mono">lote-folio-0001.zip!cert_002.xml</li>' in clean.group()
    assert_self_contained(page)


def test_downloads_are_the_same_run(client: TestClient, work: Path) -> None:
    from openpyxl import load_workbook

    names = [BAD_XML, ZIP]
    response = client.post("/check", files=upload(names, work), data={"upload_date": DATE})
    links = re.findall(r'href="(download/[^"]+/bitacora\.(xlsx|json|html))"', response.text)
    assert [kind for _, kind in links] == ["xlsx", "json", "html"]
    got = {kind: client.get("/" + link) for link, kind in links}
    for kind, reply in got.items():
        assert reply.status_code == 200
        assert reply.headers["content-disposition"] == f'attachment; filename="bitacora.{kind}"'
    args = [*names, "--upload-date", DATE]
    assert got["json"].content == cli_report(args, "json", work.parent / "cli.json")
    assert got["html"].content == cli_report(args, "html", work.parent / "cli.html")
    findings = json.loads(got["json"].content)["findings"]
    sheet = load_workbook(io.BytesIO(got["xlsx"].content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(findings) + 1
    assert {row[11] for row in rows[1:]} == {f["code"] for f in findings}


def test_english_result(client: TestClient, work: Path) -> None:
    page = client.post("/check?lang=en", files=upload([BAD_XML], work)).text
    assert "<th>Line</th>" in page and "Findings per code" in page and "Check other files" in page


def test_unknown_download_is_a_404_page(client: TestClient) -> None:
    for url in ("/download/nada/bitacora.xlsx", "/no-existe"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Vuelva a revisar los archivos" in response.text
    assert client.get("/check").status_code == 405


def test_upload_names_are_the_users_file_names(client: TestClient, work: Path) -> None:
    raw = (work / BAD_XML).read_bytes()
    files = [
        ("files", ("C:\\Users\\ana\\Escritorio\\uno.xml", raw, "text/xml")),
        ("files", ("uno.xml", raw, "text/xml")),
        ("files", ("carpeta/dos.xml", raw, "text/xml")),
    ]
    paths = {f["path"] for f in client.post("/check?format=json", files=files).json()["findings"]}
    assert paths == {"uno.xml", "uno (2).xml", "dos.xml"}


# -- bad input: findings as on the command line, or a clear 400/413, never a 500 -------------------
def test_bad_files_get_the_cli_findings(client: TestClient, work: Path) -> None:
    (work / "roto.xml").write_bytes(b"<Dec><Alumno></Dec>")
    (work / "roto.zip").write_bytes(b"PK\x03\x04 no es un zip")
    (work / "notas.txt").write_bytes(b"hola")
    (work / "falso.xlsx").write_bytes(b"no es un libro")
    (work / "vacio.xml").write_bytes(b"")
    names = ["roto.xml", "roto.zip", "notas.txt", "falso.xlsx", "vacio.xml", "certificado-valido.xml"]
    files = upload(names, work) + [("layout", ("layout.xlsx", b"%PDF-1.4 no es un libro", "x"))]
    (work / "layout.xlsx").write_bytes(b"%PDF-1.4 no es un libro")
    response = client.post("/check?format=json", files=files, data={"upload_date": DATE})
    assert response.status_code == 200
    expected = cli_report(
        [*names, "--layout", "layout.xlsx", "--upload-date", DATE], "json", work.parent / "c.json"
    )
    assert response.content == expected
    codes = {(f["path"], f["code"]) for f in response.json()["findings"]}
    assert (
        ("roto.xml", "XML001") in codes
        and ("notas.txt", "XML001") in codes
        and ("vacio.xml", "XML001") in codes
    )
    assert ("layout.xlsx", "XLY001") in codes and any(p == "roto.zip" for p, _ in codes)
    assert any(p == "falso.xlsx" for p, _ in codes)
    page = client.post("/check", files=files, data={"upload_date": DATE})
    assert page.status_code == 200 and "roto.zip" in page.text


@pytest.mark.parametrize("date", ["2024-13-01", "01/09/2024", "mañana", SCRIPT])
def test_bad_upload_date_is_a_400_page(client: TestClient, work: Path, date: str) -> None:
    files = upload([BAD_XML], work)
    response = client.post("/check", files=files, data={"upload_date": date})
    assert response.status_code == 400
    assert "Fecha de carga inválida" in response.text and "AAAA-MM-DD" in response.text
    assert SCRIPT not in response.text
    as_json = client.post("/check?format=json&lang=en", files=files, data={"upload_date": date})
    assert as_json.status_code == 400 and "Invalid upload date" in as_json.json()["error"]


def test_requests_that_are_not_the_form_are_400(client: TestClient) -> None:
    assert client.post("/check", data={"upload_date": DATE}).status_code == 400  # urlencoded
    no_files = client.post("/check", files={"upload_date": (None, DATE)})
    assert no_files.status_code == 400 and "Elija al menos un archivo" in no_files.text
    empty_input = client.post("/check", files={"files": ("", b"", "application/octet-stream")})
    assert empty_input.status_code == 400  # a file input left empty sends a part without a name
    broken = client.post(
        "/check",
        content=b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.xml"\r\n\r\n<a/>',
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert broken.status_code in (200, 400)  # a body cut short: read as far as it goes, or refused
    garbage = client.post(
        "/check", content=b"\x00\xff" * 50, headers={"content-type": "multipart/form-data; boundary=xyz"}
    )
    assert garbage.status_code == 400
    nameless = client.post(
        "/check",
        content=b"--xyz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--xyz--\r\n",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert nameless.status_code == 400 and "incompleto o dañado" in nameless.text


def test_uploads_over_the_limits_are_a_413_page(work: Path) -> None:
    (work / ".mec-lint.yaml").write_text("limits:\n  max-file-bytes: 2000\n", encoding="utf-8")
    client = TestClient(create_app())
    big = ("files", ("grande.xml", b"<a>" + b"x" * 3000 + b"</a>", "text/xml"))
    response = client.post("/check", files=[big])
    assert response.status_code == 413
    assert "«grande.xml» pesa más de 2.0 KiB (2000 bytes)" in response.text
    small = client.post("/check?format=json", files=upload(["certificado-valido.xml"], work))
    assert small.status_code == 413  # a real certificate is over 2000 bytes too
    huge = client.post(
        "/check",
        content=b"x",
        headers={"content-type": "multipart/form-data; boundary=xyz", "content-length": str(2**40)},
    )
    assert huge.status_code == 413 and "El envío pesa más de 1.0 GiB" in huge.text


def test_private_folder_is_removed_after_every_request(
    client: TestClient, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    made: list[str] = []
    real = tempfile.mkdtemp

    def recording(*args: object, **kwargs: object) -> str:
        path = real(*args, **kwargs)  # type: ignore[call-overload]
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
        made.append(path)
        return str(path)

    monkeypatch.setattr(tempfile, "mkdtemp", recording)
    client.post("/check", files=upload([ZIP], work), data={"upload_date": DATE})
    client.post("/check", files=upload([ZIP], work), data={"upload_date": "mal"})
    client.post(
        "/check", files=upload([BAD_XML], work) + [("layout", (LAYOUT, (work / LAYOUT).read_bytes(), "x"))]
    )
    assert len(made) == 3
    assert not any(os.path.exists(path) for path in made)


# -- escaping --------------------------------------------------------------------------------------
def hostile_certificate(work: Path) -> bytes:
    raw = (work / BAD_XML).read_bytes()
    assert b'idAsignatura="01010101"' in raw
    return raw.replace(b'idAsignatura="01010101"', b'idAsignatura="&lt;script&gt;alert(1)&lt;/script&gt;"')


def test_values_and_file_names_are_escaped(client: TestClient, work: Path) -> None:
    name = "<script>alert(2)\u202egpj.xml"  # a browser sends a name's last component: no "/"
    files = [("files", (name, hostile_certificate(work), "text/xml"))]
    found = client.post("/check?format=json", files=files).json()["findings"]
    assert any(f["value"] == SCRIPT for f in found) and all(f["path"] == name for f in found)
    page = client.post("/check", files=files).text
    assert SCRIPT not in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;script&gt;alert(2)" in page
    assert "\u202e" not in page and "\\u202e" in page  # a bidi override cannot reorder the name
    assert page.count("<script>") == 2  # the page's own two scripts


def test_check_format_html_is_one_self_contained_escaped_file(work: Path) -> None:
    (work / "hostil.xml").write_bytes(hostile_certificate(work))
    out = work.parent / "bitacora.html"
    page = cli_report(["hostil.xml", ZIP, "--upload-date", DATE], "html", out).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert_self_contained(page)
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the filter only
    assert "hostil.xml" in page and "LOT005" in page and "IDS001" in page


def test_html_format_is_registered_and_writes_to_stdout(work: Path) -> None:
    from mec_lint.formatters import FORMATS

    assert "html" in FORMATS
    result = CliRunner().invoke(cli_app, ["check", BAD_XML, "--format", "html", "--upload-date", DATE])
    assert result.exit_code == 1
    assert "<!DOCTYPE html>" in result.stdout and "CUR004" in result.stdout


def test_host_header_of_another_site_is_refused(work: Path) -> None:
    guarded = TestClient(create_app(discover=False, allowed_hosts=["127.0.0.1", "localhost"]))
    assert guarded.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 200
    assert guarded.get("/", headers={"host": "evil.example:8765"}).status_code == 400


def test_a_big_zip_uses_the_worker_processes_as_the_cli_does(work: Path) -> None:
    """12 members with `jobs: 2`: the run forks workers from the server's thread, same JSON as the CLI."""
    import zipfile

    member = (work / "certificado-valido.xml").read_bytes()
    with zipfile.ZipFile(work / "grande.zip", "w") as archive:
        for number in range(12):
            archive.writestr(f"cert_{number:03}.xml", member)
    (work / ".mec-lint.yaml").write_text("jobs: 2\n", encoding="utf-8")
    client = TestClient(create_app())
    response = client.post(
        "/check?format=json", files=upload(["grande.zip"], work), data={"upload_date": DATE}
    )
    assert response.status_code == 200
    assert response.content == cli_report(
        ["grande.zip", "--upload-date", DATE], "json", work.parent / "g.json"
    )
    assert response.json()["summary"]["files"] == 12
    assert any(f["code"] == "LOT005" for f in response.json()["findings"])  # one student twelve times


def test_no_body_makes_a_500(client: TestClient) -> None:
    """Whatever arrives as a multipart body, the answer is a page or findings, never a server error."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    head = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.xml"\r\n\r\n'
    bodies = st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda tail: head + tail),
        st.binary(max_size=300).map(lambda tail: head + tail + b"\r\n--xyz--\r\n"),
        st.binary(max_size=100).map(lambda name: head.replace(b"a.xml", name) + b"<a/>\r\n--xyz--\r\n"),
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=bodies, json_format=st.booleans())
    def post(body: bytes, json_format: bool) -> None:
        url = "/check?format=json" if json_format else "/check"
        response = client.post(
            url, content=body, headers={"content-type": "multipart/form-data; boundary=xyz"}
        )
        assert response.status_code in (200, 400, 413)

    post()
