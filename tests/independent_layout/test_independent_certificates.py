"""Certificates against a layout written by the independent generator (layout.md «Certificate against
layout»): silent on a match in every storage style, each mismatch names the XML attribute and the cell."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import gen  # noqa: E402

from mec_lint.config import Config  # noqa: E402
from mec_lint.engine import Linter  # noqa: E402
from mec_lint.findings import Finding  # noqa: E402
from mec_lint.testing import DEFAULT_SUBJECTS, make_certificate, make_signer  # noqa: E402

UPLOAD = dt.date(2024, 9, 1)


def lint(tmp_path: Path, layout: bytes, certs: dict[str, bytes], **config: Any) -> tuple[list[Finding], int]:
    (tmp_path / "programa.xlsx").write_bytes(layout)
    folder = tmp_path / "certs"
    folder.mkdir(exist_ok=True)
    for name, raw in certs.items():
        (folder / name).write_bytes(raw)
    cfg = Config(upload_date=UPLOAD, jobs=1, layout_path=str(tmp_path / "programa.xlsx"), **config)
    result = Linter(cfg).run([str(folder)])
    return result.findings, result.exit_code


def show(findings: list[Finding]) -> str:
    return "\n".join(
        f"{f.code} {f.path}:{f.line} {f.attribute}={f.value!r} [{f.sheet}!{f.cell}] {f.message}"
        for f in findings
    )


# A certificate of carrera 102 (semester plan, 0-100 scale, ACUERDO 1980, pre-1998 DGES key).
DERECHO = {
    "Rvoe": {"numero": "ACUERDO 1980", "fechaExpedicion": "1980-03-01T00:00:00"},
    "Carrera": {
        "idCarrera": "102",
        "nombreCarrera": "LICENCIATURA EN DERECHO",
        "idTipoPeriodo": "91",
        "tipoPeriodo": "SEMESTRE",
        "clavePlan": "DGES 123456789123",
        "calificacionMinima": "0",
        "calificacionMaxima": "100",
        "calificacionMinimaAprobatoria": "70.00",
    },
    "Asignaturas": {
        "total": "2",
        "asignadas": "2",
        "promedio": "85.00",
        "totalCreditos": "16.50",
        "creditosObtenidos": "16.50",
        "numeroCiclos": "8",
    },
}
DERECHO_SUBJECTS = [
    {
        "idAsignatura": "1020101",
        "ciclo": "2019-1",
        "calificacion": "80",
        "idObservaciones": "100",
        "idTipoAsignatura": "263",
        "creditos": "8.25",
    },
    {
        "idAsignatura": "1020102",
        "ciclo": "2019-1",
        "calificacion": "90",
        "idObservaciones": "100",
        "idTipoAsignatura": "264",
        "creditos": "8.25",
    },
]
PARTIAL = {
    "Expedicion": {"idTipoCertificacion": "80", "tipoCertificacion": "PARCIAL"},
    "Asignaturas": {"numeroCiclos": "1"},
}
# Carrera 201 at the second campus (Estado de México), yearly plan, maestría.
MAESTRIA = {
    "Ipes": {
        "idCampus": "150001",
        "campus": "TOLUCA",
        "idEntidadFederativa": "15",
        "entidadFederativa": "MÉXICO",
    },
    "Rvoe": {"numero": "DECRETO", "fechaExpedicion": "2001-12-31T00:00:00"},
    "Carrera": {
        "idCarrera": "201",
        "nombreCarrera": "MAESTRÍA EN EDUCACIÓN",
        "idTipoPeriodo": "262",
        "tipoPeriodo": "ANUAL",
        "clavePlan": "2001",
        "idNivelEstudios": "82",
        "nivelEstudios": "MAESTRÍA",
        "calificacionMinima": "5",
        "calificacionMaxima": "10",
        "calificacionMinimaAprobatoria": "7",
    },
    "Asignaturas": {
        "total": "1",
        "asignadas": "1",
        "promedio": "9.00",
        "totalCreditos": "8",
        "creditosObtenidos": "8",
        "numeroCiclos": "1",
    },
}
MAESTRIA_SUBJECTS = [
    {
        "idAsignatura": "2010101",
        "ciclo": "2023-1",
        "calificacion": "9",
        "idTipoAsignatura": "263",
        "creditos": "8.00",
    },
]


def _merge(base: dict[str, dict[str, str]], extra: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged = {k: dict(v) for k, v in base.items()}
    for element, attrs in extra.items():
        merged.setdefault(element, {}).update(attrs)
    return merged


@pytest.mark.parametrize("style_name", sorted(gen.VALID_STYLES))
def test_matching_certificates_are_clean_with_xly(tmp_path: Path, style_name: str) -> None:
    layout = gen.build(gen.VALID_STYLES[style_name]).raw
    certs = {
        "a.xml": make_certificate(),
        "b.xml": make_certificate(
            _merge(DERECHO, {"Alumno": {"curp": "LOPJ000101HDFPRNA1", "idGenero": "251"}}),
            DERECHO_SUBJECTS,
        ),
        "c.xml": make_certificate(MAESTRIA, MAESTRIA_SUBJECTS),
    }
    findings, _ = lint(tmp_path, layout, certs, select=("XLY",))
    assert findings == [], show(findings)


def test_default_certificate_is_clean_with_every_rule(tmp_path: Path) -> None:
    certs = {
        "a.xml": make_certificate(signer=make_signer()),
        "b.xml": make_certificate(
            _merge(DERECHO, PARTIAL),
            [dict(s, calificacion=s["calificacion"] + ".00") for s in DERECHO_SUBJECTS],
            signer=make_signer(),
        ),
    }
    findings, exit_code = lint(tmp_path, gen.build(gen.VALID_STYLES["everything"]).raw, certs)
    assert findings == [], show(findings)
    assert exit_code == 0


def test_numbers_compared_as_numbers(tmp_path: Path) -> None:
    """Layout 6 vs XML 6.00, 7 vs 7.00, 5.0 vs 5, 21 vs 21.00 (also when the layout holds text)."""
    for style in (gen.Style(other_numbers="float"), gen.Style(other_numbers="text")):
        cert = make_certificate(
            {
                "Carrera": {
                    "calificacionMinima": "5.00",
                    "calificacionMaxima": "10.00",
                    "calificacionMinimaAprobatoria": "6",
                },
                "Asignaturas": {"totalCreditos": "21"},
            },
            [dict(s, creditos="7") for s in DEFAULT_SUBJECTS],
        )
        findings, _ = lint(tmp_path, gen.build(style).raw, {"a.xml": cert}, select=("XLY",))
        assert findings == [], show(findings)


# (id, overrides of the certificate, subjects or None, code, XML attribute, layout (sheet, column, index) or None)
MISMATCHES: list[tuple[str, dict[str, dict[str, str]], list[dict[str, str]] | None, str, str, Any]] = [
    ("institucion", {"Ipes": {"idNombreInstitucion": "20872"}}, None, "XLY002", "idNombreInstitucion", None),
    ("id-entidad", {"ServicioFirmante": {"idEntidad": "20872"}}, None, "XLY002", "idEntidad", None),
    ("campus-unknown", {"Ipes": {"idCampus": "090873"}}, None, "XLY003", "idCampus", None),
    (
        "campus-entidad",
        {"Ipes": {"idEntidadFederativa": "15", "entidadFederativa": "MÉXICO"}},
        None,
        "XLY003",
        "idEntidadFederativa",
        ("CAMPUS", "ID_ENTIDAD_FEDERATIVA", 0),
    ),
    ("carrera-unknown", {"Carrera": {"idCarrera": "103"}}, None, "XLY004", "idCarrera", None),
    (
        "carrera-other-campus",
        {"Carrera": {"idCarrera": "201"}},
        None,
        "XLY004",
        "idCarrera",
        ("CARRERAS", "ID_CAMPUS", 2),
    ),
    ("rvoe-numero", {"Rvoe": {"numero": "20181235"}}, None, "XLY005", "numero", ("CARRERAS", "NO_RVOE", 0)),
    (
        "rvoe-fecha",
        {"Rvoe": {"fechaExpedicion": "2018-06-16T00:00:00"}},
        None,
        "XLY005",
        "fechaExpedicion",
        ("CARRERAS", "FECHA_RVOE", 0),
    ),
    (
        "clave-plan",
        {"Carrera": {"clavePlan": "2019"}},
        None,
        "XLY006",
        "clavePlan",
        ("CARRERAS", "CLAVE_PLAN", 0),
    ),
    (
        "nivel",
        {"Carrera": {"idNivelEstudios": "82", "nivelEstudios": "MAESTRÍA"}},
        None,
        "XLY006",
        "idNivelEstudios",
        ("CARRERAS", "ID_NIVEL_ESTUDIOS", 0),
    ),
    (
        "periodo",
        {"Carrera": {"idTipoPeriodo": "91", "tipoPeriodo": "SEMESTRE"}},
        None,
        "XLY006",
        "idTipoPeriodo",
        ("CARRERAS", "ID_TIPO_PERIODO", 0),
    ),
    (
        "calif-minima",
        {"Carrera": {"calificacionMinima": "0"}},
        None,
        "XLY006",
        "calificacionMinima",
        ("CARRERAS", "CALIF_MINIMA", 0),
    ),
    (
        "calif-maxima",
        {"Carrera": {"calificacionMaxima": "100"}},
        None,
        "XLY006",
        "calificacionMaxima",
        ("CARRERAS", "CALIF_MAXIMA", 0),
    ),
    (
        "calif-aprobatoria",
        {"Carrera": {"calificacionMinimaAprobatoria": "7.00"}},
        None,
        "XLY006",
        "calificacionMinimaAprobatoria",
        ("CARRERAS", "CALIF_APROBATORIA", 0),
    ),
    (
        "asignatura-unknown",
        {},
        [*DEFAULT_SUBJECTS[:2], dict(DEFAULT_SUBJECTS[2], idAsignatura="1010204")],
        "XLY007",
        "idAsignatura",
        None,
    ),
    (
        "asignatura-other-carrera",
        {},
        [*DEFAULT_SUBJECTS[:2], dict(DEFAULT_SUBJECTS[2], idAsignatura="2010101")],
        "XLY008",
        "idAsignatura",
        ("ASIGNATURAS", "ID_CARRERA", 6),
    ),
    (
        "asignatura-tipo",
        {},
        [*DEFAULT_SUBJECTS[:2], dict(DEFAULT_SUBJECTS[2], idTipoAsignatura="264")],
        "XLY009",
        "idTipoAsignatura",
        ("ASIGNATURAS", "ID_TIPO_ASIGNATURA", 2),
    ),
    (
        "asignatura-creditos",
        {},
        [*DEFAULT_SUBJECTS[:2], dict(DEFAULT_SUBJECTS[2], creditos="7.50")],
        "XLY009",
        "creditos",
        ("ASIGNATURAS", "CREDITOS", 2),
    ),
    (
        "total-above-plan",
        {"Asignaturas": {"total": "4"}},
        None,
        "XLY010",
        "total",
        ("CARRERAS", "TOTAL_ASIGNATURAS", 0),
    ),
    (
        "total-below-plan-for-total-certificate",
        {"Asignaturas": {"total": "2"}},
        None,
        "XLY010",
        "total",
        ("CARRERAS", "TOTAL_ASIGNATURAS", 0),
    ),
    (
        "total-creditos",
        {"Asignaturas": {"totalCreditos": "22.00"}},
        None,
        "XLY011",
        "totalCreditos",
        ("CARRERAS", "TOTAL_CREDITOS", 0),
    ),
    (
        "numero-ciclos",
        {"Asignaturas": {"numeroCiclos": "3"}},
        None,
        "XLY012",
        "numeroCiclos",
        ("CARRERAS", "NUMERO_CICLOS", 0),
    ),
]


@pytest.mark.parametrize("style_name", ["plain", "everything"])
@pytest.mark.parametrize(
    ("case", "overrides", "subjects", "code", "attribute", "place"),
    MISMATCHES,
    ids=[m[0] for m in MISMATCHES],
)
def test_mismatch_names_attribute_and_cell(
    tmp_path: Path,
    style_name: str,
    case: str,
    overrides: dict[str, dict[str, str]],
    subjects: list[dict[str, str]] | None,
    code: str,
    attribute: str,
    place: Any,
) -> None:
    built = gen.build(gen.VALID_STYLES[style_name])
    findings, exit_code = lint(
        tmp_path, built.raw, {"a.xml": make_certificate(overrides, subjects)}, select=("XLY",)
    )
    hits = [f for f in findings if f.code == code]
    assert hits, f"{code} missing for {case}:\n{show(findings)}"
    hit = hits[0]
    assert hit.attribute == attribute, show(hits)
    assert hit.line and hit.xpath, show(hits)
    assert hit.sheet, show(hits)  # the layout side is named
    if place is not None:
        where = built.place(*place)
        assert (hit.sheet, hit.row, hit.cell) == (where.title, where.row, where.cell), show(hits)
        assert f"{where.title}!{where.cell}" in hit.message or where.cell in hit.message, hit.message
    if code == "XLY012":
        assert exit_code == 0 and hit.severity.value == "warning"
    else:
        assert exit_code == 1
