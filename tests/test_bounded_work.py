"""Issue #13, item 3: work linear in the input, findings per file bounded (`limits:`).

No timed assertion: linearity is shown by counting the work (how often a start tag is re-read,
how often libxml2's paths are evaluated), and the bound by the findings themselves.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.config import Limits
from mec_lint.testing import lint_bytes, make_certificate


def _with_unknown_attributes(count: int, *, one_per_line: bool = False) -> bytes:
    raw = make_certificate()
    separator = "\n" if one_per_line else " "
    attributes = separator.join(f'x{i}="v{i}"' for i in range(count))
    return raw.replace(b"<Alumno ", f"<Alumno {attributes}{separator}".encode(), 1)


def _with_empty_subjects(count: int) -> bytes:
    raw = make_certificate()
    at = raw.index(b"</Asignaturas>")
    return raw[:at] + b"<Asignatura/>\n" * count + raw[at:]


def test_one_code_is_listed_up_to_the_limit_then_summarised() -> None:
    findings = lint_bytes(_with_unknown_attributes(500), limits=Limits(max_findings_per_code=25))
    per_code = Counter(f.code for f in findings)
    assert per_code["DEC004"] == 26  # 25 listed + 1 summary
    summary = [f for f in findings if f.code == "DEC004" and f.value == "475"]
    assert len(summary) == 1
    assert "475" in summary[0].message and "25" in summary[0].message
    assert summary[0].expected == "25"
    listed = [f for f in findings if f.code == "DEC004" and f is not summary[0]]
    assert {f.attribute for f in listed} == {f"x{i}" for i in range(25)}  # the first ones written
    assert all(f.line is not None and f.xpath == "/Dec/Alumno" for f in listed)


def test_the_default_limit_keeps_a_real_certificate_whole() -> None:
    """A certificate with 60 subjects all wrong in one attribute lists all 60 (default 200)."""
    subjects = [
        {
            "idAsignatura": str(1000 + i),
            "ciclo": "2019-1",
            "calificacion": "9.00",
            "idTipoAsignatura": "999",  # not in the catalog
            "creditos": "7.00",
        }
        for i in range(60)
    ]
    findings = lint_bytes(make_certificate(subjects=subjects))
    assert Limits().max_findings_per_code >= 60
    unknown_type = [f for f in findings if f.code == "CAT001" and f.attribute == "idTipoAsignatura"]
    assert len(unknown_type) == 60
    assert not any("no se listan" in f.message for f in findings)


def test_summary_follows_severity_overrides_and_ignores() -> None:
    raw = _with_unknown_attributes(50)
    from mec_lint.findings import Severity

    findings = lint_bytes(raw, limits=Limits(max_findings_per_code=3), severity={"DEC004": Severity.WARNING})
    dec004 = [f for f in findings if f.code == "DEC004"]
    assert len(dec004) == 4 and {f.severity for f in dec004} == {Severity.WARNING}
    assert not [
        f
        for f in lint_bytes(raw, limits=Limits(max_findings_per_code=3), ignore=["DEC004"])
        if f.code == "DEC004"
    ]


@pytest.mark.parametrize("one_per_line", [False, True])
def test_many_unknown_attributes_read_the_start_tag_once(
    monkeypatch: pytest.MonkeyPatch, one_per_line: bool
) -> None:
    """100,000 unknown attributes took 210 s: each finding re-read the whole start tag (and
    lxml looks every value up by name). Now the tag is read once, whatever the count."""
    import mec_lint.xmldoc as xmldoc

    reads = Counter[str]()
    original = xmldoc._opening

    def counted(qname: str):  # type: ignore[no-untyped-def]
        reads[qname] += 1
        return original(qname)

    monkeypatch.setattr(xmldoc, "_opening", counted)
    count = 600 if one_per_line else 3000  # a tag over 1,000 lines is located at its end (as before)
    findings = lint_bytes(_with_unknown_attributes(count, one_per_line=one_per_line))
    per_code = Counter(f.code for f in findings)
    limit = Limits().max_findings_per_code
    assert per_code["DEC004"] == limit + 1 and per_code["XSD002"] <= limit + 1
    assert reads["Alumno"] <= 1
    if one_per_line:  # each listed finding points to its attribute's own line
        lines = [
            f.line for f in findings if f.code == "DEC004" and f.attribute and f.attribute.startswith("x")
        ]
        assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_empty_subjects_are_bounded_and_do_not_locate_each_schema_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """20,000 empty <Asignatura/> took 117 s: each schema error was located with an XPath
    (`Asignatura[19999]` walks its siblings). Past the limit errors are counted, not located."""
    from mec_lint.rules import xsd

    evaluated = Counter[str]()
    original = xsd._finding

    def counted(error, doc, ctx, element=None, **kwargs):  # type: ignore[no-untyped-def]
        if not ctx.saturated(xsd._BY_KIND.get(error.kind, xsd.XSD008)):
            evaluated["located"] += 1
        return original(error, doc, ctx, element, **kwargs)

    monkeypatch.setattr(xsd, "_finding", counted)
    findings = lint_bytes(_with_empty_subjects(2000), limits=Limits(max_findings_per_code=30))
    per_code = Counter(f.code for f in findings)
    assert per_code and max(per_code.values()) <= 31
    assert 0 < evaluated["located"] <= 30 * len(per_code)
    summaries = [f for f in findings if "no se listan" in f.message]
    assert summaries and all(int(f.value or 0) > 0 for f in summaries)


def test_limit_is_configurable_and_the_json_contract_holds(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_bytes(_with_unknown_attributes(40))
    (tmp_path / ".mec-lint.yaml").write_text("limits:\n  max-findings-per-code: 2\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["check", str(path), "--format", "json", "--config", str(tmp_path / ".mec-lint.yaml"), "--jobs", "1"],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    dec004 = [f for f in data["findings"] if f["code"] == "DEC004"]
    assert len(dec004) == 3
    summary = next(f for f in dec004 if f["value"] == "38")
    keys = list(data["findings"][0])
    assert list(summary) == keys  # the same keys, in the same order, as every finding
    assert summary["expected"] == "2" and summary["line"] is None


def test_limit_must_be_a_positive_integer(tmp_path: Path) -> None:
    from mec_lint.config import ConfigError, load_config

    config_file = tmp_path / ".mec-lint.yaml"
    config_file.write_text("limits:\n  max-findings-per-code: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config({}, str(config_file))


def test_batch_rules_read_each_member_a_bounded_number_of_times() -> None:
    """2,000 certificates sharing one folioControl: every one gets LOT006 naming a few others,
    and no member's name is read more than a few times per finding (it was every other member's
    name for each finding: quadratic, 4.3 s at 10,000 members)."""
    import datetime as dt

    from mec_lint.batch import Batch, BatchMember
    from mec_lint.config import Config
    from mec_lint.context import Context
    from mec_lint.engine import Linter

    reads = Counter[str]()

    class Counted(BatchMember):
        @property  # type: ignore[override]
        def name(self) -> str:
            reads["name"] += 1
            return self._name

        @name.setter
        def name(self, value: str) -> None:
            self._name = value

    count = 2000
    batch = Batch("lote.zip", "zip")
    for index in range(count):
        facts = {"folioControl": ("F-1", 2, "/Dec"), "curp": (f"C{index:017d}", 8, "/Dec/Alumno")}
        batch.members.append(Counted(f"c{index:05d}.xml", f"lote.zip!c{index:05d}.xml", "xml", facts))
    linter = Linter(Config(upload_date=dt.date(2024, 9, 1), select=("LOT006",)))
    ctx = Context(linter.config, linter.catalogs, batch.path)
    findings = linter.run_checkers(linter.batch_checkers, batch, ctx)
    assert len(findings) == count
    assert findings[0].message.count(".xml") == 5 and f"y {count - 6} más" in findings[0].message
    assert reads["name"] <= 10 * count
