"""Rule documentation generated from metadata, English messages, shell completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.docs import rule_markdown, rules_markdown
from mec_lint.registry import load_registry
from mec_lint.rule import LANGS

ROOT = Path(__file__).resolve().parent.parent
RULES_MD = ROOT / "docs" / "rules.md"


def builtin_rules() -> list:  # type: ignore[type-arg]
    return list(load_registry(plugins=False).rules.values())


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(builtin_rules())
    current = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
    assert current == expected, "docs/rules.md está desactualizado: ejecute `mec-lint docs`"


def test_every_rule_is_documented_with_its_metadata() -> None:
    text = rules_markdown(builtin_rules())
    for rule in builtin_rules():
        assert f"## {rule.code} — `{rule.name}`" in text
        assert rule.summary_for("es") in text
    markdown = rule_markdown(load_registry(plugins=False).rule("DEC001"))
    assert "**Se basa en:**" in markdown and "```text" in markdown


def test_every_rule_explains_why_shows_examples_cites_the_spec_and_says_how_to_fix() -> None:
    """ruff-style documentation page for every code: why, a failing and a passing example, the spec
    section it rests on, and the fix (what a clerk needs after a finding)."""
    missing = [
        (rule.code, part)
        for rule in builtin_rules()
        for part in ("why", "fail_example", "pass_example", "spec", "fix")
        if not str(getattr(rule, part) or "").strip()
    ]
    assert missing == []


def test_docs_command_writes_and_checks(tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    runner = CliRunner()
    assert runner.invoke(app, ["docs", "--check", "--output", str(target)]).exit_code == 1
    assert runner.invoke(app, ["docs", "--output", str(target)]).exit_code == 0
    assert runner.invoke(app, ["docs", "--check", "--output", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == rules_markdown(builtin_rules())
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0 and result.stdout.startswith("# Reglas de mec-lint")


def test_every_rule_has_english_summary_and_messages() -> None:
    missing = []
    for code, rule in sorted(load_registry().rules.items()):
        for lang in LANGS:
            if not rule.summary.get(lang):
                missing.append(f"{code} summary[{lang}]")
        if rule.summary.get("en") == rule.summary.get("es"):
            missing.append(f"{code} summary[en] (copia del español)")
        for message_id, templates in rule.messages.items():
            for lang in LANGS:
                if not templates.get(lang):
                    missing.append(f"{code} messages[{message_id}][{lang}]")
    assert not missing, f"faltan traducciones: {missing}"


def test_shell_completion_script_is_available() -> None:
    """typer's --show-completion for the installed console script (what users run)."""
    script = Path(sys.executable).with_name("mec-lint")
    command = [str(script)] if script.exists() else [shutil.which("mec-lint") or "mec-lint"]
    result = subprocess.run(
        [*command, "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "_MEC_LINT_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F" in result.stdout and result.stdout.rstrip().endswith("mec-lint")
