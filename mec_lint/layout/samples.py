"""Build Programa de Estudios workbooks for tests, fixtures and benchmarks (never used by the linter).

`LayoutBuilder()` starts from a valid layout consistent with `mec_lint.testing.make_certificate()`
defaults (institution 20871, campus 090872 in state 09, carrera 101, RVOE 20181234 of 2018-06-15,
plan 2018, nivel 81, periodo 93, scale 5/10/6, subjects 1010101/1010102/1010203 type 263, 7 credits).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from mec_lint.layout.headers import SHEETS

DEFAULT_ROWS: dict[str, list[dict[str, Any]]] = {
    "INSTITUCION": [{"ID_INSTITUCION": 20871, "NOMBRE_INSTITUCION": "UNIVERSIDAD EJEMPLO DEL CENTRO"}],
    "CAMPUS": [
        {
            "ID_CAMPUS": "090872",
            "NOMBRE_CAMPUS": "ÚNICO",
            "ID_ENTIDAD_FEDERATIVA": "09",
            "ID_INSTITUCION": 20871,
        }
    ],
    "CARRERAS": [
        {
            "ID_CARRERA": 101,
            "CLAVE_CARRERA": "LAD",
            "NOMBRE_CARRERA": "LICENCIATURA EN ADMINISTRACIÓN",
            "ID_CAMPUS": "090872",
            "NO_RVOE": "20181234",
            "FECHA_RVOE": dt.datetime(2018, 6, 15),
            "CLAVE_PLAN": "2018",
            "ID_NIVEL_ESTUDIOS": 81,
            "ID_TIPO_PERIODO": 93,
            "NUMERO_CICLOS": 2,
            "CALIF_MINIMA": 5,
            "CALIF_MAXIMA": 10,
            "CALIF_APROBATORIA": 6,
            "TOTAL_ASIGNATURAS": 3,
            "TOTAL_CREDITOS": 21,
        }
    ],
    "ASIGNATURAS": [
        {
            "ID_CARRERA": 101,
            "ID_ASIGNATURA": subject,
            "CLAVE_ASIGNATURA": key,
            "NOMBRE_ASIGNATURA": name,
            "CICLO": ciclo,
            "ID_TIPO_ASIGNATURA": 263,
            "CREDITOS": 7,
        }
        for subject, key, name, ciclo in (
            (1010101, "ADM-101", "FUNDAMENTOS DE ADMINISTRACIÓN", 1),
            (1010102, "CON-101", "CONTABILIDAD I", 1),
            (1010203, "ECO-201", "ECONOMÍA", 2),
        )
    ],
}
INSTRUCTIONS = "Instrucciones: capture institución, campus, carreras (planes vigentes) y asignaturas."


class LayoutBuilder:
    """A workbook as sheets of rows (column name -> value); change it, then `to_bytes()`."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = copy.deepcopy(DEFAULT_ROWS)
        self.headers: dict[str, list[str]] = {name: [c for c, _ in spec] for name, spec in SHEETS.items()}
        self.titles: dict[str, str] = {name: name for name in SHEETS}
        self.formats: dict[tuple[str, str, int], str] = {}  # (sheet, column, row index) -> number format
        self.formulas: dict[tuple[str, str, int], str] = {}
        self.title_rows: dict[str, list[list[Any]]] = {}
        self.instructions: str | None = "INSTRUCCIONES"

    def set(self, sheet: str, index: int, column: str, value: Any) -> LayoutBuilder:
        self.rows[sheet][index][column] = value
        return self

    def add(self, sheet: str, **values: Any) -> LayoutBuilder:
        self.rows[sheet].append(values)
        return self

    def drop_column(self, sheet: str, column: str) -> LayoutBuilder:
        self.headers[sheet].remove(column)
        return self

    def drop_sheet(self, sheet: str) -> LayoutBuilder:
        self.titles.pop(sheet)
        return self

    def to_bytes(self) -> bytes:
        from openpyxl import Workbook

        workbook = Workbook()
        first = workbook.active
        assert first is not None
        workbook.remove(first)
        if self.instructions:
            sheet = workbook.create_sheet(self.instructions)
            sheet.sheet_properties.tabColor = "FF0000"
            sheet.append([INSTRUCTIONS])
        for name, title in self.titles.items():
            sheet = workbook.create_sheet(title)
            for row in self.title_rows.get(name, []):
                sheet.append(row)
            headers = self.headers[name]
            sheet.append(headers)
            number = sheet.max_row
            for index, values in enumerate(self.rows[name]):
                sheet.append([values.get(column) for column in headers])
                number += 1  # not sheet.max_row: it scans every cell, so 50,000 rows took minutes
                for column_index, column in enumerate(headers, start=1):
                    cell = sheet.cell(number, column_index)
                    fmt = self.formats.get((name, column, index))
                    if fmt:
                        cell.number_format = fmt
                    elif isinstance(cell.value, dt.datetime):
                        cell.number_format = "dd/mm/yyyy"
                    formula = self.formulas.get((name, column, index))
                    if formula:
                        cell.value = formula
        return _save(workbook)


