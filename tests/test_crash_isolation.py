"""Issue #7 point 3: an unexpected exception in one rule on one file is an MEC900 finding for that
file and rule (with a hint to report it); the other rules and files still run; the exit code is 2.

Faulty rules are injected as small module objects through `Registry.add_module` (no plugin is
installed); the CLI runs in-process with `--jobs 1` so the injected registry is the one used.
"""

from __future__ import annotations

import io
import json
import types
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mec_lint.engine as engine
from mec_lint.cli import app
from mec_lint.findings import Severity
from mec_lint.rule import Rule, Scope
from mec_lint.testing import make_certificate, registry_with

VALID = make_certificate()
OLD_VERSION = make_certificate(overrides={"Dec": {"version": "2.0"}})  # DEC001 on any file


def _rule(code: str) -> Rule:
    return Rule(
        code=code,
        name=f"prueba-{code.lower()}",
        severity=Severity.WARNING,
        summary={"es": "Regla de prueba", "en": "Test rule"},
        messages={"m": {"es": "Hallazgo de prueba en {element}", "en": "Test finding in {element}"}},
        why="Prueba del aislamiento de fallos.",
        fail_example="-",
        pass_example="-",
        spec="issue #7 punto 3",
    )


FAULTY = _rule("ZZZ901")
AFTER = _rule("ZZZ902")


def faulty_xml_module(victim: str) -> Any:
    """Reports one finding, then fails on the file named `victim` (and only there)."""

    def check(doc: Any, ctx: Any) -> Iterator[Any]:
        yield ctx.report(FAULTY, "m", doc.root)
        if doc.path.endswith(victim):
            raise KeyError("idCarrera")

    return types.SimpleNamespace(
        __name__="prueba_falla", RULES=(FAULTY,), SCOPE=Scope.XML, check=check, ORDER=1
    )


def later_module() -> Any:
    """A rule that runs after the faulty one: it must still run on the victim."""

    def check(doc: Any, ctx: Any) -> Iterator[Any]:
        yield ctx.report(AFTER, "m", doc.root)

    return types.SimpleNamespace(
        __name__="prueba_despues", RULES=(AFTER,), SCOPE=Scope.XML, check=check, ORDER=999
    )


def use_registry(monkeypatch: pytest.MonkeyPatch, *modules: Any) -> None:
    registry = registry_with(*modules)
    monkeypatch.setattr(engine, "load_registry", lambda *args, **kwargs: registry)


def run_cli(paths: list[Path], *args: str) -> tuple[int, dict[str, Any] | None, str]:
    result = CliRunner().invoke(
        app,
        ["check", *map(str, paths), "--upload-date", "2024-09-01", "--jobs", "1", "--no-progress", *args],
    )
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    payload = json.loads(result.stdout) if "json" in args else None
    return result.exit_code, payload, output


