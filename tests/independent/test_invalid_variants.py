"""One mutation per rule of the issue texts: severity, place (xpath, attribute) and line are asserted."""

from __future__ import annotations

import base64
import datetime as dt
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from indep_dec_cli import describe, lint
from indep_dec_gen import Cert, Subject, default_subjects, make_curp, make_signer, sign

A = "/Dec/Asignaturas/Asignatura"


@dataclass
class Case:
    build: Callable[[], Cert | bytes]
    severity: str
    xpath: str | tuple[str, ...]
    attribute: str | None | tuple[str | None, ...]
    upload: str = "2024-09-01"
    args: tuple[str, ...] = ()
    message: str | None = None  # a regex the message must match
    extra: dict[str, Any] = field(default_factory=dict)


def _with_subject(i: int, **changes: Any) -> Cert:
    subjects = default_subjects(6)
    old = subjects[i]
    subjects[i] = Subject(**{**old.__dict__, **changes})
    return Cert(subjects=subjects)


def _subjects_cycles(cycles: list[str], obs: list[str | None] | None = None) -> Cert:
    obs = obs or ["100"] * len(cycles)
    return Cert(
        subjects=[Subject(id=str(100 + i), ciclo=c, obs=o) for i, (c, o) in enumerate(zip(cycles, obs))]
    )


def _tampered() -> Cert:
    signed = Cert()
    return Cert(alumno_nombre="ANNA", sign_override=sign(make_signer(), signed.cadena()))


