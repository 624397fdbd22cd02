"""The common shape of a signer's certificate read without cryptography (issue #14, cold start).

cryptography's X.509 loader imports the whole `cryptography.x509` package (≈ 35 ms of CPU, more
than Python, lxml and the XSD together). An e.firma `.cer` has one plain shape: X.509 v3, an RSA
key, single-valued names in PrintableString/UTF8String/IA5String, UTCTime validity. `read`
takes exactly that shape, strict DER, and returns what mec_lint.certificate needs; anything else
— another version, time or string type, a non-minimal length or integer, a multi-valued name, an
ECDSA key, an unusual algorithm, trailing bytes — is None, and cryptography reads the certificate
as before. So every certificate read here is one cryptography reads too, with the same values
(tests/test_der_certificate.py compares the two on generated and mutated certificates).

`verify_sha256` checks an RSASSA-PKCS1-v1_5 SHA-256 signature (RFC 8017 §8.2.2: the encoded
message is rebuilt and compared whole, as OpenSSL does).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

RSA_ENCRYPTION = bytes.fromhex("300d06092a864886f70d0101010500")
# sha1/sha256/sha384/sha512 WithRSAEncryption, NULL parameters
SIGNATURE_ALGORITHMS = frozenset(
    bytes.fromhex(f"300d06092a864886f70d0101{last:02x}0500") for last in (0x05, 0x0B, 0x0C, 0x0D)
)
VERSION_3 = bytes.fromhex("a003020102")
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")
PRINTABLE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")
COUNTRY_OIDS = frozenset({"2.5.4.6", "1.3.6.1.4.1.311.60.2.1.3"})


class DerCertificate:
    """What mec_lint.certificate needs (a plain class: a dataclass costs start-up time)."""

    __slots__ = ("serial", "not_before", "not_after", "subject", "spki", "modulus", "exponent")

    def __init__(
        self,
        serial: int,
        not_before: dt.datetime,
        not_after: dt.datetime,
        subject: tuple[tuple[str, str], ...],  # (dotted OID, value) in order
        spki: bytes,  # SubjectPublicKeyInfo, DER
        modulus: int,
        exponent: int,
    ) -> None:
        self.serial = serial
        self.not_before = not_before
        self.not_after = not_after
        self.subject = subject
        self.spki = spki
        self.modulus = modulus
        self.exponent = exponent


class _Unread(Exception):
    """Not the plain shape: cryptography decides."""


def _element(data: bytes, position: int, end: int, tag: int) -> tuple[int, int]:
    """(start, end) of the contents of the element of `tag` at `position` (strict DER lengths)."""
    if position + 2 > end or data[position] != tag:
        raise _Unread
    first = data[position + 1]
    start = position + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 3 or start + count > end or data[start] == 0:
            raise _Unread  # indefinite, huge, or not minimal
        length = int.from_bytes(data[start : start + count], "big")
        start += count
        if length < 0x80:
            raise _Unread
    if start + length > end:
        raise _Unread
    return start, start + length


def _positive_integer(data: bytes, start: int, end: int) -> int:
    if start == end or data[start] & 0x80:
        raise _Unread  # empty, or negative
    if end - start > 1 and data[start] == 0 and not data[start + 1] & 0x80:
        raise _Unread  # not minimal
    value = int.from_bytes(data[start:end], "big")
    if value == 0:
        raise _Unread
    return value


def _oid(data: bytes, start: int, end: int) -> str:
    if not 0 < end - start <= 32 or data[end - 1] & 0x80:
        raise _Unread
    arcs: list[int] = []
    value = 0
    fresh = True
    for byte in data[start:end]:
        if fresh and byte == 0x80:
            raise _Unread  # a leading zero group
        value = (value << 7) | (byte & 0x7F)
        fresh = not byte & 0x80
        if fresh:
            if value >= 1 << 32:
                raise _Unread
            arcs.append(value)
            value = 0
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(arc) for arc in (*head, *arcs[1:]))


def _string(data: bytes, start: int, end: int, tag: int) -> str:
    raw = data[start:end]
    try:
        if tag == 0x13:  # PrintableString
            if not PRINTABLE.issuperset(raw):
                raise _Unread
            return raw.decode("ascii")
        if tag == 0x16:  # IA5String
            return raw.decode("ascii")
        if tag == 0x0C:  # UTF8String
            return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unread from None
    raise _Unread  # another string type


def _name(data: bytes, start: int, end: int) -> tuple[tuple[str, str], ...]:
    attributes = []
    position = start
    while position < end:
        set_start, set_end = _element(data, position, end, 0x31)
        pair_start, pair_end = _element(data, set_start, set_end, 0x30)
        if pair_end != set_end:
            raise _Unread  # a multi-valued name: cryptography orders and reads it
        oid_start, oid_end = _element(data, pair_start, pair_end, 0x06)
        oid = _oid(data, oid_start, oid_end)
        if oid_end + 2 > pair_end:
            raise _Unread
        tag = data[oid_end]
        value_start, value_end = _element(data, oid_end, pair_end, tag)
        if value_end != pair_end:
            raise _Unread
        value = _string(data, value_start, value_end, tag)
        if oid in COUNTRY_OIDS and len(value.encode("utf-8")) != 2:
            raise _Unread  # cryptography warns about it
        attributes.append((oid, value))
        position = set_end
    return tuple(attributes)


def _utc_time(data: bytes, start: int, end: int) -> dt.datetime:
    text = data[start:end]
    if len(text) != 13 or text[12:] != b"Z" or not text[:12].isdigit():
        raise _Unread
    year = int(text[0:2])
    try:
        return dt.datetime(
            year + (1900 if year >= 50 else 2000),
            int(text[2:4]),
            int(text[4:6]),
            int(text[6:8]),
            int(text[8:10]),
            int(text[10:12]),
            tzinfo=dt.timezone.utc,
        )
    except ValueError:
        raise _Unread from None


def _extensions(data: bytes, start: int, end: int) -> None:
    """Each Extension well formed (cryptography reads their values only when asked)."""
    if start == end:
        raise _Unread
    position = start
    while position < end:
        ext_start, ext_end = _element(data, position, end, 0x30)
        oid_start, oid_end = _element(data, ext_start, ext_end, 0x06)
        _oid(data, oid_start, oid_end)
        inner = oid_end
        if inner < ext_end and data[inner] == 0x01:  # critical: only TRUE is DER (FALSE is the default)
            bool_start, bool_end = _element(data, inner, ext_end, 0x01)
            if data[bool_start:bool_end] != b"\xff":
                raise _Unread
            inner = bool_end
        _, value_end = _element(data, inner, ext_end, 0x04)
        if value_end != ext_end:
            raise _Unread
        position = ext_end


def _algorithm(data: bytes, position: int, end: int, allowed: frozenset[bytes]) -> int:
    _, stop = _element(data, position, end, 0x30)
    if data[position:stop] not in allowed:
        raise _Unread
    return stop


def _rsa_key(data: bytes, position: int, end: int) -> tuple[bytes, int, int, int]:
    """(SPKI bytes, modulus, exponent, end) of an RSA SubjectPublicKeyInfo."""
    spki_start, spki_end = _element(data, position, end, 0x30)
    inner = _algorithm(data, spki_start, spki_end, frozenset({RSA_ENCRYPTION}))
    bits_start, bits_end = _element(data, inner, spki_end, 0x03)
    if bits_end != spki_end or bits_start == bits_end or data[bits_start] != 0:
        raise _Unread
    key_start, key_end = _element(data, bits_start + 1, bits_end, 0x30)
    if key_end != bits_end:
        raise _Unread
    n_start, n_end = _element(data, key_start, key_end, 0x02)
    e_start, e_end = _element(data, n_end, key_end, 0x02)
    if e_end != key_end:
        raise _Unread
    modulus = _positive_integer(data, n_start, n_end)
    exponent = _positive_integer(data, e_start, e_end)
    if not 1024 <= modulus.bit_length() <= 4096 or not modulus & 1:
        raise _Unread
    if not 3 <= exponent < 1 << 32 or not exponent & 1:
        raise _Unread
    return data[position:spki_end], modulus, exponent, spki_end


def read(der: bytes) -> DerCertificate | None:
    """The certificate's values when it has the plain shape; None: cryptography reads it."""
    try:
        return _read(der)
    except (_Unread, IndexError, ValueError):
        return None


