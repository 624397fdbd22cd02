"""Findings shared by many files, for the reports people read (text, github, html).

A finding identical but for its file (the same code, severity, node, attribute, value and expected
value) in `GROUP_MIN` or more files — e.g. one `folioControl` shared by every member of a lote — is
reported once, with the number of files and the first `GROUP_NAMES` names. Machine formats (json,
sarif, csv, junit, xlsx) keep one finding per file.
"""

from __future__ import annotations

from typing import Any

from mec_lint.findings import Finding, Severity
from mec_lint.record import Record

GROUP_MIN = 5  # a finding identical in at least this many files is reported once
GROUP_NAMES = 3  # names of the files shown for a shared finding

WORDS = {
    "es": {
        "shared_in": "en {n} archivos: {names}",
        "shared_in_archive": "en {n} archivos de {archive}: {names}",
        "more": "y {n} más",
    },
    "en": {
        "shared_in": "in {n} files: {names}",
        "shared_in_archive": "in {n} files of {archive}: {names}",
        "more": "and {n} more",
    },
}


class Shared(Record):
    """One finding as it appears, identical, in many files."""

    __slots__ = ("finding", "paths", "findings")

    def __init__(
        self,
        finding: Finding,  # the first (in path order)
        paths: list[str],  # the files, each once, in order
        findings: list[Finding] | None = None,  # every file's own finding (its line)
    ) -> None:
        self.finding = finding
        self.paths = paths
        self.findings: list[Finding] = [] if findings is None else findings


def _shared_key(f: Finding) -> tuple[Any, ...]:
    return (f.code, f.severity, f.xpath or f.element, f.attribute, f.value, f.expected, f.sheet, f.cell)


def split_shared(findings: list[Finding], minimum: int = GROUP_MIN) -> tuple[list[Shared], list[Finding]]:
    """Findings identical (but for the file) in `minimum` or more files, and the rest, in order."""
    by_key: dict[tuple[Any, ...], list[Finding]] = {}
    for finding in findings:
        by_key.setdefault(_shared_key(finding), []).append(finding)
    shared: list[Shared] = []
    grouped: set[int] = set()
    for group in by_key.values():
        paths = list(dict.fromkeys(f.path for f in group))
        if len(paths) >= minimum:
            shared.append(Shared(group[0], paths, group))
            grouped.update(id(f) for f in group)
    rest = [f for f in findings if id(f) not in grouped] if grouped else findings
    shared.sort(key=lambda s: (s.finding.severity is not Severity.ERROR, -len(s.paths), s.finding.code))
    return shared, rest


def common_archive(paths: list[str]) -> str:
    """`lote.zip` when every path is a member of that one archive (`lote.zip!cert.xml`), else ""."""
    archive = paths[0].rpartition("!")[0]
    if archive and all(path.startswith(archive + "!") for path in paths):
        return archive
    return ""


def short_name(path: str, archive: str) -> str:
    """A member's name without its archive (`cert.xml` for `lote.zip!cert.xml`) when `archive` is given."""
    return path[len(archive) + 1 :] if archive else path


def shared_where(group: Shared, lang: str) -> str:
    """`en 2000 archivos de lote.zip: a.xml, b.xml, c.xml y 1997 más` (the count and the first names)."""
    words = WORDS.get(lang, WORDS["es"])
    archive = common_archive(group.paths)
    names = ", ".join(short_name(path, archive) for path in group.paths[:GROUP_NAMES])
    if len(group.paths) > GROUP_NAMES:
        names += " " + words["more"].format(n=len(group.paths) - GROUP_NAMES)
    template = words["shared_in_archive"] if archive else words["shared_in"]
    return template.format(n=len(group.paths), names=names, archive=archive)


def only_shared_paths(shared: list[Shared], rest: list[Finding]) -> set[str]:
    """The files whose every finding is a shared one (listed with the shared finding, not one by one)."""
    return {path for group in shared for path in group.paths} - {f.path for f in rest}
