"""SEL001–SEL011: the sello, the e.firma certificate and its number."""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from mec_lint.findings import Finding, Severity
from mec_lint.testing import Signer, codes, lint_bytes, make_certificate, make_signer

SEL = ["SEL"]
ALL_SEL = [f"SEL{n:03d}" for n in range(1, 12)]


def sel(raw: bytes, **config: Any) -> list[Finding]:
    return lint_bytes(raw, select=SEL, **config)


def only(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f"{f.code} {f.message}" for f in findings]
    return found[0]


def valid() -> bytes:
    return make_certificate(signer=make_signer())


# -- no false positives --------------------------------------------------------------------------


def test_valid_signed_certificate_is_clean_with_every_rule() -> None:
    assert [f for f in lint_bytes(valid()) if f.code.startswith("SEL")] == []


def test_default_certificate_is_clean() -> None:
    assert codes(sel(make_certificate())) == ["SEL012"]  # info only: not signed yet
    assert sel(make_certificate(signer=make_signer())) == []


def test_many_subjects_and_accents_verify() -> None:
    subjects = [
        {
            "idAsignatura": str(2000 + n),
            "ciclo": f"{2019 + n // 6}-{n % 3 + 1}",
            "calificacion": "8.50",
            "idTipoAsignatura": "263",
            "creditos": "6.00",
        }
        for n in range(60)
    ]
    raw = make_certificate(
        overrides={"Alumno": {"nombre": "JOSÉ ÑUÑEZ", "segundoApellido": None}}, subjects=subjects
    )
    signed = make_certificate(
        overrides={"Alumno": {"nombre": "JOSÉ ÑUÑEZ", "segundoApellido": None}},
        subjects=subjects,
        signer=make_signer(),
    )
    assert raw != signed
    assert sel(signed) == []


def test_cryptography_is_not_imported_with_the_rule_module() -> None:
    code = "import sys, mec_lint.rules.sello; print('cryptography' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- SEL001 ----------------------------------------------------------------------------------------


def with_cert(value: str) -> bytes:
    return make_certificate(signer=make_signer(), after_sign={"Dec": {"certificadoResponsable": value}})


def pem_text() -> str:
    body = base64.encodebytes(make_signer().cert_der).decode("ascii")
    return f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (pem_text(), "PEM"),
        (base64.b64encode(pem_text().encode()).decode(), "TEXTO PEM"),
        ("esto no es base64", "no es Base64"),
        (base64.b64encode(b"x" * 90).decode(), "no es un certificado X.509"),
        (base64.encodebytes(make_signer().cert_der).decode().strip(), "saltos de línea"),
    ],
    ids=["pem", "pem-text", "not-base64", "not-cert", "wrapped"],
)
def test_sel001_unreadable_certificate(value: str, words: str) -> None:
    finding = only(sel(with_cert(value)), "SEL001")
    assert words in finding.message
    assert finding.attribute == "certificadoResponsable"
    assert finding.expected and "MII" in finding.expected


def test_sel001_failure_skips_every_later_step() -> None:
    raw = make_certificate(
        signer=make_signer(),
        after_sign={
            "Dec": {"certificadoResponsable": "no-base64", "noCertificadoResponsable": "1", "sello": "x"},
            "Alumno": {"numeroControl": "OTRO"},
        },
    )
    assert codes(sel(raw)) == ["SEL001"]


def test_a_failed_step_skips_the_later_steps() -> None:
    """Issue #3: «A failure of an earlier step skips the later ones for that file». A wrong
    certificate number (step 2) and a tampered value (the signature, a later step): one finding."""
    raw = make_certificate(
        signer=make_signer(),
        after_sign={
            "Dec": {"noCertificadoResponsable": "00001000000512340005"},
            "Alumno": {"nombre": "OTRA"},
        },
    )
    assert codes(sel(raw)) == ["SEL002"]
    # the same step order with the e.firma of someone else (step 4) before the signature
    other = make_signer(curp="GAPA010523MDFRRNA7")
    raw = make_certificate(signer=other, after_sign={"Alumno": {"nombre": "OTRA"}})
    assert codes(sel(raw)) == ["SEL005"]


