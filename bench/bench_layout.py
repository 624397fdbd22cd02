"""Cost of reading / linting a Programa de Estudios workbook and of checking certificates against it.

Run: python bench/bench_layout.py [--subjects 5000] [--certificates 1000] [--readers]

1. Writes a valid layout of `subjects` subjects (50 per carrera) to a temporary folder.
2. `--readers`: reads it with mec-lint's streaming reader (`mec_lint.layout.xlsx`), the previous
   reader (openpyxl read-only + data-only, `tests/openpyxl_layout_reader.py`), python-calamine and
   openpyxl in normal mode, each in a fresh subprocess: wall and CPU time, peak RSS (VmHWM).
3. Lints it as a layout (`mec-lint check layout.xlsx`: reading + LAY rules), in a subprocess.
4. Lints `certificates` certificates (serially, jobs=1) with every rule, without and with
   `--layout`, and with `--select XLY` only, each in a subprocess.
Numbers go to docs/layout.md by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)
sys.path.insert(0, ROOT)

UPLOAD = dt.date(2024, 9, 1)


def write_inputs(folder: str, subjects: int, certificates: int) -> tuple[str, str]:
    from mec_lint.layout.samples import big_layout
    from mec_lint.testing import DEFAULTS, make_certificate

    layout_path = os.path.join(folder, "programa.xlsx")
    with open(layout_path, "wb") as handle:
        handle.write(big_layout(subjects).to_bytes())
    carreras = max(1, subjects // 50)
    certs = os.path.join(folder, "certificados")
    os.makedirs(certs)
    for number in range(certificates):
        carrera = 101 + number % carreras
        rows = [
            {
                "idAsignatura": str(carrera * 10000 + n + 1),
                "ciclo": f"{2019 + n // 3}-{n % 3 + 1}",
                "calificacion": "9.00",
                "idObservaciones": "100",
                "idTipoAsignatura": "263",
                "creditos": "7.00",
            }
            for n in range(9)
        ]
        raw = make_certificate(
            {
                "Carrera": {"idCarrera": str(carrera)},
                "Expedicion": {"idTipoCertificacion": "80", "tipoCertificacion": "PARCIAL"},
                "Asignaturas": {
                    "total": "50",
                    "asignadas": "9",
                    "promedio": "9.00",
                    "totalCreditos": "350.00",
                    "creditosObtenidos": "63.00",
                    "numeroCiclos": "9",
                },
                "Alumno": dict(DEFAULTS["Alumno"], numeroControl=f"A{number:06d}"),
            },
            subjects=rows,
        )
        with open(os.path.join(certs, f"c{number:05d}.xml"), "wb") as handle:
            handle.write(raw)
    return layout_path, certs


# -- measurements, each in its own process (child mode) -------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: reset by exec, unlike ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(kind: str, path: str, extra: str) -> dict[str, object]:
    import_start = time.perf_counter()
    import openpyxl  # noqa: F401  (imports timed apart from the work)

    with contextlib.suppress(ImportError):
        import python_calamine  # noqa: F401  (optional: pip install python-calamine)

    import mec_lint.engine  # noqa: F401
    import mec_lint.layout.reader  # noqa: F401

    info: dict[str, object] = {"import_s": round(time.perf_counter() - import_start, 3)}
    before = peak_rss_mb()
    start = time.perf_counter()
    cpu = time.process_time()
    if kind == "mec-lint-streaming":
        from mec_lint.config import Config
        from mec_lint.layout.reader import read_layout_file

        layout = read_layout_file(path, Config())
        info["rows"] = sum(len(t.rows) for t in layout.tables.values())
    elif kind == "openpyxl-read-only":
        sys.path.insert(0, os.path.join(ROOT, "tests"))
        from openpyxl_layout_reader import read_layout

        from mec_lint.config import Config

        with open(path, "rb") as handle:
            layout = read_layout(handle.read(), path, Config())
        info["rows"] = sum(len(t.rows) for t in layout.tables.values())
    elif kind == "calamine":
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(path)
        info["rows"] = sum(len(workbook.get_sheet_by_name(n).to_python()) for n in workbook.sheet_names)
    elif kind == "openpyxl-normal":
        from openpyxl import load_workbook

        workbook = load_workbook(path, data_only=True)
        info["rows"] = sum(ws.max_row for ws in workbook.worksheets)
    elif kind == "lint-layout":
        from mec_lint.config import Config
        from mec_lint.engine import Linter

        run = Linter(Config(upload_date=UPLOAD)).run([path])
        info["findings"] = len(run.findings)
    elif kind.startswith("certs"):
        from mec_lint.config import Config
        from mec_lint.engine import Linter

        options: dict[str, object] = {"upload_date": UPLOAD, "jobs": 1}
        if kind in ("certs-layout", "certs-xly"):
            options["layout_path"] = extra
        if kind == "certs-xly":
            options["select"] = ("XLY",)
        linter = Linter(Config(**options))  # type: ignore[arg-type]
        loaded = time.perf_counter()
        run = linter.run([path])
        info["layout_load_s"] = round(loaded - start, 3)
        info["findings"] = len(run.findings)
        info["codes"] = sorted({f.code for f in run.findings})[:8]
    info["seconds"] = round(time.perf_counter() - start, 3)
    info["cpu_s"] = round(time.process_time() - cpu, 3)
    info["peak_rss_mb"] = peak_rss_mb()
    info["rss_growth_mb"] = round(peak_rss_mb() - before, 1)
    return info


def measure(kind: str, path: str, extra: str = "", rounds: int = 3) -> dict[str, object]:
    """The best of `rounds` fresh processes (least disturbed by other load on the machine)."""
    results = []
    for _ in range(rounds):
        if kind == "calamine":
            try:
                import python_calamine  # noqa: F401
            except ImportError:
                return {"skipped": "python-calamine is not installed"}
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, path, extra],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(results, key=lambda r: float(r["seconds"]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=5000)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--readers", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        layout_path, certs = write_inputs(folder, args.subjects, args.certificates)
        size = os.path.getsize(layout_path)
        print(f"layout: {args.subjects} subjects, {size / 1024:.0f} KiB; {args.certificates} certificates")
        kinds = (
            ["mec-lint-streaming", "openpyxl-read-only", "calamine", "openpyxl-normal"]
            if args.readers
            else []
        )
        for kind in kinds:
            print(f"read    {kind:<20} {measure(kind, layout_path, rounds=args.rounds)}")
        print(f"lint    {'layout (LAY rules)':<20} {measure('lint-layout', layout_path, rounds=args.rounds)}")
        for kind in ("certs-no-layout", "certs-layout", "certs-xly") if args.certificates else ():
            print(f"lint    {kind:<20} {measure(kind, certs, layout_path, args.rounds)}")


if __name__ == "__main__":
    main()
