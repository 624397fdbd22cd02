"""Bugs found by using mec-lint as its users do (clerk, CI developer, maintainer)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.formatters import text
from mec_lint.testing import make_certificate

runner = CliRunner()


def _stderr_line(result) -> str:  # type: ignore[no-untyped-def]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "x.xml", "--max-warnings", "abc"],
            "valor inválido para --max-warnings: 'abc' no es un número entero",
        ),
        (["check", "x.xml", "--jobs", "0"], "0 no está en el rango ≥ 1"),
        (["check", "x.xml", "--formt", "json"], "opción desconocida --formt (¿quiso decir --format?)"),
        (["check"], "falta el argumento PATHS"),
        (["explain"], "falta el argumento CODE"),
        (["chek", "x.xml"], "orden desconocida 'chek' (¿quiso decir check?)"),
        (["rules", "a", "b"], "argumentos de más: a b"),
        (["--bogus"], "opción desconocida --bogus"),
    ],
)
def test_click_usage_errors_are_one_spanish_line_exit_2(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    line = _stderr_line(result)
    assert line.startswith("mec-lint: error de uso: ")
    assert expected in line
    assert "Usage:" not in result.stderr and "Error:" not in result.stderr
    assert "Traceback" not in result.output


def test_no_arguments_still_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "check" in result.output and "Uso:" in result.output


def test_explain_accepts_the_slug_mec_lint_rules_shows() -> None:
    result = runner.invoke(app, ["explain", "curp-digito-verificador"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("CUR004 (curp-digito-verificador)")


def test_missing_path_is_one_stderr_line_and_exit_2_in_every_format(tmp_path: Path) -> None:
    good = tmp_path / "bueno.xml"
    good.write_bytes(make_certificate())
    missing = str(tmp_path / "no-existe.xml")
    result = runner.invoke(app, ["check", str(good), missing, "-f", "json", "--upload-date", "2024-09-01"])
    assert result.exit_code == 2
    line = _stderr_line(result)
    assert line.startswith("mec-lint: error de uso: ") and "no-existe.xml" in line
    data = json.loads(result.stdout)  # the JSON contract is untouched
    assert [f["code"] for f in data["findings"] if f["severity"] == "error"] == ["IO001"]


def test_per_file_ignores_folder_glob_matches_wherever_the_folder_is(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bad = make_certificate(overrides={"Alumno": {"curp": "GAPA010523MDFRRNA7"}})
    (tmp_path / "certs" / "historicos").mkdir(parents=True)
    (tmp_path / "certs" / "historicos" / "viejo.xml").write_bytes(bad)
    (tmp_path / "certs" / "nuevo.xml").write_bytes(bad)
    (tmp_path / ".mec-lint.yaml").write_text(
        'upload-date: 2024-09-01\nper-file-ignores:\n  "historicos/*.xml": [CUR004]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    for target in ("certs", "./certs", str(tmp_path / "certs")):
        result = runner.invoke(app, ["check", target, "-f", "json", "--select", "CUR004"])
        paths = [Path(f["path"]).name for f in json.loads(result.stdout)["findings"]]
        assert paths == ["nuevo.xml"], (target, paths)


def test_text_bitacora_keeps_a_multiline_value_on_its_row(tmp_path: Path) -> None:
    raw = make_certificate().decode("utf-8")
    raw = re.sub(r'(<[^>]*Alumno[^>]*curp=")[^"]*"', r'\1ABC&#10;DEF"', raw, count=1)
    path = tmp_path / "c.xml"
    path.write_text(raw, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--upload-date", "2024-09-01", "--no-color"])
    rows = [line for line in result.stdout.splitlines() if "CUR001" in line]
    assert len(rows) == 1 and "«ABC DEF»" in rows[0], result.stdout
    assert not any(line.startswith("DEF") for line in result.stdout.splitlines())
    assert text._one_line("a\r\nb\nc") == "a b c"


def test_a_missing_layout_is_a_usage_error(tmp_path: Path) -> None:
    cert = tmp_path / "cert.xml"
    cert.write_bytes(make_certificate())
    result = CliRunner().invoke(
        app, ["check", str(cert), "--layout", str(tmp_path / "no-existe.xlsx"), "--upload-date", "2024-09-01"]
    )
    assert result.exit_code == 2
    assert "no existe el Programa de Estudios" in result.output


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["layout-template", "--help"]])
def test_help_screens_are_spanish(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert "Uso: mec-lint" in result.output and "Opciones:" in result.output
    assert "Muestra esta ayuda y termina." in result.output
    for english in ("Usage:", "Options:", "Show this message", "[required]", "[default:"):
        assert english not in result.output


def test_select_and_ignore_apply_to_unreadable_files_too(tmp_path: Path) -> None:
    """--ignore XML001 / --select CUR004 govern the parse findings like any other rule's."""
    (tmp_path / "roto.xml").write_bytes(b"<Dec")
    path = str(tmp_path / "roto.xml")
    result = runner.invoke(app, ["check", path, "-f", "json"])
    assert result.exit_code == 1 and [f["code"] for f in json.loads(result.stdout)["findings"]] == ["XML001"]
    for option in (["--ignore", "XML001"], ["--select", "CUR004"]):
        result = runner.invoke(app, ["check", path, "-f", "json", *option])
        assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == [], option


