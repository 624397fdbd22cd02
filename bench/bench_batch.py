"""Batch benchmark: mec-lint on a .zip of signed certificates, side by side with xmllint.

    python bench/bench_batch.py [--count 2000] [--sizes 500,1000,2000] [--runs 3] [--jobs 2]

Measures, in the same run and on the same machine:
- `xmllint --noout --schema mec_lint/data/dec-3.0.xsd` over the same certificates (extracted to
  a temporary folder for xmllint only), and full `mec-lint check lote.zip --jobs N`; their
  throughput ratio (target: mec-lint ≥ 0.8× xmllint);
- the floor of the stack (`bench/floor.py`: Python + lxml doing only xmllint's work, read +
  parse + XSD in N processes) and the CPU per certificate it leaves for rules at 0.8×;
- the cost per stage (read, parse, schema, rules, seal, facts, batch rules), timed in-process;
- a single certificate from a cold start (`mec-lint check one.xml`, target ≤ 250 ms);
- peak memory of the whole process tree (main + workers) for growing batches (target ≤ 200 MB,
  flat as the batch grows);
- certificates per second and per-file latency.
Prints a Markdown report (docs/performance.md holds the figures). No timing is asserted anywhere.
xmllint comes from Debian's libxml2-utils (`apt-get install libxml2-utils`), for benchmarks only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))

from bench.generate import UPLOAD_DATE, write_zip  # noqa: E402

XSD = os.path.join(HERE, os.pardir, "mec_lint", "data", "dec-3.0.xsd")
WORK = os.path.join(tempfile.gettempdir(), "mec-lint-bench")
MEC_LINT = shutil.which("mec-lint") or "mec-lint"


def batch_zip(count: int) -> str:
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"lote-{count}.zip")
    if not os.path.exists(path):
        write_zip(path, count)
    return path


def best_wall(command: list[str], runs: int) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    times = []
    done: subprocess.CompletedProcess[bytes] | None = None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    assert done is not None
    return min(times), done


def _memory_kib(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), else RSS."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="ascii") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_rss_kib(root: int) -> int:
    """Memory of `root` and all its descendants (KiB, PSS where available), from /proc."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parts = handle.read().rsplit(")", 1)[1].split()
            children[int(parts[1])].append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        total += _memory_kib(pid)
    return total


