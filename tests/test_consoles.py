"""Where the users are: Windows consoles (cp1252, cp850, spawn), terminals with NO_COLOR or
TERM=dumb, 80 columns, big folios. Every test runs the real CLI in a subprocess where the
console matters."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mec_lint import console
from mec_lint.testing import make_certificate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "fixtures" / "samples"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WINDOWS_ENCODINGS = ("cp1252", "cp850")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM")}
    env.update(extra)
    return env


def _cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mec_lint", *args],
        capture_output=True,
        env=_env(**env),
        cwd=cwd or ROOT,
        timeout=120,
    )


# -- Windows code pages -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", WINDOWS_ENCODINGS)
def test_rules_and_explain_print_in_a_windows_code_page(encoding: str) -> None:
    for args in (
        ["rules"],
        ["rules", "--lang", "en"],
        ["explain", "CUR004"],
        ["explain", "FEC001", "--lang", "en"],
    ):
        done = _cli(*args, PYTHONIOENCODING=encoding)
        assert done.returncode == 0, (args, done.stderr.decode(encoding, "replace"))
        assert b"Traceback" not in done.stderr
        text = done.stdout.decode(encoding)  # strict: every byte is the console's own
        assert text.strip(), args
    explained = _cli("explain", "CUR004", PYTHONIOENCODING=encoding).stdout.decode(encoding)
    dash = "—" if encoding == "cp1252" else "-"  # cp850 has no «—»: replaced by its closest form
    assert f"CUR004 (curp-digito-verificador) {dash} severidad por omisión: error" in explained
    assert "Ñ" in explained and "dígito" in explained  # what the code page has stays as it is
    listed = _cli("rules", PYTHONIOENCODING=encoding).stdout.decode(encoding)
    assert re.search(r"^CUR004\s+curp-digito-verificador\s+error\s+", listed, re.M)


@pytest.mark.parametrize("encoding", WINDOWS_ENCODINGS)
def test_check_prints_the_bitacora_in_a_windows_code_page(encoding: str) -> None:
    done = _cli("check", str(SAMPLES), "--upload-date", "2024-09-01", PYTHONIOENCODING=encoding)
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    text = done.stdout.decode(encoding)
    assert "Descripción" in text and "CUR004" in text and "Fecha de carga: 2024-09-01" in text
    assert ("9.333333…" if encoding == "cp1252" else "9.333333...") in text  # cp850 has no «…»
    assert not ANSI.search(text)


def test_the_writer_replaces_what_the_console_lacks() -> None:
    assert console.displayable("media 9.33… ≤ 10 — «sí» ·", "cp850") == "media 9.33... <= 10 - «sí» ·"
    assert console.displayable("a → b ✓ \U0001f600", "cp1252") == "a -> b v ?"
    assert console.displayable("ÁÉÍÓÚÑ “x”", "cp1252") == "ÁÉÍÓÚÑ “x”"  # cp1252 has these
    assert console.displayable("bad \udcff", "utf-8") == "bad ?"


def test_machine_formats_stay_utf8_on_a_windows_console() -> None:
    """JSON piped from a cp1252 console is still UTF-8 (what json readers expect), never `?`."""
    done = _cli("check", str(SAMPLES), "--upload-date", "2024-09-01", "-f", "json", PYTHONIOENCODING="cp1252")
    payload = json.loads(done.stdout.decode("utf-8"))
    assert any("…" in f["message"] for f in payload["findings"])
    rules = json.loads(_cli("rules", "-f", "json", PYTHONIOENCODING="cp850").stdout.decode("utf-8"))
    assert any("≤" in rule["summary"] or "…" in rule["summary"] for rule in rules) or rules


# -- spawn (Windows and macOS start worker processes this way) ---------------------------------


def test_start_method_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint import pool

    monkeypatch.setenv(pool.START_METHOD_ENV, "spawn")
    assert pool._context().get_start_method() == "spawn"
    monkeypatch.setenv(pool.START_METHOD_ENV, "no-such-method")
    assert pool._context().get_start_method() in ("fork", "spawn")


@pytest.mark.parametrize("encoding", WINDOWS_ENCODINGS)
def test_check_with_spawned_workers_in_a_windows_code_page(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "lote"
    folder.mkdir()
    for i in range(12):
        overrides = {"Dec": {"folioControl": f"UEC-{i}"}}
        if i % 4 == 0:
            overrides["Alumno"] = {"curp": "GAPA010523MDFRRNA7"}  # CUR004: a message with accents
        (folder / f"cert_{i:02d}.xml").write_bytes(make_certificate(overrides=overrides))
    args = ("check", str(folder), "--upload-date", "2024-09-01", "--jobs", "2")
    spawned = _cli(*args, "-f", "json", MEC_LINT_START_METHOD="spawn", PYTHONIOENCODING=encoding)
    forked = _cli(*args, "-f", "json", MEC_LINT_START_METHOD="fork")
    assert spawned.returncode == forked.returncode == 1, spawned.stderr
    assert json.loads(spawned.stdout) == json.loads(forked.stdout)
    text = _cli(*args, MEC_LINT_START_METHOD="spawn", PYTHONIOENCODING=encoding)
    assert text.returncode == 1 and b"Traceback" not in text.stderr
    assert text.stdout.decode(encoding).count("CUR004") == 3


# -- colours: NO_COLOR, TERM=dumb, --color --------------------------------------------------------


def test_colour_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert console.use_color(None, Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert console.use_color(None, Tty()) is False
    assert console.use_color(True, Tty()) is True  # --color wins
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert console.use_color(None, Tty()) is False
    monkeypatch.delenv("TERM")
    assert console.use_color(None, object()) is False  # piped
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert console.use_color(None, object()) is True


def _in_a_terminal(command: list[str], **env: str) -> str:
    """Run `command` with stdout on a pseudo-terminal (util-linux `script`); its output."""
    done = subprocess.run(
        ["script", "-qec", " ".join(command), "/dev/null"],
        capture_output=True,
        env=_env(**env),
        cwd=ROOT,
        timeout=120,
    )
    return done.stdout.decode("utf-8", "replace")


@pytest.mark.skipif(shutil.which("script") is None or os.name == "nt", reason="needs util-linux script")
def test_no_color_and_dumb_terminals_get_no_escape_codes() -> None:
    command = [sys.executable, "-m", "mec_lint", "check", str(SAMPLES), "--upload-date", "2024-09-01"]
    coloured = _in_a_terminal(command, TERM="xterm-256color", COLUMNS="200")
    assert ANSI.search(coloured), "a terminal gets colours"
    for env in ({"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}):
        plain = _in_a_terminal(command, COLUMNS="200", **env)
        assert "CUR004" in plain and not ANSI.search(plain), env
    forced = _cli("check", str(SAMPLES), "--upload-date", "2024-09-01", "--color", NO_COLOR="1")
    assert ANSI.search(forced.stdout.decode("utf-8"))  # --color wins


# -- narrow terminals ------------------------------------------------------------------------------


def _lines(*args: str, columns: int) -> list[str]:
    done = _cli("check", "fixtures/samples", "--upload-date", "2024-09-01", *args, COLUMNS=str(columns))
    return ANSI.sub("", done.stdout.decode("utf-8")).splitlines()


@pytest.mark.parametrize("colour", [(), ("--color",)])
def test_80_columns_is_at_most_twice_the_lines_of_200(colour: tuple[str, ...]) -> None:
    narrow, wide = _lines(*colour, columns=80), _lines(*colour, columns=200)
    assert len(narrow) <= 2 * len(wide), (len(narrow), len(wide))
    assert max(len(line) for line in narrow) <= 80
    assert max(len(line) for line in wide) > 80  # the wide report uses the room: a table
    stacked = [line for line in narrow if re.match(r"^  \d+ · \w+ · \w+ · [A-Z]{3}\d{3} ", line)]
    assert len(stacked) == 8  # one head line per finding: línea · nodo · atributo · código
    assert "  9 · Alumno · curp · CUR004 error" in narrow


# -- big folios: a finding shared by every member ---------------------------------------------


def _shared_folio_zip(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from bench.bench_report import FOLIO
        from bench.generate import iter_certificates
    finally:
        sys.path.remove(str(ROOT))
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in iter_certificates(count, signed=False):
            archive.writestr(name, FOLIO.sub(b'folioControl="UEC-2024-000001"', data, count=1))


def test_a_finding_shared_by_every_member_is_reported_once(tmp_path: Path) -> None:
    count = 400
    lote = tmp_path / "lote.zip"
    _shared_folio_zip(lote, count)
    args = ("check", str(lote), "--upload-date", "2024-09-01", "--exit-zero")
    text = _cli(*args, COLUMNS="120").stdout.decode("utf-8")
    lines = text.splitlines()
    assert len(lines) < 300, len(lines)  # without grouping: > 2 × 400 lines
    assert text.count("LOT006") == 1
    assert (
        f"en {count} archivos de {lote}: cert_00001.xml, cert_00002.xml, cert_00003.xml y {count - 3} más"
        in (" ".join(line.strip() for line in lines))
    )
    assert f"{count} archivos sólo con hallazgos repetidos" in text
    assert f"Advertencias: {count}" in text
    payload = json.loads(_cli(*args, "-f", "json").stdout)  # machine formats: one finding per member
    assert sum(f["code"] == "LOT006" for f in payload["findings"]) == count
    csv_text = _cli(*args, "-f", "csv").stdout.decode("utf-8-sig")
    assert csv_text.count("LOT006") == count


def test_shared_grouping_needs_many_files() -> None:
    from mec_lint.findings import Finding, Severity
    from mec_lint.formatters._shared import GROUP_MIN, split_shared

    def finding(path: str, value: str = "X") -> Finding:
        return Finding(
            path=path, code="LOT006", severity=Severity.WARNING, message="m", element="Dec",
            xpath="/Dec", attribute="folioControl", value=value, line=2,
        )  # fmt: skip

    few = [finding(f"z!{i}.xml") for i in range(GROUP_MIN - 1)]
    assert split_shared(few) == ([], few)
    many = [finding(f"z!{i}.xml") for i in range(GROUP_MIN)] + [finding("z!other.xml", "Y")]
    shared, rest = split_shared(many)
    assert len(shared) == 1 and len(shared[0].paths) == GROUP_MIN
    assert [f.value for f in rest] == ["Y"]  # a different value is its own finding
