"""The wheel installs into a fresh venv: console script works and the rules live under mec_lint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fresh_venv
import pytest

from mec_lint.testing import make_certificate

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(os.environ.get("MEC_LINT_SKIP_INSTALL_TEST") == "1", reason="disabled by env")
def test_wheel_installs_into_fresh_venv(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        check=True,
        cwd=tmp_path,
    )
    wheels = list(wheel_dir.glob("mec_lint-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    # The base Python may have no packages: the venv borrows the running environment's
    # site-packages through a .pth (after its own, so the wheel installed here wins).
    python = fresh_venv.create(env_dir, editable=False)
    install = fresh_venv.pip_install(python, "--no-deps", str(wheels[0]), cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    site = Path(purelib)
    assert (site / "mec_lint" / "rules" / "dec_version.py").is_file()
    assert not (site / "rules").exists(), "no generic top-level `rules` package in site-packages"
    assert (site / "mec_lint" / "data" / "dec-3.0.xsd").is_file()
    where = subprocess.run(
        [str(python), "-c", "import mec_lint.rules, mec_lint; print(mec_lint.rules.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(str(site)), where

    cert = tmp_path / "cert.xml"
    cert.write_bytes(make_certificate(overrides={"Dec": {"version": "2.0"}}))
    result = subprocess.run(
        [
            str(fresh_venv.executable(env_dir, "mec-lint")),
            "check",
            str(cert),
            "--format",
            "json",
            "--upload-date",
            "2024-09-01",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert "DEC001" in {f["code"] for f in payload["findings"]}
