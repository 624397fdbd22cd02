"""Read a batch `.zip` as the MEC sees it: in memory, never extracted, every bound enforced.

`scan` lists the members from the central directory and classifies them (certificate, folder,
other file, hidden OS file, unsafe name, encrypted); `read_member` decompresses one member with
a bounded reader that trusts no size written in the headers. Problems come back as data
(`ZipProblem`), never as exceptions, so the engine turns each into a LOT001 finding and goes on
with the other members.
"""

from __future__ import annotations

import contextlib
import io
import re
import stat
import struct
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

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


class Entry(NamedTuple):
    """Where a member lies in the .zip and how it is stored: what reading it needs, taken from the
    central directory the scan checked (a worker process reads the member from these values, never
    from a directory it parsed itself). Much smaller than a `zipfile.ZipInfo`, which is not kept."""

    header_offset: int
    compress_size: int
    file_size: int
    compress_type: int
    flag_bits: int
    crc: int
    orig_filename: str  # the name as stored, checked against the member's local header
    end_offset: int | None = None  # where the next entry starts (Python ≥ 3.12 checks overlaps)


def entry_of(info: zipfile.ZipInfo) -> Entry:
    return Entry(
        info.header_offset,
        info.compress_size,
        info.file_size,
        info.compress_type,
        info.flag_bits,
        info.CRC,
        info.orig_filename,
        getattr(info, "_end_offset", None),
    )


@dataclass(slots=True)  # one per zip member
class Member:
    name: str  # as shown to the user (decoded)
    kind: str  # xml | dir | other | os | refused
    entry: Entry | None = None  # None once the member was handed over for reading
    problems: Sequence[ZipProblem] = ()  # a shared empty tuple for most members (no list each)

    @property
    def readable(self) -> bool:
        return self.kind == "xml" and not any(p.kind in REFUSING for p in self.problems)


# Problems after which the member is not read (a non-UTF-8 name is reported, the content still checked).
REFUSING = frozenset({"unsafe_name", "encrypted", "too_big", "ratio", "ratio_total"})


@dataclass
class ZipScan:
    account: ZipBudget  # the bounds of the zip as a whole, settled member by member
    members: list[Member] = field(default_factory=list)
    problems: list[ZipProblem] = field(default_factory=list)  # about the zip as a whole
    handle: IO[bytes] | None = None  # the file the zip is read from (closed by close())
    file_size: int | None = None  # bytes of the .zip itself: no member can have read more

    @property
    def certificates(self) -> list[Member]:
        return [m for m in self.members if m.kind == "xml"]

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def scan(handle: IO[bytes], limits: Limits) -> ZipScan:
    """Open the zip (central directory only) and classify every member; never raises."""
    result = ZipScan(ZipBudget(limits, None), handle=handle)
    problem = check_directory(handle, limits)
    if problem is not None:
        result.problems.append(problem)
        return result
    result.file_size = result.account.file_size = _size_of(handle)
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
    # Members are read from their entries (`read_entry`): zipfile's ZipInfo objects are not kept,
    # and each is let go as soon as its member is made (a batch's peak memory is the directory once).
    archive.NameToInfo.clear()
    infos.reverse()  # `infos` is the archive's own list: emptied from its end, in directory order
    members: list[Member] = []
    while infos:
        members.append(_classify(infos.pop(), limits))
    result.members = _refuse_repeated_names(members)
    result.members.sort(key=lambda m: m.name)
    archive.close()  # the handle stays open (zipfile does not close a file it was given)
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
            member.problems = [
                *member.problems,
                ZipProblem("repeated_name", member=member.name, value=member.name),
            ]
        seen.add(member.name)
    return members


def _classify(info: zipfile.ZipInfo, limits: Limits) -> Member:
    name = _decode_name(info)
    parts = [p for p in re.split(r"[/\\]", name) if p]
    lowered = [p.lower() for p in parts]
    problems: list[ZipProblem] = []
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        problems.append(ZipProblem("unsafe_name", member=name, value=name))
        return Member(name, "refused", None, problems)
    if (
        not lowered
        or any(p in OS_FOLDERS for p in lowered)
        or lowered[-1] in OS_FILES
        or lowered[-1].startswith("._")
    ):
        return Member(name, "os")
    if info.is_dir() or name.endswith(("/", "\\")):
        return Member(name, "dir")
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return Member(name, "other")  # a link inside a zip is never followed
    if not lowered[-1].endswith(".xml"):
        return Member(name, "other")
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
    return Member(name, "xml", entry_of(info), problems or ())


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
    """Decompress one member, counting the bytes actually produced (headers may lie): the member's
    own bounds (`read_entry`), then the whole zip's (`ZipBudget.settle`)."""
    entry = member.entry
    if scan_result.handle is None or entry is None:
        return ZipProblem("corrupt", member=member.name, reason="el archivo .zip ya no está abierto")
    if scan_result.account.stopped:
        return ZipProblem("skipped", member=member.name)
    raw, read = read_entry(scan_result.handle, entry, member.name, scan_result.file_size, limits)
    problem = scan_result.account.settle(entry, member.name, read)
    if problem is not None:
        return problem
    assert raw is not None
    return raw


