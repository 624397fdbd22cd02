"""Issue #14: the fast pass (rule predicates over facts extracted once) never changes a finding.

The engine asks a rule module's `passes(doc, ctx)` first and runs its detailed `check` only when
the predicate does not answer True. These tests lint the same documents with the fast pass on and
off (every detailed check run unconditionally) and require identical findings and `codes_ran`;
the linter with the fast pass keeps its per-run memo across examples, so a memo key that misses a
value the detailed check reads shows up as a difference. They also show the comparison can fail
(a predicate that lies is caught), that plug-ins without a predicate keep working, and that a
predicate that raises falls back to the detailed check.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mec_lint.config import Config
from mec_lint.context import Context
from mec_lint.engine import Linter
from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope
from mec_lint.testing import make_certificate, make_signer, registry_with
from mec_lint.xmldoc import NAMESPACE, XmlDocument, parse

UPLOAD = dt.date(2024, 9, 1)
Q = "{" + NAMESPACE + "}"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def _subjects(count: int) -> list[dict[str, str]]:
    cycles = ["2019-1", "2019-2", "2019-3", "2020-1", "2020-2", "2020-3"]
    grades = ["8.00", "9.00", "10", "7.50", "9.50", "AC"]
    return [
        {
            "idAsignatura": f"{1000 + i}",
            "ciclo": cycles[i * len(cycles) // count],
            "calificacion": grades[i % len(grades)],
            "idObservaciones": "100",
            "idTipoAsignatura": "263",
            "creditos": "7.00",
        }
        for i in range(count)
    ]


SUBJECTS = _subjects(12)
TOTALS = {"total": "12", "asignadas": "12", "promedio": "8.80", "totalCreditos": "84.00", "creditosObtenidos": "84.00",
          "numeroCiclos": "6"}  # fmt: skip
SIGNER = make_signer()
SIGNED = make_certificate(overrides={"Asignaturas": TOTALS}, subjects=SUBJECTS, signer=SIGNER)

VALUES = ["", " ", "abc", "-1", "0", "5", "5.99", "6", "6.00", "7.5", "8", "9.5", "10", "10.0", "10.00",
          "11", "100", "AC", "ac", " AC", "NA", "9,5", "1e1", "٣", "８", "7.00", "7", "7.000", "-7.00",
          "2019-1", "2019-01", "2019-4", "2019-0", "2030-1", "1990-1", "2019/1", "2019-1 ", "263", "266",
          "250", "251", "81", "93", "79", "80", "09", "9", "3.0", "2.0", "1.0", "5", "ÚNICO", "LICENCIATURA",
          "MAESTRÍA", "CUATRIMESTRE", "SEMESTRE", "ROLM750312HDFDPR01", "GAPA010523MDFRRNA3",
          "GAPA010523HDFRRNA3", "GAPA010524MDFRRNA3", "EXTRANJERO", "2001-05-23T00:00:00",
          "2024-08-20T00:00:00", "2018-06-15T00:00:00", "2025-01-01T00:00:00", "2024-02-30T00:00:00",
          "2001-05-23", "a|b", "ANA  MARÍA", " ANA", "\tX"]  # fmt: skip

# Values aimed at each attribute's rules (the generic VALUES reach the others).
AIMED = {
    "calificacion": ["5", "5.99", "6", "6.00", "7.5", "8", "8.00", "9.50", "10", "10.0", "10.00", "11", "AC",
                     "ac", " AC", "NA", "9,5", "", "-1", "1e1", "٣"],
    "creditos": ["7", "7.0", "7.00", "7.000", "-7.00", "7,00", "", "abc", "0.00"],
    "ciclo": ["2019-1", "2019-01", "2019-4", "2019-0", "2030-1", "1990-1", "2019/1", "2019-1 ", "2019", "",
              "2021-1", "2018-3"],
    "curp": ["ROLM750312HDFDPR01", "GAPA010523MDFRRNA3", "GAPA010523HDFRRNA3", "GAPA010524MDFRRNA3",
             "EXTRANJERO", "extranjero", "GAPA010523MDFRRNA4", "GAPA010523MXXRRNA3", "gapa010523mdfrrna3", ""],
    "fechaNacimiento": ["2001-05-23T00:00:00", "2001-05-24T00:00:00", "2025-01-01T00:00:00", "2001-05-23",
                        "2001-02-30T00:00:00", "1899-01-01T00:00:00"],
    "fecha": ["2024-08-20T00:00:00", "2024-08-30T00:00:00", "2018-01-01T00:00:00", "2024-09-01T00:00:00",
              "2024-08-20", "2024-06-05T00:00:00", "2024-06-10T00:00:00", "2024-06-20T00:00:00",
              "2024-06-03T00:00:00", "2024-09-02T00:00:00", "2024-08-31T00:00:00"],
    "fechaExpedicion": ["2018-06-15T00:00:00", "2025-06-15T00:00:00", "2018-6-15T00:00:00"],
    "idGenero": ["250", "251", "252", ""],
    "idTipoAsignatura": ["263", "264", "266", "", "999"],
    "idObservaciones": ["100", "101", "102", "", "999"],
    "idTipoPeriodo": ["91", "92", "93", "260", "999"],
    "tipoPeriodo": ["CUATRIMESTRE", "SEMESTRE", "cuatrimestre", "OTRO"],
    "nivelEstudios": ["LICENCIATURA", "MAESTRÍA", "licenciatura"],
    "calificacionMinima": ["0", "5", "6", "6.00", "5.0", "-1", "x"],
    "calificacionMaxima": ["10", "10.00", "100", "5", "x"],
    "calificacionMinimaAprobatoria": ["6", "6.00", "7.00", "11.00", "5", "x"],
    "promedio": ["8.80", "8.8", "8.800", "10", "10.00", "x"],
    "version": ["3.0", "2.0", "1.0", "3", " 3.0"],
    "tipoCertificado": ["5", "6", ""],
    "asignadas": ["12", "11", "13", "10", "-12", " 12", "+12", "x", ""],
    "total": ["12", "13", "11", "-1", " 12", "x"],
    "totalCreditos": ["84.00", "84", "90.00", "80.00", "70.00", "-84.00", "84,00", "x", ""],
    "creditosObtenidos": ["84.00", "84", "84.0", "83.00", "70.00", "-84.00", "84,00", "x", ""],
    "idTipoCertificacion": ["79", "80", " 79"],
    "idCampus": ["090872", "90872", " 090872", "0908720", "09087A", "", " "],
    "idCarrera": ["101", "0101", " 101", "101.0", "+101", "x", "", "-1"],
    "idAsignatura": ["1000", "1001", "01000", " 1000", "1000.0", "x", "", "-5"],
    "numero": ["20181234", " 20181234", "RVOE 20181234", "DECRETO", "acuerdo 12", "2018 1234", "x", ""],
    "clavePlan": ["2018", " 2018", "2018 ", "20  18", "20\t18", "", " ", "a|b"],
}  # fmt: skip


def _value(data: st.DataObject, attribute: str) -> str:
    aimed = AIMED.get(attribute.rpartition("}")[2])
    if aimed and data.draw(st.booleans()):
        return data.draw(st.sampled_from(aimed))
    return data.draw(st.sampled_from(VALUES))


CONFIGS = {
    "default": Config(upload_date=UPLOAD, jobs=1),
    "en": Config(upload_date=UPLOAD, jobs=1, lang="en"),
    "options": Config(
        upload_date=UPLOAD,
        jobs=1,
        rule_options={
            "CAL005": {"letras": []},
            "CAL004": {"decimales_creditos": 1, "maxima_entera": False},
            "CAL003": {"permitir_minima_igual": True},
            "CIC002": {"periods_per_year": {"93": 2}},
            "CAT003": {"atributos": ["tipoPeriodo", "nivelEstudios", "tipoCertificacion", "cargo"]},
            "CUR001": {"letras-sexo": "HMX"},
            "CAD002": {"vacios_permitidos": []},
            "TOT001": {"tipos_no_contables": ["266", "264"]},
            "TOT003": {"tolerancia": "0.05"},
            "IDS003": {"campus_digits": 5},
            "FEC002": {"dias-aviso": 20},
            "RVO001": {"pattern": "[0-9]{8}"},
        },
    ),
    "select": Config(upload_date=UPLOAD, jobs=1, select=("CAL", "CIC", "CUR", "DAT", "CAD002", "IDS", "FEC")),
}
FAST = {name: Linter(config) for name, config in CONFIGS.items()}  # memos live across examples
FULL = {name: Linter(config) for name, config in CONFIGS.items()}
for _linter in FULL.values():
    _linter.fast_pass = False


def _same(raw: bytes, config: str, fast_linter: Linter | None = None) -> None:
    fast = (fast_linter or FAST[config]).lint_xml("c.xml", raw)
    full = FULL[config].lint_xml("c.xml", raw)
    assert [f.to_dict() for f in fast.findings] == [f.to_dict() for f in full.findings]
    assert list(fast.codes_ran) == list(full.codes_ran)
    assert fast.facts == full.facts


def _mutate(data: st.DataObject) -> bytes:
    """One or two changes, most of them one attribute of one element (every attribute as likely)."""
    root = etree.fromstring(SIGNED)
    elements = [e for e in root.iter(tag=etree.Element)]
    subjects = [e for e in elements if e.tag == Q + "Asignatura"]
    places = [(e, name) for e in elements for name in sorted(e.attrib) if e.tag != Q + "Asignatura"]
    places += [(None, name) for name in sorted(subjects[0].attrib)]  # a subject's, as likely as any
    for _ in range(data.draw(st.sampled_from([1, 1, 1, 2, 3]))):
        kind = data.draw(st.sampled_from(["set"] * 6 + ["column", "drop", "prefixed", "swap", "subject"]))
        if kind in ("set", "drop"):
            element, attribute = data.draw(st.sampled_from(places))
            target = element if element is not None else data.draw(st.sampled_from(subjects))
            if kind == "drop":
                target.attrib.pop(attribute, None)
            else:
                target.set(attribute, _value(data, attribute))
        elif kind == "column":  # one value in several subjects: the distinct-value paths
            attribute = data.draw(st.sampled_from(sorted(subjects[0].attrib)))
            value = _value(data, attribute)
            for subject in data.draw(st.lists(st.sampled_from(subjects), min_size=2, max_size=6)):
                subject.set(attribute, value)
        elif kind == "prefixed":  # an attribute in the certificate's namespace, or an unknown one
            element = data.draw(st.sampled_from(elements))
            name = data.draw(st.sampled_from([Q + "ciclo", "extra", Q + "curp", "{urn:x}a", XSI_LOCATION]))
            element.set(name, data.draw(st.sampled_from(VALUES)))
        elif kind == "swap":
            a, b = data.draw(st.sampled_from(subjects)), data.draw(st.sampled_from(subjects))
            for attribute in ("ciclo", "calificacion"):
                va, vb = a.get(attribute), b.get(attribute)
                if va is not None and vb is not None:
                    a.set(attribute, vb)
                    b.set(attribute, va)
        else:
            parent = subjects[0].getparent()
            assert parent is not None
            parent.append(etree.fromstring(etree.tostring(data.draw(st.sampled_from(subjects)))))
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fast_pass_reports_exactly_what_the_detailed_checks_report(data: st.DataObject) -> None:
    raw = _mutate(data)
    config = data.draw(st.sampled_from(sorted(CONFIGS)))
    _same(raw, config)


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_unmutated_and_default_certificates_are_the_same_both_ways(config: str) -> None:
    root = etree.fromstring(SIGNED)
    root.set(XSI_LOCATION, NAMESPACE + " dec.xsd")  # as many generators write it
    for raw in (SIGNED, make_certificate(), make_certificate(subjects=_subjects(60)), etree.tostring(root)):
        _same(raw, config)


def test_the_fast_pass_skips_detailed_checks_of_a_clean_certificate() -> None:
    """Not a no-op: on a clean certificate the predicates answer True (their checks are skipped)."""
    linter = Linter(Config(upload_date=UPLOAD, jobs=1))
    doc = parse("c.xml", SIGNED)
    assert isinstance(doc, XmlDocument)
    ctx = Context(linter.config, linter.catalogs, "c.xml", doc=doc, enabled=linter.enabled)
    ctx.shared = linter.shared
    with_predicate = {c.module.rpartition(".")[2]: c for c in linter.xml_checkers if c.passes is not None}
    expected = {
        "calificaciones",
        "catalogos",
        "ciclo",
        "curp",
        "dec_version",
        "fechas",
        "sello",
        "totales",
        "ids",
    }
    expected |= {"cadena_valores", "fecha_expedicion", "rvoe"}
    assert expected <= set(with_predicate)
    for name, checker in with_predicate.items():
        assert linter._applies(checker, doc, ctx)
        assert checker.passes is not None and checker.passes(doc, ctx) is True, name
        assert list(checker.check(doc, ctx)) == [], name


# -- the comparison can fail; plug-ins; a predicate that raises ------------------------------------
RULE = Rule(
    code="PLG901",
    name="prueba-prediccion",
    severity=Severity.WARNING,
    summary={"es": "Prueba", "en": "Test"},
    messages={"m": {"es": "Hallazgo en {element}", "en": "Finding in {element}"}},
    why="Prueba del paso rápido.",
    fail_example="-",
    pass_example="-",
    spec="-",
)


def _always(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    yield ctx.report(RULE, "m", doc.root)


def _plugin(passes: Any = None) -> Any:
    module = types.ModuleType("plugin_prueba")
    module.RULES = (RULE,)  # type: ignore[attr-defined]
    module.SCOPE = Scope.XML  # type: ignore[attr-defined]
    module.check = _always  # type: ignore[attr-defined]
    if passes is not None:
        module.passes = passes  # type: ignore[attr-defined]
    return module


def _codes(linter: Linter) -> list[str]:
    return [f.code for f in linter.lint_xml("c.xml", SIGNED).findings]


def test_a_predicate_that_lies_is_caught_by_the_comparison() -> None:
    lying = _plugin(passes=lambda doc, ctx: True)
    fast = Linter(CONFIGS["default"], registry=registry_with(lying))
    full = Linter(CONFIGS["default"], registry=registry_with(lying))
    full.fast_pass = False
    assert "PLG901" not in _codes(fast)  # skipped on the predicate's word…
    assert "PLG901" in _codes(full)  # …which the comparison with every detailed check exposes
    assert "PLG901" in fast.lint_xml("c.xml", SIGNED).codes_ran  # codes_ran does not depend on it


def test_a_plugin_without_a_predicate_always_runs_its_check() -> None:
    linter = Linter(CONFIGS["default"], registry=registry_with(_plugin()))
    checker = linter.registry.checker_of["PLG901"]
    assert checker.passes is None
    assert _codes(linter).count("PLG901") == 1


def test_a_predicate_that_raises_or_answers_false_leaves_it_to_the_check() -> None:
    def broken(doc: XmlDocument, ctx: Context) -> bool:
        raise RuntimeError("boom")

    for passes in (broken, lambda doc, ctx: False, lambda doc, ctx: "yes"):  # only True skips
        linter = Linter(CONFIGS["default"], registry=registry_with(_plugin(passes=passes)))
        codes = _codes(linter)
        assert codes.count("PLG901") == 1
        assert "MEC900" not in codes


# -- the subject rows read in one pass ---------------------------------------------------------------
def _doc(subjects: str) -> XmlDocument:
    raw = (
        f'<Dec xmlns="{NAMESPACE}" xmlns:d="{NAMESPACE}" xmlns:o="urn:o"><Asignaturas>{subjects}</Asignaturas></Dec>'
    ).encode()
    doc = parse("x.xml", raw)
    assert isinstance(doc, XmlDocument)
    return doc


@pytest.mark.parametrize(
    "subjects",
    [
        '<Asignatura ciclo="2019-1" calificacion="9"/><Asignatura calificacion="8" ciclo="2019-2"/>',
        '<Asignatura ciclo="2019-1"/><Asignatura calificacion="8"/><Asignatura/>',
        '<Asignatura d:ciclo="2019-1" ciclo="x"/><Asignatura o:ciclo="2019-2"/>',
        '<Asignatura ciclo="a"/><Asignatura ciclo="b"/>',
        "",
        "<Asignatura " + " ".join(f'a{i}="{i}"' for i in range(40)) + ' ciclo="c"/><Asignatura ciclo="d"/>',
    ],
)
def test_subject_columns_read_in_one_pass_equal_reading_each_attribute(subjects: str) -> None:
    doc = _doc(subjects)
    elements = doc.all("Asignatura")
    for attribute in ("ciclo", "calificacion", "creditos", f"{{{NAMESPACE}}}ciclo", "{urn:o}ciclo", "a3"):
        assert doc.values("Asignatura", attribute) == [e.get(attribute) for e in elements]
    keys = doc.attribute_keys("Asignatura")
    if any(len(e.attrib) > 32 for e in elements):
        assert keys is None  # hostile widths keep the attribute-by-attribute read
    else:
        assert keys == [tuple(e.keys()) for e in elements]


def _with(attribute: str, value: str, how: str) -> bytes:
    """SIGNED with `attribute` set to `value` on the element(s) that carry it (`how`: the first
    subject only, every other subject, or each non-subject element that has the attribute)."""
    root = etree.fromstring(SIGNED)
    subjects = [e for e in root.iter(Q + "Asignatura")]
    if attribute in subjects[0].attrib:
        for subject in subjects[:1] if how == "one" else subjects[::2]:
            subject.set(attribute, value)
    else:
        for element in root.iter(tag=etree.Element):
            if attribute in element.attrib and element.tag != Q + "Asignatura":
                element.set(attribute, value)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True))


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_every_aimed_value_in_every_place_is_the_same_both_ways(config: str) -> None:
    """Deterministic cover of every aimed value (one change at a time, where it is the only
    problem a rule sees) on a fresh linter whose memos first learn the clean certificate (a memo
    key that misses a value would then wrongly say "clean"), then again with the memos warm."""
    fast = Linter(CONFIGS[config])
    _same(SIGNED, config, fast)
    for _round in range(2):
        for attribute, values in AIMED.items():
            for value in values:
                for how in ("one", "column"):
                    _same(_with(attribute, value, how), config, fast)


@pytest.mark.parametrize("config", ["default", "options"])
def test_grades_under_another_scale_are_decided_again(config: str) -> None:
    """A grade's verdict belongs to the scale it was decided under (100 is fine on 0–100 only)."""
    fast = Linter(CONFIGS[config])
    for attribute in ("calificacionMinima", "calificacionMaxima", "calificacionMinimaAprobatoria"):
        for bound in AIMED[attribute]:
            for grade in AIMED["calificacion"] + ["100", "85", "60.00"]:
                for value, target in ((bound, attribute), (grade, "calificacion")):
                    _same(_with(target, value, "column"), config, fast)
                root = etree.fromstring(_with("calificacion", grade, "column"))
                carrera = root.find(Q + "Carrera")
                assert carrera is not None
                carrera.set(attribute, bound)
                _same(etree.tostring(root), config, fast)


