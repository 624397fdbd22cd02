"""The signer's certificate (`Dec/@certificadoResponsable`), read once per distinct value.

dec-3.0.md §4.2–§4.3: Base64 (one line, no PEM armour) of the DER `.cer` of the SAT e.firma; its
serial number is 20 ASCII digits; the subject's serialNumber holds the holder's CURP. Used by the
seal rules (rules/sello.py); cryptography is imported only when a certificate is parsed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from mec_lint.lazy_re import lazy
from mec_lint.record import Record


class CertInfo(Record):
    """What the checks need from the certificate."""

    __slots__ = (
        "serial",
        "number",
        "not_before",
        "not_after",
        "subject_serial",
        "curps",
        "rfc",
        "org_units",
        "key_bits",
        "modulus",
        "exponent",
        "spki",
        "key",
    )
    UNCOMPARED = ("spki", "key")

    def __init__(
        self,
        serial: int,
        number: str | None,  # the serial bytes read as ASCII digits (SAT), else None
        not_before: dt.datetime,  # UTC
        not_after: dt.datetime,  # UTC
        subject_serial: str,  # serialNumber (2.5.4.5), the holder's CURP for individuals
        curps: tuple[str, ...],  # 18-character tokens of subject_serial
        rfc: str,  # first token of x500UniqueIdentifier (2.5.4.45)
        org_units: tuple[str, ...],  # organizationalUnitName values
        key_bits: int,
        modulus: int,
        exponent: int,
        spki: bytes = b"",  # SubjectPublicKeyInfo (DER)
        key: Any = None,  # cryptography's, once asked for
    ) -> None:
        self.serial = serial
        self.number = number
        self.not_before = not_before
        self.not_after = not_after
        self.subject_serial = subject_serial
        self.curps = curps
        self.rfc = rfc
        self.org_units = org_units
        self.key_bits = key_bits
        self.modulus = modulus
        self.exponent = exponent
        self.spki = spki
        self.key = key

    @property
    def public_key(self) -> Any:
        """cryptography's RSAPublicKey (diagnostics only: `verifies_sha256` needs none)."""
        if self.key is None:
            from cryptography.hazmat.primitives.serialization import load_der_public_key

            object.__setattr__(self, "key", load_der_public_key(self.spki))
        return self.key

    def verifies_sha256(self, signature: bytes, data: bytes) -> bool:
        """Whether `signature` is this key's RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.

        The first PLAIN_VERIFICATIONS signatures of a process are checked with CPython's `pow`
        (no cryptography import for one file or a small folder); the rest with OpenSSL, about
        ten times cheaper (≈ 0.02 against ≈ 0.19 ms for RSA-2048). A signature OpenSSL refuses is
        checked again with `pow`, so a "no" is always `pow`'s own."""
        from mec_lint.der_certificate import verify_sha256

        global _plain_left
        if _plain_left > 0 or not self._openssl_fits:
            _plain_left -= 1
            return verify_sha256(self.modulus, self.exponent, signature, data)
        if _openssl_verifies(self, signature, data):
            return True
        return verify_sha256(self.modulus, self.exponent, signature, data)

    @property
    def _openssl_fits(self) -> bool:
        """The usual e.firma key, which OpenSSL verifies exactly as `verify_sha256` does."""
        return self.exponent == 65537 and 2048 <= self.key_bits <= 4096

    @property
    def serial_hex(self) -> str:
        return format(self.serial, "X")

    @property
    def display_number(self) -> str:
        return self.number or self.serial_hex


# Signatures checked with CPython's `pow` before OpenSSL takes over (per process). Importing
# cryptography costs ≈ 30 ms of CPU once, which ≈ 180 signatures checked by OpenSSL pay back:
# a batch gains, a single file (issue #14's cold start) never imports it.
PLAIN_VERIFICATIONS = 64
_plain_left = PLAIN_VERIFICATIONS


_OPENSSL: tuple[Any, Any] | None = None  # cryptography's PKCS1v15 padding and SHA256, once loaded


def _openssl_verifies(info: CertInfo, signature: bytes, data: bytes) -> bool:
    """OpenSSL's verdict (through cryptography); False when it refuses, for whatever reason."""
    global _OPENSSL
    try:
        if _OPENSSL is None:
            from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
            from cryptography.hazmat.primitives.hashes import SHA256

            _OPENSSL = (PKCS1v15(), SHA256())
        info.public_key.verify(signature, data, *_OPENSSL)
    except Exception:  # InvalidSignature, or a key OpenSSL will not load: `pow` decides
        return False
    return True


class CertProblem(Record):
    __slots__ = ("kind", "value", "detail")

    def __init__(
        self,
        kind: str,  # SEL001 message id
        value: str = "",
        detail: str = "",
    ) -> None:
        self.kind = kind
        self.value = value
        self.detail = detail


def short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "…"


