"""Zip input: members read in memory, `lote.zip!member` paths, every hostile zip refused with LOT001."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.config import Config, Limits
from mec_lint.engine import Linter
from mec_lint.testing import DEFAULT_UPLOAD_DATE, make_certificate

VALID = make_certificate()
BAD_VERSION = make_certificate(overrides={"Dec": {"version": "2.0"}})


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def write(tmp_path: os.PathLike[str], name: str, raw: bytes) -> str:
    path = os.path.join(tmp_path, name)
    with open(path, "wb") as handle:
        handle.write(raw)
    return path


def run(paths: list[str], **config: object):  # type: ignore[no-untyped-def]
    return Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=1, **config)).run(paths)  # type: ignore[arg-type]


def lot001(run_result) -> list:  # type: ignore[no-untyped-def]
    return [f for f in run_result.findings if f.code == "LOT001"]


def test_findings_use_zip_bang_member_paths(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("cert_001.xml", VALID), ("cert_002.xml", BAD_VERSION)]))
    result = run([path])
    dec001 = [f for f in result.findings if f.code == "DEC001"]
    assert [f.path for f in dec001] == [f"{path}!cert_002.xml"]
    assert dec001[0].line is not None and dec001[0].xpath == "/Dec"
    assert sorted(r.path for r in result.files if r.checked) == [
        f"{path}!cert_001.xml",
        f"{path}!cert_002.xml",
    ]
    assert result.checked_files == 2
    assert result.exit_code == 1


def test_nothing_is_extracted_to_disk(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("cert_001.xml", VALID), ("sub/cert_002.xml", VALID)]))
    before = sorted(os.listdir(tmp_path))
    run([path])
    assert sorted(os.listdir(tmp_path)) == before


def test_lint_zip_api_reads_bytes() -> None:
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, ignore=("LOT005", "LOT006")))
    results = linter.lint_zip("lote.zip", make_zip([("a.xml", VALID), ("b.xml", BAD_VERSION)]))
    by_path = {r.path: {f.code for f in r.findings if f.severity.value != "info"} for r in results}
    assert by_path["lote.zip!a.xml"] == set()
    assert "DEC001" in by_path["lote.zip!b.xml"]


def test_clean_zip_exit_zero_and_json_contract(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("cert_001.xml", VALID)]))
    result = CliRunner().invoke(app, ["check", path, "--upload-date", "2024-09-01", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"version", "summary", "findings"}
    assert data["summary"] == {"files": 1, "errors": 0, "warnings": 0, "upload_date": "2024-09-01"}


def test_corrupt_zip_is_one_clear_finding(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("cert_001.xml", VALID)])[:-100])
    findings = lot001(run([path]))
    assert len(findings) == 1
    assert findings[0].path == path
    assert "dañado" in findings[0].message


def test_not_a_zip_at_all(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", b"esto no es un zip")
    result = run([path])
    assert [f.code for f in result.findings] == ["LOT001"]
    assert result.exit_code == 1


def _set_flag(raw: bytes, name: str, bit: int) -> bytes:
    data = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<H", data, offset + 6, struct.unpack_from("<H", data, offset + 6)[0] | bit)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name.encode():
            flags = struct.unpack_from("<H", data, position + 8)[0]
            struct.pack_into("<H", data, position + 8, flags | bit)
        position = data.find(b"PK\x01\x02", position + 46)
    return bytes(data)


def test_encrypted_member_reported_others_checked(tmp_path: os.PathLike[str]) -> None:
    raw = _set_flag(make_zip([("a.xml", BAD_VERSION), ("b.xml", VALID)]), "b.xml", 0x1)
    path = write(tmp_path, "lote.zip", raw)
    result = run([path])
    (finding,) = lot001(result)
    assert finding.path == f"{path}!b.xml"
    assert "cifrado" in finding.message
    assert any(f.code == "DEC001" and f.path == f"{path}!a.xml" for f in result.findings)


def test_bomb_by_ratio_refused(tmp_path: os.PathLike[str]) -> None:
    bomb = b"<Dec>" + b" " * (5 * 1024 * 1024) + b"</Dec>"
    path = write(tmp_path, "lote.zip", make_zip([("bomba.xml", bomb), ("ok.xml", BAD_VERSION)]))
    result = run([path])
    (finding,) = lot001(result)
    assert finding.path == f"{path}!bomba.xml"
    assert "bomba zip" in finding.message
    assert any(f.code == "DEC001" for f in result.findings)  # the other member is still checked


def _lie_about_size(raw: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size in both headers (a zip bomb that hides its size)."""
    data = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, size)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == name.encode():
            struct.pack_into("<I", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 46)
    return bytes(data)


