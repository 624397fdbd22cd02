"""`mec-lint check` without typer (mec_lint.fast_cli): the same options, values, output and exit
codes as typer's command line, which stays the one definition (issue #14, cold start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from mec_lint import fast_cli
from mec_lint.cli import app
from mec_lint.testing import make_certificate, make_signer

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
HEAVY = ("typer", "click", "rich", "yaml", "importlib.metadata", "mec_lint.formatters.junit")


def test_the_generated_table_is_current() -> None:
    """After changing an option of `check` in mec_lint.cli: `python -m mec_lint.fast_cli`."""
    with open(fast_cli.__file__, encoding="utf-8") as handle:
        assert fast_cli.generate() == handle.read()


def typer_values(args: list[str]) -> dict[str, Any] | None:
    """What typer passes to run_check for `args`, or None when typer refuses them."""
    try:
        seen = fast_cli.values_passed(typer.main.get_command(app), args)
    except Exception:  # click's usage errors (typer answers those itself)
        return None
    return seen or None


VALUES = [
    "json",
    "text",
    "a.xml",
    "0",
    "1",
    "2",
    "007",
    "-1",
    "-",
    "",
    "٣",
    " 3",
    "+3",
    "1_0",
    "--strict",
    "es",
]
TOKENS = [
    *fast_cli.CHECK_OPTIONS,
    *VALUES,
    "--help",
    "--",
    "-qf",
    "-fjson",
    "-q2",
    "--format=json",
    "--format=",
    "--strict=1",
    "--jobs=0",
    "--jobs=3",
    "--select=CUR,XSD",
    "--nope",
    "--colour",
    "--version",
    "lote.zip",
    "carpeta",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8), st.booleans())
def test_fast_reader_passes_what_typer_passes(tokens: list[str], with_command: bool) -> None:
    args = ["check", *tokens] if with_command else tokens
    fast = fast_cli.read_check(args)
    if fast is not None:
        assert fast == typer_values(args), args


@pytest.mark.parametrize(
    "args",
    [
        ["check", "a.xml"],
        ["check", "a.xml", "b.xml", "-f", "json", "--select", "CUR", "--select", "XSD001", "-q"],
        ["check", "--format=sarif", "a.xml", "--jobs", "2", "--no-color", "--color", "-o", "r.txt"],
        ["check", "a.xml", "--max-warnings", "0", "--expected-count", "3", "--strict", "--exit-zero"],
        ["check", "a.xml", "--lang", "en", "--upload-date", "2024-09-01", "--batch", "--no-progress"],
        ["check", "-", "--format", "text", "--format", "json"],
    ],
)
def test_ordinary_command_lines_are_read_without_typer(args: list[str]) -> None:
    fast = fast_cli.read_check(args)
    assert fast is not None and fast == typer_values(args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["rules"],
        ["check"],
        ["check", "--help"],
        ["check", "a.xml", "--jobs", "0"],
        ["check", "a.xml", "--jobs", "x"],
        ["check", "a.xml", "--max-warnings", "-1"],
        ["check", "a.xml", "--formato", "json"],
        ["check", "a.xml", "-f"],
        ["check", "a.xml", "-qf", "json"],
        ["check", "--", "-raro.xml"],
        ["check", "a.xml", "--strict=yes"],
    ],
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert fast_cli.read_check(args) is None


def test_shell_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_MEC_LINT_COMPLETE", "bash_complete")
    assert fast_cli.read_check(["check", "a.xml"]) is None


def test_windows_expansion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows click expands `*.xml`, `~` and variables itself: those lines go to typer."""
    monkeypatch.setattr(os, "name", "nt")
    assert fast_cli.read_check(["check", "*.xml"]) is None
    assert fast_cli.read_check(["check", "%USERPROFILE%\\a.xml"]) is None
    assert fast_cli.read_check(["check", "C:\\lote\\a.xml"]) is not None


def run(entry: str, args: list[str], cwd: Path) -> tuple[int, bytes, bytes, list[str]]:
    """Exit code, stdout, stderr and the heavy modules loaded, with `entry`'s main()."""
    probe = (
        "import sys, atexit\n"
        f"sys.argv = ['mec-lint', *{args!r}]\n"
        "def loaded():\n"
        f"    heavy = [m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in {HEAVY!r})]\n"
        "    sys.stderr.write('\\nLOADED ' + ' '.join(sorted(heavy)) + '\\n')\n"
        "atexit.register(loaded)\n"
        f"from {entry} import main\n"
        "main()\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, timeout=120, env=env)
    err, _, tail = done.stderr.rpartition(b"\nLOADED ")
    return done.returncode, done.stdout, err, tail.decode().split()


@pytest.mark.parametrize(
    "args",
    [
        ["check", "ok.xml", "--upload-date", "2024-09-01"],
        ["check", "malo.xml", "--upload-date", "2024-09-01"],
        ["check", "malo.xml", "ok.xml", "--upload-date", "2024-09-01", "-f", "json", "--statistics"],
        ["check", "malo.xml", "--upload-date", "2024-09-01", "-f", "csv", "--strict", "--max-warnings", "3"],
        ["check", "malo.xml", "--upload-date", "2024-09-01", "--quiet", "--lang", "en"],
        ["check", "no-existe.xml", "--upload-date", "2024-09-01"],
        ["check", "ok.xml", "--format", "yaml"],
        ["check", "ok.xml", "--junit-warnings", "todo"],
        ["check", "ok.xml", "--lang", "fr"],
        ["check", "ok.xml"],
    ],
)
def test_same_output_and_exit_code_as_typer(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "ok.xml").write_bytes(make_certificate(signer=make_signer()))
    (tmp_path / "malo.xml").write_bytes(make_certificate({"Alumno": {"curp": "XXXX000000XXXXXX00"}}))
    assert fast_cli.read_check(args) is not None
    fast = run("mec_lint.fast_cli", args, tmp_path)
    slow = run("mec_lint.cli", args, tmp_path)
    assert fast[:3] == slow[:3]
    assert "typer" in slow[3]
    assert not {"typer", "click", "rich", "yaml", "importlib.metadata"} & set(fast[3]), fast[3]
    if not any("junit" in arg for arg in args):
        assert "mec_lint.formatters.junit" not in fast[3]


@pytest.mark.parametrize(
    "args",
    [["check", "--help"], ["check", "a.xml", "--jobs", "0"], ["check", "a.xml", "--formato", "json"], []],
)
def test_help_and_usage_errors_stay_typer_s(args: list[str], tmp_path: Path) -> None:
    fast = run("mec_lint.fast_cli", args, tmp_path)
    slow = run("mec_lint.cli", args, tmp_path)
    assert fast[:3] == slow[:3]
    assert fast[0] in (0, 2)
