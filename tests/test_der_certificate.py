"""mec_lint.der_certificate reads the plain e.firma shape without cryptography: every certificate it
reads, cryptography reads too, with the same values; everything else is left to cryptography."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from typing import Any

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from mec_lint import certificate, der_certificate
from mec_lint.testing import make_signer

UTC = dt.timezone.utc


@lru_cache(maxsize=8)
def rsa_key(size: int = 2048, exponent: int = 65537) -> Any:
    return rsa.generate_private_key(public_exponent=exponent, key_size=size)


def build(
    key: Any = None,
    subject: list[x509.NameAttribute] | None = None,
    not_after: dt.datetime = dt.datetime(2027, 1, 1, tzinfo=UTC),
    extensions: bool = True,
    algorithm: Any = None,
    serial: int = int.from_bytes(b"00001000000512345678", "big"),
) -> bytes:
    key = key or rsa_key()
    subject = subject or [
        x509.NameAttribute(NameOID.COMMON_NAME, "MARÍA PÉREZ ÑÚÑEZ"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "MX"),
        x509.NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, "PENM750312AB1 / XAXX010101000"),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, " / PENM750312MDFRXR01"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Unidad 1"),
        x509.NameAttribute(NameOID.EMAIL_ADDRESS, "maria@example.mx"),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(subject))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "AC DEL SAT (PRUEBA)")]))
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(dt.datetime(2022, 1, 1, 6, 30, 15, tzinfo=UTC))
        .not_valid_after(not_after)
    )
    if extensions:
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
    signer = rsa_key()
    return builder.sign(signer, algorithm or hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def by_cryptography(der: bytes) -> Any:
    """What certificate.py reads with cryptography, or None when cryptography refuses."""
    info = certificate._parse_with_cryptography(der)
    return None if isinstance(info, certificate.CertProblem) else info


def same(der: bytes) -> bool:
    """The plain reading, when there is one, equals cryptography's; True when it read `der`."""
    plain = der_certificate.read(der)
    if plain is None:
        return False
    info = certificate._parse_der(der)
    reference = by_cryptography(der)
    assert reference is not None, "read a certificate cryptography refuses"
    assert info == reference
    assert (plain.modulus, plain.exponent) == (
        reference.public_key.public_numbers().n,
        reference.public_key.public_numbers().e,
    )
    assert plain.not_before == x509.load_der_x509_certificate(der).not_valid_before_utc
    assert info.public_key.public_numbers() == reference.public_key.public_numbers()  # from the SPKI
    return True


def test_the_e_firma_shape_is_read_without_cryptography() -> None:
    assert same(build())
    assert same(build(extensions=False))
    assert same(make_signer().cert_der)
    assert same(make_signer(organizational_unit="Sucursal 7", key_size=3072).cert_der)
    assert same(build(rsa_key(2048, 3)))
    assert same(build(algorithm=hashes.SHA512()))
    assert same(build(not_after=dt.datetime(2049, 12, 31, 23, 59, 59, tzinfo=UTC)))


@pytest.mark.filterwarnings("ignore:Attribute's length")  # cryptography's, on the country name
@pytest.mark.parametrize(
    "der",
    [
        pytest.param(lambda: build(not_after=dt.datetime(2050, 1, 1, tzinfo=UTC)), id="generalized-time"),
        pytest.param(
            lambda: build(subject=[x509.NameAttribute(NameOID.COUNTRY_NAME, "MEX", _validate=False)]),
            id="country-not-2",
        ),
        pytest.param(
            lambda: build(
                subject=[
                    x509.NameAttribute(
                        NameOID.X500_UNIQUE_IDENTIFIER, b"\x00RFC", _type=x509.name._ASN1Type.BitString
                    )
                ]
            ),
            id="bitstring-name",
        ),
        pytest.param(
            lambda: build(
                subject=[x509.NameAttribute(NameOID.COMMON_NAME, "BMP", _type=x509.name._ASN1Type.BMPString)]
            ),
            id="bmp-string",
        ),
        pytest.param(
            lambda: (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC")]))
                .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC")]))
                .public_key(ec.generate_private_key(ec.SECP256R1()).public_key())
                .serial_number(7)
                .not_valid_before(dt.datetime(2022, 1, 1, tzinfo=UTC))
                .not_valid_after(dt.datetime(2027, 1, 1, tzinfo=UTC))
                .sign(rsa_key(), hashes.SHA256())
                .public_bytes(serialization.Encoding.DER)
            ),
            id="ec-key",
        ),
        pytest.param(lambda: build(rsa_key(4096 + 1024)), id="key-over-4096"),
        pytest.param(lambda: build() + b"\x00", id="trailing-byte"),
        pytest.param(lambda: build()[:-1], id="truncated"),
        pytest.param(lambda: b"", id="empty"),
    ],
)
def test_other_shapes_are_left_to_cryptography(der: Any) -> None:
    data = der()
    assert der_certificate.read(data) is None
    if data:  # and what certificate.py reports is cryptography's reading, as before
        assert certificate._parse_der(data) == certificate._parse_with_cryptography(data)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_certificates_are_read_alike_or_left_to_cryptography(data: st.DataObject) -> None:
    """Byte changes anywhere (lengths, tags, strings, times, integers): never a reading that
    cryptography does not make."""
    der = bytearray(build() if data.draw(st.booleans()) else make_signer().cert_der)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.integers(0, len(der) - 1))
        action = data.draw(st.sampled_from(["set", "insert", "delete"]))
        if action == "set":
            der[where] = data.draw(st.integers(0, 255))
        elif action == "insert":
            der.insert(where, data.draw(st.integers(0, 255)))
        else:
            del der[where]
    same(bytes(der))


