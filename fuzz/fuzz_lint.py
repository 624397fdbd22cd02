"""Coverage-guided fuzzing of mec-lint with atheris (libFuzzer for Python).

    pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=60 fuzz/corpus        # bounded run
    python fuzz/fuzz_lint.py -runs=20000                            # a fixed number of inputs

Each input is linted as a certificate (.xml), a batch (.zip) and a layout (.xlsx) through the
engine, in memory. The invariants: no exception escapes the engine, every finding serialises to
the JSON contract, and every finding carries a code, a severity and a non-empty message. A crash
makes libFuzzer stop and write the input to crash-<hash> (reproduce: python fuzz/fuzz_lint.py FILE).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

import atheris

with atheris.instrument_imports():
    from mec_lint.config import Config
    from mec_lint.engine import Linter
    from mec_lint.findings import FINDING_KEYS

LINTER = Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=1))


def check(data: bytes) -> None:
    results = [LINTER.lint_xml("fuzz.xml", data)]
    results.extend(LINTER.lint_zip("fuzz.zip", data))
    results.append(LINTER.lint_workbook("fuzz.xlsx", data))
    for result in results:
        for finding in result.findings:
            record = finding.to_dict()
            assert list(record) == list(FINDING_KEYS)
            assert finding.message and finding.code
            json.dumps(record, ensure_ascii=False)


def main() -> None:
    seeds = os.path.join(os.path.dirname(__file__), "corpus")
    argv = list(sys.argv)
    if os.path.isdir(seeds) and not any(not a.startswith("-") for a in argv[1:]):
        argv.append(seeds)
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
