"""Issue #7: hostile and broken input — never crash, never leak, never hang, never reach out.

Every threat runs end to end through the CLI (in-process, `--jobs 1`) with a valid certificate
beside the hostile file, under a `Guard` that records, for the duration of the run:

- network: `socket` connects and name look-ups from Python, plus a local TCP listener that
  hostile files point at (libxml2 would connect from C, below Python's socket module);
- local files: every Python-level `open` under the test folder, plus a named pipe (FIFO) trap
  that catches an open from any code, C included (a reader blocks until a writer appears, and
  the trap's watcher is that writer);
- bounded work: the bytes handed to libxml2, the bytes decompressed from zips, the sheet rows
  openpyxl parses;
- which certificates were linted (the valid companion must be);
- the whole test folder before and after (nothing written, moved or touched) and an empty
  working directory (nothing written next to the user either).

No timed assertions: a bomb is shown to be harmless by the work counters, not by a clock.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import socket
import struct
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mec_lint.xmldoc as xmldoc
from mec_lint.cli import app
from mec_lint.engine import FileResult, Linter
from mec_lint.findings import Severity
from mec_lint.testing import make_certificate

VALID = make_certificate()
SECRET = "SECRETO-7f3a-NO-DEBE-SALIR"
COMPANION = "valido.xml"


# -- the guard -----------------------------------------------------------------------------------
class Listener:
    """A local TCP server that counts every connection made to it, from any code.

    Defence in depth: the libxml2 bundled with lxml 6 has no HTTP client at all, and Python-level
    clients are already stopped by the socket guard; this catches any other client (C included).
    """

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


class FifoTrap:
    """A named pipe holding the secret: any open for reading, even from C, is counted."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:  # succeeds only while some reader holds the pipe open (and waits for us)
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:
                    raise
                time.sleep(0.002)
                continue
            self.opened += 1
            try:
                os.write(fd, SECRET.encode())
            finally:
                os.close(fd)
            time.sleep(0.01)  # let the reader finish before counting it again

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Counters:
    network: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    libxml2_inputs: list[bytes] = field(default_factory=list)
    unzipped_bytes: int = 0
    sheet_rows: int = 0
    linted: dict[str, list[str]] = field(default_factory=dict)  # certificate path -> codes


class _CountingEtree:
    """Stands in for `lxml.etree` inside mec_lint.xmldoc: records what reaches libxml2."""

    def __init__(self, real: Any, counters: Counters) -> None:
        self._real = real
        self._counters = counters

    def fromstring(self, raw: bytes, parser: Any = None) -> Any:
        self._counters.libxml2_inputs.append(raw)
        return self._real.fromstring(raw, parser)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def _install_counters(monkeypatch: pytest.MonkeyPatch, counters: Counters) -> None:
    def refuse(*args: Any, **_kwargs: Any) -> Any:
        counters.network.append(repr(args[:2]))
        raise OSError("red prohibida en las pruebas de mec-lint")

    for owner, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        monkeypatch.setattr(owner, name, refuse)

    real_open = builtins.open

    def recording_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, bytes, os.PathLike)):
            counters.opened.append(os.path.abspath(os.fsdecode(file)))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr(xmldoc, "etree", _CountingEtree(xmldoc.etree, counters))

    real_read = zipfile.ZipExtFile.read

    def counting_read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real_read(self, n)
        counters.unzipped_bytes += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)

    from openpyxl.worksheet._reader import WorkSheetParser

    real_parse = WorkSheetParser.parse

    def counting_parse(self: Any) -> Iterator[Any]:
        for row in real_parse(self):
            counters.sheet_rows += 1
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", counting_parse)

    real_lint_xml = Linter.lint_xml

    def recording_lint_xml(self: Linter, path: str, raw: bytes) -> FileResult:
        result = real_lint_xml(self, path, raw)
        counters.linted[path] = sorted(f.code for f in result.findings if f.severity is not Severity.INFO)
        return result

    monkeypatch.setattr(Linter, "lint_xml", recording_lint_xml)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            regular = path.is_file() and not path.is_symlink()  # never read the FIFO trap
            data = path.read_bytes() if regular else os.readlink(path).encode() if path.is_symlink() else b""
            state[str(path.relative_to(folder))] = (data, info.st_mtime_ns, info.st_mode)
    return state


