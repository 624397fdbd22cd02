"""CAT001–CAT003: catalog ids and their description texts."""

from __future__ import annotations

from mec_lint.catalogs import Catalogs
from mec_lint.findings import Severity
from mec_lint.rules.catalogos import normalise
from mec_lint.testing import DEFAULT_SUBJECTS, codes, lint_bytes, make_certificate

CAT = ["CAT"]


def subjects_with(index: int, **changes: str) -> list[dict[str, str]]:
    rows = [dict(row) for row in DEFAULT_SUBJECTS]
    rows[index].update(changes)
    return rows


def test_default_certificate_is_clean() -> None:
    assert lint_bytes(make_certificate(), select=CAT) == []


def test_state_without_leading_zero_suggests_09() -> None:
    findings = lint_bytes(make_certificate(overrides={"Ipes": {"idEntidadFederativa": "9"}}), select=CAT)
    assert [(f.code, f.element, f.attribute, f.value, f.expected) for f in findings] == [
        ("CAT001", "Ipes", "idEntidadFederativa", "9", "09")
    ]
    assert '"09"' in findings[0].message and "CIUDAD DE MÉXICO" in findings[0].message
    assert findings[0].xpath == "/Dec/Ipes"


def test_cargo_with_leading_zero_suggests_3() -> None:
    findings = lint_bytes(make_certificate(overrides={"Responsable": {"idCargo": "03"}}), select=CAT)
    assert [(f.code, f.expected) for f in findings] == [("CAT001", "3")]


def test_unknown_id_lists_valid_ids_with_descriptions() -> None:
    findings = lint_bytes(
        make_certificate(overrides={"Expedicion": {"idTipoCertificacion": "81"}}), select=CAT
    )
    assert codes(findings) == ["CAT001"]
    assert "79 TOTAL, 80 PARCIAL" in findings[0].message
    assert findings[0].expected == "79, 80"


def test_every_catalog_attribute_is_checked() -> None:
    raw = make_certificate(
        overrides={
            "Responsable": {"idCargo": "9"},
            "Alumno": {"idGenero": "252"},
            "Carrera": {"idTipoPeriodo": "90", "idNivelEstudios": "80"},
            "Expedicion": {"idTipoCertificacion": "78", "idLugarExpedicion": "33"},
            "Ipes": {"idEntidadFederativa": "00"},
        },
        subjects=subjects_with(0, idTipoAsignatura="267", idObservaciones="99"),
    )
    findings = lint_bytes(raw, select=["CAT001"])
    assert sorted(f.attribute or "" for f in findings) == sorted(
        [
            "idCargo",
            "idGenero",
            "idTipoPeriodo",
            "idNivelEstudios",
            "idTipoCertificacion",
            "idLugarExpedicion",
            "idEntidadFederativa",
            "idTipoAsignatura",
            "idObservaciones",
        ]
    )


def test_tipo_certificado_is_left_to_dec002() -> None:
    raw = make_certificate(overrides={"Dec": {"tipoCertificado": "9"}})
    assert lint_bytes(raw, select=CAT) == []


def test_empty_id_is_reported() -> None:
    findings = lint_bytes(make_certificate(overrides={"Responsable": {"idCargo": ""}}), select=CAT)
    assert codes(findings) == ["CAT001"] and "vacío" in findings[0].message


def test_absent_optional_id_is_not_reported() -> None:
    raw = make_certificate(subjects=subjects_with(0, idObservaciones=None))  # type: ignore[arg-type]
    assert lint_bytes(raw, select=CAT) == []


def test_all_sample_ids_pass() -> None:
    for state in ("01", "15", "17", "21", "30", "32"):
        raw = make_certificate(
            overrides={"Ipes": {"idEntidadFederativa": state}, "Expedicion": {"idLugarExpedicion": state}}
        )
        assert lint_bytes(raw, select=["CAT001"]) == [], state
    for obs in ("70", "71", "78", "100", "101", "102", "104"):
        assert lint_bytes(make_certificate(subjects=subjects_with(0, idObservaciones=obs)), select=CAT) == []


def test_disputed_observation_is_a_warning() -> None:
    for obs in ("103", "105", "106", "107"):
        findings = lint_bytes(make_certificate(subjects=subjects_with(1, idObservaciones=obs)), select=CAT)
        assert [(f.code, f.severity.value, f.value) for f in findings] == [("CAT002", "warning", obs)]
        assert "algunas fuentes" in findings[0].message


def test_catalog_extended_by_configuration_is_accepted() -> None:
    raw = make_certificate(
        overrides={"Responsable": {"idCargo": "6"}},
        subjects=subjects_with(0, idObservaciones="105"),
    )
    assert codes(lint_bytes(raw, select=CAT)) == ["CAT001", "CAT002"]
    extended = {"idCargo": {"6": "COORDINADOR"}, "idObservaciones": {"105": "INTERCAMBIO ACADÉMICO"}}
    assert lint_bytes(raw, select=CAT, catalogs=extended) == []
    assert Catalogs(extended).lookup("idCargo", "6") == "COORDINADOR"


def test_english_messages() -> None:
    findings = lint_bytes(
        make_certificate(overrides={"Ipes": {"idEntidadFederativa": "9"}}), select=CAT, lang="en"
    )
    assert "did you mean" in findings[0].message


# -- CAT003 -------------------------------------------------------------------------------------


