"""A whole run: sources → tasks (zip members streamed) → serial or worker processes → batch rules.

- Every file is read by the process that lints it. XML/XLSX files are opened there; a zip is
  opened and scanned here (central directory, every bound of SECURITY.md), and each task names a
  member by the `Entry` the scan checked: the worker opens the same .zip again (`ZipRef`: the same
  open-then-check as here, and the file must be the very one scanned: device, inode, size and
  modification time) and inflates its member through the one bounded reader
  (`mec_lint.archive.read_entry`). The bounds of the zip as a whole (total size, ratio over all
  members) are settled here in member order (`ZipBudget.settle`), so the outcome is the one of a
  single reader going through the zip in name order, whatever the number of workers.
- Each worker builds its own `Linter` from the picklable `Config`; the XSD is compiled once per
  process (`load_schema` is cached; a forked worker inherits the parent's compiled schema).
  Workers are started before the zips are scanned when the zips' end records announce enough
  members (`start_workers_early`), so a forked worker inherits none of the scan's memory.
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
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from mec_lint.batch import Batch, BatchMember
from mec_lint.context import Context
from mec_lint.findings import Finding, Severity
from mec_lint.inputs import Source
from mec_lint.os_errors import describe as describe_os_error
from mec_lint.record import Record
from mec_lint.results import FileResult
from mec_lint.safe_open import readable_name

if TYPE_CHECKING:
    from mec_lint.archive import Entry, MemberRead, ZipProblem, ZipScan
    from mec_lint.engine import Linter
    from mec_lint.pool import Pool

PARALLEL_MIN_TASKS = 8  # --jobs N given: below this a pool costs more than it saves (pre-commit)
# Default --jobs: workers start only when the files are enough to pay for them (forking, shipping
# members and results): about 1 ms of work per certificate against ≈ 50–100 ms of pool overhead on
# a busy 2-CPU machine, so the default is never slower than --jobs 1 (bench/bench_targets.py).
DEFAULT_PARALLEL_MIN_TASKS = 500
MAX_CHUNK = 16  # files sent to a worker at once (also bounds the bytes in flight)


# How another process opens the .zip this one scanned: the same way (`open_input` with the same
# link rules), and it must be the same file (`identity`: device, inode, size, modification time
# of what was scanned), else its members are reported, never read from a file nobody checked.
# (The functional form: a class body's annotations are strings here, and typing compiles each
# string into a ForwardRef at import, the first one costing ≈ 9 million instructions.)
ZipRef = NamedTuple(  # noqa: UP014 - see above
    "ZipRef",
    [
        ("fs_path", str | None),  # None: a zip held in memory (read only by the process that scanned it)
        ("follow", bool),
        ("beneath", str | None),
        ("identity", tuple[int, int, int, int] | None),
        ("size", int | None),  # bytes of the .zip (the ratio checks' ceiling)
    ],
)


class Task(Record):
    __slots__ = ("index", "path", "source", "zip", "entry", "name", "zip_no", "seq")

    def __init__(
        self,
        index: int,
        path: str,  # the display path of the file (lote.zip!cert_001.xml for members)
        source: Source | None = None,  # a file on disk (the worker reads it)
        zip: ZipRef | None = None,  # a zip member: the worker reads it from this .zip…  # noqa: A002
        entry: Entry | None = None,  # …at this entry (checked by the scan)
        name: str = "",  # the member's name
        zip_no: int = -1,  # which of the plan's zips (this process only)
        seq: int = -1,  # the member's place among the zip's readable members (settled in this order)
    ) -> None:
        self.index = index
        self.path = path
        self.source = source
        self.zip = zip
        self.entry = entry
        self.name = name
        self.zip_no = zip_no
        self.seq = seq


class _ZipInput:
    __slots__ = ("display", "opener", "size", "source")

    def __init__(
        self,
        display: str,
        opener: Callable[[], IO[bytes]],
        size: int | None = None,  # bytes on disk, when known
        source: Source | None = None,  # the file on disk, when it is one (workers open it again)
    ) -> None:
        self.display = display
        self.opener = opener
        self.size = size
        self.source = source


class _Zip:
    __slots__ = ("given", "scan", "batch", "ref", "pending", "next_seq")

    def __init__(self, given: _ZipInput, scan: ZipScan, batch: Batch, ref: ZipRef) -> None:
        self.given = given
        self.scan = scan
        self.batch = batch
        self.ref = ref
        self.pending: dict[int, tuple[Task, list[FileResult], MemberRead | None]] = {}
        self.next_seq = 0  # the next member to settle


class Plan:
    """What a run has to do, built before any certificate is read."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self.direct: list[FileResult] = []  # results needing no worker
        self.files: list[Source] = []  # xml/xlsx files for workers
        self.zips: list[_Zip] = []
        self.batches: list[Batch] = []
        self.member_findings: dict[str, list[Finding]] = {}  # added to a member's result
        self.workers: Pool | None = None  # worker processes started before the plan was built (run_sources)

    @property
    def task_count(self) -> int:
        members = sum(len([m for m in z.scan.members if m.readable]) for z in self.zips)
        return len(self.files) + members

    def reader(self) -> ZipReader:
        """Reads members in this process, from the handles the scans opened."""
        return ZipReader({number: z.scan.handle for number, z in enumerate(self.zips) if z.scan.handle})

    def close(self) -> None:
        for z in self.zips:
            z.scan.close()
        if self.workers is not None:  # started early and never run (an error on the way)
            self.workers.close()
            self.workers = None