@dataclass
class Outcome:
    exit_code: int
    output: str  # stdout and stderr
    payload: dict[str, Any]
    counters: Counters

    @property
    def significant(self) -> list[dict[str, Any]]:
        return [f for f in self.payload["findings"] if f["severity"] != "info"]

    def findings(self, name: str) -> list[dict[str, Any]]:
        """Errors and warnings about `name` (info notes, e.g. «not signed yet», are not about safety)."""
        return [f for f in self.significant if os.path.basename(f["path"]) == name or f"!{name}" in f["path"]]

    def codes(self, name: str) -> list[str]:
        return sorted(f["code"] for f in self.findings(name))


class Harness:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = tmp_path
        self.monkeypatch = monkeypatch
        self.inputs = tmp_path / "entrada"
        self.inputs.mkdir()
        (self.inputs / COMPANION).write_bytes(VALID)
        secrets = tmp_path / "secreto"
        secrets.mkdir()
        self.secret = secrets / "clave.txt"
        self.secret.write_text(SECRET, encoding="utf-8")
        self.trap = FifoTrap(secrets / "trampa")
        self.listener = Listener()
        self.cwd = tmp_path / "cwd"
        self.cwd.mkdir()
        self.config = tmp_path / "conf" / ".mec-lint.yaml"
        self.config.parent.mkdir()

    def close(self) -> None:
        self.trap.close()
        self.listener.close()

    def write(self, name: str, raw: bytes) -> Path:
        path = self.inputs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        return path

    def run(
        self,
        *targets: Path,
        limits: dict[str, int | float] | None = None,
        companion: bool = True,
        args: tuple[str, ...] = (),
    ) -> Outcome:
        lines = ["limits:"] + [f"  {key}: {value}" for key, value in (limits or {}).items()]
        self.config.write_text("\n".join(lines) + "\n" if limits else "{}\n", encoding="utf-8")
        paths = [str(t) for t in targets] + ([str(self.inputs / COMPANION)] if companion else [])
        before = _snapshot(self.root)
        counters = Counters()
        self.monkeypatch.chdir(self.cwd)
        with self.monkeypatch.context() as patch:
            _install_counters(patch, counters)
            result = CliRunner().invoke(
                app,
                [
                    "check",
                    *paths,
                    "--format",
                    "json",
                    "--upload-date",
                    "2024-09-01",
                    "--jobs",
                    "1",
                    "--no-progress",
                    "--config",
                    str(self.config),
                    *args,
                ],
            )
        output = result.stdout + result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), output
        assert "Traceback" not in output
        payload = json.loads(result.stdout)
        outcome = Outcome(result.exit_code, output, payload, counters)
        # never reaches out
        assert counters.network == []
        assert self.listener.connections == 0
        # never leaks, never reads outside the inputs
        assert self.trap.opened == 0
        assert SECRET not in output
        allowed = {str(self.config)} | {os.path.abspath(p) for p in paths}
        for opened in counters.opened:
            if opened.startswith(str(self.root)):
                assert opened in allowed or any(opened.startswith(p + os.sep) for p in allowed), opened
        # never writes (inputs untouched, nothing beside them, nothing in the working directory)
        assert _snapshot(self.root) == before
        assert list(self.cwd.iterdir()) == []
        # the other files of the run were still checked
        if companion:
            companion_path = str(self.inputs / COMPANION)
            assert counters.linted.get(companion_path) == [], "the valid certificate was not linted"
            assert outcome.findings(COMPANION) == []
        return outcome


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    h = Harness(tmp_path, monkeypatch)
    try:
        yield h
    finally:
        h.close()


def refused(outcome: Outcome, name: str, code: str, *words: str, exit_code: int = 1) -> dict[str, Any]:
    """One clear Spanish finding of `code` for `name` that says what is wrong; returns it."""
    assert outcome.exit_code == exit_code, outcome.output
    matching = [f for f in outcome.findings(name) if f["code"] == code]
    assert matching, outcome.payload["findings"]
    finding = matching[0]
    message = finding["message"]
    if exit_code:
        assert finding["severity"] == "error"
    assert name in finding["path"]
    for word in words:  # Spanish by default: says what is wrong
        assert word.lower() in message.lower(), message
    return finding


