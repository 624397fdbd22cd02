"""`explain`/`rules`/SARIF in English: every built-in rule's why, fix, citation, option descriptions
and worded examples have English texts (mec_lint.rule_docs_en); a plug-in rule without English keeps
its Spanish and says so."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.docs import explain_text, rule_texts
from mec_lint.findings import Severity
from mec_lint.registry import load_registry
from mec_lint.rule import Option, Rule
from mec_lint.rule_docs_en import DOCS
from mec_lint.testing import make_certificate

runner = CliRunner()
BUILTIN = load_registry(plugins=False).rules

# Spanish function words that never occur in English prose. Before looking for them the check drops
# what stays Spanish on purpose: XML (<…>), quoted values ("…", '…'), the MEC's own words quoted
# «…» (the FAQ's questions), code spans and words with a capital letter (names, attributes, catalogs).
SPANISH_WORDS = {
    "el", "la", "los", "las", "del", "al", "que", "con", "sin", "para", "por", "una", "es", "son", "se",
    "su", "sus", "como", "pero", "más", "también", "según", "cuando", "debe", "puede", "ni", "otra",
    "otro", "mismo", "misma", "archivo", "hoja", "fila", "días", "después", "vuelva", "escriba", "y",
}  # fmt: skip
_KEPT = re.compile(r"<[^>]*>|«[^»]*»|\"[^\"]*\"|'[^']*'|`[^`]*`")


def spanish_words(text: str) -> set[str]:
    prose = _KEPT.sub(" ", text)
    return {word for word in re.findall(r"\w+", prose) if word.islower() and word in SPANISH_WORDS}


def test_the_spanish_detector_can_fail() -> None:
    flagged = [code for code, rule in BUILTIN.items() if spanish_words(explain_text(rule, "es"))]
    assert len(flagged) == len(BUILTIN)  # every Spanish explanation is caught
    assert spanish_words("Corrija la CURP con la constancia de RENAPO.") == {"la", "con"}
    assert not spanish_words('Enter «EXTRANJERO» and nombre="ANA DE LA CRUZ" with the RVOE agreement.')


def test_every_builtin_rule_has_english_why_fix_spec_and_options() -> None:
    assert set(DOCS) == set(BUILTIN)
    for code, rule in BUILTIN.items():
        english = DOCS[code]
        assert set(english) <= {"why", "fix", "spec", "fail", "pass", "options"}, code
        for key in ("why", "fix", "spec"):
            assert english[key].strip(), (code, key)
        for key in ("why", "fix"):
            assert english[key] != getattr(rule, key), (code, key)  # translated, not copied
        assert set(english.get("options", {})) == set(rule.options), code
        assert all(text.strip() for text in english.get("options", {}).values()), code
        for key, original in (("fail", rule.fail_example), ("pass", rule.pass_example)):
            if key in english:
                assert english[key] != original, (code, key)


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_explain_in_english_is_english(code: str) -> None:
    rule = BUILTIN[code]
    text = explain_text(rule, "en").replace(f"({rule.name})", "")  # the rule's name is a stable slug
    assert "(in Spanish)" not in text
    assert not spanish_words(text), (code, spanish_words(text))
    texts = rule_texts(rule, "en")
    assert not texts.spanish
    for name in rule.options:
        assert f"  {name} = " in text and texts.options[name] in text


def test_spanish_explain_is_unchanged_by_the_english_texts() -> None:
    for rule in BUILTIN.values():
        texts = rule_texts(rule, "es")
        assert texts.fail_example == rule.fail_example and texts.pass_example == rule.pass_example
        assert not texts.spanish
        text = explain_text(rule, "es")
        assert "Por qué:" in text and "Se basa en:" in text and "Why" not in text


def test_plugin_rule_without_english_keeps_spanish_with_the_label() -> None:
    plugin = Rule(
        code="EXA001",
        name="prefijo-folio-control",
        severity=Severity.WARNING,
        summary={"es": "folioControl empieza con el prefijo de la institución"},
        messages={"x": {"es": "x"}},
        why="Convención local: la institución numera sus certificados con un prefijo propio.",
        fail_example='<Dec folioControl="123">',
        pass_example='<Dec folioControl="UEC-123">',
        spec="regla local de la institución",
        options={"prefijo": Option(str, "UEC-", "Prefijo con que empieza todo folioControl.")},
        fix="Genere folioControl con el prefijo configurado.",
    )
    text = explain_text(plugin, "en")
    assert "Why (in Spanish):\n  Convención local" in text
    assert "How to fix it (in Spanish):\n  Genere folioControl" in text
    assert "Options (configuration) (in Spanish):\n  prefijo = 'UEC-': Prefijo con que" in text
    assert "Based on (in Spanish): regla local" in text
    assert rule_texts(plugin, "en").spanish == {"why", "fix", "spec", "options"}
    # a plug-in that reuses nothing of a built-in rule but shares its options' names stays Spanish
    half = BUILTIN["FEC002"].replace(code="EXA002")
    assert "Why (in Spanish):" in explain_text(half, "en")


def test_rules_lang_en_is_english() -> None:
    listed = json.loads(runner.invoke(app, ["rules", "-f", "json", "--lang", "en"]).stdout)
    assert {rule["code"] for rule in listed} >= set(BUILTIN)
    for rule in listed:
        if rule["code"] not in BUILTIN:
            continue
        assert not spanish_words(rule["summary"] + " " + rule["spec"]), rule["code"]
        for name, option in rule["options"].items():
            assert option["description"] == rule_texts(BUILTIN[rule["code"]], "en").options[name]
            assert not spanish_words(option["description"]), (rule["code"], name)
    fec002 = next(rule for rule in listed if rule["code"] == "FEC002")
    assert fec002["options"]["dias-aviso"]["description"].startswith("Warn when")
    spanish = json.loads(runner.invoke(app, ["rules", "-f", "json"]).stdout)
    fec002_es = next(rule for rule in spanish if rule["code"] == "FEC002")
    assert fec002_es["options"]["dias-aviso"]["description"].startswith("Avisar")
    text = runner.invoke(app, ["rules", "--lang", "en"]).stdout
    for line in text.splitlines():
        code, name, prose = line.split(maxsplit=2)  # the rule's name is a stable (Spanish) slug
        assert code in BUILTIN and BUILTIN[code].name == name
        assert not spanish_words(prose), line


def test_sarif_rule_table_in_english() -> None:
    from mec_lint.formatters.sarif import rule_descriptor

    descriptor = rule_descriptor(BUILTIN["CUR004"], "en")
    assert descriptor["fullDescription"]["text"].startswith("The last digit of every CURP")
    assert descriptor["properties"]["spec"].startswith("RENAPO's check-digit algorithm")
    assert rule_descriptor(BUILTIN["CUR004"], "es")["fullDescription"]["text"].startswith("El último dígito")


def test_check_does_not_import_the_english_texts(tmp_path: object) -> None:
    cert = tmp_path / "cert.xml"  # type: ignore[operator]
    cert.write_bytes(make_certificate())
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from mec_lint.cli import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(cert)!r}, '--lang', 'en', '-f', 'json'])\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print('mec_lint.rule_docs_en' in sys.modules)\n"
        "CliRunner().invoke(app, ['explain', 'CUR004', '--lang', 'en'])\n"
        "print('mec_lint.rule_docs_en' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_rules_markdown_in_english() -> None:
    markdown = runner.invoke(app, ["rules", "--format", "markdown", "--lang", "en"]).stdout
    assert markdown.startswith("# mec-lint rules") and "| Code | Name | Severity | Summary |" in markdown
    prose = re.sub(r"```text\n.*?```", "", markdown, flags=re.S)  # examples: checked by explain above
    for rule in BUILTIN.values():
        prose = prose.replace(rule.name, "")  # the rules' names are stable (Spanish) slugs
    assert "(in Spanish)" not in prose
    for line in prose.splitlines():
        assert not spanish_words(line), line
    assert "**How to fix it.** Copy the CURP from the RENAPO record" in markdown
    spanish = runner.invoke(app, ["rules", "--format", "markdown"]).stdout
    assert spanish.startswith("# Reglas de mec-lint") and "**Cómo corregirlo.** Copie la CURP" in spanish


def test_plugin_rule_markdown_in_english_labels_its_spanish() -> None:
    from mec_lint.docs import rule_markdown

    plugin = BUILTIN["FEC002"].replace(code="EXA002")
    markdown = rule_markdown(plugin, lang="en")
    assert "**Why (in Spanish).** La fecha de expedición" in markdown
    assert "| Option | Default | Description (in Spanish) |" in markdown