@pytest.mark.parametrize("namespace", ["", "{urn:otro}"])
def test_elements_outside_the_namespace_are_the_same_both_ways(namespace: str) -> None:
    fast = Linter(CONFIGS["default"])
    _same(SIGNED, "default", fast)
    count = len(list(etree.fromstring(SIGNED).iter(tag=etree.Element)))
    for position in range(count):
        root = etree.fromstring(SIGNED)
        element = list(root.iter(tag=etree.Element))[position]
        element.tag = namespace + element.tag.rpartition("}")[2]
        _same(etree.tostring(root), "default", fast)


def test_long_values_are_judged_each_time_never_kept() -> None:
    """A hostile batch's long values do not fill the run's memos (memory stays flat)."""
    linter = Linter(CONFIGS["default"])
    long_name = "MAESTRÍA " * 5000
    raw = _with("nivelEstudios", long_name, "one")
    _same(raw, "default", linter)
    kept = [key for name, memo in linter.shared.items() if name[0] == "fastpass" for key in memo]
    assert kept and not any(long_name in repr(key) for key in kept)
    _same(raw, "default", linter)  # judged again: the same findings


# -- the seal: the certificate-level steps are decided once per run per certificate and values -----
SEAL_CONFIGS = {
    **CONFIGS,
    "select": Config(upload_date=UPLOAD, jobs=1, select=("SEL002", "SEL005", "SEL007", "CAL")),
    "signers": Config(
        upload_date=UPLOAD,
        jobs=1,
        signers=({"campus": "090872", "curp": "ROLM750312HDFDPR01", "noCertificado": SIGNER.number},),
        rule_options={"SEL004": {"days": 400}, "SEL001": {"require_signature": True}},
    ),
    "sin-id": Config(upload_date=UPLOAD, jobs=1, include_id_entidad=False),
}
SEAL_FULL = {name: Linter(config) for name, config in SEAL_CONFIGS.items()}
for _linter in SEAL_FULL.values():
    _linter.fast_pass = False


