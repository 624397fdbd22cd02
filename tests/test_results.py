"""Results cross process boundaries compact and come back whole (issue #14: flat memory)."""

from __future__ import annotations

import dataclasses
import pickle

from mec_lint.findings import Finding, Severity
from mec_lint.results import _RESULT_FIELDS, FileResult


def test_every_field_travels() -> None:
    assert tuple(f.name for f in dataclasses.fields(FileResult)) == _RESULT_FIELDS


def test_pickled_results_are_equal_and_share_what_repeats() -> None:
    finding = Finding("a.xml", "CUR004", Severity.ERROR, "m", line=3)
    facts = {"idCampus": ("090872", 4, "/Dec/Ipes"), "curp": ("GAPA010523MDFRRNA3", 9, "/Dec/Alumno")}
    first = FileResult("a.xml", [finding], dict(facts), True, ("XML001", "CUR004"))
    second = FileResult("b.xml", [], dict(facts), False, ("XML001", "CUR004"))
    back = [pickle.loads(pickle.dumps(result)) for result in (first, second)]
    assert back == [first, second]
    assert back[0].codes_ran is back[1].codes_ran  # one tuple for every result with those codes
    assert back[0].facts is not None and back[1].facts is not None
    assert back[0].facts["idCampus"] is back[1].facts["idCampus"]  # equal facts: one object
    assert (
        FileResult("c.xml").codes_ran == ()
        and pickle.loads(pickle.dumps(FileResult("c.xml"))).codes_ran == ()
    )
