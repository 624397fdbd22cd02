"""Cost of the seal checks (SEL001–SEL011) per certificate.

Run: python bench/bench_seal.py [--count 500] [--subjects 60] [--rounds 5]

Builds `count` signed certificates of `subjects` subjects each in memory (one signer, as in a
normal batch), then times `Linter.lint_xml` over all of them with every rule, with
`--ignore SEL`, with `--select SEL` alone and with `--select DEC001` (about the cost of
parsing alone). Prints milliseconds per certificate (best round).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir))

from mec_lint.config import Config  # noqa: E402
from mec_lint.engine import Linter  # noqa: E402
from mec_lint.testing import make_certificate, make_signer  # noqa: E402

UPLOAD = dt.date(2024, 9, 1)


def subjects(count: int) -> list[dict[str, str]]:
    return [
        {
            "idAsignatura": str(1000 + n),
            "ciclo": f"{2019 + n // 9}-{n // 3 % 3 + 1}",
            "calificacion": "9.00",
            "idObservaciones": "100",
            "idTipoAsignatura": "263",
            "creditos": "6.00",
        }
        for n in range(count)
    ]


def certificates(count: int, subject_count: int) -> list[bytes]:
    signer = make_signer()
    rows = subjects(subject_count)
    summary = {
        "total": str(subject_count),
        "asignadas": str(subject_count),
        "promedio": "9.00",
        "totalCreditos": f"{6 * subject_count}.00",
        "creditosObtenidos": f"{6 * subject_count}.00",
        "numeroCiclos": str(len({row["ciclo"] for row in rows})),
    }
    return [
        make_certificate(
            overrides={"Alumno": {"numeroControl": f"A2019-{n:05d}"}, "Asignaturas": summary},
            subjects=rows,
            signer=signer,
        )
        for n in range(count)
    ]


def time_ms(linter: Linter, docs: list[bytes]) -> float:
    start = time.perf_counter()
    for n, raw in enumerate(docs):
        linter.lint_xml(f"c{n}.xml", raw)
    return (time.perf_counter() - start) * 1000 / len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--subjects", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    docs = certificates(args.count, args.subjects)
    built = time.perf_counter() - start
    print(
        f"{args.count} certificados firmados de {args.subjects} asignaturas "
        f"({sum(map(len, docs)) // len(docs)} bytes c/u) generados en {built:.1f} s"
    )
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} núcleos")
    modes = {
        "todas las reglas": Config(upload_date=UPLOAD),
        "--ignore SEL": Config(upload_date=UPLOAD, ignore=("SEL",)),
        "--select SEL": Config(upload_date=UPLOAD, select=("SEL",)),
        "--select DEC001": Config(upload_date=UPLOAD, select=("DEC001",)),  # ~ parsing alone
    }
    linters = {label: Linter(config) for label, config in modes.items()}
    found: dict[str, int] = {}
    for label, linter in linters.items():  # warm-up: imports, schema, certificate cache
        found[label] = len(linter.lint_xml("calentamiento.xml", docs[0]).findings)
    results = {label: float("inf") for label in modes}
    for _ in range(args.rounds):  # modes interleaved per round, best round kept: less noise
        for label, linter in linters.items():
            results[label] = min(results[label], time_ms(linter, docs))
    for label, value in results.items():
        print(f"  {label:<18} {value:7.3f} ms por certificado ({found[label]} hallazgos en el 1.º)")
    extra = results["todas las reglas"] - results["--ignore SEL"]
    alone = results["--select SEL"] - results["--select DEC001"]
    print(f"  costo de SEL001–SEL011: {extra:.3f} ms por certificado (todas − ignore SEL)")
    print(f"  costo de SEL001–SEL011: {alone:.3f} ms por certificado (select SEL − select DEC001)")


if __name__ == "__main__":
    main()