def _seal_same(raw: bytes, config: str, fast: Linter) -> None:
    got = fast.lint_xml("c.xml", raw)
    full = SEAL_FULL[config].lint_xml("c.xml", raw)
    assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in full.findings]
    assert list(got.codes_ran) == list(full.codes_ran)


def _seal_variants() -> Iterator[bytes]:
    """Certificates signed (again) after changing each value the seal's steps read: the signed ones
    re-signed (so only the step that reads them can tell), the others changed after signing."""
    signers = [
        SIGNER,
        make_signer(curp="GAPA010523MDFRRNA3"),  # SEL005, SEL011
        make_signer(number="00001000000512349999"),  # SEL011
        make_signer(not_after=dt.date(2024, 8, 1)),  # SEL003 expired
        make_signer(not_after=dt.date(2024, 9, 15)),  # SEL004 soon
        make_signer(not_after=dt.date(2024, 8, 31)),  # SEL004 expired
        make_signer(not_before=dt.date(2024, 8, 25)),  # SEL003 not yet
        make_signer(organizational_unit="SUCURSAL MATRIZ"),  # SEL009
        make_signer(rfc="EKU9003173C9"),  # SEL009 (12 characters)
        make_signer(curp="XAXX010101000"),  # SEL005: no CURP
        make_signer(key_size=1024),  # SEL010
        make_signer(number="ABCDEFGHIJ0123456789"),  # SEL002: not ASCII digits
    ]
    signed = {  # a campus without a registered signer first: its verdict must not stand for the others
        ("Ipes", "idCampus"): ["090873", "090872", " 090872"],
        ("Expedicion", "fecha"): ["2024-08-20T00:00:00", "2021-12-01T00:00:00", "2027-06-01T00:00:00",
                                  "2024-08-20", "x", "2024-08-31T00:00:00"],
        ("Responsable", "curp"): ["ROLM750312HDFDPR01", "GAPA010523MDFRRNA3", "rolm750312hdfdpr01",
                                  " ROLM750312HDFDPR01"],
    }  # fmt: skip
    for (element, attribute), values in signed.items():
        for value in values:
            for signer in signers[:3]:
                yield make_certificate(
                    overrides={"Asignaturas": TOTALS, element: {attribute: value}},
                    subjects=SUBJECTS,
                    signer=signer,
                )
    for signer in signers:
        yield make_certificate(overrides={"Asignaturas": TOTALS}, subjects=SUBJECTS, signer=signer)
    root = etree.fromstring(SIGNED)
    sello, cert, number = (
        root.get(name) or "" for name in ("sello", "certificadoResponsable", "noCertificadoResponsable")
    )
    serial = int.from_bytes(number.encode(), "big")
    unsigned = {
        "noCertificadoResponsable": [number, f" {number}", format(serial, "X"), str(serial), "123", ""],
        "sello": ["", "x", sello[:100] + "\n" + sello[100:], sello[:-4], sello[4:] + sello[:4], "MIIG…",
                  make_certificate(overrides={"Asignaturas": TOTALS}, subjects=SUBJECTS, signer=SIGNER,
                                   include_id_entidad=False).split(b'sello="')[1].split(b'"')[0].decode()],
        "certificadoResponsable": ["", "MIIG…", cert[:64] + "\n" + cert[64:], "-----BEGIN CERTIFICATE-----" + cert,
                                   signers[1].cert_b64, cert[:-4], cert + " "],
    }  # fmt: skip
    for attribute, values in unsigned.items():
        for value in values:
            changed = etree.fromstring(SIGNED)
            changed.set(attribute, value)
            yield bytes(etree.tostring(changed, encoding="UTF-8", xml_declaration=True))


