"""XLY001: the workbook given with --layout (or layout_path) can be used to check certificates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mec_lint.findings import Finding, Severity
from mec_lint.rule import Rule, Scope

if TYPE_CHECKING:
    from mec_lint.engine import Linter

SCOPE = Scope.INTERNAL  # reported once per run by the engine (Linter.run)

XLY001 = Rule(
    code="XLY001",
    name="layout-de-referencia-usable",
    severity=Severity.ERROR,
    summary={
        "es": "El layout indicado con --layout se puede leer y está completo",
        "en": "The workbook given with --layout is readable and complete",
    },
    messages={
        "missing": {
            "es": "No existe el layout {value}; no se compararon los certificados con el Programa de "
            "Estudios.",
            "en": "Layout {value} does not exist; certificates were not compared with the Programa de Estudios.",
        },
        "incomplete": {
            "es": "El layout {value} está incompleto (faltan: {reason}); no se compararon los certificados "
            "con él. Revíselo con «mec-lint check {value}».",
            "en": "Layout {value} is incomplete (missing: {reason}); certificates were not compared with it. "
            "Check it with «mec-lint check {value}».",
        },
        "formulas": {
            "es": "El layout {value} tiene fórmulas sin valor guardado en la hoja de asignaturas ({reason}): "
            "no se sabe qué asignaturas tiene cada carrera, así que las asignaturas y los totales de los "
            "certificados no se compararon con él. Ábralo en Excel y guárdelo (Excel guarda los valores "
            "calculados), o escriba los valores.",
            "en": "Layout {value} has formulas without a saved value in the subjects sheet ({reason}): which "
            "subjects each carrera has is unknown, so the certificates' subjects and totals were not compared "
            "with it. Open it in Excel and save it (Excel saves the computed values), or type the values.",
        },
        "unreadable": {
            "es": "No se pudo leer el layout {value} ({kind}; {reason}); no se compararon los certificados "
            "con él. Revíselo con «mec-lint check {value}».",
            "en": "Layout {value} could not be read ({kind_en}; {reason}); certificates were not compared "
            "with it. Check it with «mec-lint check {value}».",
        },
    },
    why="Sin un layout legible no se puede verificar que los ids, el RVOE y las asignaturas de los "
    "certificados coincidan con el Programa de Estudios registrado.",
    fail_example="mec-lint check lote/ --layout programa.xls (formato 97-2003)",
    pass_example="mec-lint check lote/ --layout programa.xlsx",
    spec="layout.md «Certificate against layout»",
    fix="Indique con --layout el .xlsx registrado y corrija primero sus errores (mec-lint check layout.xlsx).",
)

RULES = (XLY001,)


# Why a workbook could not be read (mec_lint.layout.reader.sniff / read_layout), in words.
KINDS: dict[str, tuple[str, str]] = {
    "corrupt": ("el archivo está dañado", "the file is damaged"),
    "empty": ("el archivo está vacío", "the file is empty"),
    "encrypted": ("está protegido con contraseña", "it is password-protected"),
    "not_xlsx": ("no es un libro .xlsx", "it is not an .xlsx workbook"),
    "ods": ("es una hoja OpenDocument (.ods), no .xlsx", "it is an OpenDocument sheet (.ods), not .xlsx"),
    "too_big": ("excede los límites de tamaño", "it exceeds the size limits"),
    "part_size": (
        "una de sus partes excede los límites de tamaño",
        "one of its parts exceeds the size limits",
    ),
    "part_ratio": ("una de sus partes es una posible bomba zip", "one of its parts is a possible zip bomb"),
    "part_method": (
        "una de sus partes usa una compresión que Excel no usa",
        "one of its parts uses a compression Excel does not use",
    ),
    "part_shape": (
        "una de sus partes excede los límites de lectura",
        "one of its parts exceeds the reading limits",
    ),
    "styles_count": (
        "define más formatos de celda que Excel",
        "it defines more cell formats than Excel allows",
    ),
    "strings_count": ("tiene demasiados textos compartidos", "it has too many shared strings"),
    "xls": (
        "es un .xls de Excel 97-2003; guárdelo como .xlsx",
        "it is an Excel 97-2003 .xls; save it as .xlsx",
    ),
}


def layout_problem_finding(linter: Linter) -> Finding:
    from mec_lint.context import Context

    problem = linter.layout_problem
    ctx = Context(linter.config, linter.catalogs, problem.path)
    known = ("missing", "incomplete", "formulas")
    message_id = problem.message_id if problem.message_id in known else "unreadable"
    kind, kind_en = KINDS.get(problem.message_id, (problem.message_id, problem.message_id))
    severity = Severity.WARNING if message_id == "formulas" else None  # the rest was compared
    return ctx.report(
        XLY001,
        message_id,
        value=problem.path,
        reason=problem.reason,
        kind=kind,
        kind_en=kind_en,
        severity=severity,
    )
