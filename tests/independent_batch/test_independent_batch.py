"""Zip batches built independently (gen_batch.py) from README rules 9 and 10: valid batches are clean
whatever tool made the zip; each mutation is reported on `lote.zip!member.xml` (or the zip)."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import gen_batch as g  # noqa: E402

from mec_lint.config import Config  # noqa: E402
from mec_lint.engine import Linter  # noqa: E402
from mec_lint.findings import Finding  # noqa: E402

UPLOAD = dt.date(2024, 9, 1)


def run(tmp_path: Path, raw: bytes, name: str = "lote.zip", **config: Any) -> tuple[list[Finding], int, str]:
    path = tmp_path / name
    path.write_bytes(raw)
    result = Linter(Config(upload_date=UPLOAD, jobs=1, **config)).run([str(path)])
    return result.findings, result.exit_code, str(path)


def show(findings: list[Finding]) -> str:
    return "\n".join(f"{f.code} {f.severity} {f.path}:{f.line} {f.message}" for f in findings)


def certs(count: int = 4) -> list[tuple[str, bytes | None]]:
    return [(f"cert_{i + 1:03d}.xml", g.certificate(i)) for i in range(count)]


VALID: dict[str, Any] = {
    "deflate": lambda: g.make_zip(certs()),
    "stored": lambda: g.make_zip(certs(), method=zipfile.ZIP_STORED),
    "utf8-flag-accented-names": lambda: g.make_zip(
        [(f"certificado_{n}.xml", g.certificate(i)) for i, n in enumerate(("García", "Núñez", "Peña"))],
        utf8_flag=True,
    ),
    "utf8-names-without-flag": lambda: g.make_zip(
        [(f"certificado_{n}.xml", g.certificate(i)) for i, n in enumerate(("García", "Núñez"))],
        utf8_flag=False,
    ),
    "upper-case-extension": lambda: g.make_zip(
        [("CERT_001.XML", g.certificate(0)), ("CERT_002.Xml", g.certificate(1))]
    ),
    "same-student-two-carreras": lambda: g.make_zip(
        [
            ("a.xml", g.certificate(0)),
            (
                "b.xml",
                g.certificate(0, {"Dec": {"folioControl": "LOTE-2024-B"}, "Carrera": {"idCarrera": "102"}}),
            ),
        ]
    ),
    "extranjeros-by-numero-control": lambda: g.make_zip(
        [
            (
                f"ext_{i}.xml",
                g.certificate(i, {"Alumno": {"curp": "EXTRANJERO", "numeroControl": f"EXT-{i}"}}),
            )
            for i in range(3)
        ]
    ),
    "two-campuses-two-signers": lambda: g.make_zip(
        [
            ("a.xml", g.certificate(0)),
            ("b.xml", g.certificate(1)),
            ("c.xml", g.second_campus(2)),
            ("d.xml", g.second_campus(3)),
        ]
    ),
    "two-campuses-one-signer": lambda: g.make_zip(
        [("a.xml", g.certificate(0)), ("b.xml", g.second_campus(1, signer_changes=False))]
    ),
    "single-certificate": lambda: g.make_zip(certs(1)),
}


@pytest.mark.parametrize("variant", sorted(VALID))
def test_valid_batch_is_clean(tmp_path: Path, variant: str) -> None:
    raw = VALID[variant]()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        expected = sum(1 for i in archive.infolist() if not i.is_dir())
    findings, exit_code, _ = run(tmp_path, raw, expected_count=expected)
    assert findings == [], show(findings)
    assert exit_code == 0


def test_windows_oem_code_page_names(tmp_path: Path) -> None:
    """Windows' «Enviar a carpeta comprimida» writes accented names in the OEM code page, no UTF-8 flag."""
    raw = g.make_zip(
        [("certificado_García.xml", g.certificate(0)), ("cert_2.xml", g.certificate(1))],
        legacy_encoding="cp850",
    )
    findings, exit_code, _ = run(tmp_path, raw)
    assert all(f.severity.value != "error" for f in findings), show(findings)
    assert exit_code == 0


def one(findings: list[Finding], code: str) -> list[Finding]:
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} missing:\n{show(findings)}"
    return hits


@pytest.mark.parametrize("with_dir_entries", [True, False])
def test_nested_folder(tmp_path: Path, with_dir_entries: bool) -> None:
    members: list[tuple[str, bytes | None]] = [("lote/", None)] if with_dir_entries else []
    members += [(f"lote/{name}", data) for name, data in certs(2)]
    findings, exit_code, path = run(tmp_path, g.make_zip(members))
    hits = one(findings, "LOT002")
    assert {f"{path}!lote/cert_001.xml", f"{path}!lote/cert_002.xml"} <= {f.path for f in hits}, show(hits)
    assert exit_code == 1


def test_windows_backslash_folder(tmp_path: Path) -> None:
    findings, exit_code, _ = run(tmp_path, g.make_zip([("lote\\cert_001.xml", g.certificate(0))]))
    one(findings, "LOT002")
    assert exit_code == 1


@pytest.mark.parametrize(
    "extra",
    ["__MACOSX/._cert_001.xml", ".DS_Store", "lista.pdf", "Thumbs.db", "notas.txt", "cert_003.xml.bak"],
)
def test_not_a_certificate_in_the_zip(tmp_path: Path, extra: str) -> None:
    findings, exit_code, path = run(tmp_path, g.make_zip([*certs(2), (extra, b"\x00\x01junk")]))
    hits = one(findings, "LOT003")
    assert any(f.path in (f"{path}!{extra}", path) and extra.split("/")[0] in f.message for f in hits), show(
        hits
    )
    assert exit_code == 1


