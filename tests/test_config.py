"""Configuration files: discovery, every key, validation with the place of the error, CLI wins."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mec_lint import config_file
from mec_lint.config import ConfigError, Limits, load_config, resolve_config
from mec_lint.findings import Severity
from mec_lint.rule import Option, Rule, Scope
from mec_lint.testing import make_certificate, registry_with

OPTION_RULE = Rule(
    code="TST001",
    name="regla-de-prueba",
    severity=Severity.WARNING,
    summary={"es": "Regla de prueba", "en": "Test rule"},
    messages={"m": {"es": "prueba {value}", "en": "test {value}"}},
    why="prueba",
    fail_example="-",
    pass_example="-",
    spec="-",
    options={
        "limite": Option(int, 3, "un entero"),
        "nombres": Option(list, [], "una lista"),
        "dias_aviso": Option(int, 7, "un entero"),
    },
)
TEST_MODULE = types.SimpleNamespace(
    __name__="tests.tst001", SCOPE=Scope.XML, RULES=(OPTION_RULE,), check=lambda doc, ctx: ()
)


@pytest.fixture(autouse=True)
def _registry_with_an_option_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = registry_with(TEST_MODULE)
    monkeypatch.setattr(config_file, "_registry", lambda: registry)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL = """\
select: [DEC, XSD]
ignore: DEC004
per-file-ignores:
  "historicos/*.xml": [DEC002]
severity:
  DEC002: warning
rules:
  TST001: {limite: 5, nombres: [a, b]}
upload-date: 2024-09-01
layout: layouts/programa.xlsx
baseline: .mec-lint-baseline.yaml
catalogs:
  idCargo: {99: DIRECTORA ACADÉMICA}
signers:
  - {campus: "090872", curp: ROLM750312HDFDPR01, noCertificado: "00001000000512345678"}
header-aliases:
  ID_CARRERA: [CLAVE CARRERA, Id carrera]
limits:
  max-file-bytes: 1000000
  max-depth: 32