SEAL_VARIANTS = list(_seal_variants())


@pytest.mark.parametrize("config", sorted(SEAL_CONFIGS))
def test_every_value_the_seal_reads_is_the_same_both_ways(config: str) -> None:
    """A fresh linter first learns the clean certificate (so a memo key that misses a value would
    wrongly say "clean"), then every change, twice (memos warm), with the fast pass on and off."""
    fast = Linter(SEAL_CONFIGS[config])
    sello = next(c for c in fast.xml_checkers if c.module.endswith(".sello"))
    assert sello.passes is not None
    _seal_same(SIGNED, config, fast)
    for _round in range(2):
        for raw in SEAL_VARIANTS:
            _seal_same(raw, config, fast)


# -- the signed values (CAD001–CAD003): every field, every kind of blank, separator and emptiness -----
CADENA_CONFIGS = {
    "default": CONFIGS["default"],
    "options": CONFIGS["options"],  # no field may be empty
    "vacios": Config(
        upload_date=UPLOAD,
        jobs=1,
        rule_options={
            "CAD002": {"vacios_permitidos": ["Alumno/@segundoApellido", "Carrera/@clavePlan", "Rvoe/numero"]}
        },
    ),
    "sin-cad003": Config(upload_date=UPLOAD, jobs=1, ignore=("CAD003",)),
    "sin-cal": Config(upload_date=UPLOAD, jobs=1, ignore=("CAL",)),  # CAD003 is not hidden behind CAL004
}
CADENA_FULL = {name: Linter(config) for name, config in CADENA_CONFIGS.items()}
for _linter in CADENA_FULL.values():
    _linter.fast_pass = False


