"""The floor of the design: what Python + lxml cost when they do only what xmllint does.

    python bench/floor.py lote.zip [--jobs 2]

Reads every member of the zip, parses it with the same parser settings mec-lint uses and
validates it against the bundled XSD, in `--jobs` forked processes (the schema compiled once,
before the fork). No rule, no seal, no report, no CLI: nothing mec-lint adds. Its wall time,
beside xmllint's over the same certificates, bounds from above the throughput any full lint
written on this stack can reach on this machine (bench_batch.py prints both).

Imports only the standard library and lxml, so its start-up is the interpreter's and lxml's.
"""

from __future__ import annotations

import argparse
import os
import sys
import zipfile

from lxml import etree

XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "mec_lint", "data", "dec-3.0.xsd")


def _parser() -> etree.XMLParser:
    # The same settings as mec_lint.xmldoc.make_parser (no network, no DTD, no entities).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, collect_ids=False
    )


def validate_share(path: str, names: list[str], schema: etree.XMLSchema) -> int:
    """Parse and validate `names` from the zip; the number of invalid certificates."""
    invalid = 0
    with zipfile.ZipFile(path) as archive:
        for name in names:
            try:
                root = etree.fromstring(archive.read(name), _parser())
            except etree.XMLSyntaxError:
                invalid += 1
                continue
            if not schema.validate(root):
                invalid += 1
    return invalid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("zip")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    schema = etree.XMLSchema(etree.parse(XSD))
    with zipfile.ZipFile(args.zip) as archive:
        names = sorted(n for n in archive.namelist() if n.lower().endswith(".xml"))
    jobs = max(1, args.jobs)
    if jobs == 1:
        invalid = validate_share(args.zip, names, schema)
    else:
        children = []
        for index in range(jobs):
            pid = os.fork()
            if pid == 0:  # a worker: its share, then its count of invalid files as exit status
                os._exit(min(validate_share(args.zip, names[index::jobs], schema), 255))
            children.append(pid)
        invalid = sum(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children)
    print(f"{len(names)} certificados, {invalid} inválidos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