lang: en
jobs: 2
expected-count: 40
cadena-id-entidad: false
"""


def test_every_key_of_a_yaml_file(tmp_path: Path) -> None:
    path = write(tmp_path / ".mec-lint.yaml", FULL)
    config = load_config({}, str(path))
    assert config.select == ("DEC", "XSD")
    assert config.ignore == ("DEC004",)
    assert config.per_file_ignores == {"historicos/*.xml": ("DEC002",)}
    assert config.severity == {"DEC002": Severity.WARNING}
    assert config.rule_options == {"TST001": {"limite": 5, "nombres": ["a", "b"]}}
    assert config.upload_date == dt.date(2024, 9, 1)
    assert config.layout_path == str(tmp_path / "layouts" / "programa.xlsx")  # relative to the file
    assert config.baseline == str(tmp_path / ".mec-lint-baseline.yaml")
    assert config.catalogs == {"idCargo": {"99": "DIRECTORA ACADÉMICA"}}
    assert config.signers == (
        {"campus": "090872", "curp": "ROLM750312HDFDPR01", "noCertificado": "00001000000512345678"},
    )
    assert config.header_aliases == {"ID_CARRERA": ("CLAVE CARRERA", "Id carrera")}
    assert config.limits == Limits(max_file_bytes=1_000_000, max_depth=32)
    assert config.lang == "en"
    assert config.jobs == 2
    assert config.expected_count == 40
    assert config.include_id_entidad is False
    assert config.source == str(path)


def test_discovery_searches_upward_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".mec-lint.yml", "upload-date: 2024-09-01\n")
    child = tmp_path / "a" / "b"
    child.mkdir(parents=True)
    monkeypatch.chdir(child)
    config = load_config({})
    assert config.upload_date == dt.date(2024, 9, 1)
    assert config.source == str(tmp_path / ".mec-lint.yml")
    assert load_config({}, discover=False).source is None


def test_yaml_wins_over_pyproject_in_the_same_folder_and_closest_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.mec-lint]\nlang = "en"\n')
    child = tmp_path / "child"
    write(child / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.mec-lint]: skipped
    monkeypatch.chdir(child)
    assert load_config({}).lang == "en"
    write(tmp_path / ".mec-lint.yaml", "lang: es\n")
    assert load_config({}).source == str(tmp_path / ".mec-lint.yaml")


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.mec-lint]\nselect = ["DEC"]\nupload-date = 2024-09-01\n'
        '[tool.mec-lint.severity]\nDEC002 = "info"\n[tool.mec-lint.rules.TST001]\nlimite = 7\n',
    )
    config = load_config({}, str(path))
    assert config.select == ("DEC",)
    assert config.upload_date == dt.date(2024, 9, 1)
    assert config.severity == {"DEC002": Severity.INFO}
    assert config.rule_options == {"TST001": {"limite": 7}}


def test_cli_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / ".mec-lint.yaml", "upload-date: 2024-09-01\nlang: en\nselect: [DEC]\n")
    config, origins = resolve_config({"upload_date": "2025-01-02", "select": ["XSD"]}, str(path))
    assert config.upload_date == dt.date(2025, 1, 2)
    assert config.select == ("XSD",)
    assert config.lang == "en"
    assert origins["lang"] == str(path) and origins["upload_date"] == "línea de órdenes"


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("lang: es\nselet: [DEC]\n", 2, "selet"),
        ("upload_date: 2024-09-01\n", 1, "upload_date"),
        ("select:\n  - DEC\n  - NOPE999\n", 3, "select.1"),
        ("severity:\n  DEC002: fatal\n", 2, "severity.DEC002"),
        ("severity:\n  NOPE999: error\n", 2, "severity.NOPE999"),
        ("rules:\n  NOPE999: {}\n", 2, "rules.NOPE999"),
        ("rules:\n  TST001:\n    limit: 3\n", 3, "rules.TST001.limit"),
        ("rules:\n  TST001:\n    limite: tres\n", 3, "rules.TST001.limite"),
        ("rules:\n  TST001:\n    limite: true\n", 3, "rules.TST001.limite"),
        ("jobs: 0\n", 1, "jobs"),
        ("expected-count: muchos\n", 1, "expected-count"),
        ("cadena-id-entidad: si\n", 1, "cadena-id-entidad"),
        ("lang: fr\n", 1, "lang"),
        ("upload-date: 2024-13-01\n", 1, "upload-date"),
        ("limits:\n  max-files: 3\n", 2, "limits.max-files"),
        ("limits:\n  max-depth: -1\n", 2, "limits.max-depth"),
        ("signers:\n  - {campus: '1', rfc: X}\n", 2, "signers.0.rfc"),
        ("per-file-ignores:\n  '*.xml': [NOPE999]\n", 2, "per-file-ignores.*.xml.0"),
        ("header-aliases: [a]\n", 1, "header-aliases"),
        ("catalogs:\n  idCargo: [1, 2]\n", 2, "catalogs.idCargo"),
        ("catalogs:\n  cargo: {9: DIRECTORA}\n", 2, "catalogs.cargo"),
    ],
)
def test_problems_name_the_file_line_and_key(tmp_path: Path, text: str, line: int, key: str) -> None:
    path = write(tmp_path / ".mec-lint.yaml", text)
    with pytest.raises(ConfigError) as error:
        load_config({}, str(path))
    message = str(error.value)
    assert message.startswith(f"{path}:{line}: clave {key}:"), message


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        ("rules:\n  TOT003:\n    tolerancia: abc\n", "rules.TOT003.tolerancia", "número ≥ 0"),
        ("rules:\n  TOT003:\n    tolerancia: -5\n", "rules.TOT003.tolerancia", "número ≥ 0"),
        (
            "rules:\n  CIC002:\n    periods_per_year: {'93': tres}\n",
            "rules.CIC002.periods_per_year",
            "entero ≥ 1",
        ),
        ("rules:\n  SEL004:\n    days: -1\n", "rules.SEL004.days", "entero ≥ 0"),
        ("rules:\n  IDS003:\n    campus_digits: 0\n", "rules.IDS003.campus_digits", "entero ≥ 1"),
        ("rules:\n  RVO001:\n    pattern: '[0-9'\n", "rules.RVO001.pattern", "expresión regular"),
        (
            "rules:\n  LAY005:\n    asignatura_scope: hoja\n",
            "rules.LAY005.asignatura_scope",
            "workbook, carrera",
        ),
        ("rules:\n  CAT003:\n    atributos: [tipoPeriodo, color]\n", "rules.CAT003.atributos", "'color'"),
        ("rules:\n  CUR001:\n    letras-sexo: '12'\n", "rules.CUR001.letras-sexo", "letras"),
        ("rules:\n  TOT001:\n    tipos_no_contables: [{a: 1}]\n", "rules.TOT001.tipos_no_contables", "lista"),
    ],
)
def test_option_values_that_make_no_sense_are_located_errors(
    tmp_path: Path, text: str, key: str, says: str
) -> None:
    """Right type, wrong value: stopped at the key (exit 2 from the CLI), never silently ignored."""
    path = write(tmp_path / ".mec-lint.yaml", text)
    with pytest.raises(ConfigError) as error:
        load_config({}, str(path))
    message = str(error.value)
    assert f": clave {key}: valor inválido" in message and says in message, message


def test_sensible_option_values_load(tmp_path: Path) -> None:
    text = (
        "rules:\n  TOT003: {tolerancia: '0.01'}\n  CIC002: {periods_per_year: {93: 3, '261': 12}}\n"
        "  LAY005: {asignatura_scope: Carrera}\n  TOT001: {tipos_no_contables: [266, '267']}\n"
    )
    config = load_config({}, str(write(tmp_path / ".mec-lint.yaml", text)))
    assert config.rule_options["TOT003"] == {"tolerancia": "0.01"}


def test_broken_yaml_and_wrong_top_level(tmp_path: Path) -> None:
    path = write(tmp_path / ".mec-lint.yaml", "select: [DEC\nlang: es\n")
    with pytest.raises(ConfigError, match=r"YAML inválido"):
        load_config({}, str(path))
    write(path, "- select\n")
    with pytest.raises(ConfigError, match="mapeo"):
        load_config({}, str(path))
    with pytest.raises(ConfigError, match="no existe"):
        load_config({}, str(tmp_path / "nope.yaml"))


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.mec-lint]\nignore = ["NOPE999"]\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.mec-lint\]: clave ignore"):
        load_config({}, str(path))
    write(path, "[tool.mec-lint\n")
    with pytest.raises(ConfigError, match="TOML inválido"):
        load_config({}, str(path))


def test_empty_file_is_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / ".mec-lint.yaml", "# nada todavía\n")
    config = load_config({}, str(path))
    assert config.select == () and config.source == str(path)


# -- through the command line -------------------------------------------------------------------


def test_check_uses_the_discovered_file_and_cli_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint.cli import app

    (tmp_path / "malo.xml").write_bytes(make_certificate(overrides={"Dec": {"tipoCertificado": "9"}}))
    write(tmp_path / ".mec-lint.yaml", "upload-date: 2024-09-01\nseverity:\n  DEC002: warning\n")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "-f", "json", "malo.xml"])
    import json

    findings = json.loads(result.stdout)["findings"]
    assert {(f["code"], f["severity"]) for f in findings} >= {("DEC002", "warning")}
    assert result.exit_code == 0, result.stdout

    other = write(tmp_path / "otra.yaml", "upload-date: 2024-09-01\n")
    result = runner.invoke(app, ["check", "-f", "json", "--config", str(other), "malo.xml"])
    assert result.exit_code == 1
    result = runner.invoke(
        app, ["check", "-f", "json", "--ignore", "DEC002", "--config", str(other), "malo.xml"]
    )
    assert "DEC002" not in result.stdout


def test_per_file_ignores_from_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint.cli import app

    (tmp_path / "historicos").mkdir()
    bad = make_certificate(overrides={"Dec": {"tipoCertificado": "9"}})
    (tmp_path / "historicos" / "a.xml").write_bytes(bad)
    (tmp_path / "nuevo.xml").write_bytes(bad)
    write(
        tmp_path / ".mec-lint.yaml",
        "upload-date: 2024-09-01\nper-file-ignores:\n  'historicos/*.xml': [DEC002]\n",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-f", "json", "historicos", "nuevo.xml"])
    import json

    paths = {f["path"] for f in json.loads(result.stdout)["findings"] if f["code"] == "DEC002"}
    assert paths == {"nuevo.xml"}


def test_bad_configuration_is_exit_2_with_the_place(tmp_path: Path) -> None:
    import subprocess
    import sys

    write(tmp_path / ".mec-lint.yaml", "upload-date: 2024-09-01\nrules:\n  DEC001:\n    nada: 1\n")
    (tmp_path / "a.xml").write_bytes(make_certificate())
    result = subprocess.run(
        [sys.executable, "-m", "mec_lint", "check", "a.xml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert ".mec-lint.yaml:4: clave rules.DEC001.nada" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_command_shows_the_resolved_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from mec_lint.cli import app

    path = write(tmp_path / ".mec-lint.yaml", "upload-date: 2024-09-01\nlang: en\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 0
    assert str(path) in result.stdout
    data = yaml.safe_load(result.stdout)
    assert data["upload-date"] == "2024-09-01" and data["lang"] == "en"
    assert set(data) == set(config_file.FIELD_OF)
    # What it prints is itself a valid configuration file.
    again = write(tmp_path / "copia.yaml", result.stdout)
    assert load_config({}, str(again)).lang == "en"


def test_option_names_accept_dashes_or_underscores(tmp_path: Path) -> None:
    path = write(tmp_path / ".mec-lint.yaml", "rules:\n  TST001:\n    dias-aviso: 3\n")
    assert load_config({}, str(path)).rule_options == {"TST001": {"dias_aviso": 3}}
    write(path, "rules:\n  TST001:\n    dias-aviso: tres\n")
    with pytest.raises(ConfigError, match=r":3: clave rules.TST001.dias-aviso: tipo inválido"):
        load_config({}, str(path))


def test_the_documented_example_is_a_valid_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `.mec-lint.yaml` example in docs/integration.md loads with the real rules."""
    from mec_lint.registry import load_registry

    monkeypatch.setattr(config_file, "_registry", load_registry)
    text = (Path(__file__).parent.parent / "docs" / "integration.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n# .mec-lint.yaml\n", 1)[1].split("```", 1)[0]
    config = load_config({}, str(write(tmp_path / ".mec-lint.yaml", block)))
    assert config.upload_date == dt.date(2026, 11, 26) and config.jobs == 4
    toml = text.split("```toml\n[tool.mec-lint]\n", 1)[1].split("```", 1)[0]
    config = load_config({}, str(write(tmp_path / "pyproject.toml", "[tool.mec-lint]\n" + toml)))
    assert config.select == ("XSD", "DEC")


def test_a_pyproject_mentioning_the_table_only_in_a_comment_is_not_a_config(tmp_path: Path) -> None:
    from mec_lint.config_file import find_config_file

    (tmp_path / "pyproject.toml").write_text('# see [tool.mec-lint] in the docs\n[project]\nname = "x"\n')
    assert find_config_file(str(tmp_path)) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mec-lint]\nselect = ["CUR"]\n')
    assert find_config_file(str(tmp_path)) == str(tmp_path / "pyproject.toml")
