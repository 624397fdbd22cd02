"""Independent builder of MEC batch zips (README rules 9 and 10): certificates from
`mec_lint.testing.make_certificate`, zips written with Python's zipfile in the ways real tools do
(deflate or stored, directory entries, Windows-style names, UTF-8 flag or none, macOS debris)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

from mec_lint.testing import make_certificate, make_signer

_DICTIONARY = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
FIRST_NAMES = ("ANA", "LUIS", "SOFÍA", "JORGE", "MARÍA", "RAÚL", "ELENA", "PABLO")
SURNAMES = ("GARCÍA", "LÓPEZ", "MARTÍNEZ", "HERNÁNDEZ", "PÉREZ", "SÁNCHEZ", "RAMÍREZ", "TORRES")
SECOND_SIGNER = {"curp": "SAVT800101MDFNLR04", "number": "00001000000598765432"}


def _check_digit(first17: str) -> str:
    total = sum(_DICTIONARY.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def _plain(text: str) -> str:
    return text.translate(str.maketrans("ÁÉÍÓÚÜ", "AEIOUU"))


def student(i: int) -> dict[str, str]:
    """A student whose CURP agrees with names, birth date and sex (RENAPO check digit)."""
    name = FIRST_NAMES[i % len(FIRST_NAMES)]
    female = name in ("ANA", "SOFÍA", "MARÍA", "ELENA")
    first = SURNAMES[i % len(SURNAMES)]
    second = SURNAMES[(i * 3 + 1) % len(SURNAMES)]
    born = dt.date(1999, 1, 1) + dt.timedelta(days=97 * i)
    p1, p2, n = _plain(first), _plain(second), _plain(name)
    vowel = next((c for c in p1[1:] if c in "AEIOU"), "X")
    inner = [next((c for c in w[1:] if c not in "AEIOU"), "X") for w in (p1, p2, n)]
    head = p1[0] + vowel + p2[0] + n[0] + born.strftime("%y%m%d") + ("M" if female else "H") + "DF"
    first17 = head + "".join(inner) + ("0" if born.year < 2000 else "A")
    return {
        "numeroControl": f"B{2019 + i % 3}-{i:04d}",
        "curp": first17 + _check_digit(first17),
        "nombre": name,
        "primerApellido": first,
        "segundoApellido": second,
        "idGenero": "250" if female else "251",
        "fechaNacimiento": born.isoformat() + "T00:00:00",
    }


def certificate(
    i: int, overrides: Mapping[str, Mapping[str, str]] | None = None, signer: Any = None
) -> bytes:
    values: dict[str, dict[str, str]] = {
        "Dec": {"folioControl": f"LOTE-2024-{i + 1:05d}"},
        "Alumno": student(i),
    }
    for element, attrs in (overrides or {}).items():
        values.setdefault(element, {}).update(attrs)
    return make_certificate(values, signer=signer if signer is not None else make_signer())


def second_campus(i: int, signer_changes: bool = True) -> bytes:
    """A certificate of campus 150001 (Estado de México) signed by its own responsable."""
    overrides: dict[str, dict[str, str]] = {
        "Ipes": {
            "idCampus": "150001",
            "campus": "TOLUCA",
            "idEntidadFederativa": "15",
            "entidadFederativa": "MÉXICO",
        },
        # issued where the campus is, as generators do (otherwise CAT004's info note)
        "Expedicion": {"idLugarExpedicion": "15", "lugarExpedicion": "TOLUCA, MÉX."},
    }
    signer = make_signer()
    if signer_changes:
        overrides["Responsable"] = {
            "curp": SECOND_SIGNER["curp"],
            "nombre": "TERESA",
            "primerApellido": "SANTOS",
            "segundoApellido": "VALDÉS",
        }
        signer = make_signer(
            curp=SECOND_SIGNER["curp"],
            number=SECOND_SIGNER["number"],
            rfc="SAVT800101AB1",
            name="TERESA SANTOS VALDES",
        )
    return certificate(i, overrides, signer)


def make_zip(
    members: Iterable[tuple[str, bytes | None]],
    *,
    method: int = zipfile.ZIP_DEFLATED,
    utf8_flag: bool | None = None,
    legacy_encoding: str | None = None,
) -> bytes:
    """Members (name, data); data None is a directory entry.

    utf8_flag: None lets zipfile decide (flag only for non-ASCII names); False never sets it.
    legacy_encoding: write non-ASCII names in this code page without the flag (old Windows tools)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 8, 20, 10, 30, 0))
            info.compress_type = method if data is not None else zipfile.ZIP_STORED
            if data is None:
                info.external_attr = 0o40755 << 16 | 0x10
            else:
                info.external_attr = 0o100644 << 16
            if utf8_flag is True:
                info.flag_bits |= 0x800
            archive.writestr(info, data if data is not None else b"")
    raw = out.getvalue()
    if legacy_encoding or utf8_flag is False:
        raw = _strip_utf8_flag(raw, legacy_encoding)
    return raw


