"""The cadena original of a Dec 3.0: the only place that knows the signed field order.

dec-3.0.md §3: `||` + 33 fixed fields (32 without ServicioFirmante/@idEntidad) + 5 per
subject, `|` between fields, `||` at the end; an empty or absent optional value keeps its
slot; values are whitespace-normalised (trim plus collapsed inner runs, like XPath
normalize-space). Whether idEntidad is signed is disputed (§3.3): `include_id_entidad`.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from mec_lint.lazy_re import lazy

if TYPE_CHECKING:
    from mec_lint.xmldoc import XmlDocument

# (element local name, attribute) in signing order. idEntidad is the disputed field.
ID_ENTIDAD = ("ServicioFirmante", "idEntidad")
FIXED_FIELDS: tuple[tuple[str, str], ...] = (
    ("Dec", "version"),
    ("Dec", "tipoCertificado"),
    ID_ENTIDAD,
    ("Ipes", "idNombreInstitucion"),
    ("Ipes", "idCampus"),
    ("Ipes", "idEntidadFederativa"),
    ("Responsable", "curp"),
    ("Responsable", "idCargo"),
    ("Rvoe", "numero"),
    ("Rvoe", "fechaExpedicion"),
    ("Carrera", "idCarrera"),
    ("Carrera", "idTipoPeriodo"),
    ("Carrera", "clavePlan"),
    ("Carrera", "idNivelEstudios"),
    ("Carrera", "calificacionMinima"),
    ("Carrera", "calificacionMaxima"),
    ("Carrera", "calificacionMinimaAprobatoria"),
    ("Alumno", "numeroControl"),
    ("Alumno", "curp"),
    ("Alumno", "nombre"),
    ("Alumno", "primerApellido"),
    ("Alumno", "segundoApellido"),
    ("Alumno", "idGenero"),
    ("Alumno", "fechaNacimiento"),
    ("Expedicion", "idTipoCertificacion"),
    ("Expedicion", "fecha"),
    ("Expedicion", "idLugarExpedicion"),
    ("Asignaturas", "total"),
    ("Asignaturas", "asignadas"),
    ("Asignaturas", "promedio"),
    ("Asignaturas", "totalCreditos"),
    ("Asignaturas", "creditosObtenidos"),
    ("Asignaturas", "numeroCiclos"),
)
SUBJECT_FIELDS: tuple[str, ...] = ("idAsignatura", "ciclo", "calificacion", "idTipoAsignatura", "creditos")

_SPACES = lazy(r"[ \t\r\n]+")


def normalise(value: str | None) -> str:
    """normalize-space(): trim and collapse whitespace; `|` would break the cadena, so it becomes a space."""
    if not value:
        return ""
    if (
        value.isprintable()
        and "|" not in value
        and "  " not in value
        and value[0] != " "
        and value[-1] != " "
    ):
        return value  # the common case, nothing to change (isprintable() is False for tab, CR, LF)
    return _SPACES.sub(" ", value.replace("|", " ")).strip()


def signed_values(doc: XmlDocument, include_id_entidad: bool = True) -> list[str]:
    """The signed values as written ("" for an absent one), in signing order: FIXED_FIELDS, then
    SUBJECT_FIELDS subject by subject. Read once per document and shared: do not modify the list."""
    key = "cadena.values" if include_id_entidad else "cadena.values_without_id"
    values: list[str] | None = doc.cache.get(key)
    if values is None:
        values = doc.cache[key] = _raw_values(doc, include_id_entidad)
    return values


def joined_values(doc: XmlDocument, include_id_entidad: bool = True) -> str:
    """`signed_values` joined with `|` (once per document, shared by the seal and CAD)."""
    key = "cadena.joined" if include_id_entidad else "cadena.joined_without_id"
    joined: str | None = doc.cache.get(key)
    if joined is None:
        joined = doc.cache[key] = "|".join(signed_values(doc, include_id_entidad))
    return joined


def _raw_values(doc: XmlDocument, include_id_entidad: bool) -> list[str]:
    values: list[str] = []
    for element_name, attributes in _FIXED_RUNS if include_id_entidad else _FIXED_RUNS_WITHOUT_ID:
        element = doc.first(element_name)
        if element is None:
            values.extend([""] * len(attributes))
        else:
            values.extend(map(element.get, attributes, [""] * len(attributes)))
    columns = []
    for attribute in SUBJECT_FIELDS:
        column = doc.values("Asignatura", attribute)
        columns.append([value or "" for value in column] if None in column else column)
    values.extend(chain.from_iterable(zip(*columns)))  # subject by subject, fields in order
    return values


def _runs(fixed: tuple[tuple[str, str], ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Consecutive fields of one element grouped: (element, its attributes in signing order)."""
    runs: list[tuple[str, list[str]]] = []
    for element_name, attribute in fixed:
        if runs and runs[-1][0] == element_name:
            runs[-1][1].append(attribute)
        else:
            runs.append((element_name, [attribute]))
    return tuple((element_name, tuple(attributes)) for element_name, attributes in runs)


