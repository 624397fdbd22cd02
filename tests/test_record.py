"""mec_lint.record: the plain classes that replaced the dataclasses behave as those did
(equality, hashing, repr, replace, pickling), and the classes that use it list their fields once."""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

from mec_lint import (
    batch,
    certificate,
    config,
    curp,
    dates,
    findings,
    inputs,
    registry,
    report,
    results,
    rule,
    runner,
    schema,
    xmldoc,
)
from mec_lint.formatters import _shared
from mec_lint.record import Record, fields_of
from mec_lint.rules import calificaciones, totales


class Point(Record):
    __slots__ = ("x", "y", "note")
    UNCOMPARED = ("note",)

    def __init__(self, x: int, y: int = 0, note: str = "") -> None:
        self.x = x
        self.y = y
        self.note = note


class Single(Record):
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def test_equality_and_hash_compare_the_fields_but_the_uncompared() -> None:
    assert Point(1, 2) == Point(1, 2, note="other") and hash(Point(1, 2)) == hash(Point(1, 2, "x"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != (1, 0) and Point(1).__eq__((1, 0)) is NotImplemented
    assert Single(3) == Single(3) and Single(3) != Single(4) and len({Single(3), Single(3)}) == 1
    assert Single([1]) == Single([1])


def test_repr_as_a_dataclass_wrote_it() -> None:
    assert repr(Point(1, 2, "n")) == "Point(x=1, y=2)"
    assert repr(Single("a")) == "Single(value='a')"


def test_replace_builds_a_new_record_through_the_constructor() -> None:
    first = Point(1, 2, "n")
    second = first.replace(y=5)
    assert (second.x, second.y, second.note) == (1, 5, "n") and (first.y, second is first) == (2, False)
    with pytest.raises(TypeError, match="z"):
        first.replace(z=1)


def test_records_pickle_and_copy() -> None:
    point = Point(1, 2, "n")
    for back in (pickle.loads(pickle.dumps(point)), copy.copy(point), copy.deepcopy(point)):
        assert back == point and back.note == "n"
    finding = findings.Finding("a.xml", "CUR004", findings.Severity.ERROR, "m", line=3, omitted=True)
    back = pickle.loads(pickle.dumps(finding))
    assert back == finding and back.omitted and back.line == 3


RECORDS = [
    batch.BatchMember,
    batch.Batch,
    certificate.CertInfo,
    certificate.CertProblem,
    config.Limits,
    config.Config,
    curp.ShapeProblem,
    dates.DateCheck,
    findings.Finding,
    inputs.Source,
    registry.Registry,
    report.ReportOptions,
    results.FileResult,
    results.RunResult,
    rule.Option,
    rule.Rule,
    rule.Checker,
    runner.Task,
    schema.SchemaError,
    xmldoc.ParseProblem,
    _shared.Shared,
    calificaciones.Scale,
    totales.Tally,
]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_every_record_lists_its_constructor_fields_in_order(cls: type[Record]) -> None:
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    assert list(fields_of(cls)) == parameters
    assert set(cls.UNCOMPARED) <= set(fields_of(cls))
    if "__slots__" in vars(cls):
        assert cls.__slots__ == fields_of(cls)


def test_finding_equality_ignores_only_omitted() -> None:
    base = findings.Finding("a.xml", "CUR004", findings.Severity.ERROR, "m", line=3)
    assert base == base.replace(omitted=True)
    for name in fields_of(findings.Finding):
        if name in ("omitted", "severity"):
            continue
        changed = base.replace(**{name: 7 if name in ("line", "column", "row") else "x"})
        assert changed != base, name
    assert base.with_severity(findings.Severity.WARNING).severity is findings.Severity.WARNING
    assert base.with_path("b.xml").path == "b.xml" and base.path == "a.xml"


def test_defaults_are_fresh_per_record() -> None:
    one, two = config.Config(), config.Config()
    assert one == two and one.severity is not two.severity and one.limits == config.Limits()
    assert results.FileResult("a").findings is not results.FileResult("b").findings