# -- builders ------------------------------------------------------------------------------------
def make_zip(members: list[tuple[str | zipfile.ZipInfo, bytes]], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def set_encrypted_flag(raw: bytes, member: str) -> bytes:
    """Mark `member` as password-protected in the local and central headers (flag bit 0)."""
    data = bytearray(raw)
    for signature, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, start + name_len_at)[0]
            if bytes(data[start + name_at : start + name_at + length]) == member.encode():
                data[start + flag_at] |= 0x01
            start += 4
    return bytes(data)


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_workbook(sheet_xml: str, title: str = "CARRERAS") -> bytes:
    """A minimal .xlsx written with zipfile directly (one sheet), for shapes openpyxl would not write."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET_NS}" xmlns:r="{REL_NS}"><sheets>'
        f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    return make_zip(
        [
            ("[Content_Types].xml", types.encode()),
            ("_rels/.rels", rels.encode()),
            ("xl/workbook.xml", workbook.encode()),
            ("xl/_rels/workbook.xml.rels", workbook_rels.encode()),
            ("xl/worksheets/sheet1.xml", sheet_xml.encode()),
        ],
        level=6,
    )


def sheet(rows: str, dimension: str = "A1:Z2000000") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>ID_CARRERA</t></is></c></row>'


def with_declaration(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()


def laughs(levels: int = 10) -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)
    )
    return f"<!DOCTYPE Dec [{entities}]>\n<Dec>&l{levels - 1};</Dec>"


# -- XML: DTDs and entities ----------------------------------------------------------------------
DOCTYPE_THREATS: dict[str, Callable[[Harness], bytes]] = {
    "xxe-archivo": lambda h: with_declaration(
        f'<!DOCTYPE Dec [<!ENTITY x SYSTEM "file://{h.secret}">]>\n<Dec version="&x;">&x;</Dec>'
    ),
    "xxe-tuberia": lambda h: with_declaration(
        f'<!DOCTYPE Dec [<!ENTITY x SYSTEM "file://{h.trap.path}">]>\n<Dec>&x;</Dec>'
    ),
    "xxe-parametro": lambda h: with_declaration(
        f'<!DOCTYPE Dec [<!ENTITY % p SYSTEM "file://{h.trap.path}"> %p;]>\n<Dec/>'
    ),
    "xxe-http": lambda h: with_declaration(
        f'<!DOCTYPE Dec [<!ENTITY x SYSTEM "{h.listener.url}/secreto">]>\n<Dec>&x;</Dec>'
    ),
    "dtd-externa-http": lambda h: with_declaration(
        f'<!DOCTYPE Dec SYSTEM "{h.listener.url}/dec.dtd">\n<Dec/>'
    ),
    "dtd-externa-archivo": lambda h: with_declaration(
        f'<!DOCTYPE Dec SYSTEM "file://{h.trap.path}">\n<Dec/>'
    ),
    "dtd-publica": lambda h: with_declaration(
        f'<!DOCTYPE Dec PUBLIC "-//SEP//DTD Dec//ES" "{h.listener.url}/dec.dtd">\n<Dec/>'
    ),
    "mil-millones-de-risas": lambda h: with_declaration(laughs()),
    "expansion-cuadratica": lambda h: with_declaration(
        '<!DOCTYPE Dec [<!ENTITY a "' + "a" * 50_000 + '">]>\n<Dec>' + "&a;" * 50_000 + "</Dec>"
    ),
    "risas-utf16-con-bom": lambda h: (
        b"\xff\xfe" + ('<?xml version="1.0" encoding="UTF-16"?>\n' + laughs()).encode("utf-16-le")
    ),
    "risas-utf16be-sin-bom": lambda h: ('<?xml version="1.0" encoding="UTF-16"?>\n' + laughs()).encode(
        "utf-16-be"
    ),
    "xxe-tras-bom-utf8": lambda h: (
        b"\xef\xbb\xbf"
        + with_declaration(f'<!DOCTYPE Dec [<!ENTITY x SYSTEM "file://{h.secret}">]>\n<Dec>&x;</Dec>')
    ),
}


@pytest.mark.parametrize("threat", sorted(DOCTYPE_THREATS))
def test_doctype_entities_and_external_dtds_are_refused_before_parsing(harness: Harness, threat: str) -> None:
    raw = DOCTYPE_THREATS[threat](harness)
    path = harness.write(f"{threat}.xml", raw)
    outcome = harness.run(path)
    refused(outcome, path.name, "XML003", "DOCTYPE")
    # bounded work: the hostile bytes never reached libxml2 (no DTD, no entity was ever processed)
    assert raw not in outcome.counters.libxml2_inputs
    assert len(outcome.counters.libxml2_inputs) == 1  # the companion only


def test_schema_location_pointing_to_the_network_is_ignored(harness: Harness) -> None:
    located = VALID.replace(
        b"<Dec ",
        b'<Dec xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
        b'"https://www.siged.sep.gob.mx/certificados/ ' + harness.listener.url.encode() + b'/Dec.xsd" ',
        1,
    )
    unlocated = VALID.replace(
        b"<Dec ",
        b'<Dec xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="'
        + harness.listener.url.encode()
        + b'/otro.xsd" ',
        1,
    )
    first = harness.write("con-schema-location.xml", located)
    second = harness.write("con-no-namespace-location.xml", unlocated)
    outcome = harness.run(first, second)
    # a valid certificate stays valid: the hint is neither fetched nor a finding
    assert outcome.exit_code == 0, outcome.output
    assert outcome.significant == []
    assert outcome.counters.linted[str(first)] == [] and outcome.counters.linted[str(second)] == []


def test_xinclude_is_never_processed(harness: Harness) -> None:
    raw = VALID.replace(
        b"</Dec>",
        b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://'
        + str(harness.secret).encode()
        + b'" parse="text"/><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="'
        + harness.listener.url.encode()
        + b'/x.xml"/></Dec>',
    )
    path = harness.write("xinclude.xml", raw)
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    codes = outcome.codes(path.name)
    assert "XSD003" in codes or "DEC003" in codes  # an unexpected element, reported as such


# -- XML: size and shape -------------------------------------------------------------------------
def test_deep_nesting_over_the_configured_limit(harness: Harness) -> None:
    path = harness.write("profundo.xml", with_declaration("<Dec>" + "<a>" * 100 + "</a>" * 100 + "</Dec>"))
    outcome = harness.run(path)
    refused(outcome, path.name, "XML001", "anidamiento", "101 niveles", "64")


def test_very_deep_nesting_stops_inside_libxml2(harness: Harness) -> None:
    path = harness.write(
        "abismo.xml", with_declaration("<Dec>" + "<a>" * 50_000 + "</a>" * 50_000 + "</Dec>")
    )
    outcome = harness.run(path)
    refused(outcome, path.name, "XML001", "anidamiento excesivo", "256")


def test_depth_limit_is_configurable(harness: Harness) -> None:
    path = harness.write("cinco.xml", with_declaration("<Dec><a><b><c><d/></c></b></a></Dec>"))
    outcome = harness.run(path, limits={"max-depth": 4})
    refused(outcome, path.name, "XML001", "anidamiento", "el límite es 4")


def test_file_over_max_file_size_is_never_opened(harness: Harness) -> None:
    path = harness.write("enorme.xml", VALID + b"<!--" + b"x" * 6000 + b"-->")
    outcome = harness.run(path, limits={"max-file-size": 4096})
    finding = refused(outcome, path.name, "IO001", "límite", "4096")
    assert finding["value"] == str(path.stat().st_size)
    assert str(path) not in outcome.counters.opened


def test_very_large_attribute_is_refused_without_running_the_rules(harness: Harness) -> None:
    big = VALID.replace(b'curp="GAPA010523MDFRRNA3"', b'curp="' + b"GAPA010523MDFRRNA3" * 20_000 + b'"')
    path = harness.write("atributo-enorme.xml", big)
    outcome = harness.run(path)
    refused(outcome, path.name, "XML001", "Alumno/@curp", "360000 caracteres", "límite")
    assert outcome.codes(path.name) == ["XML001"]  # no rule saw (and echoed) the 360 000 characters
    assert len(outcome.output) < 20_000


def test_attribute_over_libxml2_limit(harness: Harness) -> None:
    big = VALID.replace(b'nombre="ANA"', b'nombre="' + b"A" * 10_500_000 + b'"')
    path = harness.write("atributo-10mb.xml", big)
    outcome = harness.run(path)
    refused(outcome, path.name, "XML001", "excede el tamaño máximo")
    assert len(outcome.output) < 20_000


def test_value_limit_is_configurable(harness: Harness) -> None:
    path = harness.write("nombre-largo.xml", VALID.replace(b'nombre="ANA"', b'nombre="' + b"A" * 3000 + b'"'))
    outcome = harness.run(path, limits={"max-value-chars": 2000})
    refused(outcome, path.name, "XML001", "Alumno/@nombre", "3000 caracteres", "2000")


# -- XML: encodings and bytes --------------------------------------------------------------------
def test_invalid_utf8_behind_utf8_declaration(harness: Harness) -> None:
    path = harness.write("latin1.xml", VALID.replace("GARCÍA".encode(), "GARCÍA".encode("latin-1")))
    outcome = harness.run(path)
    finding = refused(outcome, path.name, "XML002", "UTF-8", "0xCD")
    assert finding["line"] is not None


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf16-le.xml", lambda text: b"\xff\xfe" + text.encode("utf-16-le")),
        ("utf16-be.xml", lambda text: b"\xfe\xff" + text.encode("utf-16-be")),
    ],
)
def test_utf16_with_bom_is_read_with_a_warning(
    harness: Harness, name: str, encode: Callable[[str], bytes]
) -> None:
    text = VALID.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = harness.write(name, encode(text))
    outcome = harness.run(path)
    assert outcome.exit_code == 0, outcome.output  # read and checked; a warning is not a failure
    assert outcome.codes(name) == ["XML004"]
    assert outcome.findings(name)[0]["severity"] == "warning"
    assert "UTF-16" in outcome.findings(name)[0]["message"]
    assert outcome.counters.linted[str(path)] == ["XML004"]


def test_utf8_bom_is_read(harness: Harness) -> None:
    path = harness.write("bom.xml", b"\xef\xbb\xbf" + VALID)
    outcome = harness.run(path)
    assert outcome.exit_code == 0
    assert outcome.codes("bom.xml") == []
    assert outcome.counters.linted[str(path)] == []


def test_nul_bytes(harness: Harness) -> None:
    position = VALID.index(b"<Alumno")
    path = harness.write("nulos.xml", VALID[:position] + b"\x00" * 8 + VALID[position:])
    outcome = harness.run(path)
    refused(outcome, path.name, "XML001", "no es un XML de texto")


@pytest.mark.parametrize(
    ("name", "raw", "words"),
    [
        ("documento.xml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ("PDF",)),
        ("imagen.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32), ("PNG",)),
        ("lote-renombrado.xml", make_zip([("a.xml", VALID)]), ("comprimido",)),
        ("excel-viejo.xml", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ("Office",)),
        ("foto.xml", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), ("JPEG",)),
    ],
)
def test_non_xml_files_with_an_xml_name(
    harness: Harness, name: str, raw: bytes, words: tuple[str, ...]
) -> None:
    path = harness.write(name, raw)
    outcome = harness.run(path)
    refused(outcome, name, "XML001", "no es un XML", *words)


def test_named_pipe_in_a_folder_never_blocks(harness: Harness) -> None:
    os.mkfifo(harness.inputs / "tuberia.xml")
    os.mkfifo(harness.inputs / "tuberia.zip")
    outcome = harness.run(harness.inputs, companion=False)
    refused(outcome, "tuberia.xml", "IO001", "no es un archivo regular")
    refused(outcome, "tuberia.zip", "IO001", "no es un archivo regular")
    assert outcome.counters.linted == {str(harness.inputs / COMPANION): []}


# -- folders ---------------------------------------------------------------------------------------
def test_symlinks_in_folders_are_reported_never_followed(harness: Harness) -> None:
    outside = harness.root / "fuera"
    outside.mkdir()
    (outside / "ajeno.xml").write_bytes(make_certificate(overrides={"Dec": {"version": "2.0"}}))
    os.symlink(harness.secret, harness.inputs / "enlace.xml")
    os.symlink(harness.trap.path, harness.inputs / "enlace-tuberia.xml")
    os.symlink(outside, harness.inputs / "carpeta-enlazada")
    outcome = harness.run(harness.inputs, companion=False)
    for name in ("enlace.xml", "enlace-tuberia.xml", "carpeta-enlazada"):
        finding = refused(outcome, name, "IO001", "enlace simbólico", "no se siguen", exit_code=0)
        assert finding["severity"] == "warning"
    assert list(outcome.counters.linted) == [str(harness.inputs / COMPANION)]
    assert not any("ajeno" in f["path"] for f in outcome.payload["findings"])
    assert outcome.payload["summary"]["warnings"] == 3


# -- zips ------------------------------------------------------------------------------------------
def test_zip_bomb_by_ratio(harness: Harness) -> None:
    bomb = make_zip([("cert_ok.xml", VALID), ("bomba.xml", b"<Dec>" + b" " * 15_000_000 + b"</Dec>")])
    path = harness.write("lote.zip", bomb)
    outcome = harness.run(path)
    refused(outcome, "bomba.xml", "LOT001", "bomba zip", "limits.max-zip-ratio")
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []
    assert outcome.counters.unzipped_bytes < 2 * len(VALID)  # the bomb was refused from the header


def test_zip_bomb_with_lying_sizes_is_stopped_by_the_bounded_reader(harness: Harness) -> None:
    bomb = make_zip([("cert_ok.xml", VALID), ("bomba.xml", b"<Dec>" + b" " * 15_000_000 + b"</Dec>")])
    data = bytearray(bomb)
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # declare 1 000 bytes
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = 30 if signature == b"PK\x03\x04" else 46
            if data[start + name_at : start + name_at + 9] == b"bomba.xml":
                struct.pack_into("<I", data, start + size_at, 1000)
            start += 4
    path = harness.write("lote-mentiroso.zip", bytes(data))
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    assert outcome.findings("bomba.xml"), outcome.payload
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []
    assert outcome.counters.unzipped_bytes < 2 * 1024 * 1024


def test_zip_bomb_by_total_size(harness: Harness) -> None:
    members = [(f"cert_{i:03}.xml", VALID) for i in range(40)]
    path = harness.write("lote-grande.zip", make_zip(members))
    outcome = harness.run(path, limits={"max-zip-total-bytes": 50_000})
    refused(outcome, "lote-grande.zip", "LOT001", "bomba zip", "50000")
    assert outcome.counters.unzipped_bytes == 0  # refused from the central directory


def test_zip_with_too_many_members(harness: Harness) -> None:
    path = harness.write("lote-lleno.zip", make_zip([(f"c{i}.xml", b"<x/>") for i in range(30)]))
    outcome = harness.run(path, limits={"max-zip-members": 10})
    refused(outcome, "lote-lleno.zip", "LOT001", "30 elementos", "10")
    assert outcome.counters.unzipped_bytes == 0


def test_zip_of_many_small_bombs_is_refused_as_a_whole(harness: Harness) -> None:
    body = b"<Dec>" + b" " * 60_000 + b"</Dec>"  # ratio ~600, under the 64 KB threshold set below
    path = harness.write("muchas-bombas.zip", make_zip([(f"b{i:03}.xml", body) for i in range(60)]))
    outcome = harness.run(path, limits={"zip-ratio-min-bytes": 65_536})
    assert outcome.exit_code == 1
    assert any(
        f["code"] == "LOT001" and "muchas-bombas.zip!" in f["path"] and "bomba" in f["message"]
        for f in outcome.significant
    )
    assert outcome.counters.unzipped_bytes < 10 * 65_536


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_control_characters_in_names_never_reach_the_terminal(tmp_path: Path, output_format: str) -> None:
    name = "a\x1b[2K\x1b[1A\x1b]0;titulo\x07.xml"  # erase the line above, retitle the terminal
    path = tmp_path / "lote.zip"
    path.write_bytes(make_zip([(name, make_certificate(overrides={"Dec": {"version": "2.0"}}))]))
    result = CliRunner().invoke(
        app, ["check", str(path), "--format", output_format, "--upload-date", "2024-09-01", "--no-color"]
    )
    assert result.exit_code == 1
    assert "DEC001" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.parametrize("name", ["../../fuera.xml", "/etc/cert.xml", "C:/Windows/cert.xml", "a/../../b.xml"])
def test_zip_members_with_unsafe_paths(harness: Harness, name: str) -> None:
    path = harness.write("lote-ruta.zip", make_zip([("cert_ok.xml", VALID), (name, VALID)]))
    outcome = harness.run(path)
    refused(outcome, name, "LOT001", "ruta absoluta o sube de carpeta", "no la sigue")
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []
    assert f"{path}!{name}" not in outcome.counters.linted


def test_symlink_member_in_a_zip_is_not_followed(harness: Harness) -> None:
    link = zipfile.ZipInfo("enlace.xml")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    path = harness.write(
        "lote-enlace.zip", make_zip([("cert_ok.xml", VALID), (link, str(harness.secret).encode())])
    )
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    assert outcome.findings("enlace.xml")  # reported (not a certificate), never read as one
    assert f"{path}!enlace.xml" not in outcome.counters.linted
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []


def test_encrypted_zip_member(harness: Harness) -> None:
    raw = set_encrypted_flag(make_zip([("cert_ok.xml", VALID), ("cifrado.xml", VALID)]), "cifrado.xml")
    path = harness.write("lote-cifrado.zip", raw)
    outcome = harness.run(path)
    refused(outcome, "cifrado.xml", "LOT001", "cifrado con contraseña")
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []


@pytest.mark.parametrize(
    "raw",
    [
        b"PK\x03\x04" + bytes(range(256)) * 2,
        make_zip([("a.xml", VALID), ("b.xml", VALID)])[:-30],  # truncated central directory
        b"esto no es un zip",
    ],
    ids=["basura", "truncado", "texto"],
)
def test_corrupt_zip(harness: Harness, raw: bytes) -> None:
    path = harness.write("lote-roto.zip", raw)
    outcome = harness.run(path)
    refused(outcome, "lote-roto.zip", "LOT001", "dañado")


def test_corrupt_member_data(harness: Harness) -> None:
    raw = bytearray(make_zip([("cert_ok.xml", VALID), ("danado.xml", VALID * 3)]))
    start = raw.find(b"danado.xml") + len(b"danado.xml")
    raw[start + 20 : start + 60] = bytes(40)  # inside the deflate stream of the second member
    path = harness.write("lote-miembro.zip", bytes(raw))
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    assert outcome.findings("danado.xml")
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []


# -- workbooks -------------------------------------------------------------------------------------
def test_password_protected_workbook(harness: Harness) -> None:
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    )
    path = harness.write("programa.xlsx", ole)
    outcome = harness.run(path)
    refused(outcome, "programa.xlsx", "LAY001", "contraseña")
    assert outcome.counters.sheet_rows == 0


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        (b"PK\x03\x04" + bytes(range(200)), "dañado"),
        (make_zip([("hola.txt", b"hola")]), "no es un libro"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "97-2003"),
        (b"ID_CARRERA,NO_RVOE\n101,2018\n", "no es un libro"),
    ],
    ids=["basura", "zip-sin-libro", "xls", "csv"],
)
def test_corrupt_or_foreign_workbook(harness: Harness, raw: bytes, word: str) -> None:
    path = harness.write("programa.xlsx", raw)
    outcome = harness.run(path)
    refused(outcome, "programa.xlsx", "LAY001", word)


def test_workbook_needing_a_newer_zip_version(harness: Harness) -> None:
    from mec_lint.layout.samples import LayoutBuilder

    data = bytearray(LayoutBuilder().to_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 0xFF  # "version needed to extract": 25.5
    path = harness.write("programa.xlsx", bytes(data))
    outcome = harness.run(path)
    refused(outcome, "programa.xlsx", "LAY001", "dañado")


def test_entities_inside_a_workbook_part_are_not_expanded(harness: Harness) -> None:
    doctype = f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{harness.secret}">]>'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
    xml = sheet(rows).replace("?>", "?>" + doctype, 1)
    path = harness.write("programa.xlsx", make_workbook(xml))
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    assert outcome.findings("programa.xlsx")


def test_workbook_claiming_millions_of_rows(harness: Harness) -> None:
    rows = HEADER_ROW + '<row r="1500000"><c r="A1500000"><v>5</v></c></row>'
    path = harness.write("programa.xlsx", make_workbook(sheet(rows)))
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    truncated = [f for f in outcome.findings("programa.xlsx") if f["code"] == "LAY001"]
    assert truncated and truncated[0]["row"] == 1_500_000 and "se detuvo" in truncated[0]["message"]
    assert outcome.counters.sheet_rows <= 2


def test_workbook_with_hundreds_of_thousands_of_empty_rows(harness: Harness) -> None:
    from mec_lint.layout.reader import EMPTY_RUN

    rows = HEADER_ROW + "".join(f'<row r="{i}"/>' for i in range(2, 300_000))
    path = harness.write("programa.xlsx", make_workbook(sheet(rows)))
    outcome = harness.run(path)
    assert outcome.exit_code == 1  # the missing sheets and columns, not the empty rows
    assert outcome.codes("programa.xlsx")
    assert outcome.counters.sheet_rows <= EMPTY_RUN + 2  # reading stopped after a run of empty rows


def test_workbook_row_limit_is_configurable(harness: Harness) -> None:
    rows = HEADER_ROW + "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(2, 40))
    path = harness.write("programa.xlsx", make_workbook(sheet(rows, "A1:A39")))
    outcome = harness.run(path, limits={"max-workbook-rows": 10})
    truncated = [f for f in outcome.findings("programa.xlsx") if f["code"] == "LAY001"]
    assert truncated and truncated[0]["row"] == 11
    assert outcome.counters.sheet_rows <= 11


# -- bounds --------------------------------------------------------------------------------------
def test_every_limit_can_be_set_in_the_configuration_file(tmp_path: Path) -> None:
    from mec_lint.config import Limits, load_config

    values = {
        "max-file-size": 1000,
        "max-zip-members": 11,
        "max-zip-total-bytes": 12_000,
        "max-zip-ratio": 13.5,
        "zip-ratio-min-bytes": 14_000,
        "max-zip-file-bytes": 15_000,
        "max-depth": 16,
        "max-value-chars": 17_000,
        "max-workbook-rows": 18,
        "max-workbook-cells": 19,
        "max-workbook-columns": 20,
        "max-workbook-part-bytes": 21_000,
        "max-findings-per-code": 22,
        "max-elements": 23,
        "max-attributes": 24,
    }
    config_file = tmp_path / ".mec-lint.yaml"
    config_file.write_text(
        "limits:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items()), encoding="utf-8"
    )
    limits = load_config({}, str(config_file)).limits
    assert limits == Limits(
        max_file_bytes=1000,
        max_zip_members=11,
        max_zip_total_bytes=12_000,
        max_zip_ratio=13.5,
        zip_ratio_min_bytes=14_000,
        max_zip_file_bytes=15_000,
        max_depth=16,
        max_value_chars=17_000,
        max_workbook_rows=18,
        max_workbook_cells=19,
        max_workbook_columns=20,
        max_workbook_part_bytes=21_000,
        max_findings_per_code=22,
        max_elements=23,
        max_attributes=24,
    )
    assert {f.replace("_", "-") for f in Limits.FIELDS} <= set(values) | {"max-file-bytes"}


def test_default_limits_let_a_real_batch_through() -> None:
    """A 100-folio batch: thousands of 20–60 KB certificates, compressed 5–30x by Deflate."""
    from mec_lint.config import Limits
    from mec_lint.testing import DEFAULT_SUBJECTS

    limits = Limits()
    certificates, largest = 10_000, 60 * 1024
    assert certificates <= limits.max_zip_members
    assert certificates * largest <= limits.max_zip_total_bytes
    assert largest * 10 <= limits.max_file_bytes
    big = make_certificate(subjects=list(DEFAULT_SUBJECTS) * 60)  # ~180 subjects: an unusually long record
    ratio = len(big) / len(make_zip([("a.xml", big)]))
    assert ratio * 3 < limits.max_zip_ratio
    assert len(big) < limits.zip_ratio_min_bytes  # real certificates never reach the ratio test at all
    assert limits.max_depth >= 3 * 4
    longest = max(len(v) for v in _attribute_values(make_certificate()))
    assert longest * 10 < limits.max_value_chars


def _attribute_values(raw: bytes) -> list[str]:
    from lxml import etree

    return [v for element in etree.fromstring(raw).iter() for v in element.attrib.values()]


# -- extreme values reaching the rules -------------------------------------------------------------
@pytest.mark.parametrize(
    ("element", "attribute", "value"),
    [
        ("Carrera", "calificacionMinimaAprobatoria", "1" * 27),
        ("Asignaturas", "promedio", "1" * 27),
        ("Asignaturas", "total", "1" * 5000),
        ("Asignaturas", "asignadas", "1" * 5000),
        ("Asignaturas", "numeroCiclos", "1" * 5000),
        ("Ipes", "idEntidadFederativa", "1" * 5000),
        ("Expedicion", "fecha", "9999-12-31T23:59:59"),
        ("Expedicion", "fecha", "0001-01-01T00:00:00"),
        ("Alumno", "fechaNacimiento", "9999-12-31T23:59:59"),
        ("Carrera", "idCarrera", "1" * 5000),
        ("Asignaturas", "promedio", "1e999999"),
        ("Asignaturas", "promedio", "NaN"),
    ],
    ids=lambda v: v if len(v) < 30 else f"{v[:3]}…({len(v)})",
)
def test_extreme_values_are_findings_not_internal_errors(
    harness: Harness, element: str, attribute: str, value: str
) -> None:
    path = harness.write("extremo.xml", make_certificate(overrides={element: {attribute: value}}))
    outcome = harness.run(path)
    assert "MEC900" not in outcome.codes(path.name), outcome.findings(path.name)
    assert outcome.exit_code in (0, 1)


# -- the safe parser, unit level ---------------------------------------------------------------------
@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_doctype_found_in_every_encoding_libxml2_detects(codec: str) -> None:
    raw = '<?xml version="1.0"?>\n<!DOCTYPE Dec [<!ENTITY a "b">]>\n<Dec>&a;</Dec>'.encode(codec)
    problem = xmldoc.parse("x.xml", raw)
    assert isinstance(problem, xmldoc.ParseProblem)
    assert problem.kind == "doctype" and problem.line == 2
    assert problem.reason.startswith("<!DOCTYPE Dec")


def test_utf16_without_bom_is_not_mistaken_for_binary() -> None:
    raw = VALID.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    document = xmldoc.parse("x.xml", raw)
    assert isinstance(document, xmldoc.XmlDocument)
    assert document.declared_encoding == "UTF-16"


def test_value_scan_costs_nothing_for_ordinary_files() -> None:
    document = xmldoc.parse("x.xml", VALID, max_value_chars=len(VALID))
    assert isinstance(document, xmldoc.XmlDocument)  # no value can be longer than the file
    problem = xmldoc.parse("x.xml", VALID, max_value_chars=10)
    assert isinstance(problem, xmldoc.ParseProblem) and problem.kind == "big_value"
    assert problem.line is not None
