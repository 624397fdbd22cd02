"""Batch rules (LOT002–LOT008): each fires on its case, stays silent on a valid batch, names the other file."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Mapping

import pytest
from typer.testing import CliRunner

from mec_lint.batch import Batch, BatchMember, extract_facts
from mec_lint.cli import app
from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.testing import DEFAULT_UPLOAD_DATE, make_certificate
from mec_lint.xmldoc import XmlDocument, parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir))
from bench.generate import student  # noqa: E402

LOT_CODES = {f"LOT00{i}" for i in range(1, 9)}


def cert(i: int, **overrides: Mapping[str, str | None]) -> bytes:
    values: dict[str, dict[str, str | None]] = {
        "Dec": {"folioControl": f"F-{i}"},
        "Alumno": dict(student(i)),
    }
    for element, attrs in overrides.items():
        values.setdefault(element, {}).update(attrs)
    return make_certificate(overrides=values)


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def lint(members: list[tuple[str, bytes]], **config: object) -> list:  # type: ignore[type-arg]
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=1, **config))  # type: ignore[arg-type]
    results = linter.lint_zip("lote.zip", zip_of(members))
    return sorted((f for r in results for f in r.findings), key=lambda f: f.sort_key())


def lot(findings: list, code: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.code == code]


VALID_BATCH = [(f"cert_{i}.xml", cert(i)) for i in range(4)]


def test_valid_batch_has_no_batch_findings() -> None:
    findings = lint(VALID_BATCH, expected_count=4)
    assert not [f for f in findings if f.code in LOT_CODES], [f.message for f in findings]


def test_default_certificate_triggers_no_batch_code() -> None:
    findings = lint([("a.xml", make_certificate())], expected_count=1)
    assert not [f for f in findings if f.code in LOT_CODES]


def test_folders_in_zip() -> None:
    findings = lint([("lote/", b""), ("lote/a.xml", cert(0)), ("b.xml", cert(1)), ("vacia/", b"")])
    in_folder = lot(findings, "LOT002")
    assert sorted(f.path for f in in_folder) == [
        "lote.zip!lote/a.xml",
        "lote.zip!vacia/",
    ]  # each names its member
    assert any("«lote/»" in f.message for f in in_folder)


def test_non_xml_and_os_files() -> None:
    members = [
        *VALID_BATCH[:1],
        ("notas.txt", b"x"),
        ("__MACOSX/._cert_0.xml", b"x"),
        ("__MACOSX/._cert_1.xml", b"x"),
        (".DS_Store", b"x"),
        ("Thumbs.db", b"x"),
    ]
    findings = lot(lint(members), "LOT003")
    values = sorted(f.value for f in findings)
    assert values == [".DS_Store", "Thumbs.db", "__MACOSX/", "notas.txt"]
    macos = next(f for f in findings if f.value == "__MACOSX/")
    assert "2 archivos" in macos.message
    # the folder's own entry (as Finder writes it) is not one of its files
    with_entry = [*members[:2], ("__MACOSX/", b""), *members[2:]]
    macos = next(f for f in lot(lint(with_entry), "LOT003") if f.value == "__MACOSX/")
    assert "2 archivos" in macos.message
    alone = [*VALID_BATCH[:1], ("__MACOSX/", b""), ("__MACOSX/._cert_0.xml", b"x")]
    macos = next(f for f in lot(lint(alone), "LOT003") if f.value == "__MACOSX/")
    assert "archivos" not in macos.message
    # hidden OS files are not certificates: not counted, not linted
    assert not lot(lint(members, expected_count=1), "LOT004")


def test_expected_count() -> None:
    (finding,) = lot(lint(VALID_BATCH, expected_count=5), "LOT004")
    assert finding.path == "lote.zip" and finding.value == "4" and finding.expected == "5"
    assert not lot(lint(VALID_BATCH), "LOT004")  # no count given: nothing to compare


def test_duplicate_student_both_files_name_each_other() -> None:
    findings = lot(
        lint([("a.xml", cert(0)), ("b.xml", cert(0, Dec={"folioControl": "X"})), ("c.xml", cert(1))]),
        "LOT005",
    )
    assert sorted(f.path for f in findings) == ["lote.zip!a.xml", "lote.zip!b.xml"]
    by_path = {f.path: f for f in findings}
    assert "b.xml" in by_path["lote.zip!a.xml"].message
    assert "a.xml" in by_path["lote.zip!b.xml"].message
    assert all(f.attribute == "curp" and f.xpath == "/Dec/Alumno" and f.line for f in findings)


def test_same_student_other_carrera_is_fine() -> None:
    members = [
        ("a.xml", cert(0)),
        ("b.xml", cert(0, Dec={"folioControl": "X"}, Carrera={"idCarrera": "102"})),
    ]
    assert not lot(lint(members), "LOT005")


def test_foreign_students_compared_by_numero_control() -> None:
    same = {"curp": "EXTRANJERO", "numeroControl": "E-1"}
    findings = lot(lint([("a.xml", cert(0, Alumno=same)), ("b.xml", cert(1, Alumno=same))]), "LOT005")
    assert len(findings) == 2 and all(f.attribute == "numeroControl" for f in findings)
    other = {"curp": "EXTRANJERO", "numeroControl": "E-2"}
    assert not lot(lint([("a.xml", cert(0, Alumno=same)), ("b.xml", cert(1, Alumno=other))]), "LOT005")


def test_duplicate_folio_control() -> None:
    findings = lot(lint([("a.xml", cert(0)), ("b.xml", cert(1, Dec={"folioControl": "F-0"}))]), "LOT006")
    assert sorted(f.path for f in findings) == ["lote.zip!a.xml", "lote.zip!b.xml"]
    assert all(f.severity.value == "warning" for f in findings)
    assert "b.xml" in findings[0].message


def test_one_signer_per_campus_flags_the_odd_one() -> None:
    members = [*VALID_BATCH, ("z.xml", cert(9, Responsable={"curp": "SAHJ800101HDFNRN06"}))]
    (finding,) = lot(lint(members), "LOT007")
    assert finding.path == "lote.zip!z.xml"
    assert finding.value == "SAHJ800101HDFNRN06" and finding.expected == "ROLM750312HDFDPR01"
    assert finding.xpath == "/Dec/Ipes/Responsable"


def test_one_certificate_number_per_campus() -> None:
    members = [*VALID_BATCH, ("z.xml", cert(9, Dec={"noCertificadoResponsable": "00001000000512345679"}))]
    (finding,) = lot(lint(members), "LOT007")
    assert finding.attribute == "noCertificadoResponsable"


def test_other_campus_may_have_its_own_signer() -> None:
    members = [
        *VALID_BATCH,
        ("z.xml", cert(9, Ipes={"idCampus": "090873"}, Responsable={"curp": "SAHJ800101HDFNRN06"})),
    ]
    assert not lot(lint(members), "LOT007")


def test_same_institution_throughout() -> None:
    members = [
        *VALID_BATCH,
        ("z.xml", cert(9, Ipes={"idNombreInstitucion": "20499"}, ServicioFirmante={"idEntidad": "20499"})),
    ]
    findings = lot(lint(members), "LOT008")
    assert sorted(f.attribute for f in findings) == ["idEntidad", "idNombreInstitucion"]
    assert all(f.path == "lote.zip!z.xml" for f in findings)


def test_english_messages() -> None:
    findings = lot(lint([("a.xml", cert(0)), ("b.xml", cert(0))], lang="en"), "LOT005")
    assert findings and all(f.message.startswith("Student") for f in findings)


def test_facts_are_small_and_located() -> None:
    doc = parse("a.xml", cert(3))
    assert isinstance(doc, XmlDocument)
    facts = extract_facts(doc)
    value, line, xpath = facts["curp"]
    assert value == student(3)["curp"] and line and xpath == "/Dec/Alumno"
    import pickle

    assert len(pickle.dumps(facts)) < 2000


def test_rules_run_on_facts_without_trees() -> None:
    from mec_lint.context import Context
    from mec_lint.rules import lote_duplicados

    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE))
    facts = {"curp": ("GAPA010523MDFRRNA3", 9, "/Dec/Alumno"), "idCarrera": ("101", 7, "/Dec/Carrera")}
    batch = Batch(
        "lote.zip",
        "zip",
        [
            BatchMember("a.xml", "lote.zip!a.xml", "xml", facts),
            BatchMember("b.xml", "lote.zip!b.xml", "xml", facts),
        ],
    )
    findings = list(lote_duplicados.check(batch, Context(linter.config, linter.catalogs, "lote.zip")))
    assert [f.code for f in findings] == ["LOT005", "LOT005"]


@pytest.mark.parametrize("size", [2, 3, 6, 7, 8, 12])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_duplicate_names_the_others_as_others_text_does(size: int, lang: str) -> None:
    """LOT005/LOT006 build the shared "a.xml, … y N más" once per group past the names listed:
    every member's text is still exactly others_text(members, excluding=member)."""
    from mec_lint.batch import others_text
    from mec_lint.context import Context
    from mec_lint.rules import lote_duplicados

    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, lang=lang))
    facts = {
        "curp": ("GAPA010523MDFRRNA3", 9, "/Dec/Alumno"),
        "idCarrera": ("101", 7, "/Dec/Carrera"),
        "folioControl": ("F-1", 2, "/Dec"),
    }
    members = [BatchMember(f"c{i:02d}.xml", f"lote.zip!c{i:02d}.xml", "xml", facts) for i in range(size)]
    findings = list(
        lote_duplicados.check(
            Batch("lote.zip", "zip", members), Context(linter.config, linter.catalogs, "lote.zip")
        )
    )
    for code in ("LOT005", "LOT006"):
        mine = [f for f in findings if f.code == code]
        assert [f.path for f in mine] == [m.path for m in members]
        for finding, member in zip(mine, members):
            assert others_text(members, lang, excluding=member) in finding.message


