"""Resolved configuration: what the CLI, configuration files and defaults decide together."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mec_lint.findings import Severity
from mec_lint.record import Record


class ConfigError(Exception):
    """A usage or configuration problem (exit code 2)."""


class Limits(Record):
    """Bounds against hostile or broken input (documented in SECURITY.md)."""

    __slots__ = (
        "max_file_bytes",
        "max_zip_members",
        "max_zip_total_bytes",
        "max_zip_ratio",
        "zip_ratio_min_bytes",
        "max_zip_file_bytes",
        "max_depth",
        "max_value_chars",
        "max_elements",
        "max_attributes",
        "max_workbook_rows",
        "max_workbook_cells",
        "max_workbook_columns",
        "max_workbook_part_bytes",
        "max_findings_per_code",
    )

    def __init__(
        self,
        max_file_bytes: int = 20 * 1024 * 1024,
        max_zip_members: int = 20_000,
        max_zip_total_bytes: int = 2 * 1024 * 1024 * 1024,
        max_zip_ratio: float = 200.0,
        zip_ratio_min_bytes: int = 1024 * 1024,  # the ratio test applies once a member passes this size
        max_zip_file_bytes: int = 1024 * 1024 * 1024,  # the .zip itself (read from disk, never loaded whole)
        max_depth: int = 64,
        max_value_chars: int = 100_000,  # one attribute value or text node (real values: < 4 000)
        max_elements: int = 10_000,  # elements, comments, PIs of one certificate (real: ~10 + one per subject)
        max_attributes: int = 100_000,  # attributes of one certificate (real: ~60 + 5 per subject)
        max_workbook_rows: int = 200_000,
        max_workbook_cells: int = 5_000_000,
        max_workbook_columns: int = 1_000,  # columns read per sheet (a layout has about 20; Excel allows 16,384)
        max_workbook_part_bytes: int = 64
        * 1024
        * 1024,  # one part of an .xlsx, inflated (sheet, shared strings…)
        max_findings_per_code: int = 200,  # per file: the first N of one code, then one summary finding
    ) -> None:
        self.max_file_bytes = max_file_bytes
        self.max_zip_members = max_zip_members
        self.max_zip_total_bytes = max_zip_total_bytes
        self.max_zip_ratio = max_zip_ratio
        self.zip_ratio_min_bytes = zip_ratio_min_bytes
        self.max_zip_file_bytes = max_zip_file_bytes
        self.max_depth = max_depth
        self.max_value_chars = max_value_chars
        self.max_elements = max_elements
        self.max_attributes = max_attributes
        self.max_workbook_rows = max_workbook_rows
        self.max_workbook_cells = max_workbook_cells
        self.max_workbook_columns = max_workbook_columns
        self.max_workbook_part_bytes = max_workbook_part_bytes
        self.max_findings_per_code = max_findings_per_code


class Config(Record):
    __slots__ = (
        "upload_date",
        "select",
        "ignore",
        "severity",
        "rule_options",
        "per_file_ignores",
        "catalogs",
        "schema_path",
        "lang",
        "layout_path",
        "signers",
        "header_aliases",
        "limits",
        "expected_count",
        "batch_folders",
        "jobs",
        "progress",
        "include_id_entidad",
        "source",
        "baseline",
    )

    def __init__(
        self,
        upload_date: dt.date | None = None,  # None: today
        select: tuple[str, ...] = (),  # empty: every rule
        ignore: tuple[str, ...] = (),
        severity: dict[str, Severity] | None = None,  # code -> severity
        rule_options: dict[str, dict[str, Any]] | None = None,  # code -> {option: value}
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,  # glob -> codes
        catalogs: dict[str, dict[str, str]] | None = None,
        schema_path: str | None = None,
        lang: str = "es",
        layout_path: str | None = None,
        signers: tuple[dict[str, str], ...] = (),  # {"campus", "curp", "noCertificado"}
        header_aliases: dict[str, tuple[str, ...]] | None = None,
        limits: Limits | None = None,
        expected_count: int | None = None,
        batch_folders: bool = False,
        jobs: int | None = None,  # worker processes; None: CPU count
        progress: bool = False,  # the CLI sets it (unless --no-progress); shown only on a terminal
        include_id_entidad: bool = True,  # cadena original variant (dec-3.0.md §3.3)
        source: str | None = None,  # where the configuration file was found
        baseline: str | None = None,  # waivers file (mec-lint baseline), see mec_lint/baseline.py
    ) -> None:
        self.upload_date: dt.date = dt.date.today() if upload_date is None else upload_date
        self.select = select
        self.ignore = ignore
        self.severity: dict[str, Severity] = {} if severity is None else severity
        self.rule_options: dict[str, dict[str, Any]] = {} if rule_options is None else rule_options
        self.per_file_ignores: dict[str, tuple[str, ...]] = (
            {} if per_file_ignores is None else per_file_ignores
        )
        self.catalogs: dict[str, dict[str, str]] = {} if catalogs is None else catalogs
        self.schema_path = schema_path
        self.lang = lang
        self.layout_path = layout_path
        self.signers = signers
        self.header_aliases: dict[str, tuple[str, ...]] = {} if header_aliases is None else header_aliases
        self.limits: Limits = Limits() if limits is None else limits
        self.expected_count = expected_count
        self.batch_folders = batch_folders
        self.jobs = jobs
        self.progress = progress
        self.include_id_entidad = include_id_entidad
        self.source = source
        self.baseline = baseline


def load_config(
    cli_values: dict[str, Any], config_file: str | None = None, *, discover: bool = True
) -> Config:
    """Merge defaults, the configuration file (if any) and the command line (which wins).

    `cli_values` holds only the options the user actually gave, by Config field name.
    Without `config_file`, `.mec-lint.yaml`/`.yml` or `[tool.mec-lint]` in `pyproject.toml`
    is searched upward from the current directory (unless `discover` is False).
    """
    return resolve_config(cli_values, config_file, discover=discover)[0]


def resolve_config(
    cli_values: dict[str, Any], config_file: str | None = None, *, discover: bool = True
) -> tuple[Config, dict[str, str]]:
    """`load_config` plus where each non-default value came from (Config field -> origin)."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if config_file is None and discover:
        from mec_lint.config_file import find_config_file

        config_file = find_config_file()
    if config_file is not None:
        from mec_lint.config_file import read_config_file

        file_values = read_config_file(config_file)
        values.update(file_values)
        values["source"] = config_file
        origins.update({key: config_file for key in file_values})
    given = {key: value for key, value in cli_values.items() if value is not None}
    values.update(given)
    origins.update({key: "línea de órdenes" for key in given})
    if isinstance(values.get("upload_date"), str):
        values["upload_date"] = parse_upload_date(values["upload_date"])
    for key in ("select", "ignore"):
        if key in values:
            values[key] = tuple(values[key])
    unknown = set(values) - set(Config.FIELDS)
    if unknown:
        raise ConfigError(f"opciones desconocidas: {', '.join(sorted(unknown))}")
    return Config(**values), origins


def parse_upload_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(
            f"fecha de carga inválida: {text!r}; se espera AAAA-MM-DD, por ejemplo 2026-11-26"
        ) from exc
