"""`mec-lint serve` as a process: it says where it listens, serves the page, refuses what it should;
and the web stack is never imported by `check`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
WEB_MODULES = ("starlette", "uvicorn", "python_multipart", "multipart", "httpx", "anyio", "h11")


def loaded_modules(code: str, cwd: Path) -> list[str]:
    probe = (
        "import sys\n" + code + "\n"
        f"print('\\n'.join('MODULE ' + m for m in sys.modules if m.split('.')[0] in {WEB_MODULES!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [line.split()[1] for line in done.stdout.splitlines() if line.startswith("MODULE ")]


def test_check_never_imports_the_web_stack(tmp_path: Path) -> None:
    assert loaded_modules("import mec_lint.cli", tmp_path) == []
    run_check = (
        "from mec_lint.cli import main\n"
        f"sys.argv = ['mec-lint', 'check', {str(SAMPLES)!r}, '--upload-date', '2024-09-01', '-f', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    assert loaded_modules(run_check, tmp_path) == []
    # the probe can fail: the web app itself does import them
    assert "starlette" in loaded_modules("import mec_lint.web.app", tmp_path)


def start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mec_lint", "serve", "--no-browser", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    process = start(["--port", "0"], tmp_path)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("mec-lint: página de revisión en http://127.0.0.1:"), line
        yield line.split()[5], process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


def multipart(fields: list[tuple[str, str, bytes | None]]) -> tuple[bytes, str]:
    """(body, content type) of a form: (field, file name or value, file bytes or None)."""
    boundary = uuid.uuid4().hex
    parts = []
    for field, name, data in fields:
        if data is None:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{name}\r\n'.encode()
            )
        else:
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_serve_says_where_and_serves_the_page_and_the_json(server: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = server
    with urllib.request.urlopen(url, timeout=30) as reply:
        assert reply.status == 200
        assert "Revise sus archivos" in reply.read().decode("utf-8")
    zip_bytes = (SAMPLES / "lote-folio-0001.zip").read_bytes()
    body, kind = multipart([("files", "lote-folio-0001.zip", zip_bytes), ("upload_date", "2024-09-01", None)])
    request = urllib.request.Request(url + "check?format=json", data=body, headers={"Content-Type": kind})
    with urllib.request.urlopen(request, timeout=60) as reply:
        report = json.loads(reply.read())
        assert reply.headers["X-Mec-Lint-Exit-Code"] == "1"
    assert {f["path"] for f in report["findings"]} == {
        "lote-folio-0001.zip!cert_001.xml",
        "lote-folio-0001.zip!cert_003.xml",
    }
    process.terminate()
    out, _ = process.communicate(timeout=30)
    assert "servidor detenido" in out


def test_a_busy_port_is_a_clear_usage_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "mec_lint", "serve", "--no-browser", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"no se pudo abrir 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr


def test_another_host_warns_that_certificates_hold_personal_data(tmp_path: Path) -> None:
    """192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes, then the bind fails."""
    done = subprocess.run(
        [sys.executable, "-m", "mec_lint", "serve", "--no-browser", "--host", "192.0.2.1", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "datos personales" in done.stderr
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_loopback_detection() -> None:
    from mec_lint.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1") and not is_loopback("::")


def test_a_broken_configuration_stops_serve_before_it_listens(tmp_path: Path) -> None:
    (tmp_path / ".mec-lint.yaml").write_text("no-such-option: 1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mec_lint", "serve", "--no-browser", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "error de uso o configuración" in done.stderr


def test_the_browser_is_opened_once_the_server_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    from mec_lint.web.server import _open_when_ready

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)

    class Started:
        started = True

    _open_when_ready(Started(), "http://127.0.0.1:8765/")
    assert opened == ["http://127.0.0.1:8765/"]
