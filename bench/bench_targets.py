"""Issue #14 targets, each measured side by side in one run (ratios, not absolute times).

    python bench/bench_targets.py [--rounds 3] [--only batch,jobs,linear,memory,cold,json]

The machine is shared, so every comparison runs its two sides interleaved, `--rounds` times,
and reports the ratio of each round plus the median: the spread of the ratios says how noisy
the run was. No timing is asserted anywhere (docs/performance.md keeps the table).

- batch: xmllint `--noout --schema` vs `mec-lint check lote-2000.zip` (default options) over the
  same 2,000 signed 60-subject certificates (target ≥ 0.6× xmllint's throughput);
- jobs: default `--jobs` vs `--jobs 1` on the same zip, and on 8/20 files (target: never slower);
- linear: the batch rules (LOT) over 2,000 vs 10,000 members' facts, in-process (target ≤ 6×),
  with distinct values and with every member sharing one folio (the worst case);
- memory: peak memory of the whole process tree for 2,000 vs 10,000 members (target ≤ 1.3×);
- cold: `mec-lint check one.xml` vs `python -c` parsing and XSD-validating it with lxml (≤ 2×);
- json: one 60,000-subject certificate with ≥ 100,000 findings, `--format json` (target ≤ 3 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))

from bench.bench_batch import peak_memory  # noqa: E402
from bench.generate import UPLOAD_DATE, write_zip  # noqa: E402

XSD = os.path.join(HERE, os.pardir, "mec_lint", "data", "dec-3.0.xsd")
WORK = os.path.join(tempfile.gettempdir(), "mec-lint-bench-targets")
MEC_LINT = shutil.which("mec-lint") or "mec-lint"
OPTIONS = ["--upload-date", UPLOAD_DATE.isoformat(), "--no-progress", "-f", "json"]


def batch_zip(count: int) -> str:
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"lote-{count}.zip")
    if not os.path.exists(path):
        write_zip(path, count)
    return path


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 0 clean, 1 findings: anything else is not a measurement
        raise SystemExit(f"{command[:3]} terminó con {done.returncode}: {done.stderr[-400:]!r}")
    return elapsed


def paired(a: list[str], b: list[str], rounds: int) -> list[tuple[float, float]]:
    """(time of a, time of b) per round, a and b run back to back (alternating which goes first).

    Each side runs once untimed first: the first run of a command after the other pays for
    cold caches (files just extracted, bytecode pages), which biased short runs (8–20 files,
    0.1 s) against whichever side went first in more rounds."""
    wall(a)
    wall(b)
    pairs = []
    for index in range(rounds):
        if index % 2:
            tb = wall(b)
            ta = wall(a)
        else:
            ta = wall(a)
            tb = wall(b)
        pairs.append((ta, tb))
    return pairs


def ratio_line(label: str, pairs: list[tuple[float, float]], target: str) -> str:
    ratios = [b / a for a, b in pairs]
    shown = ", ".join(f"{r:.2f}" for r in ratios)
    times = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in pairs)
    return f"| {label} | {statistics.median(ratios):.2f} | {shown} | {times} s | {target} |"


def bench_batch(rounds: int, out: list[str]) -> None:
    zip_path = batch_zip(2000)
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder)
            names = [os.path.join(folder, n) for n in sorted(archive.namelist())]
        xmllint = ["xmllint", "--noout", "--schema", XSD, *names]
        default = [MEC_LINT, "check", zip_path, *OPTIONS]
        one_job = [MEC_LINT, "check", zip_path, "--jobs", "1", *OPTIONS]
        pairs = paired(default, xmllint, rounds)  # ratio = xmllint time / mec-lint time = throughput ratio
        out.append(ratio_line("throughput vs xmllint, 2,000 certificates, default options", pairs, "≥ 0.6"))
        pairs = paired(
            default, one_job, rounds
        )  # ratio = jobs-1 time / default time (≥ 1: default not slower)
        out.append(ratio_line("`--jobs 1` time / default time, 2,000 certificates", pairs, "≥ 1.0"))
        for count in (8, 20):
            few = names[:count]
            pairs = paired(
                [MEC_LINT, "check", *few, *OPTIONS],
                [MEC_LINT, "check", *few, "--jobs", "1", *OPTIONS],
                rounds,
            )
            out.append(ratio_line(f"`--jobs 1` time / default time, {count} files", pairs, "≥ 1.0"))


def _batch_rule_seconds(count: int, duplicates: bool) -> float:
    import datetime as dt

    from mec_lint.batch import Batch, BatchMember
    from mec_lint.config import Config
    from mec_lint.engine import FileResult, Linter
    from mec_lint.runner import Plan, finish_batches
    from mec_lint.xmldoc import XmlDocument, parse

    try:  # the facts as a run holds them (a plain dict before issue #14's compact form)
        from mec_lint.batch import Facts

        compact = Facts.from_dict
    except ImportError:
        compact = None  # type: ignore[assignment]
    linter = Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=1))
    with zipfile.ZipFile(batch_zip(2000)) as archive:
        samples = []
        for name in archive.namelist()[:100]:
            doc = parse(name, archive.read(name))
            assert isinstance(doc, XmlDocument)
            samples.append(linter.facts_of(doc) or {})
    plan = Plan(linter)
    batch = Batch("lote.zip", "zip")
    results = []
    for index in range(count):
        facts = dict(samples[index % len(samples)])
        folio = "F-1" if duplicates else f"F-{index}"
        facts["folioControl"] = (folio, *facts["folioControl"][1:])
        facts["curp"] = (f"C{index:017d}", *facts["curp"][1:])
        path = f"lote.zip!cert_{index:05d}.xml"
        batch.members.append(BatchMember(f"cert_{index:05d}.xml", path, "xml"))
        results.append(FileResult(path, [], facts=compact(facts) if compact else facts))
    plan.batches.append(batch)
    started = time.process_time()
    finish_batches(plan, results)
    return time.process_time() - started


REPEATS = 5


def bench_linear(rounds: int, out: list[str]) -> None:
    # Each side is the least of REPEATS runs: at 2,000 members the rules take ≈ 10 ms of CPU, so a
    # single preemption on a busy machine would move the ratio by more than the target's margin.
    for duplicates in (False, True):
        pairs = [
            (
                min(_batch_rule_seconds(2000, duplicates) for _ in range(REPEATS)),
                min(_batch_rule_seconds(10000, duplicates) for _ in range(REPEATS)),
            )
            for _ in range(rounds)
        ]
        label = "one folio shared by all" if duplicates else "distinct values"
        out.append(ratio_line(f"batch rules 10,000 / 2,000 members ({label}), CPU", pairs, "≤ 6"))


def bench_memory(rounds: int, out: list[str]) -> None:
    small, large = batch_zip(2000), batch_zip(10000)
    pairs = []
    for _ in range(rounds):
        peak_small, _ = peak_memory([MEC_LINT, "check", small, *OPTIONS])
        peak_large, _ = peak_memory([MEC_LINT, "check", large, *OPTIONS])
        pairs.append((peak_small, peak_large))
    ratios = [b / a for a, b in pairs]
    shown = ", ".join(f"{r:.2f}" for r in ratios)
    sizes = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in pairs)
    out.append(
        f"| peak memory 10,000 / 2,000 members | {statistics.median(ratios):.2f} | {shown} | {sizes} MB | ≤ 1.3 |"
    )


def bench_cold(rounds: int, out: list[str]) -> None:
    with zipfile.ZipFile(batch_zip(2000)) as archive:
        raw = archive.read(sorted(archive.namelist())[0])
    with tempfile.TemporaryDirectory() as folder:
        one = os.path.join(folder, "one.xml")
        with open(one, "wb") as handle:
            handle.write(raw)
        bare = [
            sys.executable,
            "-c",
            "import sys; from lxml import etree; "
            f"s = etree.XMLSchema(etree.parse({XSD!r})); "
            "r = etree.parse(sys.argv[1], etree.XMLParser(resolve_entities=False, no_network=True)); "
            "print(s.validate(r))",
            one,
        ]
        mec = [MEC_LINT, "check", one, "--upload-date", UPLOAD_DATE.isoformat()]
        pairs = paired(bare, mec, max(rounds, 5) * 2)
        out.append(ratio_line("cold `mec-lint check one.xml` / `python -c` lxml parse + XSD", pairs, "≤ 2"))


def big_certificate(subjects: int) -> bytes:
    """`subjects` subjects: every one with a type id not in the catalog (CAT001), two in three with
    a cycle not written AAAA-N (CIC001): 100,000 findings for 60,000 subjects."""
    from mec_lint.testing import make_certificate

    rows = [
        {
            "idAsignatura": str(1_000_000 + index),
            "ciclo": "2019" if index % 3 else "2019-1",
            "calificacion": "9.00",
            "idObservaciones": "100",
            "idTipoAsignatura": "999",
            "creditos": "7.00",
        }
        for index in range(subjects)
    ]
    return make_certificate(subjects=rows)


def cpu_of(command: list[str]) -> tuple[float, float]:
    """(wall, CPU of the child) seconds for one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[:3]} terminó con {done.returncode}: {done.stderr[-400:]!r}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_json(rounds: int, out: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "grande.xml")
        with open(path, "wb") as handle:
            handle.write(big_certificate(60_000))
        config = os.path.join(folder, "limits.yaml")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(
                "limits:\n  max-findings-per-code: 1000000\n  max-file-bytes: 50000000\n"
                "  max-elements: 100000\n  max-attributes: 1000000\n"
            )
        command = [MEC_LINT, "check", path, "--config", config, *OPTIONS]
        done = subprocess.run(command, capture_output=True, check=False)
        findings = done.stdout.count(b'"code": ')
        runs = [cpu_of(command) for _ in range(rounds)]
        shown = ", ".join(f"{cpu:.2f}" for _, cpu in runs)
        walls = ", ".join(f"{wall:.2f}" for wall, _ in runs)
        out.append(
            f"| 60,000 subjects, {findings:,} findings, `--format json`: CPU s of the whole run | "
            f"{statistics.median(cpu for _, cpu in runs):.2f} s | {shown} | wall {walls} s | ≤ 3 s |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="batch,linear,memory,cold,json")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    out = [
        f"Load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        "",
        "| measurement | median ratio | ratio per round | times per round (a/b) | target |",
        "|---|---:|---|---|---|",
    ]
    for name, function in (
        ("batch", bench_batch),
        ("linear", bench_linear),
        ("memory", bench_memory),
        ("cold", bench_cold),
        ("json", bench_json),
    ):
        if name in wanted:
            function(args.rounds, out)
            print(out[-1], file=sys.stderr, flush=True)
    out.append("")
    out.append(f"Load average at end: {os.getloadavg()[0]:.1f}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
