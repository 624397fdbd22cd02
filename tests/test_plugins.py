"""Plugins: rules from the `mec_lint.rules` entry-point group; a broken plugin is never fatal."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import fresh_venv
import pytest

from mec_lint import registry as registry_module
from mec_lint.testing import make_certificate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "plugin_example"


class _BrokenEntryPoint:
    name = "roto"
    value = "paquete_inexistente.reglas"
    dist = None

    def load(self) -> Any:
        raise ImportError("No module named 'paquete_inexistente'")


def test_broken_plugin_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: [_BrokenEntryPoint()])
    registry = registry_module.Registry()
    registry_module._load_plugins(registry)
    assert len(registry.load_errors) == 1
    assert "roto" in registry.load_errors[0] and "paquete_inexistente" in registry.load_errors[0]


def test_broken_plugin_is_a_stderr_warning_and_check_still_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.metadata

    from mec_lint.cli import app

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: [_BrokenEntryPoint()])
    registry_module.load_registry.cache_clear()
    try:
        certificate = tmp_path / "a.xml"
        certificate.write_bytes(make_certificate())
        monkeypatch.chdir(tmp_path)
        with pytest.raises(SystemExit) as exit_info:
            app(["check", "--upload-date", "2024-09-01", str(certificate)])
        assert exit_info.value.code == 0
        err = capsys.readouterr().err
        assert "advertencia" in err and "roto" in err
    finally:
        registry_module.load_registry.cache_clear()


@pytest.mark.skipif(os.environ.get("MEC_LINT_SKIP_VENV") == "1", reason="MEC_LINT_SKIP_VENV=1")
def test_example_plugin_installed_in_a_fresh_venv(tmp_path: Path) -> None:
    """Install tests/plugin_example into a fresh venv that sees mec-lint (tests/fresh_venv.py)."""
    import shutil

    example = tmp_path / "plugin_example"  # a copy: building leaves build/ and egg-info behind
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    env_dir = tmp_path / "venv"
    # The base Python may have no packages: the venv borrows the running environment's
    # site-packages (mec-lint itself included, even an editable install) through a .pth.
    python = fresh_venv.create(env_dir, editable=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_STEP_SUMMARY")}
    install = fresh_venv.pip_install(python, "--no-deps", "--no-build-isolation", str(example))
    assert install.returncode == 0, install.stdout + install.stderr

    rules = subprocess.run(
        [str(python), "-m", "mec_lint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert rules.returncode == 0, rules.stderr
    import json

    listed = {rule["code"]: rule for rule in json.loads(rules.stdout)}
    assert listed["EXA001"]["source"] == "plugin:mec-lint-ejemplo-folio"
    assert "DEC001" in listed  # built-ins still there

    bad = tmp_path / "sin-prefijo.xml"
    bad.write_bytes(make_certificate(overrides={"Dec": {"folioControl": "2024-000123"}}))
    good = tmp_path / "con-prefijo.xml"
    good.write_bytes(make_certificate())
    check = subprocess.run(
        [
            str(python),
            "-m",
            "mec_lint",
            "check",
            "--upload-date",
            "2024-09-01",
            "-f",
            "json",
            str(bad),
            str(good),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    report = json.loads(check.stdout)
    fired = [f for f in report["findings"] if f["code"] == "EXA001"]
    assert [f["path"] for f in fired] == [str(bad)]
    assert fired[0]["severity"] == "warning" and fired[0]["value"] == "2024-000123"

    # The plugin's own tests run with mec-lint's exported harness.
    tests = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example / "tests")],
        capture_output=True,
        text=True,
        env=env,
        cwd=example,
        timeout=300,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
