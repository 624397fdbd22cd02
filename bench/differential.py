"""Differential check: the findings of two versions of mec-lint over the same documents.

    python bench/differential.py corpus /tmp/diff/corpus          # write the documents once
    MEC_LINT_TREE=/path/to/old python bench/differential.py dump /tmp/diff/corpus /tmp/diff/old.json
    (an old checkout: `git archive <commit> | tar -x -C old && ln -s ../rules old/mec_lint/rules`)
    python bench/differential.py dump /tmp/diff/corpus /tmp/diff/new.json
    python bench/differential.py compare /tmp/diff/old.json /tmp/diff/new.json [NEWCODE ...]

The corpus: every fixture (rules, samples), 300 generated signed certificates (bench/generate.py)
and 3,000 mutations of them (attributes emptied, changed, removed, duplicated, subjects removed,
duplicated or moved, nodes reordered), written to disk so both versions read the same bytes.
`dump` lints each document in-process under two configurations (defaults; English messages with
--select of every code) and records, per document, the JSON findings, `codes_ran` and the batch
facts. `compare` prints every document whose record differs. A refactor that claims "no finding
lost or changed" must compare equal (intended changes are listed and explained instead).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import sys
from typing import Any

UPLOAD_DATE = dt.date(2024, 9, 1)

VALUES = ("", " ", "abc", "-1", "0", "10.5", " 9.00", "9,00", "2019-13", "2019-3", "AC", "100", "263",
          "266", "7.00", "99999999", "1e3", "NaN", "ÚNICO", "2024-08-32T00:00:00", "2030-01-01T00:00:00",
          "AAAA010101HDFXXX09", "09", "5", "3.0")  # fmt: skip


def _mutate(raw: bytes, rng: random.Random) -> bytes:
    from lxml import etree

    root = etree.fromstring(raw)
    elements = list(root.iter(tag=etree.Element))
    subjects = [e for e in elements if e.tag.endswith("}Asignatura")]
    for _ in range(rng.choice((1, 1, 2, 3))):
        kind = rng.randrange(8)
        element = rng.choice(elements)
        if kind <= 2 and element.attrib:  # change a value
            element.set(rng.choice(sorted(element.attrib)), rng.choice(VALUES))
        elif kind == 3 and element.attrib:  # remove an attribute
            del element.attrib[rng.choice(sorted(element.attrib))]
        elif kind == 4 and subjects:  # duplicate or remove a subject
            subject = rng.choice(subjects)
            parent = subject.getparent()
            if parent is not None:
                if rng.random() < 0.5:
                    parent.append(etree.fromstring(etree.tostring(subject)))
                elif len(subjects) > 1:
                    parent.remove(subject)
                    subjects.remove(subject)
        elif kind == 5 and subjects:  # swap two subjects' cycles
            a, b = rng.choice(subjects), rng.choice(subjects)
            ca, cb = a.get("ciclo"), b.get("ciclo")
            if ca is not None and cb is not None:
                a.set("ciclo", cb)
                b.set("ciclo", ca)
        elif kind == 6:  # an unknown attribute
            element.set("extra", rng.choice(VALUES))
        else:  # a changed total
            summary = next((e for e in elements if e.tag.endswith("}Asignaturas")), None)
            if summary is not None:
                name = rng.choice(("total", "asignadas", "promedio", "totalCreditos", "numeroCiclos"))
                summary.set(name, rng.choice(VALUES))
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return body


def make_corpus(folder: str) -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    from generate import certificate, make_signer  # type: ignore[import-not-found]

    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "generated"))
    repo = os.path.dirname(here)
    for base, _dirs, files in os.walk(os.path.join(repo, "fixtures")):
        for name in files:
            if name.endswith((".xml", ".zip")):
                source = os.path.join(base, name)
                target = os.path.join(
                    folder, "fixtures", os.path.relpath(source, os.path.join(repo, "fixtures"))
                )
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(source, target)
    signer = make_signer()
    rng = random.Random(20261202)
    originals = []
    for i in range(300):
        raw = certificate(i, signer)
        originals.append(raw)
        with open(os.path.join(folder, "generated", f"g{i:04d}.xml"), "wb") as handle:
            handle.write(raw)
    for i in range(3000):
        raw = _mutate(rng.choice(originals), rng)
        with open(os.path.join(folder, "generated", f"m{i:04d}.xml"), "wb") as handle:
            handle.write(raw)


def _use_tree(root: str) -> None:
    """Import mec_lint from the checkout `root` (its rules/ linked as mec_lint/rules), not from
    the editable install this venv has (whose import hook would win over sys.path)."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
    sys.path.insert(0, root)


def dump(folder: str, out: str) -> None:
    if os.environ.get("MEC_LINT_TREE"):
        _use_tree(os.environ["MEC_LINT_TREE"])
    import mec_lint
    from mec_lint.config import Config
    from mec_lint.engine import Linter

    print("mec_lint from", os.path.dirname(mec_lint.__file__), file=sys.stderr)
    paths = sorted(
        os.path.join(base, name)
        for base, _dirs, files in os.walk(folder)
        for name in files
        if name.endswith((".xml", ".zip"))
    )
    record: dict[str, Any] = {}
    for label, config in (
        ("default", Config(upload_date=UPLOAD_DATE, jobs=1)),
        ("en", Config(upload_date=UPLOAD_DATE, jobs=1, lang="en")),
    ):
        linter = Linter(config)
        for path in paths:
            run = linter.run([path])
            key = f"{label}:{os.path.relpath(path, folder)}"
            record[key] = {
                "findings": [f.to_dict() for f in run.findings],
                "files": [
                    [r.path, list(r.codes_ran), None if r.facts is None else dict(r.facts)] for r in run.files
                ],
                "exit": run.exit_code,
            }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(record, handle, ensure_ascii=False, sort_keys=True, default=str)
    print(f"{len(record)} records -> {out}", file=sys.stderr)


def compare(old_path: str, new_path: str, new_codes: frozenset[str] = frozenset()) -> int:
    """`new_codes`: codes only the new version has, left out of `codes_ran` (their findings count)."""
    with open(old_path, encoding="utf-8") as handle:
        old = json.load(handle)
    with open(new_path, encoding="utf-8") as handle:
        new = json.load(handle)
    for entry in new.values():
        for file in entry["files"]:
            file[1] = [code for code in file[1] if code not in new_codes]
    differ = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    other = 0
    for key in differ:
        a, b = old.get(key) or {}, new.get(key) or {}
        fa = {json.dumps(f, sort_keys=True) for f in a.get("findings", [])}
        fb = {json.dumps(f, sort_keys=True) for f in b.get("findings", [])}
        if fa == fb:
            other += 1
            if other <= 5:
                print(f"== {key}: same findings; codes_ran, facts, order or exit code differ")
            continue
        print(f"== {key}")
        for item in sorted(fa - fb):
            print("  - " + item[:300])
        for item in sorted(fb - fa):
            print("  + " + item[:300])
    print(f"{len(old)} vs {len(new)} records, {len(differ)} differ ({other} with the same findings)")
    return 1 if differ else 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "corpus":
        make_corpus(sys.argv[2])
    elif command == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif command == "compare":
        new_codes = frozenset(",".join(sys.argv[4:]).replace(",", " ").split())
        return compare(sys.argv[2], sys.argv[3], new_codes)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