def _save(workbook: Any) -> bytes:
    """Save with fixed timestamps so that fixture files are byte-for-byte reproducible."""
    import zipfile

    stamp = dt.datetime(2024, 1, 1)
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            clone = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            clone.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            target.writestr(clone, data)
    return fixed.getvalue()


def write_rows(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """A workbook with exactly these rows per sheet title (for messy-header tests)."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    return _save(workbook)


def sep_template() -> bytes:
    """The sample layout written the way SEP's own certificate template workbook is
    ("plantillaCertificacion", layout.md "Spellings seen in SEP's own workbooks"): its header
    spellings (CLAVE_CAMPUS, ID_NIVEL, CURP_RESPONSABLE_PLAN_DE_ESTUDIO, Fecha_RVOE, CALIF_MÍNIMA,
    MÍNIMA_APROBATORIA, a hinted ID_ CARRERA), a «PROGRAMAS DE ESTUDIO» sheet and SEP's catalog
    sheets (institutions 20001–20592, cargos, periodo, nivel, género, certificación, asignatura,
    states 01–32) filled from catalogs.yaml. A workbook holds one sheet per title, so its CAMPUS
    sheet is both SEP's campus catalog and the layout's campus table: it lists the institution's
    campuses with their key, state and institution. Consistent with make_certificate()."""
    from mec_lint.catalogs import Catalogs

    catalogs = Catalogs()
    subjects = DEFAULT_ROWS["ASIGNATURAS"]
    carrera = DEFAULT_ROWS["CARRERAS"][0]

    def catalog(id_header: str, text_header: str, name: str) -> list[list[Any]]:
        rows: list[list[Any]] = [[id_header, text_header]]
        for key, text in catalogs.get(name).items():
            rows.append([key if not key.isdigit() or key.startswith("0") else int(key), text])
        return rows

    sheets: dict[str, list[list[Any]]] = {
        "INSTRUCIONES": [["Capture la información de su institución, campus y planes de estudio vigentes."]],
        "INSTITUCION": [["ID_INSTITUCION", "NOMBRE_INSTITUCION"], [20871, "UNIVERSIDAD EJEMPLO DEL CENTRO"]],
        "CAMPUS": [
            ["ID_INSTITUCION", "CLAVE_CAMPUS", "NOMBRE_CAMPUS", "ID_ENTIDAD_FEDERATIVA"],
            [20871, "090872", "ÚNICO", "09"],
        ],
        "CARRERAS": [
            [
                "ID_ CARRERA (Generado por la Institución para el Layout de Programas)",
                "CLAVE_CARRERA",
                "NOMBRE_CARRERA",
                "CLAVE_CAMPUS",
                "NO_RVOE",
                "Fecha_RVOE",
                "CLAVE_PLAN",
                "ID_NIVEL",
                "ID_TIPO_PERIODO",
                "NUMERO_CICLOS",
                "CALIF_MÍNIMA",
                "CALIF_MÁXIMA",
                "MÍNIMA_APROBATORIA",
                "TOTAL_ASIGNATURAS",
                "TOTAL_CREDITOS",
                "CURP_RESPONSABLE_PLAN_DE_ESTUDIO",
            ],
            [
                carrera["ID_CARRERA"],
                carrera["CLAVE_CARRERA"],
                carrera["NOMBRE_CARRERA"],
                carrera["ID_CAMPUS"],
                carrera["NO_RVOE"],
                "15/06/2018",
                carrera["CLAVE_PLAN"],
                carrera["ID_NIVEL_ESTUDIOS"],
                carrera["ID_TIPO_PERIODO"],
                carrera["NUMERO_CICLOS"],
                carrera["CALIF_MINIMA"],
                carrera["CALIF_MAXIMA"],
                carrera["CALIF_APROBATORIA"],
                carrera["TOTAL_ASIGNATURAS"],
                carrera["TOTAL_CREDITOS"],
                "ROLM750312HDFDPR04",
            ],
        ],
        "ASIGNATURAS": [
            list(subjects[0]),
            *([row[column] for column in subjects[0]] for row in subjects),
        ],
        "PROGRAMAS DE ESTUDIO": [
            [
                "ID_INSTITUCION",
                "CLAVE_CAMPUS",
                "ID_ASIGNATURA",
                "ID_CARRERA",
                "NO_RVOE",
                "FECHA_RVOE",
                "CLAVE_PLAN",
            ],
            *(
                [20871, "090872", row["ID_ASIGNATURA"], row["ID_CARRERA"], "20181234", "15/06/2018", "2018"]
                for row in subjects
            ),
        ],
        "INSTITUCIONES": [
            ["ID_INSTITUCION", "NOMBRE_INSTITUCION"],
            *([number, f"INSTITUCIÓN {number}"] for number in range(20001, 20593)),
        ],
        "CARGOS": catalog("ID_CARGO", "CARGO", "idCargo"),
        "PERIODO": catalog("ID_TIPO_PERIODO", "TIPO_PERIODO", "idTipoPeriodo"),
        "NIVEL": catalog("ID_NIVEL_ESTUDIOS", "NIVEL_ESTUDIOS", "idNivelEstudios"),
        "GENERO": catalog("ID_GENERO", "GENERO", "idGenero"),
        "CERTIFICACION": catalog("ID_TIPO_CERTIFICACION", "TIPO_CERTIFICACION", "idTipoCertificacion"),
        "ASIGNATURA": catalog("ID_TIPO_ASIGNATURA", "TIPO_ASIGNATURA", "idTipoAsignatura"),
        "ESTADOS": catalog("ID_ENTIDAD_FEDERATIVA", "ENTIDAD_FEDERATIVA", "entidadFederativa"),
    }
    return write_rows(sheets)


def big_layout(subjects: int = 5000, per_carrera: int = 50) -> LayoutBuilder:
    """A valid layout with `subjects` subjects spread over carreras of `per_carrera` subjects."""
    builder = LayoutBuilder()
    template = builder.rows["CARRERAS"][0]
    builder.rows["CARRERAS"] = []
    builder.rows["ASIGNATURAS"] = []
    carreras = max(1, subjects // per_carrera)
    for number in range(carreras):
        carrera = 101 + number
        count = per_carrera if number < carreras - 1 else subjects - per_carrera * (carreras - 1)
        row = dict(template, ID_CARRERA=carrera, TOTAL_ASIGNATURAS=count, TOTAL_CREDITOS=7 * count)
        row["NUMERO_CICLOS"] = 9
        builder.rows["CARRERAS"].append(row)
        for position in range(count):
            builder.rows["ASIGNATURAS"].append(
                {
                    "ID_CARRERA": carrera,
                    "ID_ASIGNATURA": carrera * 10000 + position + 1,
                    "CLAVE_ASIGNATURA": f"A-{carrera}-{position + 1}",
                    "NOMBRE_ASIGNATURA": f"ASIGNATURA {position + 1} DE LA CARRERA {carrera}",
                    "CICLO": position % 9 + 1,
                    "ID_TIPO_ASIGNATURA": 263,
                    "CREDITOS": 7,
                }
            )
    return builder


# The start of an OLE compound file (what .xls and encrypted .xlsx files are), padded.
OLE_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
