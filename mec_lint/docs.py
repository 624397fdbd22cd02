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
