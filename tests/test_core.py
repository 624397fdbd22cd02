"""Engine basics: parsing, schema findings, JSON contract keys, XPaths and lines."""

from __future__ import annotations

from mec_lint.findings import FINDING_KEYS
from mec_lint.testing import codes, lint_bytes, make_certificate, make_signer


def test_valid_signed_certificate_has_no_findings() -> None:
    assert lint_bytes(make_certificate(signer=make_signer())) == []


def test_not_well_formed_gives_one_finding_with_line() -> None:
    findings = lint_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<Dec>\n<Alumno>\n</Dec>\n')
    assert [f.code for f in findings] == ["XML001"]
    assert findings[0].line == 4


def test_empty_and_binary_files() -> None:
    assert codes(lint_bytes(b"")) == ["XML001"]
    assert codes(lint_bytes(b"PK\x03\x04garbage")) == ["XML001"]
    assert codes(lint_bytes(b"\x00\x01\x02\x03\xff\xfe binary")) in (["XML001"], ["XML002"])


def test_latin1_bytes_behind_utf8_declaration() -> None:
    raw = make_certificate().replace("GARCÍA".encode(), "GARCÍA".encode("latin-1"))
    findings = lint_bytes(raw)
    assert codes(findings) == ["XML002"]
    assert findings[0].line is not None and findings[0].line >= 1


def test_declaration_that_lies_about_latin1() -> None:
    raw = make_certificate().replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    assert codes(lint_bytes(raw)) == ["XML002"]


def test_doctype_is_refused_without_expansion() -> None:
    raw = (
        b'<?xml version="1.0"?>\n<!DOCTYPE Dec [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<Dec version="&x;"/>'
    )
    assert codes(lint_bytes(raw)) == ["XML003"]


def test_schema_findings_carry_line_xpath_and_local_names() -> None:
    raw = make_certificate(overrides={"Alumno": {"nombre": None}})
    findings = lint_bytes(raw, select=["XSD"])
    assert [f.code for f in findings] == ["XSD001"]
    finding = findings[0]
    assert finding.xpath == "/Dec/Alumno"
    assert finding.attribute == "nombre"
    assert finding.element == "Alumno"
    assert finding.line is not None and finding.line >= 1
    assert "{" not in finding.message


def test_datetime_type_error_is_reported() -> None:
    raw = make_certificate(overrides={"Rvoe": {"fechaExpedicion": "2018-06-15"}})
    findings = lint_bytes(raw, select=["XSD"])
    assert [(f.code, f.attribute, f.value) for f in findings] == [("XSD005", "fechaExpedicion", "2018-06-15")]


def test_finding_dict_has_every_contract_key() -> None:
    findings = lint_bytes(make_certificate(overrides={"Dec": {"version": "2.0"}}))
    assert findings
    for finding in findings:
        assert list(finding.to_dict()) == list(FINDING_KEYS)


def test_subject_xpath_is_positional() -> None:
    raw = make_certificate(overrides={"Asignaturas": {}}, subjects=None)
    from mec_lint.xmldoc import parse

    doc = parse("x.xml", raw)
    assert not isinstance(doc, type(None))
    subjects = doc.all("Asignatura")  # type: ignore[union-attr]
    assert [doc.xpath_of(s) for s in subjects] == [  # type: ignore[union-attr]
        "/Dec/Asignaturas/Asignatura[1]",
        "/Dec/Asignaturas/Asignatura[2]",
        "/Dec/Asignaturas/Asignatura[3]",
    ]


def test_errors_after_a_content_model_error_are_still_reported() -> None:
    """libxml2 stops at the first misplaced node; xmlschema's second opinion lists the rest."""
    raw = make_certificate(overrides={"Alumno": {"nombre": None, "idGenero": "x250"}})
    raw = raw.replace(b"<Rvoe ", b"<Rvoo ").replace(b"</Rvoe>", b"</Rvoo>")
    findings = lint_bytes(raw, select=["XSD"])
    found = {(f.code, f.xpath, f.attribute) for f in findings}
    assert ("XSD003", "/Dec/Rvoo", None) in found
    assert ("XSD001", "/Dec/Alumno", "nombre") in found
    assert ("XSD005", "/Dec/Alumno", "idGenero") in found
    assert all(f.line is not None and f.line >= 1 for f in findings)


def test_no_second_opinion_needed_for_attribute_only_errors() -> None:
    raw = make_certificate(overrides={"Alumno": {"nombre": None}})
    assert [f.code for f in lint_bytes(raw, select=["XSD"])] == ["XSD001"]
