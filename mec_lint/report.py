"""After a run: which findings to show, where the report goes, and the exit code.

Exit codes (the CI contract; never a count):

| code | meaning |
|---|---|
| 0 | no errors (with `--strict`: no warnings either; with `--max-warnings N`: at most N), or `--exit-zero` |
| 1 | errors found, or warnings under `--strict` / over `--max-warnings` |
| 2 | usage or configuration error, missing input, broken baseline or schema, or an internal error (MEC900) |
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

from mec_lint.config import Config, ConfigError
from mec_lint.engine import FileResult, RunResult
from mec_lint.findings import Severity
from mec_lint.record import Record

WORDS = {
    "es": {"statistics": "Estadísticas (hallazgos por código)", "plugin": "advertencia"},
    "en": {"statistics": "Statistics (findings per code)", "plugin": "warning"},
}


class ReportOptions(Record):
    __slots__ = (
        "output_format",
        "output",
        "color",
        "strict",
        "max_warnings",
        "exit_zero",
        "quiet",
        "statistics",
        "junit_warnings",
    )

    def __init__(
        self,
        output_format: str = "text",
        output: str | None = None,
        color: bool | None = None,
        strict: bool = False,
        max_warnings: int | None = None,
        exit_zero: bool = False,
        quiet: bool = False,
        statistics: bool = False,
        # system-out | skipped | failure; None: failure only if warnings fail
        junit_warnings: str | None = None,
    ) -> None:
        self.output_format = output_format
        self.output = output
        self.color = color
        self.strict = strict
        self.max_warnings = max_warnings
        self.exit_zero = exit_zero
        self.quiet = quiet
        self.statistics = statistics
        self.junit_warnings = junit_warnings


def exit_code(run: RunResult, options: ReportOptions) -> int:
    """0/1/2 from the full run (--quiet hides warnings only when they do not fail the run)."""
    if run.usage_error or run.internal_error:
        return 2
    if options.exit_zero:
        return 0
    if run.count(Severity.ERROR):
        return 1
    return 1 if warnings_fail(run, options) else 0


def warnings_fail(run: RunResult, options: ReportOptions) -> bool:
    """--strict with any warning, or more warnings than --max-warnings (and no --exit-zero)."""
    if options.exit_zero:
        return False
    warnings = run.count(Severity.WARNING)
    if options.strict and warnings:
        return True
    return options.max_warnings is not None and warnings > options.max_warnings


def errors_only(run: RunResult) -> RunResult:
    """The run as `--quiet` shows it: only error findings."""
    files = [
        result.replace(findings=[f for f in result.findings if f.severity is Severity.ERROR])
        if isinstance(result, FileResult)
        else result
        for result in run.files
    ]
    extra = [f for f in run.extra if f.severity is Severity.ERROR]
    return run.replace(files=files, extra=extra)


def statistics_text(run: RunResult, lang: str = "es") -> str:
    from mec_lint.registry import load_registry

    registry = load_registry()
    findings = run.findings
    counts = Counter(f.code for f in findings)
    severities: dict[str, set[str]] = {}
    for finding in findings:
        severities.setdefault(finding.code, set()).add(finding.severity.value)
    if not counts:
        return ""
    words = WORDS.get(lang, WORDS["es"])
    width = max(len(str(n)) for n in counts.values())
    lines = [words["statistics"]]
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = registry.rules.get(code)
        name = rule.name if rule is not None else ""
        lines.append(f"  {count:>{width}}  {code:<8} {name}  [{'/'.join(sorted(severities[code]))}]")
    return "\n".join(lines) + "\n"


def check_output_target(
    output: str, paths: list[str], protected: Iterable[tuple[str, str | None]] = ()
) -> None:
    """Refuse to write the report onto an input, where a folder walk would lint it, or onto the
    configuration, layout, baseline or schema (mec_lint.output_file)."""
    from mec_lint.output_file import check_target

    check_target(output, paths, protected)


def protected_files(config: Config) -> list[tuple[str, str | None]]:
    """The files a run reads besides its inputs: --output never overwrites them."""
    return [
        ("el archivo de configuración", config.source),
        ("el Programa de Estudios (--layout)", config.layout_path),
        ("el archivo de dispensas (--baseline)", config.baseline),
        ("el esquema (--schema)", config.schema_path),
    ]


def validate_options(options: ReportOptions, paths: list[str]) -> None:
    from mec_lint.formatters import BINARY_FORMATS

    if options.output_format in BINARY_FORMATS and not options.output:
        raise ConfigError(
            f"el formato {options.output_format} es binario: indique --output ARCHIVO.{options.output_format}"
        )
    if options.max_warnings is not None and options.max_warnings < 0:
        raise ConfigError("--max-warnings debe ser 0 o más")
    if options.output:
        check_output_target(options.output, paths)


def warn_plugin_errors(lang: str = "es") -> None:
    """A plugin that failed to load is a warning on stderr, never fatal."""
    from mec_lint.console import err
    from mec_lint.registry import load_registry

    word = WORDS.get(lang, WORDS["es"])["plugin"]
    for error in load_registry().load_errors:
        err(f"mec-lint: {word}: {error}")


# UTF-8 bytes on stdout whatever the console: what their readers expect (html declares UTF-8).
MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "csv", "html"})


def emit(run: RunResult, config: Config, options: ReportOptions) -> int:
    """Write the report (stdout or --output) and statistics; return the exit code.

    Standard output goes through mec_lint.console: the bitácora in the console's encoding (or
    rich's console when coloured), machine formats as UTF-8 bytes (what their readers expect)."""
    from mec_lint import console
    from mec_lint.formatters import BINARY_FORMATS, render, render_bytes

    code = exit_code(run, options)
    hide_warnings = options.quiet and not warnings_fail(run, options)  # failing warnings stay visible
    shown = errors_only(run) if hide_warnings else run
    is_text = options.output_format == "text"
    statistics = statistics_text(shown, config.lang) if options.statistics else ""
    if statistics and not is_text:
        console.err(statistics, end="")
    if is_text and hide_warnings and not shown.count(Severity.ERROR):
        if options.output:
            _write_file(options.output, b"")
        return code  # --quiet: nothing to say unless there are errors
    extra: dict[str, Any] = (
        {"junit_warnings": _junit_warnings(run, options)} if options.output_format == "junit" else {}
    )
    if options.output and (options.output != "-" or options.output_format in BINARY_FORMATS):
        data = render_bytes(options.output_format, shown, lang=config.lang, **extra)
        if is_text and statistics:
            data += b"\n" + statistics.encode("utf-8")
        _write_file(options.output, data)  # a device or a pipe: streamed; a file: replaced atomically
        return code
    if is_text:
        from mec_lint.formatters.text import print_report
        from mec_lint.formatters.text import render as render_text

        width = console.terminal_width()
        if console.use_color(options.color):
            print_report(shown, console.rich_console(color=True, width=width), lang=config.lang, width=width)
        else:
            console.out(render_text(shown, lang=config.lang, width=width), end="")
        if statistics:
            console.out("\n" + statistics, end="")
    elif options.output_format in MACHINE_FORMATS:
        console.out_bytes(render_bytes(options.output_format, shown, lang=config.lang, **extra))
    else:
        console.out(render(options.output_format, shown, lang=config.lang), end="")
    return code


def _junit_warnings(run: RunResult, options: ReportOptions) -> str:
    """How JUnit shows warnings: as asked, else `failure` only when warnings fail the run."""
    if options.junit_warnings:
        return options.junit_warnings
    return "failure" if warnings_fail(run, options) else "system-out"


def warn_upload_date_from_today(config: Config) -> None:
    """Unattended (stdout not a terminal: pre-commit, CI) without a fecha de carga: say that the
    90-day window of the fecha de expedición is counted from today, so a pass may not hold later."""
    from mec_lint import console

    if console.is_terminal(sys.stdout):
        return
    words = {
        "es": "advertencia: no se indicó la fecha de carga (--upload-date o upload-date en la "
        "configuración); la ventana de 1 a 90 días de la fecha de expedición se calcula desde hoy, {day}",
        "en": "warning: no upload date given (--upload-date or upload-date in the configuration); "
        "the 1-90 day window of the issue date is counted from today, {day}",
    }
    text = words.get(config.lang, words["es"]).format(day=config.upload_date.isoformat())
    console.err(f"mec-lint: {text}")


def _write_file(path: str, data: bytes) -> None:
    from mec_lint.output_file import write

    write(path, data)
