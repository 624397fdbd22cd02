"""Read a batch `.zip` as the MEC sees it: in memory, never extracted, every bound enforced.

`scan` lists the members from the central directory and classifies them (certificate, folder,
other file, hidden OS file, unsafe name, encrypted); `read_member` decompresses one member with
a bounded reader that trusts no size written in the headers. Problems come back as data
(`ZipProblem`), never as exceptions, so the engine turns each into a LOT001 finding and goes on
with the other members.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from mec_lint.config import Limits

CHUNK = 64 * 1024
# Hidden files that operating systems add when a folder is compressed.
OS_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".localized"})
OS_FOLDERS = frozenset({"__macosx", ".spotlight-v100", ".trashes", ".fseventsd"})
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipProblem:
    """Why a zip or one of its members was refused (a LOT001 message id plus its data)."""

    kind: str  # message id of LOT001
    member: str | None = None  # the member's name, None for the zip as a whole
    value: str | None = None
    expected: str | None = None
    reason: str = ""


@dataclass
class Member:
    name: str  # as shown to the user (decoded)
    kind: str  # xml | dir | other | os | refused
    info: zipfile.ZipInfo | None = None
    problems: list[ZipProblem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.kind == "xml" and not any(p.kind in REFUSING for p in self.problems)


# Problems after which the member is not read (a non-UTF-8 name is reported, the content still checked).
REFUSING = frozenset({"unsafe_name", "encrypted", "too_big", "ratio", "ratio_total"})


@dataclass
class ZipScan:
    members: list[Member] = field(default_factory=list)
    problems: list[ZipProblem] = field(default_factory=list)  # about the zip as a whole
    archive: zipfile.ZipFile | None = None  # open while members are read; close() when done
    budget: int = 0  # uncompressed bytes still allowed (limits.max_zip_total_bytes)
    stopped: bool = False  # the total budget ran out: later members are not read
    unzipped: int = 0  # bytes produced so far by the members read (the whole-zip ratio)
    compressed: int = 0  # their compressed sizes
    handle: IO[bytes] | None = None  # the file the zip is read from (closed by close())

    @property
    def certificates(self) -> list[Member]:
        return [m for m in self.members if m.kind == "xml"]

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def scan(handle: IO[bytes], limits: Limits) -> ZipScan:
    """Open the zip (central directory only) and classify every member; never raises."""
    result = ZipScan(budget=limits.max_zip_total_bytes, handle=handle)
    declared = _declared_entries(handle)
    if declared is not None and declared > limits.max_zip_members:
        result.problems.append(
            ZipProblem("too_many", value=str(declared), expected=str(limits.max_zip_members))
        )
        return result
    try:
        archive = zipfile.ZipFile(handle)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        result.problems.append(ZipProblem("corrupt", reason=explain_zip_error(exc)))
        return result
    except Exception as exc:  # any other surprise in a hostile central directory
        result.problems.append(ZipProblem("corrupt", reason=explain_zip_error(exc)))
        return result
    if len(infos) > limits.max_zip_members:
        archive.close()
        result.problems.append(
            ZipProblem("too_many", value=str(len(infos)), expected=str(limits.max_zip_members))
        )
        return result
    declared_total = sum(info.file_size for info in infos)
    if declared_total > limits.max_zip_total_bytes:
        archive.close()
        result.problems.append(
            ZipProblem("total_size", value=str(declared_total), expected=str(limits.max_zip_total_bytes))
        )
        return result
    result.archive = archive
    result.members = _refuse_repeated_names([_classify(info, limits) for info in infos])
    result.members.sort(key=lambda m: m.name)
    return result


def _refuse_repeated_names(members: list[Member]) -> list[Member]:
    """A name already used by an earlier entry: unzipping keeps only one of them, so the batch does
    not hold what its entries say (nor the folio's count). Reported; only the first entry is read."""
    seen: set[str] = set()
    for member in members:
        if member.kind in ("dir", "os"):
            continue
        if member.name in seen:
            member.kind = "refused"
            member.problems.append(ZipProblem("repeated_name", member=member.name, value=member.name))
        seen.add(member.name)
    return members


def _classify(info: zipfile.ZipInfo, limits: Limits) -> Member:
    name = _decode_name(info)
    parts = [p for p in re.split(r"[/\\]", name) if p]
    lowered = [p.lower() for p in parts]
    problems: list[ZipProblem] = []
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        problems.append(ZipProblem("unsafe_name", member=name, value=name))
        return Member(name, "refused", info, problems)
    if (
        not lowered
        or any(p in OS_FOLDERS for p in lowered)
        or lowered[-1] in OS_FILES
        or lowered[-1].startswith("._")
    ):
        return Member(name, "os", info, problems)
    if info.is_dir() or name.endswith(("/", "\\")):
        return Member(name, "dir", info, problems)
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return Member(name, "other", info, problems)  # a link inside a zip is never followed
    if not lowered[-1].endswith(".xml"):
        return Member(name, "other", info, problems)
    if info.flag_bits & 0x1:
        problems.append(ZipProblem("encrypted", member=name))
    elif info.file_size > limits.max_file_bytes:
        problems.append(
            ZipProblem("too_big", member=name, value=str(info.file_size), expected=str(limits.max_file_bytes))
        )
    elif _over_ratio(info.file_size, info.compress_size, limits):
        problems.append(
            ZipProblem(
                "ratio",
                member=name,
                value=_ratio_text(info.file_size, info.compress_size),
                expected=f"{limits.max_zip_ratio:g}",
            )
        )
    return Member(name, "xml", info, problems)


def _decode_name(info: zipfile.ZipInfo) -> str:
    """The member name as the user sees it. Names are never a finding: the spec (FAQ, README rule 9)
    says nothing about member names, and Windows' «Enviar a carpeta comprimida» writes accented
    names in the OEM code page without the UTF-8 flag, so a valid batch made on Windows has them."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name  # flagged UTF-8; zipfile already decoded it
    try:
        original = name.encode("cp437")  # zipfile decodes unflagged names as cp437
    except UnicodeEncodeError:
        return name
    if original.isascii():
        return name
    try:
        return original.decode("utf-8")  # UTF-8 without the flag (Info-ZIP, 7-Zip on Linux/macOS)
    except UnicodeDecodeError:
        return original.decode("cp850", "replace")  # Windows' compressed folders: OEM code page


def read_member(scan_result: ZipScan, member: Member, limits: Limits) -> bytes | ZipProblem:
    """Decompress one member, counting the bytes actually produced (headers may lie)."""
    archive = scan_result.archive
    info = member.info
    if archive is None or info is None:
        return ZipProblem("corrupt", member=member.name, reason="el archivo .zip ya no está abierto")
    if scan_result.stopped:
        return ZipProblem("skipped", member=member.name)
    cap = min(limits.max_file_bytes, scan_result.budget)
    ratio_limit = max(info.compress_size, 1) * limits.max_zip_ratio
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > cap:
                    return _over_cap(scan_result, member, total, limits)
                if total > limits.zip_ratio_min_bytes and total > ratio_limit:
                    return ZipProblem(
                        "ratio",
                        member=member.name,
                        value=_ratio_text(total, info.compress_size) + "+",
                        expected=f"{limits.max_zip_ratio:g}",
                    )
                # The same ratio over the whole zip: many small bombs are one big bomb.
                grand = scan_result.unzipped + total
                compressed = scan_result.compressed + max(info.compress_size, 1)
                if grand > limits.zip_ratio_min_bytes and grand > compressed * limits.max_zip_ratio:
                    scan_result.stopped = True
                    return ZipProblem(
                        "ratio_total",
                        member=member.name,
                        value=_ratio_text(grand, compressed) + "+",
                        expected=f"{limits.max_zip_ratio:g}",
                    )
                chunks.append(chunk)
    except NotImplementedError as exc:  # e.g. deflate64, bzip2 variants zipfile lacks
        return ZipProblem("method", member=member.name, reason=explain_zip_error(exc))
    except RuntimeError as exc:  # encrypted without the flag in the central directory
        return ZipProblem("encrypted", member=member.name, reason=explain_zip_error(exc))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        return ZipProblem("corrupt_member", member=member.name, reason=explain_zip_error(exc))
    except Exception as exc:
        return ZipProblem("corrupt_member", member=member.name, reason=explain_zip_error(exc))
    scan_result.budget -= total
    scan_result.unzipped += total
    scan_result.compressed += max(info.compress_size, 1)
    return b"".join(chunks)


def _over_cap(scan_result: ZipScan, member: Member, total: int, limits: Limits) -> ZipProblem:
    if scan_result.budget < limits.max_file_bytes and total > scan_result.budget:
        scan_result.stopped = True
        return ZipProblem(
            "total_size",
            member=member.name,
            value=f"más de {limits.max_zip_total_bytes}",
            expected=str(limits.max_zip_total_bytes),
        )
    return ZipProblem(
        "too_big",
        member=member.name,
        value=f"más de {limits.max_file_bytes}",
        expected=str(limits.max_file_bytes),
    )


def iter_readable(scan_result: ZipScan) -> Iterator[Member]:
    return (m for m in scan_result.members if m.readable)


def _over_ratio(size: int, compressed: int, limits: Limits) -> bool:
    return size > limits.zip_ratio_min_bytes and size > max(compressed, 1) * limits.max_zip_ratio


def _ratio_text(size: int, compressed: int) -> str:
    return f"{size / max(compressed, 1):.0f}"


# zipfile's and zlib's messages, in Spanish (the exception type stays, for a bug report).
_ZIP_ERRORS_ES: tuple[tuple[str, str], ...] = (
    ("File is not a zip file", "no tiene la estructura de un .zip"),
    ("Bad magic number", "el encabezado de un archivo interno está dañado"),
    ("Bad CRC-32", "el contenido no coincide con su suma de verificación (CRC): está dañado"),
    ("Truncated file header", "el archivo está cortado (incompleto)"),
    ("Truncated", "el archivo está cortado (incompleto)"),
    ("compression method is not supported", "usa un método de compresión no soportado"),
    ("password required", "está cifrado: requiere contraseña"),
    ("encrypted", "está cifrado"),
    ("while decompressing data", "los datos comprimidos están dañados"),
    ("Corrupt extra field", "un campo extra del encabezado está dañado"),
    ("Overlapped entries", "tiene entradas superpuestas (posible bomba zip)"),
)


def explain_zip_error(exc: BaseException) -> str:
    """What went wrong reading a zip (or an .xlsx, which is a zip), in Spanish."""
    text = str(exc).strip()
    for needle, spanish in _ZIP_ERRORS_ES:
        if needle.lower() in text.lower():
            return f"{spanish} ({type(exc).__name__})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _declared_entries(handle: IO[bytes]) -> int | None:
    """Entry count from the end-of-central-directory record, before zipfile builds every ZipInfo."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:
        return None
    try:
        handle.seek(0)
        data = end_record(handle)
        handle.seek(0)
    except Exception:
        return None
    if not data:
        return None  # not a zip at all: zipfile says so next
    try:
        return int(data[4])  # _ECD_ENTRIES_TOTAL (zip64 values are already resolved)
    except (IndexError, TypeError, ValueError):
        return None
