"""FEC00x (issue-date window), DAT00x (date format and order), CUR00x (CURP) and their helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mec_lint import curp as algo
from mec_lint.dates import analyse, date_part, describe
from mec_lint.findings import Finding, Severity
from mec_lint.rules import curp as curp_rules
from mec_lint.rules import fecha_expedicion, fechas
from mec_lint.testing import DEFAULT_UPLOAD_DATE, codes, lint_bytes, make_certificate, make_signer

MINE = ("FEC", "DAT", "CUR")
MY_RULES = fecha_expedicion.RULES + fechas.RULES + curp_rules.RULES


def lint(
    overrides: Mapping[str, Mapping[str, str | None]] | None = None,
    **config: object,
) -> list[Finding]:
    findings = lint_bytes(make_certificate(overrides=overrides), select=MINE, **config)  # type: ignore[arg-type]
    for finding in findings:
        assert "{" not in finding.message, finding.message  # every placeholder was filled
    return findings


def with_digit(first17: str) -> str:
    digit = algo.check_digit(first17)
    assert digit is not None
    return first17 + digit


# -- the default certificate --------------------------------------------------------------------


def test_default_certificate_triggers_none_of_these_codes() -> None:
    assert lint() == []
    signed = lint_bytes(make_certificate(signer=make_signer()))
    assert not [f for f in signed if f.code.startswith(MINE)]


def test_metadata_is_complete() -> None:
    for rule in MY_RULES:
        assert rule.summary["es"] and rule.summary["en"], rule.code
        assert rule.why and rule.fail_example and rule.pass_example and rule.spec and rule.fix, rule.code
        for message_id, templates in rule.messages.items():
            assert templates.get("es") and templates.get("en"), (rule.code, message_id)


# -- FEC001 / FEC002: 1 to 90 days before the upload date ---------------------------------------


def issued(days_before_upload: int, upload: dt.date = DEFAULT_UPLOAD_DATE) -> dict[str, dict[str, str]]:
    day = upload - dt.timedelta(days=days_before_upload)
    return {"Expedicion": {"fecha": f"{day.isoformat()}T00:00:00"}}


@pytest.mark.parametrize("days", [1, 2, 12, 82, 89, 90])
def test_inside_the_window_no_fec001(days: int) -> None:
    assert "FEC001" not in codes(lint(issued(days)))


@pytest.mark.parametrize(
    ("days", "message_part"), [(0, "mismo día"), (-1, "DESPUÉS"), (91, "91 días"), (400, "400")]
)
def test_outside_the_window_fec001(days: int, message_part: str) -> None:
    findings = lint(issued(days))
    assert codes(findings) == ["FEC001"]
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.xpath == "/Dec/Expedicion" and finding.attribute == "fecha"
    assert message_part in finding.message
    # the window for an upload on 2024-09-01: 2024-06-03 .. 2024-08-31, both formats
    assert finding.expected == "2024-06-03/2024-08-31"
    for text in ("03/06/2024", "2024-06-03", "31/08/2024", "2024-08-31", "01/09/2024"):
        assert text in finding.message


def test_fec001_uses_the_configured_upload_date() -> None:
    overrides = {"Expedicion": {"fecha": "2026-11-25T00:00:00"}}
    assert codes(lint(overrides, upload_date=dt.date(2026, 11, 26))) == []
    assert codes(lint(overrides, upload_date=dt.date(2026, 11, 25))) == ["FEC001"]
    assert codes(lint(overrides, upload_date=dt.date(2027, 2, 24))) == ["FEC001"]  # 91 days
    assert codes(lint(overrides, upload_date=dt.date(2027, 2, 23))) == ["FEC002"]  # 90 days: last day


def test_fec001_compares_calendar_dates_only() -> None:
    findings = lint({"Expedicion": {"fecha": "2024-08-31T23:59:59"}})
    assert codes(findings) == ["DAT001"]  # the time is DAT001's business; the date is 1 day before


def test_unparsable_fecha_is_left_to_dat001() -> None:
    assert codes(lint({"Expedicion": {"fecha": "mañana"}})) == ["DAT001"]
    assert codes(lint({"Expedicion": {"fecha": "2024-02-30T00:00:00"}})) == ["DAT001"]


def test_fec001_in_english() -> None:
    findings = lint(issued(0), lang="en")
    assert "same day" in findings[0].message


@pytest.mark.parametrize(("days", "warns"), [(90, True), (88, True), (83, True), (82, False), (12, False)])
def test_fec002_window_closes_soon(days: int, warns: bool) -> None:
    findings = lint(issued(days))
    assert codes(findings) == (["FEC002"] if warns else [])
    if warns:
        finding = findings[0]
        assert finding.severity is Severity.WARNING
        last_day = DEFAULT_UPLOAD_DATE - dt.timedelta(days=days) + dt.timedelta(days=90)
        assert last_day.strftime("%d/%m/%Y") in finding.message


def test_fec002_option_dias_aviso() -> None:
    options = {"FEC002": {"dias-aviso": 30}}
    assert codes(lint(issued(61), rule_options=options)) == ["FEC002"]
    assert codes(lint(issued(59), rule_options=options)) == []
    assert codes(lint(issued(85), rule_options={"FEC002": {"dias-aviso": 0}})) == []
    assert codes(lint(issued(90), rule_options={"FEC002": {"dias-aviso": 0}})) == ["FEC002"]


def test_fec002_silent_when_fec001_fires() -> None:
    for days in (91, 0, -5):
        assert "FEC002" not in codes(lint(issued(days)))


# -- DAT001: AAAA-MM-DDT00:00:00 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "corrected", "hint"),
    [
        ("2001-05-23", "2001-05-23T00:00:00", "falta la hora"),
        ("2001-05-23T12:00:00", "2001-05-23T00:00:00", "12 horas"),
        ("2001-05-23T00:00:00Z", "2001-05-23T00:00:00", "zona horaria"),
        ("2001-05-23T00:00:00-06:00", "2001-05-23T00:00:00", "zona horaria"),
        ("2001-05-23T00:00:00.000", "2001-05-23T00:00:00", "fracción"),
        ("2001-05-23 00:00:00", "2001-05-23T00:00:00", "«T»"),
        ("2001-5-23T00:00:00", "2001-05-23T00:00:00", "dos dígitos"),
        ("23/05/2001", "2001-05-23T00:00:00", "día/mes/año"),
        (" 2001-05-23T00:00:00", "2001-05-23T00:00:00", "espacios"),
        ("2001-05-23T08:30:00", "2001-05-23T00:00:00", "08:30:00"),
    ],
)
def test_dat001_fixable(value: str, corrected: str, hint: str) -> None:
    findings = lint({"Alumno": {"fechaNacimiento": value}})
    dat = [f for f in findings if f.code == "DAT001"]
    assert len(dat) == 1
    assert dat[0].attribute == "fechaNacimiento" and dat[0].value == value
    assert dat[0].expected == corrected
    assert hint in dat[0].message and corrected in dat[0].message


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2023-02-30T00:00:00", "febrero de 2023 tiene 28 días"),
        ("2023-02-29T00:00:00", "febrero de 2023 tiene 28 días"),
        ("1900-02-29T00:00:00", "febrero de 1900 tiene 28 días"),
        ("2018-13-01T00:00:00", "mes 13"),
        ("", "vacío"),
        ("quince de junio", "no se reconoce"),
    ],
)
def test_dat001_not_a_date(value: str, hint: str) -> None:
    findings = lint({"Rvoe": {"fechaExpedicion": value}})
    dat = [f for f in findings if f.code == "DAT001"]
    assert len(dat) == 1 and hint in dat[0].message
    assert dat[0].expected == "AAAA-MM-DDT00:00:00"


@pytest.mark.parametrize("value", ["2000-02-29T00:00:00", "2024-02-29T00:00:00", "1996-02-29T00:00:00"])
def test_dat001_leap_days_are_real(value: str) -> None:
    assert "DAT001" not in codes(lint({"Rvoe": {"fechaExpedicion": value}}))


def test_dat001_replaces_the_generic_schema_finding() -> None:
    raw = make_certificate(overrides={"Alumno": {"fechaNacimiento": "2001-05-23"}})
    found = codes(lint_bytes(raw))
    assert "DAT001" in found and "XSD005" not in found
    assert "XSD005" in codes(lint_bytes(raw, ignore=["DAT001"]))


def test_dat001_checks_all_three_dates() -> None:
    overrides = {
        "Rvoe": {"fechaExpedicion": "2018-06-15"},
        "Alumno": {"fechaNacimiento": "2001-05-23"},
        "Expedicion": {"fecha": "2024-08-20"},
    }
    findings = [f for f in lint(overrides) if f.code == "DAT001"]
    assert sorted(f.xpath or "" for f in findings) == ["/Dec/Alumno", "/Dec/Expedicion", "/Dec/Rvoe"]


def test_dat001_message_in_english() -> None:
    findings = lint({"Alumno": {"fechaNacimiento": "2001-05-23T12:00:00"}}, lang="en")
    assert "12-hour" in findings[0].message


def test_missing_attribute_is_not_ours() -> None:
    assert lint({"Alumno": {"fechaNacimiento": None, "curp": None}, "Expedicion": {"fecha": None}}) == []


# -- DAT002 / DAT003 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "fires"), [("2024-08-19", False), ("2024-08-20", True), ("2030-01-01", True)]
)
def test_dat002_birth_before_issue(birth: str, fires: bool) -> None:
    findings = lint({"Alumno": {"fechaNacimiento": f"{birth}T00:00:00"}})
    assert ("DAT002" in codes(findings)) is fires
    if fires:
        finding = next(f for f in findings if f.code == "DAT002")
        assert finding.attribute == "fechaNacimiento" and "20/08/2024" in finding.message


@pytest.mark.parametrize(
    ("granted", "fires"), [("2024-08-19", False), ("2024-08-20", False), ("2024-08-21", True)]
)
def test_dat003_rvoe_on_or_before_issue(granted: str, fires: bool) -> None:
    findings = lint({"Rvoe": {"fechaExpedicion": f"{granted}T00:00:00"}})
    assert codes(findings) == (["DAT003"] if fires else [])


def test_order_rules_skip_unreadable_dates() -> None:
    assert codes(
        lint({"Expedicion": {"fecha": "xx"}, "Rvoe": {"fechaExpedicion": "2099-01-01T00:00:00"}})
    ) == ["DAT001"]


# -- the CURP algorithm ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digit"),
    [
        ("GAPA010523MDFRRNA3", "3"),
        ("ROLM750312HDFDPR01", "1"),
        ("GAPA010523MDFRRNA7", "3"),  # the spec's sample: wrong digit
        ("ROLM750312HDFDPR04", "1"),  # the spec's sample: wrong digit
        ("SAVE680904MJCNRL02", "2"),
    ],
)
def test_check_digit(value: str, digit: str) -> None:
    assert algo.check_digit(value[:17]) == digit


def test_check_digit_dictionary_has_enie_between_n_and_o() -> None:
    assert algo.DICTIONARY.index("Ñ") == algo.DICTIONARY.index("N") + 1 == algo.DICTIONARY.index("O") - 1
    assert algo.check_digit("GA@A010523MDFRRNA") is None


def test_birth_date_century_from_position_17() -> None:
    assert algo.birth_date("GAPA000229MDFRRNA5") == dt.date(2000, 2, 29)
    assert algo.birth_date(with_digit("GAPA000229MDFRRN0")) is None  # 1900-02-29 does not exist
    assert algo.birth_date("ROLM750312HDFDPR01") == dt.date(1975, 3, 12)


@pytest.mark.parametrize(
    ("value", "kind", "position"),
    [
        ("GAPA010523MDFRRNA3", None, None),
        ("gapa010523mdfrrna3", "fixable", None),
        ("GAPA010523 MDFRRNA3", "fixable", None),
        ("GAPA010523MDFRRNA", "length", None),
        ("GAPA010523MDFRRNA31", "length", None),
        ("GAÑA010523MDFRRNA3", "position", 3),
        ("GAPAO10523MDFRRNA3", "position", 5),
        ("GAPA010523XDFRRNA3", "position", 11),
        ("GAPA010523MDFARNA3", "position", 14),
        ("GAPA010523MDFRRNAX", "position", 18),
        ("   ", "empty", None),
    ],
)
def test_shape_problem(value: str, kind: str | None, position: int | None) -> None:
    problem = algo.shape_problem(value)
    assert (problem.kind if problem else None) == kind
    if problem is not None and position is not None:
        assert problem.position == position


_SHAPE = st.tuples(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4),
    st.dates(dt.date(1930, 1, 1), dt.date(2029, 12, 31)),
    st.sampled_from("HM"),
    st.sampled_from(sorted(algo.LETTERS)),
    st.text("BCDFGHJKLMNPQRSTVWXYZ", min_size=3, max_size=3),
)


@given(_SHAPE)
def test_generated_curps_are_consistent(parts: tuple[str, dt.date, str, str, str]) -> None:
    initials, born, sex, _, consonants = parts
    differentiator = "A" if born.year >= 2000 else "0"
    value = with_digit(f"{initials}{born:%y%m%d}{sex}DF{consonants}{differentiator}")
    assert algo.shape_problem(value) is None
    assert algo.birth_date(value) == born
    wrong = value[:17] + str((int(value[17]) + 1) % 10)
    assert algo.check_digit(wrong[:17]) != wrong[17]


# -- CUR001..CUR006 on certificates ------------------------------------------------------------------


def student(value: str, **extra: str) -> list[Finding]:
    return lint({"Alumno": {"curp": value, **extra}})


def signer(value: str) -> list[Finding]:
    return lint({"Responsable": {"curp": value}})


def test_cur001_lower_case_gives_the_fix_and_skips_the_rest() -> None:
    findings = student("gapa010523mdfrrna7")  # wrong digit too: not reported on a malformed CURP
    assert codes(findings) == ["CUR001"]
    assert findings[0].expected == "GAPA010523MDFRRNA7"
    assert "minúsculas" in findings[0].message


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ("GAPA010523MDFRRNA", "17 caracteres"),
        ("GAPA010523MDFRRNA33", "19 caracteres"),
        ("GAÑA010523MDFRRNA3", "posición 3 hay «Ñ»"),
        ("GAPAO10523MDFRRNA3", "posición 5 hay «O»"),
        ("GAPA010523XDFRRNA3", "posición 11"),
    ],
)
def test_cur001_names_what_breaks(value: str, part: str) -> None:
    findings = student(value)
    assert codes(findings) == ["CUR001"]
    assert part in findings[0].message


def test_cur001_signer_and_sex_letter_option() -> None:
    value = with_digit("ROLM750312XDFDPR0")
    assert codes(signer(value)) == ["CUR001"]
    assert (
        codes(lint({"Responsable": {"curp": value}}, rule_options={"CUR001": {"letras-sexo": "HMX"}})) == []
    )


def test_cur002_real_date_and_leap_days() -> None:
    assert codes(student(with_digit("GAPA011323MDFRRNA"))) == ["CUR002"]
    assert codes(student(with_digit("GAPA010231MDFRRNA"))) == ["CUR002"]
    leap_1900 = student(with_digit("GAPA000229MDFRRN0"))
    assert "CUR002" in codes(leap_1900)
    assert "1900" in next(f for f in leap_1900 if f.code == "CUR002").message
    leap_2000 = student(with_digit("GAPA000229MDFRRNA"), fechaNacimiento="2000-02-29T00:00:00")
    assert codes(leap_2000) == []


def test_cur003_state_codes() -> None:
    assert codes(student(with_digit("GAPA010523MCXRRNA"))) == ["CUR003"]
    assert codes(student(with_digit("GAPA010523MNERRNA"))) == []  # NE: born abroad
    assert codes(student(with_digit("GAPA010523MJCRRNA"))) == []


def test_cur004_check_digit() -> None:
    findings = student("GAPA010523MDFRRNA7")
    assert codes(findings) == ["CUR004"]
    assert findings[0].expected == "3" and "«7»" in findings[0].message
    responsable = signer("ROLM750312HDFDPR04")
    assert codes(responsable) == ["CUR004"] and responsable[0].xpath == "/Dec/Ipes/Responsable"


@pytest.mark.parametrize(
    "value", ["Extranjero", "extranjero", " EXTRANJERO", "EXTRANJERO ", "EXTRANJERA", ""]
)
def test_cur005_student_variants(value: str) -> None:
    findings = student(value)
    assert codes(findings) == ["CUR005"]
    assert findings[0].expected == "EXTRANJERO"


def test_cur005_exact_literal_passes_for_the_student_only() -> None:
    assert student("EXTRANJERO") == []
    assert codes(signer("EXTRANJERO")) == ["CUR005"]
    assert codes(signer("Extranjero")) == ["CUR005"]
    assert codes(signer("")) == ["CUR005"]


def test_cur006_birth_date_and_gender() -> None:
    findings = student("GAPA010523MDFRRNA3", fechaNacimiento="2001-05-24T00:00:00")
    assert codes(findings) == ["CUR006"] and findings[0].severity is Severity.WARNING
    assert findings[0].expected == "010524"
    gender = student("GAPA010523MDFRRNA3", idGenero="251")
    assert codes(gender) == ["CUR006"] and gender[0].attribute == "idGenero" and gender[0].expected == "250"
    man = with_digit("GAPA010523HDFRRNA")
    assert student(man, idGenero="251") == []
    assert codes(student(man)) == ["CUR006"]


def test_cur006_century() -> None:
    findings = student(with_digit("GAPA010523MDFRRN0"))  # digit: born 1901, record says 2001
    assert codes(findings) == ["CUR006"] and "2000" in findings[0].message
    old = with_digit("GAPA990130MDFRRN0")
    assert student(old, fechaNacimiento="1999-01-30T00:00:00") == []


def test_cur006_skips_foreigners_malformed_and_unknown_gender() -> None:
    assert student("EXTRANJERO", idGenero="251", fechaNacimiento="1990-01-01T00:00:00") == []
    assert codes(student("GAPA01052", idGenero="251")) == ["CUR001"]
    assert student("GAPA010523MDFRRNA3", idGenero="999") == []
    assert codes(student("GAPA010523MDFRRNA3", fechaNacimiento="mañana")) == ["DAT001"]


def test_cur006_is_never_about_the_signer() -> None:
    # the signer's CURP says 1975 and H; the student's data must not be compared with it
    assert signer(with_digit("SAVE680904MJCNRL0")) == []


# -- date helpers -----------------------------------------------------------------------------------


def test_date_part_is_lenient_but_real() -> None:
    assert date_part("2024-08-20T12:00:00Z") == dt.date(2024, 8, 20)
    assert date_part("2024-02-30T00:00:00") is None
    assert date_part("20/08/2024") is None
    assert date_part(None) is None


def test_describe_in_both_languages() -> None:
    result = analyse("2023-02-30")
    assert "febrero de 2023" in describe(result, "es")
    assert "February 2023" in describe(result, "en")
