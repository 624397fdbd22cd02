"""What the report tells its readers: the fecha de carga it used, JUnit that only goes red on
errors, `explain`/`rules` in both languages, and citations a user can look up."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.config import Config
from mec_lint.docs import explain_text, public_text, rules_markdown
from mec_lint.engine import FileResult, Linter, RunResult
from mec_lint.findings import Finding, Severity
from mec_lint.formatters import render, render_bytes
from mec_lint.registry import load_registry
from mec_lint.testing import make_certificate

runner = CliRunner()
INTERNAL_NAMES = re.compile(
    r"mec-faq\.txt|dec-3\.0\.md|layout\.md|catalogs\.yaml|spec README|anchors\.md|issue #\d"
)


def _cert(tmp_path: Path, name: str = "cert.xml", **overrides: dict[str, str | None]) -> Path:
    path = tmp_path / name
    path.write_bytes(make_certificate(overrides=overrides or None))
    return path


def _finding(path: str, code: str, severity: Severity, line: int = 3) -> Finding:
    return Finding(path=path, code=code, severity=severity, message=f"{code} {severity.value}", line=line)


# -- the fecha de carga the report used ------------------------------------------------------------


def test_every_report_names_the_upload_date(tmp_path: Path) -> None:
    cert = _cert(tmp_path)
    run = Linter(Config(upload_date=dt.date(2024, 9, 1))).run([str(cert)])
    assert run.upload_date == dt.date(2024, 9, 1)
    assert "Fecha de carga: 2024-09-01\n" in render("text", run)
    assert "Upload date: 2024-09-01\n" in render("text", run, lang="en")
    assert json.loads(render("json", run))["summary"]["upload_date"] == "2024-09-01"
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(render_bytes("xlsx", run)))
    rows = {row[0]: row[1] for row in workbook["Resumen"].iter_rows(values_only=True) if row}
    assert rows["Fecha de carga"] == "2024-09-01"
    today = Linter(Config()).run([str(cert)])
    assert f"Fecha de carga: {dt.date.today().isoformat()} (hoy: use --upload-date" in render("text", today)


def test_json_contract_only_gains_upload_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_cert(tmp_path)), "-f", "json", "--upload-date", "2024-09-01"])
    payload = json.loads(result.stdout)
    assert list(payload) == ["version", "summary", "findings"]
    assert payload["summary"] == {"files": 1, "errors": 0, "warnings": 0, "upload_date": "2024-09-01"}
    assert json.loads(render("json", RunResult()))["summary"]["upload_date"] is None


def test_unattended_run_without_upload_date_warns_on_stderr(tmp_path: Path) -> None:
    cert = str(_cert(tmp_path))
    result = runner.invoke(app, ["check", cert, "-f", "json"])  # CliRunner: stdout is not a terminal
    assert "no se indicó la fecha de carga" in result.stderr and dt.date.today().isoformat() in result.stderr
    json.loads(result.stdout)  # the report itself is untouched
    given = runner.invoke(app, ["check", cert, "--upload-date", "2024-09-01"])
    assert "fecha de carga" not in given.stderr
    config = tmp_path / ".mec-lint.yaml"
    config.write_text("upload-date: 2024-09-01\n", encoding="utf-8")
    from_file = runner.invoke(app, ["check", cert, "--config", str(config)])
    assert "fecha de carga" not in from_file.stderr
    english = runner.invoke(app, ["check", cert, "--lang", "en"])
    assert "no upload date given" in english.stderr
    without_dates = runner.invoke(app, ["check", cert, "--ignore", "FEC"])
    assert "fecha de carga" not in without_dates.stderr  # no rule used the date


# -- JUnit -------------------------------------------------------------------------------------------


def _junit_run() -> RunResult:
    files = [
        FileResult("a.xml", [_finding("a.xml", "CUR004", Severity.ERROR)], codes_ran=("CUR004", "FEC002")),
        FileResult("b.xml", [_finding("b.xml", "FEC002", Severity.WARNING)], codes_ran=("CUR004", "FEC002")),
        FileResult("c.xml", [_finding("c.xml", "SEL012", Severity.INFO)], codes_ran=("SEL012",)),
    ]
    return RunResult(files=files, elapsed=1.5)


def _cases(xml: str) -> dict[tuple[str, str], ET.Element]:
    root = ET.fromstring(xml)
    return {
        (suite.get("name", ""), case.get("name", "").split()[0]): case for suite in root for case in suite
    }


def test_junit_warnings_do_not_fail_by_default() -> None:
    xml = render("junit", _junit_run())
    root = ET.fromstring(xml)
    cases = _cases(xml)
    assert cases[("a.xml", "CUR004")].find("failure") is not None
    warning = cases[("b.xml", "FEC002")]
    assert warning.find("failure") is None and warning.find("skipped") is None
    assert "warning FEC002" in (warning.findtext("system-out") or "")
    assert cases[("c.xml", "SEL012")].find("failure") is None
    assert root.get("failures") == "1" and root.get("skipped") == "0"


def test_junit_warnings_as_skipped_or_failure() -> None:
    skipped = _cases(render("junit", _junit_run(), junit_warnings="skipped"))[("b.xml", "FEC002")]
    assert skipped.find("skipped") is not None and skipped.find("failure") is None
    failed = ET.fromstring(render("junit", _junit_run(), junit_warnings="failure"))
    assert failed.get("failures") == "2"
    with pytest.raises(ValueError):
        render("junit", _junit_run(), junit_warnings="maybe")


def test_junit_has_time() -> None:
    root = ET.fromstring(render("junit", _junit_run()))
    assert float(root.get("time", "")) == 1.5
    suites = list(root)
    assert abs(sum(float(s.get("time", "")) for s in suites) - 1.5) < 0.01
    for suite in suites:
        assert abs(sum(float(c.get("time", "")) for c in suite) - float(suite.get("time", ""))) < 0.01


def test_junit_time_is_each_files_measured_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    paths = [str(_cert(tmp_path, name)) for name in ("fast.xml", "slow.xml")]
    lint_xml = Linter.lint_xml

    def slow_for_one(self: Linter, path: str, raw: bytes) -> FileResult:
        if path.endswith("slow.xml"):
            time.sleep(0.3)
        return lint_xml(self, path, raw)

    monkeypatch.setattr(Linter, "lint_xml", slow_for_one)
    run = Linter(Config(upload_date=dt.date(2024, 9, 1))).run(paths)
    seconds = {Path(r.path).name: r.elapsed for r in run.files}
    assert seconds["slow.xml"] is not None and seconds["slow.xml"] >= 0.3
    assert seconds["fast.xml"] is not None and seconds["fast.xml"] < seconds["slow.xml"]
    run.elapsed = 10.0  # the run's wall time stays on <testsuites>; the files keep their own
    root = ET.fromstring(render("junit", run))
    assert float(root.get("time", "")) == 10.0
    times = {Path(suite.get("name", "")).name: float(suite.get("time", "")) for suite in root}
    assert times["slow.xml"] >= 0.3 > times["fast.xml"]
    for suite in root:
        assert abs(sum(float(c.get("time", "")) for c in suite) - float(suite.get("time", ""))) < 0.01
    assert "elapsed" not in render("json", run) and "time" not in json.loads(render("json", run))["summary"]


def test_workers_record_each_files_time(tmp_path: Path) -> None:
    paths = [str(_cert(tmp_path, f"c{i}.xml")) for i in range(10)]
    parallel = Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=2)).run(paths)
    assert all(r.elapsed is not None and r.elapsed > 0 for r in parallel.files)
    serial = Linter(Config(upload_date=dt.date(2024, 9, 1), jobs=1)).run(paths)
    assert render("json", parallel) == render("json", serial)  # the JSON contract does not carry times


def test_junit_cli_options(tmp_path: Path) -> None:
    cert = _cert(tmp_path, Expedicion={"fecha": "2024-06-04T00:00:00"})  # 89 days: FEC002 warning
    base = ["check", str(cert), "--upload-date", "2024-09-01", "-f", "junit"]
    default = runner.invoke(app, base)
    assert default.exit_code == 0, default.output
    root = ET.fromstring(default.stdout)
    assert root.get("failures") == "0" and float(root.get("time", "-1")) >= 0
    strict = runner.invoke(app, [*base, "--strict"])
    assert strict.exit_code == 1 and ET.fromstring(strict.stdout).get("failures") == "1"
    skipped = runner.invoke(app, [*base, "--junit-warnings", "skipped"])
    assert ET.fromstring(skipped.stdout).get("skipped") == "1"
    bad = runner.invoke(app, [*base, "--junit-warnings", "rojo"])
    assert bad.exit_code == 2 and "--junit-warnings" in bad.stderr


# -- explain / rules --lang and public citations ------------------------------------------------------


def test_explain_and_rules_take_lang() -> None:
    spanish = runner.invoke(app, ["explain", "FEC001"])
    english = runner.invoke(app, ["explain", "FEC001", "--lang", "en"])
    assert spanish.exit_code == english.exit_code == 0
    assert "Por qué:" in spanish.stdout and "Se basa en:" in spanish.stdout
    assert "Why:" in english.stdout and "Based on:" in english.stdout and "in Spanish" not in english.stdout
    assert "must be 1 to 90 days before the authentication date" in english.stdout
    assert "The issue date is 1 to 90 days before the upload date" in english.stdout
    assert "default severity: error" in english.stdout
    rules_en = runner.invoke(app, ["rules", "--lang", "en"]).stdout
    assert re.search(r"^FEC002\s+\S+\s+warning\s+", rules_en, re.M)
    rules_es = runner.invoke(app, ["rules"]).stdout
    assert re.search(r"^FEC002\s+\S+\s+advertencia\s+", rules_es, re.M)
    for args in (["explain", "FEC001", "--lang", "fr"], ["rules", "--lang", "fr"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "idioma desconocido" in result.stderr


def test_user_facing_texts_cite_the_mec_not_internal_files() -> None:
    registry = load_registry(plugins=False)
    for rule in registry.rules.values():
        for lang in ("es", "en"):
            text = explain_text(rule, lang)
            assert not INTERNAL_NAMES.search(text), (rule.code, INTERNAL_NAMES.search(text))
        assert "alcance del proyecto" not in rule.why + rule.spec, rule.code
    assert not INTERNAL_NAMES.search(rules_markdown(list(registry.rules.values())))
    listed = json.loads(runner.invoke(app, ["rules", "-f", "json"]).stdout)
    assert not any(INTERNAL_NAMES.search(json.dumps(rule, ensure_ascii=False)) for rule in listed)
    sarif = json.loads(
        render("sarif", RunResult(files=[FileResult("a.xml", [_finding("a.xml", "CUR004", Severity.ERROR)])]))
    )
    assert not INTERNAL_NAMES.search(json.dumps(sarif["runs"][0]["tool"], ensure_ascii=False))
    help_text = runner.invoke(app, ["check", "--help"]).stdout
    assert not INTERNAL_NAMES.search(help_text)


def test_public_text_names_the_faq_questions() -> None:
    text = public_text("spec README reglas 9, 10 y 13; dec-3.0.md §1.2; mec-faq.txt «numeroCiclos»")
    assert "«¿Cómo puedo cargar varios certificados a la vez?»" in text
    assert "«¿Cuántos firmantes se autorizan en el MEC?»" in text
    assert '«¿A qué se refiere el nuevo nodo "ServicioFirmante" y el atributo "idEntidad"?»' in text
    assert "referencia Dec 3.0 §1.2" in text and "Preguntas frecuentes del MEC (SEP) «numeroCiclos»" in text
    assert public_text("dec-3.0.md §5.6", "en") == "Dec 3.0 reference §5.6"
    faq = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "mec-faq.txt"
    if faq.exists():  # every question cited is the FAQ's own words (quotes and accents aside)
        from mec_lint.docs import FAQ_QUESTIONS

        def plain(text: str) -> str:
            return re.sub(r"[^a-z0-9]", "", text.lower().translate(str.maketrans("áéíóú", "aeiou")))

        source = plain(faq.read_text(encoding="utf-8"))
        for cited in FAQ_QUESTIONS.values():
            for question in re.findall(r"«(.*?)»", cited):
                assert plain(question) in source, question


def test_spanish_help_in_a_cp850_console() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mec_lint", "check", "--help"],
        capture_output=True,
        env={**__import__("os").environ, "PYTHONIOENCODING": "cp850"},
        timeout=60,
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert "Fecha de carga" in done.stdout.decode("cp850")
