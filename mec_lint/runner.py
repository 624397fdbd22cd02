"""A whole run: sources → tasks (zip members streamed) → serial or worker processes → batch rules.

- XML/XLSX files are read by the worker that lints them; zip members are read here with the
  bounded reader of `mec_lint.archive` and shipped as bytes, a few at a time (bounded window).
- Each worker builds its own `Linter` from the picklable `Config`; the XSD is compiled once per
  process (`load_schema` is cached; a forked worker inherits the parent's compiled schema).
- A crash while linting a file, even the death of a worker process, becomes an MEC900 finding
  for that file; the run goes on.
- Batch rules run last, in this process, over the small `facts` each worker extracted.
- The order of the results is decided by sorting on the path, whatever the number of workers.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from mec_lint.batch import Batch, BatchMember
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.inputs import Source
from mec_lint.os_errors import describe as describe_os_error
from mec_lint.results import FileResult
from mec_lint.safe_open import readable_name

if TYPE_CHECKING:
    from mec_lint.archive import ZipProblem, ZipScan
    from mec_lint.engine import Linter

PARALLEL_MIN_TASKS = 8  # --jobs N given: below this a pool costs more than it saves (pre-commit)
# Default --jobs: workers start only when the files are enough to pay for them (forking, shipping
# members and results): about 1 ms of work per certificate against ≈ 50–100 ms of pool overhead on
# a busy 2-CPU machine, so the default is never slower than --jobs 1 (bench/bench_targets.py).
DEFAULT_PARALLEL_MIN_TASKS = 500
MAX_CHUNK = 16  # files sent to a worker at once (also bounds the bytes in flight)


@dataclass
class Task:
    index: int
    path: str  # the display path of the file (lote.zip!cert_001.xml for members)
    source: Source | None = None  # a file on disk (the worker reads it)
    raw: bytes | None = None  # a zip member already read here


@dataclass
class _ZipInput:
    display: str
    opener: Callable[[], IO[bytes]]
    size: int | None = None  # bytes on disk, when known


@dataclass
class Plan:
    """What a run has to do, built before any certificate is read."""

    linter: Linter
    direct: list[FileResult] = field(default_factory=list)  # results needing no worker
    files: list[Source] = field(default_factory=list)  # xml/xlsx files for workers
    zips: list[tuple[_ZipInput, ZipScan | None, Batch]] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)
    member_findings: dict[str, list[Finding]] = field(default_factory=dict)  # added to a member's result

    @property
    def task_count(self) -> int:
        members = sum(len([m for m in z.members if m.readable]) for _, z, _ in self.zips if z is not None)
        return len(self.files) + members


def run_sources(linter: Linter, sources: Iterable[Source], progress: Any = None) -> list[FileResult]:
    """Lint every source; returns every FileResult (unsorted; the caller sorts by path)."""
    plan = build_plan(linter, sources)
    try:
        results = execute(plan, progress)
    finally:
        for _, zip_scan, _ in plan.zips:
            if zip_scan is not None:
                zip_scan.close()
    return results + finish_batches(plan, results)


def lint_zip_bytes(linter: Linter, path: str, raw: bytes) -> list[FileResult]:
    """`Linter.lint_zip`: one zip held in memory, linted serially, batch rules included."""
    plan = Plan(linter)
    _add_zip(plan, _ZipInput(path, lambda: io.BytesIO(raw), len(raw)))
    try:
        results = _serial(plan, None)
    finally:
        for _, zip_scan, _ in plan.zips:
            if zip_scan is not None:
                zip_scan.close()
    return results + finish_batches(plan, results)


# -- planning ----------------------------------------------------------------------------------
def build_plan(linter: Linter, sources: Iterable[Source]) -> Plan:
    plan = Plan(linter)
    folders: dict[str, Batch] = {}
    for source in sources:
        if source.kind in ("missing", "symlink", "empty_folder"):
            plan.direct.extend(linter.lint_source(source))
        elif source.kind == "zip":
            _add_zip(plan, _ZipInput(source.display, _opener(source), _size(source)))
        else:
            plan.files.append(source)
            if linter.config.batch_folders and source.folder is not None and source.kind == "xml":
                batch = folders.get(source.folder)
                if batch is None:
                    batch = folders[source.folder] = Batch(source.folder, "folder")
                    plan.batches.append(batch)
                name = readable_name(os.path.relpath(source.fs_path, source.folder)).replace(os.sep, "/")
                batch.members.append(BatchMember(name, source.display, "xml"))
    return plan


def _opener(source: Source) -> Callable[[], IO[bytes]]:
    def open_zip() -> IO[bytes]:
        """Opened first, then checked (mec_lint.safe_open): a .zip swapped for a named pipe or a
        link after the folder was listed is reported, never waited on or followed."""
        from mec_lint.safe_open import open_input

        walked = source.folder is not None
        handle, _ = open_input(source.fs_path, follow=not walked, beneath=source.folder)
        return handle  # closed by ZipScan.close

    return open_zip


def _size(source: Source) -> int | None:
    try:
        return os.path.getsize(source.fs_path)
    except OSError:
        return None


def _add_zip(plan: Plan, given: _ZipInput) -> None:
    from mec_lint.archive import ZipProblem, scan  # zipfile & co. only when a zip is given

    linter = plan.linter
    limits = linter.config.limits
    batch = Batch(given.display, "zip")
    if given.size is not None and given.size > limits.max_zip_file_bytes:
        finding = zip_finding(
            linter,
            given.display,
            ZipProblem("zip_too_big", value=str(given.size), expected=str(limits.max_zip_file_bytes)),
        )
        plan.direct.append(FileResult(given.display, _kept(linter, given.display, [finding]), checked=False))
        return
    from mec_lint.safe_open import InputRefused

    try:
        handle = given.opener()
    except InputRefused as exc:
        severity = Severity.WARNING if exc.kind == "symlink" else None
        finding = linter.io_finding(given.display, exc.kind, severity, value=given.display)
        plan.direct.append(FileResult(given.display, [finding], checked=False))
        return
    except OSError as exc:
        finding = linter.io_finding(given.display, "unreadable", reason=describe_os_error(exc))
        plan.direct.append(FileResult(given.display, [finding], checked=False))
        return
    zip_scan = scan(handle, limits)
    zip_level = [zip_finding(linter, given.display, p) for p in zip_scan.problems]
    for member in zip_scan.members:
        path = member_path(given.display, member.name)
        batch.members.append(BatchMember(member.name, path, member.kind))
        findings = [zip_finding(linter, given.display, problem) for problem in member.problems]
        if not findings:
            continue
        if member.readable:  # reported beside the member's own findings (e.g. a non-UTF-8 name)
            plan.member_findings[path] = _kept(linter, path, findings)
        else:
            # a repeated name is a second entry beside the one that is checked: not a file of its own
            is_certificate = member.name.lower().endswith(".xml") and not any(
                problem.kind == "repeated_name" for problem in member.problems
            )
            plan.direct.append(FileResult(path, _kept(linter, path, findings), checked=is_certificate))
    if zip_level:
        plan.direct.append(FileResult(given.display, _kept(linter, given.display, zip_level), checked=False))
    plan.zips.append((given, zip_scan, batch))
    if not zip_scan.problems:
        plan.batches.append(batch)


def member_path(zip_display: str, name: str) -> str:
    return f"{zip_display}!{name}"


def zip_finding(linter: Linter, zip_display: str, problem: ZipProblem) -> Finding:
    from mec_lint.rules.lote_zip import LOT001

    ctx = Context(linter.config, linter.catalogs, zip_display)
    path = zip_display if problem.member is None else member_path(zip_display, problem.member)
    return ctx.report(
        LOT001,
        problem.kind,
        value=problem.value,
        expected=problem.expected,
        path=path,
        member=problem.member or zip_display,
        reason=problem.reason or "-",
    )


def _kept(linter: Linter, path: str, findings: list[Finding]) -> list[Finding]:
    """Enabled codes only, then severity overrides and per-file ignores."""
    return linter.finish(path, [f for f in findings if f.code in linter.enabled])


def iter_tasks(plan: Plan) -> Iterator[Task | FileResult]:
    """Tasks in input order; zip members are read lazily (a refused member yields its result)."""
    index = 0
    for source in plan.files:
        yield Task(index, source.display, source=source)
        index += 1
    if not plan.zips:
        return
    from mec_lint.archive import ZipProblem, read_member

    limits = plan.linter.config.limits
    for given, zip_scan, _batch in plan.zips:
        if zip_scan is None or zip_scan.archive is None:
            continue
        for member in zip_scan.members:
            if not member.readable:
                continue
            path = member_path(given.display, member.name)
            raw = read_member(zip_scan, member, limits)
            if isinstance(raw, ZipProblem):
                findings = plan.member_findings.pop(path, []) + [zip_finding(plan.linter, given.display, raw)]
                yield FileResult(path, _kept(plan.linter, path, findings))
                continue
            yield Task(index, path, raw=raw)
            index += 1
        zip_scan.close()
        zip_scan.members.clear()  # every member read: its directory entry is not needed any more


# -- execution ---------------------------------------------------------------------------------
def resolve_jobs(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def execute(plan: Plan, progress: Any = None) -> list[FileResult]:
    jobs = resolve_jobs(plan.linter.config.jobs)
    count = plan.task_count
    smallest = PARALLEL_MIN_TASKS if plan.linter.config.jobs is not None else DEFAULT_PARALLEL_MIN_TASKS
    if progress is None and plan.linter.config.progress:
        from mec_lint.progress import Progress

        progress = Progress(True)
    if progress is not None:
        progress.start(count)
    try:
        if jobs <= 1 or count < smallest:
            return _serial(plan, progress)
        from mec_lint.pool import run_pool

        return run_pool(plan, min(jobs, count), progress)
    finally:
        if progress is not None:
            progress.stop()


def _serial(plan: Plan, progress: Any) -> list[FileResult]:
    results = list(plan.direct)
    for item in iter_tasks(plan):
        if isinstance(item, FileResult):
            results.append(item)
        else:
            results.extend(collect(plan, item, do_task(plan.linter, item)))
        if progress is not None:
            progress.advance()
    return results


def do_task(linter: Linter, task: Task) -> list[FileResult]:
    """Lint one file; never raises (a crash becomes an MEC900 finding for the file). Each result
    records the time its file took (split evenly when one file gives several results)."""
    start = time.perf_counter()
    try:
        if task.raw is not None:
            results = [linter.lint_xml(task.path, task.raw)]
        else:
            assert task.source is not None
            results = linter.lint_source(task.source)
    except Exception as exc:
        results = [crash_result(linter, task.path, "file_crash", exc)]
    share = (time.perf_counter() - start) / max(len(results), 1)
    for result in results:
        result.elapsed = share
    return results


def crash_result(linter: Linter, path: str, message_id: str, exc: BaseException | str) -> FileResult:
    import traceback

    from mec_lint.rules.xml_wellformed import MEC900

    if isinstance(exc, BaseException):
        reason = f"{type(exc).__name__}: {exc}"
        frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
        if frames:
            reason += f" en {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}"
    else:
        reason = exc
    ctx = Context(linter.config, linter.catalogs, path)
    return FileResult(path, [ctx.report(MEC900, message_id, reason=reason)])


def collect(plan: Plan, task: Task, results: list[FileResult]) -> list[FileResult]:
    """Attach the findings found while reading a member (e.g. a non-UTF-8 name) to its result."""
    extra = plan.member_findings.pop(task.path, None)
    if extra:
        for result in results:
            if result.path == task.path:
                result.findings = sorted(result.findings + extra, key=Finding.sort_key)
                break
    return results


# -- batches -----------------------------------------------------------------------------------
def finish_batches(plan: Plan, results: list[FileResult]) -> list[FileResult]:
    """Run the batch rules; their findings join the member's result (new results for other paths)."""
    linter = plan.linter
    if not plan.batches or not linter.batch_checkers:
        return []
    by_path: dict[str, FileResult] = {}
    for result in results:  # a repeated zip entry's refusal shares the path of the entry checked
        if result.path not in by_path or by_path[result.path].facts is None:
            by_path[result.path] = result
    added: dict[str, FileResult] = {}
    for batch in plan.batches:
        for member in batch.members:
            found = by_path.get(member.path)
            member.facts = found.facts if found is not None else None
        ctx = Context(linter.config, linter.catalogs, batch.path)
        findings = linter.run_checkers(linter.batch_checkers, batch, ctx)
        grouped: dict[str, list[Finding]] = {}
        for finding in findings:
            grouped.setdefault(finding.path, []).append(finding)
        for path, group in grouped.items():
            target = by_path.get(path) or added.get(path)
            if target is None:
                target = added[path] = FileResult(path, [], checked=False)
            target.findings = linter.finish(path, target.findings + group)
    return list(added.values())