def test_description_naming_another_entry_warns() -> None:
    raw = make_certificate(
        overrides={"Carrera": {"nivelEstudios": "Maestría"}, "Expedicion": {"tipoCertificacion": "PARCIAL"}}
    )
    findings = lint_bytes(raw, select=CAT)
    assert sorted((f.code, f.attribute, f.expected) for f in findings) == [
        ("CAT003", "nivelEstudios", "LICENCIATURA"),
        ("CAT003", "tipoCertificacion", "TOTAL"),
    ]
    assert all(f.severity.value == "warning" for f in findings)


def test_subject_type_text_is_compared() -> None:
    raw = make_certificate(subjects=subjects_with(2, tipoAsignatura="OPTATIVA"))
    findings = lint_bytes(raw, select=CAT)
    assert [(f.code, f.xpath) for f in findings] == [("CAT003", "/Dec/Asignaturas/Asignatura[3]")]


def test_spec_sample_descriptions_do_not_warn() -> None:
    raw = make_certificate(
        overrides={
            "Ipes": {"idEntidadFederativa": "15", "entidadFederativa": "MÉXICO"},
            "Expedicion": {"idLugarExpedicion": "17", "lugarExpedicion": "CUERNAVACA, MOR."},
            "Responsable": {"idCargo": "3", "cargo": "RECTOR"},
        }
    )
    # issued in Morelos by a campus in the Estado de México: legal, CAT004's info note, not a warning
    assert codes(lint_bytes(raw, select=CAT)) == ["CAT004"]
    raw = make_certificate(
        overrides={
            "Carrera": {"idTipoPeriodo": "91", "tipoPeriodo": "SEMESTRAL", "nivelEstudios": "licenciatura"},
            "Expedicion": {"idTipoCertificacion": "80", "tipoCertificacion": "PARCIAL"},
            "Ipes": {"entidadFederativa": "Ciudad de Mexico"},
        },
        subjects=subjects_with(0, tipoAsignatura="OBLIGATORIA"),
    )
    assert lint_bytes(raw, select=CAT) == []


def test_free_text_that_names_no_entry_does_not_warn() -> None:
    raw = make_certificate(
        overrides={
            "Ipes": {"entidadFederativa": "CDMX"},
            "Carrera": {"tipoPeriodo": "PERIODO CUATRIMESTRAL", "nivelEstudios": "LIC."},
            "Expedicion": {"tipoCertificacion": "COMPLETO"},
            "Responsable": {"idCargo": "5", "cargo": "DIRECTOR"},  # cargo is free text: not compared
        }
    )
    assert lint_bytes(raw, select=CAT) == []


def test_four_month_period_names_are_interchangeable() -> None:
    for text in ("TETRAMESTRE", "CUATRIMESTRAL", "TETRAMESTRAL"):
        raw = make_certificate(overrides={"Carrera": {"idTipoPeriodo": "93", "tipoPeriodo": text}})
        assert lint_bytes(raw, select=CAT) == [], text
    raw = make_certificate(overrides={"Carrera": {"idTipoPeriodo": "93", "tipoPeriodo": "SEMESTRAL"}})
    assert codes(lint_bytes(raw, select=CAT)) == ["CAT003"]


def test_cargo_can_be_compared_by_option() -> None:
    raw = make_certificate(overrides={"Responsable": {"idCargo": "3", "cargo": "DIRECTOR"}})
    assert lint_bytes(raw, select=CAT) == []
    options = {"CAT003": {"atributos": ["cargo"]}}
    findings = lint_bytes(raw, select=CAT, rule_options=options)
    assert [(f.code, f.attribute) for f in findings] == [("CAT003", "cargo")]


def test_unknown_id_is_not_also_compared_with_its_text() -> None:
    raw = make_certificate(overrides={"Carrera": {"idNivelEstudios": "99", "nivelEstudios": "MAESTRÍA"}})
    assert codes(lint_bytes(raw, select=CAT)) == ["CAT001"]


def test_normalise() -> None:
    assert normalise("  Nuevo  León ") == "NUEVO LEON"
    assert normalise("MAESTRÍA") == normalise("maestria")
    assert normalise("CUERNAVACA, MOR.") == "CUERNAVACA MOR"


def test_cat004_notes_a_place_of_issue_other_than_the_campus_state() -> None:
    raw = make_certificate(overrides={"Expedicion": {"idLugarExpedicion": "15"}})
    [finding] = lint_bytes(raw, select=["CAT004"])
    assert finding.severity is Severity.INFO
    assert (finding.element, finding.attribute, finding.value, finding.expected) == (
        "Expedicion",
        "idLugarExpedicion",
        "15",
        "09",
    )
    assert finding.xpath == "/Dec/Expedicion" and finding.line is not None
    assert "MÉXICO" in finding.message and "CIUDAD DE MÉXICO" in finding.message
    [english] = lint_bytes(raw, select=["CAT004"], lang="en")
    assert "is not the campus's state" in english.message


def test_cat004_is_silent_when_the_states_agree_or_one_is_not_a_catalog_id() -> None:
    same = make_certificate(
        overrides={"Ipes": {"idEntidadFederativa": "17"}, "Expedicion": {"idLugarExpedicion": "17"}}
    )
    assert lint_bytes(same, select=["CAT004"]) == []
    for place in ("9", "33", ""):
        raw = make_certificate(overrides={"Expedicion": {"idLugarExpedicion": place}})
        assert lint_bytes(raw, select=["CAT004"]) == [], place
