"""CAL001–CAL005: grade scale, passing grades, number formats and letter grades."""

from __future__ import annotations

from decimal import Decimal

from mec_lint.rules._numeros import fixed, plain, to_decimal, to_int
from mec_lint.testing import DEFAULT_SUBJECTS, codes, lint_bytes, make_certificate

CAL = ["CAL"]


def grades(*values: str) -> list[dict[str, str]]:
    rows = [dict(row) for row in DEFAULT_SUBJECTS]
    for row, value in zip(rows, values):
        row["calificacion"] = value
    return rows


def found(raw: bytes, select: list[str] = CAL, **config: object) -> list[tuple[str, str, str, str]]:
    return [
        (f.code, f.attribute or "", f.value or "", f.expected or "")
        for f in lint_bytes(raw, select=select, **config)
    ]


def test_default_certificate_is_clean() -> None:
    assert lint_bytes(make_certificate(), select=CAL) == []


def test_spec_sample_scales_are_clean() -> None:
    for low, high, passing in (("5", "10", "6.00"), ("5", "10", "7.00"), ("0", "10", "8.00")):
        carrera = {
            "calificacionMinima": low,
            "calificacionMaxima": high,
            "calificacionMinimaAprobatoria": passing,
        }
        raw = make_certificate(overrides={"Carrera": carrera, "Asignaturas": {"promedio": "9.33"}})
        assert lint_bytes(raw, select=CAL) == [], passing


# -- CAL001 / CAL002 ----------------------------------------------------------------------------


def test_grade_above_maximum() -> None:
    assert found(make_certificate(subjects=grades("95.00")), ["CAL001"]) == [
        ("CAL001", "calificacion", "95.00", "5–10")
    ]


def test_grade_below_minimum_is_also_failing() -> None:
    assert codes(lint_bytes(make_certificate(subjects=grades("4.00")), select=CAL)) == ["CAL001", "CAL002"]


def test_failing_grade_inside_the_scale() -> None:
    assert found(make_certificate(subjects=grades("5.50")), ["CAL001", "CAL002"]) == [
        ("CAL002", "calificacion", "5.50", "6.00")
    ]


def test_passing_grade_at_the_limit_passes() -> None:
    assert (
        lint_bytes(make_certificate(subjects=grades("6.00", "10", "7.00")), select=["CAL001", "CAL002"]) == []
    )


def test_letter_grades_are_not_range_checked() -> None:
    assert lint_bytes(make_certificate(subjects=grades("AC", "ACREDITADA", "ac")), select=CAL) == []


def test_inconsistent_scale_does_not_flag_every_grade() -> None:
    raw = make_certificate(overrides={"Carrera": {"calificacionMinimaAprobatoria": "11.00"}})
    assert codes(lint_bytes(raw, select=CAL)) == ["CAL003"]


# -- CAL003 -------------------------------------------------------------------------------------


def test_scale_not_numeric() -> None:
    raw = make_certificate(overrides={"Carrera": {"calificacionMaxima": "DIEZ"}})
    assert found(raw, ["CAL003"]) == [("CAL003", "calificacionMaxima", "DIEZ", "10")]


def test_minimum_not_below_passing() -> None:
    raw = make_certificate(
        overrides={"Carrera": {"calificacionMinima": "6", "calificacionMinimaAprobatoria": "6.00"}}
    )
    assert found(raw, ["CAL003"]) == [("CAL003", "calificacionMinima", "6", "< 6.00")]
    options = {"CAL003": {"permitir_minima_igual": True}}
    assert lint_bytes(raw, select=["CAL003"], rule_options=options) == []


def test_passing_above_maximum() -> None:
    raw = make_certificate(overrides={"Carrera": {"calificacionMinimaAprobatoria": "10.50"}})
    assert [f[1] for f in found(raw, ["CAL003"])] == ["calificacionMinimaAprobatoria"]


def test_passing_equal_to_maximum_is_allowed() -> None:
    raw = make_certificate(
        overrides={"Carrera": {"calificacionMinimaAprobatoria": "10.00"}}, subjects=grades("10", "10", "10")
    )
    assert lint_bytes(raw, select=["CAL003", "CAL001", "CAL002"]) == []


# -- CAL004 -------------------------------------------------------------------------------------


def test_grade_formats() -> None:
    raw = make_certificate(subjects=grades("9", "10.00", "9.567"))
    assert found(raw, ["CAL004"]) == [
        ("CAL004", "calificacion", "9", "9.00"),
        ("CAL004", "calificacion", "10.00", "10"),
        ("CAL004", "calificacion", "9.567", "9.56"),
    ]
    assert lint_bytes(raw, select=["CAL004"])[0].severity.value == "warning"


def test_one_decimal_grade_suggests_two() -> None:
    findings = lint_bytes(make_certificate(subjects=grades("9.5")), select=["CAL004"])
    assert [(f.value, f.expected) for f in findings] == [("9.5", "9.50")]
    assert '"9.50"' in findings[0].message and "sello" in findings[0].message


def test_perfect_grade_written_10_00_can_be_accepted_by_option() -> None:
    raw = make_certificate(subjects=grades("9.00", "10.00", "9.00"))
    options = {"CAL004": {"maxima_entera": False}}
    assert lint_bytes(raw, select=["CAL004"], rule_options=options) == []
    raw = make_certificate(subjects=grades("9.00", "10", "9.00"))
    assert found(raw, ["CAL004"], rule_options=options) == [("CAL004", "calificacion", "10", "10.00")]


