"""IDS, CIC, NCI, FIR, RVO and PLN rules: cases that fire and cases that must stay silent."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any

import pytest

from mec_lint.findings import Finding, Severity
from mec_lint.rules.ciclo import longest_non_decreasing, parse_cycle
from mec_lint.testing import DEFAULT_SUBJECTS, codes, lint_bytes, make_certificate

MY_CODES = (
    "IDS001",
    "IDS002",
    "CIC001",
    "CIC002",
    "CIC003",
    "CIC004",
    "NCI001",
    "NCI002",
    "FIR001",
    "FIR002",
    "RVO001",
    "PLN001",
    "PLN002",
)


def subject(id_: str, ciclo: str, observation: str | None = "100", **extra: str) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "idAsignatura": id_,
        "ciclo": ciclo,
        "calificacion": "9.00",
        "idObservaciones": observation,
        "idTipoAsignatura": "263",
        "creditos": "7.00",
    }
    row.update(extra)
    return row


def realistic(
    cycles_per_year: int = 3, years: tuple[int, ...] = (2019, 2020, 2021), total: int = 40
) -> tuple[list[dict[str, str | None]], dict[str, dict[str, str | None]]]:
    """A valid cuatrimestral certificate of `total` subjects in plan order, with one extraordinario."""
    cycles = [f"{year}-{n}" for year in years for n in range(1, cycles_per_year + 1)]
    grades = ("8.00", "9.00", "10", "9.00", "7.00")
    rows: list[dict[str, str | None]] = []
    for index in range(total):
        cycle = cycles[index * len(cycles) // total]  # 4 or 5 subjects per cycle, in plan order
        rows.append(subject(str(1010100 + index + 1), cycle, calificacion=grades[index % len(grades)]))
    # Subject 7 (plan block 2019-2) was failed and passed by examen extraordinario two cycles later:
    # it keeps its place in plan order, carries the later cycle and the observation 71.
    later = cycles[6 * len(cycles) // total + 2]
    rows[6].update(ciclo=later, idObservaciones="71", observaciones="EXTRAORDINARIO")
    values = [Decimal(str(r["calificacion"])) for r in rows]
    average = (sum(values) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    distinct = len({r["ciclo"] for r in rows})
    overrides: dict[str, dict[str, str | None]] = {
        "Asignaturas": {
            "total": str(total),
            "asignadas": str(total),
            "promedio": "10" if average == 10 else f"{average:.2f}",
            "totalCreditos": f"{7 * total:.2f}",
            "creditosObtenidos": f"{7 * total:.2f}",
            "numeroCiclos": str(distinct),
        }
    }
    return rows, overrides


def lint(
    overrides: dict[str, dict[str, str | None]] | None = None,
    subjects: list[dict[str, str | None]] | None = None,
    select: tuple[str, ...] = MY_CODES,
    **config: Any,
) -> list[Finding]:
    return lint_bytes(make_certificate(overrides=overrides, subjects=subjects), select=select, **config)


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


# -- nothing fires on valid certificates ------------------------------------------------------


def test_default_certificate_triggers_none_of_these_codes() -> None:
    assert lint() == []


def test_realistic_40_subject_certificate_triggers_none() -> None:
    rows, overrides = realistic()
    assert len(rows) == 40
    assert {r["ciclo"] for r in rows} >= {"2019-1", "2021-3"}
    assert lint(overrides, rows) == []


def test_realistic_semester_certificate_triggers_none() -> None:
    rows, overrides = realistic(cycles_per_year=2, years=(2016, 2017, 2018, 2019), total=48)
    overrides["Carrera"] = {"idTipoPeriodo": "91", "tipoPeriodo": "SEMESTRE"}
    assert lint(overrides, rows) == []


def test_realistic_certificate_is_clean_for_every_rule_of_this_area_and_schema() -> None:
    rows, overrides = realistic()
    found = lint(overrides, rows, select=(*MY_CODES, "XSD", "DEC"))
    assert found == [], [f.message for f in found]


# -- IDS001 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0101", "101"), ("12.0", "12"), (" 12", "12"), ("+12", "12"), ("12 ", "12")],
)
def test_ids001_fixable_values_suggest_the_integer(value: str, expected: str) -> None:
    findings = only(lint({"Carrera": {"idCarrera": value}}), "IDS001")
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.element, finding.attribute, finding.value, finding.expected) == (
        "Carrera",
        "idCarrera",
        value,
        expected,
    )
    assert "layout" in finding.message and expected in finding.message


@pytest.mark.parametrize("value", ["-3", "0", "000", "12.5", "A101", "", "１２", "1e3"])
def test_ids001_invalid_values(value: str) -> None:
    findings = only(lint({"Carrera": {"idCarrera": value}}), "IDS001")
    assert len(findings) == 1 and findings[0].value == value


def test_ids001_on_subject_ids() -> None:
    rows = [subject("01010101", "2019-3"), subject("1010102", "2019-3"), subject("1010203.0", "2020-1")]
    findings = only(lint(subjects=rows), "IDS001")
    assert [(f.xpath, f.expected) for f in findings] == [
        ("/Dec/Asignaturas/Asignatura[1]", "1010101"),
        ("/Dec/Asignaturas/Asignatura[3]", "1010203"),
    ]
    assert "ceros a la izquierda" in findings[0].message


def test_ids001_ignores_campus_and_state_codes_with_leading_zeros() -> None:
    overrides = {
        "Ipes": {"idCampus": "090872", "idEntidadFederativa": "09"},
        "Expedicion": {"idLugarExpedicion": "09"},
    }
    assert lint(overrides, select=("IDS",)) == []


def test_ids001_english_message() -> None:
    findings = lint({"Carrera": {"idCarrera": "0101"}}, lang="en")
    assert "leading zeros" in only(findings, "IDS001")[0].message


# -- IDS002 -------------------------------------------------------------------------------------


def test_ids002_reports_each_repetition_not_the_first() -> None:
    rows = [
        subject("315", "2019-1"),
        subject("316", "2019-1"),
        subject("315", "2019-2"),
        subject("315", "2019-3"),
    ]
    findings = only(lint(subjects=rows), "IDS002")
    assert [f.xpath for f in findings] == ["/Dec/Asignaturas/Asignatura[3]", "/Dec/Asignaturas/Asignatura[4]"]
    first_line = lint_bytes(make_certificate(subjects=rows), select=["IDS002"])[0].line
    assert first_line is not None
    raw = make_certificate(subjects=rows).decode("utf-8").splitlines()
    first = next(i for i, line in enumerate(raw, 1) if 'idAsignatura="315"' in line)
    assert f"línea {first}" in findings[0].message


def test_ids002_same_integer_written_differently_is_a_repetition() -> None:
    rows = [subject("315", "2019-1"), subject("0315", "2019-2")]
    findings = lint(subjects=rows)
    assert codes(findings) == ["IDS001", "IDS002"]


def test_ids002_unique_ids_pass() -> None:
    rows = [subject(str(n), "2019-1") for n in range(1, 30)]
    assert only(lint(subjects=rows), "IDS002") == []


# -- CIC001 / CIC004 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019/1", "2019-1"),
        ("2019-1 ", "2019-1"),
        (" 2019-1", "2019-1"),
        ("2019 - 1", "2019-1"),
        ("2019–1", "2019-1"),
        ("19-1", "AAAA-N, p. ej. 2019-1"),
        ("2019", "AAAA-N, p. ej. 2019-1"),
        ("2019-A", "AAAA-N, p. ej. 2019-1"),
        ("2019-0", "AAAA-N, p. ej. 2019-1"),
        ("2019-00", "AAAA-N, p. ej. 2019-1"),
        ("2019-123", "AAAA-N, p. ej. 2019-1"),
        ("", "AAAA-N, p. ej. 2019-1"),
        ("2019-1-2", "AAAA-N, p. ej. 2019-1"),
    ],
)
def test_cic001_malformed_cycles(value: str, expected: str) -> None:
    rows = [subject("1", value), subject("2", "2019-3")]
    findings = only(lint(subjects=rows), "CIC001")
    assert len(findings) == 1
    assert (findings[0].attribute, findings[0].value, findings[0].expected) == ("ciclo", value, expected)
    assert "AAAA-CICLO" in findings[0].message


@pytest.mark.parametrize("value", ["2019-1", "2019-3", "2022-4", "2019-12", "2030-2"])
def test_cic001_well_formed_cycles_pass(value: str) -> None:
    assert only(lint(subjects=[subject("1", value)]), "CIC001") == []


def test_cic004_leading_zero_is_a_warning_not_cic001() -> None:
    rows = [subject("1", "2019-01"), subject("2", "2019-02")]
    findings = lint(subjects=rows, overrides={"Asignaturas": {"numeroCiclos": "2"}})
    assert codes(findings) == ["CIC004"]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert [f.expected for f in findings] == ["2019-1", "2019-2"]


@pytest.mark.parametrize("value", ["0220-1", "0000-3", "0019-01"])
def test_a_year_starting_with_zero_is_cic001_not_a_leading_zero_period(value: str) -> None:
    [finding] = lint(subjects=[subject("1", value)], select=["CIC"])
    assert finding.code == "CIC001" and "no es un año" in finding.message
    assert finding.expected == "AAAA-N, p. ej. 2019-1"  # never a 3-digit "fix" such as 220-1


def test_parse_cycle() -> None:
    assert parse_cycle("2019-1") == (2019, 1)
    assert parse_cycle("2019-01") == (2019, 1)
    assert parse_cycle("2019-10") == (2019, 10)
    for bad in ("2019-0", "19-1", "2019", " 2019-1", "2019-1 ", None, "２０１９-1", "0220-1"):
        assert parse_cycle(bad) is None


# -- CIC002 -------------------------------------------------------------------------------------


def test_cic002_period_three_in_a_semester_plan() -> None:
    rows = [subject("1", "2019-1"), subject("2", "2019-3"), subject("3", "2019-3"), subject("4", "2020-1")]
    overrides = {"Carrera": {"idTipoPeriodo": "91"}, "Asignaturas": {"numeroCiclos": "3"}}
    findings = lint(overrides, rows)
    assert codes(findings) == ["CIC002"]
    assert len(findings) == 1  # one per distinct cycle value, at its first subject
    assert findings[0].severity is Severity.WARNING
    assert findings[0].expected == "2019-1 … 2019-2"
    assert "SEMESTRE" in findings[0].message and "2019-3 aparece en 2 asignaturas" in findings[0].message


@pytest.mark.parametrize(
    ("tipo", "cycle", "fires"),
    [
        ("93", "2019-3", False),
        ("93", "2019-4", True),
        ("260", "2019-4", False),
        ("260", "2019-5", True),
        ("92", "2019-6", False),
        ("262", "2019-2", True),
        ("262", "2019-1", False),
        ("261", "2019-12", False),  # MODULAR: no check
        ("999", "2019-9", False),  # unknown type: the catalog rule's business
    ],
)
def test_cic002_by_period_type(tipo: str, cycle: str, fires: bool) -> None:
    findings = lint({"Carrera": {"idTipoPeriodo": tipo}}, [subject("1", cycle)], select=("CIC002",))
    assert bool(findings) is fires


def test_cic002_table_is_an_option() -> None:
    rows = [subject("1", "2019-4")]
    assert lint(subjects=rows, select=("CIC002",))  # 93: 3 per year by default
    options = {"CIC002": {"periods_per_year": {93: 4}}}  # YAML gives int keys
    assert lint(subjects=rows, select=("CIC002",), rule_options=options) == []
    options = {"CIC002": {"periods_per_year": {"91": 2}}}  # 93 absent: not checked
    assert lint(subjects=rows, select=("CIC002",), rule_options=options) == []


# -- CIC003 -------------------------------------------------------------------------------------


def test_cic003_later_cycle_without_observation_fires() -> None:
    rows, overrides = realistic()
    rows[6].update(idObservaciones="100", observaciones=None)
    findings = only(lint(overrides, rows), "CIC003")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.xpath == "/Dec/Asignaturas/Asignatura[7]"
    assert (finding.value, finding.expected) == ("2020-1", "2019-2")
    assert "71" in finding.message and "--ignore CIC003" in finding.message


def test_cic003_absent_observation_counts_as_ordinary() -> None:
    rows, overrides = realistic()
    rows[6].update(idObservaciones=None, observaciones=None)
    assert len(only(lint(overrides, rows), "CIC003")) == 1


@pytest.mark.parametrize("observation", ["70", "71", "72", "73", "74", "78", "102", "105"])
def test_cic003_any_non_ordinary_observation_exempts(observation: str) -> None:
    rows, overrides = realistic()
    rows[6]["idObservaciones"] = observation
    assert only(lint(overrides, rows), "CIC003") == []


def test_cic003_flags_the_minimal_set() -> None:
    cycles = ["2019-1", "2019-1", "2019-2", "2021-1", "2019-2", "2019-3", "2019-3", "2020-1", "2019-1"]
    rows = [subject(str(i + 1), c) for i, c in enumerate(cycles)]
    findings = only(lint({"Asignaturas": {"numeroCiclos": "5"}}, rows), "CIC003")
    assert [(f.xpath, f.value) for f in findings] == [
        ("/Dec/Asignaturas/Asignatura[4]", "2021-1"),
        ("/Dec/Asignaturas/Asignatura[9]", "2019-1"),
    ]
    assert findings[1].expected == "≥ 2020-1"


def test_cic003_first_subject_out_of_place() -> None:
    rows = [subject("1", "2022-1"), subject("2", "2019-1"), subject("3", "2019-2")]
    findings = only(lint(subjects=rows), "CIC003")
    assert [(f.value, f.expected) for f in findings] == [("2022-1", "≤ 2019-1")]


def test_cic003_same_cycle_in_any_order_and_year_boundaries_pass() -> None:
    rows = [subject(str(i), c) for i, c in enumerate(["2019-3", "2019-3", "2020-1", "2020-1", "2020-2"], 1)]
    assert only(lint(subjects=rows), "CIC003") == []


def test_cic003_compares_numerically_not_as_text() -> None:
    rows = [subject("1", "2019-2"), subject("2", "2019-10")]  # "2019-10" < "2019-2" as text
    overrides = {"Carrera": {"idTipoPeriodo": "261"}}
    assert only(lint(overrides, rows), "CIC003") == []


def test_cic003_malformed_cycles_are_left_to_cic001() -> None:
    rows = [subject("1", "2019-1"), subject("2", "2021/1"), subject("3", "2019-2")]
    assert codes(lint(subjects=rows, select=("CIC003",))) == []


def test_cic003_can_be_ignored_for_flexible_plans() -> None:
    rows = [subject("1", "2020-1"), subject("2", "2019-1")]
    assert only(lint(subjects=rows), "CIC003")
    assert only(lint(subjects=rows, ignore=("CIC003",)), "CIC003") == []


def test_longest_non_decreasing() -> None:
    assert longest_non_decreasing([]) == []
    assert longest_non_decreasing([(2019, 1)]) == [0]
    values = [(1, 1), (1, 2), (1, 5), (1, 3), (1, 6)]
    assert longest_non_decreasing(values) == [0, 1, 3, 4]  # the spike (position 2) is left out
    values = [(1, 1), (1, 1), (1, 1)]
    assert longest_non_decreasing(values) == [0, 1, 2]


# -- NCI001 / NCI002 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.0", "2"),
        ("02", "2"),
        ("+2", "2"),
        (" 2", "2"),
        ("0", "entero ≥ 1, p. ej. 9"),
        ("-2", "entero ≥ 1, p. ej. 9"),
        ("dos", "entero ≥ 1, p. ej. 9"),
        ("", "entero ≥ 1, p. ej. 9"),
    ],
)
def test_nci001_bad_values(value: str, expected: str) -> None:
    findings = lint({"Asignaturas": {"numeroCiclos": value}}, select=("NCI", "XSD"))
    assert "NCI001" in codes(findings)
    finding = only(findings, "NCI001")[0]
    assert (finding.element, finding.attribute, finding.expected) == ("Asignaturas", "numeroCiclos", expected)
    assert "NCI002" not in codes(findings)


def test_nci001_replaces_the_generic_schema_finding() -> None:
    findings = lint({"Asignaturas": {"numeroCiclos": "2.0"}}, select=("NCI", "XSD"))
    assert codes(findings) == ["NCI001"]


def test_nci002_mismatch_warns() -> None:
    findings = lint({"Asignaturas": {"numeroCiclos": "9"}})
    assert codes(findings) == ["NCI002"]
    assert findings[0].severity is Severity.WARNING
    assert (findings[0].value, findings[0].expected) == ("9", "2")
    assert "2019-3" in findings[0].message and "2020-1" in findings[0].message


def test_nci002_counts_leading_zero_cycles_as_the_same_cycle() -> None:
    rows = [subject("1", "2019-3"), subject("2", "2019-03"), subject("3", "2020-1")]
    assert only(lint(subjects=rows), "NCI002") == []


def test_nci002_silent_when_a_cycle_is_malformed() -> None:
    rows = [dict(DEFAULT_SUBJECTS[0]), subject("5", "2019/3")]
    assert only(lint({"Asignaturas": {"numeroCiclos": "7"}}, rows), "NCI002") == []


# -- FIR001 / FIR002 ----------------------------------------------------------------------------


def test_fir001_state_code_is_a_known_mistake() -> None:
    findings = lint({"ServicioFirmante": {"idEntidad": "09"}})
    assert codes(findings) == ["FIR001"]
    assert (findings[0].value, findings[0].expected) == ("09", "20871")
    assert "entidad federativa" in findings[0].message and "error conocido" in findings[0].message


def test_fir001_other_institution() -> None:
    findings = lint({"ServicioFirmante": {"idEntidad": "20872"}})
    assert codes(findings) == ["FIR001"]
    assert "error conocido" not in findings[0].message
    assert "ID_INSTITUCION" in findings[0].message


def test_fir001_equal_values_pass() -> None:
    overrides = {"ServicioFirmante": {"idEntidad": "20312"}, "Ipes": {"idNombreInstitucion": "20312"}}
    assert lint(overrides) == []


def test_fir002_missing_element() -> None:
    raw = make_certificate().replace(b'<ServicioFirmante idEntidad="20871"/>', b"", 1)
    findings = lint_bytes(raw)
    assert "FIR002" in codes(findings)
    finding = only(findings, "FIR002")[0]
    assert "3.0" in finding.message and "ServicioFirmante" in finding.message
    assert finding.expected == "20871"
    assert "FIR001" not in codes(findings)


def test_fir_rules_skip_documents_that_are_not_certificates() -> None:
    raw = b'<?xml version="1.0" encoding="UTF-8"?>\n<Certificado version="3.0"/>\n'
    assert lint_bytes(raw, select=["FIR"]) == []


# -- RVO001 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["20181234", "952049", "ACUERDO", "DECRETO", "ACUERDO 1980", "DECRETO 12"])
def test_rvo001_valid(value: str) -> None:
    assert lint({"Rvoe": {"numero": value}}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("acuerdo", "ACUERDO"),
        ("Acuerdo 12", "ACUERDO 12"),
        ("ACUERDO  1980", "ACUERDO 1980"),
        ("ACUERDO No. 1980", "ACUERDO 1980"),
        ("decreto", "DECRETO"),
        ("RVOE-20181234", "20181234"),
        ("2018 1234", "20181234"),
        (" 20181234", "20181234"),
        ("20181234 ", "20181234"),
        ("", "sólo dígitos, o DECRETO / ACUERDO [número]"),
        ("SIN RVOE", "sólo dígitos, o DECRETO / ACUERDO [número]"),
    ],
)
def test_rvo001_invalid(value: str, expected: str) -> None:
    findings = lint({"Rvoe": {"numero": value}})
    assert codes(findings) == ["RVO001"]
    assert (findings[0].element, findings[0].attribute, findings[0].expected) == ("Rvoe", "numero", expected)
    assert "ACUERDO 1980" in findings[0].message


def test_rvo001_pattern_option() -> None:
    options = {"RVO001": {"pattern": r"[0-9]+|(?:DECRETO|ACUERDO)(?: [0-9]+)?|SEP/[0-9]+"}}
    assert lint({"Rvoe": {"numero": "SEP/123"}}, rule_options=options) == []
    broken = {"RVO001": {"pattern": "("}}  # an invalid expression falls back to the default
    assert codes(lint({"Rvoe": {"numero": "SEP/123"}}, rule_options=broken)) == ["RVO001"]


# -- PLN001 / PLN002 ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2018", "DGES 123456789123", "2009-A", "LAE18"])
def test_pln_valid(value: str) -> None:
    assert lint({"Carrera": {"clavePlan": value}}) == []


@pytest.mark.parametrize("value", ["", " ", "\t"])
def test_pln001_blank(value: str) -> None:
    findings = lint({"Carrera": {"clavePlan": value}})
    assert codes(findings) == ["PLN001"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (" 2018", "2018"),
        ("2018 ", "2018"),
        ("DGES  123456789123", "DGES 123456789123"),
        ("DGES\u00a0123456789123", "DGES 123456789123"),
        (" DGES  123 ", "DGES 123"),
    ],
)
def test_pln002_blanks(value: str, expected: str) -> None:
    findings = lint({"Carrera": {"clavePlan": value}})
    assert codes(findings) == ["PLN002"]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].expected == expected


# -- metadata -----------------------------------------------------------------------------------


def test_every_rule_has_complete_metadata() -> None:
    from mec_lint.registry import load_registry

    registry = load_registry()
    for code in MY_CODES:
        rule = registry.rule(code)
        assert rule.why and rule.fail_example and rule.pass_example and rule.spec and rule.fix, code
        assert set(rule.summary) == {"es", "en"}, code
        for templates in rule.messages.values():
            assert set(templates) == {"es", "en"}, code


def test_cic003_expected_range_between_neighbours() -> None:
    cycles = ["2019-1", "2019-2", "2021-1", "2019-3", "2020-1"]
    rows = [subject(str(i + 1), c) for i, c in enumerate(cycles)]
    findings = only(lint({"Asignaturas": {"numeroCiclos": "5"}}, rows), "CIC003")
    assert [(f.value, f.expected) for f in findings] == [("2021-1", "2019-2 … 2019-3")]
    assert "2019-2 y 2019-3" in findings[0].message


def test_cic003_exempt_types_option() -> None:
    rows = [subject("1", "2019-1"), subject("2", "2019-2"), subject("3", "2019-1", idTipoAsignatura="264")]
    assert len(only(lint(subjects=rows), "CIC003")) == 1
    for value in ([264], ["264"], "264"):
        options = {"CIC003": {"exempt_types": value}}
        assert only(lint(subjects=rows, rule_options=options), "CIC003") == []


# -- CIC005 ------------------------------------------------------------------------------------


def test_cic005_cycles_after_the_issue_or_before_birth_warn_once_per_value() -> None:
    rows = [subject("1", "1999-1"), subject("2", "1999-1"), subject("3", "2019-1"), subject("4", "2031-2")]
    findings = only(lint(subjects=rows, select=("CIC005",)), "CIC005")
    assert [(f.value, f.expected, f.severity) for f in findings] == [
        ("1999-1", "≥ 2001", Severity.WARNING),
        ("2031-2", "≤ 2024", Severity.WARNING),
    ]
    assert "1 asignatura más" in findings[0].message and "2024-08-20" in findings[1].message


def test_cic005_the_issue_and_birth_years_themselves_pass() -> None:
    rows = [subject("1", "2001-1"), subject("2", "2024-3")]
    assert lint(subjects=rows, select=("CIC005",)) == []


def test_cic005_says_nothing_when_the_dates_are_unreadable() -> None:
    rows = [subject("1", "2031-2")]
    overrides = {"Expedicion": {"fecha": "pronto"}, "Alumno": {"fechaNacimiento": ""}}
    assert lint(overrides=overrides, subjects=rows, select=("CIC005",)) == []
