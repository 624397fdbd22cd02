"""Property-based fuzzing (hypothesis): mutated certificates never crash mec-lint.

Invariants for any input: no exception escapes, the JSON output parses and follows the
contract, and the exit code is 0, 1 or 2.
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