def run_sources(linter: Linter, sources: Iterable[Source], progress: Any = None) -> list[FileResult]:
    """Lint every source; returns every FileResult (unsorted; the caller sorts by path).

    When the zips' end records announce enough members for workers, the workers are started
    before the zips are scanned: a forked worker then inherits none of the scan's memory (the
    directory of a 10,000-member batch, whose pages the parent reuses afterwards while each worker
    would keep its own copy). Whether they are used is decided on the scan, as before."""
    sources = list(sources)
    workers = start_workers_early(linter, sources)
    try:
        plan = build_plan(linter, sources)
        plan.workers, workers = workers, None
        try:
            results = execute(plan, progress)
        finally:
            plan.close()
    finally:
        if workers is not None:  # the plan could not be built
            workers.close()
    return results + finish_batches(plan, results)


def start_workers_early(linter: Linter, sources: list[Source]) -> Pool | None:
    """Worker processes started now, when the run has a zip and its end record announces enough
    members for `execute` to want them (an estimate: headers may lie; `execute` decides)."""
    if not any(source.kind == "zip" for source in sources):
        return None  # nothing big is built before the workers start
    limits = linter.config.limits
    estimate = 0
    for source in sources:
        if source.kind == "zip":
            estimate += min(_declared_members(source), limits.max_zip_members)
        elif source.kind not in ("missing", "symlink", "empty_folder"):
            estimate += 1
    jobs = parallel_jobs(linter, estimate)
    if not jobs:
        return None
    from mec_lint.pool import start_pool

    return start_pool(linter, jobs)


def _declared_members(source: Source) -> int:
    """The member count a .zip's end record declares, read through the same safe opener as the
    scan (never blocking, links refused as there); 0 when it cannot be read (the scan reports why)."""
    from mec_lint.archive import declared_members

    try:
        handle = _opener(source)()
    except Exception:
        return 0
    with handle:
        return declared_members(handle)


def lint_zip_bytes(linter: Linter, path: str, raw: bytes) -> list[FileResult]:
    """`Linter.lint_zip`: one zip held in memory, linted serially, batch rules included."""
    plan = Plan(linter)
    _add_zip(plan, _ZipInput(path, lambda: io.BytesIO(raw), len(raw)))
    try:
        results = _serial(plan, None)
    finally:
        plan.close()
    return results + finish_batches(plan, results)


# -- planning ----------------------------------------------------------------------------------
def build_plan(linter: Linter, sources: Iterable[Source]) -> Plan:
    plan = Plan(linter)
    folders: dict[str, Batch] = {}
    for source in sources:
        if source.kind in ("missing", "symlink", "empty_folder"):
            plan.direct.extend(linter.lint_source(source))
        elif source.kind == "zip":
            _add_zip(plan, _ZipInput(source.display, _opener(source), _size(source), source))
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
    ref = _ref(given, handle, zip_scan.file_size)
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
    plan.zips.append(_Zip(given, zip_scan, batch, ref))
    if not zip_scan.problems:
        plan.batches.append(batch)


