"""Issue #14: `--format json` is encoded by json's C encoder, byte for byte what indent=2 wrote."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mec_lint.engine import FileResult, RunResult
from mec_lint.findings import FINDING_KEYS, Finding, Severity
from mec_lint.formatters import json_format, render, render_bytes
from mec_lint.formatters._escape import Unchecked, encodable, json_text


def _reference(run: RunResult) -> str:
    """What the formatter wrote before: Python's pure encoder with indent=2 (unsafe characters as
    escapes, mec_lint.formatters._escape.json_text)."""
    return json_text(json.dumps(json_format.payload(run), ensure_ascii=False, indent=2)) + "\n"


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["},\n      {", '"},\n', "\u2028\u2029", "\x00\x1f\x7f\x9b\u202e", "{}", "[]", "ñÁ€𝄞"]
)
OPTIONAL_TEXT = st.none() | TEXT
OPTIONAL_INT = st.none() | st.integers(min_value=-5, max_value=10**12)

FINDINGS = st.builds(
    Finding,
    path=TEXT,
    code=st.sampled_from(["CUR004", "XSD002", "LOT001"]),
    severity=st.sampled_from(list(Severity)),
    message=TEXT,
    line=OPTIONAL_INT,
    column=OPTIONAL_INT,
    element=OPTIONAL_TEXT,
    xpath=OPTIONAL_TEXT,
    attribute=OPTIONAL_TEXT,
    value=OPTIONAL_TEXT,
    expected=OPTIONAL_TEXT,
    sheet=OPTIONAL_TEXT,
    row=OPTIONAL_INT,
    cell=OPTIONAL_TEXT,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(FINDINGS, max_size=4), max_size=4), st.lists(FINDINGS, max_size=2))
def test_json_bytes_are_those_of_indent_2(per_file: list[list[Finding]], extra: list[Finding]) -> None:
    run = RunResult(
        files=[FileResult(f"f{i}.xml", findings) for i, findings in enumerate(per_file)], extra=extra
    )
    assert json_format.render(run) == _reference(run)
    assert json_format.render_utf8(run) == _reference(run).encode("utf-8")


def test_values_json_writes_differently_fall_back_to_json() -> None:
    """A plugin's finding with a bool or a float (not the contract's types) is still exactly what
    json writes, and a str subclass (lxml's attribute results) like its str."""

    class Text(str):
        pass

    odd = [
        Finding("a.xml", "CUR004", Severity.ERROR, "m", line=True, column=2.5),  # type: ignore[arg-type]
        Finding(Text("b.xml"), "CUR004", Severity.INFO, Text("\u2028x\u00a0"), value=Text("\x7f")),
    ]
    for findings in (odd, odd[1:], odd[:1]):
        run = RunResult(files=[FileResult("a.xml", findings)])
        assert json_format.render(run) == _reference(run)
        assert render_bytes("json", run) == _reference(run).encode("utf-8")


def test_a_name_that_was_not_utf8_takes_the_general_path() -> None:
    """render_utf8 skips encodable(): a lone surrogate sends the report through it (shown as \\xNN)."""
    finding = Finding("caf\udce9.xml", "CUR004", Severity.ERROR, "m \udce9", value="\udcff")
    run = RunResult(files=[FileResult("caf\udce9.xml", [finding])])
    with pytest.raises(Unchecked):
        json_format.render_utf8(run)
    data = render_bytes("json", run)
    assert data == render("json", run).encode("utf-8") == _reference(encodable(run)).encode("utf-8")
    assert json.loads(data)["findings"][0]["path"] == "caf\\xe9.xml"


def test_no_findings_and_one_finding() -> None:
    empty = RunResult(files=[FileResult("a.xml", [])])
    assert json_format.render(empty) == _reference(empty)
    assert json_format.render(empty).endswith('"findings": []\n}\n')
    assert json_format.render_utf8(empty) == _reference(empty).encode("utf-8")
    one = RunResult(files=[FileResult("a.xml", [Finding("a.xml", "CUR004", Severity.ERROR, "m", line=3)])])
    assert json_format.render(one) == _reference(one)
    assert json.loads(json_format.render(one))["findings"][0]["line"] == 3


def test_to_dict_has_every_contract_key_in_order() -> None:
    finding = Finding("a.xml", "CUR004", Severity.WARNING, "m", value="v", row=2, cell="B2")
    data = finding.to_dict()
    assert tuple(data) == FINDING_KEYS
    assert data["severity"] == "warning" and data["value"] == "v" and data["row"] == 2


def test_many_findings_sharing_parts_are_those_of_indent_2() -> None:
    """More findings than one encoded chunk, most sharing their path, element, values and code
    (written once per distinct group), some not: the bytes are still exactly indent=2's."""
    import random

    rng = random.Random(14)
    texts = ["a", "ñÁ€𝄞", "\u2028", "x\x7f", "},\n      {", "", None]
    findings = [
        Finding(
            rng.choice(["a.xml", "b.xml"]),
            rng.choice(["CAT001", "CIC001"]),
            rng.choice(list(Severity)),
            rng.choice(["m", f"mensaje {index} ≤", "\u202e"]),
            line=rng.choice([None, index, 0]),
            column=rng.choice([None, 3]),
            element=rng.choice(texts),
            xpath=f"/Dec/Asignaturas/Asignatura[{index}]",
            attribute=rng.choice(texts),
            value=rng.choice(texts),
            expected=rng.choice(texts),
            sheet=rng.choice([None, "Hoja"]),
            row=rng.choice([None, 7]),
            cell=rng.choice([None, "B7"]),
        )
        for index in range(1300)
    ]
    run = RunResult(files=[FileResult("a.xml", findings[:700]), FileResult("b.xml", findings[700:])])
    assert json_format.render_utf8(run) == _reference(run).encode("utf-8")
    assert json_format.render(run) == _reference(run)


class _Text(str):
    """A str subclass (what lxml returns for some attribute values)."""


@pytest.mark.parametrize("odd", [1, True, 1.0, "1", _Text("1")])
def test_a_value_equal_to_a_shared_one_is_written_as_itself(odd: object) -> None:
    """Parts shared between findings are remembered by value: 1, True, 1.0 and "1" compare or
    hash alike in places, yet each is written as json writes it."""
    text, number = (odd, 1) if isinstance(odd, str) else ("1", odd)
    findings = [
        Finding("a.xml", "CUR004", Severity.ERROR, "m", value=value, row=row)  # type: ignore[arg-type]
        for value, row in [("1", 1), (text, number), (text, 1), ("1", number), (_Text("1"), None)]
    ]
    run = RunResult(files=[FileResult("a.xml", findings)])
    assert render_bytes("json", run) == _reference(run).encode("utf-8")
