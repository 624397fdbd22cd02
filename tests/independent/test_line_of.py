"""XmlDocument.line_of: findings point where a start tag (or its attribute) begins, not where it ends."""

from __future__ import annotations

from mec_lint.xmldoc import XmlDocument, parse

XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\r\n'
    b'<c:Dec xmlns:c="https://www.siged.sep.gob.mx/certificados/"\r\n'
    b'   version="3.0"\r\n'
    b"   tipoCertificado='5'>\r\n"
    b'  <c:Carrera idCarrera="1"\r\n'
    b'     clavePlan="2018"/><c:Alumno curp="X"/>\r\n'
    b"  <c:Asignaturas><c:Asignatura idAsignatura='1'/><c:Asignatura\r\n"
    b'    idAsignatura="2"/></c:Asignaturas>\r\n'
    b"</c:Dec>\r\n"
)


def _doc(raw: bytes) -> XmlDocument:
    doc = parse("x.xml", raw)
    assert isinstance(doc, XmlDocument)
    return doc


def test_multiline_start_tags() -> None:
    doc = _doc(XML)
    assert doc.line_of(doc.root) == 2
    assert doc.line_of(doc.root, "tipoCertificado") == 4
    assert doc.line_of(doc.root, "version") == 3
    assert doc.line_of(doc.root, "folioControl") == 2  # absent: where the tag begins
    carrera = doc.first("Carrera")
    assert carrera is not None
    assert doc.line_of(carrera, "clavePlan") == 6
    assert doc.line_of(carrera, "idCarrera") == 5
    alumno = doc.first("Alumno")
    assert alumno is not None and doc.line_of(alumno, "curp") == 6
    first, second = doc.all("Asignatura")
    assert doc.line_of(first, "idAsignatura") == 7
    assert doc.line_of(second) == 7
    assert doc.line_of(second, "idAsignatura") == 8


def test_one_line_document() -> None:
    doc = _doc(XML.replace(b"\r\n", b" "))
    assert {doc.line_of(e, "idAsignatura") for e in doc.elements()} == {1}
