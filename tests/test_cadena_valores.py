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


# -- CAD003: blanks inside a signed value (issue #15 item 3) ------------------------------------


def signed_over(form: str, overrides: dict, after: dict | None = None) -> bytes:  # type: ignore[type-arg]
    """A certificate with `overrides` whose sello is made over the cadena in `form` (a signer that
    copies values as written, trims them, or applies normalize-space)."""
    from mec_lint.cadena import forms
    from mec_lint.testing import make_signer
    from mec_lint.xmldoc import XmlDocument

    signer = make_signer()
    unsigned = make_certificate(overrides)
    root = etree.fromstring(unsigned)
    text = next(
        cadena for names, cadena in forms(XmlDocument("x.xml", root, unsigned, "UTF-8")) if form in names
    )
    sello = {"sello": signer.sign(text.encode("utf-8")), "certificadoResponsable": signer.cert_b64}
    sello["noCertificadoResponsable"] = signer.number
    return make_certificate(overrides, after_sign={"Dec": sello, **(after or {})})


NAME = "  MARIA  DEL CARMEN "


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ("normalize-space", "con los espacios normalizados (normalize-space);"),
        ("trim", "con el valor recortado (trim);"),
        ("as-written", "con el valor tal como está escrito;"),
    ],
)
def test_cad003_says_which_normalisation_the_sello_matched(form: str, said: str) -> None:
    findings = lint_bytes(signed_over(form, {"Alumno": {"nombre": NAME}}))
    assert [f.code for f in findings] == ["CAD003"]  # the sello verifies: no SEL007
    [finding] = findings
    assert (finding.element, finding.xpath, finding.attribute, finding.value, finding.expected) == (
        "Alumno",
        "/Dec/Alumno",
        "nombre",
        NAME,
        "MARIA DEL CARMEN",
    )
    assert finding.severity.value == "warning" and finding.line is not None
    assert said in finding.message and "espacios al inicio, al final y dobles" in finding.message


def test_cad003_names_both_forms_when_they_give_the_same_cadena() -> None:
    [finding] = lint_bytes(signed_over("trim", {"Alumno": {"primerApellido": "GARCÍA "}}))
    assert finding.code == "CAD003" and "que aquí dan la misma cadena" in finding.message
    assert "espacios al final" in finding.message
    english = lint_bytes(signed_over("trim", {"Alumno": {"primerApellido": "GARCÍA "}}), lang="en")
    assert "which give the same cadena here" in english[0].message and "trailing blanks" in english[0].message


def test_cad003_unsigned_and_unmatched() -> None:
    [unsigned] = [f for f in lint_bytes(make_certificate({"Alumno": {"nombre": NAME}})) if f.code == "CAD003"]
    assert "aún no está firmado" in unsigned.message
    tampered = signed_over(
        "trim", {"Alumno": {"nombre": NAME}}, after={"Alumno": {"nombre": " MARÍA  DEL CARMEN"}}
    )
    found = lint_bytes(tampered)
    assert sorted(f.code for f in found) == ["CAD003", "SEL007"]
    assert "no verifica sobre ninguna" in next(f.message for f in found if f.code == "CAD003")


def test_cad003_a_character_reference_tab() -> None:
    raw = make_certificate().replace(b'numeroControl="A2019-0457"', b'numeroControl="A2019&#9;0457"')
    [finding] = [f for f in lint_bytes(raw) if f.code == "CAD003"]
    assert finding.value == "A2019\t0457" and "tabuladores o saltos de línea" in finding.message
    assert finding.expected == "A2019 0457"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("calificacion", " 9.00"), ("creditos", "7.00 "), ("ciclo", "2019-3 "), ("idAsignatura", "1010102 ")],
)
def test_cad003_gives_way_to_a_subject_attribute_s_own_rule(attribute: str, value: str) -> None:
    """A subject value with blanks is its own rule's finding (CAL004, CIC001, IDS001): one finding."""
    root = etree.fromstring(make_certificate())
    root.findall(".//{*}Asignatura")[1].set(attribute, value)
    findings = [f for f in lint_bytes(etree.tostring(root)) if f.attribute == attribute]
    assert [f.xpath for f in findings] == ["/Dec/Asignaturas/Asignatura[2]"]
    assert findings[0].code != "CAD003"


def test_cad003_is_silent_on_single_inner_blanks_and_unsigned_texts() -> None:
    raw = make_certificate(
        {"Alumno": {"nombre": "MARIA DEL CARMEN"}, "Ipes": {"nombreInstitucion": "  UNIVERSIDAD  EJEMPLO "}}
    )
    assert [f for f in lint_bytes(raw) if f.code == "CAD003"] == []