def test_a_folder_with_nothing_to_check_is_a_usage_error(tmp_path: Path) -> None:
    """The wrong folder must not give a green run: one Spanish line naming it, exit 2."""
    (tmp_path / "vacia").mkdir()
    (tmp_path / "notas").mkdir()
    (tmp_path / "notas" / "leeme.txt").write_text("x")
    for folder in ("vacia", "notas"):
        path = str(tmp_path / folder)
        for args in (["check", path], ["check", path, "--batch", "-f", "json"]):
            result = runner.invoke(app, args)
            assert result.exit_code == 2, (args, result.output)
            assert "no contiene certificados" in _stderr_line(result) and folder in _stderr_line(result)
    good = tmp_path / "buena"
    good.mkdir()
    (good / "cert.xml").write_bytes(make_certificate())
    result = runner.invoke(app, ["check", str(good), "--upload-date", "2024-09-01"])
    assert result.exit_code == 0, result.output


def _messages(result) -> str:  # type: ignore[no-untyped-def]
    return " ".join(f["message"] for f in json.loads(result.stdout)["findings"])


@pytest.mark.parametrize(
    ("name", "raw", "spanish"),
    [
        ("comilla.xml", b'<?xml version="1.0"?>\n<Dec version=3.0>', "un atributo sin valor entre comillas"),
        ("abierta.xml", b"<Dec\n", "la etiqueta de apertura <Dec> no termina"),
        ("roto.zip", b"PK\x03\x04 no es un zip de verdad", "no tiene la estructura de un .zip"),
        ("csv.xlsx", b"HOJA,COL\n1,2\n", "empieza con «HOJA,COL 1,2…»"),
        (
            "texto.xml",
            make_certificate().replace(
                b"<ServicioFirmante", b"<ServicioFirmante>texto</ServicioFirmante><X", 1
            ),
            "no admite texto dentro",
        ),
    ],
)
def test_common_library_errors_are_explained_in_spanish(
    tmp_path: Path, name: str, raw: bytes, spanish: str
) -> None:
    (tmp_path / name).write_bytes(raw)
    result = runner.invoke(app, ["check", str(tmp_path / name), "-f", "json", "--ignore", "SEL"])
    assert spanish in _messages(result), _messages(result)
    assert "b'" not in _messages(result)


def test_os_and_encoding_errors_of_our_own_files_are_spanish(tmp_path: Path) -> None:
    (tmp_path / "cert.xml").write_bytes(make_certificate())
    result = runner.invoke(app, ["check", str(tmp_path / "cert.xml"), "-o", str(tmp_path / "no" / "r.json")])
    assert result.exit_code == 2 and "no existe el archivo o la carpeta" in result.stderr
    (tmp_path / "c.yaml").write_bytes(b"select: [DEC, \xff]\n")
    result = runner.invoke(app, ["check", str(tmp_path / "cert.xml"), "--config", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "no está en UTF-8 (byte 0xFF" in result.stderr


@pytest.mark.parametrize(
    ("raw", "english"),
    [
        (b"", "The file is empty"),
        (b"<Dec>\x00</Dec>", "NUL bytes (0x00)"),
        (b"%PDF-1.4", "a PDF document"),
        (b"<Dec version='3.0'", "attributes construct error"),
        (b'<?xml version="1.0" encoding="UTF-8"?><Dec a="\xe9"/>', "is not valid UTF-8"),
    ],
)
def test_unreadable_files_are_explained_in_english_with_lang_en(
    tmp_path: Path, raw: bytes, english: str
) -> None:
    (tmp_path / "x.xml").write_bytes(raw)
    result = runner.invoke(app, ["check", str(tmp_path / "x.xml"), "-f", "json", "--lang", "en"])
    text = _messages(result)
    assert english in text and not re.search(r"\b(el|la|contiene|es un|archivo|posición)\b", text), text


def test_counts_in_messages_agree_in_number() -> None:
    """«1 día», «2 días»: no «día(s)» in messages or in the text report."""
    from mec_lint.rule import plural

    assert plural("{n} {n|día|días}", {"n": 1}) == "{n} día"
    assert plural("{n} {n|día|días}", {"n": 2}) == "{n} días"
    assert plural("{n} {n|día|días}", {}) == "{n} días"
    from mec_lint.registry import load_registry

    for rule in load_registry(plugins=False).rules.values():
        for templates in rule.messages.values():
            for template in templates.values():
                assert "(s)" not in template and "(es)" not in template, (rule.code, template)
    assert "(1 error)" in text_report_with_one_error()


def text_report_with_one_error() -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "malo.xml"
        path.write_bytes(b"<Dec")
        return runner.invoke(app, ["check", str(path)]).stdout
