"""The cadena original of a Dec 3.0: the only place that knows the signed field order.

dec-3.0.md §3: `||` + 33 fixed fields (32 without ServicioFirmante/@idEntidad) + 5 per
subject, `|` between fields, `||` at the end; an empty or absent optional value keeps its
slot; values are whitespace-normalised (trim plus collapsed inner runs, like XPath
normalize-space). Whether idEntidad is signed is disputed (§3.3): `include_id_entidad`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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

_SPACES = re.compile(r"[ \t\r\n]+")


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


def fields(doc: XmlDocument, include_id_entidad: bool = True) -> list[str]:
    values: list[str] = []
    for element_name, attribute in FIXED_FIELDS:
        if (element_name, attribute) == ID_ENTIDAD and not include_id_entidad:
            continue
        values.append(normalise(doc.attr(element_name, attribute)))
    for subject in doc.all("Asignatura"):
        values.extend(normalise(subject.get(attribute)) for attribute in SUBJECT_FIELDS)
    return values


def build(doc: XmlDocument, include_id_entidad: bool = True) -> str:
    return "||" + "|".join(fields(doc, include_id_entidad)) + "||"