def test_bomb_with_lying_header_is_refused_by_the_bounded_reader(tmp_path: os.PathLike[str]) -> None:
    bomb = b"<Dec>" + b"\n" * (8 * 1024 * 1024) + b"</Dec>"
    raw = _lie_about_size(make_zip([("bomba.xml", bomb), ("ok.xml", VALID)]), "bomba.xml", 1000)
    path = write(tmp_path, "lote.zip", raw)
    result = run([path])
    (finding,) = lot001(result)
    assert finding.path == f"{path}!bomba.xml"
    assert not [f for f in result.findings if f.path.endswith("ok.xml") and f.severity.value != "info"]


def test_bounded_reader_counts_real_bytes() -> None:
    from mec_lint.archive import ZipProblem, read_member, scan

    bomb = b"<Dec>" + b" " * (3 * 1024 * 1024) + b"</Dec>"
    limits = Limits(max_zip_ratio=10_000, max_file_bytes=1024 * 1024)
    raw = _lie_about_size(make_zip([("bomba.xml", bomb)]), "bomba.xml", 100)
    result = scan(io.BytesIO(raw), limits)
    (member,) = result.members
    found = read_member(result, member, limits)
    result.close()
    assert isinstance(found, ZipProblem)  # never the 3 MB the header hid


def test_total_uncompressed_size_limit(tmp_path: os.PathLike[str]) -> None:
    members = [(f"c{i}.xml", VALID) for i in range(5)]
    path = write(tmp_path, "lote.zip", make_zip(members))
    limits = Limits(max_zip_total_bytes=len(VALID) * 3)
    (finding,) = lot001(run([path], limits=limits))
    assert finding.path == path
    assert "bomba zip" in finding.message


def test_too_many_members(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([(f"c{i}.xml", VALID) for i in range(6)]))
    (finding,) = lot001(run([path], limits=Limits(max_zip_members=5)))
    assert finding.path == path and finding.value == "6"


@pytest.mark.parametrize("name", ["../fuera.xml", "/etc/abs.xml", "a/../../b.xml", "C:/windows/c.xml"])
def test_unsafe_names_reported_never_followed(tmp_path: os.PathLike[str], name: str) -> None:
    path = write(tmp_path, "lote.zip", make_zip([(name, VALID), ("ok.xml", BAD_VERSION)]))
    result = run([path])
    unsafe = lot001(result)
    assert len(unsafe) == 1 and "«..»" in unsafe[0].message
    assert any(f.code == "DEC001" and f.path.endswith("!ok.xml") for f in result.findings)


def test_oem_code_page_name_is_not_a_finding_and_is_shown_decoded(tmp_path: os.PathLike[str]) -> None:
    """Windows' compressed folders write accented names in cp850 without the UTF-8 flag; the spec says
    nothing about names, so this is no finding: the name is shown decoded and the content checked."""
    raw = make_zip([("cert_nXo.xml", BAD_VERSION)])
    raw = raw.replace(b"cert_nXo", b"cert_n\xa4o")  # cp850 'ñ' without the UTF-8 flag
    path = write(tmp_path, "lote.zip", raw)
    result = run([path])
    assert not lot001(result)
    assert any(f.code == "DEC001" and f.path.endswith("!cert_nño.xml") for f in result.findings)


def test_utf8_name_without_flag_is_accepted(tmp_path: os.PathLike[str]) -> None:
    raw = make_zip([("cert_nXo.xml", VALID)]).replace(b"cert_nXo", "cert_ño".encode()[:8])
    path = write(tmp_path, "lote.zip", raw)
    assert not lot001(run([path]))


def test_zip_bigger_than_limit_is_not_read(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("a.xml", VALID)]))
    (finding,) = lot001(run([path], limits=Limits(max_zip_file_bytes=100)))
    assert finding.path == path


def test_default_certificate_alone_in_a_zip_is_clean(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "lote.zip", make_zip([("cert.xml", VALID)]))
    result = run([path], expected_count=1)
    assert [f for f in result.findings if f.severity.value != "info"] == []