def _folder(tmp_path: os.PathLike[str]) -> str:
    folder = os.path.join(tmp_path, "lote")
    os.makedirs(folder)
    for name, data in [("a.xml", cert(0)), ("b.xml", cert(0, Dec={"folioControl": "X"}))]:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    return folder


def test_batch_folders_only_with_flag(tmp_path: os.PathLike[str]) -> None:
    folder = _folder(tmp_path)
    plain = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=1)).run([folder])
    assert not [f for f in plain.findings if f.code == "LOT005"]
    batch = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=1, batch_folders=True, expected_count=3)).run(
        [folder]
    )
    codes = sorted(f.code for f in batch.findings)
    assert codes.count("LOT005") == 2 and "LOT004" in codes
    assert {f.path for f in batch.findings if f.code == "LOT004"} == {folder}


def test_cli_batch_and_expected_count(tmp_path: os.PathLike[str]) -> None:
    folder = _folder(tmp_path)
    args = [
        "check",
        folder,
        "--upload-date",
        "2024-09-01",
        "--batch",
        "--expected-count",
        "2",
        "--no-progress",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "LOT005" in result.output and "LOT004" not in result.output
    assert "Estado por archivo" in result.output


def test_severity_override_and_ignore_apply_to_batch_findings() -> None:
    members = [("a.xml", cert(0)), ("b.xml", cert(0, Dec={"folioControl": "X"}))]
    assert not lot(lint(members, ignore=("LOT005",)), "LOT005")
    from mec_lint.findings import Severity

    downgraded = lot(lint(members, severity={"LOT005": Severity.WARNING}), "LOT005")
    assert downgraded and all(f.severity is Severity.WARNING for f in downgraded)


def test_a_repeated_member_name_is_refused_not_mixed_up() -> None:
    """Two entries named a.xml: unzipping keeps one. Reported (LOT001); batch rules use the entry
    that was checked, never the other's values (no invented duplicates)."""
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.xml", cert(0, Carrera={"idCarrera": "0101"}))
            archive.writestr("a.xml", cert(1))
            archive.writestr("b.xml", cert(2))
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, expected_count=2))
    findings = [f for r in linter.lint_zip("lote.zip", buffer.getvalue()) for f in r.findings]
    [repeated] = [f for f in findings if f.code == "LOT001"]
    assert repeated.path == "lote.zip!a.xml" and "mismo nombre" in repeated.message
    assert "IDS001" in {f.code for f in findings}  # the first entry is the one checked
    assert not lot(findings, "LOT005") and not lot(findings, "LOT006") and not lot(findings, "LOT004")


