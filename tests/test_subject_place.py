"""Issue #13, item 8: subjects are read only at their place, /Dec/Asignaturas/Asignatura.

The schema accepts anything inside Dreoe/SepIpes (xs:any, lax): an Asignatura hidden there
used to be counted by the totals rules and signed into the cadena the seal check rebuilds, so a
certificate with 3 real subjects and total="4" came back clean.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mec_lint.testing import DEFAULT_SUBJECTS, lint_bytes, make_certificate, make_signer
from mec_lint.xmldoc import parse

NS = "https://www.siged.sep.gob.mx/certificados/"
EXTRA = {
    "idAsignatura": "1010299",
    "ciclo": "2020-1",
    "calificacion": "10",
    "idObservaciones": "100",
    "idTipoAsignatura": "263",
    "creditos": "7.00",
}


def _subject_xml(prefix: str = "") -> bytes:
    attributes = " ".join(f'{k}="{v}"' for k, v in EXTRA.items())
    return f"<{prefix}Asignatura {attributes}/>".encode()


def _totals_for(count: int) -> dict[str, dict[str, str | None]]:
    return {"Asignaturas": {"total": str(count), "asignadas": str(count)}}


def _hide(raw: bytes, where: str, prefix: str = "") -> bytes:
    """Put one more subject at `where`: inside Dreoe/SepIpes (added) or inside another node."""
    subject = _subject_xml(prefix)
    if where in ("Dreoe", "SepIpes"):
        at = raw.rindex(b"</")  # before </Dec>
        return raw[:at] + f"<{prefix}{where}>".encode() + subject + f"</{prefix}{where}>".encode() + raw[at:]
    match = re.search(rf"<{where}\b[^>]*?(/?)>".encode(), raw)
    assert match is not None
    if match.group(1):  # an empty element: open it
        opened = match.group(0)[:-2] + b">" + subject + f"</{where}>".encode()
        return raw[: match.start()] + opened + raw[match.end() :]
    return raw[: match.end()] + subject + raw[match.end() :]


@pytest.mark.parametrize("where", ["Dreoe", "SepIpes"])
def test_a_subject_hidden_in_a_sep_node_is_not_counted(where: str) -> None:
    count = len(DEFAULT_SUBJECTS)
    raw = _hide(make_certificate(overrides=_totals_for(count + 1)), where)
    doc = parse("c.xml", raw)
    assert not isinstance(doc, type(None)) and hasattr(doc, "index")
    assert len(doc.all("Asignatura")) == count  # type: ignore[union-attr]
    codes = {f.code for f in lint_bytes(raw)}
    assert "TOT001" in codes  # total/asignadas say one more than the certificate lists
    assert "DEC005" in codes  # and the hidden node is reported


@pytest.mark.parametrize("where", ["Dreoe", "SepIpes"])
def test_a_subject_hidden_in_a_sep_node_is_not_signed(where: str) -> None:
    """Signed with the extra subject in Asignaturas, then moved into Dreoe: the seal check
    rebuilds the cadena from the 3 real subjects, so the seal no longer matches."""
    signer = make_signer()
    subjects = [*DEFAULT_SUBJECTS, EXTRA]
    signed = make_certificate(overrides=_totals_for(len(subjects)), subjects=subjects, signer=signer)
    assert not [f for f in lint_bytes(signed) if f.code.startswith("SEL")]  # the honest file is fine
    moved = signed.replace(b"    " + _subject_xml() + b"\n", b"", 1)
    assert moved != signed
    moved = _hide(moved, where)
    found = {f.code for f in lint_bytes(moved)}
    assert "SEL001" in found or any(code.startswith("SEL") for code in found), found


@pytest.mark.parametrize("where", ["Alumno", "Ipes", "Responsable", "Expedicion"])
def test_a_subject_anywhere_else_is_not_counted(where: str) -> None:
    count = len(DEFAULT_SUBJECTS)
    raw = _hide(make_certificate(overrides=_totals_for(count + 1)), where)
    doc = parse("c.xml", raw)
    assert len(doc.all("Asignatura")) == count  # type: ignore[union-attr]
    assert len(doc.misplaced) == 1  # type: ignore[union-attr]
    codes = {f.code for f in lint_bytes(raw)}
    assert "TOT001" in codes
    assert codes & {"XSD003", "XSD008"}  # the schema says the node is not allowed there


def test_a_subject_inside_a_subject_is_not_counted() -> None:
    raw = make_certificate()
    first = raw.index(b"<Asignatura ")
    end = raw.index(b"/>", first)
    raw = raw[:end] + b">" + _subject_xml() + b"</Asignatura>" + raw[end + 2 :]
    doc = parse("c.xml", raw)
    assert len(doc.all("Asignatura")) == len(DEFAULT_SUBJECTS)  # type: ignore[union-attr]


def test_prefixed_and_nested_sep_nodes() -> None:
    """A namespace prefix changes nothing, and a node deeper inside Dreoe is reported once
    (at the top-most node hidden there)."""
    raw = make_certificate()
    at = raw.rindex(b"</")
    hidden = f'<d:Dreoe xmlns:d="{NS}"><d:Otro><d:Asignatura idAsignatura="9"/></d:Otro></d:Dreoe>'.encode()
    raw = raw[:at] + hidden + raw[at:]
    doc = parse("c.xml", raw)
    assert len(doc.all("Asignatura")) == len(DEFAULT_SUBJECTS)  # type: ignore[union-attr]
    dec005 = [f for f in lint_bytes(raw) if f.code == "DEC005"]
    assert [f.xpath for f in dec005] == ["/Dec/Dreoe/Otro"]


def test_a_clean_certificate_has_nothing_out_of_place() -> None:
    doc = parse("c.xml", make_certificate())
    assert doc.misplaced == []  # type: ignore[union-attr]
    assert not [f for f in lint_bytes(make_certificate()) if f.code == "DEC005"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    where=st.sampled_from(["Dreoe", "SepIpes", "Alumno", "Carrera", "Rvoe", "ServicioFirmante"]),
    prefix=st.sampled_from(["", "dec:"]),
    hidden=st.integers(min_value=1, max_value=4),
)
def test_hidden_subjects_never_change_what_is_counted(where: str, prefix: str, hidden: int) -> None:
    raw = make_certificate()
    if prefix:  # the whole document written with a prefix, as some generators do
        raw = raw.replace(f'xmlns="{NS}"'.encode(), f'xmlns:dec="{NS}"'.encode())
        raw = re.sub(rb"<(/?)([A-Z]\w*)", rb"<\1dec:\2", raw)
    for _ in range(hidden):
        if where in ("Dreoe", "SepIpes"):
            at = raw.rindex(b"</")
            raw = (
                raw[:at]
                + f"<{prefix}{where}>".encode()
                + _subject_xml(prefix)
                + f"</{prefix}{where}>".encode()
                + raw[at:]
            )
        else:
            match = re.search(rf"<{prefix}{where}\b[^>]*?/>".encode(), raw)
            if match is None:
                match = re.search(rf"<{prefix}{where}\b[^>]*?>".encode(), raw)
                assert match is not None
                raw = raw[: match.end()] + _subject_xml(prefix) + raw[match.end() :]
            else:
                opened = match.group(0)[:-2] + b">" + _subject_xml(prefix) + f"</{prefix}{where}>".encode()
                raw = raw[: match.start()] + opened + raw[match.end() :]
    doc = parse("c.xml", raw)
    assert len(doc.all("Asignatura")) == len(DEFAULT_SUBJECTS)  # type: ignore[union-attr]
    assert not [f for f in lint_bytes(raw) if f.code.startswith("TOT")]  # totals still agree