@pytest.mark.parametrize("config", sorted(CADENA_CONFIGS))
def test_every_signed_value_is_the_same_both_ways(config: str) -> None:
    """Each signed field (the fixed ones and a subject's) set to each troublesome value, on a
    linter that first learnt the clean certificate."""
    from mec_lint.cadena import FIXED_FIELDS, SUBJECT_FIELDS

    fast = Linter(CADENA_CONFIGS[config])

    def same(raw: bytes) -> None:
        got, full = fast.lint_xml("c.xml", raw), CADENA_FULL[config].lint_xml("c.xml", raw)
        assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in full.findings]

    same(SIGNED)
    places = [*FIXED_FIELDS, *(("Asignatura", attribute) for attribute in SUBJECT_FIELDS)]
    for name, attribute in places:
        clean = etree.fromstring(SIGNED)
        found = (
            clean if name == "Dec" else clean.findall(f".//{Q}{name}")[-1]
        )  # the last subject: the cadena's end
        written = found.get(attribute) or ""
        blanks = (
            f" {written}",
            f"{written} ",
            f"{written}\t",
            f"\n{written}",
        )  # valid where the schema collapses
        for value in ("", " ", "a|b", "|", " X", "X ", "A  B", "A\tB", "A\nB", "\u00a0X", "\u2003", *blanks):
            root = etree.fromstring(SIGNED)
            element = root if name == "Dec" else root.findall(f".//{Q}{name}")[-1]
            assert element is not None, name
            element.set(attribute, value)
            same(etree.tostring(root))


