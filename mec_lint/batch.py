"""What batch rules (SCOPE = BATCH) receive: the members of one zip or --batch folder and their facts.

Facts are extracted in the worker that parsed the certificate (`extract_facts`): a small,
picklable mapping of the few values cross-file rules compare, each with its line and XPath, so
batch rules never need the parsed trees and memory stays flat however big the batch is. A run
keeps every certificate's facts until the batch rules run: `Facts` holds the values packed in
one string plus a tuple of places (line, XPath) that the certificates of a batch share.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from mec_lint.record import Record
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


# (The functional form: class-body annotations are strings here, compiled by typing at import.)
Fact = NamedTuple(  # noqa: UP014 - see above
    "Fact",
    [("value", str), ("line", int | None), ("xpath", str | None), ("element", str), ("attribute", str)],
)


FACT_KEYS = (*FACT_FIELDS, "alumno")  # the keys of a certificate's facts, in this order
_INDEX = {key: index for index, key in enumerate(FACT_KEYS)}
_PLACE_KEYS = len(FACT_FIELDS)
_FIELD_INDEX = {key: index for index, key in enumerate(FACT_FIELDS)}  # the keys batch rules compare


class Facts(Mapping[str, Any]):
    """{key: (value, line, xpath)} for every FACT_FIELDS value present, plus "alumno" (the student's
    name), read like a dict. Stored compact, because a run keeps every certificate's facts until
    the batch rules: the values packed in one string (`_pack`: where each value ends, then the
    values, in FACT_KEYS order) and the places — line, XPath — one tuple shared by every
    certificate whose facts sit at the same lines and XPaths. About 230 bytes a certificate
    instead of ≈ 440 as a tuple of ten strings."""

    __slots__ = ("_places", "_text")

    def __init__(
        self, values: tuple[str | None, ...], places: tuple[tuple[int | None, str | None] | None, ...]
    ) -> None:
        self._text = _pack(values)
        self._places = _shared_places(places)

    @classmethod
    def from_dict(cls, facts: Mapping[str, Any]) -> Facts:
        """Facts from a {key: (value, line, xpath), "alumno": name} dict (unknown keys are not kept)."""
        values: list[str | None] = [None] * len(FACT_KEYS)
        places: list[tuple[int | None, str | None] | None] = [None] * _PLACE_KEYS
        for key, entry in facts.items():
            index = _INDEX.get(key)
            if index is None:
                continue
            if index < _PLACE_KEYS:
                values[index], line, xpath = entry
                places[index] = (line, xpath)
            else:
                values[index] = entry
        return cls(tuple(values), tuple(places))

    def __getitem__(self, key: str) -> Any:
        index = _INDEX.get(key)
        value = None if index is None else self._at(index)
        if value is None:
            raise KeyError(key)
        if index is None or index >= _PLACE_KEYS:
            return value
        place = self._places[index]
        assert place is not None
        return (value, *place)

    def _at(self, index: int) -> str | None:
        text = self._text
        value = text[_HEADER + ord(text[index]) : _HEADER + ord(text[index + 1])]
        return None if value == _ABSENT else value

    def value(self, key: str) -> str | None:
        """The value of `key` alone (no tuple built): what batch rules compare, member after member."""
        index = _INDEX.get(key)
        if index is None:
            return None
        text = self._text
        value = text[_HEADER + ord(text[index]) : _HEADER + ord(text[index + 1])]
        return None if value == _ABSENT else value

    def __bool__(self) -> bool:
        return any(self._at(index) is not None for index in range(len(FACT_KEYS)))

    def __iter__(self) -> Iterator[str]:
        return (key for index, key in enumerate(FACT_KEYS) if self._at(index) is not None)

    def __len__(self) -> int:
        return sum(1 for index in range(len(FACT_KEYS)) if self._at(index) is not None)

    def __contains__(self, key: object) -> bool:
        index = _INDEX.get(key) if isinstance(key, str) else None
        return index is not None and self._at(index) is not None

    def __repr__(self) -> str:
        return f"Facts({dict(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unpickle_facts, (self._text, self._places))  # the places shared again on the other side


_ABSENT = "\x00"  # stands for a missing value: never a value (XML cannot hold U+0000, even as &#0;)
_HEADER = len(FACT_KEYS) + 1  # characters before the values: where each value starts, then the end


def _pack(values: tuple[str | None, ...]) -> str:
    """One string: _HEADER characters whose code points say where each value starts (and the last
    one ends), counted from the first value, then the values; an absent value is _ABSENT. The values
    of a usual certificate take under 128 characters: the string is then plain ASCII (one byte per
    character, the smallest header CPython has)."""
    if len(values) != len(FACT_KEYS):
        raise ValueError(f"{len(FACT_KEYS)} valores esperados, {len(values)} recibidos")
    parts: list[str] = []
    offsets = [0]
    for value in values:
        if value is None:
            value = _ABSENT
        elif not isinstance(value, str) or value == _ABSENT:
            raise ValueError(f"valor de hecho no válido: {value!r}")
        parts.append(value)
        offsets.append(offsets[-1] + len(value))
    return "".join(map(chr, offsets)) + "".join(parts)


def _unpickle_facts(text: str, places: tuple[Any, ...]) -> Facts:
    facts = Facts.__new__(Facts)
    facts._text = text
    facts._places = _shared_places(places)
    return facts


_SHARED_PLACES: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_SHARED_LIMIT = 4096  # distinct places kept for sharing; past it new ones stay as they are


def _shared_places(places: tuple[Any, ...]) -> tuple[Any, ...]:
    shared = _SHARED_PLACES.get(places)
    if shared is not None:
        return shared
    if len(_SHARED_PLACES) < _SHARED_LIMIT:
        places = tuple(
            p if p is None or not isinstance(p[1], str) else (p[0], sys.intern(p[1])) for p in places
        )
        _SHARED_PLACES[places] = places
    return places


def extract_facts(doc: XmlDocument) -> Facts:
    """The facts of one certificate (`Facts`): FACT_FIELDS values with their line and XPath."""
    values: list[str | None] = [None] * len(FACT_KEYS)
    places: list[tuple[int | None, str | None] | None] = [None] * _PLACE_KEYS
    elements: dict[str, Any] = {}
    for index, (name, attribute) in enumerate(FACT_FIELDS.values()):
        element = elements.get(name)
        if element is None:
            element = elements[name] = doc.first(name)
        if element is None:
            continue
        value = element.get(attribute)
        if value is None:
            continue
        values[index] = value
        places[index] = (doc.line_of(element, attribute), doc.xpath_of(element))
    alumno = elements.get("Alumno")
    if alumno is not None:
        values[_PLACE_KEYS] = " ".join(v for v in (alumno.get(a) for _, a in NAME_PARTS) if v)
    return Facts(tuple(values), tuple(places))


class BatchMember(Record):
    """One entry of a batch: a certificate (kind "xml") or something else the zip holds."""

    __slots__ = ("name", "path", "kind", "facts")

    def __init__(
        self,
        name: str,  # the member name inside the zip, or the path relative to the folder
        path: str,  # the path findings carry: lote.zip!cert_001.xml
        kind: str,  # xml | dir | other | os | refused
        facts: Mapping[str, Any] | None = None,  # None when the certificate could not be parsed
    ) -> None:
        self.name = name
        self.path = path
        self.kind = kind
        self.facts = facts

    def fact(self, key: str) -> Fact | None:
        if not self.facts or key not in self.facts or key not in FACT_FIELDS:
            return None
        value, line, xpath = self.facts[key]
        element, attribute = FACT_FIELDS[key]
        return Fact(value, line, xpath, element, attribute)

    def value(self, key: str) -> str | None:
        facts = self.facts
        index = _FIELD_INDEX.get(key)
        if facts is None or index is None:
            return None
        if type(facts) is Facts:  # the compact form every run builds, read in place (`Facts.value`)
            text = facts._text
            raw: Any = text[_HEADER + ord(text[index]) : _HEADER + ord(text[index + 1])]
            if raw == _ABSENT:
                return None
            return raw.strip()
        entry = facts.get(key)
        raw = None if entry is None else entry[0]
        return None if raw is None else str(raw).strip()

    @property
    def student(self) -> str:
        return str((self.facts or {}).get("alumno", ""))


class Batch(Record):
    __slots__ = ("path", "kind", "members")

    def __init__(
        self,
        path: str,  # the zip as given (lote.zip) or the folder
        kind: str,  # "zip" | "folder"
        members: list[BatchMember] | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.members: list[BatchMember] = [] if members is None else members

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
