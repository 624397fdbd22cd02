"""Issue #13: hostile input, second round — bombs through other codecs, encodings that hide a
DOCTYPE, injection into reports, races on the file system, the --output file.

The end-to-end cases reuse the guarded harness of test_hostile_input (no network, no file read
outside the inputs, nothing written, the valid companion still linted). Cases that could hang or
exhaust memory if the defence regressed run in a subprocess with a timeout and an address-space
limit (`run_bounded`): the bound is the assertion's guard rail, not a timing assertion.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import struct
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_hostile_input import VALID, Harness, make_zip, refused

from mec_lint import archive
from mec_lint.config import Limits

MB = 1024 * 1024


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    guarded = Harness(tmp_path, monkeypatch)
    try:
        yield guarded
    finally:
        guarded.close()


def run_bounded(code: str, timeout: float = 30, memory: int = 500 * MB) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with at most `memory` bytes of address space (where the
    OS supports it) and `timeout` seconds; a hang or a blow-up fails the test instead of the machine."""
    prologue = ""
    if sys.platform.startswith("linux"):
        prologue = textwrap.dedent(
            f"""
            import resource
            resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
            """
        )
    return subprocess.run(
        [sys.executable, "-c", prologue + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- 1. decompression without a length cap -------------------------------------------------------
def _member_zip(name: str, data: bytes, method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("cert_ok.xml", VALID, compress_type=zipfile.ZIP_DEFLATED)
        out.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def _lie_about_sizes(raw: bytes, name: bytes, file_size: int, compress_size: int | None = None) -> bytes:
    """Rewrite `name`'s sizes in its local header and central directory entry."""
    data = bytearray(raw)
    for signature, at, name_at in ((b"PK\x03\x04", 18, 30), (b"PK\x01\x02", 20, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                if compress_size is not None:
                    struct.pack_into("<I", data, start + at, compress_size)
                struct.pack_into("<I", data, start + at + 4, file_size)
            start += 4
    return bytes(data)


@pytest.mark.parametrize(("method", "word"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")])
def test_bzip2_and_lzma_members_are_refused_without_inflating(
    harness: Harness, method: int, word: str
) -> None:
    body = b"<Dec>" + b" " * 50_000_000 + b"</Dec>"  # compresses to a few KB
    raw = _lie_about_sizes(_member_zip("bomba.xml", body, method), b"bomba.xml", 1000)
    path = harness.write("lote-metodo.zip", raw)
    outcome = harness.run(path)
    finding = refused(outcome, "bomba.xml", "LOT001", "método de compresión", word)
    assert "Deflate" in finding["message"]
    assert outcome.counters.linted[f"{path}!cert_ok.xml"] == []
    assert outcome.counters.unzipped_bytes < 2 * len(VALID)  # nothing of the bomb was inflated


def test_bzip2_bomb_ends_quickly_in_bounded_memory(tmp_path: Path) -> None:
    body = b"<Dec>" + b" " * 120_000_000 + b"</Dec>"  # the in-process test above counts 0 bytes inflated
    path = tmp_path / "bzip2.zip"
    path.write_bytes(_lie_about_sizes(_member_zip("bomba.xml", body, zipfile.ZIP_BZIP2), b"bomba.xml", 1000))
    assert path.stat().st_size < 10_000
    result = run_bounded(
        f"""
        import sys
        from mec_lint.cli import main
        sys.argv = ["mec-lint", "check", {str(path)!r}, "--format", "json", "--jobs", "1", "--no-progress"]
        main()
        """
    )
    assert "Traceback" not in result.stderr, result.stderr
    codes = {(f["code"], f["path"].rpartition("!")[2]) for f in json.loads(result.stdout)["findings"]}
    assert ("LOT001", "bomba.xml") in codes
    assert result.returncode == 1


def test_lying_compressed_size_does_not_switch_off_the_ratio(harness: Harness) -> None:
    body = b"<Dec>" + b" " * 15_000_000 + b"</Dec>"
    raw = make_zip([("cert_ok.xml", VALID), ("bomba.xml", body)])
    # declared: 1 000 bytes inflated from 500 MB compressed (larger than the whole .zip)
    raw = _lie_about_sizes(raw, b"bomba.xml", 1000, compress_size=500 * MB)
    path = harness.write("lote-comprimido-mentiroso.zip", raw)
    outcome = harness.run(path)
    assert outcome.exit_code == 1
    assert any(f["code"] == "LOT001" for f in outcome.findings("bomba.xml")), outcome.payload
    assert outcome.counters.unzipped_bytes < 3 * MB


def _directory_bomb(entries: int, declared: int = 1) -> bytes:
    """A zip whose end record says `declared` entries while `entries` follow in its directory."""
    local = b"PK\x03\x04" + struct.pack("<5H3L2H", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    central = (
        b"PK\x01\x02" + struct.pack("<6H3L5H2L", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0) + b"a"
    )
    directory = central * entries
    end = b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, declared, declared, len(directory), len(local), 0)
    return local + directory + end


def test_end_record_that_understates_the_entries_is_refused_while_counting(harness: Harness) -> None:
    path = harness.write("lote-directorio.zip", _directory_bomb(5_000))
    outcome = harness.run(path, limits={"max-zip-members": 100})
    refused(outcome, "lote-directorio.zip", "LOT001", "más de 100", "limits.max-zip-members")
    assert outcome.counters.unzipped_bytes == 0


def test_two_million_entries_behind_an_end_record_of_one(tmp_path: Path) -> None:
    path = tmp_path / "directorio.zip"
    path.write_bytes(_directory_bomb(2_000_000))  # ~94 MB of directory
    result = run_bounded(
        f"""
        import sys
        from mec_lint.cli import main
        sys.argv = ["mec-lint", "check", {str(path)!r}, "--format", "json", "--jobs", "1", "--no-progress"]
        main()
        """
    )
    assert "Traceback" not in result.stderr, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings] == ["LOT001"], findings
    assert result.returncode == 1


def test_directory_walk_stops_one_past_the_limit() -> None:
    limits = Limits(max_zip_members=20_000)
    problem = archive.check_directory(io.BytesIO(_directory_bomb(150_000)), limits)
    assert problem is not None and problem.kind == "too_many"
    assert archive.check_directory(io.BytesIO(make_zip([("a.xml", VALID)])), limits) is None


def test_the_bounded_reader_stops_at_its_cap_whatever_the_headers_say() -> None:
    # zipfile itself stops at the declared size: a declaration far above the cap is what matters
    raw = _lie_about_sizes(make_zip([("parte.xml", b"x" * 3 * MB)]), b"parte.xml", 2**31)
    with zipfile.ZipFile(io.BytesIO(raw)) as opened:
        info = opened.getinfo("parte.xml")
        with pytest.raises(archive.MemberRefused) as caught:
            archive.read_bounded(opened, info, MB)
        assert caught.value.problem.kind == "too_big"
        # within its cap, the bounded reader gives the same bytes as zipfile
        fair = make_zip([("parte.xml", b"y" * 100_000)])
    with zipfile.ZipFile(io.BytesIO(fair)) as opened:
        assert archive.read_bounded(opened, opened.getinfo("parte.xml"), MB) == b"y" * 100_000


def test_the_bounded_reader_refuses_unsafe_methods_before_inflating() -> None:
    raw = _member_zip("parte.xml", b"z" * 1000, zipfile.ZIP_BZIP2)
    with zipfile.ZipFile(io.BytesIO(raw)) as opened, pytest.raises(archive.MemberRefused) as caught:
        archive.open_member(opened, opened.getinfo("parte.xml"), MB)
    assert caught.value.problem.kind == "method"
    assert caught.value.problem.value == "bzip2"


# -- 2. encodings that hide a DOCTYPE; a parser that opens nothing ----------------------------------
def _xxe(target: str) -> str:
    return f'<!DOCTYPE Dec SYSTEM "{target}" [<!ENTITY % p SYSTEM "{target}"> %p;]>'


def _utf7(text: str) -> bytes:
    """UTF-7 as an attacker writes it: every markup character in modified base64 (`+ADwAIQ-`)."""
    import base64
    import re

    def shifted(match: re.Match[str]) -> str:
        return "+" + base64.b64encode(match.group().encode("utf-16-be")).decode().rstrip("=") + "-"

    encoded = re.sub(r"[^A-Za-z0-9 '(),./:?\n-]+", shifted, text).encode("ascii")
    assert encoded.decode("utf-7") == text
    return encoded


def _hidden_doctypes(target: str) -> list[tuple[str, bytes]]:
    doctype = _xxe(target)
    body = f"{doctype}\n<Dec>&x;</Dec>"
    utf7 = _utf7(body)
    assert b"DOCTYPE" in utf7 and b"<!DOCTYPE" not in utf7
    return [
        ("utf7.xml", b'<?xml version="1.0" encoding="UTF-7"?>\n' + utf7),
        ("utf7-minusculas.xml", b"<?xml version='1.0' encoding = 'utf-7' ?>\n+ADwAIQ-DOCTYPE Dec+AD4-<Dec/>"),
        ("utf7-con-bom.xml", b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-7"?>\n' + utf7),
        ("utf7-lejos.xml", b'<?xml version="1.0"' + b" " * 300 + b' encoding="UTF-7"?>\n' + utf7),
        ("ebcdic.xml", f'<?xml version="1.0" encoding="IBM037"?>\n{body}'.encode("cp037")),
        ("utf32.xml", '<?xml version="1.0" encoding="UTF-32"?>\n<Dec/>'.encode("utf-32")),
        ("ucs4.xml", '<?xml version="1.0" encoding="UCS-4"?>\n<Dec/>'.encode("utf-32-be")),
        ("utf16-dice-utf7.xml", '<?xml version="1.0" encoding="UTF-7"?>\n<Dec/>'.encode("utf-16")),
        ("iso2022.xml", b'<?xml version="1.0" encoding="ISO-2022-JP"?>\n<Dec/>'),
        ("cp500.xml", b'<?xml version="1.0" encoding="CP500"?>\n<Dec/>'),
    ]


@pytest.mark.parametrize("case", range(10))
def test_encodings_that_could_hide_a_doctype_are_refused(harness: Harness, case: int) -> None:
    name, raw = _hidden_doctypes(str(harness.trap.path))[case]
    path = harness.write(name, raw)
    outcome = harness.run(path)
    findings = outcome.findings(name)
    assert [f["code"] for f in findings] in (["XML002"], ["XML003"]), findings
    message = findings[0]["message"]
    if findings[0]["code"] == "XML002":
        assert "UTF-8" in message and "codificación" in message, message
    assert all(raw != given for given in outcome.counters.libxml2_inputs)  # libxml2 never saw it


def test_utf16_with_a_doctype_is_refused(harness: Harness) -> None:
    raw = f'<?xml version="1.0" encoding="UTF-16"?>\n{_xxe(str(harness.trap.path))}<Dec/>'.encode("utf-16")
    path = harness.write("utf16-doctype.xml", raw)
    refused(harness.run(path), "utf16-doctype.xml", "XML003", "DOCTYPE")


@pytest.mark.parametrize(
    "declaration", ["UTF-8", "utf-8", "ISO-8859-1", "US-ASCII", "windows-1252", "ISO-8859-15"]
)
def test_ascii_compatible_encodings_are_still_read(declaration: str) -> None:
    from mec_lint import xmldoc

    raw = VALID.replace(b'encoding="UTF-8"', f'encoding="{declaration}"'.encode())
    raw = raw.decode("utf-8").encode("ascii", "xmlcharrefreplace")  # honest bytes for any of them
    assert isinstance(xmldoc.parse("x.xml", raw), xmldoc.XmlDocument)


@pytest.mark.parametrize("how", ["pe", "system", "entity"])
def test_the_parser_never_opens_a_file_even_when_handed_a_dtd(tmp_path: Path, how: str) -> None:
    """Second line of defence, below the DOCTYPE refusal: libxml2 is handed a DTD that points at a
    named pipe (an open would block forever) and at a readable secret."""
    fifo = tmp_path / "trampa"
    os.mkfifo(fifo)
    secret = tmp_path / "secreto.dtd"
    secret.write_text('<!ENTITY x "SECRETO">', encoding="utf-8")
    result = run_bounded(
        f"""
        from lxml import etree
        from mec_lint.xmldoc import make_parser, RefusedResource
        for target in ({str(secret)!r}, {str(fifo)!r}):
            doc = {{
                "pe": f'<!DOCTYPE d [<!ENTITY % p SYSTEM "{{target}}"> %p;]><d>&x;</d>',
                "system": f'<!DOCTYPE d SYSTEM "{{target}}"><d>&x;</d>',
                "entity": f'<!DOCTYPE d [<!ENTITY e SYSTEM "{{target}}">]><d>&e;</d>',
            }}[{how!r}]
            try:
                tree = etree.fromstring(doc.encode(), make_parser())
                print("parsed", etree.tostring(tree).decode())
            except (etree.XMLSyntaxError, RefusedResource) as exc:
                print("refused", type(exc).__name__)
        """,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert "SECRETO" not in result.stdout
    assert result.stdout.count("\n") == 2


def test_a_schema_that_includes_another_file_is_a_clear_configuration_error(tmp_path: Path) -> None:
    from mec_lint.config import ConfigError
    from mec_lint.schema import load_schema

    (tmp_path / "parte.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>', encoding="utf-8"
    )
    main = tmp_path / "esquema.xsd"
    main.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="parte.xsd"/>'
        "</xs:schema>",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_schema(str(main))
    assert "parte.xsd" in str(caught.value)


def _unused() -> None:  # keep imports used by later sections honest
    _ = (os, stat)


# -- 5. injection into reports --------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mec_lint.engine import FileResult, RunResult  # noqa: E402
from mec_lint.findings import Finding, Severity  # noqa: E402
from mec_lint.formatters import render, render_bytes  # noqa: E402
from mec_lint.formatters._escape import _encodable_text as shown  # noqa: E402

DANGEROUS = list("\n\r\t\x00\x07\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2066\u2069\u2028\u2029\udcff")
MARKUP = list(":#[]=+-@;,|<>&`*_()!$~/\\\"' aZ0.")
PAYLOADS = [
    "x\n::error file=a.xml::inyectado",
    "x\r::warning::inyectado",
    "::add-mask::secreto",
    "  ::error::sangrado",
    "a ##[error]legado",
    "x;=1+1",
    '=HYPERLINK("http://evil")',
    "@SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "\tTAB",
    "evil\u202egpj.xml",
    "\x9b31mrojo",
    "<img src=x onerror=alert(1)>",
    "[clic](http://evil.example) ![x](http://track.example/p.png)",
    "a | b | c",
    "caf\udce9.xml",
]
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(alphabet=st.sampled_from(DANGEROUS + MARKUP), max_size=24),
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), st.text(st.sampled_from(DANGEROUS + MARKUP))),
)
UNSAFE_CHARS = set("\x00\x07\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2066\u2069\u2028\u2029") | {
    chr(c) for c in range(0xD800, 0xE000)
}
OWN_COMMANDS = ("::group::", "::endgroup::", "::error ", "::warning ", "::notice ")


def hostile_run(name: str, value: str, sheet: str, message: str) -> RunResult:
    path = f"lote.zip!{name}"
    findings = [
        Finding(path, "DEC002", Severity.ERROR, message, line=3, element="Dec", attribute="a", value=value),
        Finding(
            f"Programa {name}.xlsx", "LAY003", Severity.WARNING, message, sheet=sheet, cell="B2", value=value
        ),
    ]
    return RunResult(
        files=[FileResult(path, findings[:1]), FileResult(f"Programa {name}.xlsx", findings[1:])]
    )


def _text_lines_are_safe(output: str, own_commands: tuple[str, ...] = ()) -> None:
    assert not UNSAFE_CHARS & set(output), [c for c in output if c in UNSAFE_CHARS]
    assert "##[" not in output
    for line in output.split("\n"):
        assert "\r" not in line
        if line.lstrip(" \t").startswith("::"):
            assert line.startswith(own_commands), line


@pytest.mark.parametrize("message", ["[/0]", "[/]", "[bold]x", "valor [b]ab[/b]"])
def test_colored_text_shows_markup_like_values_as_they_are(message: str) -> None:
    """rich reads «[/0]» in a plain cell as a closing tag: a value shaped like markup is text."""
    run = hostile_run("a.xml", message, "Hoja", message)
    colored = re.sub(r"\x1b\[[0-9;]*m", "", render("text", run, color=True))
    assert message in colored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_text, value=hostile_text, sheet=hostile_text, message=hostile_text)
def test_text_and_github_never_let_a_value_start_a_line(
    name: str, value: str, sheet: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = hostile_run(name, value, sheet, message)
    _text_lines_are_safe(render("text", run))
    colored = render("text", run, color=True)
    _text_lines_are_safe(re.sub(r"\x1b\[[0-9;]*m", "", colored))  # rich's own colours only
    github = render("github", run)
    _text_lines_are_safe(github, OWN_COMMANDS)
    annotations = [line for line in github.split("\n") if line.startswith(("::error ", "::warning "))]
    assert len(annotations) == 2  # one per finding, each on its own line
    assert github.count("::group::") == 2
    # the step summary: values shown, never rendered as HTML, links, images or extra table cells
    markdown = summary.read_text(encoding="utf-8")
    rows = [
        line
        for line in markdown.split("\n")
        if line.startswith("| ") and "DEC002" in line or "LAY003" in line
    ]
    assert len(rows) == 2, markdown
    for row in rows:
        assert row.replace("\\|", "").count("|") == 6, row
        assert re.search(r"(?<!\\)[<>\[\]!:]", row.split(" | ", 2)[2]) is None, row  # all escaped
    assert not UNSAFE_CHARS & set(markdown)


@settings(max_examples=40, deadline=None)
@given(name=hostile_text, value=hostile_text, sheet=hostile_text, message=hostile_text)
def test_structured_formats_escape_without_changing_values(
    name: str, value: str, sheet: str, message: str
) -> None:
    import csv
    import xml.etree.ElementTree as ET

    run = hostile_run(name, value, sheet, message)
    for fmt in ("json", "sarif"):
        output = render(fmt, run)
        assert not UNSAFE_CHARS & set(output)
        json.loads(output)
    assert render_bytes("json", run) == render("json", run).encode("utf-8")  # its UTF-8 path too
    payload = json.loads(render("json", run))
    # the contract's values, intact (bytes that were not UTF-8 in a name shown as \xNN)
    assert [f["value"] for f in payload["findings"]] == [shown(value), shown(value)]
    assert {f["message"] for f in payload["findings"]} == {shown(message)}
    junit = render("junit", run)
    ET.fromstring(junit)
    assert not UNSAFE_CHARS & set(junit)
    # csv: every cell quoted, no cell (nor a piece a ';'/',' separator would cut) starts a formula
    text = render("csv", run)
    lines = text[1:].split("\r\n")
    assert all(line.startswith('"') for line in lines if line)
    for row in list(csv.reader(io.StringIO(text[1:])))[1:]:
        for cell in row:
            assert not UNSAFE_CHARS & set(cell)
            for piece in re.split(r"[;,\t\r\n|]", cell):
                stripped = piece.lstrip()
                if stripped[:1] in ("=", "+", "-", "@"):
                    assert _number(stripped), (cell, piece)
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert _number(cell), cell


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_xlsx_report_cells_are_never_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    run = hostile_run("=1+1.xml", '=HYPERLINK("http://evil")', "@hoja", "+cmd|' /C calc'!A0")
    target = tmp_path / "r.xlsx"
    target.write_bytes(render_bytes("xlsx", run))
    workbook = load_workbook(target)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n"), (cell.coordinate, cell.value)


def test_a_member_name_with_a_line_feed_starts_no_workflow_command_end_to_end(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mec_lint.cli import app
    from mec_lint.testing import make_certificate

    name = "a\n::error file=x.xml::inyectado\r::warning::otro \u202eLMX.exe\x9b.xml"
    path = tmp_path / "lote.zip"
    path.write_bytes(make_zip([(name, make_certificate(overrides={"Dec": {"version": "2.0"}}))]))
    for fmt in ("text", "github"):
        result = CliRunner().invoke(app, ["check", str(path), "--format", fmt, "--upload-date", "2024-09-01"])
        assert result.exit_code == 1, result.output
        _text_lines_are_safe(result.stdout, OWN_COMMANDS if fmt == "github" else ())
        assert "inyectado" in result.stdout  # shown, not hidden


# -- 6. races and names ----------------------------------------------------------------------------
def _linter() -> Any:
    from mec_lint.config import Config
    from mec_lint.engine import Linter

    return Linter(Config())


@pytest.mark.parametrize("kind", ["xml", "zip"])
def test_a_file_swapped_for_a_named_pipe_after_listing_never_blocks(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    os.mkfifo(folder / f"cambiado.{kind}")
    # The folder was listed (and checked) while it was a regular file: the checks before opening
    # are switched off to stand for the swap that happens after them.
    result = run_bounded(
        f"""
        import json, sys
        import mec_lint.engine as engine
        import mec_lint.inputs as inputs
        engine.is_regular_file = lambda path: True
        from mec_lint.cli import main
        sys.argv = ["mec-lint", "check", {str(folder)!r}, "--format", "json", "--jobs", "1", "--no-progress"]
        main()
        """,
        timeout=30,
    )
    assert "Traceback" not in result.stderr, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], os.path.basename(f["path"])) for f in findings] == [("IO001", f"cambiado.{kind}")]
    assert "no es un archivo regular" in findings[0]["message"]


@pytest.mark.parametrize("kind", ["xml", "zip"])
def test_a_file_swapped_for_a_link_after_listing_is_not_followed(tmp_path: Path, kind: str) -> None:
    from mec_lint.inputs import Source

    secret = tmp_path / "secreto"
    secret.mkdir()
    (secret / f"ajeno.{kind}").write_bytes(make_zip([("a.xml", VALID)]) if kind == "zip" else VALID)
    folder = tmp_path / "lote"
    (folder / "sub").mkdir(parents=True)
    (folder / f"enlace.{kind}").symlink_to(secret / f"ajeno.{kind}")
    (folder / "otra").symlink_to(secret, target_is_directory=True)
    linter = _linter()
    for path in (folder / f"enlace.{kind}", folder / "otra" / f"ajeno.{kind}"):  # as listed before the swap
        source = Source(str(path), str(path), kind, str(folder))
        results = linter.lint_source(source) if kind == "xml" else _lint_zip(linter, source)
        findings = [f for r in results for f in r.findings]
        assert [(f.code, f.severity.value) for f in findings] == [("IO001", "warning")], findings
        assert "enlace simbólico" in findings[0].message


def _lint_zip(linter: Any, source: Any) -> list[Any]:
    from mec_lint.runner import run_sources

    return run_sources(linter, [source])


def test_without_o_nofollow_a_link_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint import safe_open

    monkeypatch.setattr(safe_open, "_NOFOLLOW", 0)  # as on Windows
    target = tmp_path / "real.xml"
    target.write_bytes(VALID)
    link = tmp_path / "enlace.xml"
    link.symlink_to(target)
    with pytest.raises(safe_open.InputRefused) as caught:
        safe_open.open_input(str(link), follow=False)
    assert caught.value.kind == "symlink"
    handle, size = safe_open.open_input(str(link), follow=True)  # named on the command line: read
    with handle:
        assert handle.read() == VALID and size == len(VALID)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit", "csv"])
def test_a_file_name_that_is_not_utf8_is_reported_readably(tmp_path: Path, output_format: str) -> None:
    from typer.testing import CliRunner

    from mec_lint.cli import app

    folder = tmp_path / "lote"
    folder.mkdir()
    os.mkdir(os.fsencode(folder) + b"/sub\xf1")
    with open(os.fsencode(folder) + b"/sub\xf1/caf\xe9.xml", "wb") as handle:
        handle.write(VALID.replace(b'version="3.0"', b'version="2.0"'))
    args = ["check", str(folder), "--format", output_format, "--upload-date", "2024-09-01", "--batch"]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    assert re.search(r"caf(\\|\\\\|%5C)xe9\.xml", result.stdout), result.stdout  # the byte, readable
    assert "DEC001" in result.stdout


# -- 7. the --output file ----------------------------------------------------------------------------
def _check(*args: str) -> Any:
    from typer.testing import CliRunner

    from mec_lint.cli import app

    return CliRunner().invoke(
        app, ["check", *args, "--upload-date", "2024-09-01", "--jobs", "1", "--no-progress"]
    )


@pytest.fixture
def project(tmp_path: Path) -> dict[str, Path]:
    cert = tmp_path / "cert.xml"
    cert.write_bytes(VALID)
    config = tmp_path / "conf.yaml"
    config.write_text("limits:\n  max-depth: 64\n", encoding="utf-8")
    layout = tmp_path / "programa.xlsx"
    layout.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    baseline = tmp_path / "dispensas.yaml"
    baseline.write_text("waivers: []\n", encoding="utf-8")
    return {"cert": cert, "config": config, "layout": layout, "baseline": baseline}


@pytest.mark.parametrize("what", ["cert", "config", "layout", "baseline", "cert-link", "cert-hardlink"])
def test_output_never_overwrites_what_the_run_reads(
    tmp_path: Path, project: dict[str, Path], what: str
) -> None:
    if what == "cert-link":
        target = tmp_path / "informe.txt"
        target.symlink_to(project["cert"])
    elif what == "cert-hardlink":
        target = tmp_path / "informe.txt"
        os.link(project["cert"], target)
    else:
        target = project[what]
    before = {name: path.read_bytes() for name, path in project.items()}
    result = _check(
        str(project["cert"]),
        "--config",
        str(project["config"]),
        "--output",
        str(target),
        *(["--layout", str(project["layout"])] if what == "layout" else []),
        *(["--baseline", str(project["baseline"])] if what == "baseline" else []),
    )
    assert result.exit_code == 2, result.output
    assert "no se sobrescribe" in result.output
    assert {name: path.read_bytes() for name, path in project.items()} == before


def test_output_through_a_planted_link_replaces_the_link_not_its_target(
    tmp_path: Path, project: dict[str, Path]
) -> None:
    victim = tmp_path / "ajeno.txt"
    victim.write_text("no tocar", encoding="utf-8")
    target = tmp_path / "informe.txt"
    target.symlink_to(victim)
    result = _check(str(project["cert"]), "--output", str(target))
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "no tocar"
    assert not target.is_symlink() and "Resumen" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def test_output_keeps_the_permissions_of_the_file_it_replaces(
    tmp_path: Path, project: dict[str, Path]
) -> None:
    target = tmp_path / "informe.json"
    target.write_text("viejo", encoding="utf-8")
    target.chmod(0o640)
    assert _check(str(project["cert"]), "--format", "json", "--output", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1
    fresh = tmp_path / "nuevo.json"
    assert _check(str(project["cert"]), "--format", "json", "--output", str(fresh)).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask


def test_output_to_a_named_pipe_is_streamed_not_replaced(tmp_path: Path, project: dict[str, Path]) -> None:
    import threading

    fifo = tmp_path / "tuberia"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = _check(str(project["cert"]), "--format", "json", "--output", str(fifo))
    thread.join(timeout=20)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still the pipe
    assert json.loads(received[0])["summary"]["files"] == 1


def test_output_dash_is_standard_output(project: dict[str, Path]) -> None:
    result = _check(str(project["cert"]), "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert not Path("-").exists()


def test_output_to_a_device_is_written_as_a_stream(project: dict[str, Path]) -> None:
    if not os.path.exists(os.devnull) or os.name == "nt":
        pytest.skip("no /dev/null")
    before = os.stat(os.devnull)
    assert _check(str(project["cert"]), "--output", os.devnull).exit_code == 0
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and (before.st_ino, before.st_rdev) == (after.st_ino, after.st_rdev)
