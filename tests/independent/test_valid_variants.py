"""Valid certificates written from the spec must produce no error and no warning (info is fine)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from indep_dec_cli import describe, lint
from indep_dec_gen import Cert, Subject, default_subjects, make_curp, make_signer, seq_cycles

CATALOG_STATES = {
    "01": "AGUASCALIENTES", "02": "BAJA CALIFORNIA", "03": "BAJA CALIFORNIA SUR", "04": "CAMPECHE",
    "05": "COAHUILA", "06": "COLIMA", "07": "CHIAPAS", "08": "CHIHUAHUA", "09": "CIUDAD DE MÉXICO",
    "10": "DURANGO", "11": "GUANAJUATO", "12": "GUERRERO", "13": "HIDALGO", "14": "JALISCO", "15": "MÉXICO",
    "16": "MICHOACÁN", "17": "MORELOS", "18": "NAYARIT", "19": "NUEVO LEÓN", "20": "OAXACA", "21": "PUEBLA",
    "22": "QUERÉTARO", "23": "QUINTANA ROO", "24": "SAN LUIS POTOSÍ", "25": "SINALOA", "26": "SONORA",
    "27": "TABASCO", "28": "TAMAULIPAS", "29": "TLAXCALA", "30": "VERACRUZ", "31": "YUCATÁN", "32": "ZACATECAS",
}  # fmt: skip
PERIODS = {"91": ("SEMESTRE", 2), "92": ("BIMESTRE", 6), "93": ("CUATRIMESTRE", 3), "94": ("TETRAMESTRE", 3),
           "260": ("TRIMESTRE", 4), "262": ("ANUAL", 1)}  # fmt: skip
NIVELES = {"81": "LICENCIATURA", "82": "MAESTRÍA", "83": "PROFESIONAL ASOCIADO",
           "84": "TÉCNICO SUPERIOR UNIVERSITARIO", "85": "ESPECIALIDAD", "95": "DOCTORADO"}  # fmt: skip
CARGOS = {
    "1": "DIRECTOR",
    "2": "SUBDIRECTOR",
    "3": "RECTOR",
    "4": "VICERRECTOR",
    "5": "RESPONSABLE DE EXPEDICIÓN",
}
OBSERVACIONES = ["70", "71", "72", "73", "74", "75", "76", "77", "78", "100", "101", "102", "104"]

NO_TEXTS: dict[str, Any] = dict(
    nombre_institucion=None, campus=None, entidad_federativa=None, cargo=None, clave_carrera=None,
    nombre_carrera=None, tipo_periodo=None, nivel=None, tipo_certificacion=None, lugar=None, subject_texts=False,
)  # fmt: skip


def _subjects_with_cycles(cycles: list[str], grade: str = "9.00") -> list[Subject]:
    return [Subject(id=str(200 + i), ciclo=c, calificacion=grade) for i, c in enumerate(cycles)]


def _period_variant(tp: str) -> Cert:
    text, per_year = PERIODS[tp]
    cycles = seq_cycles(2 * per_year + 1, per_year, 2020)  # every period number of the year, two years
    return Cert(id_tipo_periodo=tp, tipo_periodo=text, subjects=_subjects_with_cycles(cycles))


def _state_variant(code: str) -> Cert:
    return Cert(
        id_entidad_federativa=code,
        entidad_federativa=CATALOG_STATES[code],
        id_campus=f"{code}0415",
        id_lugar=code,
        lugar=CATALOG_STATES[code],
    )


def _many_subjects(n: int) -> Cert:
    grades = ["9.00", "10", "8.00", "7.50", "9.60", "6.00", "8.70", "9.30"]
    subjects = [
        Subject(
            id=str(500 + i),
            ciclo=c,
            calificacion=grades[i % len(grades)],
            creditos=["6.25", "7.00", "4.50"][i % 3],
        )
        for i, c in enumerate(seq_cycles(n, 3, 2018, per_cycle=6))
    ]
    return Cert(subjects=subjects)


def _extraordinario() -> Cert:
    # FAQ rule 5: plan order kept; the subject passed later carries its cycle and observation 71.
    subjects = default_subjects(6)
    subjects[1] = Subject(id=subjects[1].id, ciclo="2020-1", calificacion="6.00", obs="71", obs_text="E.E.")
    return Cert(subjects=subjects)


def _equivalencia() -> Cert:
    # Subjects accredited by equivalencia (70) from earlier studies, then the ordinary sequence.
    subjects = [
        Subject(id="301", ciclo="2016-2", calificacion="8.00", obs="70", obs_text="EQUIVALENCIA DE ESTUDIOS"),
        Subject(id="302", ciclo="2017-1", calificacion="9.00", obs="70", obs_text="E."),
    ] + default_subjects(4)
    return Cert(subjects=subjects)


def _every_observation() -> Cert:
    subjects = [Subject(id=str(400 + i), ciclo="2019-1", obs=o) for i, o in enumerate(OBSERVACIONES)]
    return Cert(subjects=subjects)


def _complementaria() -> Cert:
    subjects = default_subjects(4) + [
        Subject(
            id="901",
            ciclo="2020-2",
            calificacion="AC",
            tipo="266",
            creditos="0.00",
            tipo_text="COMPLEMENTARIA",
        ),
        Subject(id="902", ciclo="2020-2", calificacion="10", tipo="266", creditos="2.00"),
    ]
    return Cert(subjects=subjects)


def _types() -> Cert:
    subjects = [
        Subject(id="11", ciclo="2019-1", tipo="263", tipo_text="OBLIGATORIA"),
        Subject(id="12", ciclo="2019-1", tipo="264", tipo_text="OPTATIVA", calificacion="8.00"),
        Subject(id="13", ciclo="2019-2", tipo="265", tipo_text="ADICIONAL", calificacion="10"),
        Subject(id="14", ciclo="2019-2", tipo="266", tipo_text="COMPLEMENTARIA", calificacion="7.00"),
    ]
    return Cert(subjects=subjects)


def _letter_grades() -> Cert:
    subjects = default_subjects(4) + [
        Subject(id="1010201", ciclo="2020-1", calificacion="AC", obs="100"),
    ]
    return Cert(subjects=subjects)


def _all_tens() -> Cert:
    return Cert(subjects=[Subject(id=str(10 + i), ciclo="2019-1", calificacion="10") for i in range(3)])


def _partial() -> Cert:
    return Cert(
        id_tipo_certificacion="80",
        tipo_certificacion="PARCIAL",
        extra_plan_subjects=40,
        extra_plan_credits=Decimal("273.00"),
    )


def _scale_100() -> Cert:
    subjects = [
        Subject(id="21", ciclo="2019-1", calificacion="85.00"),
        Subject(id="22", ciclo="2019-1", calificacion="100"),
        Subject(id="23", ciclo="2019-2", calificacion="70.00"),
    ]
    return Cert(cal_min="0", cal_max="100", cal_min_aprob="70.00", subjects=subjects)


def _one_subject() -> Cert:
    return Cert(subjects=[Subject(id="1", ciclo="2024-1", calificacion="8.00")])


def _extranjero() -> Cert:
    return Cert(alumno_curp="EXTRANJERO", alumno_nombre="LUCAS", alumno_ap1="MARTIN", alumno_ap2=None)


def _male_1999() -> Cert:
    return Cert(
        id_genero="251",
        nacimiento=dt.date(1999, 1, 30),
        alumno_curp=make_curp("TOVJ", dt.date(1999, 1, 30), "H", "MC", "RLN"),
        alumno_nombre="JUAN",
        alumno_ap1="TORRES",
        alumno_ap2="VILLA",
    )


def _born_abroad_with_curp() -> Cert:
    return Cert(alumno_curp=make_curp("GAPA", dt.date(2001, 5, 23), "M", "NE", "RRN"))


def _entities() -> Cert:
    return Cert(
        nombre_institucion="CENTRO DE ESTUDIOS A & B <SUPERIORES>",
        alumno_nombre="MARÍA JOSÉ",
        alumno_ap1="O'BRIEN",
        alumno_ap2="MUÑOZ",
        numero_control='55-15-"0467"',
    )


def _issue_days(days: int) -> Cert:
    return Cert(fecha=dt.date(2024, 9, 1) - dt.timedelta(days=days))


def _rounded_average() -> Cert:
    # grades 9.00 10 8.00 7.50 9.60 6.00 -> 8.35 exactly; use values with a rounding difference
    subjects = [
        Subject(id=str(30 + i), ciclo="2019-1", calificacion=g)
        for i, g in enumerate(["9.00", "8.00", "8.00"])
    ]
    return Cert(subjects=subjects, promedio_round=True)  # 8.333 -> 8.33 either way; see next


def _rounded_up_average() -> Cert:
    subjects = [
        Subject(id=str(30 + i), ciclo="2019-1", calificacion=g)
        for i, g in enumerate(["9.00", "9.00", "8.00"])
    ]
    return Cert(subjects=subjects, promedio_round=True)  # 8.666 -> 8.67 (truncated 8.66)


VARIANTS: dict[str, Any] = {
    "default": lambda: Cert(),
    "decl-none": lambda: Cert(decl="none"),
    "decl-plain": lambda: Cert(decl="plain"),
    "decl-single-quotes-lowercase": lambda: Cert(decl="single"),
    "crlf": lambda: Cert(newline="\r\n"),
    "crlf-standalone-schemaLocation": lambda: Cert(newline="\r\n", schema_location=True),
    "minified": lambda: Cert(pretty=False),
    "minified-no-decl": lambda: Cert(pretty=False, decl="none"),
    "tabs": lambda: Cert(indent="\t"),
    "shuffled-1": lambda: Cert(shuffle_seed=1),
    "shuffled-2": lambda: Cert(shuffle_seed=2, pretty=False),
    "schemaLocation": lambda: Cert(schema_location=True),
    "comment": lambda: Cert(comment=" generado por el sistema escolar "),
    "bom": lambda: Cert(bom=True),
    "no-folio": lambda: Cert(folio_control=None),
    "no-segundo-apellido": lambda: Cert(alumno_ap2=None),
    "no-segundo-apellido-responsable": lambda: Cert(resp_ap2=None),
    "no-texts": lambda: Cert(**NO_TEXTS),
    "no-texts-no-folio-no-obs": lambda: Cert(
        **NO_TEXTS,
        folio_control=None,
        alumno_ap2=None,
        subjects=[
            Subject(id=s.id, ciclo=s.ciclo, calificacion=s.calificacion, obs=None) for s in default_subjects()
        ],
    ),  # fmt: skip
    "subject-texts": lambda: Cert(
        subjects=[
            Subject(
                id="41",
                ciclo="2019-1",
                clave="ADM-101",
                nombre="FUNDAMENTOS DE ADMINISTRACIÓN",
                obs_text="NORMAL / ORDINARIO",
                tipo_text="OBLIGATORIA",
            ),
            Subject(
                id="42",
                ciclo="2019-2",
                clave="ADM-102",
                nombre="CONTABILIDAD I",
                obs="71",
                obs_text="EXTRAORDINARIO",
                tipo_text="OBLIGATORIA",
                calificacion="6.00",
            ),
        ]
    ),  # fmt: skip
    "mixed-case-names": lambda: Cert(alumno_nombre="Ana", alumno_ap1="Garcia", alumno_ap2="Pérez"),
    "text-without-accents": lambda: Cert(entidad_federativa="CIUDAD DE MEXICO", lugar="CIUDAD DE MEXICO"),
    "lugar-text-free": lambda: Cert(lugar="CUERNAVACA, MOR.", id_lugar="17"),
    "campus-name": lambda: Cert(campus="CAMPUS NORTE"),
    "ext-extranjero": _extranjero,
    "male-1999": _male_1999,
    "born-abroad-NE": _born_abroad_with_curp,
    "xml-entities": _entities,
    "complementaria": _complementaria,
    "tipos-asignatura": _types,
    "letter-grade-AC": _letter_grades,
    "all-tens": _all_tens,
    "partial-80": _partial,
    "extraordinario-71": _extraordinario,
    "equivalencia-70": _equivalencia,
    "every-observation": _every_observation,
    "rvoe-acuerdo-1980": lambda: Cert(rvoe_numero="ACUERDO 1980"),
    "rvoe-decreto": lambda: Cert(rvoe_numero="DECRETO"),
    "rvoe-acuerdo": lambda: Cert(rvoe_numero="ACUERDO"),
    "rvoe-old-date": lambda: Cert(rvoe_numero="ACUERDO 1980", rvoe_fecha="1980-03-01T00:00:00"),
    "rvoe-same-day-as-issue": lambda: Cert(rvoe_fecha="2024-08-20T00:00:00"),
    "clave-plan-dges": lambda: Cert(clave_plan="DGES 123456789123"),
    "scale-0-10-aprob-8": lambda: Cert(
        cal_min="0",
        cal_min_aprob="8.00",
        subjects=[
            Subject(id="51", ciclo="2019-1", calificacion="8.00"),
            Subject(id="52", ciclo="2019-1", calificacion="10"),
        ],
    ),
    "scale-5-10-aprob-7": lambda: Cert(
        cal_min_aprob="7.00",
        subjects=[
            Subject(id="51", ciclo="2019-1", calificacion="7.00"),
            Subject(id="52", ciclo="2019-1", calificacion="9.90"),
        ],
    ),
    "scale-0-100": _scale_100,
    "60-subjects": lambda: _many_subjects(60),
    "1-subject": _one_subject,
    "promedio-rounded-equal": _rounded_average,
    "promedio-rounded-up": _rounded_up_average,
    "credits-decimals": lambda: Cert(
        subjects=[
            Subject(id="61", ciclo="2019-1", creditos="6.25"),
            Subject(id="62", ciclo="2019-1", creditos="4.50"),
            Subject(id="63", ciclo="2019-2", creditos="0.00"),
        ]
    ),
    "semester-year-boundary": lambda: Cert(
        id_tipo_periodo="91",
        tipo_periodo="SEMESTRE",
        subjects=_subjects_with_cycles(["2019-2", "2019-2", "2020-1", "2020-2"]),
    ),
    "modular-261": lambda: Cert(
        id_tipo_periodo="261",
        tipo_periodo="MODULAR",
        subjects=_subjects_with_cycles(["2020-1", "2020-2", "2020-3", "2020-4", "2020-5"]),
    ),
    "numero-control-formats": lambda: Cert(numero_control="LC0132016M1A1A1"),
    "id-carrera-1": lambda: Cert(id_carrera="1"),
    "id-carrera-big": lambda: Cert(id_carrera="2304"),
    "institution-other": lambda: Cert(
        id_institucion="20499",
        id_campus="150631",
        id_entidad_federativa="15",
        entidad_federativa="MÉXICO",
        id_lugar="15",
        lugar="MÉXICO",
    ),
    "grade-equal-min-aprob": lambda: Cert(subjects=[Subject(id="71", ciclo="2019-1", calificacion="6.00")]),
    "issue-rvoe-birth-leap": lambda: Cert(nacimiento=dt.date(2000, 2, 29), fecha=dt.date(2024, 2, 29)),
}


def _first_subject_extraordinario() -> Cert:
    # The first subject of the plan was passed later (extraordinario, 2020-1); the others follow 2019-1...
    subjects = default_subjects(6)
    subjects[0] = Subject(id=subjects[0].id, ciclo="2020-1", calificacion="7.00", obs="71")
    return Cert(subjects=subjects)


def _two_breaks_in_a_row() -> Cert:
    subjects = default_subjects(6)
    subjects[2] = Subject(id=subjects[2].id, ciclo="2020-2", calificacion="6.00", obs="74")
    subjects[3] = Subject(id=subjects[3].id, ciclo="2020-3", calificacion="6.00", obs="72")
    return Cert(subjects=subjects)


def _last_subject_recursamiento() -> Cert:
    subjects = default_subjects(6)
    subjects[-1] = Subject(id=subjects[-1].id, ciclo="2021-1", calificacion="8.00", obs="74")
    return Cert(subjects=subjects)


def _partial_equal() -> Cert:
    return Cert(id_tipo_certificacion="80", tipo_certificacion="PARCIAL")


def _float_trap_grades(grades: list[str], credits: list[str]) -> Cert:
    subjects = [
        Subject(id=str(600 + i), ciclo="2019-1", calificacion=g, creditos=c)
        for i, (g, c) in enumerate(zip(grades, credits))
    ]
    return Cert(subjects=subjects)


def _random_grades(seed: int) -> Cert:
    import random

    rng = random.Random(seed)
    n = rng.randint(1, 40)
    subjects = []
    for i in range(n):
        cents = rng.randint(600, 1000)
        grade = "10" if cents == 1000 else f"{cents / 100:.2f}"
        credits = f"{rng.randint(0, 1200) / 100:.2f}"
        subjects.append(Subject(id=str(700 + i), ciclo=f"{2015 + i // 6}-{i // 2 % 3 + 1}", calificacion=grade,
                                creditos=credits))  # fmt: skip
    return Cert(subjects=subjects, promedio_round=bool(seed % 2))


def _rsa_4096() -> Cert:
    return Cert(signer=make_signer(key_bits=4096, serial20="00001000000701234567"))


def _cert_expires_after_threshold() -> Cert:
    return Cert(signer=make_signer(not_after=dt.date(2024, 10, 15), serial20="00001000000704112233"))


VARIANTS.update({f"periodo-{tp}": (lambda tp=tp: _period_variant(tp)) for tp in PERIODS})
VARIANTS.update({f"nivel-{n}": (lambda n=n, t=t: Cert(id_nivel=n, nivel=t)) for n, t in NIVELES.items()})
VARIANTS.update({f"cargo-{n}": (lambda n=n, t=t: Cert(id_cargo=n, cargo=t)) for n, t in CARGOS.items()})
VARIANTS.update({f"estado-{code}": (lambda code=code: _state_variant(code)) for code in CATALOG_STATES})
VARIANTS.update({f"issue-{d}-days-before": (lambda d=d: _issue_days(d)) for d in (1, 2, 30, 60, 82)})

VARIANTS.update(
    {
        "prefixed-namespace": lambda: Cert(prefix="cert"),
        "single-quoted-attrs": lambda: Cert(quote="'"),
        "explicit-close-tags": lambda: Cert(close_tags=True),
        "attribute-per-line": lambda: Cert(attr_per_line=True),
        "attribute-per-line-crlf": lambda: Cert(attr_per_line=True, newline="\r\n"),
        "char-refs": lambda: Cert(charrefs=True),
        "first-subject-extraordinario": _first_subject_extraordinario,
        "two-breaks-in-a-row": _two_breaks_in_a_row,
        "last-subject-recursamiento": _last_subject_recursamiento,
        "partial-80-total-equal": _partial_equal,
        "float-trap-1": lambda: _float_trap_grades(["9.10", "9.20", "9.90"], ["6.10", "6.20", "0.10"]),
        "float-trap-2": lambda: _float_trap_grades(["8.70", "9.35"], ["0.10", "0.20"]),
        "float-trap-3": lambda: _float_trap_grades(["9.35"], ["4.35"]),
        "float-trap-4": lambda: _float_trap_grades(["6.01", "6.02", "6.04"], ["1.15", "2.35", "3.55"]),
        "rsa-4096": _rsa_4096,
        "cert-expires-45-days-after-upload": _cert_expires_after_threshold,
    }
)
VARIANTS.update(
    {
        "letter-grade-ACREDITADA": lambda: Cert(subjects=default_subjects(3) + [
            Subject(id="1010301", ciclo="2020-1", calificacion="ACREDITADA")]),
        "extranjero-male": lambda: Cert(alumno_curp="EXTRANJERO", id_genero="251", alumno_nombre="PIERRE"),
        "student-born-1965": lambda: Cert(nacimiento=dt.date(1965, 11, 2),
                                          alumno_curp=make_curp("GAPA", dt.date(1965, 11, 2), "M", "JC", "RRN")),
        "responsable-female": lambda: Cert(
            resp_curp=make_curp("SAVE", dt.date(1968, 9, 4), "M", "JC", "NRL", "0"), resp_nombre="ELENA SOFÍA",
            resp_ap1="SÁNCHEZ", resp_ap2="VERA", id_cargo="1", cargo="DIRECTOR",
            signer=make_signer(curp=make_curp("SAVE", dt.date(1968, 9, 4), "M", "JC", "NRL", "0"),
                               serial20="00001000000502044780", rfc="SAVE680904QW2", name="ELENA SOFIA SANCHEZ VERA")),
        "modular-two-digit-periods": lambda: Cert(id_tipo_periodo="261", tipo_periodo="MODULAR",
                                                 subjects=_subjects_with_cycles(["2020-9", "2020-10", "2020-11", "2020-12"])),
        "cert-issued-same-day-afternoon": lambda: Cert(signer=make_signer(
            serial20="00001000000711111111",
            not_before_at=dt.datetime(2024, 8, 20, 17, 30, tzinfo=dt.timezone.utc))),
        "cert-issued-same-local-day-next-utc-day": lambda: Cert(signer=make_signer(
            serial20="00001000000722222222",
            not_before_at=dt.datetime(2024, 8, 21, 3, 0, tzinfo=dt.timezone.utc))),
        "cert-expires-31-days-after-upload": lambda: Cert(signer=make_signer(
            serial20="00001000000733333333", not_after=dt.date(2024, 10, 2))),
    }
)  # fmt: skip
VARIANTS.update(
    {
        # §3.1: [IDEE] normalises blanks (normalize-space), most sources only trim; both must verify.
        # A name with a doubled blank verifies too but is CAD003's warning (issue #15): see below.
        f"blanks-{mode}-no-extra": (lambda mode=mode: Cert(alumno_nombre="JOSÉ LUIS", cadena_mode=mode))
        for mode in ("trim", "normalize", "raw")
    }
)
VARIANTS.update({f"random-grades-{seed}": (lambda seed=seed: _random_grades(seed)) for seed in range(12)})

UPLOADS = {"issue-rvoe-birth-leap": "2024-03-15"}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_valid_variant_is_clean(name: str, tmp_path: Path) -> None:
    cert = VARIANTS[name]()
    path = tmp_path / f"{name}.xml"
    path.write_bytes(cert.xml())
    code, data = lint(path, upload=UPLOADS.get(name, "2024-09-01"))
    assert data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)
    assert code == 0, describe(data)
    assert all(f["severity"] == "info" for f in data["findings"]), describe(data)


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("normalize", "con los espacios normalizados (normalize-space);"),
        ("trim", "con el valor recortado (trim) o con el valor tal como está escrito, que aquí dan la misma"),
        ("raw", "con el valor recortado (trim) o con el valor tal como está escrito, que aquí dan la misma"),
    ],
)
def test_a_doubled_blank_verifies_in_every_mode_and_warns_once(mode: str, said: str, tmp_path: Path) -> None:
    """The sello verifies whichever way the signer treated «JOSÉ  LUIS» (no error), and CAD003 warns once,
    at Alumno/@nombre, naming the cadena the sello matched (issue #15 item 3)."""
    path = tmp_path / f"blanks-{mode}.xml"
    path.write_bytes(Cert(alumno_nombre="JOSÉ  LUIS", cadena_mode=mode).xml())
    code, data = lint(path)
    assert data["summary"]["errors"] == 0 and code == 0, describe(data)
    [warning] = [f for f in data["findings"] if f["severity"] == "warning"]
    assert (
        warning["code"],
        warning["xpath"],
        warning["attribute"],
        warning["value"],
        warning["expected"],
    ) == (
        "CAD003",
        "/Dec/Alumno",
        "nombre",
        "JOSÉ  LUIS",
        "JOSÉ LUIS",
    ), describe(data)
    assert said in warning["message"] and "espacios dobles" in warning["message"]


def test_cadena_without_id_entidad_with_the_switch(tmp_path: Path) -> None:
    path = tmp_path / "sin.xml"
    path.write_bytes(Cert(include_id_entidad_in_cadena=False).xml())
    code, data = lint(path, "--cadena-sin-id-entidad")
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)


