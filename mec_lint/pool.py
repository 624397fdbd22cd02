"""Worker processes for big runs: one pipe per worker, so every result and every crash has an owner.

A small purpose-built pool instead of `concurrent.futures`: when a worker process dies, the
file it was linting is known exactly (it is the first unanswered task sent to that worker), so
that file alone gets an MEC900 finding, the rest of its chunk is sent again and a fresh worker
takes over. Work is sent only to idle workers, at most `MAX_CHUNK` files at a time, so the
work in flight stays bounded whatever the size of the batch. Workers read their own files, zip
members included (`mec_lint.runner.ZipReader`): only task descriptions go out, only findings
and batch facts come back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from mec_lint.results import FileResult
from mec_lint.runner import (
    MAX_CHUNK,
    Plan,
    Task,
    ZipReader,
    crash_result,
    do_task,
    iter_tasks,
    settle,
    stopped,
)

if TYPE_CHECKING:
    from mec_lint.config import Config
    from mec_lint.engine import Linter
    from mec_lint.registry import Registry

MAX_START_FAILURES = 3  # workers that die before they are ready: then the rest runs here


START_METHOD_ENV = "MEC_LINT_START_METHOD"  # fork | spawn | forkserver (tests use spawn, as on Windows)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD_ENV, "")
    if wanted in methods:
        return multiprocessing.get_context(wanted)
    # fork: the worker inherits the imported modules and the compiled XSD (fast start-up);
    # Windows (and macOS by default) have only spawn: the worker imports and compiles again.
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def worker_main(conn: Connection, config: Config, registry: Registry | None, layout: Any) -> None:
    """Build a Linter, then lint the chunks the parent sends until it sends None."""
    from mec_lint.engine import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    linter = Linter(config, registry)
    if layout is not None and linter.layout is None:
        linter.layout = layout
    conn.send(("ready", os.getpid()))
    reader = ZipReader()  # the zips this worker reads members from, opened again here
    try:
        while True:
            try:
                chunk = conn.recv()
            except (EOFError, OSError):
                return
            if chunk is None:
                return
            for task in chunk:
                results, read = do_task(linter, task, reader)
                try:
                    conn.send((task.index, results, read))
                except Exception as exc:  # a result that cannot be pickled
                    conn.send((task.index, [crash_result(linter, task.path, "file_crash", exc)], read))
    finally:
        reader.close()


@dataclass
class _Slot:
    process: Any
    conn: Connection
    ready: bool = False
    tasks: deque[Task] = field(default_factory=deque)


class Pool:
    """Worker processes for one run. `start` forks them; a run starts them before its zips are
    scanned (`mec_lint.runner.run_sources`), so a forked worker inherits none of the scan's
    memory (a batch's directory, whose pages the parent then reuses and a worker would keep)."""

    def __init__(self, linter: Linter, jobs: int) -> None:
        from mec_lint.registry import load_registry

        self.linter = linter
        self.jobs = jobs
        self.context = _context()
        default = load_registry()
        self.registry = None if self.linter.registry is default else self.linter.registry
        self.slots: list[_Slot] = []
        self.start_failures = 0

    def can_send(self) -> bool:
        """A spawned worker (Windows, macOS) gets the configuration, registry and layout pickled:
        a registry built in code (plugins, tests) may hold closures that cannot be; then the run
        stays in this process instead of failing. A forked worker inherits them as they are."""
        if self.context.get_start_method() == "fork":
            return True
        import pickle

        try:
            pickle.dumps((self.linter.config, self.registry, getattr(self.linter, "layout", None)))
        except Exception:
            return False
        return True

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=worker_main,
            args=(child, self.linter.config, self.registry, getattr(self.linter, "layout", None)),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _stop(self, slot: _Slot, kill: bool = False) -> None:
        try:
            if not kill:
                slot.conn.send(None)
        except (OSError, ValueError):
            pass
        slot.conn.close()
        slot.process.join(timeout=0 if kill else 2)
        if slot.process.is_alive():
            slot.process.terminate()
            slot.process.join(timeout=2)

    def start(self) -> None:
        """Fork (or spawn) the workers; they wait for their first chunk."""
        if not self.slots:
            self.slots = [self._start() for _ in range(self.jobs)]

    def close(self) -> None:
        """Stop every worker (a worker still busy is killed)."""
        slots, self.slots = self.slots, []
        for slot in slots:
            self._stop(slot, kill=bool(slot.tasks))

    def run(self, plan: Plan, progress: Any) -> list[FileResult]:
        reader = plan.reader()  # for what runs here (a zip held in memory, no worker able to start)
        results: list[FileResult] = list(plan.direct)
        chunk_size = max(1, min(MAX_CHUNK, plan.task_count // (self.jobs * 8)))
        pending = iter_tasks(plan)
        retry: deque[Task] = deque()
        exhausted = False

        def take(n: int) -> list[Task]:
            nonlocal exhausted
            chunk: list[Task] = []
            while retry and len(chunk) < n:
                chunk.append(retry.popleft())
            while not exhausted and len(chunk) < n:
                item = next(pending, None)
                if item is None:
                    exhausted = True
                elif stopped(plan, item):
                    handle(item, [], None)  # its zip stopped reading: reported without a worker
                elif item.zip is not None and item.zip.fs_path is None:
                    handle(item, *do_task(self.linter, item, reader))  # only this process has it
                else:
                    chunk.append(item)
            return chunk

        def handle(task: Task, found: list[FileResult], read: Any = None) -> None:
            results.extend(settle(plan, task, found, read))
            if progress is not None:
                progress.advance()

        self.start()
        try:
            while True:
                if self.start_failures >= MAX_START_FAILURES:
                    for slot in self.slots:
                        retry.extendleft(reversed(slot.tasks))
                        slot.tasks.clear()
                    chunk = take(MAX_CHUNK)
                    while chunk:  # workers cannot start here: lint the rest in this process
                        for task in chunk:
                            handle(task, *do_task(self.linter, task, reader))
                        chunk = take(MAX_CHUNK)
                    break
                for slot in self.slots:
                    if not slot.tasks:
                        chunk = take(chunk_size)
                        if chunk:
                            slot.tasks.extend(chunk)
                            with contextlib.suppress(OSError, ValueError):  # a dead worker: seen below
                                slot.conn.send(chunk)
                busy = [slot for slot in self.slots if slot.tasks]
                if not busy:
                    break
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy])
                for index, slot in enumerate(self.slots):
                    if slot.tasks and not self._drain(slot, handle):
                        self.slots[index] = self._replace(slot, retry, handle)
        finally:
            self.close()
        return results

    def _drain(self, slot: _Slot, handle: Any) -> bool:
        """Read every answer waiting on the slot's pipe; False when the worker is gone."""
        if not self._read(slot, handle):
            return False
        if slot.tasks and not slot.process.is_alive():
            self._read(slot, handle)  # what it wrote just before it ended
            return not slot.tasks
        return True

    def _read(self, slot: _Slot, handle: Any) -> bool:
        try:
            while slot.tasks and slot.conn.poll():
                message = slot.conn.recv()
                if message[0] == "ready":
                    slot.ready = True
                    continue
                index, found, read = message
                task = slot.tasks.popleft()
                if task.index != index:  # cannot happen: a worker answers in order
                    raise RuntimeError(f"respuesta fuera de orden: {index} != {task.index}")
                handle(task, found, read)
        except Exception:  # EOF, or a message cut short by the worker's death
            return False
        return True

    def _replace(self, slot: _Slot, retry: deque[Task], handle: Any) -> _Slot:
        """The worker died: blame its current file, give the rest of its chunk to a new worker."""
        slot.process.join(timeout=2)
        code = slot.process.exitcode
        if slot.ready and slot.tasks:
            culprit = slot.tasks.popleft()
            reason = _exit_reason(code)
            handle(culprit, [crash_result(self.linter, culprit.path, "worker_died", reason)])
        else:
            self.start_failures += 1
        retry.extendleft(reversed(slot.tasks))
        slot.tasks.clear()
        self._stop(slot, kill=True)
        return self._start()


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "el proceso no respondió"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"terminó por la señal {name}"
    return f"terminó con código {code}"


def start_pool(linter: Linter, jobs: int) -> Pool | None:
    """A pool with its workers started, or None when they could not be sent what they need."""
    pool = Pool(linter, jobs)
    if not pool.can_send():
        return None
    pool.start()
    return pool


def run_pool(plan: Plan, jobs: int, progress: Any = None) -> list[FileResult]:
    """Lint the plan's tasks in worker processes: the ones started before the plan was built
    (`plan.workers`), else `jobs` new ones."""
    pool, plan.workers = plan.workers, None
    if pool is None:
        pool = Pool(plan.linter, jobs)
    if not pool.can_send():
        from mec_lint.runner import _serial

        return _serial(plan, progress)
    return pool.run(plan, progress)