def test_an_ignored_or_downgraded_step_does_not_hide_the_later_ones() -> None:
    raw = make_certificate(
        signer=make_signer(),
        after_sign={
            "Dec": {"noCertificadoResponsable": "00001000000512340005"},
            "Alumno": {"nombre": "OTRA"},
        },
    )
    assert codes(lint_bytes(raw, select=["SEL"], ignore=["SEL002"])) == ["SEL007"]
    downgraded = lint_bytes(raw, select=["SEL"], severity={"SEL002": Severity.WARNING})
    assert sorted(f.code for f in downgraded) == ["SEL002", "SEL007"]


def test_sel001_certificate_missing_but_sello_present() -> None:
    finding = only(sel(with_cert("")), "SEL001")
    assert "vacío" in finding.message


def test_sel001_unsigned_is_info_unless_required() -> None:
    unsigned = sel(make_certificate())
    assert codes(unsigned) == ["SEL012"] and only(unsigned, "SEL012").severity.value == "info"
    findings = sel(make_certificate(), rule_options={"SEL001": {"require_signature": True}})
    assert "no está firmado" in only(findings, "SEL001").message


@pytest.mark.parametrize(
    ("cert", "sello"), [("", "x"), ("MIIG…", "…"), ("MIIGQzCCBCugAwIBAgIUMDAwMDEw…", "kX3d…==")]
)
def test_sel001_placeholders_count_as_unsigned(cert: str, sello: str) -> None:
    raw = make_certificate(overrides={"Dec": {"certificadoResponsable": cert, "sello": sello}})
    assert codes(sel(raw)) == ["SEL012"]
    assert codes(sel(raw, rule_options={"SEL001": {"require_signature": True}})) == ["SEL001"]


def test_sel001_placeholder_certificate_with_a_real_sello() -> None:
    raw = make_certificate(signer=make_signer(), after_sign={"Dec": {"certificadoResponsable": "MIIG…"}})
    assert "provisional" in only(sel(raw), "SEL001").message


def test_sel001_not_rsa_key() -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PRUEBA MEC-LINT")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(b"00001000000512345678", "big"))
        .not_valid_before(dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc))
        .sign(key, hashes.SHA256())
    )
    raw = with_cert(base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode())
    assert "no RSA" in only(sel(raw), "SEL001").message


# -- SEL002 ----------------------------------------------------------------------------------------


def with_number(value: str) -> list[Finding]:
    return sel(
        make_certificate(signer=make_signer(), after_sign={"Dec": {"noCertificadoResponsable": value}})
    )


def test_sel002_wrong_number() -> None:
    finding = only(with_number("00001000000512340005"), "SEL002")
    assert finding.value == "00001000000512340005"
    assert finding.expected == "00001000000512345678"
    assert "00001000000512345678" in finding.message


def test_sel002_hex_serial_is_named() -> None:
    finding = only(with_number(b"00001000000512345678".hex().upper()), "SEL002")
    assert "hexadecimal" in finding.message and finding.expected == "00001000000512345678"
    assert "hexadecimal" in only(with_number(b"00001000000512345678".hex()), "SEL002").message


def test_sel002_decimal_serial_and_spaces_are_named() -> None:
    decimal = str(int.from_bytes(b"00001000000512345678", "big"))
    assert "decimal" in only(with_number(decimal), "SEL002").message
    assert "espacios" in only(with_number(" 00001000000512345678"), "SEL002").message


def test_sel002_serial_that_is_not_sat() -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    signer = make_signer()
    key = serialization.load_pem_private_key(signer.key_pem, password=None)
    original = x509.load_der_x509_certificate(signer.cert_der)
    cert = (
        x509.CertificateBuilder()
        .subject_name(original.subject)
        .issuer_name(original.issuer)
        .public_key(original.public_key())
        .serial_number(0x1A2B3C4D5E)
        .not_valid_before(original.not_valid_before_utc)
        .not_valid_after(original.not_valid_after_utc)
        .sign(key, hashes.SHA256())  # type: ignore[arg-type]
    )
    other = Signer(signer.key_pem, cert.public_bytes(serialization.Encoding.DER), "00001000000512345678")
    finding = only(sel(make_certificate(signer=other)), "SEL002")
    assert "1A2B3C4D5E" in finding.message


