"""LAY001–LAY003: the workbook can be read and has every required sheet and column."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.context import Context
    from mec_lint.layout.model import Layout

SCOPE = Scope.LAYOUT
ORDER = 10
SPEC = "layout.md «The layout mec-lint reads»; mec-faq.txt «Programa de Estudios o Layout»"

LAY001 = Rule(
    code="LAY001",
    name="layout-legible",
    severity=Severity.ERROR,
    summary={
        "es": "El layout es un libro de Excel .xlsx legible completo",
        "en": "The layout is a readable .xlsx Excel workbook",
    },
    messages={
        "empty": {
            "es": "El archivo está vacío (0 bytes): no es un libro de Excel.",
            "en": "The file is empty (0 bytes): it is not an Excel workbook.",
        },
        "encrypted": {
            "es": "El libro está protegido con contraseña (cifrado): no se puede leer. Guarde una copia "
            "sin contraseña (Archivo › Información › Proteger libro) y revísela.",
            "en": "The workbook is password-protected (encrypted) and cannot be read. Save a copy without a "
            "password (File › Info › Protect Workbook) and check it.",
        },
        "xls": {
            "es": "El archivo es un libro de Excel 97-2003 (.xls). Ábralo en Excel y guárdelo como "
            "«Libro de Excel (.xlsx)».",
            "en": "The file is an Excel 97-2003 workbook (.xls). Open it in Excel and save it as «Excel Workbook (.xlsx)».",
        },
        "ods": {
            "es": "El archivo es una hoja de cálculo OpenDocument (.ods), no .xlsx. Guárdelo como "
            "«Libro de Excel (.xlsx)».",
            "en": "The file is an OpenDocument spreadsheet (.ods), not .xlsx. Save it as «Excel Workbook (.xlsx)».",
        },
        "not_xlsx": {
            "es": "El archivo no es un libro de Excel .xlsx ({reason}). ¿Es un CSV o HTML renombrado? "
            "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)».",
            "en": "The file is not an .xlsx Excel workbook ({reason}). Is it a renamed CSV or HTML file? Open it "
            "in Excel and save it as «Excel Workbook (.xlsx)».",
        },
        "corrupt": {
            "es": "El libro {value} está dañado y no se puede leer ({reason}). Ábralo en Excel, repárelo y "
            "guárdelo de nuevo como .xlsx.",
            "en": "Workbook {value} is damaged and cannot be read ({reason}). Open it in Excel, repair it and "
            "save it again as .xlsx.",
        },
        "too_big": {
            "es": "El libro {value} excede los límites de lectura ({reason}); un layout real ocupa mucho menos.",
            "en": "Workbook {value} exceeds the reading limits ({reason}); a real layout is much smaller.",
        },
        "part_size": {
            "es": "El libro {value} no se revisó: su parte {part} pasa de {limit} bytes al descomprimirse "
            "(límite `limits.max-workbook-part-bytes`); un layout real ocupa mucho menos.",
            "en": "Workbook {value} was not checked: its part {part} exceeds {limit} bytes when decompressed "
            "(limit `limits.max-workbook-part-bytes`); a real layout is much smaller.",
        },
        "part_ratio": {
            "es": "El libro {value} no se revisó: su parte {part} se expande más de {limit} veces al "
            "descomprimirse (límite `limits.max-zip-ratio`; posible bomba zip).",
            "en": "Workbook {value} was not checked: its part {part} expands more than {limit} times when "
            "decompressed (limit `limits.max-zip-ratio`; a possible zip bomb).",
        },
        "part_method": {
            "es": "El libro {value} no se revisó: su parte {part} usa un método de compresión que Excel no "
            "usa (método {limit}); guárdelo de nuevo desde Excel como .xlsx.",
            "en": "Workbook {value} was not checked: its part {part} uses a compression method Excel does not "
            "use (method {limit}); save it again from Excel as .xlsx.",
        },
        "part_shape": {
            "es": "El libro {value} no se revisó: su parte {part} tiene más de {limit} elementos donde Excel "
            "escribe unos pocos; un layout real no es así.",
            "en": "Workbook {value} was not checked: its part {part} has more than {limit} elements where "
            "Excel writes a few; a real layout is not like that.",
        },
        "styles_count": {
            "es": "El libro {value} no se revisó: su parte {part} define más de {limit} formatos de celda, "
            "el máximo de Excel.",
            "en": "Workbook {value} was not checked: its part {part} defines more than {limit} cell formats, "
            "Excel's maximum.",
        },
        "strings_count": {
            "es": "El libro {value} no se revisó: su parte {part} tiene más de {limit} textos compartidos "
            "(límite `limits.max-workbook-cells`).",
            "en": "Workbook {value} was not checked: its part {part} has more than {limit} shared strings "
            "(limit `limits.max-workbook-cells`).",
        },
        "wide": {
            "es": "Hoja {sheet} ({part}) del libro {value}: hay celdas hasta la columna {column_name}, más allá "
            "de la columna {limit} (límite `limits.max-workbook-columns`); esas celdas no se leyeron. "
            "Elimine las columnas sobrantes.",
            "en": "Sheet {sheet} ({part}) of workbook {value}: there are cells up to column {column_name}, "
            "beyond column {limit} (limit `limits.max-workbook-columns`); those cells were not read. "
            "Delete the extra columns.",
        },
        "missing": {"es": "No existe el archivo {value}.", "en": "File {value} does not exist."},
        "unreadable": {
            "es": "No se pudo leer el archivo: {reason}.",
            "en": "The file could not be read: {reason}.",
        },
        "truncated": {
            "es": "Hoja {sheet}: la lectura se detuvo en la fila {row} (límite de filas o más de {reason} "
            "filas vacías seguidas); las filas siguientes no se revisaron. Elimine las filas vacías "
            "intermedias.",
            "en": "Sheet {sheet}: reading stopped at row {row} (row limit or more than {reason} empty rows "
            "in a row); later rows were not checked. Delete the empty rows in between.",
        },
    },
    why="El MEC recibe el Programa de Estudios como un archivo de Excel. mec-lint lee libros .xlsx; uno "
    "que no se puede abrir (cifrado, dañado, un CSV renombrado) o un .xls de Excel 97-2003 no se puede "
    "revisar: guárdelo como «Libro de Excel (.xlsx)» sin contraseña.",
    fail_example="programa.xlsx protegido con contraseña, o un .xls renombrado a .xlsx",
    pass_example="programa.xlsx guardado como «Libro de Excel (.xlsx)» sin contraseña",
    spec=SPEC,
    fix="Guarde el archivo como «Libro de Excel (.xlsx)», sin contraseña.",
)

LAY002 = Rule(
    code="LAY002",
    name="layout-hoja-requerida",
    severity=Severity.ERROR,
    summary={
        "es": "El layout tiene las hojas INSTITUCION, CAMPUS, CARRERAS y ASIGNATURAS",
        "en": "The layout has the INSTITUCION, CAMPUS, CARRERAS and ASIGNATURAS sheets",
    },
    messages={
        "m": {
            "es": "Falta la hoja {sheet_name}. Hojas del libro: {found}. Agregue la hoja {sheet_name} (o configure su "
            "nombre en header-aliases si usa otro).",
            "en": "Sheet {sheet_name} is missing. Sheets in the workbook: {found}. Add sheet {sheet_name} (or configure its "
            "name in header-aliases if you use another one).",
        },
        "copy": {
            "es": "El libro tiene {count|otra hoja|otras hojas} con el nombre {sheet_name}: {others}. Se revisó «{title}» y "
            "las demás se ignoraron; quite o renombre las copias para que el MEC reciba una sola hoja "
            "{sheet_name}.",
            "en": "The workbook has {count|another sheet|other sheets} named {sheet_name}: {others}. «{title}» was checked and the "
            "others were ignored; remove or rename the copies so the MEC gets a single {sheet_name} sheet.",
        },
    },
    why="El layout registra institución, campus, carreras (planes vigentes) y asignaturas; sin una de "
    "esas hojas los certificados no se pueden relacionar con el plan. Los nombres de hoja son los del "
    "layout que mec-lint lee (layout.md: la plantilla oficial no es pública); si su libro usa otros, "
    "declárelos en `header-aliases`. Dos hojas con el mismo nombre (una copia como «CARRERAS (2)») son "
    "una advertencia: se revisa la que lleva el nombre exacto. Una hoja cuyo título sólo es una variante "
    "(INSTITUCIONES, ASIGNATURA) o lleva una aclaración (CAMPUS (catálogo)) junto a la hoja del nombre "
    "propio no es una copia sino otra hoja —así "
    "titula la plantilla de la SEP sus hojas de catálogo— y se ignora sin aviso.",
    fail_example="Libro con hojas INSTRUCCIONES, INSTITUCION, CAMPUS, CARRERAS (sin ASIGNATURAS)",
    pass_example="Libro con hojas INSTRUCCIONES, INSTITUCION, CAMPUS, CARRERAS, ASIGNATURAS",
    spec=SPEC + "; layout.md «Spellings seen in SEP's own workbooks» (hojas de catálogo de la plantilla)",
    fix="Agregue la hoja que falta (o declare el nombre que usa en `header-aliases`); quite o renombre las "
    "copias de una hoja.",
)

LAY003 = Rule(
    code="LAY003",
    name="layout-columna-requerida",
    severity=Severity.ERROR,
    summary={
        "es": "Cada hoja del layout tiene sus columnas obligatorias",
        "en": "Each layout sheet has its required columns",
    },
    messages={
        "m": {
            "es": "Hoja {sheet}: falta la columna obligatoria {column_name} (encabezados reconocidos en la fila {row}: "
            "{found}).",
            "en": "Sheet {sheet}: required column {column_name} is missing (recognised headers in row {row}: {found}).",
        },
        "no_header": {
            "es": "Hoja {sheet}: no se encontró la fila de encabezados en las primeras {reason} filas con "
            "datos; se esperan columnas como {expected}.",
            "en": "Sheet {sheet}: no header row found in the first {reason} non-empty rows; expected "
            "columns such as {expected}.",
        },
    },
    why="mec-lint lee las columnas por su nombre, nunca por su posición; sin una columna obligatoria (por "
    "ejemplo ID_CARRERA o NO_RVOE) los certificados no se pueden comparar con el plan. Los nombres son los "
    "del layout que mec-lint lee (layout.md: la lista oficial de columnas no es pública) con las variantes "
    "conocidas; otros nombres se declaran en `header-aliases`.",
    fail_example="Hoja CARRERAS sin la columna FECHA_RVOE",
    pass_example="Hoja CARRERAS con ID_CARRERA, ID_CAMPUS, NO_RVOE, FECHA_RVOE, CLAVE_PLAN, …",
    spec=SPEC + "; tabla de hojas y columnas (obligatorias en negritas)",
    fix="Agregue la columna con su encabezado (p. ej. FECHA_RVOE) en la fila de encabezados, o declare el "
    "nombre que usa en `header-aliases`.",
)

RULES = (LAY001, LAY002, LAY003)


def check(layout: Layout, ctx: Context) -> Iterator[Finding]:
    from mec_lint.layout.headers import required_columns
    from mec_lint.layout.reader import EMPTY_RUN, HEADER_SCAN

    if layout.error is not None:
        message_id, reason = layout.error
        yield ctx.report(
            LAY001, message_id, value=layout.path, reason=reason, part=layout.error_part, limit=reason
        )
        return
    for table in layout.tables.values():
        if table.wide_at is not None:
            from mec_lint.layout.model import column_letter

            limit = ctx.config.limits.max_workbook_columns
            yield ctx.report(
                LAY001,
                "wide",
                severity=Severity.WARNING,
                sheet=table.title,
                value=layout.path,
                part=table.part,
                column_name=column_letter(table.wide_at),
                limit=column_letter(limit),
            )
        if table.truncated_at is not None:
            yield ctx.report(
                LAY001,
                "truncated",
                severity=Severity.WARNING,
                sheet=table.title,
                row=table.truncated_at,
                reason=EMPTY_RUN,
            )
    found_sheets = ", ".join(layout.sheet_titles) or "(ninguna)"
    for name in layout.missing_sheets:
        yield ctx.report(LAY002, "m", expected=name, sheet_name=name, found=found_sheets)
    for name, others in layout.other_sheets.items():
        yield ctx.report(
            LAY002,
            "copy",
            severity=Severity.WARNING,
            sheet=layout.title(name),
            value=", ".join(others),
            expected=layout.title(name),
            sheet_name=name,
            title=layout.title(name),
            others=", ".join(f"«{title}»" for title in others),
            count=len(others),
        )
    for table in layout.tables.values():
        if table.header_row is None:
            yield ctx.report(
                LAY003,
                "no_header",
                sheet=table.title,
                expected=", ".join(required_columns(table.name)),
                reason=HEADER_SCAN,
            )
            continue
        found = ", ".join(table.headers.values()) or "(ninguno)"
        for column in table.missing_columns:
            yield ctx.report(
                LAY003,
                "m",
                attribute=column,
                expected=column,
                column_name=column,
                sheet=table.title,
                row=table.header_row,
                found=found,
            )
