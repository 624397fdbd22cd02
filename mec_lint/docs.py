"""Rule documentation generated from rule metadata (`mec-lint explain`, docs/rules.md)."""

from __future__ import annotations

from mec_lint.rule import Rule


def explain_text(rule: Rule) -> str:
    lines = [
        f"{rule.code} ({rule.name}) — severidad por omisión: {rule.severity.value}",
        "",
        rule.summary_for("es"),
        "",
        "Por qué:",
        f"  {rule.why}",
        "",
        "Ejemplo que falla:",
        *(f"  {line}" for line in rule.fail_example.splitlines()),
        "",
        "Ejemplo que pasa:",
        *(f"  {line}" for line in rule.pass_example.splitlines()),
    ]
    if rule.fix:
        lines += ["", "Cómo corregirlo:", f"  {rule.fix}"]
    if rule.options:
        lines += ["", "Opciones (configuración):"]
        lines += [f"  {name} = {opt.default!r}: {opt.description}" for name, opt in rule.options.items()]
    lines += ["", f"Se basa en: {rule.spec}"]
    return "\n".join(lines)


SEVERITY_WORDS = {"error": "error", "warning": "advertencia (warning)", "info": "información (info)"}
DOCS_HEADER = """# Reglas de mec-lint / mec-lint rules

<!-- Generado desde los metadatos de las reglas: no editar a mano.
     Regenerar con `mec-lint docs` (o `mec-lint rules --format markdown > docs/rules.md`). -->

Cada regla tiene un código estable (nunca cambia), un nombre, una severidad por omisión
(configurable con `severity` en `.mec-lint.yaml`) y la sección de la especificación en que se basa.
`mec-lint explain CÓDIGO` muestra lo mismo en la terminal.
"""


def rule_markdown(rule: Rule, level: int = 2) -> str:
    """One rule as Markdown (docs/rules.md and the SARIF `help.markdown`)."""
    hashes = "#" * level
    lines = [
        f"{hashes} {rule.code} — `{rule.name}`",
        "",
        f"- **Severidad por omisión:** {SEVERITY_WORDS.get(rule.severity.value, rule.severity.value)}",
        f"- **Resumen:** {rule.summary_for('es')}",
    ]
    if "en" in rule.summary:
        lines.append(f"- **Summary (en):** {rule.summary['en']}")
    if rule.aliases:
        lines.append(f"- **Alias:** {', '.join(f'`{a}`' for a in rule.aliases)}")
    lines += [f"- **Se basa en:** {rule.spec}", "", f"**Por qué.** {rule.why}", ""]
    lines += ["Ejemplo que falla:", "", "```text", *rule.fail_example.splitlines(), "```", ""]
    lines += ["Ejemplo que pasa:", "", "```text", *rule.pass_example.splitlines(), "```", ""]
    if rule.fix:
        lines += [f"**Cómo corregirlo.** {rule.fix}", ""]
    if rule.options:
        lines += ["| Opción | Por omisión | Descripción |", "|---|---|---|"]
        for name, option in rule.options.items():
            description = option.description.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{name}` | `{option.default!r}` | {description} |")
        lines.append("")
    return "\n".join(lines)


def rules_markdown(rules: list[Rule]) -> str:
    """The whole rule reference (docs/rules.md), rules sorted by code."""
    ordered = sorted(rules, key=lambda r: r.code)
    index = ["| Código | Nombre | Severidad | Resumen |", "|---|---|---|---|"]
    for rule in ordered:
        anchor = f"{rule.code.lower()}--{rule.name}"
        index.append(
            f"| [{rule.code}](#{anchor}) | `{rule.name}` | {rule.severity.value} | {rule.summary_for('es')} |"
        )
    parts = [DOCS_HEADER, "\n".join(index), ""]
    parts += [rule_markdown(rule) for rule in ordered]
    return "\n".join(parts).rstrip("\n") + "\n"