class MemberRead(NamedTuple):  # crosses from the worker with the results: small, picklable
    """How reading one member ended, for `ZipBudget.settle`: `produced` bytes passed the reader's
    checks (the chunk that crossed a bound included; a chunk whose read raised not); `problem` is
    the member's own problem, None when it was read whole."""

    produced: int
    problem: ZipProblem | None = None


def read_entry(
    handle: IO[bytes], entry: Entry, name: str, file_size: int | None, limits: Limits
) -> tuple[bytes | None, MemberRead]:
    """Inflate one member through the bounded reader with the bounds of the member alone (the
    Stored/Deflate methods, `limits.max_file_bytes`, `limits.max_zip_ratio` against its real
    compressed size). Safe to run in any process: the bounds of the zip as a whole are applied
    afterwards, in member order, by `ZipBudget.settle`. Never raises."""
    compressed_size = _real_compressed(entry.compress_size, file_size)
    ratio_limit = compressed_size * limits.max_zip_ratio
    cap = limits.max_file_bytes
    chunks: list[bytes] = []
    total = 0
    try:
        with open_entry(handle, entry, name=name) as stream:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > cap or (total > limits.zip_ratio_min_bytes and total > ratio_limit):
                    return None, MemberRead(total)  # settle() names the bound (it checks them all)
                chunks.append(chunk)
    except MemberRefused as exc:
        return None, MemberRead(total, exc.problem)
    except NotImplementedError as exc:  # e.g. deflate64, bzip2 variants zipfile lacks
        return None, MemberRead(total, ZipProblem("method", member=name, reason=explain_zip_error(exc)))
    except RuntimeError as exc:  # encrypted without the flag in the central directory
        return None, MemberRead(total, ZipProblem("encrypted", member=name, reason=explain_zip_error(exc)))
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, OSError… and any other surprise
        return None, MemberRead(
            total, ZipProblem("corrupt_member", member=name, reason=explain_zip_error(exc))
        )
    return b"".join(chunks), MemberRead(total)


@dataclass
class ZipBudget:
    """The bounds of a zip as a whole (`limits.max_zip_total_bytes`, and `limits.max_zip_ratio` over
    every member read so far), applied member by member **in name order** whichever process read
    the members: the outcome is the one a single reader going through the zip in order gets."""

    limits: Limits
    file_size: int | None  # bytes of the .zip itself
    budget: int = 0  # uncompressed bytes still allowed
    stopped: bool = False  # a whole-zip bound was crossed: later members are not read
    unzipped: int = 0  # bytes produced by the members read whole
    compressed: int = 0  # their compressed sizes

    def __post_init__(self) -> None:
        self.budget = self.limits.max_zip_total_bytes

    def settle(self, entry: Entry, name: str, read: MemberRead | None) -> ZipProblem | None:
        """The problem of this member, or None when it counts as read (then its bytes are spent).
        The reader reads in chunks of exactly `CHUNK` bytes (the last one shorter) and checks every
        bound after each chunk: the same checks are replayed here at the same chunk boundaries, with
        the zip's state before this member. `read` None: nothing is known (the worker died)."""
        if self.stopped:
            return ZipProblem("skipped", member=name)
        if read is None:
            return None
        limits = self.limits
        compressed_size = _real_compressed(entry.compress_size, self.file_size)
        ratio_limit = compressed_size * limits.max_zip_ratio
        cap = min(limits.max_file_bytes, self.budget)
        compressed = self.compressed + compressed_size
        if self.file_size is not None:
            compressed = min(compressed, max(self.file_size, 1))
        for total in _boundaries(read.produced):
            if total > cap:
                return self._over_cap(name, total)
            if total > limits.zip_ratio_min_bytes and total > ratio_limit:
                return ZipProblem(
                    "ratio",
                    member=name,
                    value=_ratio_text(total, compressed_size) + "+",
                    expected=f"{limits.max_zip_ratio:g}",
                )
            # The same ratio over the whole zip: many small bombs are one big bomb.
            grand = self.unzipped + total
            if grand > limits.zip_ratio_min_bytes and grand > compressed * limits.max_zip_ratio:
                self.stopped = True
                return ZipProblem(
                    "ratio_total",
                    member=name,
                    value=_ratio_text(grand, compressed) + "+",
                    expected=f"{limits.max_zip_ratio:g}",
                )
        if read.problem is not None:
            return read.problem
        self.budget -= read.produced
        self.unzipped += read.produced
        self.compressed += compressed_size
        return None

    def _over_cap(self, name: str, total: int) -> ZipProblem:
        limits = self.limits
        if self.budget < limits.max_file_bytes and total > self.budget:
            self.stopped = True
            return ZipProblem(
                "total_size",
                member=name,
                value=f"más de {limits.max_zip_total_bytes}",
                expected=str(limits.max_zip_total_bytes),
            )
        return ZipProblem(
            "too_big",
            member=name,
            value=f"más de {limits.max_file_bytes}",
            expected=str(limits.max_file_bytes),
        )


