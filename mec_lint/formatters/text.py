"""The default output: a bitácora (per file a table of findings, then a summary)."""

from __future__ import annotations

import io
import shutil

from mec_lint.engine import FileResult, RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import printable

HEADERS = {
    "es": ("Línea", "Nodo", "Atributo", "Valor", "Código", "Descripción"),
    "en": ("Line", "Node", "Attribute", "Value", "Code", "Description"),
}
WORKBOOK_HEADERS = {
    "es": ("Celda", "Hoja", "Columna", "Valor", "Código", "Descripción"),
    "en": ("Cell", "Sheet", "Column", "Value", "Code", "Description"),
}
WORDS = {
    "es": {
        "error": "error",
        "warning": "advertencia",
        "info": "info",
        "clean": "sin hallazgos",
        "files": "Archivos revisados",
        "clean_files": "Archivos sin errores",
        "errors": "Errores",
        "warnings": "Advertencias",
        "summary": "Resumen",
        "status": "Estado por archivo",
        "batch": "Hallazgos del lote",
        "n_errors": "{n} {n|error|errores}",
        "n_warnings": "{n} {n|advertencia|advertencias}",
        "clean_count": "sin hallazgos: {n} {n|archivo|archivos}",
    },
    "en": {
        "error": "error",
        "warning": "warning",
        "info": "info",
        "clean": "clean",
        "files": "Files checked",
        "clean_files": "Files without errors",
        "errors": "Errors",
        "warnings": "Warnings",
        "summary": "Summary",
        "status": "Status per file",
        "batch": "Batch findings",
        "n_errors": "{n} {n|error|errors}",
        "n_warnings": "{n} {n|warning|warnings}",
        "clean_count": "clean: {n} {n|file|files}",
    },
}
VALUE_WIDTH = 40


def _location(f: Finding) -> str:
    """The XML line when the finding has one (a certificate-against-layout finding names its layout
    cell in the message), else the workbook cell."""
    if f.line is not None:
        return str(f.line)
    if f.sheet is not None:
        return f"{f.sheet}!{f.cell}" if f.cell else f.sheet
    return "-"


def _node(f: Finding) -> str:
    if f.line is None and f.sheet is not None:
        return f.sheet
    return f.element or "-"


def _headers(findings: list[Finding], lang: str) -> tuple[str, ...]:
    """A workbook's table names its columns as a workbook's (Celda, Hoja, Columna)."""
    workbook = all(f.line is None and f.sheet is not None for f in findings)
    return (WORKBOOK_HEADERS if workbook else HEADERS).get(lang, HEADERS["es"])