_FIXED_RUNS = _runs(FIXED_FIELDS)
_FIXED_RUNS_WITHOUT_ID = _runs(tuple(field for field in FIXED_FIELDS if field != ID_ENTIDAD))


def fields(doc: XmlDocument, include_id_entidad: bool = True) -> list[str]:
    return [normalise(value) for value in signed_values(doc, include_id_entidad)]


def is_plain(doc: XmlDocument, include_id_entidad: bool = True) -> bool:
    """Whether every signed value is already normalised (no `|`, no tab or line break, no leading,
    trailing or doubled blank): decided once per document on the joined values, shared by `build`
    and CAD001–CAD003's fast pass."""
    key = "cadena.plain" if include_id_entidad else "cadena.plain_without_id"
    plain: bool | None = doc.cache.get(key)
    if plain is None:
        joined = joined_values(doc, include_id_entidad)
        plain = doc.cache[key] = (
            joined.isprintable()
            and joined.count("|") == len(signed_values(doc, include_id_entidad)) - 1  # no value holds a `|`
            and "  " not in joined
            and "| " not in joined  # no value starts with a blank…
            and " |" not in joined  # …or ends with one
            and joined[:1] != " "
            and joined[-1:] != " "
        )
    return plain


def build(doc: XmlDocument, include_id_entidad: bool = True) -> str:
    if is_plain(doc, include_id_entidad):
        return "||" + joined_values(doc, include_id_entidad) + "||"  # the common case
    return "||" + "|".join(normalise(value) for value in signed_values(doc, include_id_entidad)) + "||"


def whitespace_variants(doc: XmlDocument, include_id_entidad: bool = True) -> list[str]:
    """Other cadenas a signer may have built when a value has extra blanks (dec-3.0.md §3.1).

    [IDEE] applies normalize-space (what `build` does); most other sources only trim, and the
    spec says values are copied as they appear. Empty when every value is already normalised.
    """
    values = signed_values(doc, include_id_entidad)
    normalised = build(doc, include_id_entidad)
    out: list[str] = []
    for text in (
        "||" + "|".join(value.strip(" \t\r\n") for value in values) + "||",  # trim only
        "||" + "|".join(values) + "||",  # exactly as written
    ):
        if text != normalised and text not in out:
            out.append(text)
    return out


# The three ways signers treat blanks inside signed values (dec-3.0.md §3.1), in the order tried.
FORM_NORMALISED = "normalize-space"  # trim plus collapsed inner runs ([IDEE]); what `build` gives
FORM_TRIMMED = "trim"  # most other sources
FORM_AS_WRITTEN = "as-written"  # §3.1: values are copied exactly as they appear
_BLANKS = " \t\r\n"


def forms(doc: XmlDocument, include_id_entidad: bool = True) -> list[tuple[tuple[str, ...], str]]:
    """The cadenas a signer may have built, each with the forms that give it (forms that give the
    same cadena are grouped): normalize-space first, then trim, then as written."""
    values = signed_values(doc, include_id_entidad)
    candidates = (
        (FORM_NORMALISED, build(doc, include_id_entidad)),
        (FORM_TRIMMED, "||" + "|".join(value.strip(_BLANKS) for value in values) + "||"),
        (FORM_AS_WRITTEN, "||" + "|".join(values) + "||"),
    )
    grouped: list[tuple[list[str], str]] = []
    for name, text in candidates:
        same = next((names for names, existing in grouped if existing == text), None)
        if same is None:
            grouped.append(([name], text))
        else:
            same.append(name)
    return [(tuple(names), text) for names, text in grouped]


def has_odd_blanks(value: str) -> bool:
    """Leading, trailing or doubled blanks, or a tab / CR / LF: what normalize-space would change."""
    return bool(value) and (
        value[0] in _BLANKS
        or value[-1] in _BLANKS
        or "  " in value
        or "\t" in value
        or "\r" in value
        or "\n" in value
    )
