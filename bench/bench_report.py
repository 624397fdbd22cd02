"""Report benchmark: how long the text bitácora takes and how many lines it has, where users are.

    python bench/bench_report.py [--count 2000] [--runs 3]

Measures (by hand; no timing is asserted anywhere):
- a `--count`-member zip whose members all share one folioControl (LOT006 on every member, the
  "big folio" of issue reports): the lint itself (in-process, `--jobs 2`), then the text report,
  plain and coloured, at 80 and 200 columns: seconds and lines (aims: less time than the lint,
  fewer than 300 lines);
- `fixtures/samples` at 80 and 200 columns, plain and coloured: lines (aim: 80 columns at most
  twice the lines of 200 columns).
Prints a Markdown table (docs/performance.md holds the figures).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))

from bench.generate import UPLOAD_DATE, iter_certificates  # noqa: E402

FOLIO = re.compile(rb'folioControl="[^"]*"')


def shared_folio_zip(path: str, count: int) -> None:
    """`count` signed certificates (bench/generate.py) that all carry the same folioControl."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in iter_certificates(count):
            archive.writestr(name, FOLIO.sub(b'folioControl="UEC-2024-000001"', data, count=1))


def lint(paths: list[str], jobs: int = 2):  # type: ignore[no-untyped-def]
    from mec_lint.config import load_config
    from mec_lint.engine import Linter

    config = load_config({"upload_date": UPLOAD_DATE.isoformat(), "jobs": jobs}, discover=False)
    return Linter(config).run(paths)


def render(run, color: bool, width: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from mec_lint.formatters.text import render as render_text

    started = time.perf_counter()
    text = render_text(run, color=color, lang="es", width=width)
    return time.perf_counter() - started, text.count("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print("| input | what | 80 columns | 200 columns |")
    print("|---|---|---|---|")
    samples = os.path.join(HERE, os.pardir, "fixtures", "samples")
    run = lint([samples], jobs=1)
    for color in (False, True):
        narrow, wide = render(run, color, 80)[1], render(run, color, 200)[1]
        kind = "coloured" if color else "plain"
        print(f"| fixtures/samples | lines, {kind} | {narrow} | {wide} ({narrow / wide:.2f}×) |")

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"lote-{args.count}.zip")
        shared_folio_zip(path, args.count)
        lint_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run = lint([path])
            lint_times.append(time.perf_counter() - started)
        print(
            f"| {args.count}-member zip, one folioControl | lint (best of {args.runs}) | "
            f"{min(lint_times):.2f} s | |"
        )
        for color in (False, True):
            cells = []
            for width in (80, 200):
                seconds = min(render(run, color, width)[0] for _ in range(args.runs))
                lines = render(run, color, width)[1]
                cells.append(f"{seconds:.3f} s, {lines} lines")
            kind = "coloured" if color else "plain"
            print(
                f"| {args.count}-member zip, one folioControl | text report, {kind} | {cells[0]} | {cells[1]} |"
            )


if __name__ == "__main__":
    main()
