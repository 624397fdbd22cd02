"""Issue #14: the cyclic garbage collector is paused while a file is checked and while a report
is written (mec_lint.gc_pause), and always left as it was found."""

from __future__ import annotations

import datetime as dt
import gc
import types
from collections.abc import Iterator

import pytest

from mec_lint import gc_pause
from mec_lint.config import Config
from mec_lint.context import Context
from mec_lint.engine import Linter
from mec_lint.findings import Finding, Severity
from mec_lint.formatters import render_bytes
from mec_lint.results import FileResult, RunResult
from mec_lint.rule import Rule, Scope
from mec_lint.testing import make_certificate, registry_with
from mec_lint.xmldoc import XmlDocument

RULE = Rule(
    code="PLG902",
    name="prueba-recolector",
    severity=Severity.WARNING,
    summary={"es": "Prueba", "en": "Test"},
    messages={"m": {"es": "Recolector activo: {state}", "en": "Collector enabled: {state}"}},
    why="Prueba de la pausa del recolector.",
    fail_example="-",
    pass_example="-",
    spec="-",
)


def _reports_collector_state(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    yield ctx.report(RULE, "m", doc.root, state=gc.isenabled())


def _crashes(doc: XmlDocument, ctx: Context) -> Iterator[Finding]:
    raise RuntimeError("boom")
    yield  # pragma: no cover - makes it a generator


def _linter(check: object) -> Linter:
    module = types.ModuleType("plugin_recolector")
    module.RULES = (RULE,)  # type: ignore[attr-defined]
    module.SCOPE = Scope.XML  # type: ignore[attr-defined]
    module.check = check  # type: ignore[attr-defined]
    return Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=1), registry=registry_with(module))


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_checks_run_with_the_collector_paused_and_it_resumes_after(collector_enabled: None) -> None:
    findings = _linter(_reports_collector_state).lint_xml("c.xml", make_certificate()).findings
    assert [f.message for f in findings if f.code == "PLG902"] == ["Recolector activo: False"]
    assert gc.isenabled()


def test_a_crashing_check_still_resumes_the_collector(collector_enabled: None) -> None:
    findings = _linter(_crashes).lint_xml("c.xml", make_certificate()).findings
    assert "MEC900" in {f.code for f in findings}
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        _linter(_reports_collector_state).lint_xml("c.xml", make_certificate())
        with gc_pause.paused():
            with gc_pause.paused():  # nested: the inner one leaves it to the outer one
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_an_exception_inside_the_pause_resumes_the_collector(collector_enabled: None) -> None:
    with pytest.raises(ValueError), gc_pause.paused():
        assert not gc.isenabled()
        raise ValueError("x")
    assert gc.isenabled()


def test_writing_a_report_pauses_the_collector_and_resumes_it(
    collector_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mec_lint.formatters import json_format

    seen: list[bool] = []
    original = json_format.render_utf8

    def spy(run: RunResult, **options: object) -> bytes:
        seen.append(gc.isenabled())
        return original(run, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(json_format, "render_utf8", spy)
    run = RunResult(files=[FileResult("a.xml", [Finding("a.xml", "XSD001", Severity.ERROR, "m")])])
    assert b'"code": "XSD001"' in render_bytes("json", run)
    assert seen == [False]
    assert gc.isenabled()
