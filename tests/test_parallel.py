"""Worker processes: same output whatever --jobs, crashes (even a dying worker) become findings."""

from __future__ import annotations

import importlib
import json
import os
import types
import zipfile
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from mec_lint import pool as pool_module
from mec_lint import runner
from mec_lint.cli import app
from mec_lint.config import Config
from mec_lint.engine import Linter
from mec_lint.findings import Finding, Severity
from mec_lint.registry import Registry, builtin_modules
from mec_lint.rule import Rule, Scope
from mec_lint.testing import DEFAULT_UPLOAD_DATE, make_certificate

pytestmark = pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the crash tests patch the parent process; workers inherit it only with fork",
)


def _files(tmp_path: os.PathLike[str], count: int = 12) -> list[str]:
    paths = []
    for i in range(count):
        overrides = {"Dec": {"folioControl": f"F-{i}"}}
        if i % 3 == 0:
            overrides["Dec"]["version"] = "2.0"
        if i % 4 == 0:
            overrides["Alumno"] = {"nombre": None}  # type: ignore[dict-item]
        path = os.path.join(tmp_path, f"cert_{i:02d}.xml")
        with open(path, "wb") as handle:
            handle.write(make_certificate(overrides=overrides))
        paths.append(path)
    return paths


def _zip(tmp_path: os.PathLike[str], count: int = 12) -> str:
    path = os.path.join(tmp_path, "lote.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(count):
            version = "2.0" if i % 5 == 0 else "3.0"
            archive.writestr(f"c{i:03d}.xml", make_certificate(overrides={"Dec": {"version": version}}))
    return path


def _run(paths: list[str], jobs: int, registry: Registry | None = None, **config: object):  # type: ignore[no-untyped-def]
    return Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=jobs, **config), registry).run(paths)  # type: ignore[arg-type]


def _dicts(run_result) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return [f.to_dict() for f in run_result.findings]


@pytest.fixture
def pool_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = pool_module.run_pool

    def spy(plan, jobs, progress=None):  # type: ignore[no-untyped-def]
        calls.append(jobs)
        return original(plan, jobs, progress)

    monkeypatch.setattr(pool_module, "run_pool", spy)
    return calls


def test_same_findings_same_order_for_jobs_1_and_2(tmp_path: os.PathLike[str], pool_calls: list[int]) -> None:
    paths = [*_files(tmp_path), _zip(tmp_path)]
    serial = _run(paths, jobs=1)
    assert pool_calls == []
    parallel = _run(paths, jobs=2)
    assert pool_calls == [2]
    assert _dicts(serial) == _dicts(parallel)
    assert [r.path for r in serial.files] == [r.path for r in parallel.files]
    assert serial.exit_code == parallel.exit_code == 1
    assert _dicts(serial)  # the comparison is not between two empty lists


def test_cli_json_identical_for_jobs(tmp_path: os.PathLike[str]) -> None:
    paths = [*_files(tmp_path), _zip(tmp_path)]
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            app, ["check", *paths, "--upload-date", "2024-09-01", "-f", "json", "-j", jobs]
        )
        assert result.exit_code == 1
        outputs.append(json.loads(result.output))
    assert outputs[0] == outputs[1]


def test_one_file_or_one_job_never_starts_a_pool(tmp_path: os.PathLike[str], pool_calls: list[int]) -> None:
    paths = _files(tmp_path, 3)
    _run(paths[:1], jobs=4)
    _run(paths, jobs=1)
    assert pool_calls == []


@pytest.fixture
def fork_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that inject a crashing rule or method into the workers need `fork` to carry it
    there (a spawned worker imports everything afresh), even when the suite runs under spawn."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the fork start method")
    monkeypatch.setenv(pool_module.START_METHOD_ENV, "fork")


def _registry_with(module: types.ModuleType) -> Registry:
    registry = Registry()
    for name in builtin_modules():
        registry.add_module(importlib.import_module(name))
    registry.add_module(module)
    return registry


TST = Rule(
    code="TST901",
    name="prueba",
    severity=Severity.ERROR,
    summary={"es": "prueba", "en": "test"},
    messages={"m": {"es": "prueba"}},
    why="-",
    fail_example="-",
    pass_example="-",
    spec="-",
)


def _module(check) -> types.ModuleType:  # type: ignore[no-untyped-def]
    module = types.ModuleType("mec_lint_test_plugin")
    module.RULES = (TST,)  # type: ignore[attr-defined]
    module.SCOPE = Scope.XML  # type: ignore[attr-defined]
    module.check = check  # type: ignore[attr-defined]
    return module