def test_macosx_folder_with_dir_entry(tmp_path: Path) -> None:
    members = [*certs(2), ("__MACOSX/", None), ("__MACOSX/._cert_001.xml", b"\x00\x05\x16\x07")]
    findings, exit_code, _ = run(tmp_path, g.make_zip(members))
    one(findings, "LOT003")
    assert not [f for f in findings if f.code.startswith(("XML", "XSD"))], show(findings)
    assert exit_code == 1


def test_duplicated_student_same_carrera(tmp_path: Path) -> None:
    raw = g.make_zip(
        [
            ("a.xml", g.certificate(0)),
            ("b.xml", g.certificate(0, {"Dec": {"folioControl": "X-2"}})),
            ("c.xml", g.certificate(1)),
        ]
    )
    findings, exit_code, path = run(tmp_path, raw)
    hits = one(findings, "LOT005")
    assert {f.path for f in hits} <= {f"{path}!a.xml", f"{path}!b.xml"}
    assert any("a.xml" in f.message for f in hits if f.path.endswith("b.xml")), show(hits)
    assert exit_code == 1


def test_extranjero_same_numero_control(tmp_path: Path) -> None:
    ext = {"Alumno": {"curp": "EXTRANJERO", "numeroControl": "EXT-1"}}
    raw = g.make_zip([("a.xml", g.certificate(0, ext)), ("b.xml", g.certificate(1, ext))])
    findings, exit_code, _ = run(tmp_path, raw)
    one(findings, "LOT005")
    assert exit_code == 1


def test_duplicated_folio_control(tmp_path: Path) -> None:
    raw = g.make_zip(
        [
            ("a.xml", g.certificate(0)),
            ("b.xml", g.certificate(1, {"Dec": {"folioControl": "LOTE-2024-00001"}})),
        ]
    )
    findings, _, path = run(tmp_path, raw)
    hits = one(findings, "LOT006")
    assert any(f.path == f"{path}!b.xml" for f in hits), show(hits)


def test_one_campus_two_signers(tmp_path: Path) -> None:
    # a certificate of campus 150001 moved to campus 090872, keeping its own signer (seal not rechecked)
    other = g.second_campus(4)
    other = other.replace(b'idCampus="150001"', b'idCampus="090872"')
    raw = g.make_zip([("a.xml", g.certificate(0)), ("b.xml", g.certificate(1)), ("c.xml", other)])
    findings, exit_code, path = run(tmp_path, raw, ignore=("SEL",))
    hits = one(findings, "LOT007")
    assert [f.path for f in hits] == [f"{path}!c.xml"] * len(hits), show(hits)
    assert exit_code == 1


def test_mixed_institutions(tmp_path: Path) -> None:
    other = {"Ipes": {"idNombreInstitucion": "20999"}, "ServicioFirmante": {"idEntidad": "20999"}}
    raw = g.make_zip(
        [("a.xml", g.certificate(0)), ("b.xml", g.certificate(1)), ("c.xml", g.certificate(2, other))]
    )
    findings, exit_code, path = run(tmp_path, raw)
    hits = one(findings, "LOT008")
    assert {f.path for f in hits} == {f"{path}!c.xml"}, show(hits)
    assert exit_code == 1


@pytest.mark.parametrize(("expected", "fires"), [(3, False), (2, True), (4, True), (0, True)])
def test_expected_count(tmp_path: Path, expected: int, fires: bool) -> None:
    findings, exit_code, path = run(tmp_path, g.make_zip(certs(3)), expected_count=expected)
    hits = [f for f in findings if f.code == "LOT004"]
    if fires:
        assert [f.path for f in hits] == [path], show(findings)
        assert str(expected) in hits[0].message and "3" in hits[0].message
        assert exit_code == 1
    else:
        assert findings == [], show(findings)


def test_empty_zip(tmp_path: Path) -> None:
    """No folio covers zero certificates (README rule 9: the exact number of the folio)."""
    findings, exit_code, path = run(tmp_path, g.make_zip([]))
    assert [(f.code, f.path) for f in findings] == [("LOT004", path)], show(findings)
    assert "ningún certificado" in findings[0].message
    assert exit_code == 1


def test_empty_zip_with_expected_count_zero_is_what_the_user_asked(tmp_path: Path) -> None:
    findings, _, _ = run(tmp_path, g.make_zip([]), expected_count=0)
    assert findings == [], show(findings)


@pytest.mark.parametrize("members", [[("lote/", None)], [("lista.pdf", b"%PDF-1.4")]])
def test_zip_without_any_certificate(tmp_path: Path, members: list[tuple[str, bytes | None]]) -> None:
    findings, exit_code, path = run(tmp_path, g.make_zip(members))
    assert ("LOT004", path) in [(f.code, f.path) for f in findings], show(findings)
    assert exit_code == 1


def test_streamed_zip_with_data_descriptors(tmp_path: Path) -> None:
    """Zips written to a pipe (Java, PHP streams) carry data descriptors (flag bit 3): still clean."""

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.buffer = io.BytesIO()

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            return self.buffer.write(data)

    pipe = Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in certs(3):
            with archive.open(name, "w") as handle:
                handle.write(data or b"")
    raw = pipe.buffer.getvalue()
    assert all(i.flag_bits & 0x8 for i in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    findings, exit_code, _ = run(tmp_path, raw, expected_count=3)
    assert findings == [], show(findings)
    assert exit_code == 0


def test_folder_batch_same_rules(tmp_path: Path) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    for name, data in [
        ("a.xml", g.certificate(0)),
        ("b.xml", g.certificate(0, {"Dec": {"folioControl": "Z"}})),
    ]:
        (folder / name).write_bytes(data or b"")
    result = Linter(Config(upload_date=UPLOAD, jobs=1, batch_folders=True)).run([str(folder)])
    assert "LOT005" in {f.code for f in result.findings}, show(result.findings)
