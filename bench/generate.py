"""Generate a realistic batch: N signed Dec 3.0 certificates (60 subjects each) in one .zip.

    python bench/generate.py --count 2000 --out /tmp/lote-2000.zip

Every certificate is valid: distinct students with CURPs that agree with their names, birth
date and sex (RENAPO check digit), one signer (`make_signer`, created once), consistent
totals (asignadas, promedio, créditos, numeroCiclos) and an Expedicion/@fecha 12 days before
`UPLOAD_DATE`. Deterministic for a given count. Also used by fixtures/scripts/lote.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import zipfile
from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir))

from mec_lint.testing import Signer, make_certificate, make_signer  # noqa: E402

UPLOAD_DATE = dt.date(2024, 9, 1)
ISSUE_DATE = "2024-08-20T00:00:00"
SUBJECTS = 60
CYCLES = 10  # cuatrimestres, 6 subjects each

SURNAMES = (
    "GARCIA", "HERNANDEZ", "MARTINEZ", "LOPEZ", "GONZALEZ", "RODRIGUEZ", "PEREZ", "SANCHEZ",
    "RAMIREZ", "TORRES", "FLORES", "RIVERA", "GOMEZ", "DIAZ", "MORALES", "VAZQUEZ", "JIMENEZ",
    "REYES", "MENDOZA", "CASTILLO", "ORTIZ", "RUIZ", "SALAZAR", "NAVARRO", "DOMINGUEZ", "CRUZ",
    "GUERRERO", "MEDINA", "AGUILAR", "ROMERO", "VARGAS", "CASTRO", "PACHECO", "SOTO", "CABRERA",
    "MOLINA", "CAMPOS", "LUNA", "ROSAS", "BECERRA", "VILLANUEVA", "CORTES", "TAPIA", "BARRERA",
)  # fmt: skip
NAMES_F = ("ANA", "LAURA", "SOFIA", "DANIELA", "PAOLA", "ELENA", "VALERIA", "CAROLINA", "REBECA", "ISABEL")
NAMES_M = ("CARLOS", "LUIS", "JORGE", "DIEGO", "RAUL", "PABLO", "ROBERTO", "SERGIO", "HECTOR", "ARTURO")
STATES = ("DF", "MC", "JC", "NL", "PL", "VZ", "GT", "QT", "MN", "OC")
VOWELS = "AEIOU"
DICTIONARY = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def check_digit(first17: str) -> str:
    """RENAPO check digit of the first 17 characters of a CURP."""
    total = sum(DICTIONARY.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def _first_inner(word: str, letters: str, default: str) -> str:
    return next((ch for ch in word[1:] if ch in letters), default)


def curp_of(first: str, second: str, name: str, born: dt.date, sex: str, state: str) -> str:
    consonants = "BCDFGHJKLMNPQRSTVWXYZ"
    body = (
        first[0]
        + _first_inner(first, VOWELS, "X")
        + second[0]
        + name[0]
        + born.strftime("%y%m%d")
        + sex
        + state
        + _first_inner(first, consonants, "X")
        + _first_inner(second, consonants, "X")
        + _first_inner(name, consonants, "X")
        + ("A" if born.year >= 2000 else "0")
    )
    return body + check_digit(body)


def student(i: int) -> dict[str, str]:
    """The i-th student: names, sex, birth date and a CURP that agrees with all of them."""
    female = i % 2 == 0
    first = SURNAMES[i % len(SURNAMES)]
    second = SURNAMES[(i * 7 + 3) % len(SURNAMES)]
    name = (NAMES_F if female else NAMES_M)[(i // 2) % 10]
    born = dt.date(1998, 1, 1) + dt.timedelta(days=(i * 37) % 1500)
    sex = "M" if female else "H"
    curp = curp_of(first, second, name, born, sex, STATES[i % len(STATES)])
    return {
        "numeroControl": f"A{2019 + i % 3}-{i:05d}",
        "curp": curp,
        "nombre": name,
        "primerApellido": first,
        "segundoApellido": second,
        "idGenero": "250" if female else "251",
        "fechaNacimiento": born.isoformat() + "T00:00:00",
    }


def cycles() -> list[str]:
    year, term, out = 2019, 3, []
    for _ in range(CYCLES):
        out.append(f"{year}-{term}")
        term += 1
        if term > 3:
            year, term = year + 1, 1
    return out


def subjects(i: int) -> tuple[list[dict[str, str]], dict[str, str]]:
    """60 subjects in plan order and the matching Asignaturas totals."""
    rows: list[dict[str, str]] = []
    grades: list[Decimal] = []
    per_cycle = SUBJECTS // CYCLES
    for n, ciclo in enumerate(c for c in cycles() for _ in range(per_cycle)):
        grade = 6 + (i * 3 + n * 5) % 5  # 6..10
        grades.append(Decimal(grade))
        rows.append(
            {
                "idAsignatura": f"{1010100 + n + 1}",
                "ciclo": ciclo,
                "calificacion": "10" if grade == 10 else f"{grade}.00",
                "idObservaciones": "100",
                "idTipoAsignatura": "263",
                "creditos": "7.00",
            }
        )
    mean = (sum(grades, Decimal(0)) / len(grades)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    credits = f"{7 * SUBJECTS}.00"
    totals = {
        "total": str(SUBJECTS),
        "asignadas": str(SUBJECTS),
        "promedio": f"{mean}",
        "totalCreditos": credits,
        "creditosObtenidos": credits,
        "numeroCiclos": str(CYCLES),
    }
    return rows, totals


def certificate(i: int, signer: Signer | None) -> bytes:
    rows, totals = subjects(i)
    overrides = {
        "Dec": {"folioControl": f"UEC-2024-{i + 1:06d}"},
        "Alumno": student(i),
        "Asignaturas": totals,
        "Expedicion": {"fecha": ISSUE_DATE},
    }
    return make_certificate(overrides=overrides, subjects=rows, signer=signer)


def iter_certificates(count: int, signed: bool = True) -> Iterator[tuple[str, bytes]]:
    signer = make_signer() if signed else None
    for i in range(count):
        yield f"cert_{i + 1:05d}.xml", certificate(i, signer)


def write_zip(path: str, count: int, signed: bool = True) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in iter_certificates(count, signed):
            info = zipfile.ZipInfo(name, date_time=(2024, 8, 20, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--out", default="/tmp/mec-lint-bench/lote-2000.zip")
    parser.add_argument("--unsigned", action="store_true")
    args = parser.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    started = time.perf_counter()
    write_zip(args.out, args.count, not args.unsigned)
    took = time.perf_counter() - started
    print(f"{args.out}: {args.count} certificados, {os.path.getsize(args.out)} bytes, {took:.1f} s")


if __name__ == "__main__":
    main()
