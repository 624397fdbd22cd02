"""Results cross process boundaries compact and come back whole (issue #14: flat memory)."""

from __future__ import annotations

import pickle
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mec_lint.batch import FACT_FIELDS, FACT_KEYS, Facts
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


def _deep_size(facts: Facts) -> int:
    """Bytes of what one certificate's facts hold of their own (the shared places not counted)."""
    return sys.getsizeof(facts) + sum(
        sys.getsizeof(getattr(facts, slot)) for slot in Facts.__slots__ if slot != "_places"
    )


def test_a_certificates_facts_are_one_small_object() -> None:
    """What a run keeps per certificate until the batch rules: ≈ 230 bytes for a usual one (ten
    separate strings in a tuple took ≈ 440)."""
    facts = {
        "folioControl": ("UEC-2024-000001", 2, "/Dec"),
        "noCertificadoResponsable": ("00001000000512345678", 2, "/Dec"),
        "idEntidad": ("20871", 3, "/Dec/ServicioFirmante"),
        "idNombreInstitucion": ("20871", 4, "/Dec/Ipes"),
        "idCampus": ("090872", 4, "/Dec/Ipes"),
        "responsableCurp": ("ROLM750312HDFDPR01", 5, "/Dec/Ipes/Responsable"),
        "idCarrera": ("101", 8, "/Dec/Carrera"),
        "curp": ("GALA980101MDFRPN06", 9, "/Dec/Alumno"),
        "numeroControl": ("A2019-00000", 9, "/Dec/Alumno"),
        "alumno": "GARCIA LOPEZ ANA",
    }
    compact = Facts.from_dict(facts)
    assert dict(compact) == facts
    assert _deep_size(compact) <= 256
    assert _deep_size(pickle.loads(pickle.dumps(compact))) == _deep_size(compact)


_VALUES = st.one_of(
    st.none(),
    st.text(max_size=40),  # any character, U+0000 inside a value, astral characters, empty values
    st.text(alphabet="ñÁ \x00\x01", max_size=300),  # offsets past 255
)


@given(st.lists(_VALUES, min_size=len(FACT_KEYS), max_size=len(FACT_KEYS)))
def test_facts_keep_any_values_exactly(values: list[str | None]) -> None:
    if "\x00" in values:  # one lone U+0000 stands for an absent value: XML cannot hold it
        with pytest.raises(ValueError):
            Facts.from_dict({"alumno": "\x00"} if values[-1] == "\x00" else _as_dict(values))
        return
    facts = _as_dict(values)
    compact = Facts.from_dict(facts)
    assert dict(compact) == facts
    assert [compact.value(key) for key in FACT_KEYS] == values
    assert bool(compact) == any(value is not None for value in values)
    assert pickle.loads(pickle.dumps(compact)) == facts


def _as_dict(values: list[str | None]) -> dict[str, object]:
    facts: dict[str, object] = {}
    for index, (key, value) in enumerate(zip(FACT_KEYS, values)):
        if value is not None:
            facts[key] = value if key not in FACT_FIELDS else (value, index, f"/Dec/X{index}")
    return facts