# -- SEL003 / SEL004 ---------------------------------------------------------------------------------


def test_sel003_expired_on_issue_date() -> None:
    signer = make_signer(
        number="00001000000512340001", not_before=dt.date(2020, 6, 30), not_after=dt.date(2024, 6, 30)
    )
    findings = sel(make_certificate(signer=signer))
    finding = only(findings, "SEL003")
    assert finding.element == "Expedicion" and finding.value == "2024-08-20T00:00:00"  # as written
    assert finding.expected == "2020-06-29 … 2024-06-29"  # the e.firma's validity (Mexico City dates)
    assert "vencido" in finding.message and "2024-08-20" in finding.message
    assert "SEL004" not in codes(findings)  # expired at issue implies expired at upload: one finding


def test_sel003_not_yet_valid() -> None:
    signer = make_signer(
        number="00001000000512340002", not_before=dt.date(2024, 8, 25), not_after=dt.date(2028, 8, 25)
    )
    assert "aún no era válida" in only(sel(make_certificate(signer=signer)), "SEL003").message


def test_sel003_same_day_is_valid() -> None:
    signer = make_signer(
        number="00001000000512340002", not_before=dt.date(2024, 8, 20), not_after=dt.date(2028, 8, 25)
    )
    assert sel(make_certificate(signer=signer)) == []


def expiring(not_after: dt.date) -> Signer:
    return make_signer(number="00001000000512340003", not_before=dt.date(2020, 1, 1), not_after=not_after)


def test_sel004_expires_soon_is_a_warning() -> None:
    finding = only(sel(make_certificate(signer=expiring(dt.date(2024, 9, 15)))), "SEL004")
    assert finding.severity is Severity.WARNING
    assert "13 días" in finding.message  # 2024-09-15T00:00Z is the 14th in Mexico City
    assert (finding.value, finding.expected) == ("2024-09-14", "> 2024-10-01")  # found; beyond 30 days


def test_sel004_expired_on_upload_date_is_an_error() -> None:
    findings = sel(make_certificate(signer=expiring(dt.date(2024, 8, 25))))
    finding = only(findings, "SEL004")
    assert finding.severity is Severity.ERROR
    assert (finding.value, finding.expected) == ("2024-08-24", "≥ 2024-09-01")
    assert "actualizacionesmec" in finding.message
    assert "SEL003" not in codes(findings)


def test_sel004_threshold_option() -> None:
    raw = make_certificate(signer=expiring(dt.date(2024, 9, 15)))
    assert sel(raw, rule_options={"SEL004": {"days": 5}}) == []
    # the default (30 days) stops short of a certificate that lasts longer
    assert sel(make_certificate(signer=expiring(dt.date(2024, 10, 5)))) == []


# -- SEL005 ----------------------------------------------------------------------------------------


def test_sel005_someone_else() -> None:
    signer = make_signer(curp="SAVE680904MJCNRL02", rfc="SAVE680904XY1", number="00001000000512340005")
    finding = only(sel(make_certificate(signer=signer)), "SEL005")
    assert finding.element == "Responsable" and finding.value == "ROLM750312HDFDPR01"
    assert finding.expected == "SAVE680904MJCNRL02"


@pytest.mark.parametrize("serial", [" / ROLM750312HDFDPR01", "ROLM750312AB1 / ROLM750312HDFDPR01"])
def test_sel005_slash_forms_are_read(serial: str) -> None:
    signer = make_signer(curp=serial, number="00001000000512340008")
    assert "SEL005" not in codes(sel(make_certificate(signer=signer)))


def test_sel005_certificate_without_curp() -> None:
    signer = make_signer(curp="12345", number="00001000000512340009")
    assert "no trae una CURP" in only(sel(make_certificate(signer=signer)), "SEL005").message


