"""The page in a real browser: Debian's headless Chromium driven by Playwright (never a downloaded
browser). `mec-lint serve` runs as a process; the test drops a zip on the page, sees the findings,
filters them, downloads the xlsx, and checks the page asks nothing of any other address.

Skips (with the reason) only where Chromium or Playwright is not installed; .ci/run installs both.
Set MEC_LINT_SCREENSHOTS=folder to keep the screenshots it takes.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
ZIP = "lote-folio-0001.zip"
CHROMIUM = next(
    (path for path in (shutil.which("chromium"), "/usr/bin/chromium") if path and os.access(path, os.X_OK)),
    None,
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
playwright = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[dev]')"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    process = subprocess.Popen(
        [sys.executable, "-m", "mec_lint", "serve", "--no-browser", "--port", "0"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "http://127.0.0.1:" in line, line
        yield line.split()[5]
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        try:
            chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a chromium too old or too new for this Playwright
            pytest.skip(f"Chromium at {CHROMIUM} could not be started by Playwright: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="es-MX"
    )
    tab = context.new_page()
    tab.problems = []  # console errors (a script or style refused by the policy shows here) and outside requests
    tab.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    tab.on(
        "request",
        lambda request: None if request.url.startswith(server) else tab.problems.append(request.url),
    )
    yield tab
    context.close()


def shoot(tab: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("MEC_LINT_SCREENSHOTS")
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(path, os.path.join(keep, path.name))


def drop(tab: Any, names: list[str]) -> None:
    """A real drop event on the drop zone, carrying the files (as a person dragging them would)."""
    files = [[name, base64.b64encode((SAMPLES / name).read_bytes()).decode("ascii")] for name in names]
    transfer = tab.evaluate_handle(
        """files => { const dt = new DataTransfer();
        for (const [name, data] of files) {
          const raw = atob(data), bytes = new Uint8Array(raw.length);
          for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
          dt.items.add(new File([bytes], name));
        }
        return dt; }""",
        files,
    )
    tab.dispatch_event("#drop", "drop", {"dataTransfer": transfer})


def test_drop_a_zip_see_the_findings_filter_and_download_the_xlsx(
    page: Any, server: str, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page.goto(server)
    assert page.inner_text("h1") == "Revise sus archivos antes de cargarlos al MEC"
    shoot(page, tmp_path, "1-pagina-es")
    drop(page, [ZIP])
    assert ZIP in page.inner_text("#picked")
    page.fill("#upload_date", "2024-09-01")
    with page.expect_navigation():
        page.click("#submit")
    assert page.inner_text("h1") == "Bitácora de errores"
    assert "Hay errores" in page.inner_text(".verdict")
    heads = page.locator("section.file h3").all_inner_texts()
    assert heads == [f"{ZIP}!cert_001.xml", f"{ZIP}!cert_003.xml"]
    first_row = page.locator("section.file tbody tr").first.locator("td").all_inner_texts()
    assert first_row[:5] == ["9", "Alumno", "curp", "GAPA010523MDFRRNA3", "LOT005"]
    assert "tiene otro certificado de la misma carrera" in first_row[5]
    assert page.is_visible("#filter")  # the page's own script ran (the policy allowed it)
    shoot(page, tmp_path, "2-bitacora-es")

    page.uncheck("#filter input[value=error]")
    assert page.locator("section.file tbody tr:visible").count() == 0
    assert page.inner_text("#f-shown") == "Se muestran 0 de 2 hallazgos."
    page.click("#f-all")
    assert page.locator("section.file tbody tr:visible").count() == 2

    with page.expect_download() as info:
        page.click("a[href$='bitacora.xlsx']")
    download = info.value
    assert download.suggested_filename == "bitacora.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Archivo" and len(rows) == 3
    assert {row[0] for row in rows[1:]} == {f"{ZIP}!cert_001.xml", f"{ZIP}!cert_003.xml"}
    assert page.problems == []


def test_the_page_in_english_with_a_picked_file_and_a_layout(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "?lang=en")
    assert page.inner_text("h1") == "Check your files before uploading them to the MEC"
    page.set_input_files("#files", [str(SAMPLES / "certificado-con-errores.xml"), str(SAMPLES / ZIP)])
    page.set_input_files("#layout", str(SAMPLES / "programa-estudios.xlsx"))
    page.fill("#upload_date", "2024-09-01")
    shoot(page, tmp_path, "3-page-en")
    with page.expect_navigation():
        page.click("#submit")
    assert page.inner_text("h1") == "Findings report"
    assert "Findings per code" in page.inner_text("body")
    page.select_option("#f-code", "CUR004")
    visible = page.locator("section.file tbody tr:visible")
    assert visible.count() == 1 and "CUR004" in visible.inner_text()
    page.click("#f-all")
    shoot(page, tmp_path, "4-report-en")
    assert page.problems == []


def test_a_shared_finding_is_one_row_that_counts_its_files(page: Any, tmp_path: Path) -> None:
    from mec_lint.engine import FileResult, RunResult
    from mec_lint.findings import Finding, Severity
    from mec_lint.formatters import render

    def folio(path: str) -> Finding:
        return Finding(
            path=path, code="LOT006", severity=Severity.WARNING, message="folioControl repetido", line=2,
            element="Dec", xpath="/Dec", attribute="folioControl", value="UEC-2024-000001",
        )  # fmt: skip

    paths = [f"lote.zip!cert_{i:03}.xml" for i in range(20)]
    files = [FileResult(path, [folio(path)]) for path in paths]
    files[4].findings.append(
        Finding(path=paths[4], code="CUR004", severity=Severity.ERROR, message="CURP mal", line=9)
    )
    bitacora = tmp_path / "bitacora.html"
    bitacora.write_text(render("html", RunResult(files=files)), encoding="utf-8")
    page.goto(bitacora.as_uri())
    assert page.inner_text("#f-shown") == "Se muestran 21 de 21 hallazgos."  # the shared row counts 20
    shared = page.locator("section.file.shared tbody tr")
    assert shared.count() == 1 and "en 20 archivos de lote.zip" in shared.inner_text()
    assert not page.is_visible("text=cert_019.xml")  # the member list is folded
    page.click("section.file.shared summary")
    assert page.is_visible("section.file.shared li >> text=cert_019.xml")
    page.uncheck("#filter input[value=warning]")
    assert page.inner_text("#f-shown") == "Se muestran 1 de 21 hallazgos."
    assert not shared.is_visible()
    page.click("#f-all")
    page.select_option("#f-code", "LOT006")
    assert page.inner_text("#f-shown") == "Se muestran 20 de 21 hallazgos."
    shoot(page, tmp_path, "5-repetidos-es")
    assert [p for p in page.problems if not p.startswith("file:")] == []
