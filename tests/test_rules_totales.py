"""TOT001–TOT005: the Asignaturas summary against the subjects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mec_lint.rules._numeros import round_half_up, truncate
from mec_lint.testing import DEFAULT_SUBJECTS, codes, lint_bytes, make_certificate

TOT = ["TOT"]


def subject(number: int, grade: str, tipo: str = "263", credits: str = "7.00") -> dict[str, str]:
    return {
        "idAsignatura": str(1010100 + number),
        "ciclo": "2019-3",
        "calificacion": grade,
        "idObservaciones": "100",
        "idTipoAsignatura": tipo,
        "creditos": credits,
    }


THIRDS = [subject(1, "9.00"), subject(2, "8.00"), subject(3, "9.00")]  # mean 8.666…


def summary(**values: str) -> dict[str, dict[str, str]]:
    return {"Asignaturas": values}


def test_default_certificate_is_clean() -> None:
    assert lint_bytes(make_certificate(), select=TOT) == []


def test_complementaria_and_ac_computed_right_is_clean() -> None:
    rows = [
        subject(1, "9.00"),
        subject(2, "8.00"),
        subject(3, "AC", tipo="264"),
        subject(4, "6.00", tipo="266", credits="3.00"),
    ]
    raw = make_certificate(
        subjects=rows,
        overrides=summary(
            total="3", asignadas="3", promedio="8.50", totalCreditos="21.00", creditosObtenidos="21.00"
        ),
    )
    assert lint_bytes(raw, select=["TOT", "CAL"]) == []


# -- TOT001 -------------------------------------------------------------------------------------


def test_asignadas_counting_a_complementaria_fires() -> None:
    rows = [*THIRDS, subject(4, "9.00", tipo="266")]
    raw = make_certificate(subjects=rows, overrides=summary(total="4", asignadas="4", promedio="8.66"))
    findings = lint_bytes(raw, select=["TOT001"])
    assert [(f.attribute, f.value, f.expected) for f in findings] == [("asignadas", "4", "3")]
    assert "1 complementaria, que no cuenta" in findings[0].message


def test_asignadas_counts_letter_grades() -> None:
    rows = [subject(1, "9.00"), subject(2, "ACREDITADA"), subject(3, "AC")]
    raw = make_certificate(subjects=rows, overrides=summary(promedio="9.00"))
    assert lint_bytes(raw, select=TOT) == []


def test_excluded_types_are_an_option() -> None:
    rows = [*THIRDS, subject(4, "9.00", tipo="265")]
    raw = make_certificate(subjects=rows, overrides=summary(total="3", asignadas="3", promedio="8.66"))
    assert "TOT001" in codes(lint_bytes(raw, select=TOT))
    options = {"TOT001": {"tipos_no_contables": ["265", "266"]}}
    assert lint_bytes(raw, select=TOT, rule_options=options) == []


def test_non_integer_asignadas_is_skipped() -> None:
    raw = make_certificate(overrides=summary(asignadas="tres"))
    assert lint_bytes(raw, select=TOT) == []


# -- TOT002 -------------------------------------------------------------------------------------


def test_total_below_asignadas_fires() -> None:
    findings = lint_bytes(make_certificate(overrides=summary(total="2")), select=TOT)
    assert [(f.code, f.attribute, f.value, f.expected) for f in findings] == [("TOT002", "total", "2", "3")]


def test_total_certificate_needs_total_equal_to_asignadas() -> None:
    findings = lint_bytes(make_certificate(overrides=summary(total="54")), select=TOT)
    assert codes(findings) == ["TOT002"] and "79" in findings[0].message


def test_partial_certificate_may_have_more_subjects_in_the_plan() -> None:
    partial = {"Expedicion": {"idTipoCertificacion": "80", "tipoCertificacion": "PARCIAL"}}
    raw = make_certificate(overrides={**partial, **summary(total="48", totalCreditos="336.00")})
    assert lint_bytes(raw, select=TOT) == []
    raw = make_certificate(overrides=partial)  # total = asignadas on a partial: the spec is silent
    assert lint_bytes(raw, select=TOT) == []


# -- TOT003 -------------------------------------------------------------------------------------


def test_truncated_and_rounded_average_both_pass() -> None:
    for promedio in ("8.66", "8.67"):
        raw = make_certificate(subjects=THIRDS, overrides=summary(promedio=promedio))
        assert lint_bytes(raw, select=TOT) == [], promedio


def test_average_matching_neither_fires_with_both_candidates() -> None:
    raw = make_certificate(subjects=THIRDS, overrides=summary(promedio="8.65"))
    findings = lint_bytes(raw, select=TOT)
    assert [(f.code, f.value, f.expected) for f in findings] == [("TOT003", "8.65", "8.66")]
    assert "8.66 (truncado) o 8.67 (redondeado)" in findings[0].message
    assert "8.666666…" in findings[0].message
    english = lint_bytes(raw, select=TOT, lang="en")
    assert "8.66 (truncated) or 8.67 (rounded)" in english[0].message


def test_tolerance_option_accepts_float_truncation() -> None:
    rows = [subject(1, "9.00"), subject(2, "9.70"), subject(3, "9.35")]  # mean exactly 9.35
    raw = make_certificate(subjects=rows, overrides=summary(promedio="9.34"))
    assert codes(lint_bytes(raw, select=TOT)) == ["TOT003"]
    assert lint_bytes(raw, select=TOT, rule_options={"TOT003": {"tolerancia": "0.01"}}) == []
    raw = make_certificate(subjects=rows, overrides=summary(promedio="9.33"))
    assert codes(lint_bytes(raw, select=TOT, rule_options={"TOT003": {"tolerancia": "0.01"}})) == ["TOT003"]


def test_exact_average_has_a_single_candidate() -> None:
    findings = lint_bytes(make_certificate(overrides=summary(promedio="9.34")), select=TOT)
    assert codes(findings) == ["TOT003"] and "se espera 9.33." in findings[0].message


def test_perfect_average_may_be_10_or_10_00() -> None:
    rows = [subject(1, "10"), subject(2, "10"), subject(3, "10")]
    for promedio in ("10", "10.00"):
        raw = make_certificate(subjects=rows, overrides=summary(promedio=promedio))
        assert lint_bytes(raw, select=TOT) == [], promedio
    findings = lint_bytes(make_certificate(subjects=rows, overrides=summary(promedio="9.99")), select=TOT)
    assert findings[0].expected == "10"


def test_average_leaves_out_complementaria_and_letters() -> None:
    rows = [subject(1, "10"), subject(2, "8.00"), subject(3, "AC"), subject(4, "6.00", tipo="266")]
    good = summary(total="3", asignadas="3", promedio="9.00")
    assert lint_bytes(make_certificate(subjects=rows, overrides=good), select=TOT) == []
    wrong = summary(total="3", asignadas="3", promedio="8.00")  # (10 + 8 + 6) / 3: counts the 266
    assert codes(lint_bytes(make_certificate(subjects=rows, overrides=wrong), select=TOT)) == ["TOT003"]


def test_average_is_skipped_when_a_grade_is_not_readable() -> None:
    rows = [subject(1, "9,5"), subject(2, "8.00"), subject(3, "9.00")]
    assert lint_bytes(make_certificate(subjects=rows, overrides=summary(promedio="1.00")), select=TOT) == []
    rows = [subject(1, "AC"), subject(2, "AC"), subject(3, "AC")]  # no numeric grade: no mean
    assert lint_bytes(make_certificate(subjects=rows, overrides=summary(promedio="10")), select=TOT) == []


def test_letter_grades_follow_the_cal005_option() -> None:
    rows = [subject(1, "9.00"), subject(2, "8.00"), subject(3, "EXENTO")]
    raw = make_certificate(subjects=rows, overrides=summary(promedio="8.50"))
    assert lint_bytes(raw, select=TOT) == []  # unreadable grade: TOT003 is skipped
    raw = make_certificate(subjects=rows, overrides=summary(promedio="5.00"))
    options = {"CAL005": {"letras": ["AC", "EXENTO"]}}
    assert codes(lint_bytes(raw, select=TOT, rule_options=options)) == ["TOT003"]


def test_more_than_two_decimals_is_a_wrong_promedio() -> None:
    """Issue #2: «truncated to 2 decimals (the rounded value is also accepted; flag values that match
    neither)»: 8.666 is neither 8.66 nor 8.67, even though it is the mean cut at 3 decimals."""
    raw = make_certificate(subjects=THIRDS, overrides=summary(promedio="8.666"))
    [finding] = lint_bytes(raw, select=TOT)
    assert (finding.code, finding.expected) == ("TOT003", "8.66") and "3 decimales" in finding.message
    assert lint_bytes(raw, select=["CAL004"]) == []  # one finding, the error


@pytest.mark.parametrize(
    ("attribute", "value", "code", "expected"),
    [
        ("promedio", "abc", "TOT003", None),
        ("promedio", "8,66", "TOT003", "8.66"),
        ("promedio", "NaN", "TOT003", None),
        ("creditosObtenidos", "veintiuno", "TOT004", None),
        ("totalCreditos", "21.00x", "TOT005", None),
        ("totalCreditos", "21.00 créditos", "TOT005", "21.00"),
    ],
)
def test_a_total_that_is_not_a_number_is_an_error(
    attribute: str, value: str, code: str, expected: str
) -> None:
    raw = make_certificate(subjects=THIRDS, overrides=summary(**{attribute: value}))
    found = [f for f in lint_bytes(raw) if f.code == code]
    assert [(f.attribute, f.value, f.expected) for f in found] == [(attribute, value, expected)]


def test_a_subject_credit_that_is_not_a_number_is_an_error() -> None:
    rows = [subject(1, "9.00"), subject(2, "8.00"), subject(3, "8.00")]
    rows[1]["creditos"] = "siete"
    [finding] = [f for f in lint_bytes(make_certificate(subjects=rows)) if f.code == "TOT004"]
    assert (finding.element, finding.attribute, finding.value) == ("Asignatura", "creditos", "siete")


@given(st.lists(st.integers(min_value=600, max_value=1000), min_size=1, max_size=60))
def test_truncation_and_rounding_bracket_the_mean(hundredths: list[int]) -> None:
    grades = [Decimal(value) / 100 for value in hundredths]
    mean = sum(grades, Decimal(0)) / len(grades)
    low, high = truncate(mean), round_half_up(mean)
    assert low <= mean and low > mean - Decimal("0.01")
    assert high - low in (Decimal(0), Decimal("0.01"))
    assert abs(high - mean) <= Decimal("0.005")


# -- TOT004 / TOT005 ----------------------------------------------------------------------------


def test_credits_obtained_is_the_sum() -> None:
    findings = lint_bytes(make_certificate(overrides=summary(creditosObtenidos="20.00")), select=["TOT004"])
    assert [(f.value, f.expected) for f in findings] == [("20.00", "21.00")]


def test_credit_sum_uses_decimals_exactly() -> None:
    rows = [
        subject(1, "9.00", credits="6.25"),
        subject(2, "9.00", credits="5.25"),
        subject(3, "9.00", credits="0.10"),
    ]
    raw = make_certificate(
        subjects=rows, overrides=summary(promedio="9.00", totalCreditos="11.60", creditosObtenidos="11.60")
    )
    assert lint_bytes(raw, select=TOT) == []


def test_credit_sum_is_skipped_when_a_credit_is_not_a_number() -> None:
    """The unreadable credit itself is the finding; no sum is compared (no second, derived error)."""
    rows = [subject(1, "9.00", credits="siete"), subject(2, "10"), subject(3, "9.00")]
    [finding] = lint_bytes(make_certificate(subjects=rows), select=["TOT004"])
    assert (finding.attribute, finding.value) == ("creditos", "siete")


def test_total_credits_below_obtained_fires() -> None:
    partial = {"Expedicion": {"idTipoCertificacion": "80"}}
    findings = lint_bytes(
        make_certificate(overrides={**partial, **summary(totalCreditos="20.00")}), select=TOT
    )
    assert [(f.code, f.attribute) for f in findings] == [("TOT005", "totalCreditos")]


def test_total_certificate_needs_equal_credits() -> None:
    findings = lint_bytes(make_certificate(overrides=summary(totalCreditos="315.00")), select=TOT)
    assert codes(findings) == ["TOT005"]
    partial = {"Expedicion": {"idTipoCertificacion": "80"}}
    assert (
        lint_bytes(make_certificate(overrides={**partial, **summary(totalCreditos="315.00")}), select=TOT)
        == []
    )


def test_credits_compared_as_numbers() -> None:
    raw = make_certificate(overrides=summary(totalCreditos="21", creditosObtenidos="21.0"))
    assert lint_bytes(raw, select=TOT) == []


# -- issue #15 item 1: counts, credits and averages are ≥ 0 ------------------------------------


def test_a_negative_subject_credit_is_reported_at_its_subject() -> None:
    """The schema's decimal accepts «-7.50» and the totals simply added it: now it is TOT004 at the subject."""
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects[1]["creditos"] = "-7.50"
    raw = make_certificate(
        {"Asignaturas": {"creditosObtenidos": "6.50", "totalCreditos": "6.50"}}, subjects=subjects
    )
    findings = lint_bytes(raw, select=["TOT", "CAL"])
    assert [(f.code, f.xpath, f.attribute, f.value, f.expected) for f in findings] == [
        ("TOT004", "/Dec/Asignaturas/Asignatura[2]", "creditos", "-7.50", "7.50")
    ]
    assert "negativo" in findings[0].message and findings[0].line is not None
    [english] = lint_bytes(raw, select=["TOT004"], lang="en")
    assert "is negative" in english.message