def _ref(given: _ZipInput, handle: IO[bytes], size: int | None) -> ZipRef:
    source = given.source
    if source is None:
        return ZipRef(None, False, None, None, size)
    try:
        identity = file_identity(handle)
    except (OSError, ValueError, AttributeError):
        return ZipRef(None, False, None, None, size)
    walked = source.folder is not None
    return ZipRef(source.fs_path, not walked, source.folder, identity, size)


def file_identity(handle: IO[bytes]) -> tuple[int, int, int, int]:
    """What says an open file is the one another process opened (`os.fstat`: on Windows too)."""
    info = os.fstat(handle.fileno())
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class ZipReader:
    """The .zip files a process reads members from: the handles the scan opened (this process),
    or the same files opened again by a worker and checked to be the very files scanned. A worker
    keeps one open at a time (tasks come zip after zip)."""

    def __init__(self, own: dict[int, IO[bytes]] | None = None) -> None:
        self.own = own or {}  # zip_no -> handle of this process (closed by the plan, not here)
        self.ref: ZipRef | None = None
        self.handle: IO[bytes] | None = None

    def handle_for(self, task: Task) -> IO[bytes]:
        own = self.own.get(task.zip_no)
        if own is not None:
            return own
        ref = task.zip
        if ref is None or ref.fs_path is None:
            raise OSError("el .zip solo está abierto en el proceso que lo revisó")
        if ref != self.ref or self.handle is None:
            self.close()
            from mec_lint.safe_open import open_input

            handle, _ = open_input(ref.fs_path, follow=ref.follow, beneath=ref.beneath)
            if file_identity(handle) != ref.identity:
                handle.close()
                raise ZipChanged()
            self.ref, self.handle = ref, handle
        return self.handle

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.ref = self.handle = None


class ZipChanged(OSError):
    """The .zip a worker opened is not the file that was scanned (replaced or rewritten)."""


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


def iter_tasks(plan: Plan) -> Iterator[Task]:
    """Tasks in input order: files, then each zip's readable members in name order. A member's
    directory entry travels with its task and is let go here (memory stays flat)."""
    index = 0
    for source in plan.files:
        yield Task(index, source.display, source=source)
        index += 1
    for zip_no, z in enumerate(plan.zips):
        members = z.scan.members
        seq = 0
        for position, member in enumerate(members):
            if not member.readable:
                continue
            entry, member.entry = member.entry, None
            path = z.batch.members[position].path  # the same string object as the batch member's
            yield Task(index, path, zip=z.ref, entry=entry, name=member.name, zip_no=zip_no, seq=seq)
            index += 1
            seq += 1
        members.clear()  # every member handed over: the directory is not needed any more


def stopped(plan: Plan, task: Task) -> bool:
    """A member of a zip whose reading already stopped (a whole-zip bound): not read at all."""
    return task.entry is not None and plan.zips[task.zip_no].scan.account.stopped