def test_zip_batch_of_valid_variants_is_clean(tmp_path: Path) -> None:
    students = [
        Cert(numero_control="A1", folio_control="F-1"),
        Cert(numero_control="A2", folio_control="F-2", alumno_nombre="JUAN", id_genero="251",
             alumno_curp=make_curp("TOVJ", dt.date(1999, 1, 30), "H", "MC", "RLN"), nacimiento=dt.date(1999, 1, 30)),
        Cert(numero_control="A3", folio_control=None, alumno_curp="EXTRANJERO", alumno_ap2=None),
        Cert(numero_control="A4", folio_control="F-4", id_tipo_certificacion="80", tipo_certificacion="PARCIAL",
             extra_plan_subjects=10, extra_plan_credits=Decimal("70.00"), nacimiento=dt.date(2002, 7, 1)),
        Cert(numero_control="A5", folio_control="F-5", id_carrera="102", decl="none", newline="\r\n",
             nacimiento=dt.date(2000, 12, 31)),
    ]  # fmt: skip
    archive = tmp_path / "lote.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, cert in enumerate(students):
            zf.writestr(f"certificado_{i + 1}.xml", cert.xml())
    code, data = lint(archive, "--expected-count", "5")
    assert data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)
    assert code == 0
    assert data["summary"]["files"] in (1, 5)


