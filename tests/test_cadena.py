"""The cadena original (dec-3.0.md §3) and the `mec-lint cadena` command."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from mec_lint.cadena import FIXED_FIELDS, SUBJECT_FIELDS, build, fields
from mec_lint.cli import app
from mec_lint.testing import DEFAULT_SUBJECTS, make_certificate
from mec_lint.xmldoc import XmlDocument, parse

# dec-3.0.md §3.5, copied verbatim.
SPEC_EXAMPLE = (
    "||3.0|5|20871|20871|090872|09|ROLM750312HDFDPR04|3|20181234|2018-06-15T00:00:00|101|93|2018|81|5|10|"
    "6.00|A2019-0457|GAPA010523MDFRRNA7|ANA|GARCÍA|PÉREZ|250|2001-05-23T00:00:00|79|2024-08-20T00:00:00|"
    "09|3|3|9.33|21.00|21.00|2|1010101|2019-3|9.00|263|7.00|1010102|2019-3|10|263|7.00|1010203|2020-1|"
    "9.00|263|7.00||"
)


def doc_of(raw: bytes) -> XmlDocument:
    doc = parse("c.xml", raw)
    assert isinstance(doc, XmlDocument)
    return doc


def spec_example() -> XmlDocument:
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[2]["idObservaciones"] = "71"
    return doc_of(
        make_certificate(
            overrides={
                "Responsable": {"curp": "ROLM750312HDFDPR04"},
                "Alumno": {"curp": "GAPA010523MDFRRNA7"},
            },
            subjects=subjects,
        )
    )


def subject(number: int) -> dict[str, str]:
    return {
        "idAsignatura": str(1000 + number),
        "ciclo": "2020-1",
        "calificacion": "9.00",
        "idObservaciones": "100",
        "idTipoAsignatura": "263",
        "creditos": "7.00",
    }


def test_worked_example_of_the_spec() -> None:
    assert build(spec_example()) == SPEC_EXAMPLE


def test_variant_without_id_entidad_drops_only_the_first_institution_id() -> None:
    assert build(spec_example(), include_id_entidad=False) == SPEC_EXAMPLE.replace(
        "|20871|20871|", "|20871|", 1
    )


def test_field_table_sizes() -> None:
    assert len(FIXED_FIELDS) == 33
    assert SUBJECT_FIELDS == ("idAsignatura", "ciclo", "calificacion", "idTipoAsignatura", "creditos")


@pytest.mark.parametrize("count", [1, 3, 60])
def test_field_counts(count: int) -> None:
    doc = doc_of(make_certificate(subjects=[subject(n) for n in range(count)]))
    assert len(fields(doc)) == 33 + 5 * count
    assert len(fields(doc, include_id_entidad=False)) == 32 + 5 * count
    text = build(doc)
    assert text.startswith("||3.0|5|") and text.endswith("||")
    assert text[2:-2].count("|") == 33 + 5 * count - 1


@pytest.mark.parametrize("value", [None, ""])
def test_empty_segundo_apellido_keeps_its_slot(value: str | None) -> None:
    doc = doc_of(make_certificate(overrides={"Alumno": {"segundoApellido": value}}))
    assert len(fields(doc)) == 33 + 5 * 3
    assert "|ANA|GARCÍA||250|" in build(doc)


def test_whitespace_is_normalised_and_pipes_become_spaces() -> None:
    doc = doc_of(
        make_certificate(overrides={"Alumno": {"nombre": "  ANA \t  MARÍA\n", "primerApellido": "GARCÍA|X"}})
    )
    assert "|ANA MARÍA|GARCÍA X|PÉREZ|" in build(doc)


def test_descriptive_fields_and_observations_are_not_signed() -> None:
    base = build(doc_of(make_certificate()))
    subjects = [dict(s, idObservaciones="71", nombre="OTRA") for s in DEFAULT_SUBJECTS]
    changed = make_certificate(
        overrides={
            "Dec": {"folioControl": "OTRO", "noCertificadoResponsable": "1"},
            "Ipes": {"nombreInstitucion": "OTRA", "campus": "NORTE"},
            "Responsable": {"nombre": "OTRO", "cargo": "DIRECTOR"},
            "Carrera": {"nombreCarrera": "OTRA"},
            "Expedicion": {"lugarExpedicion": "OTRO"},
        },
        subjects=subjects,
    )
    assert build(doc_of(changed)) == base


def test_signed_field_changes_the_cadena() -> None:
    changed = make_certificate(overrides={"Responsable": {"idCargo": "1"}})
    assert build(doc_of(changed)) != build(doc_of(make_certificate()))


# -- mec-lint cadena ---------------------------------------------------------------------------------


def write(tmp_path: os.PathLike[str], name: str, data: bytes) -> str:
    path = os.path.join(tmp_path, name)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def test_cli_prints_the_cadena(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "c.xml", make_certificate())
    result = CliRunner().invoke(app, ["cadena", path])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == build(doc_of(make_certificate()))


def test_cli_variant_without_id_entidad(tmp_path: os.PathLike[str]) -> None:
    path = write(tmp_path, "c.xml", make_certificate())
    result = CliRunner().invoke(app, ["cadena", "--sin-id-entidad", path])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == build(doc_of(make_certificate()), include_id_entidad=False)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "no es un certificado XML legible"),
        (b"<Dec><Alumno></Dec>", "no es un certificado XML legible"),
        (b'<?xml version="1.0"?><Certificado/>', "se espera <Dec>"),
    ],
)
def test_cli_rejects_what_is_not_a_certificate(tmp_path: os.PathLike[str], data: bytes, words: str) -> None:
    path = write(tmp_path, "c.xml", data)
    result = CliRunner().invoke(app, ["cadena", path])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


def test_cli_missing_file(tmp_path: os.PathLike[str]) -> None:
    result = CliRunner().invoke(app, ["cadena", os.path.join(tmp_path, "no-existe.xml")])
    assert result.exit_code == 2
    assert "no se puede leer" in result.output
