"""Plugins: rules from the `mec_lint.rules` entry-point group; a broken plugin is never fatal."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import fresh_venv
import pytest

from mec_lint import registry as registry_module
from mec_lint.testing import make_certificate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "plugin_example"


def _broken_distribution(folder: Path) -> None:
    """An installed distribution (dist-info on sys.path) declaring a plug-in that cannot load."""
    info = folder / "roto_dist-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: roto-dist\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[mec_lint.rules]\nroto = paquete_inexistente.reglas\n", encoding="utf-8"
    )


def test_broken_plugin_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _broken_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    registry = registry_module.Registry()
    registry_module._load_plugins(registry)
    assert len(registry.load_errors) == 1
    assert "roto" in registry.load_errors[0] and "paquete_inexistente" in registry.load_errors[0]


def test_broken_plugin_is_a_stderr_warning_and_check_still_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mec_lint.cli import app

    _broken_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
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


def test_no_entry_point_scan_unless_a_distribution_declares_the_group(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The cheap look at sys.path says "no plug-in" only when importlib.metadata finds none."""
    import importlib.metadata

    def scanned() -> list[str]:
        return [entry.name for entry in importlib.metadata.entry_points(group=registry_module.PLUGIN_GROUP)]

    if scanned():
        pytest.skip("a mec_lint.rules plug-in is installed in this environment")
    assert registry_module.plugins_may_be_installed() is False
    other = tmp_path / "other" / "otro-1.0.dist-info"  # entry points of another group only
    other.mkdir(parents=True)
    (other / "entry_points.txt").write_text("[console_scripts]\notro = otro:main\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "other"))
    assert registry_module.plugins_may_be_installed() is False and scanned() == []
    _broken_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert registry_module.plugins_may_be_installed() is True and scanned() == ["roto"]
    egg = tmp_path / "otro-1.0-py3.egg"  # an egg folder on sys.path: the real scan decides
    (egg / "EGG-INFO").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(egg)])
    assert registry_module.plugins_may_be_installed() is True
    zipped = tmp_path / "paquete.zip"  # a zip on sys.path: the real scan decides
    zipped.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr("sys.path", [str(zipped)])
    assert registry_module.plugins_may_be_installed() is True


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
