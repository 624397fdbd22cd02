"""Issue #14, cold start: a plain `mec-lint check one.xml` of a signed certificate imports only
what it uses (timings live in bench/bench_targets.py --only cold, never in a test)."""

from __future__ import annotations

import calendar
import re
import subprocess
import sys
from pathlib import Path

from mec_lint import rules
from mec_lint.dates import _days_in_month
from mec_lint.lazy_re import lazy
from mec_lint.registry import _module_names
from mec_lint.testing import make_certificate, make_signer

NOT_FOR_A_PLAIN_CHECK = (
    "typer",
    "click",
    "rich",
    "yaml",
    "cryptography",
    "importlib.metadata",
    "importlib.resources",
    "calendar",
    "textwrap",
    "hashlib",
    "traceback",
    "xmlschema",
    "openpyxl",
    "mec_lint.formatters.junit",
    "dataclasses",  # mec_lint.record's plain classes instead
    "pkgutil",  # the rules folder is listed without it
)


def loaded_by_check(tmp_path: Path, *args: str) -> set[str]:
    (tmp_path / "uno.xml").write_bytes(make_certificate(signer=make_signer()))
    probe = (
        "import sys, atexit\n"
        f"sys.argv = ['mec-lint', 'check', 'uno.xml', '--upload-date', '2024-09-01', *{args!r}]\n"
        "import gc\n"
        "atexit.register(lambda: sys.stderr.write('\\nLOADED ' + ' '.join(sys.modules) + '\\n'))\n"
        "atexit.register(lambda: sys.stderr.write(f'\\nGC {gc.isenabled()} {gc.get_freeze_count() > 0}'))\n"
        "from mec_lint.fast_cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # start-up ran with the collector paused and frozen out of its reach; the run collects again
    assert "\nGC True True" in done.stderr
    if not args:
        assert "Archivos sin errores: 1" in done.stdout  # the seal was checked and verified
    return set(done.stderr.rpartition("\nLOADED ")[2].split())


def heavy(modules: set[str]) -> list[str]:
    return sorted(
        name for name in modules if any(name == h or name.startswith(h + ".") for h in NOT_FOR_A_PLAIN_CHECK)
    )


def test_a_plain_check_of_a_signed_certificate_imports_only_what_it_uses(tmp_path: Path) -> None:
    assert heavy(loaded_by_check(tmp_path)) == []
    # and the probe sees them when they are used: JUnit's options, a coloured report
    assert "mec_lint.formatters.junit" in loaded_by_check(tmp_path, "-f", "junit")
    assert "rich" in loaded_by_check(tmp_path, "--color")


def test_lazy_patterns_behave_as_compiled_ones() -> None:
    pattern = lazy(r"(\d+)-(\w)", re.I)
    assert "compiled" not in vars(pattern)
    assert pattern.sub(r"\2\1", "12-a 7-B") == re.compile(r"(\d+)-(\w)", re.I).sub(r"\2\1", "12-a 7-B")
    assert vars(pattern)["compiled"].flags & re.I
    assert pattern.fullmatch("3-x") is not None and pattern.match("x") is None
    assert pattern.pattern == r"(\d+)-(\w)" and pattern.groups == 2
    assert [m.group(1) for m in pattern.finditer("1-a 22-b")] == ["1", "22"]
    assert lazy(rb"^\s*<\?xml").match(b"  <?xml") is not None


def test_days_in_month_as_the_calendar_counts_them() -> None:
    for year in (*range(1, 2401), 9999, 10000, 12000, 99999):
        for month in range(1, 13):
            assert _days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)


def test_rule_modules_are_listed_as_pkgutil_lists_them(tmp_path: Path) -> None:
    import pkgutil

    def by_pkgutil(folder: str) -> set[str]:
        return {info.name for info in pkgutil.iter_modules([folder])}

    assert _module_names(rules.__path__) == by_pkgutil(rules.__path__[0])
    assert "sello" in _module_names(rules.__path__) and "__init__" not in _module_names(rules.__path__)
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "uno.py").write_text("")
    (tmp_path / "__pycache__").mkdir()
    assert _module_names([str(tmp_path)]) == by_pkgutil(str(tmp_path)) == {"uno"}
    for other in ("sub/__init__.py", "ext.cpython-311-x86_64-linux-gnu.so", "solo.pyc", "notas.txt"):
        (tmp_path / other).parent.mkdir(exist_ok=True)
        (tmp_path / other).write_text("")
        assert _module_names([str(tmp_path)]) == by_pkgutil(str(tmp_path)), other
    assert _module_names([str(tmp_path / "no-existe")]) == set()
