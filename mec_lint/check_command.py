"""What `mec-lint check` does once its options are read: typer-free, so that a plain
`mec-lint check …` starts without importing typer (mec_lint.fast_cli reads the options with the
table generated from the one definition of the command, `check` in mec_lint.cli)."""

from __future__ import annotations

import os

from mec_lint.config import ConfigError
from mec_lint.console import err

LANGS = ("es", "en")


def check_lang(lang: str | None) -> None:
    if lang not in (None, *LANGS):
        raise ConfigError(f"idioma desconocido {lang!r}; use es o en")


def split_codes(values: list[str] | None) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values or []:
        codes.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(codes)


def run_check(
    paths: list[str],
    upload_date: str | None,
    output_format: str,
    select: list[str] | None,
    ignore: list[str] | None,
    schema: str | None,
    lang: str | None,
    color: bool | None,
    cadena_sin_id_entidad: bool,
    config_file: str | None,
    output: str | None,
    baseline: str | None,
    strict: bool,
    max_warnings: int | None,
    exit_zero: bool,
    quiet: bool,
    statistics: bool,
    jobs: int | None,
    expected_count: int | None,
    batch: bool,
    no_progress: bool,
    layout: str | None,
    junit_warnings: str | None,
    # --- options of feature modules go above this line (as in mec_lint.cli's `check`) ---
) -> int:
    """Lint `paths`, write the report; the exit code (usage problems raise ConfigError)."""
    import time

    from mec_lint.config import resolve_config
    from mec_lint.engine import Linter
    from mec_lint.formatters import FORMATS
    from mec_lint.schema import load_schema

    if output_format not in FORMATS:
        raise ConfigError(f"formato desconocido {output_format!r}; use uno de: {', '.join(FORMATS)}")
    check_lang(lang)
    if junit_warnings is not None:  # the junit formatter is imported only when it is asked about
        from mec_lint.formatters.junit import WARNING_MODES

        if junit_warnings not in WARNING_MODES:
            raise ConfigError(f"--junit-warnings {junit_warnings!r}: use {', '.join(WARNING_MODES)}")
    cli_values: dict[str, object] = {
        "upload_date": upload_date,
        "select": split_codes(select) if select else None,
        "ignore": split_codes(ignore) if ignore else None,
        "schema_path": schema,
        "lang": lang,
        "include_id_entidad": False if cadena_sin_id_entidad else None,
        "baseline": baseline,
        "jobs": jobs,
        "expected_count": expected_count,
        "batch_folders": True if batch else None,
        "progress": not no_progress,
        "layout_path": layout,
        # --- values of feature options go above this line (Config field name: value) ---
    }
    from mec_lint.report import (
        ReportOptions,
        check_output_target,
        emit,
        protected_files,
        validate_options,
        warn_plugin_errors,
        warn_upload_date_from_today,
    )

    report_options = ReportOptions(
        output_format=output_format,
        output=output,
        color=color,
        strict=strict,
        max_warnings=max_warnings,
        exit_zero=exit_zero,
        quiet=quiet,
        statistics=statistics,
        junit_warnings=junit_warnings,
    )
    validate_options(report_options, paths)
    config, origins = resolve_config(cli_values, config_file)
    if output:  # nor onto the configuration, layout, baseline or schema the run reads
        check_output_target(output, paths, protected_files(config))
    warn_plugin_errors(config.lang)
    load_schema(config.schema_path)  # a broken --schema is a usage error before any file is read
    if config.layout_path and not os.path.isfile(config.layout_path):
        raise ConfigError(f"no existe el Programa de Estudios (--layout / layout): {config.layout_path}")
    linter = Linter(config)
    started = time.monotonic()
    run = linter.run(paths)
    run.elapsed = time.monotonic() - started
    for finding in run.usage_findings:  # a missing path, an empty folder: on stderr too, whatever the format
        err(f"mec-lint: error de uso: {finding.message}")
    if "upload_date" not in origins and not run.usage_error and {"FEC001", "FEC002"} & set(linter.enabled):
        warn_upload_date_from_today(config)
    return emit(run, config, report_options)
