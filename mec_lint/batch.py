"""What batch rules (SCOPE = BATCH) receive: the members of one zip or --batch folder and their facts.

Facts are extracted in the worker that parsed the certificate (`extract_facts`): a small,
picklable dict of the few values cross-file rules compare, each with its line and XPath, so
batch rules never need the parsed trees and memory stays flat however big the batch is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from mec_lint.results import share_fact
from mec_lint.xmldoc import XmlDocument

# fact key -> (element local name, attribute)
FACT_FIELDS: dict[str, tuple[str, str]] = {
    "folioControl": ("Dec", "folioControl"),
    "noCertificadoResponsable": ("Dec", "noCertificadoResponsable"),
    "idEntidad": ("ServicioFirmante", "idEntidad"),
    "idNombreInstitucion": ("Ipes", "idNombreInstitucion"),
    "idCampus": ("Ipes", "idCampus"),
    "responsableCurp": ("Responsable", "curp"),
    "idCarrera": ("Carrera", "idCarrera"),
    "curp": ("Alumno", "curp"),
    "numeroControl": ("Alumno", "numeroControl"),
}
NAME_PARTS = (("Alumno", "primerApellido"), ("Alumno", "segundoApellido"), ("Alumno", "nombre"))


class Fact(NamedTuple):
    value: str
    line: int | None
    xpath: str | None
    element: str
    attribute: str


def extract_facts(doc: XmlDocument) -> dict[str, Any]:
    """{key: (value, line, xpath)} for every FACT_FIELDS value present, plus the student's name."""
    facts: dict[str, Any] = {}
    elements: dict[str, Any] = {}
    for key, (name, attribute) in FACT_FIELDS.items():
        element = elements.get(name)
        if element is None:
            element = elements[name] = doc.first(name)
        if element is None:
            continue
        value = element.get(attribute)
        if value is None:
            continue
        line = doc.line_of(element, attribute)
        facts[key] = share_fact((value, line, doc.xpath_of(element)))  # equal facts: one object
    alumno = elements.get("Alumno")
    if alumno is not None:
        facts["alumno"] = " ".join(v for v in (alumno.get(a) for _, a in NAME_PARTS) if v)
    return facts


@dataclass(slots=True)  # one per zip member: no per-object __dict__
class BatchMember:
    """One entry of a batch: a certificate (kind "xml") or something else the zip holds."""

    name: str  # the member name inside the zip, or the path relative to the folder
    path: str  # the path findings carry: lote.zip!cert_001.xml
    kind: str  # xml | dir | other | os | refused
    facts: dict[str, Any] | None = None  # None when the certificate could not be parsed

    def fact(self, key: str) -> Fact | None:
        if not self.facts or key not in self.facts or key not in FACT_FIELDS:
            return None
        value, line, xpath = self.facts[key]
        element, attribute = FACT_FIELDS[key]
        return Fact(value, line, xpath, element, attribute)

    def value(self, key: str) -> str | None:
        facts = self.facts
        if not facts or key not in FACT_FIELDS:
            return None
        entry = facts.get(key)
        return None if entry is None else str(entry[0]).strip()

    @property
    def student(self) -> str:
        return str((self.facts or {}).get("alumno", ""))


@dataclass
class Batch:
    path: str  # the zip as given (lote.zip) or the folder
    kind: str  # "zip" | "folder"
    members: list[BatchMember] = field(default_factory=list)

    @property
    def certificates(self) -> list[BatchMember]:
        """The XML members, in name order."""
        return [m for m in self.members if m.kind == "xml"]

    @property
    def parsed(self) -> list[BatchMember]:
        """Certificates whose facts are known (the ones that parsed)."""
        return [m for m in self.members if m.kind == "xml" and m.facts is not None]


def report_at(ctx: Any, rule: Any, message_id: str, member: BatchMember, fact: Fact, **data: Any) -> Any:
    """A finding on `member`'s file at the element that holds `fact`."""
    return ctx.report(
        rule,
        message_id,
        attribute=fact.attribute,
        value=fact.value,
        path=member.path,
        line=fact.line,
        xpath=fact.xpath,
        element_name=fact.element,
        **data,
    )


def others_text(
    members: list[BatchMember], lang: str = "es", limit: int = 5, excluding: BatchMember | None = None
) -> str:
    """'a.xml, b.xml y 3 más' for messages that name the other files (`members` but `excluding`,
    which must be one of them).

    Reads at most `limit + 1` members whatever the group's size: a finding per member of a group
    of 10,000 duplicates stays linear, not quadratic."""
    names: list[str] = []
    for member in members:
        if member is excluding:
            continue
        names.append(member.name)
        if len(names) > limit:
            break
    total = len(members) - (0 if excluding is None else 1)  # `excluding` is one of `members`
    if total <= limit:
        return ", ".join(names[:total])
    more = "and {n} more" if lang == "en" else "y {n} más"
    return ", ".join(names[:limit]) + " " + more.format(n=total - limit)


def majority(members: list[BatchMember], key: str) -> str | None:
    """The value most certificates carry for `key` (ties: the first in name order)."""
    counts: dict[str, int] = {}
    for member in members:
        value = member.value(key)
        if value:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return next(value for value, count in counts.items() if count == best)
