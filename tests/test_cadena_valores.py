"""CAD001–CAD002 (values signed in the cadena original), IDS003 (idCampus) and their neighbours."""

from __future__ import annotations

import pytest
from lxml import etree

from mec_lint.cadena import FIXED_FIELDS, SUBJECT_FIELDS
from mec_lint.testing import lint_bytes, make_certificate

SIGNED_REQUIRED = [field for field in FIXED_FIELDS if field != ("Alumno", "segundoApellido")]


def codes(raw: bytes, **config: object) -> list[str]:
    return sorted(f.code for f in lint_bytes(raw, ignore=["SEL"], **config))


def with_subject_value(attribute: str, value: str) -> bytes:
    root = etree.fromstring(make_certificate())
    root.find(".//{*}Asignatura").set(attribute, value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(("element", "attribute"), SIGNED_REQUIRED)
@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_signed_value_is_reported_exactly_once(element: str, attribute: str, value: str) -> None:
    """Either CAD002 or the field's own rule (EMPTY_REPORTED_ELSEWHERE), never both, never neither."""
    found = codes(make_certificate({element: {attribute: value}}))
    assert len(found) == 1, (element, attribute, found)


@pytest.mark.parametrize("attribute", SUBJECT_FIELDS)
def test_an_empty_subject_value_is_reported_exactly_once(attribute: str) -> None:
    found = codes(with_subject_value(attribute, ""))
    assert len(found) == 1, (attribute, found)


def test_segundo_apellido_may_be_empty_and_the_list_is_configurable() -> None:
    assert codes(make_certificate({"Alumno": {"segundoApellido": ""}})) == []
    raw = make_certificate({"Alumno": {"numeroControl": ""}})
    assert codes(raw) == ["CAD002"]
    allowed = {"CAD002": {"vacios_permitidos": ["Alumno/@segundoApellido", "Alumno/@numeroControl"]}}
    assert codes(raw, rule_options=allowed) == []


def test_cad002_names_the_element_attribute_and_line() -> None:
    [finding] = lint_bytes(make_certificate({"Alumno": {"nombre": ""}}), select=["CAD002"])
    assert (finding.element, finding.attribute, finding.value) == ("Alumno", "nombre", "")
    assert finding.line and "Alumno/@segundoApellido" in finding.message


@pytest.mark.parametrize(("element", "attribute"), [("Alumno", "nombre"), ("Ipes", "idCampus")])
def test_a_pipe_in_a_signed_value_is_cad001(element: str, attribute: str) -> None:
    raw = make_certificate({element: {attribute: "ANA|B"}})
    [finding] = lint_bytes(raw, select=["CAD001"])
    assert (finding.attribute, finding.value, finding.expected) == (attribute, "ANA|B", "ANA B")


def test_a_pipe_in_a_subject_value_and_in_unsigned_text() -> None:
    assert "CAD001" in codes(with_subject_value("creditos", "7|00"))
    assert "CAD001" not in codes(make_certificate({"Ipes": {"campus": "NORTE | SUR"}}))


def test_fir001_leaves_an_empty_institution_id_to_cad002() -> None:
    assert codes(make_certificate({"Ipes": {"idNombreInstitucion": ""}})) == ["CAD002"]
    assert codes(make_certificate({"ServicioFirmante": {"idEntidad": ""}})) == ["CAD002"]
    assert codes(make_certificate({"ServicioFirmante": {"idEntidad": "09"}})) == ["FIR001"]


@pytest.mark.parametrize(
    ("value", "message_id_word", "expected", "severity"),
    [
        ("90872", "perdió los ceros", "090872", "error"),
        (" 090872", "espacios", "090872", "error"),
        ("872", "perdió los ceros", "000872", "error"),
        ("CAMPUS1", "no es una clave", "6 dígitos", "warning"),
        ("0908721", "no es una clave", "6 dígitos", "warning"),
    ],
)
def test_ids003_campus_key(value: str, message_id_word: str, expected: str, severity: str) -> None:
    [finding] = lint_bytes(make_certificate({"Ipes": {"idCampus": value}}), select=["IDS003"])
    assert message_id_word in finding.message
    assert (finding.value, finding.expected, finding.severity.value) == (value, expected, severity)


def test_ids003_passes_registered_keys_and_takes_the_width_from_configuration() -> None:
    for value in ("090872", "150631", "300478"):
        assert lint_bytes(make_certificate({"Ipes": {"idCampus": value}}), select=["IDS003"]) == []
    five = {"IDS003": {"campus_digits": 5}}
    raw = make_certificate({"Ipes": {"idCampus": "90872"}})
    assert lint_bytes(raw, select=["IDS003"], rule_options=five) == []