def by_path(payload: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """Errors and warnings of `path` (info notes such as «not signed yet» do not matter here)."""
    return [f for f in payload["findings"] if f["path"] == str(path) and f["severity"] != "info"]


def test_crash_in_one_rule_on_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_registry(monkeypatch, faulty_xml_module("victima.xml"), later_module())
    first = tmp_path / "primero.xml"
    victim = tmp_path / "victima.xml"
    first.write_bytes(OLD_VERSION)
    victim.write_bytes(OLD_VERSION)
    code, payload, _ = run_cli([first, victim], "--format", "json")
    assert code == 2
    assert payload is not None
    crashes = [f for f in by_path(payload, victim) if f["code"] == "MEC900"]
    assert len(crashes) == 1
    message = crashes[0]["message"]
    assert "ZZZ901" in message and "KeyError" in message and "idCarrera" in message
    assert "repórtelo" in message  # the hint to report it
    assert crashes[0]["severity"] == "error"
    victim_codes = sorted(f["code"] for f in by_path(payload, victim))
    assert victim_codes == ["DEC001", "MEC900", "ZZZ901", "ZZZ902"]  # before, after and the built-ins ran
    first_codes = sorted(f["code"] for f in by_path(payload, first))
    assert first_codes == ["DEC001", "ZZZ901", "ZZZ902"]  # the other file: untouched by the crash


def test_crash_exit_code_and_text_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_registry(monkeypatch, faulty_xml_module("victima.xml"))
    victim = tmp_path / "victima.xml"
    victim.write_bytes(VALID)
    code, _, output = run_cli([victim])
    assert code == 2
    assert "MEC900" in output and "Error interno" in output
    code, _, output = run_cli([victim], "--lang", "en")
    assert code == 2
    assert "internal error" in output and "report it" in output


def test_crash_is_exit_2_even_with_exit_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_registry(monkeypatch, faulty_xml_module("victima.xml"))
    victim = tmp_path / "victima.xml"
    victim.write_bytes(VALID)
    code, payload, _ = run_cli([victim], "--format", "json", "--exit-zero")
    assert payload is not None and any(f["code"] == "MEC900" for f in payload["findings"])
    assert code == 2  # an internal error is never hidden


def test_crash_in_a_layout_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint.layout.samples import LayoutBuilder

    def check(layout: Any, ctx: Any) -> Iterator[Any]:
        raise ZeroDivisionError("créditos")
        yield  # pragma: no cover

    module = types.SimpleNamespace(__name__="prueba_layout", RULES=(FAULTY,), SCOPE=Scope.LAYOUT, check=check)
    use_registry(monkeypatch, module)
    workbook = tmp_path / "programa.xlsx"
    workbook.write_bytes(LayoutBuilder().drop_sheet("CAMPUS").to_bytes())
    certificate = tmp_path / "cert.xml"
    certificate.write_bytes(OLD_VERSION)
    code, payload, _ = run_cli([workbook, certificate], "--format", "json")
    assert code == 2 and payload is not None
    assert sorted({f["code"] for f in by_path(payload, workbook)}) == ["LAY002", "MEC900"]
    assert [f["code"] for f in by_path(payload, certificate)] == ["DEC001"]


def test_crash_in_a_batch_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def check(batch: Any, ctx: Any) -> Iterator[Any]:
        raise RuntimeError("lote")
        yield  # pragma: no cover

    module = types.SimpleNamespace(__name__="prueba_lote", RULES=(FAULTY,), SCOPE=Scope.BATCH, check=check)
    use_registry(monkeypatch, module)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", VALID)
        archive.writestr("b.xml", OLD_VERSION)
    lote = tmp_path / "lote.zip"
    lote.write_bytes(buffer.getvalue())
    code, payload, _ = run_cli([lote], "--format", "json")
    assert code == 2 and payload is not None
    codes = {(f["path"].rpartition("!")[2], f["code"]) for f in payload["findings"]}
    assert ("b.xml", "DEC001") in codes  # members were linted
    crashes = [f for f in payload["findings"] if f["code"] == "MEC900"]
    assert len(crashes) == 1 and "ZZZ901" in crashes[0]["message"]
    assert crashes[0]["path"].startswith(str(lote))


def test_crash_outside_any_rule_is_isolated_to_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_parse = engine.parse

    def parse(path: str, raw: bytes, *args: Any) -> Any:
        if path.endswith("victima.xml"):
            raise MemoryError("simulada")
        return real_parse(path, raw, *args)

    monkeypatch.setattr(engine, "parse", parse)
    victim = tmp_path / "victima.xml"
    other = tmp_path / "otro.xml"
    victim.write_bytes(VALID)
    other.write_bytes(OLD_VERSION)
    code, payload, _ = run_cli([victim, other], "--format", "json")
    assert code == 2 and payload is not None
    crash = by_path(payload, victim)
    assert [f["code"] for f in crash] == ["MEC900"]
    assert "MemoryError" in crash[0]["message"] and "repórtelo" in crash[0]["message"]
    assert [f["code"] for f in by_path(payload, other)] == ["DEC001"]


def test_internal_finding_without_crash_keeps_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_registry(monkeypatch, faulty_xml_module("nadie.xml"))
    path = tmp_path / "cert.xml"
    path.write_bytes(OLD_VERSION)
    code, payload, _ = run_cli([path], "--format", "json")
    assert code == 1 and payload is not None
    assert "MEC900" not in {f["code"] for f in payload["findings"]}
