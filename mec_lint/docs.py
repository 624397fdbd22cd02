"""Rule documentation generated from rule metadata (`mec-lint explain`, docs/rules.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mec_lint.rule import Rule

# The MEC's words for the reference the rules cite internally (file names of the project's
# reference folder): a user looks up the SEP FAQ by its question and the Dec 3.0 reference by section.
FAQ = {"es": "Preguntas frecuentes del MEC (SEP)", "en": "MEC FAQ (SEP)"}
FAQ_QUESTIONS = {  # the numbered rules of the reference's summary of the FAQ -> the FAQ's questions
    1: '«¿Cómo genero el "ID_ASIGNATURA" y el "ID_CARRERA"?»',
    2: "«¿Debo cargar todos mis planes y programas en el mismo archivo?»",
    3: '«¿Cómo requisitar el campo "CLAVE_PLAN" si es anterior a 1998?»',
    4: "«¿Cómo capturo el Reconocimiento de Validez Oficial de Estudios (RVOE) en el campo "
    '"NO_RVOE" si es por DECRETO o ACUERDO?»',
    5: "«¿Cuál es la nomenclatura para representar los ciclos en que se cursaron las asignaturas en el XML?»",
    6: "«¿Qué capturo en el campo del CURP en caso de alumnos que no cuentan con esta información "
    "debido a que son Extranjeros?»",
    7: "«¿Cuál es la forma correcta de capturar el nombre y apellidos del alumno?»",
    8: "«Qué fecha de expedición debo capturar en el “XML”»",
    9: "«¿Cómo puedo cargar varios certificados a la vez?» y «¿Cuál es la cantidad de oportunidades "
    "tengo para subir mis XML correctamente?»",
    10: "«¿Cuántos firmantes se autorizan en el MEC?» y «¿Qué debo hacer si venció la E.FIRMA (antes "
    "firma electrónica) del Responsable de expedición?»",
    11: "«¿A partir de que fecha mis XML deben cumplir con la nueva especificación 3.0 para el portal productivo?»",
    12: '«¿A qué se refiere el nuevo atributo "numeroCiclos"?»',
    13: '«¿A qué se refiere el nuevo nodo "ServicioFirmante" y el atributo "idEntidad"?»',
    14: "«¿Cuáles son las especificaciones para imprimir un Documento Electrónico de Certificación?»",
}
NAMES = {
    "es": {
        "dec-3.0.md": "referencia Dec 3.0",
        "layout.md": "referencia del Programa de Estudios (layout)",
        "catalogs.yaml": "catálogos de la SEP",
    },
    "en": {
        "dec-3.0.md": "Dec 3.0 reference",
        "layout.md": "Programa de Estudios (layout) reference",
        "catalogs.yaml": "SEP catalogs",
    },
}
_README_RULES = re.compile(r"spec README (?:reglas?|rules?) ((?:\d+(?:, | y | and )?)+)")
_FILE_NAMES = re.compile(r"mec-faq\.txt|dec-3\.0\.md|layout\.md|catalogs\.yaml|spec README")


def public_text(text: str, lang: str = "es") -> str:
    """`text` (a rule's spec, why, fix or option) with the reference's internal file names replaced
    by what a user can look up: the FAQ by its question, the Dec 3.0 reference by section."""
    if not _FILE_NAMES.search(text):
        return text
    names = NAMES.get(lang, NAMES["es"])
    faq = FAQ.get(lang, FAQ["es"])

    def questions(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match[1])]
        cited = [FAQ_QUESTIONS[n] for n in numbers if n in FAQ_QUESTIONS]
        if lang == "en":  # the questions stay the FAQ's (Spanish) words, joined in English
            cited = [question.replace("» y «", "» and «") for question in cited]
        return f"{faq}, " + "; ".join(cited) if cited else faq

    text = _README_RULES.sub(questions, text)
    text = text.replace("mec-faq.txt", faq).replace("spec README", faq)
    for internal, public in names.items():
        text = text.replace(internal, public)
    return text


EXPLAIN_WORDS = {
    "es": {
        "severity": "severidad por omisión",
        "why": "Por qué",
        "fail": "Ejemplo que falla",
        "pass": "Ejemplo que pasa",
        "fix": "Cómo corregirlo",
        "options": "Opciones (configuración)",
        "spec": "Se basa en",
        "error": "error",
        "warning": "advertencia",
        "info": "info",
        "spanish": "",
    },
    "en": {
        "severity": "default severity",
        "why": "Why",
        "fail": "Failing example",
        "pass": "Passing example",
        "fix": "How to fix it",
        "options": "Options (configuration)",
        "spec": "Based on",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "spanish": " (in Spanish)",
    },
}


@dataclass(frozen=True)
class RuleTexts:
    """A rule's documentation in one language, citations as a user can look them up (`public_text`)."""

    why: str
    fix: str
    spec: str
    fail_example: str
    pass_example: str
    options: dict[str, str]  # option name -> description
    spanish: frozenset[str]  # the parts shown in Spanish although another language was asked for


def rule_texts(rule: Rule, lang: str = "es") -> RuleTexts:
    """`rule`'s why, fix, spec, examples and option descriptions in `lang`. The rules are written in
    Spanish; English comes from mec_lint.rule_docs_en (every built-in rule). A rule without English
    (a plug-in's) keeps its Spanish, and `spanish` names the parts that stayed in Spanish."""
    english: dict[str, Any] = {}
    if lang == "en":
        from mec_lint.rule_docs_en import DOCS  # only explain/rules/SARIF in English read it

        english = DOCS.get(rule.code, {})
    spanish: set[str] = set()

    def pick(key: str, original: str, required: bool = True) -> str:
        if key in english:
            return str(english[key])
        if lang == "en" and required and original:
            spanish.add(key)
        return original

    described = english.get("options", {})
    options = {}
    for name, option in rule.options.items():
        if name in described:
            options[name] = public_text(described[name], lang)
        else:
            options[name] = public_text(option.description, lang)
            if lang == "en":
                spanish.add("options")
    return RuleTexts(
        why=public_text(pick("why", rule.why), lang),
        fix=public_text(pick("fix", rule.fix), lang),
        spec=public_text(pick("spec", rule.spec), lang),
        fail_example=pick("fail", rule.fail_example, required=False),
        pass_example=pick("pass", rule.pass_example, required=False),
        options=options,
        spanish=frozenset(spanish),
    )


def explain_text(rule: Rule, lang: str = "es") -> str:
    """`mec-lint explain CODE [--lang en]`: the rule's documentation in `lang`; a part that exists only
    in Spanish (a plug-in rule's) is shown in Spanish and labelled so."""
    words = EXPLAIN_WORDS.get(lang, EXPLAIN_WORDS["es"])
    texts = rule_texts(rule, lang)

    def heading(key: str, part: str) -> str:
        return f"{words[key]}{words['spanish'] if part in texts.spanish else ''}:"

    lines = [
        f"{rule.code} ({rule.name}) — {words['severity']}: {words[rule.severity.value]}",
        "",
        rule.summary_for(lang),
        "",
        heading("why", "why"),
        f"  {texts.why}",
        "",
        f"{words['fail']}:",
        *(f"  {line}" for line in texts.fail_example.splitlines()),
        "",
        f"{words['pass']}:",
        *(f"  {line}" for line in texts.pass_example.splitlines()),
    ]
    if texts.fix:
        lines += ["", heading("fix", "fix"), f"  {texts.fix}"]
    if rule.options:
        lines += ["", heading("options", "options")]
        lines += [f"  {name} = {opt.default!r}: {texts.options[name]}" for name, opt in rule.options.items()]
    lines += ["", f"{heading('spec', 'spec')[:-1]}: {texts.spec}"]
    return "\n".join(lines)


SEVERITY_WORDS = {"error": "error", "warning": "advertencia (warning)", "info": "información (info)"}
DOCS_HEADER = """# Reglas de mec-lint / mec-lint rules

<!-- Generado desde los metadatos de las reglas: no editar a mano.
     Regenerar con `mec-lint docs` (o `mec-lint rules --format markdown > docs/rules.md`). -->

Cada regla tiene un código estable (nunca cambia), un nombre, una severidad por omisión
(configurable con `severity` en `.mec-lint.yaml`) y la sección de la especificación en que se basa.
`mec-lint explain CÓDIGO` muestra lo mismo en la terminal.
"""
DOCS_HEADER_EN = """# mec-lint rules

<!-- Generated from the rules' metadata (`mec-lint rules --format markdown --lang en`). -->

Each rule has a stable code (it never changes), a name, a default severity (configurable with
`severity` in `.mec-lint.yaml`) and the section of the specification it rests on.
`mec-lint explain CODE --lang en` shows the same in the terminal.
"""
MARKDOWN_WORDS = {
    "es": {
        "severity": "Severidad por omisión",
        "summary": "Resumen",
        "aliases": "Alias",
        "spec": "Se basa en",
        "why": "Por qué",
        "fail": "Ejemplo que falla",
        "pass": "Ejemplo que pasa",
        "fix": "Cómo corregirlo",
        "option": "Opción",
        "default": "Por omisión",
        "description": "Descripción",
        "code": "Código",
        "name": "Nombre",
        "severity_column": "Severidad",
        "spanish": "",
    },
    "en": {
        "severity": "Default severity",
        "summary": "Summary",
        "aliases": "Aliases",
        "spec": "Based on",
        "why": "Why",
        "fail": "Failing example",
        "pass": "Passing example",
        "fix": "How to fix it",
        "option": "Option",
        "default": "Default",
        "description": "Description",
        "code": "Code",
        "name": "Name",
        "severity_column": "Severity",
        "spanish": " (in Spanish)",
    },
}


def rule_markdown(rule: Rule, level: int = 2, lang: str = "es") -> str:
    """One rule as Markdown (docs/rules.md, in Spanish with the English summary, and the SARIF
    `help.markdown` in the run's language)."""
    words = MARKDOWN_WORDS.get(lang, MARKDOWN_WORDS["es"])
    texts = rule_texts(rule, lang)

    def label(key: str) -> str:
        return words[key] + (words["spanish"] if key in texts.spanish else "")

    hashes = "#" * level
    if lang == "en":
        severity = EXPLAIN_WORDS["en"][rule.severity.value]
        summary = [f"- **{words['summary']}:** {rule.summary_for('en')}"]
    else:
        severity = SEVERITY_WORDS.get(rule.severity.value, rule.severity.value)
        summary = [f"- **{words['summary']}:** {rule.summary_for('es')}"]
        if "en" in rule.summary:
            summary.append(f"- **Summary (en):** {rule.summary['en']}")
    lines = [f"{hashes} {rule.code} — `{rule.name}`", "", f"- **{words['severity']}:** {severity}", *summary]
    if rule.aliases:
        lines.append(f"- **{words['aliases']}:** {', '.join(f'`{a}`' for a in rule.aliases)}")
    lines += [f"- **{label('spec')}:** {texts.spec}", "", f"**{label('why')}.** {texts.why}", ""]
    lines += [f"{words['fail']}:", "", "```text", *texts.fail_example.splitlines(), "```", ""]
    lines += [f"{words['pass']}:", "", "```text", *texts.pass_example.splitlines(), "```", ""]
    if texts.fix:
        lines += [f"**{label('fix')}.** {texts.fix}", ""]
    if rule.options:
        spanish = words["spanish"] if "options" in texts.spanish else ""
        lines += [
            f"| {words['option']} | {words['default']} | {words['description']}{spanish} |",
            "|---|---|---|",
        ]
        for name, option in rule.options.items():
            description = texts.options[name].replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{name}` | `{option.default!r}` | {description} |")
        lines.append("")
    return "\n".join(lines)


def rules_markdown(rules: list[Rule], lang: str = "es") -> str:
    """The whole rule reference (docs/rules.md in Spanish; `--lang en` in English), sorted by code."""
    words = MARKDOWN_WORDS.get(lang, MARKDOWN_WORDS["es"])
    ordered = sorted(rules, key=lambda r: r.code)
    index = [
        f"| {words['code']} | {words['name']} | {words['severity_column']} | {words['summary']} |",
        "|---|---|---|---|",
    ]
    for rule in ordered:
        anchor = f"{rule.code.lower()}--{rule.name}"
        index.append(
            f"| [{rule.code}](#{anchor}) | `{rule.name}` | {rule.severity.value} | {rule.summary_for(lang)} |"
        )
    parts = [DOCS_HEADER_EN if lang == "en" else DOCS_HEADER, "\n".join(index), ""]
    parts += [rule_markdown(rule, lang=lang) for rule in ordered]
    return "\n".join(parts).rstrip("\n") + "\n"
