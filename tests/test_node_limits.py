"""Issue #13, item 3: work linear in the input for documents with many nodes.

`limits.max-elements` / `limits.max-attributes` refuse a certificate before its tree is built;
below them, libxml2's schema errors are never located by its quadratic path walk (validated
streaming instead). No timed assertion: the bound is shown by counting the work, and a generous
subprocess timeout only guards against a hang.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import mec_lint.schema as schema_module
from mec_lint import xmldoc
from mec_lint.config import Limits
from mec_lint.testing import lint_bytes, make_certificate

NS = "https://www.siged.sep.gob.mx/certificados/"


def _before(raw: bytes, marker: bytes, insert: bytes) -> bytes:
    at = raw.index(marker)
    return raw[:at] + insert + raw[at:]


def _empty_subjects(count: int) -> bytes:
    return _before(make_certificate(), b"</Asignaturas>", b"<Asignatura/>\n" * count)


def _subjects_with_unknown_attributes(count: int, per_subject: int) -> bytes:
    one = b"<Asignatura " + b" ".join(b'x%d="v"' % i for i in range(per_subject)) + b"/>\n"
    return _before(make_certificate(), b"</Asignaturas>", one * count)


def _tree_counts(raw: bytes) -> tuple[int, int]:
    root = etree.fromstring(raw, xmldoc.make_parser())
    elements = attributes = 0
    for node in root.iter():
        elements += 1
        if isinstance(node.tag, str):
            attributes += len(node.attrib)
            parent = node.getparent()
            inherited = parent.nsmap if parent is not None else {}
            attributes += sum(1 for k, v in node.nsmap.items() if inherited.get(k) != v)
    # comments and processing instructions around the root
    elements += sum(1 for _ in root.itersiblings(preceding=True)) + sum(1 for _ in root.itersiblings())
    return elements, attributes


# -- the limits --------------------------------------------------------------------------------


def test_too_many_elements_is_one_finding_and_no_tree_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built = Counter[str]()
    original = xmldoc.XmlDocument.__init__

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        built["documents"] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(xmldoc.XmlDocument, "__init__", counted)
    raw = _empty_subjects(300)
    findings = lint_bytes(raw, limits=Limits(max_elements=200))
    assert [f.code for f in findings] == ["XML001"]
    count = str(12 + 300)  # the certificate's own 12 elements and the empty subjects
    assert findings[0].value == count
    assert count in findings[0].message and "200" in findings[0].message
    assert "limits.max-elements" in findings[0].message
    assert built["documents"] == 0
    assert not [f for f in lint_bytes(raw, limits=Limits(max_elements=400)) if f.code == "XML001"]


def test_comments_and_processing_instructions_count_as_nodes() -> None:
    raw = _before(make_certificate(), b"</Asignaturas>", b"<!-- c --><?p x?>\n" * 100)
    findings = lint_bytes(raw, limits=Limits(max_elements=150))
    assert [f.code for f in findings] == ["XML001"] and findings[0].value == str(12 + 200)


def test_too_many_attributes_counts_namespace_declarations_too() -> None:
    declarations = " ".join(f'xmlns:p{i}="urn:{i}"' for i in range(300)).encode()
    raw = make_certificate().replace(b"<Alumno ", b"<Alumno " + declarations + b" ", 1)
    plain = len(etree.fromstring(make_certificate()).xpath("//@*")) + 1  # and Dec's own xmlns="…"
    findings = lint_bytes(raw, limits=Limits(max_attributes=plain + 299))
    assert [f.code for f in findings] == ["XML001"]
    assert findings[0].value == str(plain + 300) and "limits.max-attributes" in findings[0].message
    en = lint_bytes(raw, limits=Limits(max_attributes=plain + 299), lang="en")
    assert "attributes; the limit is" in en[0].message


def test_default_limits_are_far_above_a_real_certificate() -> None:
    """A certificate with 400 subjects (a long plan has 50-150) passes both limits by far."""
    rows = [
        {
            "idAsignatura": str(1000 + i),
            "ciclo": "2019-1",
            "calificacion": "9.00",
            "idTipoAsignatura": "263",
            "creditos": "7.00",
        }
        for i in range(400)
    ]
    raw = make_certificate(subjects=rows)
    elements, attributes = xmldoc.count_nodes(raw)
    limits = Limits()
    assert elements * 20 < limits.max_elements and attributes * 20 < limits.max_attributes
    assert not [f for f in lint_bytes(raw) if f.code == "XML001"]


def test_a_malformed_document_is_counted_up_to_its_error() -> None:
    raw = b"<Dec>" + b"<a/>" * 500 + b"<b>"
    assert xmldoc.count_nodes(raw) == (502, 0)  # <Dec>, 500 <a/> and the unclosed <b>
    problem = xmldoc.parse("x.xml", raw, max_elements=100)
    assert isinstance(problem, xmldoc.ParseProblem) and problem.kind == "too_many_nodes"
    problem = xmldoc.parse("x.xml", raw, max_elements=1000)
    assert isinstance(problem, xmldoc.ParseProblem) and problem.kind == "syntax"


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """Small documents with elements, attributes, namespace declarations, comments, PIs, text,
    CDATA, `<` and quotes inside comments, values and text (which the byte bound over-counts)."""

    values = ["", "1", "&lt;x", "q'q", "&quot;"]

    def node(depth: int) -> str:
        name = draw(st.sampled_from(["a", "b", "p:c"]))
        names = draw(st.lists(st.sampled_from(["x", "y", "z", "p:w"]), unique=True, max_size=3))
        attributes = [f'{n}="{draw(st.sampled_from(values))}"' for n in names]
        if draw(st.booleans()):
            attributes.append(f"xmlns:q{depth}='urn:q'")
        children = []
        if depth < 3:
            for _ in range(draw(st.integers(0, 3))):
                kind = draw(st.integers(0, 4))
                if kind == 0:
                    children.append(node(depth + 1))
                else:
                    children.append(
                        ["<!-- <a x='1'/> -->", "<?pi <b?>", "text &lt;c&gt; \"'", "<![CDATA[<d e='f'>]]>"][
                            kind - 1
                        ]
                    )
        opening = " ".join([name, *attributes])
        return f"<{opening}>{''.join(children)}</{name}>" if children else f"<{opening}/>"

    text = f"<r xmlns:p='urn:p'>{node(0)}</r>"
    if draw(st.booleans()):
        text = "<!-- before -->" + text
    codec = draw(st.sampled_from(["utf-8", "utf-16"]))
    declaration = f'<?xml version="1.0" encoding="{codec.upper()}"?>'
    return (declaration + text).encode(codec)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(0, 40), st.integers(0, 40))
def test_counting_is_exact_and_the_byte_bound_never_hides_an_excess(
    raw: bytes, max_elements: int, max_attributes: int
) -> None:
    elements, attributes = xmldoc.count_nodes(raw)
    assert (elements, attributes) == _tree_counts(raw)
    problem = xmldoc.too_many_nodes(raw, max_elements, max_attributes)
    assert (problem is None) == (elements <= max_elements and attributes <= max_attributes)
    if problem is not None:
        assert problem.value in (str(elements), str(attributes))


def test_limits_are_set_in_the_configuration_file(tmp_path: Path) -> None:
    from mec_lint.config import ConfigError, load_config

    config = tmp_path / ".mec-lint.yaml"
    config.write_text("limits:\n  max-elements: 50000\n  max-attributes: 900000\n", encoding="utf-8")
    limits = load_config({}, str(config)).limits
    assert (limits.max_elements, limits.max_attributes) == (50_000, 900_000)
    for bad in ("0", "-3", "1.5", "many"):
        config.write_text(f"limits:\n  max-elements: {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError):
            load_config({}, str(config))


# -- linear schema validation ------------------------------------------------------------------


def _force(monkeypatch: pytest.MonkeyPatch, *, streaming: bool) -> None:
    monkeypatch.setattr(schema_module, "STREAM_ABOVE", 0 if streaming else 10**12)
    monkeypatch.setattr(schema_module, "PATH_BUDGET", 0 if streaming else 10**12)


def count_tree_validations(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """`calls["tree"]` counts the validations of a built tree (libxml2's path-writing route)."""
    calls = Counter[str]()
    original = schema_module.validate

    def counted(schema, root):  # type: ignore[no-untyped-def]
        calls["tree"] += 1
        return original(schema, root)

    monkeypatch.setattr(schema_module, "validate", counted)
    return calls


def test_many_schema_errors_are_never_located_by_libxml2s_path_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """5,000 subjects with 10 unknown attributes each: 75,000 schema errors. Validating the tree
    would make lxml write each error's path walking the subjects before it (quadratic); the tree is
    not validated at all, and the listed findings are still located at their subject."""
    calls = count_tree_validations(monkeypatch)
    findings = lint_bytes(_subjects_with_unknown_attributes(5000, 10))
    assert calls["tree"] == 0
    per_code = Counter(f.code for f in findings)
    limit = Limits().max_findings_per_code
    assert per_code["XSD001"] == limit + 1
    listed = [f for f in findings if f.code == "XSD001" and f.attribute]
    assert len(listed) == limit
    assert listed[0].xpath == "/Dec/Asignaturas/Asignatura[4]"  # three real subjects come first
    assert listed[-1].xpath == f"/Dec/Asignaturas/Asignatura[{3 + limit // 5}]"  # five missing each
    summary = next(f for f in findings if f.code == "XSD001" and not f.attribute)
    assert summary.value == str(5000 * 5 - limit)


def test_a_few_errors_in_a_big_document_still_use_libxml2s_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_tree_validations(monkeypatch)
    subject = b'<Asignatura idAsignatura="1" ciclo="2019-1" calificacion="9.00" idTipoAsignatura="263" creditos="7.00"/>'
    raw = _before(make_certificate(), b"</Asignaturas>", subject * 600 + b"<x/>")
    findings = lint_bytes(raw)
    assert calls["tree"] == 1
    assert any(f.code == "XSD003" and f.xpath == "/Dec/Asignaturas/x" for f in findings)
    calls.clear()
    assert not [f for f in lint_bytes(raw.replace(b"<x/>", b"")) if f.code.startswith("XSD")]
    assert calls["tree"] == 0  # valid: the streaming pass says so, no second validation


_MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "unknown", "value", "subject", "empty"]),
        st.sampled_from(["idAsignatura", "ciclo", "calificacion", "idTipoAsignatura", "creditos"]),
        st.sampled_from(["", "x", "9.00", "2019-1", "-1"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_MUTATIONS, st.integers(0, 30))
def test_streaming_validation_finds_what_tree_validation_finds(
    monkeypatch: pytest.MonkeyPatch, mutations: list[tuple[str, str, str]], extra: int
) -> None:
    """Every schema finding comes out the same, with the same code, message, attribute and value;
    a finding the streaming path locates sits where libxml2's own path puts it."""
    root = etree.fromstring(make_certificate())
    subjects = root.find(f"{{{NS}}}Asignaturas")
    assert subjects is not None
    template = subjects[0]
    for _ in range(extra):
        subjects.append(etree.fromstring(etree.tostring(template)))
    for index, (kind, attribute, value) in enumerate(mutations):
        subject = subjects[index % len(subjects)]
        if kind == "drop":
            subject.attrib.pop(attribute, None)
        elif kind == "unknown":
            subject.set(f"z{index}", value)
        elif kind == "value":
            subject.set(attribute, value)
        elif kind == "subject":
            subjects.insert(index % len(subjects), etree.Element(f"{{{NS}}}Asignatura"))
        else:
            subjects.append(etree.Element(f"{{{NS}}}Asignatura", {attribute: value}))
    raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def schema_findings(streaming: bool) -> list:  # type: ignore[type-arg]
        _force(monkeypatch, streaming=streaming)
        return [f for f in lint_bytes(raw) if f.code.startswith("XSD")]

    streamed, tree = schema_findings(True), schema_findings(False)

    def what(f):  # type: ignore[no-untyped-def]
        return (f.code, f.attribute, f.value, f.expected, f.message)

    assert Counter(map(what, streamed)) == Counter(map(what, tree))
    placed = Counter((what(f), f.xpath, f.line) for f in tree)
    for finding in streamed:
        if finding.xpath:
            assert placed[(what(finding), finding.xpath, finding.line)] > 0


def test_the_second_opinion_reads_a_bounded_number_of_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown nodes directly in Dec: xmlschema spends O(children) on each content error, so it
    reads only as many errors as the findings can list, and not at all in a document of thousands
    of nodes (libxml2's findings stand alone there)."""
    read = Counter[str]()
    real = schema_module._xmlschema(None)

    class Counted:
        def iter_errors(self, root):  # type: ignore[no-untyped-def]
            read["runs"] += 1
            for error in real.iter_errors(root):  # type: ignore[union-attr]
                read["errors"] += 1
                yield error

    monkeypatch.setattr(schema_module, "_xmlschema", lambda path: Counted())
    raw = _before(make_certificate(), b"</Dec>", b"<x/>" * 1500)
    findings = lint_bytes(raw, limits=Limits(max_findings_per_code=5))
    assert any(f.code == "XSD003" for f in findings)
    assert read["runs"] == 1 and 0 < read["errors"] <= 5 * 8
    read.clear()
    raw = _before(make_certificate(), b"</Dec>", b"<x/>" * (schema_module.SECOND_OPINION_NODES + 1))
    assert any(f.code == "XSD003" for f in lint_bytes(raw))
    assert read["runs"] == 0


# -- whole runs at the default limits (a hang guard, not a timing) --------------------------------


def _run(path: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-m", "mec_lint", "check", str(path), "--format", "json", "--jobs", "1"],
        capture_output=True,
        timeout=300,  # only a hang guard: the run takes a few seconds
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert b"Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_a_file_of_empty_subjects_at_the_size_limit_is_refused_with_its_count(tmp_path: Path) -> None:
    limit = Limits().max_file_bytes
    count = (limit - len(make_certificate()) - 64) // len(b"<Asignatura/>\n")
    raw = _empty_subjects(count)
    assert len(raw) <= limit
    path = tmp_path / "c.xml"
    path.write_bytes(raw)
    findings = _run(path)["findings"]
    assert [f["code"] for f in findings] == ["XML001"]
    assert findings[0]["value"] == str(count + 12) and str(count + 12) in findings[0]["message"]


def test_a_zip_member_of_unknown_nodes_in_dreoe_is_refused_with_its_count(tmp_path: Path) -> None:
    """Inside a zip (under the ratio bound: names that do not compress), inside Dreoe (xs:any)."""
    import random

    rng = random.Random(13)
    limit = Limits().max_file_bytes
    count = (limit - len(make_certificate()) - 64) // len(b"<a00000000/>")
    nodes = b"".join(b"<a%08x/>" % rng.getrandbits(32) for _ in range(count))
    raw = _before(make_certificate(), b"</Dec>", b"<Dreoe>" + nodes + b"</Dreoe>")
    assert len(raw) <= limit
    path = tmp_path / "lote.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("c.xml", raw)
        archive.writestr("ok.xml", make_certificate())
    findings = _run(path)["findings"]
    refused = [f for f in findings if f["code"] == "XML001"]
    assert len(refused) == 1 and refused[0]["path"].endswith("lote.zip!c.xml")
    assert refused[0]["value"] == str(count + 13)  # and the certificate's 12, and Dreoe
    other = [f["code"] for f in findings if f["path"].endswith("!ok.xml")]
    assert other and "XML001" not in other  # the other member is still checked (its dates: FEC001)
