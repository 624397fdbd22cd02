"""Command line: `mec-lint check|rules|explain` (help texts in Spanish)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn

import typer
import typer.core

from mec_lint import __version__, check_command
from mec_lint.check_command import check_lang as _check_lang
from mec_lint.config import ConfigError
from mec_lint.console import err, out
from mec_lint.findings import Severity
from mec_lint.os_errors import describe as describe_os_error
from mec_lint.usage_errors import UsageError


class _Group(typer.core.TyperGroup):
    """Every command: a usage or configuration problem is a message and exit code 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            err(f"mec-lint: error de uso o configuración: {exc}")
            raise typer.Exit(2) from None
        except UsageError as exc:
            _usage_error(exc)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            _usage_error(exc)

    def get_help(self, ctx: Any) -> str:
        from mec_lint.help_es import translate

        return translate(super().get_help(ctx))


class _Command(typer.core.TyperCommand):
    """A command whose help screen is all Spanish (click's own words included)."""

    def get_help(self, ctx: Any) -> str:
        from mec_lint.help_es import translate

        return translate(super().get_help(ctx))


def _usage_error(exc: Any) -> NoReturn:
    """Click's multi-line English usage error -> one Spanish line on stderr, exit 2."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        raise exc  # `mec-lint` alone: click prints the help
    from mec_lint.usage_errors import usage_message

    err(usage_message(exc))
    raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    name="mec-lint",
    help="Revisa certificados electrónicos (Dec 3.0) y layouts del MEC de la SEP antes de cargarlos.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMAT_HELP = (
    "Formato de salida: text (bitácora), json, sarif, github, junit, csv, xlsx (con --output), "
    "html (página autocontenida)."
)


def _version(value: bool) -> None:
    if value:
        out(f"mec-lint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Muestra la versión y termina."
    ),
) -> None:
    """Revisa certificados electrónicos (Dec 3.0) y layouts del MEC de la SEP antes de cargarlos."""


@app.command("check", cls=_Command)
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
    cadena_sin_id_entidad: bool = typer.Option(
        False,
        "--cadena-sin-id-entidad",
        help="Verifica el sello con la cadena original SIN ServicioFirmante/@idEntidad (referencia Dec 3.0, §3.3).",
    ),
    config_file: str | None = typer.Option(
        None,
        "--config",
        help="Archivo de configuración (.mec-lint.yaml o pyproject.toml); por omisión se busca "
        "hacia arriba desde la carpeta actual.",
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Escribe el reporte en este archivo (obligatorio con --format xlsx)."
    ),
    baseline: str | None = typer.Option(
        None, "--baseline", help="Archivo de dispensas (mec-lint baseline): omite esos hallazgos."
    ),
    strict: bool = typer.Option(False, "--strict", help="Las advertencias también fallan (código 1)."),
    max_warnings: int | None = typer.Option(
        None, "--max-warnings", help="Falla (código 1) si hay más de N advertencias."
    ),
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="Termina con 0 aunque haya hallazgos (2 sigue indicando error de uso)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Sólo errores; sin resumen si no hay errores."),
    statistics: bool = typer.Option(
        False, "--statistics", help="Cuenta los hallazgos por código (en text; en otros formatos, a stderr)."
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Procesos en paralelo (por omisión, uno por CPU)."
    ),
    expected_count: int | None = typer.Option(
        None, "--expected-count", min=1, help="Cantidad exacta de certificados que ampara el folio del lote."
    ),
    batch: bool = typer.Option(
        False, "--batch", help="Trata cada carpeta indicada como un lote (reglas entre archivos, LOT)."
    ),
    no_progress: bool = typer.Option(
        False, "--no-progress", help="Sin barra de progreso (sólo se muestra en una terminal)."
    ),
    layout: str | None = typer.Option(
        None,
        "--layout",
        help="Programa de Estudios (.xlsx) registrado: compara cada certificado con él (reglas XLY).",
    ),
    junit_warnings: str | None = typer.Option(
        None,
        "--junit-warnings",
        help="Con --format junit, cómo se muestran las advertencias: system-out (por omisión, la prueba "
        "pasa), skipped o failure (por omisión con --strict o --max-warnings excedido).",
    ),
    # --- options of feature modules go above this line (one typer.Option each) ---
) -> None:
    """Revisa certificados, lotes .zip y layouts .xlsx y muestra la bitácora de errores."""
    # the run itself is typer-free: a plain `mec-lint check …` runs it without typer (mec_lint.fast_cli)
    raise typer.Exit(check_command.run_check(**locals()))


@app.command("serve", cls=_Command)
def serve_command(
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Dirección de escucha; otra que este equipo expone datos personales.",
    ),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Puerto (0: uno libre)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="No abre el navegador."),
    config_file: str | None = typer.Option(None, "--config", help="Archivo de configuración."),
) -> None:
    """Abre una página local para revisar archivos sin usar la terminal (arrastre su lote)."""
    from mec_lint.web.server import serve

    serve(host, port, open_browser=not no_browser, config_file=config_file)


@app.command("rules", cls=_Command)
def rules_command(
    output_format: str = typer.Option("text", "--format", "-f", help="text, json o markdown."),
    lang: str = typer.Option("es", "--lang", help="Idioma: es o en."),
) -> None:
    """Lista las reglas: código, nombre, severidad y resumen."""
    from mec_lint.docs import EXPLAIN_WORDS, rule_texts
    from mec_lint.registry import load_registry
    from mec_lint.report import warn_plugin_errors

    _check_lang(lang)
    if output_format not in ("text", "json", "markdown"):
        raise ConfigError(f"formato desconocido {output_format!r}; use text, json o markdown")
    registry = load_registry()
    warn_plugin_errors(lang)
    rules = [registry.rules[code] for code in sorted(registry.rules)]
    if output_format == "markdown":
        from mec_lint.docs import rules_markdown

        out(rules_markdown(rules, lang), end="")
        return
    if output_format == "json":
        texts = {rule.code: rule_texts(rule, lang) for rule in rules}
        data = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.severity.value,
                "summary": rule.summary_for(lang),
                "spec": texts[rule.code].spec,
                "source": registry.checker_of[rule.code].source,
                "options": {
                    name: {"default": opt.default, "description": texts[rule.code].options[name]}
                    for name, opt in rule.options.items()
                },
            }
            for rule in rules
        ]
        from mec_lint.console import out_bytes

        out_bytes((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return
    words = EXPLAIN_WORDS[lang]
    width = max(len(rule.name) for rule in rules)
    severity_width = max(len(words[s.value]) for s in Severity)
    out(
        "\n".join(
            f"{rule.code:<8} {rule.name:<{width}}  {words[rule.severity.value]:<{severity_width}}  "
            f"{rule.summary_for(lang)}"
            for rule in rules
        )
    )


@app.command("explain", cls=_Command)
def explain(
    code: str = typer.Argument(..., help="Código de la regla, p. ej. CUR004."),
    lang: str = typer.Option("es", "--lang", help="Idioma: es o en."),
) -> None:
    """Explica una regla: por qué existe, un ejemplo que falla, uno que pasa y en qué se basa."""
    from mec_lint.docs import explain_text
    from mec_lint.registry import load_registry

    _check_lang(lang)
    rule = load_registry().rule(code)
    out(explain_text(rule, lang))


@app.command("cadena", cls=_Command)
def cadena_command(
    path: str = typer.Argument(..., help="Certificado electrónico .xml (Dec 3.0)."),
    sin_id_entidad: bool = typer.Option(
        False, "--sin-id-entidad", help="Variante sin ServicioFirmante/@idEntidad (referencia Dec 3.0, §3.3)."
    ),
) -> None:
    """Muestra la cadena original de un certificado (lo que firma el sello), para compararla con la de su sistema."""
    from mec_lint.cadena import build
    from mec_lint.xmldoc import ParseProblem, local_name, parse

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        err(f"mec-lint: no se puede leer {path}: {describe_os_error(exc)}")
        raise typer.Exit(2) from None
    doc = parse(path, raw)
    if isinstance(doc, ParseProblem):
        where = f" (línea {doc.line})" if doc.line else ""
        err(f"mec-lint: {path} no es un certificado XML legible{where}: {doc.reason}")
        raise typer.Exit(2)
    if local_name(doc.root) != "Dec":
        err(
            f"mec-lint: {path} no es un certificado electrónico: el nodo raíz es "
            f"<{local_name(doc.root)}>, se espera <Dec>"
        )
        raise typer.Exit(2)
    out(build(doc, include_id_entidad=not sin_id_entidad))


@app.command("baseline", cls=_Command)
def baseline_command(
    paths: list[str] = typer.Argument(..., help="Archivos o carpetas, como en `mec-lint check`."),
    output: str = typer.Option(
        ".mec-lint-baseline.yaml", "--output", "-o", help="Archivo de dispensas que se escribe."
    ),
    upload_date: str | None = typer.Option(None, "--upload-date", help="Fecha de carga, AAAA-MM-DD."),
    config_file: str | None = typer.Option(None, "--config", help="Archivo de configuración."),
) -> None:
    """Escribe los hallazgos actuales como dispensas (una por huella) con un campo `reason` por llenar."""
    from mec_lint.baseline import baseline_text
    from mec_lint.config import load_config
    from mec_lint.engine import Linter
    from mec_lint.report import _write_file, check_output_target, protected_files

    check_output_target(output, paths)
    config = load_config({"upload_date": upload_date}, config_file)
    kept = [(what, path) for what, path in protected_files(config) if "baseline" not in what]
    check_output_target(output, paths, kept)  # the baseline file is this command's output
    config = config.replace(baseline=None)  # every current finding, waived or not
    run = Linter(config).run(paths)
    if run.usage_error:
        for finding in run.usage_findings:
            err(f"mec-lint: {finding.path}: {finding.message}")
        raise typer.Exit(2)
    text = baseline_text(run, output)
    _write_file(output, text.encode("utf-8"))
    count = text.count("\n- path:")
    err(f"mec-lint: {count} dispensas escritas en {output}; llene `reason` en cada una.")


@app.command("config", cls=_Command)
def config_command(
    config_file: str | None = typer.Option(None, "--config", help="Archivo de configuración."),
) -> None:
    """Muestra la configuración resuelta (YAML) y de dónde viene cada valor."""
    from mec_lint.config import resolve_config
    from mec_lint.config_file import dump_config

    config, origins = resolve_config({}, config_file)
    out(dump_config(config, origins), end="")


@app.command("docs", cls=_Command)
def docs_command(
    output: str = typer.Option("docs/rules.md", "--output", "-o", help="Archivo Markdown que se escribe."),
    check_only: bool = typer.Option(
        False, "--check", help="No escribe: termina con 1 si el archivo está desactualizado."
    ),
) -> None:
    """Genera la referencia de reglas (docs/rules.md) desde los metadatos de las reglas."""
    from mec_lint.docs import rules_markdown
    from mec_lint.registry import load_registry

    registry = load_registry(plugins=False)
    text = rules_markdown(list(registry.rules.values()))
    if check_only:
        try:
            with open(output, encoding="utf-8") as handle:
                current = handle.read()
        except OSError:
            current = ""
        if current != text:
            err(f"mec-lint: {output} está desactualizado; ejecute `mec-lint docs`")
            raise typer.Exit(1)
        return
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    err(f"mec-lint: {len(registry.rules)} reglas escritas en {output}")


@app.command("layout-template", cls=_Command)
def layout_template(
    output: str = typer.Argument(..., help="Archivo .xlsx a crear, p. ej. programa-estudios.xlsx."),
    force: bool = typer.Option(False, "--force", help="Sobrescribe el archivo si ya existe."),
) -> None:
    """Crea una plantilla vacía del Programa de Estudios (hojas, encabezados, catálogos e instrucciones)."""
    import os

    from mec_lint.layout.template import write_template

    if not output.lower().endswith((".xlsx", ".xlsm")):
        raise ConfigError(f"{output}: la plantilla se escribe como libro .xlsx")
    if os.path.lexists(output) and not force:
        err(f"mec-lint: {output} ya existe; no se modificó (use --force para sobrescribirlo)")
        raise typer.Exit(1)
    try:
        write_template(output)
    except OSError as exc:
        err(f"mec-lint: no se pudo escribir {output}: {describe_os_error(exc)}")
        raise typer.Exit(2) from None
    err(f"mec-lint: plantilla escrita en {output}")


def main() -> None:
    from mec_lint.console import harden_streams

    harden_streams()
    try:
        app()
    except ConfigError as exc:
        err(f"mec-lint: error de uso o configuración: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        err("mec-lint: interrumpido")
        sys.exit(2)


__all__ = ["app", "main", "Severity"]