def test_names_of_every_printable_string_character() -> None:
    """PrintableString's alphabet only; `*`, `&`, `@`, `_` in one are cryptography's to judge."""
    for character in "AZaz09 '()+,-./:=?":
        assert same(build(subject=[x509.NameAttribute(NameOID.SERIAL_NUMBER, f"A{character}B")]))
    for character in "*&@_!":
        der = build(subject=[x509.NameAttribute(NameOID.SERIAL_NUMBER, "AQQQB")])
        assert der.count(b"AQQQB") == 1
        der = der.replace(b"AQQQB", f"A{character}QQB".encode())
        assert der_certificate.read(der) is None


@settings(max_examples=200, deadline=None)
def mutated(signature: bytes, kind: str, modulus: int) -> bytes:
    """A signature spoilt the way `kind` names ("valid" and "sha1" leave it as signed)."""
    if kind == "tampered":
        return bytes([signature[0] ^ 1]) + signature[1:]
    if kind == "short":
        return signature[1:]
    if kind == "long":
        return b"\x00" + signature
    if kind == "zero":
        return bytes(len(signature))
    if kind == "modulus":
        return modulus.to_bytes(len(signature), "big")
    return signature


@given(st.binary(max_size=64), st.sampled_from(["valid", "tampered", "short", "long", "zero", "modulus"]))
def test_signatures_are_judged_as_cryptography_judges_them(data: bytes, kind: str) -> None:
    key = rsa_key()
    public = key.public_key()
    numbers = public.public_numbers()
    signature = mutated(key.sign(data, padding.PKCS1v15(), hashes.SHA256()), kind, numbers.n)
    try:
        public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        expected = True
    except InvalidSignature:
        expected = False
    assert der_certificate.verify_sha256(numbers.n, numbers.e, signature, data) is expected
    assert expected is (kind == "valid")


def test_a_sha1_or_other_digest_signature_does_not_verify_as_sha256() -> None:
    key = rsa_key()
    numbers = key.public_key().public_numbers()
    data = b"||1.0|cadena||"
    sha1 = key.sign(data, padding.PKCS1v15(), hashes.SHA1())
    assert not der_certificate.verify_sha256(numbers.n, numbers.e, sha1, data)
    assert hashlib.sha256(data).digest()  # the SHA-256 one does
    good = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    assert der_certificate.verify_sha256(numbers.n, numbers.e, good, data)


@settings(max_examples=120, deadline=None)
@given(
    st.binary(max_size=64),
    st.sampled_from(["valid", "tampered", "short", "long", "zero", "modulus", "sha1"]),
    st.sampled_from([(2048, 65537), (1024, 65537), (2048, 3), (3072, 65537)]),
    st.integers(min_value=0, max_value=2),
)
def test_openssl_after_the_first_signatures_gives_pows_verdict(
    data: bytes, kind: str, shape: tuple[int, int], left: int
) -> None:
    """A batch's signatures past the first PLAIN_VERIFICATIONS are checked by OpenSSL: the verdict
    is the same as `pow`'s for every kind of signature and every key shape."""
    key = rsa_key(*shape)
    numbers = key.public_key().public_numbers()
    info = certificate._parse_der(build(key=key))
    assert isinstance(info, certificate.CertInfo)
    digest = hashes.SHA1() if kind == "sha1" else hashes.SHA256()
    signature = mutated(key.sign(data, padding.PKCS1v15(), digest), kind, numbers.n)
    expected = der_certificate.verify_sha256(numbers.n, numbers.e, signature, data)
    assert expected is (kind == "valid")
    saved = certificate._plain_left
    certificate._plain_left = left  # the first `left` by pow, then OpenSSL
    try:
        assert [info.verifies_sha256(signature, data) for _ in range(4)] == [expected] * 4
    finally:
        certificate._plain_left = saved


def test_openssl_takes_over_only_after_the_first_signatures(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pow` for the first PLAIN_VERIFICATIONS signatures (no cryptography for one file), OpenSSL
    for the usual key after them; an odd key always `pow`."""
    calls: list[str] = []
    monkeypatch.setattr(certificate, "_plain_left", 2)
    real = certificate._openssl_verifies
    monkeypatch.setattr(certificate, "_openssl_verifies", lambda *a: calls.append("openssl") or real(*a))
    key = rsa_key()
    info = certificate._parse_der(build(key=key))
    assert isinstance(info, certificate.CertInfo)
    data = b"||3.0|cadena||"
    signature = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    assert all(info.verifies_sha256(signature, data) for _ in range(5))
    assert calls == ["openssl"] * 3
    odd = certificate._parse_der(build(key=rsa_key(2048, 3)))
    assert isinstance(odd, certificate.CertInfo) and odd.exponent == 3
    odd_signature = rsa_key(2048, 3).sign(data, padding.PKCS1v15(), hashes.SHA256())
    assert odd.verifies_sha256(odd_signature, data)
    assert calls == ["openssl"] * 3
    assert certificate.PLAIN_VERIFICATIONS >= 16  # a small folder never imports cryptography