def _boundaries(produced: int) -> Iterator[int]:
    """The running totals after each chunk of a read that produced `produced` bytes."""
    yield from range(CHUNK, produced + 1, CHUNK)
    if produced % CHUNK:
        yield produced


def _real_compressed(compress_size: int, file_size: int | None) -> int:
    size = max(compress_size, 1)
    return min(size, max(file_size, 1)) if file_size is not None else size


# -- the one bounded way to inflate a member (batch zips and workbook parts alike) ----------------
# Only these methods are inflated: zipfile's bzip2 and LZMA readers decompress a whole compressed
# block per read with no cap on the output (a 5 KB member can produce gigabytes before any count
# sees it). Windows' «Enviar a carpeta comprimida», 7-Zip's default .zip settings and Excel all
# write Deflate (or Stored); anything else is refused with a finding, never decompressed.
SAFE_METHODS = {zipfile.ZIP_STORED: "Stored", zipfile.ZIP_DEFLATED: "Deflate"}
METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES"}


class MemberRefused(Exception):
    """A member that is not inflated (unsafe method) or produced more than its cap."""

    def __init__(self, problem: ZipProblem) -> None:
        super().__init__(problem.kind)
        self.problem = problem


class BoundedMember(io.RawIOBase):
    """A zip member's decompressed bytes that never yields more than `cap` bytes: past it, `read`
    raises `MemberRefused` ("too_big"), whatever the member's headers say. Reads go through
    zipfile's own reader in chunks of at most `CHUNK` bytes (Deflate inflates with a bound on the
    output of each call), so no single read can balloon."""

    def __init__(self, stream: IO[bytes], cap: int | None, name: str) -> None:
        super().__init__()
        self._stream = stream
        self._cap = cap
        self._name = name
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._stream.read(min(len(view), CHUNK))
        self.produced += len(data)
        if self._cap is not None and self.produced > self._cap:
            raise MemberRefused(
                ZipProblem("too_big", member=self._name, value=f"más de {self._cap}", expected=str(self._cap))
            )
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


def open_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int | None = None, *, name: str | None = None
) -> BoundedMember:
    """Open `info` for reading through the bounded reader; an unsafe compression method raises
    `MemberRefused` ("method") before a byte is inflated. `cap`: most decompressed bytes allowed."""
    shown = name if name is not None else info.filename
    _refuse_unsafe_method(info.compress_type, shown)
    return BoundedMember(archive.open(info), cap, shown)


def _refuse_unsafe_method(compress_type: int, shown: str) -> None:
    if compress_type not in SAFE_METHODS:
        method = METHOD_NAMES.get(compress_type, f"método {compress_type}")
        raise MemberRefused(
            ZipProblem(
                "method",
                member=shown,
                value=method,
                reason=f"{method}; por seguridad mec-lint solo descomprime Deflate y Stored",
            )
        )


# The local file header that precedes a member's data (APPNOTE 4.3.7), as zipfile reads it.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"


