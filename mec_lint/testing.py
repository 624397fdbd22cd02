"""Test helpers shared by mec-lint's own tests, its benchmark and plugin authors.

- `make_certificate(...)`: a valid Dec 3.0 certificate (optionally signed) with overrides.
- `make_signer(...)`: an RSA key and a self-signed certificate shaped like a SAT e.firma.
- `lint_bytes(...)` / `codes(...)`: run the linter on bytes and look at the findings.
- `RuleCase` / `check_rule_cases(...)`: the fixture-driven harness (must fire / must not fire).

Nothing here is imported by the linter itself.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from mec_lint.config import Config
from mec_lint.findings import Finding
from mec_lint.xmldoc import NAMESPACE

DEFAULT_UPLOAD_DATE = dt.date(2024, 9, 1)

# Values from dec-3.0.md §3.5 (the worked example), CURPs with valid check digits.
DEFAULTS: dict[str, dict[str, str]] = {
    "Dec": {
        "version": "3.0",
        "tipoCertificado": "5",
        "folioControl": "UEC-2024-000123",
        "sello": "",
        "certificadoResponsable": "",
        "noCertificadoResponsable": "00001000000512345678",
    },
    "ServicioFirmante": {"idEntidad": "20871"},
    "Ipes": {
        "idNombreInstitucion": "20871",
        "nombreInstitucion": "UNIVERSIDAD EJEMPLO DEL CENTRO",
        "idCampus": "090872",
        "campus": "ÚNICO",
        "idEntidadFederativa": "09",
        "entidadFederativa": "CIUDAD DE MÉXICO",
    },
    "Responsable": {
        "curp": "ROLM750312HDFDPR01",
        "nombre": "MARIO",
        "primerApellido": "RODRÍGUEZ",
        "segundoApellido": "LÓPEZ",
        "idCargo": "3",
        "cargo": "RECTOR",
    },
    "Rvoe": {"numero": "20181234", "fechaExpedicion": "2018-06-15T00:00:00"},
    "Carrera": {
        "idCarrera": "101",
        "nombreCarrera": "LICENCIATURA EN ADMINISTRACIÓN",
        "idTipoPeriodo": "93",
        "tipoPeriodo": "CUATRIMESTRE",
        "clavePlan": "2018",
        "idNivelEstudios": "81",
        "nivelEstudios": "LICENCIATURA",
        "calificacionMinima": "5",
        "calificacionMaxima": "10",
        "calificacionMinimaAprobatoria": "6.00",
    },
    "Alumno": {
        "numeroControl": "A2019-0457",
        "curp": "GAPA010523MDFRRNA3",
        "nombre": "ANA",
        "primerApellido": "GARCÍA",
        "segundoApellido": "PÉREZ",
        "idGenero": "250",
        "fechaNacimiento": "2001-05-23T00:00:00",
    },
    "Expedicion": {
        "idTipoCertificacion": "79",
        "tipoCertificacion": "TOTAL",
        "fecha": "2024-08-20T00:00:00",
        "idLugarExpedicion": "09",
        "lugarExpedicion": "CIUDAD DE MÉXICO",
    },
    "Asignaturas": {
        "total": "3",
        "asignadas": "3",
        "promedio": "9.33",
        "totalCreditos": "21.00",
        "creditosObtenidos": "21.00",
        "numeroCiclos": "2",
    },
}

DEFAULT_SUBJECTS: tuple[dict[str, str], ...] = (
    {
        "idAsignatura": "1010101",
        "ciclo": "2019-3",
        "calificacion": "9.00",
        "idObservaciones": "100",
        "idTipoAsignatura": "263",
        "creditos": "7.00",
    },
    {
        "idAsignatura": "1010102",
        "ciclo": "2019-3",
        "calificacion": "10",
        "idObservaciones": "100",
        "idTipoAsignatura": "263",
        "creditos": "7.00",
    },
    {
        "idAsignatura": "1010203",
        "ciclo": "2020-1",
        "calificacion": "9.00",
        "idObservaciones": "100",
        "idTipoAsignatura": "263",
        "creditos": "7.00",
    },
)

ORDER = ("ServicioFirmante", "Ipes", "Rvoe", "Carrera", "Alumno", "Expedicion", "Asignaturas")


@dataclass(frozen=True)
class Signer:
    """A private key and its DER certificate, shaped like a SAT e.firma."""

    key_pem: bytes
    cert_der: bytes
    number: str  # the 20-digit noCertificado

    def sign(self, data: bytes) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        key = _private_key(self.key_pem)
        return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")

    @property
    def cert_b64(self) -> str:
        return base64.b64encode(self.cert_der).decode("ascii")


@lru_cache(maxsize=32)
def _private_key(key_pem: bytes) -> Any:
    """The loaded RSA key (loading checks the key and costs ~0.1 s: once per key)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = serialization.load_pem_private_key(key_pem, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


@lru_cache(maxsize=32)
def make_signer(
    curp: str = "ROLM750312HDFDPR01",
    number: str = "00001000000512345678",
    not_before: dt.date = dt.date(2022, 1, 1),
    not_after: dt.date = dt.date(2027, 1, 1),
    key_size: int = 2048,
    rfc: str = "ROLM750312AB1",
    name: str = "MARIO RODRIGUEZ LOPEZ",
    organizational_unit: str | None = None,
) -> Signer:
    """An RSA key and a self-signed certificate whose serial is `number` in ASCII digits."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        x509.NameAttribute(NameOID.X500_UNIQUE_IDENTIFIER, rfc),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, curp),
    ]
    if organizational_unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, organizational_unit))
    subject = x509.Name(attributes)
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "AC DE PRUEBAS MEC-LINT (NO VALIDA)")])
    serial = int.from_bytes(number.encode("ascii"), "big")
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(dt.datetime.combine(not_before, dt.time(), tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime.combine(not_after, dt.time(), tzinfo=dt.timezone.utc))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Signer(key_pem, cert.public_bytes(serialization.Encoding.DER), number)


def make_certificate(
    overrides: Mapping[str, Mapping[str, str | None]] | None = None,
    subjects: Sequence[Mapping[str, str | None]] | None = None,
    signer: Signer | None = None,
    include_id_entidad: bool = True,
    after_sign: Mapping[str, Mapping[str, str | None]] | None = None,
    xml_declaration: bool = True,
) -> bytes:
    """A certificate with DEFAULTS, `overrides` ({element: {attr: value or None to drop}})
    and `subjects`; signed with `signer` if given, then `after_sign` applied (tampering)."""
    values = {name: dict(attrs) for name, attrs in DEFAULTS.items()}
    for name, attrs in (overrides or {}).items():
        values.setdefault(name, {}).update(attrs)  # type: ignore[arg-type]
    rows = [dict(s) for s in (DEFAULT_SUBJECTS if subjects is None else subjects)]
    root = _tree(values, rows)
    if signer is not None:
        from mec_lint.cadena import build
        from mec_lint.xmldoc import XmlDocument

        root.set("certificadoResponsable", signer.cert_b64)
        root.set("noCertificadoResponsable", signer.number)
        doc = XmlDocument("x.xml", root, b"", "UTF-8")
        root.set("sello", signer.sign(build(doc, include_id_entidad).encode("utf-8")))
    for name, attrs in (after_sign or {}).items():
        element = root if name == "Dec" else root.find(f".//{{{NAMESPACE}}}{name}")
        assert element is not None, name
        _apply(element, attrs)
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    if xml_declaration:
        return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body
    return body


def _apply(element: etree._Element, attrs: Mapping[str, str | None]) -> None:
    for attr, value in attrs.items():
        if value is None:
            element.attrib.pop(attr, None)
        else:
            element.set(attr, value)


def _tree(values: dict[str, dict[str, Any]], subjects: list[dict[str, Any]]) -> etree._Element:
    q = f"{{{NAMESPACE}}}"
    root = etree.Element(q + "Dec", nsmap={None: NAMESPACE})
    _apply(root, values["Dec"])
    for name in ORDER:
        element = etree.SubElement(root, q + name)
        _apply(element, values.get(name, {}))
        if name == "Ipes":
            _apply(etree.SubElement(element, q + "Responsable"), values.get("Responsable", {}))
        if name == "Asignaturas":
            for subject in subjects:
                _apply(etree.SubElement(element, q + "Asignatura"), subject)
    return root


def lint_bytes(
    raw: bytes,
    *,
    path: str = "certificado.xml",
    upload_date: dt.date = DEFAULT_UPLOAD_DATE,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    **config: Any,
) -> list[Finding]:
    from mec_lint.engine import Linter

    linter = Linter(Config(upload_date=upload_date, select=tuple(select), ignore=tuple(ignore), **config))
    return linter.lint_xml(path, raw).findings


def codes(findings: Iterable[Finding]) -> list[str]:
    return sorted({f.code for f in findings})


@dataclass(frozen=True)
class RuleCase:
    """One fixture for the harness: the XML and the codes that must (not) appear."""

    name: str
    xml: bytes
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()
    config: dict[str, Any] = field(default_factory=dict)


def check_rule_case(case: RuleCase) -> list[Finding]:
    findings = lint_bytes(case.xml, path=f"{case.name}.xml", **case.config)
    found = {f.code for f in findings}
    missing = [code for code in case.must_fire if code not in found]
    unexpected = [code for code in case.must_not_fire if code in found]
    assert not missing and not unexpected, (
        f"{case.name}: faltan {missing}, sobran {unexpected}; hallazgos: "
        + "; ".join(f"{f.code} {f.message}" for f in findings)
    )
    return findings


# -- the fixture-driven harness ---------------------------------------------------------------
# fixtures/rules/<CODE>/fail-*.{xml,zip,xlsx}  must report CODE
# fixtures/rules/<CODE>/pass-*.{xml,zip,xlsx}  must not report CODE
# fixtures/rules/<CODE>/config.yaml            optional: Config fields (upload_date, rule_options, …)
# fixtures/rules/<CODE>/<fixture name>.yaml     optional: Config fields for that fixture only
# (a relative layout_path is resolved against the fixture folder)


@dataclass(frozen=True)
class FixtureCase:
    code: str
    path: str
    must_fire: bool
    config: dict[str, Any]

    @property
    def id(self) -> str:
        import os

        return f"{self.code}/{os.path.basename(self.path)}"


def fixture_cases(root: str) -> list[FixtureCase]:
    """Every fail-/pass- fixture under `root` (a folder of <CODE>/ folders)."""
    import os

    import yaml

    cases: list[FixtureCase] = []
    if not os.path.isdir(root):
        return cases
    for code in sorted(os.listdir(root)):
        folder = os.path.join(root, code)
        if not os.path.isdir(folder):
            continue
        config: dict[str, Any] = {}
        config_file = os.path.join(folder, "config.yaml")
        if os.path.exists(config_file):
            with open(config_file, encoding="utf-8") as handle:
                config = yaml.safe_load(handle) or {}
            if isinstance(config.get("baseline"), str):  # relative to the fixture folder
                config["baseline"] = os.path.join(folder, config["baseline"])
        for name in sorted(os.listdir(folder)):
            if name.startswith(("fail-", "pass-")) and not name.endswith(".yaml"):
                case_config = dict(config)
                sidecar = os.path.join(folder, name + ".yaml")  # optional per-file Config fields
                if os.path.exists(sidecar):
                    with open(sidecar, encoding="utf-8") as handle:
                        case_config.update(yaml.safe_load(handle) or {})
                if isinstance(case_config.get("layout_path"), str):  # relative to the fixture folder
                    case_config["layout_path"] = os.path.join(folder, case_config["layout_path"])
                cases.append(
                    FixtureCase(code, os.path.join(folder, name), name.startswith("fail-"), case_config)
                )
    return cases


def run_fixture_case(case: FixtureCase, registry: Any = None) -> list[Finding]:
    """Lint the fixture through the engine and assert the expectation; returns the findings.

    `registry`: for plugin authors, `registry_with(my_rules_module)` runs a plugin's rules
    without installing it; by default the installed rules and plugins."""
    from mec_lint.config import load_config
    from mec_lint.engine import Linter

    values: dict[str, Any] = {"upload_date": DEFAULT_UPLOAD_DATE}
    values.update(case.config)
    linter = Linter(load_config(values, discover=False), registry=registry)
    run = linter.run([case.path])
    findings = run.findings
    fired = [f for f in findings if f.code == case.code]
    detail = "; ".join(f"{f.code} {f.message}" for f in findings) or "(sin hallazgos)"
    if case.must_fire:
        assert fired, f"{case.id}: se esperaba {case.code}; hallazgos: {detail}"
    else:
        assert not fired, f"{case.id}: {case.code} no debía aparecer; hallazgos: {detail}"
    return findings


def registry_with(*modules: Any, source: str = "plugin:test") -> Any:
    """A registry of the built-in rules plus `modules` (rule modules of a plugin under test)."""
    import importlib

    from mec_lint.registry import Registry, builtin_modules

    registry = Registry()
    for name in builtin_modules():
        registry.add_module(importlib.import_module(name))
    for module in modules:
        registry.add_module(module, source=source)
    return registry