def peak_memory(command: list[str]) -> tuple[float, float]:
    """(peak MB of the whole process tree, wall seconds) for one run, sampled every 20 ms."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    started = time.perf_counter()
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    return peak / 1024, wall


def stages(zip_path: str) -> tuple[dict[str, float], list[float], int]:
    """Seconds per stage over the whole batch, in this process, serially; plus per-file totals."""
    from mec_lint.archive import read_member, scan
    from mec_lint.batch import extract_facts
    from mec_lint.config import Config
    from mec_lint.context import Context
    from mec_lint.engine import Linter
    from mec_lint.runner import build_plan, finish_batches
    from mec_lint.schema import load_schema
    from mec_lint.xmldoc import XmlDocument, parse

    config = Config(upload_date=UPLOAD_DATE, jobs=1)
    linter = Linter(config)
    load_schema(None)
    cost: dict[str, float] = defaultdict(float)
    per_file: list[float] = []
    clock = time.perf_counter
    with open(zip_path, "rb") as handle:
        result = scan(handle, config.limits)
        members = [m for m in result.members if m.readable]
        for member in members:
            t0 = clock()
            raw = read_member(result, member, config.limits)
            t1 = clock()
            assert isinstance(raw, bytes)
            doc = parse(member.name, raw)
            t2 = clock()
            assert isinstance(doc, XmlDocument)
            ctx = Context(config, linter.catalogs, member.name, doc=doc)
            for checker in linter.xml_checkers:
                start = clock()
                list(checker.check(doc, ctx))
                name = checker.module.rsplit(".", 1)[-1]
                stage = "schema" if name == "xsd" else "seal" if name == "sello" else "rules"
                cost[stage] += clock() - start
            t3 = clock()
            extract_facts(doc)
            t4 = clock()
            cost["read"] += t1 - t0
            cost["parse"] += t2 - t1
            cost["facts"] += t4 - t3
            per_file.append(t4 - t0)
        result.close()
    from mec_lint.inputs import Source

    plan = build_plan(linter, [Source(zip_path, zip_path, "zip")])
    run_result = linter.run([zip_path])  # serial: the facts the batch rules read
    start = clock()
    finish_batches(plan, run_result.files)
    cost["batch rules"] = clock() - start
    plan.close()
    return dict(cost), per_file, len(members)


def main() -> None:
    parser = argparse.ArgumentParser(description="mec-lint batch benchmark")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cold-runs", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("xmllint") is None:
        sys.exit("xmllint no está instalado: apt-get install libxml2-utils (sólo para el benchmark)")
    count = args.count
    zip_path = batch_zip(count)
    upload = ["--upload-date", UPLOAD_DATE.isoformat(), "--no-progress", "-f", "json"]
    lines: list[str] = []
    out = lines.append
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    xmllint_version = subprocess.run(["xmllint", "--version"], capture_output=True, text=True).stderr.split(
        "\n"
    )[0]
    out(
        f"Machine: {platform.machine()}, {cpus} CPU(s), Python {platform.python_version()}, {xmllint_version}"
    )
    out(f"Batch: {count} signed certificates, 60 subjects each, {os.path.getsize(zip_path) / 1e6:.1f} MB zip")
    out("")

    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder)  # for xmllint only; mec-lint reads the zip in memory
            names = [os.path.join(folder, n) for n in sorted(archive.namelist())]
        t_xmllint, done = best_wall(["xmllint", "--noout", "--schema", XSD, *names], args.runs)
        assert done.returncode == 0, done.stderr[-500:]
    t_mec, done = best_wall([MEC_LINT, "check", zip_path, "--jobs", str(args.jobs), *upload], args.runs)
    summary = done.stdout.decode()[:200].replace("\n", " ")
    t_mec1, _ = best_wall([MEC_LINT, "check", zip_path, "--jobs", "1", *upload], 1)
    floor_command = [sys.executable, os.path.join(HERE, "floor.py"), zip_path, "--jobs", str(args.jobs)]
    t_floor, floor_done = best_wall(floor_command, args.runs)
    assert floor_done.returncode == 0, floor_done.stderr[-500:]
    rate_x, rate_m, rate_m1 = count / t_xmllint, count / t_mec, count / t_mec1
    rate_f = count / t_floor
    out(f"| tool | wall (best of {args.runs}) | certificates/s | vs xmllint |")
    out("|---|---:|---:|---:|")
    out(f"| xmllint --noout --schema (1 process) | {t_xmllint:.2f} s | {rate_x:.0f} | 1.00× |")
    out(
        f"| floor: Python + lxml, read + parse + XSD only, {args.jobs} processes (bench/floor.py) "
        f"| {t_floor:.2f} s | {rate_f:.0f} | {rate_f / rate_x:.2f}× |"
    )
    out(
        f"| mec-lint check lote.zip --jobs {args.jobs} | {t_mec:.2f} s | {rate_m:.0f} | {rate_m / rate_x:.2f}× |"
    )
    out(f"| mec-lint check lote.zip --jobs 1 | {t_mec1:.2f} s | {rate_m1:.0f} | {rate_m1 / rate_x:.2f}× |")
    out("")
    target_wall = t_xmllint / 0.8
    room_ms = (target_wall - t_floor) * args.jobs / count * 1000
    out(
        f"At 0.8× xmllint the whole run may take {target_wall:.2f} s; the floor alone takes "
        f"{t_floor:.2f} s, which leaves {max(room_ms, 0):.3f} ms of CPU per certificate "
        f"({args.jobs} processes) for everything mec-lint adds: rules, seal (an RSA-2048 "
        "verification each), report, CLI start-up."
    )
    out("")
    out(f"mec-lint exit code {done.returncode}; output starts: `{summary[:120]}`")
    out("")

    cost, per_file, members = stages(zip_path)
    total = sum(cost.values())
    out("Per-stage cost, one process, serial (in-process timing):")
    out("")
    out("| stage | total | per certificate | share |")
    out("|---|---:|---:|---:|")
    for stage in ("read", "parse", "schema", "rules", "seal", "facts", "batch rules"):
        seconds = cost.get(stage, 0.0)
        out(f"| {stage} | {seconds:.2f} s | {seconds / members * 1000:.2f} ms | {seconds / total:.0%} |")
    out(f"| total | {total:.2f} s | {total / members * 1000:.2f} ms | 100% |")
    out("")
    per_ms = sorted(t * 1000 for t in per_file)
    p95 = per_ms[int(len(per_ms) * 0.95) - 1]
    out(
        f"Per-file latency (read → facts, one process): median {statistics.median(per_ms):.2f} ms, "
        f"p95 {p95:.2f} ms, max {per_ms[-1]:.2f} ms"
    )
    out("")

    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(zip_path) as archive:
            one = os.path.join(folder, "one.xml")
            with open(one, "wb") as handle:
                handle.write(archive.read(sorted(archive.namelist())[0]))
        cold = []
        for _ in range(args.cold_runs):
            started = time.perf_counter()
            subprocess.run(
                [MEC_LINT, "check", one, "--upload-date", UPLOAD_DATE.isoformat()], capture_output=True
            )
            cold.append(time.perf_counter() - started)
    out(
        f"Single certificate, cold start (`mec-lint check one.xml`, {args.cold_runs} runs): "
        f"median {statistics.median(cold) * 1000:.0f} ms, best {min(cold) * 1000:.0f} ms"
    )
    out("")
    out(
        f"| batch | peak memory (PSS), main + workers, --jobs {args.jobs} | wall (sampled run) | certificates/s |"
    )
    out("|---:|---:|---:|---:|")
    for size in [int(s) for s in args.sizes.split(",") if s]:
        path = batch_zip(size)
        peak, wall = peak_memory([MEC_LINT, "check", path, "--jobs", str(args.jobs), *upload])
        out(f"| {size} | {peak:.0f} MB | {wall:.2f} s | {size / wall:.0f} |")
    out("")
    out(f"Measured {dt.datetime.now():%Y-%m-%d %H:%M}.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