# -- certificates as real generators write them: the same facts in other bytes ----------------------
def _written_as(raw: bytes, shape: str) -> bytes:
    """`raw` (UTF-8, one element per line, attributes in the generator's order) re-written the way
    another generator or an attacker writes the same certificate."""
    text = raw.decode("utf-8")
    if shape == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if shape == "bom":
        return b"\xef\xbb\xbf" + raw
    if shape == "one-line":
        return text.replace(">\n", ">").replace("\n", " ").encode("utf-8")
    if shape == "comments":
        return text.replace("><", "><!-- generado --><").replace(">\n<", ">\n<!-- x -->\n<").encode("utf-8")
    if shape == "latin-1":
        body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        return ('<?xml version="1.0" encoding="ISO-8859-1"?>' + body).encode("latin-1", "xmlcharrefreplace")
    root = etree.fromstring(raw)
    if shape == "prefixed":  # the certificate's namespace under a prefix instead of the default
        rebuilt = etree.Element(Q + "Dec", nsmap={"dec": NAMESPACE})
        rebuilt.attrib.update(root.attrib)
        rebuilt.extend(root)
        return bytes(etree.tostring(rebuilt, encoding="UTF-8", xml_declaration=True))
    for element in root.iter(tag=etree.Element):
        items = list(element.attrib.items())
        element.attrib.clear()
        if shape == "reversed":  # attribute order is free
            items.reverse()
        for name, value in items:
            element.set(name, value)
    written = etree.tostring(root, encoding="UTF-8", xml_declaration=True).decode("utf-8")
    if shape == "charrefs":  # every letter of every attribute value as a character reference
        written = re.sub(
            r'="([^"]*)"',
            lambda m: '="' + "".join(f"&#{ord(c)};" if c.isalpha() else c for c in m[1]) + '"',
            written,
        )
    return written.encode("utf-8")