def _replace(xml: bytes, old: str, new: str) -> bytes:
    text = xml.decode("utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def _pem_cert() -> bytes:
    b64 = base64.b64encode(make_signer().cert_der).decode()
    pem = "-----BEGIN CERTIFICATE-----\n" + "\n".join(textwrap.wrap(b64, 64)) + "\n-----END CERTIFICATE-----"
    return Cert(cert_override=pem).xml()


def _wrapped_cert() -> Cert:
    b64 = base64.b64encode(make_signer().cert_der).decode()
    return Cert(cert_override="\n".join(textwrap.wrap(b64, 76)))


def _hex_serial() -> Cert:
    return Cert(no_cert_override=make_signer().serial20.encode().hex()[:20])


OTHER_CURP = make_curp("SAVE", dt.date(1968, 9, 4), "M", "JC", "NRL", "0")
GOOD_BIRTH_CURP_BODY = "GAPA011323MDFRRNA"  # month 13


def _curp(body17: str) -> str:
    from indep_dec_gen import curp_check_digit

    return body17 + curp_check_digit(body17)


CASES: dict[str, Case] = {
    # ---------------------------------------------------------------- version / namespace / attributes
    "version-2.0": Case(lambda: Cert(version="2.0"), "error", "/Dec", "version"),
    "tipoCertificado-9": Case(lambda: Cert(tipo_certificado="9"), "error", "/Dec", "tipoCertificado"),
    "namespace-wrong": Case(
        lambda: _replace(
            Cert().xml(),
            'xmlns="https://www.siged.sep.gob.mx/certificados/"',
            'xmlns="http://www.siged.sep.gob.mx/certificados/"',
        ),
        "error",
        "/Dec",
        ("xmlns", None),
    ),  # fmt: skip
    "namespace-none": Case(
        lambda: _replace(Cert().xml(), ' xmlns="https://www.siged.sep.gob.mx/certificados/"', ""),
        "error",
        "/Dec",
        ("xmlns", None),
    ),  # fmt: skip
    "foto-2.0": Case(lambda: Cert(extra={"Alumno": {"foto": ""}}), "error", "/Dec/Alumno", "foto"),
    "firmaAutografa-2.0": Case(
        lambda: Cert(extra={"Alumno": {"firmaAutografa": "x"}}), "error", "/Dec/Alumno", "firmaAutografa"
    ),
    "unknown-attribute": Case(
        lambda: Cert(extra={"Carrera": {"modalidad": "ESCOLAR"}}), "error", "/Dec/Carrera", "modalidad"
    ),  # fmt: skip
    # ---------------------------------------------------------------- ids
    **{
        f"idCarrera-{v!r}": Case(lambda v=v: Cert(id_carrera=v), "error", "/Dec/Carrera", "idCarrera")
        for v in ("0101", "101.0", " 101", "+101", "-101", "0", "1 01", "1e2", "١٠١")
    },
    **{
        f"idAsignatura-{v!r}": Case(lambda v=v: _with_subject(2, id=v), "error", f"{A}[3]", "idAsignatura")
        for v in ("01010103", "1010103.0", "-3", "10 10", "")
    },
    "idAsignatura-repeated": Case(lambda: _with_subject(4, id="1010102"), "error", f"{A}[5]", "idAsignatura"),
    # ---------------------------------------------------------------- ciclo
    **{
        f"ciclo-{v!r}": Case(lambda v=v: _with_subject(1, ciclo=v), "error", f"{A}[2]", "ciclo")
        for v in ("2019/1", "19-1", "2019-0", "2019-A", "2019", "2019-1-1", "")
    },
    "ciclo-period-beyond-type": Case(
        lambda: Cert(
            id_tipo_periodo="91",
            tipo_periodo="SEMESTRE",
            subjects=[Subject(id="1", ciclo="2019-1"), Subject(id="2", ciclo="2019-3")],
        ),
        "warning",
        f"{A}[2]",
        "ciclo",
    ),  # fmt: skip
    "ciclo-order-break-ordinary": Case(
        lambda: _subjects_cycles(["2019-1", "2019-1", "2021-1", "2019-2", "2019-2", "2019-3"]),
        "error",
        f"{A}[3]",
        ("ciclo", "idObservaciones"),
    ),  # fmt: skip
    "ciclo-order-break-no-observation": Case(
        lambda: _subjects_cycles(
            ["2019-1", "2019-1", "2021-1", "2019-2", "2019-2", "2019-3"],
            ["100", "100", None, "100", "100", "100"],
        ),
        "error",
        f"{A}[3]",
        ("ciclo", "idObservaciones"),
    ),  # fmt: skip
    "ciclo-order-earlier-at-end": Case(
        lambda: _subjects_cycles(["2019-1", "2019-1", "2019-2", "2019-2", "2019-3", "2019-1"]),
        "error",
        f"{A}[6]",
        ("ciclo", "idObservaciones"),
    ),  # fmt: skip
    # ---------------------------------------------------------------- fecha de expedición
    "fecha-same-day-as-upload": Case(
        lambda: Cert(fecha=dt.date(2024, 9, 1)), "error", "/Dec/Expedicion", "fecha"
    ),
    "fecha-after-upload": Case(lambda: Cert(fecha=dt.date(2024, 9, 5)), "error", "/Dec/Expedicion", "fecha"),
    "fecha-91-days": Case(lambda: Cert(fecha=dt.date(2024, 6, 2)), "error", "/Dec/Expedicion", "fecha"),
    "fecha-window-closing": Case(
        lambda: Cert(fecha=dt.date(2024, 6, 5)),
        "warning",
        "/Dec/Expedicion",
        "fecha",
        message=r"(2024-09-03|03/09/2024|3 de septiembre)",
    ),  # fmt: skip
    # ---------------------------------------------------------------- CURP
    "curp-lowercase": Case(lambda: Cert(alumno_curp="gapa010523mdfrrna3"), "error", "/Dec/Alumno", "curp"),
    "curp-short": Case(lambda: Cert(alumno_curp="GAPA010523MDFRRN3"), "error", "/Dec/Alumno", "curp"),
    "curp-bad-birth-date": Case(
        lambda: Cert(alumno_curp=_curp("GAPA011323MDFRRNA")), "error", "/Dec/Alumno", "curp"
    ),
    "curp-feb-30": Case(lambda: Cert(alumno_curp=_curp("GAPA010230MDFRRNA")), "error", "/Dec/Alumno", "curp"),
    "curp-bad-state": Case(
        lambda: Cert(alumno_curp=_curp("GAPA010523MXXRRNA")), "error", "/Dec/Alumno", "curp"
    ),
    "curp-check-digit": Case(lambda: Cert(alumno_curp="GAPA010523MDFRRNA4"), "error", "/Dec/Alumno", "curp"),
    "curp-responsable-check-digit": Case(
        lambda: Cert(resp_curp="ROLM750312HDFDPR04", signer=make_signer(curp="ROLM750312HDFDPR04")),
        "error",
        "/Dec/Ipes/Responsable",
        "curp",
    ),  # fmt: skip
    "curp-extranjero-lowercase": Case(lambda: Cert(alumno_curp="extranjero"), "error", "/Dec/Alumno", "curp"),
    "curp-extranjera": Case(lambda: Cert(alumno_curp="EXTRANJERA"), "error", "/Dec/Alumno", "curp"),
    "curp-responsable-extranjero": Case(
        lambda: Cert(resp_curp="EXTRANJERO", signer=make_signer(curp="EXTRANJERO")),
        "error",
        "/Dec/Ipes/Responsable",
        "curp",
    ),  # fmt: skip
    "curp-birth-mismatch": Case(
        lambda: Cert(
            nacimiento=dt.date(2001, 5, 23), alumno_curp=make_curp("GAPA", dt.date(2001, 5, 24), "M")
        ),
        "warning",
        "/Dec/Alumno",
        ("curp", "fechaNacimiento"),
    ),  # fmt: skip
    "curp-gender-mismatch": Case(
        lambda: Cert(id_genero="251", alumno_curp=make_curp("GAPA", dt.date(2001, 5, 23), "M")),
        "warning",
        "/Dec/Alumno",
        ("curp", "idGenero"),
    ),  # fmt: skip
    # ---------------------------------------------------------------- numeroCiclos
    **{
        f"numeroCiclos-{v!r}": Case(
            lambda v=v: Cert(numero_ciclos=v), "error", "/Dec/Asignaturas", "numeroCiclos"
        )
        for v in ("0", "1.5", "-1", "tres", "03")
    },
    "numeroCiclos-differs": Case(
        lambda: Cert(numero_ciclos="5"), "warning", "/Dec/Asignaturas", "numeroCiclos"
    ),
    # ---------------------------------------------------------------- ServicioFirmante
    "servicio-firmante-absent": Case(
        lambda: Cert(servicio_firmante=False, include_id_entidad_in_cadena=False),
        "error",
        ("/Dec", "/Dec/ServicioFirmante"),
        (None, "idEntidad"),
    ),  # fmt: skip
    "id-entidad-state": Case(lambda: Cert(id_entidad="09"), "error", "/Dec/ServicioFirmante", "idEntidad"),
    # ---------------------------------------------------------------- catalogs
    "cat-idCargo": Case(lambda: Cert(id_cargo="9", cargo=None), "error", "/Dec/Ipes/Responsable", "idCargo"),
    "cat-idGenero": Case(lambda: Cert(id_genero="252"), "error", "/Dec/Alumno", "idGenero"),
    "cat-idTipoPeriodo": Case(
        lambda: Cert(id_tipo_periodo="95", tipo_periodo=None), "error", "/Dec/Carrera", "idTipoPeriodo"
    ),  # fmt: skip
    "cat-idNivelEstudios": Case(
        lambda: Cert(id_nivel="86", nivel=None), "error", "/Dec/Carrera", "idNivelEstudios"
    ),
    "cat-idTipoCertificacion": Case(
        lambda: Cert(id_tipo_certificacion="81", tipo_certificacion=None),
        "error",
        "/Dec/Expedicion",
        "idTipoCertificacion",
    ),  # fmt: skip
    "cat-idTipoAsignatura": Case(
        lambda: _with_subject(3, tipo="267"), "error", f"{A}[4]", "idTipoAsignatura"
    ),
    "cat-idObservaciones": Case(lambda: _with_subject(3, obs="99"), "error", f"{A}[4]", "idObservaciones"),
    "cat-idObservaciones-disputed": Case(
        lambda: _with_subject(3, obs="105"), "warning", f"{A}[4]", "idObservaciones"
    ),  # fmt: skip
    "cat-idEntidadFederativa-33": Case(
        lambda: Cert(id_entidad_federativa="33", entidad_federativa=None),
        "error",
        "/Dec/Ipes",
        "idEntidadFederativa",
    ),
    "cat-idEntidadFederativa-9": Case(
        lambda: Cert(id_entidad_federativa="9", entidad_federativa=None),
        "error",
        "/Dec/Ipes",
        "idEntidadFederativa",
    ),
    "cat-idLugarExpedicion-00": Case(
        lambda: Cert(id_lugar="00", lugar=None), "error", "/Dec/Expedicion", "idLugarExpedicion"
    ),  # fmt: skip
    # ---------------------------------------------------------------- dates
    **{
        f"fechaNacimiento-{v!r}": Case(
            lambda v=v: Cert(fecha_nacimiento=v), "error", "/Dec/Alumno", "fechaNacimiento"
        )
        for v in (
            "2001-05-23",
            "2001-02-30T00:00:00",
            "2001-05-23T12:00:00",
            "2001-05-23T00:00:00Z",
            "23/05/2001",
            "2001-05-23T00:00:00.000",
        )
    },  # fmt: skip
    "rvoe-date-format": Case(lambda: Cert(rvoe_fecha="2018-06-15"), "error", "/Dec/Rvoe", "fechaExpedicion"),
    "expedicion-date-format": Case(
        lambda: Cert(fecha_text="2024-08-20T00:00:01"), "error", "/Dec/Expedicion", "fecha"
    ),  # fmt: skip
    "birth-after-issue": Case(
        lambda: Cert(nacimiento=dt.date(2024, 8, 21)), "error", "/Dec/Alumno", "fechaNacimiento"
    ),  # fmt: skip
    "rvoe-after-issue": Case(
        lambda: Cert(rvoe_fecha="2024-08-21T00:00:00"), "error", "/Dec/Rvoe", "fechaExpedicion"
    ),
    # ---------------------------------------------------------------- totals
    "asignadas-wrong": Case(lambda: Cert(asignadas="5", total="6"), "error", "/Dec/Asignaturas", "asignadas"),
    "asignadas-counts-266": Case(
        lambda: Cert(
            subjects=default_subjects(4) + [Subject(id="9", ciclo="2020-2", tipo="266")],
            asignadas="5",
            total="5",
            total_creditos="35.00",
            creditos_obtenidos="28.00",
        ),
        "error",
        "/Dec/Asignaturas",
        "asignadas",
    ),  # fmt: skip
    "total-below-asignadas": Case(
        lambda: Cert(total="5", id_tipo_certificacion="80", tipo_certificacion="PARCIAL"),
        "error",
        "/Dec/Asignaturas",
        "total",
    ),  # fmt: skip
    "total-above-asignadas-in-79": Case(lambda: Cert(total="7"), "error", "/Dec/Asignaturas", "total"),
    "promedio-wrong": Case(lambda: Cert(promedio="8.40"), "error", "/Dec/Asignaturas", "promedio"),
    "promedio-includes-266": Case(
        lambda: Cert(
            subjects=default_subjects(2) + [Subject(id="9", ciclo="2020-2", tipo="266", calificacion="6.00")],
            promedio="8.33",
        ),
        "error",
        "/Dec/Asignaturas",
        "promedio",
    ),  # fmt: skip
    "creditosObtenidos-wrong": Case(
        lambda: Cert(creditos_obtenidos="41.00", total_creditos="42.00"),
        "error",
        "/Dec/Asignaturas",
        "creditosObtenidos",
    ),  # fmt: skip
    "totalCreditos-below": Case(
        lambda: Cert(total_creditos="40.00", id_tipo_certificacion="80", tipo_certificacion="PARCIAL"),
        "error",
        "/Dec/Asignaturas",
        "totalCreditos",
    ),  # fmt: skip
    "totalCreditos-above-in-79": Case(
        lambda: Cert(total_creditos="50.00"), "error", "/Dec/Asignaturas", "totalCreditos"
    ),  # fmt: skip
    # ---------------------------------------------------------------- grades
    "grade-above-max": Case(
        lambda: _with_subject(2, calificacion="11.00"), "error", f"{A}[3]", "calificacion"
    ),
    "grade-below-min": Case(
        lambda: _with_subject(2, calificacion="4.00"), "error", f"{A}[3]", "calificacion"
    ),
    "grade-failing": Case(lambda: _with_subject(2, calificacion="5.50"), "error", f"{A}[3]", "calificacion"),
    "grade-format-one-decimal": Case(
        lambda: _with_subject(2, calificacion="9.5"), "warning", f"{A}[3]", "calificacion"
    ),  # fmt: skip
    "grade-format-10.00": Case(
        lambda: _with_subject(1, calificacion="10.00"), "warning", f"{A}[2]", "calificacion"
    ),
    "grade-format-integer": Case(
        lambda: _with_subject(0, calificacion="9"), "warning", f"{A}[1]", "calificacion"
    ),
    "credit-format": Case(lambda: _with_subject(0, creditos="7"), "warning", f"{A}[1]", "creditos"),
    "grade-unknown-letters": Case(
        lambda: _with_subject(0, calificacion="NA"), "error", f"{A}[1]", "calificacion"
    ),
    # ---------------------------------------------------------------- RVOE / plan
    **{
        f"rvoe-{v!r}": Case(lambda v=v: Cert(rvoe_numero=v), "error", "/Dec/Rvoe", "numero")
        for v in ("acuerdo 1980", "Decreto", "RVOE-2018", "", "ACUERDO-1980", "2018 1234")
    },
    "clavePlan-empty": Case(lambda: Cert(clave_plan=""), "error", "/Dec/Carrera", "clavePlan"),
    # ---------------------------------------------------------------- seal
    "cert-pem": Case(_pem_cert, "error", "/Dec", "certificadoResponsable"),
    "cert-wrapped": Case(_wrapped_cert, "error", "/Dec", "certificadoResponsable"),
    "cert-garbage": Case(lambda: Cert(cert_override="MIIBAAAA"), "error", "/Dec", "certificadoResponsable"),
    "noCertificado-hex": Case(_hex_serial, "error", "/Dec", "noCertificadoResponsable"),
    "noCertificado-other": Case(
        lambda: Cert(no_cert_override="00001000000512345679"), "error", "/Dec", "noCertificadoResponsable"
    ),  # fmt: skip
    "cert-expired-at-issue": Case(
        lambda: Cert(
            signer=make_signer(
                serial20="00001000000600000001", not_before=dt.date(2020, 1, 1), not_after=dt.date(2024, 8, 1)
            )
        ),
        "error",
        ("/Dec/Expedicion", "/Dec"),
        ("fecha", "certificadoResponsable"),
    ),  # fmt: skip
    "cert-not-yet-valid-at-issue": Case(
        lambda: Cert(signer=make_signer(serial20="00001000000600000002", not_before=dt.date(2024, 8, 25))),
        "error",
        ("/Dec/Expedicion", "/Dec"),
        ("fecha", "certificadoResponsable"),
    ),  # fmt: skip
    "cert-expires-soon": Case(
        lambda: Cert(signer=make_signer(serial20="00001000000600000003", not_after=dt.date(2024, 9, 20))),
        "warning",
        "/Dec",
        "certificadoResponsable",
    ),  # fmt: skip
    "cert-expired-at-upload": Case(
        lambda: Cert(signer=make_signer(serial20="00001000000600000004", not_after=dt.date(2024, 8, 25))),
        "error",
        "/Dec",
        "certificadoResponsable",
    ),  # fmt: skip
    "cert-curp-other-person": Case(
        lambda: Cert(signer=make_signer(curp=OTHER_CURP, serial20="00001000000600000005")),
        "error",
        ("/Dec/Ipes/Responsable", "/Dec"),
        ("curp", "certificadoResponsable"),
    ),  # fmt: skip
    "sello-tampered": Case(_tampered, "error", "/Dec", "sello"),
    "sello-sha1": Case(lambda: Cert(hash_name="sha1"), "error", "/Dec", "sello"),
    "sello-wrapped": Case(
        lambda: _replace(Cert().xml(), 'sello="', 'sello="\n'), "error", "/Dec", "sello"
    ),  # fmt: skip
    "sello-without-id-entidad": Case(
        lambda: Cert(include_id_entidad_in_cadena=False), "warning", "/Dec", "sello"
    ),
    "sello-without-id-entidad-trim-only-blanks": Case(
        lambda: Cert(include_id_entidad_in_cadena=False, alumno_nombre="JOSÉ  LUIS", cadena_mode="trim"),
        "warning",
        "/Dec",
        "sello",
    ),  # fmt: skip
    "sello-tampered-blanks": Case(
        lambda: Cert(
            alumno_nombre="JOSÉ  LUIS",
            sign_override=sign(make_signer(), Cert(alumno_nombre="JOSÉ LUISA").cadena()),
        ),
        "error",
        "/Dec",
        "sello",
    ),  # fmt: skip
    "sello-with-id-entidad-but-switch": Case(
        lambda: Cert(), "warning", "/Dec", "sello", args=("--cadena-sin-id-entidad",)
    ),  # fmt: skip
    "cert-csd-like": Case(
        lambda: Cert(signer=make_signer(serial20="00001000000600000006", org_unit="SUCURSAL CENTRO")),
        "warning",
        "/Dec",
        "certificadoResponsable",
    ),  # fmt: skip
    "cert-rsa-1024": Case(
        lambda: Cert(signer=make_signer(serial20="00001000000600000007", key_bits=1024)),
        "warning",
        "/Dec",
        "certificadoResponsable",
    ),  # fmt: skip
}


def _element_line(xml: bytes, xpath: str) -> int | None:
    last = xpath.rsplit("/", 1)[-1]
    match = re.fullmatch(r"([A-Za-z]+)(?:\[(\d+)\])?", last)
    assert match, xpath
    tag, index = match[1], int(match[2] or 1)
    seen = 0
    for number, line in enumerate(xml.decode("utf-8").split("\n"), start=1):
        if re.search(rf"<(\w+:)?{tag}[\s/>]", line) or re.search(rf"<(\w+:)?{tag}$", line.rstrip("\r")):
            seen += 1
            if seen == index:
                return number
    return None


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("name", sorted(CASES))
def test_mutation_is_reported_in_place(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    built = case.build()
    xml = built.xml() if isinstance(built, Cert) else built
    path = tmp_path / "cert.xml"
    path.write_bytes(xml)
    code, data = lint(path, *case.args, upload=case.upload)
    xpaths, attributes = _as_tuple(case.xpath), _as_tuple(case.attribute)
    hits = [
        f
        for f in data["findings"]
        if f["severity"] == case.severity and f["xpath"] in xpaths and f["attribute"] in attributes
    ]
    assert hits, f"no {case.severity} at {xpaths} @{attributes}; got:\n{describe(data)}"
    if case.severity == "error":
        assert code == 1
    else:
        # a warning case must not also produce errors (the mutation only deserves a warning)
        assert data["summary"]["errors"] == 0, describe(data)
        assert code == 0
    expected_line = _element_line(xml, hits[0]["xpath"])
    assert hits[0]["line"] == expected_line, describe(data)
    if case.message:
        assert any(re.search(case.message, h["message"]) for h in hits), describe(data)


def test_zip_duplicate_student_and_mixed_signers(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "lote.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.xml", Cert(numero_control="A1").xml())
        zf.writestr("b.xml", Cert(numero_control="A1", folio_control="X").xml())  # same CURP, same career
        zf.writestr(
            "c.xml",
            Cert(numero_control="C3", folio_control="Y", nacimiento=dt.date(2003, 3, 3), resp_curp=OTHER_CURP,
                 signer=make_signer(curp=OTHER_CURP, serial20="00001000000600000008")).xml(),
        )  # fmt: skip
    code, data = lint(archive)
    assert code == 1
    assert any(f["severity"] == "error" and f["xpath"] == "/Dec/Alumno" for f in data["findings"]), describe(
        data
    )
    assert any(
        f["severity"] == "error" and f["xpath"] in ("/Dec", "/Dec/Ipes/Responsable") for f in data["findings"]
    ), describe(data)


def test_zip_with_folder_is_an_error(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "lote.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("carpeta/a.xml", Cert().xml())
    code, data = lint(archive)
    assert code == 1, describe(data)


def _attribute_line(xml: bytes, xpath: str, attribute: str | None) -> int | None:
    """The line where `attribute` is written in the start tag of `xpath` (or where the tag begins)."""
    start = _element_line(xml, xpath)
    if start is None or attribute is None:
        return start
    lines = xml.decode("utf-8").split("\n")
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if re.search(rf"(^|\s){re.escape(attribute)}\s*=", line):
            return number
        if number > start and line.lstrip().startswith("<"):
            break
    return start


MULTILINE = [name for name, case in sorted(CASES.items()) if isinstance(case.build(), Cert)]


@pytest.mark.parametrize("name", MULTILINE)
def test_line_points_at_the_attribute_when_attributes_span_lines(name: str, tmp_path: Path) -> None:
    """Generators that write one attribute per line (CRLF too): the finding points at the attribute's line."""
    case = CASES[name]
    built = case.build()
    assert isinstance(built, Cert)
    xml = built.copy(attr_per_line=True, newline="\r\n").xml()
    path = tmp_path / "cert.xml"
    path.write_bytes(xml)
    _, data = lint(path, *case.args, upload=case.upload)
    xpaths, attributes = _as_tuple(case.xpath), _as_tuple(case.attribute)
    hits = [
        f
        for f in data["findings"]
        if f["severity"] == case.severity and f["xpath"] in xpaths and f["attribute"] in attributes
    ]
    assert hits, describe(data)
    for hit in hits:
        assert hit["line"] == _attribute_line(xml, hit["xpath"], hit["attribute"]), describe(data)