def test_negative_totals_and_counts_are_one_finding_each() -> None:
    cases = {
        "creditosObtenidos": ("TOT004", "-21.00"),
        "totalCreditos": ("TOT005", "-21.00"),
        "promedio": ("TOT003", "-9.33"),
        "asignadas": ("TOT001", "-3"),
        "total": ("TOT002", "-3"),
    }
    for attribute, (code, value) in cases.items():
        raw = make_certificate({"Asignaturas": {attribute: value}})
        findings = [f for f in lint_bytes(raw, select=["TOT"]) if f.attribute == attribute]
        assert [(f.code, f.value, f.expected) for f in findings] == [(code, value, value[1:])], attribute
        assert "negativ" in findings[0].message


def test_a_negative_scale_is_cal003() -> None:
    raw = make_certificate({"Carrera": {"calificacionMinima": "-5"}})
    findings = lint_bytes(raw, select=["CAL"])
    assert [(f.code, f.attribute, f.value) for f in findings] == [("CAL003", "calificacionMinima", "-5")]
    assert "negativo" in findings[0].message


def test_zero_and_minus_zero_are_not_negative() -> None:
    subjects = [dict(s) for s in DEFAULT_SUBJECTS]
    subjects.append(dict(subjects[0], idAsignatura="1010301", creditos="0.00", idTipoAsignatura="266"))
    raw = make_certificate({"Carrera": {"calificacionMinima": "0"}}, subjects=subjects)
    assert [f for f in lint_bytes(raw, select=["TOT", "CAL003"]) if "negativ" in f.message] == []