# -- execution ---------------------------------------------------------------------------------
def resolve_jobs(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parallel_jobs(linter: Linter, count: int) -> int:
    """How many worker processes `count` tasks get (0: linted in this process)."""
    jobs = resolve_jobs(linter.config.jobs)
    smallest = PARALLEL_MIN_TASKS if linter.config.jobs is not None else DEFAULT_PARALLEL_MIN_TASKS
    return 0 if jobs <= 1 or count < smallest else min(jobs, count)


def execute(plan: Plan, progress: Any = None) -> list[FileResult]:
    count = plan.task_count
    jobs = parallel_jobs(plan.linter, count)
    if not jobs and plan.workers is not None:  # started on an estimate the scan did not confirm
        plan.workers.close()
        plan.workers = None
    if progress is None and plan.linter.config.progress:
        from mec_lint.progress import Progress

        progress = Progress(True)
    if progress is not None:
        progress.start(count)
    try:
        if not jobs:
            return _serial(plan, progress)
        from mec_lint.pool import run_pool

        return run_pool(plan, jobs, progress)
    finally:
        if progress is not None:
            progress.stop()


def _serial(plan: Plan, progress: Any) -> list[FileResult]:
    results = list(plan.direct)
    reader = plan.reader()
    for task in iter_tasks(plan):
        found, read = ([], None) if stopped(plan, task) else do_task(plan.linter, task, reader)
        results.extend(settle(plan, task, found, read))
        if progress is not None:
            progress.advance()
    return results


def do_task(linter: Linter, task: Task, reader: ZipReader) -> tuple[list[FileResult], MemberRead | None]:
    """Read and lint one file or zip member; never raises (a crash becomes an MEC900 finding for
    the file). For a member, also how reading it ended (`settle` applies the whole-zip bounds).
    Each result records the time its file took (split evenly when one file gives several results)."""
    start = time.perf_counter()
    read: MemberRead | None = None
    if task.entry is not None:
        results, read = _lint_member(linter, task, reader)
    else:
        try:
            assert task.source is not None
            results = linter.lint_source(task.source)
        except Exception as exc:
            results = [crash_result(linter, task.path, "file_crash", exc)]
    share = (time.perf_counter() - start) / max(len(results), 1)
    for result in results:
        result.elapsed = share
    return results, read


def _lint_member(linter: Linter, task: Task, reader: ZipReader) -> tuple[list[FileResult], MemberRead | None]:
    from mec_lint.archive import MemberRead, ZipProblem, read_entry

    assert task.entry is not None
    try:
        handle = reader.handle_for(task)
    except Exception as exc:
        reason = (
            "el archivo .zip cambió mientras se revisaba (fue reemplazado o modificado)"
            if isinstance(exc, ZipChanged)
            else f"no se pudo abrir de nuevo el .zip: {describe_os_error(exc) if isinstance(exc, OSError) else exc}"
        )
        return [], MemberRead(0, ZipProblem("corrupt_member", member=task.name, reason=reason))
    size = task.zip.size if task.zip is not None else None
    raw, read = read_entry(handle, task.entry, task.name, size, linter.config.limits)
    if raw is None:
        return [], read
    try:
        return [linter.lint_xml(task.path, raw)], read
    except Exception as exc:
        return [crash_result(linter, task.path, "file_crash", exc)], read


def settle(plan: Plan, task: Task, found: list[FileResult], read: MemberRead | None) -> list[FileResult]:
    """The results of a task, once known. A zip member waits for the members before it: the
    whole-zip bounds are applied in name order (`ZipBudget.settle`), and a member they refuse gets
    its LOT001 finding instead of what the worker found. `read` None: nothing was read (the worker
    died, or the zip had stopped)."""
    if task.entry is None:
        return collect(plan, task, found)
    z = plan.zips[task.zip_no]
    z.pending[task.seq] = (task, found, read)
    done: list[FileResult] = []
    while z.next_seq in z.pending:
        member, results, member_read = z.pending.pop(z.next_seq)
        z.next_seq += 1
        assert member.entry is not None
        problem = z.scan.account.settle(member.entry, member.name, member_read)
        if problem is None:
            done.extend(collect(plan, member, results))
            continue
        findings = plan.member_findings.pop(member.path, []) + [
            zip_finding(plan.linter, z.given.display, problem)
        ]
        done.append(FileResult(member.path, _kept(plan.linter, member.path, findings)))
    return done


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
    for result in results:
        if result.path == task.path:
            result.path = task.path  # one string for the result and the batch member (flat memory)
    extra = plan.member_findings.pop(task.path, None)
    if extra:
        for result in results:
            if result.path == task.path:
                result.findings = sorted(result.findings + extra, key=Finding.sort_key)
                break
    return results


# -- batches -----------------------------------------------------------------------------------
def finish_batches(plan: Plan, results: list[FileResult]) -> list[FileResult]:
    """Run the batch rules; their findings join the member's result (new results for other paths).

    The cyclic garbage collector is paused meanwhile: the rules allocate a few small acyclic
    objects per member, and each collection they trigger would walk every result and fact the run
    holds, which made the batch rules grow faster than the batch (10,000 members: 7.9× the time
    of 2,000 with it, 4.7× without; bench/bench_targets.py --only linear)."""
    import gc

    if not plan.batches or not plan.linter.batch_checkers:
        return []
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run_batch_rules(plan, results)
    finally:
        if paused:
            gc.enable()


def _run_batch_rules(plan: Plan, results: list[FileResult]) -> list[FileResult]:
    linter = plan.linter
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