# -- SEL006 / SEL007 / SEL008 ------------------------------------------------------------------------


def with_sello(value: str) -> list[Finding]:
    return sel(make_certificate(signer=make_signer(), after_sign={"Dec": {"sello": value}}))


@pytest.mark.parametrize("value", ["x", "X", "kX3d…=="])
def test_sel006_placeholder(value: str) -> None:
    finding = only(with_sello(value), "SEL006")
    assert (
        "marcador" in finding.message
        and finding.expected == "Base64 de 344 caracteres"
        and "344 caracteres" in finding.message
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "vacío"),
        ("no es base64!", "no es Base64"),
        (make_signer().sign(b"a")[:-8], "252 bytes"),
        (make_signer().sign(b"a")[:100] + "\n" + make_signer().sign(b"a")[100:], "saltos de línea"),
    ],
    ids=["empty", "not-base64", "short", "wrapped"],
)
def test_sel006_shape_failure_skips_the_signature_check(value: str, words: str) -> None:
    findings = with_sello(value)
    assert codes(findings) == ["SEL006"]
    assert words in findings[0].message


def test_sel007_tampered_after_signing() -> None:
    findings = sel(
        make_certificate(signer=make_signer(), after_sign={"Alumno": {"numeroControl": "A2019-0458"}})
    )
    finding = only(findings, "SEL007")
    assert "||3.0|5|20871|20871|" in finding.message  # the head of the cadena that was verified
    assert "mec-lint cadena" in finding.message
    assert "48 campos" in finding.message
    assert "SEL008" not in codes(findings)


def test_sel007_change_outside_the_cadena_keeps_the_sello_valid() -> None:
    raw = make_certificate(signer=make_signer(), after_sign={"Responsable": {"nombre": "OTRO NOMBRE"}})
    assert sel(raw) == []


def test_sel007_signed_with_another_key() -> None:
    good = make_signer()
    other = make_signer(curp="SAVE680904MJCNRL02", rfc="SAVE680904XY1", number="00001000000512340005")
    raw = make_certificate(signer=Signer(other.key_pem, good.cert_der, good.number))
    assert "no se generó con la llave" in only(sel(raw), "SEL007").message


def test_sel007_sha1_is_named() -> None:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    from mec_lint.cadena import build
    from mec_lint.xmldoc import XmlDocument, parse

    signer = make_signer()
    raw = make_certificate(signer=signer)
    doc = parse("c.xml", raw)
    assert isinstance(doc, XmlDocument)
    key = serialization.load_pem_private_key(signer.key_pem, password=None)
    signature = key.sign(build(doc).encode(), padding.PKCS1v15(), hashes.SHA1())  # type: ignore[call-arg, union-attr]
    raw = make_certificate(signer=signer, after_sign={"Dec": {"sello": base64.b64encode(signature).decode()}})
    assert "SHA-1" in only(sel(raw), "SEL007").message


def test_sel008_other_variant_replaces_sel007() -> None:
    raw = make_certificate(signer=make_signer(), include_id_entidad=False)
    findings = sel(raw)
    assert codes(findings) == ["SEL008"]
    assert findings[0].severity is Severity.WARNING
    assert "SIN ServicioFirmante/@idEntidad" in findings[0].message


def test_sel008_switch_selects_the_variant() -> None:
    without = make_certificate(signer=make_signer(), include_id_entidad=False)
    assert sel(without, include_id_entidad=False) == []
    findings = sel(valid(), include_id_entidad=False)
    assert codes(findings) == ["SEL008"] and "CON ServicioFirmante" in findings[0].message


def test_ignoring_sel008_does_not_turn_it_into_sel007() -> None:
    raw = make_certificate(signer=make_signer(), include_id_entidad=False)
    assert lint_bytes(raw, select=SEL, ignore=["SEL008"]) == []


# -- SEL009 / SEL010 -----------------------------------------------------------------------------------