def test_signer_is_shared() -> None:
    assert make_signer() is make_signer()


def _zip(tmp_path: Path, certs: list[Cert]) -> Path:
    archive = tmp_path / "lote.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, cert in enumerate(certs):
            zf.writestr(f"cert_{i + 1:03d}.xml", cert.xml())
    return archive


def test_zip_two_foreign_students_same_career_are_not_duplicates(tmp_path: Path) -> None:
    certs = [
        Cert(numero_control="EXT-1", alumno_curp="EXTRANJERO", alumno_nombre="LUCAS", alumno_ap1="MARTIN"),
        Cert(numero_control="EXT-2", alumno_curp="EXTRANJERO", alumno_nombre="EMMA", alumno_ap1="SCHULZ",
             folio_control="UEC-2024-000124"),
    ]  # fmt: skip
    code, data = lint(_zip(tmp_path, certs))
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)


def test_zip_same_student_two_careers_and_no_folios(tmp_path: Path) -> None:
    certs = [
        Cert(folio_control=None),
        Cert(folio_control=None, id_carrera="202", clave_plan="2020"),
    ]
    code, data = lint(_zip(tmp_path, certs))
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)


def test_zip_two_campuses_same_signer(tmp_path: Path) -> None:
    certs = [
        Cert(numero_control="A1", folio_control="F1"),
        Cert(numero_control="A2", folio_control="F2", id_campus="150631", id_entidad_federativa="15",
             entidad_federativa="MÉXICO", id_lugar="15", lugar="MÉXICO", alumno_nombre="ROSA",
             nacimiento=dt.date(2002, 3, 3)),
    ]  # fmt: skip
    code, data = lint(_zip(tmp_path, certs))
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)


def test_zip_two_campuses_two_signers(tmp_path: Path) -> None:
    other = make_curp("SAVE", dt.date(1968, 9, 4), "M", "JC", "NRL", "0")
    certs = [
        Cert(numero_control="A1", folio_control="F1"),
        Cert(numero_control="A2", folio_control="F2", id_campus="150631", id_entidad_federativa="15",
             entidad_federativa="MÉXICO", id_lugar="15", lugar="MÉXICO", resp_curp=other, resp_nombre="ELENA",
             resp_ap1="SÁNCHEZ", nacimiento=dt.date(2002, 3, 4), signer=make_signer(curp=other, serial20="00001000000502044780", rfc="SAVE680904QW2")),
    ]  # fmt: skip
    code, data = lint(_zip(tmp_path, certs))
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)


def test_folder_batch_is_clean(tmp_path: Path) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    for i in range(3):
        (folder / f"c{i}.xml").write_bytes(
            Cert(numero_control=f"N{i}", folio_control=f"F{i}", nacimiento=dt.date(2000 + i, 1, 15)).xml()
        )
    code, data = lint(folder, "--batch")
    assert code == 0 and data["summary"]["errors"] == 0 and data["summary"]["warnings"] == 0, describe(data)
