"""The pre-commit hook (.pre-commit-hooks.yaml) works through `pre-commit try-repo`.

The hook environment is built from PyPI (network needed, ~1 minute). Skip with
MEC_LINT_SKIP_PRECOMMIT=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mec_lint.testing import make_certificate

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "mec-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "mec-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def test_manifest_follows_the_conventions() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(HOOKS))
    assert hook["id"] == "mec-lint"
    assert hook["language"] == "python"
    assert hook["types"] == ["file"]  # identify has no xlsx tag: never types: [xml]
    assert hook["require_serial"] is True
    assert hook["entry"].split()[:2] == ["mec-lint", "check"]
    assert "--no-progress" in hook["entry"].split()
    import re

    pattern = re.compile(hook["files"])
    names = ("a.xml", "lote.zip", "Programa de Estudios.xlsx", "dir/b.XML", "CERT.XML", "LOTE.ZIP", "P.XLSX")
    for name in names:  # Windows tools write upper-case extensions
        assert pattern.search(name), name
    for name in ("a.xsd", "notes.txt", "a.xml.bak", "CERT.XML.BAK"):
        assert not pattern.search(name), name


def _git(*args: str, cwd: Path) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


def _copy_project(target: Path) -> None:
    """The working tree as it is now (committed or not), as a git repository pre-commit can clone."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("mec_lint", "rules"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    _git("init", "-q", cwd=target)
    _git("add", "-A", cwd=target)
    _git("commit", "-q", "-m", "snapshot", cwd=target)


def _try_repo(repo: Path, work: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "mec-lint", "--files", *files],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.skipif(os.environ.get("MEC_LINT_SKIP_PRECOMMIT") == "1", reason="MEC_LINT_SKIP_PRECOMMIT=1")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_passes_a_good_certificate_and_fails_a_bad_one(tmp_path: Path) -> None:
    repo = tmp_path / "mec-lint"
    repo.mkdir()
    _copy_project(repo)
    work = tmp_path / "certificados"
    work.mkdir()
    (work / "bueno.xml").write_bytes(make_certificate())
    (work / "malo.xml").write_bytes(make_certificate(overrides={"Dec": {"tipoCertificado": "9"}}))
    # The configuration file is found from the repository root where pre-commit runs the hook.
    (work / ".mec-lint.yaml").write_text(yaml.safe_dump({"upload-date": "2024-09-01"}), encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)

    good = _try_repo(repo, work, "bueno.xml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    bad = _try_repo(repo, work, "bueno.xml", "malo.xml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "malo.xml" in bad.stdout and "DEC002" in bad.stdout  # the bitácora is shown
    assert "tipoCertificado" in bad.stdout