def _victim(doc) -> bool:  # type: ignore[no-untyped-def]
    return doc.path.endswith(("cert_05.xml", "c007.xml"))


def test_crashing_rule_in_worker_gives_a_finding(
    tmp_path: os.PathLike[str], pool_calls: list[int], fork_workers: None
) -> None:
    def check(doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if _victim(doc):
            raise ZeroDivisionError("boom")
        return iter(())

    paths = [*_files(tmp_path), _zip(tmp_path)]
    result = _run(paths, jobs=2, registry=_registry_with(_module(check)))
    assert pool_calls == [2]
    crashes = [f for f in result.findings if f.code == "MEC900"]
    assert sorted(os.path.basename(f.path) for f in crashes) == ["cert_05.xml", "lote.zip!c007.xml"]
    assert all("ZeroDivisionError" in f.message for f in crashes)
    assert result.checked_files == 24
    assert result.exit_code == 2  # an internal error is not a lint verdict


def test_dying_worker_blames_only_its_file(
    tmp_path: os.PathLike[str], pool_calls: list[int], fork_workers: None
) -> None:
    def check(doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        if _victim(doc):
            os._exit(3)  # the worker process dies without a word
        return iter(())

    paths = [*_files(tmp_path), _zip(tmp_path)]
    result = _run(paths, jobs=2, registry=_registry_with(_module(check)))
    assert pool_calls == [2]
    died = [f for f in result.findings if f.code == "MEC900"]
    assert sorted(os.path.basename(f.path) for f in died) == ["cert_05.xml", "lote.zip!c007.xml"]
    assert all("terminó" in f.message for f in died)
    # every other file was still checked and reported as usual
    serial = _run(paths, jobs=1)
    # (batch findings are left out: the dead file has no facts, so their "y N más" counts differ)
    others = [d for d in _dicts(result) if d["code"] != "MEC900" and not str(d["code"]).startswith("LOT")]
    expected = [
        d
        for d in _dicts(serial)
        if not str(d["path"]).endswith(("cert_05.xml", "c007.xml")) and not str(d["code"]).startswith("LOT")
    ]
    assert len(expected) > 5
    assert others == expected


def test_crash_outside_rules_is_isolated_too(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch, fork_workers: None
) -> None:
    original = Linter.facts_of

    def facts_of(self, doc):  # type: ignore[no-untyped-def]
        if doc.path.endswith("cert_02.xml"):
            raise MemoryError("simulada")
        return original(self, doc)

    monkeypatch.setattr(Linter, "facts_of", facts_of)
    paths = _files(tmp_path)
    for jobs in (1, 2):
        result = _run(paths, jobs=jobs)
        crashes = [f for f in result.findings if f.code == "MEC900"]
        assert [os.path.basename(f.path) for f in crashes] == ["cert_02.xml"], jobs


def test_exit_codes(tmp_path: os.PathLike[str]) -> None:
    clean = os.path.join(tmp_path, "ok.xml")
    with open(clean, "wb") as handle:
        handle.write(make_certificate())
    cli = CliRunner()
    assert cli.invoke(app, ["check", clean, "--upload-date", "2024-09-01"]).exit_code == 0
    bad = _files(tmp_path, 1)
    assert cli.invoke(app, ["check", *bad, "--upload-date", "2024-09-01"]).exit_code == 1
    assert cli.invoke(app, ["check", clean, "--jobs", "0"]).exit_code == 2
    assert cli.invoke(app, ["check", clean, "--expected-count", "-1"]).exit_code == 2
    missing = os.path.join(tmp_path, "no-existe.zip")
    assert cli.invoke(app, ["check", missing, "--upload-date", "2024-09-01"]).exit_code == 2


def test_progress_is_never_shown_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    from mec_lint import progress

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert not progress.wanted(True, 1000)  # pytest captures stdout/stderr: not a terminal
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(progress.sys.stdout, "isatty", lambda: True, raising=False)
    assert progress.wanted(True, 1000)
    assert not progress.wanted(False, 1000)  # --no-progress
    assert not progress.wanted(True, 3)  # a few files
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(True, 1000)
    monkeypatch.delenv("CI")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert not progress.wanted(True, 1000)
    monkeypatch.delenv("PRE_COMMIT")
    monkeypatch.setenv("TERM", "dumb")  # cannot redraw a line
    assert not progress.wanted(True, 1000)


def test_text_status_section_lists_files_to_fix(tmp_path: os.PathLike[str]) -> None:
    from mec_lint.formatters.text import render

    paths = _files(tmp_path)
    text = render(_run(paths, jobs=1), lang="es")
    section = text.split("Estado por archivo\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert lines[-1].strip().startswith("sin hallazgos: ")
    listed = [line.split()[1] for line in lines[:-1]]
    assert all(os.path.basename(p).startswith("cert_") for p in listed)
    assert any(path.endswith("cert_00.xml") for path in listed)
    assert not any(path.endswith("cert_01.xml") for path in listed)  # clean files are only counted
    english = render(_run(paths, jobs=1, lang="en"), lang="en")
    assert "Status per file" in english and "clean: " in english


def test_memory_window_is_bounded(tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Members are handed out lazily: never more than a chunk per worker ahead of the results."""
    given = []
    handled = []
    original_tasks = pool_module.iter_tasks
    original_settle = pool_module.settle

    def spy_tasks(plan):  # type: ignore[no-untyped-def]
        for task in original_tasks(plan):
            given.append(1)
            assert len(given) - len(handled) <= 2 * runner.MAX_CHUNK + 2
            yield task

    def spy_settle(plan, task, found, read):  # type: ignore[no-untyped-def]
        handled.append(1)
        return original_settle(plan, task, found, read)

    monkeypatch.setattr(pool_module, "iter_tasks", spy_tasks)
    monkeypatch.setattr(pool_module, "settle", spy_settle)
    monkeypatch.setattr(runner, "MAX_CHUNK", 4)
    monkeypatch.setattr(pool_module, "MAX_CHUNK", 4)
    _run([_zip(tmp_path, 300)], jobs=2)
    assert len(given) == len(handled) == 300


def test_workers_read_their_own_members(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch, pool_calls: list[int]
) -> None:
    """The parent scans the zip and never inflates a member: the workers do (issue #14)."""
    from mec_lint import archive

    inflated_here: list[str] = []
    original = archive.read_entry

    def spy(handle, entry, name, file_size, limits):  # type: ignore[no-untyped-def]
        inflated_here.append(name)  # a forked worker appends to its own copy of the list
        return original(handle, entry, name, file_size, limits)

    monkeypatch.setattr(archive, "read_entry", spy)
    path = _zip(tmp_path, 30)
    parallel = _run([path], jobs=2)
    assert pool_calls == [2] and inflated_here == []
    serial = _run([path], jobs=1)
    assert len(inflated_here) == 30  # the same reader, in this process
    assert _dicts(parallel) == _dicts(serial)
    assert [(r.path, r.facts) for r in parallel.files] == [(r.path, r.facts) for r in serial.files]


def test_whole_zip_bounds_settle_the_same_with_workers(
    tmp_path: os.PathLike[str], pool_calls: list[int]
) -> None:
    """The zip's total size and ratio bounds hold member by member in name order, whichever worker
    read which member: the same LOT001 findings (ratio over the whole zip, then skipped members)."""
    path = os.path.join(tmp_path, "bombas.zip")
    bomb = b"<Dec>" + b" " * 60_000 + b"</Dec>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(40):
            body = bomb if i < 10 else make_certificate(overrides={"Dec": {"folioControl": f"F-{i}"}})
            archive.writestr(f"c{i:03d}.xml", body)
    from mec_lint.config import Limits

    limits = Limits(zip_ratio_min_bytes=65_536)
    serial = _run([path], jobs=1, limits=limits)
    parallel = _run([path], jobs=2, limits=limits)
    assert pool_calls == [2]
    assert _dicts(parallel) == _dicts(serial)
    lot = [f for f in serial.findings if f.code == "LOT001"]
    assert lot[0].path.endswith("!c001.xml") and "bomba" in lot[0].message  # the whole zip passed the ratio
    assert len(lot) == 39 and all("la lectura del lote se detuvo" in f.message for f in lot[1:])


def test_a_zip_replaced_after_the_scan_is_not_read_by_workers(tmp_path: os.PathLike[str]) -> None:
    """A worker opens the zip again: if it is not the file that was scanned (replaced, rewritten),
    its members are reported and nothing is read from the new file."""
    from mec_lint.inputs import Source

    path = _zip(tmp_path, 3)
    linter = Linter(Config(upload_date=DEFAULT_UPLOAD_DATE, jobs=2))
    plan = runner.build_plan(linter, [Source(path, path, "zip")])
    try:
        tasks = list(runner.iter_tasks(plan))
        other = os.path.join(tmp_path, "otro")
        os.makedirs(other)
        os.replace(_zip(other, 3), path)  # another file (another inode) under the same name
        found, read = runner.do_task(linter, tasks[0], runner.ZipReader())  # as a worker does
        assert found == [] and read is not None and read.problem is not None
        assert read.problem.kind == "corrupt_member" and "cambió" in read.problem.reason
        results = runner.settle(plan, tasks[0], found, read)
        assert [f.code for r in results for f in r.findings] == ["LOT001"]
        found, read = runner.do_task(linter, tasks[1], plan.reader())  # this process: the file it scanned
        assert read is not None and read.problem is None and found and found[0].facts
    finally:
        plan.close()


def test_zip_members_streamed_in_order_of_names(tmp_path: os.PathLike[str]) -> None:
    path = _zip(tmp_path, 20)
    result = _run([path], jobs=2)
    assert [r.path for r in result.files] == sorted(r.path for r in result.files)


def test_spawned_workers_with_a_registry_built_in_code(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch, pool_calls: list[int]
) -> None:
    """Under spawn (Windows) a registry holding closures cannot reach a worker: the run stays in
    this process and gives the same findings, never a pickling traceback."""
    import multiprocessing

    if "spawn" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the spawn start method")

    def check(doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        return iter(())

    monkeypatch.setenv(pool_module.START_METHOD_ENV, "spawn")
    registry = _registry_with(_module(check))
    paths = [*_files(tmp_path), _zip(tmp_path)]
    parallel = _run(paths, jobs=2, registry=registry)
    assert pool_calls == [2]
    serial = _run(paths, jobs=1, registry=registry)
    assert _dicts(parallel) == _dicts(serial) and _dicts(serial)


def test_workers_start_before_a_big_zip_is_scanned(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch, pool_calls: list[int]
) -> None:
    """A worker forked after the scan inherits its memory (the batch's whole directory) and keeps
    its own copy of every page the parent then reuses: when the zip's end record announces enough
    members, the workers start before the scan (issue #14: flat memory)."""
    import multiprocessing

    from mec_lint import archive

    events: list[tuple[str, int]] = []
    original_scan, original_start = archive.scan, pool_module.start_pool

    def spy_scan(handle, limits):  # type: ignore[no-untyped-def]
        events.append(("scan", len(multiprocessing.active_children())))
        return original_scan(handle, limits)

    def spy_start(linter, jobs):  # type: ignore[no-untyped-def]
        events.append(("start", jobs))
        return original_start(linter, jobs)

    monkeypatch.setattr(archive, "scan", spy_scan)
    monkeypatch.setattr(pool_module, "start_pool", spy_start)
    path = _zip(tmp_path, 30)
    parallel = _run([path], jobs=2)
    assert events == [("start", 2), ("scan", 2)]  # two workers alive when the scan begins
    assert pool_calls == [2]
    assert not multiprocessing.active_children()
    events.clear()
    serial = _run([path], jobs=1)
    assert events == [("scan", 0)]
    assert _dicts(parallel) == _dicts(serial)
    assert [(r.path, r.facts) for r in parallel.files] == [(r.path, r.facts) for r in serial.files]


def test_workers_started_on_an_estimate_the_scan_does_not_confirm_are_stopped(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch, pool_calls: list[int]
) -> None:
    """The end record counts every entry: a zip of 20 notes and one certificate starts workers on
    the estimate, which are stopped when the scan finds one task; it is linted here, as before."""
    import multiprocessing

    path = os.path.join(tmp_path, "notas.zip")
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(20):
            archive.writestr(f"nota{i:02d}.txt", "x")
        archive.writestr("c000.xml", make_certificate())
    started: list[int] = []
    original = pool_module.start_pool

    def spy_start(linter, jobs):  # type: ignore[no-untyped-def]
        started.append(jobs)
        return original(linter, jobs)

    monkeypatch.setattr(pool_module, "start_pool", spy_start)
    result = _run([path], jobs=2)
    assert started == [2] and pool_calls == []  # started on the 21 announced, then run serially
    assert not multiprocessing.active_children()
    assert _dicts(result) == _dicts(_run([path], jobs=1))
    assert any(f.code == "LOT003" for f in result.findings)  # the notes are reported, not lost


def test_the_estimate_reads_only_the_end_record(tmp_path: os.PathLike[str]) -> None:
    import io

    from mec_lint.archive import declared_members

    path = _zip(tmp_path, 7)
    with open(path, "rb") as handle:
        assert declared_members(handle) == 7
    assert declared_members(io.BytesIO(b"no es un zip")) == 0
    with open(path, "rb") as handle:
        raw = handle.read()
    assert declared_members(io.BytesIO(raw[:-10])) == 0  # end record cut short
