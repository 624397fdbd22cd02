"""`--format github`: GitHub Actions workflow commands (annotations) plus the full bitácora.

- `::error file=…,line=…,col=…,title=…::message`, with properties and data escaped as in
  actions/toolkit (`escapeProperty` / `escapeData`); `col` only when the finding has a line and a
  column; workbook findings are file-level annotations with `Hoja!C7` in the message.
- GitHub shows at most 10 error and 10 warning annotations per step (and drops the rest
  silently): the full text report is always printed too, grouped per file, and a note says how many
  findings the annotations could not show.
- A finding shared by many files (one `folioControl` in every member of a lote:
  mec_lint.formatters._shared) is one group in the log, one annotation and one summary row, with
  the number of files and the first names.
- With $GITHUB_STEP_SUMMARY set, a Markdown summary is appended to that file.
"""

from __future__ import annotations

import io
import os

from mec_lint.engine import RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters._escape import for_terminal, markdown, no_commands, no_legacy_commands, printable
from mec_lint.formatters._paths import display_file, split_member
from mec_lint.formatters._shared import shared_where, split_shared

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
STEP_CAP = 10  # annotations of one kind GitHub shows per step

WORDS = {
    "es": {
        "hidden": "mec-lint: GitHub muestra como máximo {cap} anotaciones de tipo {kind} por paso; "
        "{hidden} de {total} no aparecen como anotación. Vea la bitácora completa arriba.",
        "title": "mec-lint: bitácora",
        "files": "Archivos revisados",
        "errors": "Errores",
        "warnings": "Advertencias",
        "clean": "Sin hallazgos.",
        "file": "Archivo",
        "where": "Ubicación",
        "code": "Código",
        "severity": "Severidad",
        "message": "Descripción",
        "more": "… y {count} hallazgos más (vea la bitácora del paso).",
    },
    "en": {
        "hidden": "mec-lint: GitHub shows at most {cap} {kind} annotations per step; "
        "{hidden} of {total} are not shown as annotations. See the full report above.",
        "title": "mec-lint report",
        "files": "Files checked",
        "errors": "Errors",
        "warnings": "Warnings",
        "clean": "No findings.",
        "file": "File",
        "where": "Location",
        "code": "Code",
        "severity": "Severity",
        "message": "Description",
        "more": "… and {count} more findings (see the step log).",
    },
}
SUMMARY_ROWS = 200


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def where(finding: Finding) -> str:
    if finding.sheet:
        return f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
    return str(finding.line) if finding.line else ""


def annotation(finding: Finding, files: str | None = None) -> str:
    """One workflow command; `files` (a shared finding's «in N files of lote.zip: a, b, c and N more»)
    replaces the member's name."""
    properties = [f"file={escape_property(display_file(finding.path))}"]
    if finding.line and finding.line >= 1:
        properties.append(f"line={finding.line}")
        if finding.column and finding.column >= 1:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(f'mec-lint {finding.code}')}")
    message = finding.message
    _, member = split_member(finding.path)
    prefix = [part for part in (files or member, where(finding) if finding.sheet else "") if part]
    if prefix:
        message = f"{' '.join(prefix)}: {message}"
    line = f"::{COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}"
    return no_legacy_commands(line)


def render(run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    return printable(_render(run, lang))


def _render(run: RunResult, lang: str) -> str:
    from mec_lint.formatters import text

    words = WORDS.get(lang, WORDS["es"])
    out = io.StringIO()
    headers = text.HEADERS.get(lang, text.HEADERS["es"])
    shown = for_terminal(run)
    # a finding shared by many files (one folioControl in every member) is one group, one annotation
    shared, rest = split_shared(shown.findings)
    if shared:
        title = text.WORDS.get(lang, text.WORDS["es"])["shared"]
        out.write(f"::group::{escape_data(title)} ({len(shared)})\n")
        for segments in text._shared_lines(shared, lang, None)[1:-1]:
            out.write(no_commands("".join(segment for segment, _ in segments)) + "\n")
        out.write("::endgroup::\n")
    # the bitácora, one collapsible group per file; names and values one line each (annotations
    # escape theirs as workflow-command data below)
    for path, group in text._groups(shown, rest):
        rows = text._rows(group, lang)
        widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(5)]
        out.write(f"::group::{escape_data(path)} ({len(group)})\n")
        for row in [headers, *rows]:
            line = "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[5]
            out.write(no_commands(line) + "\n")  # a value never starts a workflow command
        out.write("::endgroup::\n")
    text._write_summary(out, run, text.WORDS.get(lang, text.WORDS["es"]))
    annotated = _annotated(run, lang)
    for finding, files in annotated:
        out.write(annotation(finding, files) + "\n")
    for severity, kind in COMMANDS.items():
        total = sum(1 for f, _ in annotated if f.severity is severity)
        if total > STEP_CAP:
            note = words["hidden"].format(cap=STEP_CAP, kind=kind, hidden=total - STEP_CAP, total=total)
            out.write(note + "\n")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        write_step_summary(run, summary_file, lang)
    return out.getvalue()


def _annotated(run: RunResult, lang: str) -> list[tuple[Finding, str | None]]:
    """What gets one annotation (and one summary row): each shared finding once, with the files it
    is in, then every other finding; in report order."""
    shared, rest = split_shared(run.findings)
    grouped: list[tuple[Finding, str | None]] = [
        (group.finding, shared_where(group, lang)) for group in shared
    ]
    return grouped + [(finding, None) for finding in rest]


def _cell(text: str) -> str:
    return markdown(text)  # shown literally: no link, image, HTML or table break from a value


def step_summary(run: RunResult, lang: str = "es") -> str:
    words = WORDS.get(lang, WORDS["es"])
    findings = run.findings
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    rows = _annotated(run, lang)
    lines = [
        f"### {words['title']}",
        "",
        f"{words['files']}: **{run.checked_files}** · {words['errors']}: **{errors}** · "
        f"{words['warnings']}: **{warnings}**",
        "",
    ]
    if not findings:
        lines.append(words["clean"])
    else:
        lines += [
            f"| {words['file']} | {words['where']} | {words['code']} | {words['severity']} | {words['message']} |",
            "|---|---|---|---|---|",
        ]
        for finding, files in rows[:SUMMARY_ROWS]:
            lines.append(
                f"| {_cell(files or finding.path)} | {_cell(where(finding) or '-')} | {finding.code} | "
                f"{finding.severity.value} | {_cell(finding.message)} |"
            )
        for severity, kind in COMMANDS.items():
            total = sum(1 for f, _ in rows if f.severity is severity)
            if total > STEP_CAP:
                lines += [
                    "",
                    words["hidden"].format(cap=STEP_CAP, kind=kind, hidden=total - STEP_CAP, total=total),
                ]
        if len(rows) > SUMMARY_ROWS:
            lines += ["", words["more"].format(count=len(rows) - SUMMARY_ROWS)]
    return "\n".join(lines) + "\n"


def write_step_summary(run: RunResult, summary_file: str, lang: str = "es") -> None:
    try:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(step_summary(run, lang))
    except OSError:
        pass  # a summary is a courtesy: never fail the check because of it
