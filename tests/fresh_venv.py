"""A fresh virtual environment that borrows the running one's packages, for install tests.

The base interpreter may have no packages at all (a fresh machine), so `system_site_packages`
finds nothing there. Instead the new venv gets a `.pth` file naming the running environment's
site-packages folders: lxml, typer, setuptools… come from there, without a download and without
pip in the new venv (pip of the running interpreter installs into it with `pip --python`).

- `editable=False` (the wheel test): plain path lines. Only those folders join `sys.path`,
  after the venv's own site-packages, so an installed wheel wins, and the running environment's
  own `.pth` files (an editable install of mec-lint) are not processed.
- `editable=True` (the plugin test): `site.addsitedir` lines, which also process those `.pth`
  files, so the running (possibly editable) mec-lint is importable in the new venv.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

BIN = "Scripts" if os.name == "nt" else "bin"


def executable(env_dir: Path, name: str) -> Path:
    suffix = ".exe" if os.name == "nt" else ""
    return env_dir / BIN / f"{name}{suffix}"


def running_site_folders() -> list[str]:
    """The running interpreter's site-packages folders (venv, system or user), in sys.path order."""
    folders = [p for p in sys.path if os.path.basename(p) in ("site-packages", "dist-packages")]
    return [p for p in dict.fromkeys(os.path.abspath(p) for p in folders) if os.path.isdir(p)]


def purelib(python: Path) -> Path:
    done = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(done.stdout.strip())


def create(env_dir: Path, *, editable: bool) -> Path:
    """Create the venv (no pip: fast), link the running site-packages; return its python."""
    venv.EnvBuilder(with_pip=False, system_site_packages=False, clear=True).create(env_dir)
    python = executable(env_dir, "python")
    folders = running_site_folders()
    lines = [f"import site; site.addsitedir({folder!r})" for folder in folders] if editable else folders
    (purelib(python) / "_running_site.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return python


def pip_install(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The running interpreter's pip, installing into the venv of `python`, never from the network."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_STEP_SUMMARY")}
    return subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-index", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