def whitespace_detail(text: str) -> str:
    parts = []
    if "\n" in text or "\r" in text:
        breaks = text.count(chr(10)) or text.count(chr(13))
        parts.append(f"{breaks} salto de línea" if breaks == 1 else f"{breaks} saltos de línea")
    spaces = sum(1 for ch in text if ch in " \t")
    if spaces:
        parts.append(f"{spaces} espacio" if spaces == 1 else f"{spaces} espacios")
    return ", ".join(parts)


_BASE64 = lazy(r"[A-Za-z0-9+/]*={0,2}")


def strict_b64(text: str) -> bytes | str:
    """The decoded bytes, or why `text` is not standard padded Base64."""
    if not _BASE64.fullmatch(text):
        bad = next((ch for ch in text if not (ch.isascii() and (ch.isalnum() or ch in "+/="))), None)
        if bad is not None:
            return f"carácter no válido {bad!r}"
    if len(text) % 4:
        return f"largo {len(text)} no es múltiplo de 4"
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        return str(exc)


@lru_cache(maxsize=64)
def load_certificate(text: str) -> CertInfo | CertProblem:
    """Parse `certificadoResponsable` (cached: a batch usually has one signer)."""
    if "-----BEGIN" in text:
        return CertProblem("pem", short(" ".join(text.split()), 30))
    compact = "".join(text.split())
    whitespace = compact != text
    decoded = strict_b64(compact)
    if isinstance(decoded, str):
        return CertProblem("not_base64", short(compact), decoded)
    if decoded.lstrip().startswith(b"-----BEGIN"):
        return CertProblem("pem_text", compact[:12])
    info = _parse_der(decoded)
    if isinstance(info, CertProblem):
        return info
    if whitespace:
        return CertProblem("whitespace", short(compact), whitespace_detail(text))
    return info


def _parse_der(der: bytes) -> CertInfo | CertProblem:
    from mec_lint.der_certificate import read

    plain = read(der)  # the usual e.firma shape, without importing cryptography.x509
    if plain is not None:
        return _info(
            plain.serial,
            plain.not_before,
            plain.not_after,
            lambda oid: [value for name, value in plain.subject if name == oid],
            plain.spki,
            plain.modulus,
            plain.exponent,
        )
    return _parse_with_cryptography(der)


def _parse_with_cryptography(der: bytes) -> CertInfo | CertProblem:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        cert = x509.load_der_x509_certificate(der)
        subject = cert.subject
        public_key = cert.public_key()
        not_before = cert.not_valid_before_utc
        not_after = cert.not_valid_after_utc
        serial = cert.serial_number
    except Exception:  # any parse problem of hostile or broken input is the same finding
        return CertProblem("not_certificate", detail=f"{len(der)} bytes, empieza con {der[:4].hex()}")
    if not isinstance(public_key, rsa.RSAPublicKey):
        return CertProblem("not_rsa", detail=type(public_key).__name__.replace("PublicKey", ""))

    def values(oid: str) -> list[str]:
        found = []
        for attribute in subject.get_attributes_for_oid(x509.ObjectIdentifier(oid)):
            value = attribute.value
            found.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
        return found

    numbers = public_key.public_numbers()
    info = _info(serial, not_before, not_after, values, b"", numbers.n, numbers.e)
    object.__setattr__(info, "key", public_key)
    return info


SERIAL_NUMBER = "2.5.4.5"
X500_UNIQUE_IDENTIFIER = "2.5.4.45"
ORGANIZATIONAL_UNIT_NAME = "2.5.4.11"


def _info(
    serial: int,
    not_before: dt.datetime,
    not_after: dt.datetime,
    values: Callable[[str], list[str]],
    spki: bytes,
    modulus: int,
    exponent: int,
) -> CertInfo:
    subject_serial = " ".join(values(SERIAL_NUMBER))
    unique = " ".join(values(X500_UNIQUE_IDENTIFIER))
    return CertInfo(
        serial=serial,
        number=_ascii_number(serial),
        not_before=not_before,
        not_after=not_after,
        subject_serial=subject_serial,
        curps=_curps_in(subject_serial),
        rfc=(re.split(r"[\s/]+", unique.strip()) or [""])[0].upper(),
        org_units=tuple(v for v in values(ORGANIZATIONAL_UNIT_NAME) if v.strip()),
        key_bits=modulus.bit_length(),
        spki=spki,
        modulus=modulus,
        exponent=exponent,
    )


def _ascii_number(serial: int) -> str | None:
    """dec-3.0.md §4.3: SAT serials are bytes that are ASCII digits; their text is the number."""
    if serial <= 0:
        return None
    raw = serial.to_bytes((serial.bit_length() + 7) // 8, "big")
    return raw.decode("ascii") if raw.isdigit() else None


def _curps_in(text: str) -> tuple[str, ...]:
    """18-character tokens: "CURP", " / CURP" and "RFC / CURP" forms of SAT certificates."""
    return tuple(token for token in re.split(r"[^0-9A-ZÑ&]+", text.upper()) if len(token) == 18)