def test_scale_formats() -> None:
    carrera = {
        "calificacionMinima": "5.00",
        "calificacionMaxima": "10.0",
        "calificacionMinimaAprobatoria": "6",
    }
    assert sorted(found(make_certificate(overrides={"Carrera": carrera}), ["CAL004"])) == [
        ("CAL004", "calificacionMaxima", "10.0", "10"),
        ("CAL004", "calificacionMinima", "5.00", "5"),
        ("CAL004", "calificacionMinimaAprobatoria", "6", "6.00"),
    ]


def test_credit_formats() -> None:
    rows = grades()
    rows[0]["creditos"] = "7"
    raw = make_certificate(
        subjects=rows, overrides={"Asignaturas": {"totalCreditos": "21.0", "creditosObtenidos": "21"}}
    )
    assert sorted(found(raw, ["CAL004"])) == [
        ("CAL004", "creditos", "7", "7.00"),
        ("CAL004", "creditosObtenidos", "21", "21.00"),
        ("CAL004", "totalCreditos", "21.0", "21.00"),
    ]


def test_credit_decimals_are_an_option() -> None:
    rows = grades()
    for row in rows:
        row["creditos"] = "7.0"
    summary = {"Asignaturas": {"totalCreditos": "21.0", "creditosObtenidos": "21.0"}}
    raw = make_certificate(subjects=rows, overrides=summary)
    assert lint_bytes(raw, select=["CAL004"], rule_options={"CAL004": {"decimales_creditos": 1}}) == []
    assert len(lint_bytes(raw, select=["CAL004"])) == 5


def test_promedio_formats() -> None:
    assert found(make_certificate(overrides={"Asignaturas": {"promedio": "9.3"}}), ["CAL004"]) == [
        ("CAL004", "promedio", "9.3", "9.30")
    ]
    perfect = grades("10", "10", "10")
    for promedio in ("10", "10.00"):
        raw = make_certificate(subjects=perfect, overrides={"Asignaturas": {"promedio": promedio}})
        assert lint_bytes(raw, select=CAL) == [], promedio
    raw = make_certificate(subjects=perfect, overrides={"Asignaturas": {"promedio": "10.0"}})
    assert found(raw, ["CAL004"]) == [("CAL004", "promedio", "10.0", "10")]


def test_letter_grades_have_no_format_finding() -> None:
    assert lint_bytes(make_certificate(subjects=grades("AC")), select=["CAL004"]) == []


# -- CAL005 -------------------------------------------------------------------------------------


def test_unknown_letter_grade() -> None:
    findings = lint_bytes(make_certificate(subjects=grades("NP")), select=CAL)
    assert [(f.code, f.value, f.expected) for f in findings] == [("CAL005", "NP", "AC, ACREDITADA")]
    assert findings[0].severity.value == "error"


def test_decimal_comma_gets_a_suggestion() -> None:
    assert found(make_certificate(subjects=grades("9,5")), ["CAL005"]) == [
        ("CAL005", "calificacion", "9,5", "9.50")
    ]


def test_empty_grade() -> None:
    findings = lint_bytes(make_certificate(subjects=grades("")), select=CAL)
    assert codes(findings) == ["CAL005"] and "vacía" in findings[0].message


def test_letter_list_is_an_option() -> None:
    raw = make_certificate(subjects=grades("EX"))
    assert codes(lint_bytes(raw, select=CAL)) == ["CAL005"]
    assert lint_bytes(raw, select=CAL, rule_options={"CAL005": {"letras": ["AC", "EX"]}}) == []


def test_english_messages() -> None:
    findings = lint_bytes(make_certificate(subjects=grades("9")), select=["CAL004"], lang="en")
    assert "by convention" in findings[0].message


# -- number helpers -----------------------------------------------------------------------------


def test_number_helpers() -> None:
    assert to_decimal("9.00") == Decimal("9")
    assert to_decimal(" 10 ") == Decimal(10)
    for text in ("9,5", "1e1", "NaN", "Infinity", ".5", "9.", "", "AC", None):
        assert to_decimal(text) is None, text
    assert to_int("54") == 54 and to_int("5.0") is None
    assert fixed(Decimal("9.567")) == "9.56" and fixed(Decimal("9")) == "9.00"
    assert plain(Decimal("10.00")) == "10" and plain(Decimal("9.50")) == "9.5"


def test_whole_grades_on_a_0_to_100_scale_are_not_format_warnings() -> None:
    from mec_lint.testing import lint_bytes, make_certificate

    subjects = [
        {
            "idAsignatura": str(100 + i),
            "ciclo": "2019-1",
            "calificacion": grade,
            "idObservaciones": "100",
            "idTipoAsignatura": "263",
            "creditos": "7.00",
        }
        for i, grade in enumerate(["85", "90", "100"])
    ]
    raw = make_certificate(
        overrides={
            "Carrera": {
                "calificacionMinima": "0",
                "calificacionMaxima": "100",
                "calificacionMinimaAprobatoria": "70.00",
            },
            "Asignaturas": {"promedio": "91.66", "numeroCiclos": "1"},
        },
        subjects=subjects,
    )
    assert [f for f in lint_bytes(raw, select=["CAL"])] == []
    nine = make_certificate(subjects=[dict(subjects[0], calificacion="9")])
    assert "CAL004" in {f.code for f in lint_bytes(nine, select=["CAL004"])}  # 0–10 scale: `9.00`
