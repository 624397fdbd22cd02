"""Command line: `mec-lint check|rules|explain` (help texts in Spanish)."""

from __future__ import annotations

import json
import sys

import typer

from mec_lint import __version__
from mec_lint.config import ConfigError
from mec_lint.findings import Severity

app = typer.Typer(
    name="mec-lint",
    help="Revisa certificados electrónicos (Dec 3.0) y layouts del MEC de la SEP antes de cargarlos.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMAT_HELP = "Formato de salida: text (bitácora), json."


def _codes(values: list[str] | None) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values or []:
        codes.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(codes)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mec-lint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Muestra la versión y termina."
    ),
) -> None:
    """Revisa certificados electrónicos (Dec 3.0) y layouts del MEC de la SEP antes de cargarlos."""


@app.command("check")
def check(
    paths: list[str] = typer.Argument(
        ..., help="Archivos .xml, .zip o .xlsx, o carpetas (se recorren completas)."
    ),
    upload_date: str | None = typer.Option(
        None, "--upload-date", help="Fecha de carga al MEC, AAAA-MM-DD (por omisión, hoy)."
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
    select: list[str] | None = typer.Option(
        None,
        "--select",
        help="Sólo estas reglas: códigos o prefijos separados por comas (p. ej. CUR,XSD001).",
    ),
    ignore: list[str] | None = typer.Option(
        None, "--ignore", help="Omite estas reglas: códigos o prefijos separados por comas."
    ),
    schema: str | None = typer.Option(
        None, "--schema", help="Otro XSD para validar (p. ej. el oficial); por omisión, el incluido."
    ),
    lang: str | None = typer.Option(None, "--lang", help="Idioma de los mensajes: es (por omisión) o en."),
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Forzar o quitar colores (por omisión, sólo en una terminal)."
    ),
    # --- options of feature modules go above this line (one typer.Option each) ---
) -> None:
    """Revisa certificados, lotes .zip y layouts .xlsx y muestra la bitácora de errores."""
    from mec_lint.config import load_config
    from mec_lint.engine import Linter
    from mec_lint.formatters import FORMATS, render
    from mec_lint.schema import load_schema

    if output_format not in FORMATS:
        raise ConfigError(f"formato desconocido {output_format!r}; use uno de: {', '.join(FORMATS)}")
    if lang not in (None, "es", "en"):
        raise ConfigError(f"idioma desconocido {lang!r}; use es o en")
    cli_values: dict[str, object] = {
        "upload_date": upload_date,
        "select": _codes(select) if select else None,
        "ignore": _codes(ignore) if ignore else None,
        "schema_path": schema,
        "lang": lang,
        # --- values of feature options go above this line (Config field name: value) ---
    }
    config = load_config(cli_values)
    load_schema(config.schema_path)  # a broken --schema is a usage error before any file is read
    linter = Linter(config)
    run = linter.run(paths)
    use_color = sys.stdout.isatty() if color is None else color
    sys.stdout.write(
        render(output_format, run, color=use_color and output_format == "text", lang=config.lang)
    )
    sys.stdout.flush()
    raise typer.Exit(run.exit_code)


@app.command("rules")
def rules_command(
    output_format: str = typer.Option("text", "--format", "-f", help="text o json."),
    lang: str = typer.Option("es", "--lang", help="Idioma: es o en."),
) -> None:
    """Lista las reglas: código, nombre, severidad y resumen."""
    from mec_lint.registry import load_registry

    registry = load_registry()
    rules = [registry.rules[code] for code in sorted(registry.rules)]
    if output_format == "json":
        data = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity.value,
                "summary": rule.summary_for(lang),
                "spec": rule.spec,
                "source": registry.checker_of[rule.code].source,
                "options": {
                    name: {"default": opt.default, "description": opt.description}
                    for name, opt in rule.options.items()
                },
            }
            for rule in rules
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if output_format != "text":
        raise ConfigError(f"formato desconocido {output_format!r}; use text o json")
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        severity = {"error": "error", "warning": "advert.", "info": "info"}[rule.severity.value]
        typer.echo(f"{rule.code:<8} {rule.name:<{width}}  {severity:<8} {rule.summary_for(lang)}")


@app.command("explain")
def explain(code: str = typer.Argument(..., help="Código de la regla, p. ej. CUR004.")) -> None:
    """Explica una regla: por qué existe, un ejemplo que falla, uno que pasa y la sección de la especificación."""
    from mec_lint.docs import explain_text
    from mec_lint.registry import load_registry

    rule = load_registry().rule(code)
    typer.echo(explain_text(rule))


def main() -> None:
    try:
        app()
    except ConfigError as exc:
        sys.stderr.write(f"mec-lint: error de uso o configuración: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("mec-lint: interrumpido\n")
        sys.exit(2)


__all__ = ["app", "main", "Severity"]
