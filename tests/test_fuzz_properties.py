"""Property-based fuzzing (hypothesis): mutated certificates, batch zips and workbooks never crash mec-lint.

Invariants for any input: no exception escapes, the JSON output parses and follows the
contract, and the exit code is 0, 1 or 2. The whole module runs in well under 30 seconds.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.config import Config
from mec_lint.engine import Linter, RunResult
from mec_lint.findings import FINDING_KEYS
from mec_lint.formatters.json_format import render
from mec_lint.testing import make_certificate
from mec_lint.xmldoc import NAMESPACE

VALID = make_certificate()
LINTER = Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=1))
ATTRIBUTES = [
    (el, name) for el in etree.fromstring(VALID).iter() for name in el.attrib if isinstance(el.tag, str)
]


def _assert_contract(raw: bytes) -> None:
    result = LINTER.lint_xml("fuzz.xml", raw)
    payload = json.loads(render(RunResult(files=[result])))
    assert set(payload) == {"version", "summary", "findings"}
    for finding in payload["findings"]:
        assert list(finding) == list(FINDING_KEYS)
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["message"]
        assert finding["line"] is None or finding["line"] >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_byte_mutations_never_crash(data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        pos = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if op == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif op == "insert":
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del raw[pos : pos + data.draw(st.integers(1, 32))]
        else:
            del raw[pos:]
    _assert_contract(bytes(raw))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_attribute_value_mutations_never_crash(data: st.DataObject) -> None:
    root = etree.fromstring(VALID)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for _ in range(data.draw(st.integers(1, 6))):
        element = data.draw(st.sampled_from(elements))
        name = data.draw(st.sampled_from(sorted({n for _el, n in ATTRIBUTES})))
        value = data.draw(
            st.one_of(
                st.text(max_size=40),
                st.sampled_from(
                    [
                        "",
                        " ",
                        "0",
                        "-1",
                        "1e3",
                        "9.999",
                        "AC",
                        "EXTRANJERO",
                        "2019-13",
                        "2024-02-30T00:00:00",
                        "00101",
                        "DECRETO",
                        "x" * 300,
                    ]
                ),
            )
        )
        try:
            element.set(name, value)
        except ValueError:
            continue  # lxml refuses control characters in attributes: not a document
    if data.draw(st.booleans()):
        victim = data.draw(st.sampled_from(elements[1:]))
        parent = victim.getparent()
        if parent is not None:
            parent.remove(victim)
    if data.draw(st.booleans()):
        etree.SubElement(root, f"{{{NAMESPACE}}}Extra")
    _assert_contract(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2048))
def test_cli_on_arbitrary_bytes(raw: bytes) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xml"
        path.write_bytes(raw)
        result = CliRunner().invoke(
            app, ["check", str(path), "--format", "json", "--upload-date", "2024-09-01"]
        )
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        payload = json.loads(result.stdout)
        assert payload["summary"]["files"] == 1


# -- zips and workbooks (issue #7 point 4) ---------------------------------------------------------
def _zip(members: list[tuple[str, bytes]]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


VALID_ZIP = _zip(
    [("cert_001.xml", VALID), ("cert_002.xml", make_certificate(overrides={"Dec": {"version": "2.0"}}))]
)


def _valid_workbook() -> bytes:
    from mec_lint.layout.samples import LayoutBuilder

    return LayoutBuilder().to_bytes()


VALID_WORKBOOK = _valid_workbook()


def _assert_results(results: list) -> None:  # type: ignore[type-arg]
    run = RunResult(files=results)
    payload = json.loads(render(run))
    assert set(payload) == {"version", "summary", "findings"}
    for finding in payload["findings"]:
        assert list(finding) == list(FINDING_KEYS)
        assert finding["message"]
        assert finding["code"] != "MEC900" or "repórtelo" in finding["message"]
    assert run.exit_code in (0, 1, 2)


def _mutate(data: st.DataObject, raw: bytes, max_ops: int = 6) -> bytes:
    mutable = bytearray(raw)
    for _ in range(data.draw(st.integers(1, max_ops))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "zero"]))
        pos = data.draw(st.integers(0, max(0, len(mutable) - 1)))
        if op == "flip" and mutable:
            mutable[pos] = data.draw(st.integers(0, 255))
        elif op == "insert":
            mutable[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del mutable[pos : pos + data.draw(st.integers(1, 64))]
        elif op == "zero":
            span = data.draw(st.integers(1, 8))
            mutable[pos : pos + span] = bytes(len(mutable[pos : pos + span]))
        else:
            del mutable[pos:]
    return bytes(mutable)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_zips_never_crash(data: st.DataObject) -> None:
    _assert_results(LINTER.lint_zip("lote.zip", _mutate(data, VALID_ZIP)))


MEMBER_NAMES = st.one_of(
    st.sampled_from(
        [
            "cert.xml",
            "../x.xml",
            "/abs.xml",
            "C:/w.xml",
            "a/b/c.xml",
            "__MACOSX/._c.xml",
            ".DS_Store",
            "dir/",
            "x.zip",
        ]
    ),
    st.text(min_size=1, max_size=20).map(lambda t: t.replace("\x00", "") or "n"),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(MEMBER_NAMES, st.one_of(st.just(VALID), st.binary(max_size=64))),
        max_size=6,
    )
)
def test_zips_of_odd_members_never_crash(members: list[tuple[str, bytes]]) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        raw = _zip(members)
    _assert_results(LINTER.lint_zip("lote.zip", raw))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_workbooks_never_crash(data: st.DataObject) -> None:
    _assert_results([LINTER.lint_workbook("programa.xlsx", _mutate(data, VALID_WORKBOOK))])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_workbooks_with_mutated_parts_never_crash(data: st.DataObject) -> None:
    """Mutations inside the (decompressed) sheet XML parts: the zip stays valid, the XML does not."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(VALID_WORKBOOK))
    names = source.namelist()
    target = data.draw(st.sampled_from([n for n in names if n.endswith(".xml")]))
    members = [(n, _mutate(data, source.read(n)) if n == target else source.read(n)) for n in names]
    _assert_results([LINTER.lint_workbook("programa.xlsx", _zip(members))])
