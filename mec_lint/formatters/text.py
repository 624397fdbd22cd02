"""The default output: a bitácora (per file a table of findings, then a summary).

Layout, for people at a terminal as they are:

- a finding identical in many files (the same code, node, attribute and value in `GROUP_MIN` or
  more files: e.g. one `folioControl` shared by every member of a lote) is printed once, with the
  number of files and the first names (`json`, `sarif`, `csv`… keep one finding per file);
- at a known width (a terminal, or `COLUMNS`) too narrow for the table to leave the description
  `MIN_DESCRIPTION` columns, each finding is stacked: `línea · nodo · atributo · código` on one
  line, the description wrapped under it; piped output (no width) keeps one finding per line;
- the summary says which fecha de carga the date rules used.

Colour (`color=True`) is rich's: `print_report(run, console, ...)` prints to a rich Console
(mec_lint.console.rich_console), `render(..., color=True)` records the same as ANSI text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from mec_lint.engine import FileResult, RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import for_terminal, no_commands, printable
from mec_lint.formatters._shared import Shared, only_shared_paths, shared_where, split_shared

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
        "shared": "Hallazgos repetidos en muchos archivos (uno por archivo en json, sarif y csv)",
        "only_shared": "{n} {n|archivo|archivos} sólo con hallazgos repetidos (arriba)",
        "upload_date": "Fecha de carga",
        "today": "hoy: use --upload-date para otra fecha",
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
        "shared": "Findings repeated in many files (one per file in json, sarif and csv)",
        "only_shared": "{n} {n|file|files} with only repeated findings (above)",
        "upload_date": "Upload date",
        "today": "today: use --upload-date for another date",
    },
}
VALUE_WIDTH = 40
MIN_DESCRIPTION = 40  # narrower than this, the description column no longer reads well: stack
INDENT = "  "
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


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


def _groups(run: RunResult, findings: Iterable[Finding] | None = None) -> list[tuple[str, list[Finding]]]:
    by_path: dict[str, list[Finding]] = {}
    for finding in run.findings if findings is None else findings:
        by_path.setdefault(finding.path, []).append(finding)
    return sorted(by_path.items())


def _summary_numbers(run: RunResult) -> tuple[int, int, int, int]:
    checked = [r for r in run.files if r.checked]
    clean = sum(1 for r in checked if r.status != "error")
    return len(checked), clean, run.count(Severity.ERROR), run.count(Severity.WARNING)


# --- the report as lines of styled segments (plain text joins them, rich styles them) -------------

Segment = tuple[str, str]  # (text, rich style or "")
Line = list[Segment]


def _wrap(text: str, width: int | None, indent: str) -> list[str]:
    if width is None:
        return [indent + text]
    import textwrap  # only for a known width (a terminal): its import compiles regexes

    return textwrap.wrap(
        text,
        width=max(width, len(indent) + 20),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [indent]


def _stacked(finding: Finding, lang: str, width: int | None, head_extra: str = "") -> list[Line]:
    words = WORDS.get(lang, WORDS["es"])
    where = " · ".join(part for part in (_location(finding), _node(finding), finding.attribute or "-"))
    head: Line = [
        (INDENT + where + " · ", ""),
        (finding.code, STYLES[finding.severity]),
        (" " + words[finding.severity.value] + head_extra, STYLES[finding.severity]),
    ]
    body = [[(line, "")] for line in _wrap(_one_line(finding.message), width, INDENT * 3)]
    return [head, *body]


def _table_fits(rows: list[tuple[str, ...]], headers: tuple[str, ...], width: int | None, rich: bool) -> bool:
    if width is None:
        return True
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(5)]
    fixed = sum(widths) + (3 * 6 + 1 if rich else len(INDENT) + 2 * 5)
    return width - fixed >= MIN_DESCRIPTION


def _table_lines(findings: list[Finding], lang: str, width: int | None) -> list[Line]:
    headers = _headers(findings, lang)
    rows = _rows(findings, lang)
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(5)]
    start = len(INDENT) + sum(w + 2 for w in widths)
    lines: list[Line] = [
        [(INDENT + "  ".join(h.ljust(w) for h, w in zip(headers, widths)) + "  " + headers[5], "")]
    ]
    for finding, row in zip(findings, rows):
        cells = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths))
        description = _wrap(row[5], None if width is None else width, " " * start)
        first = description[0][start:]
        lines.append(
            [
                (INDENT + cells + "  ", ""),
                (row[4].ljust(widths[4]), STYLES[finding.severity]),
                ("  " + first, ""),
            ]
        )
        lines.extend([[(more, "")] for more in description[1:]])
    return lines


def _shared_lines(shared: list[Shared], lang: str, width: int | None) -> list[Line]:
    words = WORDS.get(lang, WORDS["es"])
    lines: list[Line] = [[(words["shared"], "bold")]]
    for group in shared:
        lines.extend(_stacked(group.finding, lang, width))
        lines.extend([[(line, "")] for line in _wrap(shared_where(group, lang), width, INDENT * 3)])
    lines.append([])
    return lines


def _status_lines(run: RunResult, lang: str, only_shared: set[str]) -> list[Line]:
    words = WORDS.get(lang, WORDS["es"])
    statuses, clean_count = file_statuses(run)
    if not statuses and clean_count <= 1:
        return []
    listed = [row for row in statuses if row[1] not in only_shared]
    hidden = [row for row in statuses if row[1] in only_shared]
    lines: list[Line] = [[(words["status"], "bold")]]
    width = max((len(words[s]) for s, *_ in statuses), default=0)
    for status, path, errors, warnings in listed:
        style = "bold red" if status == "error" else "yellow"
        lines.append(
            [
                (INDENT, ""),
                (words[status].ljust(width), style),
                (f"  {path}  ({_counts(words, errors, warnings)})", ""),
            ]
        )
    for status in ("error", "warning"):
        count = sum(1 for row in hidden if row[0] == status)
        if count:
            style = "bold red" if status == "error" else "yellow"
            lines.append(
                [
                    (INDENT, ""),
                    (words[status].ljust(width), style),
                    ("  " + _count(words["only_shared"], count), ""),
                ]
            )
    lines.append([(INDENT + _count(words["clean_count"], clean_count), "green")])
    lines.append([])
    return lines


def _summary_lines(run: RunResult, lang: str) -> list[Line]:
    words = WORDS.get(lang, WORDS["es"])
    files, clean, errors, warnings = _summary_numbers(run)
    lines: list[Line] = [
        [(words["summary"], "bold")],
        [(f"{INDENT}{words['files']}: {files}", "")],
        [(f"{INDENT}{words['clean_files']}: ", ""), (str(clean), "green")],
        [(f"{INDENT}{words['errors']}: ", ""), (str(errors), "bold red" if errors else "green")],
        [(f"{INDENT}{words['warnings']}: ", ""), (str(warnings), "yellow" if warnings else "green")],
    ]
    upload_date = getattr(run, "upload_date", None)
    if upload_date is not None:
        note = f" ({words['today']})" if upload_date == dt.date.today() else ""
        lines.append([(f"{INDENT}{words['upload_date']}: {upload_date.isoformat()}{note}", "")])
    return lines


def _lines(
    run: RunResult, lang: str, width: int | None, rich: bool
) -> Iterable[Line | tuple[str, list[Finding]]]:
    """The report, in order: a styled line, or (path, findings) for a file table that fits."""
    shared, rest = split_shared(run.findings)
    if shared:
        yield from _shared_lines(shared, lang, width)
    for path, findings in _groups(run, rest):
        headers = _headers(findings, lang)
        if _table_fits(_rows(findings, lang), headers, width, rich):
            yield (path, findings)
            continue
        yield [(path, "bold")]
        for finding in findings:
            yield from _stacked(finding, lang, width)
        yield []
    yield from _status_lines(run, lang, only_shared_paths(shared, rest))
    yield from _summary_lines(run, lang)


def render(run: RunResult, *, color: bool = False, lang: str = "es", width: int | None = None) -> str:
    """The bitácora as text: plain, or (color) rich's ANSI rendering at `width` (default 120)."""
    run = for_terminal(run)  # names and values from the inputs: one line each, no controls
    if color:
        from mec_lint.console import rich_console

        buffer = io.StringIO()
        console = rich_console(buffer, color=True, width=width or 120)
        console.file = buffer  # record straight into the buffer (UTF-8 text)
        print_report(run, console, lang=lang, width=width or 120)
        return buffer.getvalue()
    return printable(no_commands(_render_plain(run, lang, width)))