def test_sel009_csd_like_certificate() -> None:
    signer = make_signer(
        curp=" / ROLM750312HDFDPR01",
        rfc="EEJ9003173C9 / ROLM750312AB1",
        number="00001000000512340007",
        organizational_unit="SUCURSAL MATRIZ",
        name="ESCUELA EJEMPLO SC",
    )
    finding = only(sel(make_certificate(signer=signer)), "SEL009")
    assert "SUCURSAL MATRIZ" in finding.message and "12 caracteres" in finding.message


def test_sel009_moral_rfc_alone_fires_and_individual_does_not() -> None:
    moral = make_signer(rfc="EEJ9003173C9", number="00001000000512340010")
    assert "EEJ9003173C9" in only(sel(make_certificate(signer=moral)), "SEL009").message
    assert "SEL009" not in codes(sel(valid()))


def test_sel010_short_key() -> None:
    signer = make_signer(key_size=1024, number="00001000000512340006")
    findings = sel(make_certificate(signer=signer))
    assert codes(findings) == ["SEL010"]  # its 172-character sello is the right length for its key
    assert findings[0].value == "1024"


# -- SEL011 ----------------------------------------------------------------------------------------

REGISTERED = ({"campus": "090872", "curp": "ROLM750312HDFDPR01", "noCertificado": "00001000000512345678"},)


def test_sel011_registered_signer_passes() -> None:
    assert sel(valid(), signers=REGISTERED) == []


def test_sel011_renewed_certificate_not_registered() -> None:
    renewed = make_signer(number="00001000000512349999")
    finding = only(sel(make_certificate(signer=renewed), signers=REGISTERED), "SEL011")
    assert "090872" in finding.message and "00001000000512349999" in finding.message
    assert finding.expected and "00001000000512345678" in finding.expected


def test_sel011_other_person_with_registered_number_shape() -> None:
    signers = ({"campus": "090872", "curp": "SAVE680904MJCNRL02", "noCertificado": "00001000000512345678"},)
    assert "SEL011" in codes(sel(valid(), signers=signers))


def test_sel011_silent_for_other_campus_and_without_signers() -> None:
    renewed = make_certificate(signer=make_signer(number="00001000000512349999"))
    assert sel(renewed) == []
    other_campus = ({"campus": "150631", "curp": "SAVE680904MJCNRL02", "noCertificado": "1"},)
    assert sel(renewed, signers=other_campus) == []


def test_sel011_entry_with_only_a_curp() -> None:
    renewed = make_certificate(signer=make_signer(number="00001000000512349999"))
    assert sel(renewed, signers=({"campus": "090872", "curp": "ROLM750312HDFDPR01"},)) == []


# -- language, cache ---------------------------------------------------------------------------------


def test_english_messages() -> None:
    finding = only(with_number("123"), "SEL002")
    english = lint_bytes(
        make_certificate(signer=make_signer(), after_sign={"Dec": {"noCertificadoResponsable": "123"}}),
        select=["SEL002"],
        lang="en",
    )[0]
    assert finding.message != english.message and "does not match" in english.message


def test_certificate_is_parsed_once_per_distinct_value() -> None:
    from mec_lint.rules.sello import load_certificate

    load_certificate.cache_clear()
    raw = valid()
    for _ in range(3):
        sel(raw)
    info = load_certificate.cache_info()
    assert info.misses == 1 and info.hits == 2


# -- check --cadena-sin-id-entidad -------------------------------------------------------------------


def test_check_option_selects_the_cadena_variant(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from mec_lint.cli import app

    monkeypatch.chdir(tmp_path)  # no configuration file is discovered
    path = tmp_path / "sin-id-entidad.xml"
    path.write_bytes(make_certificate(signer=make_signer(), include_id_entidad=False))
    base = ["check", "--upload-date", "2024-09-01", "--select", "SEL", "--format", "json", str(path)]
    default = CliRunner().invoke(app, base)
    assert [f["code"] for f in json.loads(default.output)["findings"]] == ["SEL008"]
    switched = CliRunner().invoke(app, [*base[:-1], "--cadena-sin-id-entidad", str(path)])
    assert switched.exit_code == 0, switched.output
    assert json.loads(switched.output)["findings"] == []