def _strip_utf8_flag(raw: bytes, encoding: str | None) -> bytes:
    """Rewrite a zip so names are in a legacy code page and the UTF-8 flag (bit 11) is off."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    entries: list[tuple[zipfile.ZipInfo, bytes, bytes, int]] = []
    for info in source.infolist():
        encoded = info.filename.encode(encoding or "utf-8")
        header_offset = out.tell()
        compressed = _raw_member(raw, info)
        flags = info.flag_bits & ~0x800
        local = (
            b"PK\x03\x04"
            + (20).to_bytes(2, "little")
            + flags.to_bytes(2, "little")
            + info.compress_type.to_bytes(2, "little")
            + _dos_time(info)
            + info.CRC.to_bytes(4, "little")
            + info.compress_size.to_bytes(4, "little")
            + info.file_size.to_bytes(4, "little")
            + len(encoded).to_bytes(2, "little")
            + (0).to_bytes(2, "little")
            + encoded
        )
        out.write(local + compressed)
        entries.append((info, encoded, compressed, header_offset))
    central_start = out.tell()
    for info, encoded, _compressed, offset in entries:
        flags = info.flag_bits & ~0x800
        out.write(
            b"PK\x01\x02"
            + (20).to_bytes(2, "little")
            + (20).to_bytes(2, "little")
            + flags.to_bytes(2, "little")
            + info.compress_type.to_bytes(2, "little")
            + _dos_time(info)
            + info.CRC.to_bytes(4, "little")
            + info.compress_size.to_bytes(4, "little")
            + info.file_size.to_bytes(4, "little")
            + len(encoded).to_bytes(2, "little")
            + (0).to_bytes(2, "little") * 3
            + (0).to_bytes(2, "little")  # internal attributes
            + info.external_attr.to_bytes(4, "little")
            + offset.to_bytes(4, "little")
            + encoded
        )
    central_size = out.tell() - central_start
    out.write(
        b"PK\x05\x06"
        + (0).to_bytes(4, "little")
        + len(entries).to_bytes(2, "little") * 2
        + central_size.to_bytes(4, "little")
        + central_start.to_bytes(4, "little")
        + (0).to_bytes(2, "little")
    )
    return out.getvalue()


def _dos_time(info: zipfile.ZipInfo) -> bytes:
    y, mo, d, h, mi, s = info.date_time
    time = (h << 11) | (mi << 5) | (s // 2)
    date = ((y - 1980) << 9) | (mo << 5) | d
    return time.to_bytes(2, "little") + date.to_bytes(2, "little")


def _raw_member(raw: bytes, info: zipfile.ZipInfo) -> bytes:
    offset = info.header_offset
    name_len = int.from_bytes(raw[offset + 26 : offset + 28], "little")
    extra_len = int.from_bytes(raw[offset + 28 : offset + 30], "little")
    start = offset + 30 + name_len + extra_len
    return raw[start : start + info.compress_size]