def _read(data: bytes) -> DerCertificate:
    size = len(data)
    cert_start, cert_end = _element(data, 0, size, 0x30)
    if cert_end != size:
        raise _Unread
    tbs_start, tbs_end = _element(data, cert_start, cert_end, 0x30)
    if data[tbs_start : tbs_start + len(VERSION_3)] != VERSION_3:
        raise _Unread
    serial_start, serial_end = _element(data, tbs_start + len(VERSION_3), tbs_end, 0x02)
    if serial_end - serial_start > 21:
        raise _Unread
    serial = _positive_integer(data, serial_start, serial_end)
    position = _algorithm(data, serial_end, tbs_end, SIGNATURE_ALGORITHMS)
    issuer_start, issuer_end = _element(data, position, tbs_end, 0x30)
    _name(data, issuer_start, issuer_end)
    validity_start, validity_end = _element(data, issuer_end, tbs_end, 0x30)
    before_start, before_end = _element(data, validity_start, validity_end, 0x17)
    after_start, after_end = _element(data, before_end, validity_end, 0x17)
    if after_end != validity_end:
        raise _Unread
    subject_start, subject_end = _element(data, validity_end, tbs_end, 0x30)
    subject = _name(data, subject_start, subject_end)
    spki, modulus, exponent, position = _rsa_key(data, subject_end, tbs_end)
    if position < tbs_end:
        wrapper_start, wrapper_end = _element(data, position, tbs_end, 0xA3)
        if wrapper_end != tbs_end:
            raise _Unread
        list_start, list_end = _element(data, wrapper_start, wrapper_end, 0x30)
        if list_end != wrapper_end:
            raise _Unread
        _extensions(data, list_start, list_end)
    position = _algorithm(data, tbs_end, cert_end, SIGNATURE_ALGORITHMS)
    bits_start, bits_end = _element(data, position, cert_end, 0x03)
    if bits_end != cert_end or bits_start == bits_end or data[bits_start] != 0:
        raise _Unread
    return DerCertificate(
        serial=serial,
        not_before=_utc_time(data, before_start, before_end),
        not_after=_utc_time(data, after_start, after_end),
        subject=subject,
        spki=spki,
        modulus=modulus,
        exponent=exponent,
    )


def verify_sha256(modulus: int, exponent: int, signature: bytes, data: bytes) -> bool:
    """RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.2)."""
    size = (modulus.bit_length() + 7) // 8
    if len(signature) != size:
        return False
    number = int.from_bytes(signature, "big")
    if number >= modulus:
        return False
    message = pow(number, exponent, modulus).to_bytes(size, "big")
    digest_info = SHA256_DIGEST_INFO + _sha256()(data).digest()
    expected = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    return message == expected


_SHA256: Any = None


def _sha256() -> Any:
    """CPython's built-in SHA-256: hashlib's import starts OpenSSL's (≈ 13 million instructions,
    3% of a cold check); the digest is the same. Looked up once per process: an import that fails
    (`_sha2` before CPython 3.12) is not cached by Python and searched for on `sys.path` again
    on every call (four `stat` calls per signature checked)."""
    global _SHA256
    if _SHA256 is None:
        try:
            from _sha2 import sha256  # CPython 3.12+
        except ImportError:
            try:
                from _sha256 import sha256  # CPython 3.10, 3.11
            except ImportError:  # pragma: no cover - a Python built without them
                from hashlib import sha256
        _SHA256 = sha256
    return _SHA256