def _value(f: Finding) -> str:
    if f.value is None:
        return "-"
    text = f.value.replace("\n", " ")
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def _one_line(text: str) -> str:
    """A message holding a value with line breaks stays on its table row."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def _rows(findings: list[Finding], lang: str) -> list[tuple[str, ...]]:
    words = WORDS.get(lang, WORDS["es"])
    return [
        (
            _location(f),
            _node(f),
            f.attribute or "-",
            _value(f),
            f.code,
            f"{words[f.severity.value]}: {_one_line(f.message)}",
        )
        for f in findings
    ]


def _groups(run: RunResult) -> list[tuple[str, list[Finding]]]:
    by_path: dict[str, list[Finding]] = {}
    for finding in run.findings:
        by_path.setdefault(finding.path, []).append(finding)
    return sorted(by_path.items())


def _summary_numbers(run: RunResult) -> tuple[int, int, int, int]:
    checked = [r for r in run.files if r.checked]
    clean = sum(1 for r in checked if r.status != "error")
    return len(checked), clean, run.count(Severity.ERROR), run.count(Severity.WARNING)


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    if color:
        return _render_rich(run, lang)
    return printable(_render_plain(run, lang))


def _render_plain(run: RunResult, lang: str) -> str:
    out = io.StringIO()
    words = WORDS.get(lang, WORDS["es"])
    for path, findings in _groups(run):
        headers = _headers(findings, lang)
        rows = _rows(findings, lang)
        widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(5)]
        out.write(f"{path}\n")
        out.write("  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths)) + "  " + headers[5] + "\n")
        for row in rows:
            out.write("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[5] + "\n")
        out.write("\n")
    statuses, clean_count = file_statuses(run)
    if statuses or clean_count > 1:
        out.write(f"{words['status']}\n")
        width = max((len(words[s]) for s, *_ in statuses), default=0)
        for status, path, errors, warnings in statuses:
            out.write(f"  {words[status].ljust(width)}  {path}  ({_counts(words, errors, warnings)})\n")
        out.write(f"  {_count(words['clean_count'], clean_count)}\n\n")
    _write_summary(out, run, words)
    return out.getvalue()


def file_statuses(run: RunResult) -> tuple[list[tuple[str, str, int, int]], int]:
    """(status, path, errors, warnings) of every file with errors or warnings, errors first,
    and how many checked files are clean: the clerk sees which certificates to fix."""
    tally: dict[str, list[int]] = {}
    checked: set[str] = set()
    for result in run.files:
        counts = tally.setdefault(result.path, [0, 0])
        counts[0] += sum(1 for f in result.findings if f.severity is Severity.ERROR)
        counts[1] += sum(1 for f in result.findings if f.severity is Severity.WARNING)
        if result.checked:
            checked.add(result.path)
    rows = [
        ("error" if errors else "warning", path, errors, warnings)
        for path, (errors, warnings) in tally.items()
        if errors or warnings
    ]
    rows.sort(key=lambda row: (row[0] != "error", row[1]))
    clean = sum(1 for path in checked if not any(tally[path]))
    return rows, clean


def _counts(words: dict[str, str], errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(_count(words["n_errors"], errors))
    if warnings:
        parts.append(_count(words["n_warnings"], warnings))
    return ", ".join(parts)


def _write_summary(out: io.StringIO, run: RunResult, words: dict[str, str]) -> None:
    files, clean, errors, warnings = _summary_numbers(run)
    out.write(f"{words['summary']}\n")
    out.write(f"  {words['files']}: {files}\n")
    out.write(f"  {words['clean_files']}: {clean}\n")
    out.write(f"  {words['errors']}: {errors}\n")
    out.write(f"  {words['warnings']}: {warnings}\n")


def status_line(result: FileResult, words: dict[str, str]) -> str:
    return words.get(result.status, result.status)


def _render_rich(run: RunResult, lang: str) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    words = WORDS.get(lang, WORDS["es"])
    width = shutil.get_terminal_size((120, 24)).columns
    console = Console(record=True, force_terminal=True, file=io.StringIO(), width=width)
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for path, findings in _groups(run):
        table = Table(title=escape(printable(path)), title_justify="left", show_lines=False, expand=False)
        for header in _headers(findings, lang):
            table.add_column(header, overflow="fold")
        for finding, row in zip(findings, _rows(findings, lang)):
            cells = [escape(printable(cell)) for cell in row]
            table.add_row(*cells[:4], f"[{styles[finding.severity]}]{cells[4]}[/]", cells[5])
        console.print(table)
    statuses, clean_count = file_statuses(run)
    if statuses or clean_count > 1:
        console.print(f"[bold]{words['status']}[/]")
        width = max((len(words[s]) for s, *_ in statuses), default=0)
        for status, path, errors, warnings in statuses:
            style = "bold red" if status == "error" else "yellow"
            label = words[status].ljust(width)
            console.print(
                f"  [{style}]{label}[/]  {escape(printable(path))}  ({_counts(words, errors, warnings)})",
                markup=True,
                highlight=False,
            )
        console.print(f"  [green]{_count(words['clean_count'], clean_count)}[/]", highlight=False)
        console.print()
    files, clean, errors, warnings = _summary_numbers(run)
    console.print(f"[bold]{words['summary']}[/]")
    console.print(f"  {words['files']}: {files}")
    console.print(f"  {words['clean_files']}: [green]{clean}[/]")
    console.print(f"  {words['errors']}: [{'bold red' if errors else 'green'}]{errors}[/]")
    console.print(f"  {words['warnings']}: [{'yellow' if warnings else 'green'}]{warnings}[/]")
    return console.export_text(styles=True)


def _count(template: str, n: int) -> str:
    """«1 error», «2 errores»: the template's {n|singular|plural} chosen by `n`."""
    from mec_lint.rule import plural

    return plural(template, {"n": n}).format(n=n)
