from __future__ import annotations

from mec_lint.testing import codes, lint_bytes, make_certificate


def test_version_2_is_rejected_with_date() -> None:
    findings = lint_bytes(make_certificate(overrides={"Dec": {"version": "2.0"}}), select=["DEC001"])
    assert codes(findings) == ["DEC001"]
    assert "14 de marzo de 2022" in findings[0].message


def test_version_3_passes() -> None:
    assert lint_bytes(make_certificate(), select=["DEC"]) == []


def test_tipo_certificado_must_be_5() -> None:
    findings = lint_bytes(make_certificate(overrides={"Dec": {"tipoCertificado": "9"}}))
    assert "DEC002" in codes(findings)
    assert "XSD006" not in codes(findings)  # the specific rule replaces the generic schema finding


def test_wrong_namespace() -> None:
    raw = make_certificate().replace(
        b"https://www.siged.sep.gob.mx/certificados/", b"http://www.siged.sep.gob.mx/certificados"
    )
    findings = lint_bytes(raw, select=["DEC003"])
    assert len(findings) == 1 and findings[0].xpath == "/Dec"


def test_removed_and_unknown_attributes() -> None:
    raw = make_certificate(
        overrides={"Alumno": {"foto": "", "firmaAutografa": ""}, "Carrera": {"color": "x"}}
    )
    findings = lint_bytes(raw, select=["DEC004"])
    assert sorted((f.element, f.attribute) for f in findings) == [
        ("Alumno", "firmaAutografa"),
        ("Alumno", "foto"),
        ("Carrera", "color"),
    ]
    assert "3.0" in next(f.message for f in findings if f.attribute == "foto")


def test_xsi_schema_location_is_allowed() -> None:
    raw = make_certificate().replace(
        b"<Dec ", b'<Dec xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b" ', 1
    )
    assert lint_bytes(raw, select=["DEC", "XSD"]) == []


def _prefixed(raw: bytes) -> bytes:
    """The same certificate with the namespace bound to the prefix dec: (<dec:Dec …>)."""
    import re

    raw = raw.replace(b'xmlns="https://', b'xmlns:dec="https://')
    return re.sub(rb"<(/?)([A-Z])", rb"<\1dec:\2", raw)


def test_a_prefixed_document_is_as_valid_as_the_default_namespace() -> None:
    assert [f for f in lint_bytes(_prefixed(make_certificate())) if f.severity.value != "info"] == []


def test_a_prefixed_attribute_is_one_clear_finding() -> None:
    raw = _prefixed(make_certificate()).replace(b" numeroControl=", b" dec:numeroControl=")
    findings = [f for f in lint_bytes(raw, ignore=["SEL"])]
    assert codes(findings) == ["DEC004"]  # the schema's "missing" and "not allowed" say the same
    assert "dec:numeroControl" in findings[0].message and findings[0].expected == "numeroControl"
    assert findings[0].xpath == "/Dec/Alumno" and findings[0].line


def test_attributes_of_other_namespaces_are_named_as_written() -> None:
    raw = make_certificate().replace(
        b"<Alumno ", b'<Alumno xmlns:foo="urn:foo" foo:nombre="X" xml:lang="es" ', 1
    )
    findings = lint_bytes(raw, select=["DEC004"])
    assert sorted(f.attribute for f in findings) == ["foo:nombre", "xml:lang"]
    assert all("no existe" in f.message and "sin prefijo" not in f.message for f in findings)


def test_a_prefixed_copy_of_an_attribute_says_remove_it() -> None:
    raw = _prefixed(make_certificate()).replace(b' nombre="', b' dec:nombre="ANA" nombre="', 1)
    [finding] = lint_bytes(raw, select=["DEC004"])
    assert "Quite dec:nombre" in finding.message and finding.attribute == "nombre"


def test_version_2_is_an_error_only_from_the_upload_date_2022_03_14() -> None:
    """FAQ rule 11: 2.0 could be uploaded until Friday 11 March 2022; from Monday 14 March only 3.0."""
    import datetime as dt

    raw = make_certificate(overrides={"Dec": {"version": "2.0"}})
    for day, fires in (
        (dt.date(2022, 3, 11), False),
        (dt.date(2022, 3, 13), False),
        (dt.date(2022, 3, 14), True),
    ):
        findings = lint_bytes(raw, select=["DEC001"], upload_date=day)
        assert bool(findings) is fires, day
    [finding] = lint_bytes(raw, select=["DEC001"], upload_date=dt.date(2024, 9, 1))
    assert finding.value == "2.0" and finding.expected == "3.0" and finding.attribute == "version"
    assert "2024-09-01" in finding.message and finding.line == 2


def test_before_the_switch_only_2_0_and_3_0_are_accepted() -> None:
    import datetime as dt

    early = dt.date(2021, 6, 1)
    assert lint_bytes(make_certificate(), select=["DEC001"], upload_date=early) == []
    [v1] = lint_bytes(
        make_certificate(overrides={"Dec": {"version": "1.0"}}), select=["DEC001"], upload_date=early
    )
    assert "11 de marzo de 2022" in v1.message and v1.expected == "3.0"
    [other] = lint_bytes(
        make_certificate(overrides={"Dec": {"version": "4.0"}}), select=["DEC001"], upload_date=early
    )
    assert "no es una versión aceptada" in other.message
    english = lint_bytes(
        make_certificate(overrides={"Dec": {"version": "1.0"}}),
        select=["DEC001"],
        upload_date=early,
        lang="en",
    )
    assert "until 11 March 2022" in english[0].message