SHAPES = ("as-is", "crlf", "bom", "one-line", "comments", "latin-1", "prefixed", "reversed", "charrefs")


def _set_first(raw: bytes, place: str, attribute: str, value: str) -> bytes:
    root = etree.fromstring(raw)
    found = root if place == "Dec" else root.findall(f".//{Q}{place}")[0]
    found.set(attribute, value)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True))


GENERATOR_DOCS = [
    SIGNED,
    # a name with a line break (the seal and CAD see it)
    _set_first(SIGNED, "Alumno", "nombre", "ANA\nMARÍA"),
    _set_first(SIGNED, "Asignatura", "calificacion", "11"),
    _set_first(SIGNED, "Asignatura", "ciclo", "2019-01"),
    _set_first(SIGNED, "Alumno", "curp", "GAPA010523MDFRRNA4"),
    _set_first(SIGNED, "Asignaturas", "promedio", "9.10"),
    _set_first(SIGNED, "Expedicion", "fecha", "2018-01-01T00:00:00"),
    _set_first(SIGNED, "Ipes", "idCampus", "90872"),
]


@pytest.mark.parametrize("shape", SHAPES)
def test_certificates_written_by_other_generators_are_the_same_both_ways(shape: str) -> None:
    """Prefixes, CRLF, a BOM, one line, comments, another encoding, attribute order and character
    references change the bytes, not the facts: with the fast pass on (a fresh linter that first
    learnt the clean certificate as written, then everything twice, memos warm) every finding,
    `codes_ran` and the batch facts are what the detailed checks give."""
    fast = Linter(CONFIGS["default"])
    for _round in range(2):
        for raw in GENERATOR_DOCS:
            _same(raw if shape == "as-is" else _written_as(raw, shape), "default", fast)


def test_the_shapes_reach_the_rules() -> None:
    """Not a no-op: each shape changes the bytes but not what is found (the same codes as the
    certificate as written, the clean one still clean, the seal still verifying), so the
    comparison above compares certificates that reach every rule."""
    linter = FULL["default"]

    def codes(raw: bytes) -> list[str]:
        return sorted({f.code for f in linter.lint_xml("c.xml", raw).findings})

    as_written = [codes(raw) for raw in GENERATOR_DOCS]
    assert len({tuple(found) for found in as_written}) > 4  # the changes give different findings
    assert as_written[0] == []  # the clean certificate, signed and sealed
    for shape in SHAPES[1:]:
        for raw, expected in zip(GENERATOR_DOCS, as_written):
            shaped = _written_as(raw, shape)
            assert shaped != raw
            extra = ["XML004"] if shape == "latin-1" else []  # the warning that it is not UTF-8
            assert codes(shaped) == sorted({*expected, *extra}), shape
    assert b"<dec:Dec" in _written_as(SIGNED, "prefixed") and b"<dec:Asignatura " in _written_as(
        SIGNED, "prefixed"
    )