def _render_plain(run: RunResult, lang: str, width: int | None = None) -> str:
    out = io.StringIO()
    for item in _lines(run, lang, width, rich=False):
        if isinstance(item, tuple):
            path, findings = item
            out.write(path + "\n")
            for line in _table_lines(findings, lang, width):
                out.write("".join(text for text, _ in line).rstrip() + "\n")
            out.write("\n")
        else:
            out.write("".join(text for text, _ in item) + "\n")
    return out.getvalue()


def print_report(run: RunResult, console: Any, *, lang: str = "es", width: int | None = None) -> None:
    """The bitácora printed on a rich Console (colours, tables at a wide terminal)."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    run = for_terminal(run)  # names and values from the inputs: one line each, no controls
    for item in _lines(run, lang, width, rich=True):
        if isinstance(item, tuple):
            path, findings = item
            table = Table(title=escape(printable(path)), title_justify="left", show_lines=False, expand=False)
            for header in _headers(findings, lang):
                table.add_column(header, overflow="fold")
            for finding, row in zip(findings, _rows(findings, lang)):
                cells = [printable(cell) for cell in row]
                plain = [escape(cell) for cell in cells]  # a value like «[/b]» is text, never markup
                table.add_row(*plain[:4], Text(cells[4], style=STYLES[finding.severity]), plain[5])
            console.print(table)
        else:
            console.print(Text.assemble(*((printable(text), style) for text, style in item)), no_wrap=True)


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
    lang = next((key for key, value in WORDS.items() if value is words), "es")
    for line in _summary_lines(run, lang):
        out.write("".join(text for text, _ in line) + "\n")


def status_line(result: FileResult, words: dict[str, str]) -> str:
    return words.get(result.status, result.status)


def _count(template: str, n: int) -> str:
    """«1 error», «2 errores»: the template's {n|singular|plural} chosen by `n`."""
    from mec_lint.rule import plural

    return plural(template, {"n": n}).format(n=n)