def open_entry(handle: IO[bytes], entry: Entry, cap: int | None = None, *, name: str) -> BoundedMember:
    """`open_member` for a member known by its `Entry` (checked by `scan`), read from `handle`
    without parsing the central directory again: what `zipfile.ZipFile.open` does (local header,
    name, flags, overlap), then the same bounded reader. Workers use it to read their members."""
    _refuse_unsafe_method(entry.compress_type, name)
    handle.seek(entry.header_offset)
    header = handle.read(_LOCAL.size)
    if len(header) != _LOCAL.size:
        raise zipfile.BadZipFile("Truncated file header")
    fields = _LOCAL.unpack(header)
    if fields[0] != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile("Bad magic number for file header")
    stored_name = handle.read(fields[10])
    if fields[11]:
        handle.read(fields[11])  # extra field
    if entry.flag_bits & 0x20:
        raise NotImplementedError("compressed patched data (flag bit 5)")
    if entry.flag_bits & 0x40:
        raise NotImplementedError("strong encryption (flag bit 6)")
    decoded = stored_name.decode("utf-8" if fields[3] & 0x800 else "cp437")
    if decoded != entry.orig_filename:
        raise zipfile.BadZipFile(
            f"File name in directory {entry.orig_filename!r} and header {stored_name!r} differ."
        )
    if entry.end_offset is not None and handle.tell() + entry.compress_size > entry.end_offset:
        raise zipfile.BadZipFile(f"Overlapped entries: {entry.orig_filename!r} (possible zip bomb)")
    if entry.flag_bits & 0x1:
        raise RuntimeError(f"File {entry.orig_filename!r} is encrypted, password required for extraction")
    info = zipfile.ZipInfo(entry.orig_filename)
    info.compress_type = entry.compress_type
    info.compress_size = entry.compress_size
    info.file_size = entry.file_size
    info.flag_bits = entry.flag_bits
    info.CRC = entry.crc
    stream = zipfile.ZipExtFile(handle, "r", info, None, False)
    return BoundedMember(stream, cap, name)  # type: ignore[arg-type]


def read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes, at most `cap` of them (else `MemberRefused`), whatever its headers say."""
    chunks: list[bytes] = []
    with open_member(archive, info, cap) as stream:
        while chunk := stream.read(CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


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


# Bytes of central directory allowed per permitted entry (a real entry: 46 bytes, a name of a few
# dozen and some timestamps in the extra field, about 150 bytes). zipfile reads the whole directory
# into memory and builds an object per entry, whatever count the end record gives: this is checked
# first, and the entries are counted while walking it, stopping one past the limit.
DIRECTORY_BYTES_PER_ENTRY = 4096
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\x01\x02"


def check_directory(handle: IO[bytes], limits: Limits) -> ZipProblem | None:
    """Refuse, before zipfile parses it, a central directory with more entries than
    `limits.max_zip_members` (whatever the end record says) or more bytes than they could need.
    Reads at most the directory's bytes (bounded), one entry header at a time; never raises.
    A file that is not a zip at all returns None: zipfile says so next."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:
        return None
    try:
        handle.seek(0)
        data = end_record(handle)
        file_size = handle.seek(0, 2)
        handle.seek(0)
    except Exception:
        return None
    if not data:
        return None
    try:
        declared, size_cd, location = int(data[4]), int(data[5]), int(data[9])
        zip64 = data[0] == b"PK\x06\x06"
    except (IndexError, TypeError, ValueError):
        return None
    most = limits.max_zip_members
    if declared > most:
        return ZipProblem("too_many", value=str(declared), expected=str(most))
    if size_cd > max(most, 1) * DIRECTORY_BYTES_PER_ENTRY or size_cd > file_size:
        return ZipProblem(
            "corrupt",
            reason=f"su directorio central declara {size_cd} bytes, más de lo que {most} elementos "
            "(limits.max-zip-members) pueden ocupar",
        )
    start = location - size_cd  # where zipfile will look (it allows data prepended to the zip)
    if zip64:
        start -= 56 + 20  # zip64 end record and locator
    if start < 0:
        return None  # zipfile reports the bad offset
    return _count_entries(handle, start, size_cd, most)


def declared_members(handle: IO[bytes]) -> int:
    """How many entries the zip's end record declares (0 when it has none or cannot be read).
    An estimate only, never trusted: reads the end of the file (at most the 64 KiB comment)."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:
        return 0
    try:
        data = end_record(handle)
        return max(0, int(data[4])) if data else 0
    except Exception:  # a hostile end record: the scan says what is wrong with it
        return 0


def _count_entries(handle: IO[bytes], start: int, size_cd: int, most: int) -> ZipProblem | None:
    count = 0
    position = 0
    try:
        handle.seek(start)
        while position < size_cd:
            header = handle.read(_CENTRAL.size)
            if len(header) < _CENTRAL.size:
                return None  # truncated: zipfile reports it
            fields = _CENTRAL.unpack(header)
            if fields[0] != _CENTRAL_SIGNATURE:
                return None  # not an entry: zipfile reports it
            skip = fields[12] + fields[13] + fields[14]  # name, extra field, comment
            handle.seek(skip, 1)
            position += _CENTRAL.size + skip
            count += 1
            if count > most:
                return ZipProblem("too_many", value=f"más de {most}", expected=str(most))
    except (OSError, ValueError, struct.error):
        return None
    finally:
        with contextlib.suppress(OSError, ValueError):
            handle.seek(0)
    return None


def _size_of(handle: IO[bytes]) -> int | None:
    try:
        size = handle.seek(0, 2)
        handle.seek(0)
    except (OSError, ValueError):
        return None
    return size