NUMBERS = st.sampled_from(
    ["7.00", "7", "9.5", "-1", "-0.00", "0", "999999.999999", "1000000", "0.0000001", "123456789012345678901234.5",
     "-123456789012345678901234.5", "999999999999999999", "0.00000000006", "1.000000000000000000000000001", "x", "", " 8.00 ", "AC"]
)  # fmt: skip


@given(st.lists(st.tuples(NUMBERS, NUMBERS, st.sampled_from(["263", "266"])), min_size=0, max_size=12))
@example([(value, value, "263") for value in ("999999999999999999", "0.00000000006", "0.00000000006")])
@example(
    [(v, v, "263") for v in ("999999.999999", "123456789012345678901234.5", "-123456789012345678901234.5")]
)
def test_tally_sums_equal_sums_in_document_order(rows: list[tuple[str, str, str]]) -> None:
    """The tally sums each distinct value times its count only when that is exact; the sums (value
    and exponent) are always those of adding every value in document order."""
    from mec_lint.rules.totales import tally
    from mec_lint.xmldoc import XmlDocument, parse

    subjects = [subject(i, grade, tipo, credits) for i, (grade, credits, tipo) in enumerate(rows)]
    doc = parse("t.xml", make_certificate(subjects=subjects))
    assert isinstance(doc, XmlDocument)
    result = tally(doc, frozenset({"266"}), frozenset({"AC"}))
    counted = [(grade, credits) for grade, credits, tipo in rows if tipo != "266"]
    from mec_lint.rules._numeros import to_decimal

    grades = [g for g in (to_decimal(grade) for grade, _ in counted) if g is not None]
    credits = [c for c in (to_decimal(credit) for _, credit in counted) if c is not None and c >= 0]
    assert result.graded == len(grades)
    assert str(result.grade_sum) == str(sum(grades, Decimal(0)))
    assert str(result.credits) == str(sum(credits, Decimal(0)))