def test_expected_count_zero_is_a_usage_error(tmp_path: os.PathLike[str]) -> None:
    path = os.path.join(tmp_path, "lote.zip")
    with open(path, "wb") as handle:
        handle.write(zip_of(VALID_BATCH))
    result = CliRunner().invoke(app, ["check", path, "--expected-count", "0"])
    assert result.exit_code == 2


def test_os_files_and_empty_folders_name_a_member() -> None:
    members = [*VALID_BATCH[:1], (".DS_Store", b"x"), ("__MACOSX/._cert_0.xml", b"x"), ("vacia/", b"")]
    findings = lint(members)
    paths = {f.value: f.path for f in lot(findings, "LOT003") + lot(findings, "LOT002")}
    assert paths == {
        ".DS_Store": "lote.zip!.DS_Store",
        "__MACOSX/": "lote.zip!__MACOSX/._cert_0.xml",
        "vacia/": "lote.zip!vacia/",
    }


def test_expected_count_without_a_batch_is_a_usage_error(tmp_path: os.PathLike[str]) -> None:
    """A folio count given where there is no batch (loose files, a folder without --batch) is
    never silently ignored: the clerk would think the count was checked."""
    folder = os.path.join(tmp_path, "certs")
    os.makedirs(folder)
    for name, data in VALID_BATCH[:2]:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    runner = CliRunner()
    result = runner.invoke(app, ["check", folder, "--expected-count", "5"])
    assert result.exit_code == 2 and "--batch" in result.stderr
    result = runner.invoke(app, ["check", folder, "--expected-count", "5", "--batch", "-f", "json"])
    assert result.exit_code == 1 and '"LOT004"' in result.stdout
