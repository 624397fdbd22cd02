"""Results cross process boundaries compact and come back whole (issue #14: flat memory)."""

from __future__ import annotations

import pickle

from mec_lint.batch import Facts
from mec_lint.findings import Finding, Severity
from mec_lint.results import FileResult


def test_every_field_travels() -> None:
    finding = Finding("a.xml", "CUR004", Severity.ERROR, "m", line=3)
    result = FileResult("a.xml", [finding], {"curp": ("X", 9, "/Dec/Alumno")}, False, ("XML001",), 0.25)
    back = pickle.loads(pickle.dumps(result))
    assert {name: getattr(back, name) for name in FileResult.FIELDS} == {
        "path": "a.xml",
        "findings": [finding],
        "facts": {"curp": ("X", 9, "/Dec/Alumno")},
        "checked": False,
        "codes_ran": ("XML001",),
        "elapsed": 0.25,
    }


def test_pickled_results_are_equal_and_share_what_repeats() -> None:
    finding = Finding("a.xml", "CUR004", Severity.ERROR, "m", line=3)
    facts = {"idCampus": ("090872", 4, "/Dec/Ipes"), "curp": ("GAPA010523MDFRRNA3", 9, "/Dec/Alumno")}
    first = FileResult("a.xml", [finding], Facts.from_dict(facts), True, ("XML001", "CUR004"))
    second = FileResult("b.xml", [], Facts.from_dict(dict(facts)), False, ("XML001", "CUR004"))
    back = [pickle.loads(pickle.dumps(result)) for result in (first, second)]
    assert back == [first, second]
    assert back[0].codes_ran is back[1].codes_ran  # one tuple for every result with those codes
    assert back[0].facts is not None and back[1].facts is not None
    assert back[0].facts == facts and back[1].facts == facts
    assert back[0].facts["idCampus"][0] is back[1].facts["idCampus"][0]  # equal values: one string
    assert back[0].facts["idCampus"][2] is back[1].facts["idCampus"][2]  # one XPath
    assert (
        FileResult("c.xml").codes_ran == ()
        and pickle.loads(pickle.dumps(FileResult("c.xml"))).codes_ran == ()
    )


def test_facts_read_like_the_dict_they_replace() -> None:
    facts = {"folioControl": ("F-1", 2, "/Dec"), "curp": ("", 9, "/Dec/Alumno"), "alumno": "ANA PÉREZ"}
    compact = Facts.from_dict(facts)
    assert dict(compact) == facts and list(compact) == list(facts) and len(compact) == 3
    assert "idCampus" not in compact and compact.get("idCampus") is None and "alumno" in compact
    assert compact["curp"] == ("", 9, "/Dec/Alumno")  # an empty value is a value, not an absence
    assert pickle.loads(pickle.dumps(compact)) == compact
    assert Facts.from_dict({}) == {} and not Facts.from_dict({})
