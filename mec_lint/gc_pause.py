"""`paused()`: the cyclic garbage collector paused while a burst of acyclic objects is built.

Checking a certificate, sorting its findings and writing a report allocate many small objects
that never form reference cycles (findings, placeholder dicts, key tuples, strings). Each time
CPython's collector is triggered by those allocations it walks the objects of its generations,
and a full collection walks every object the process holds: with 100,000 findings the
collections cost a sixth of the run (issue #14). Reference counting frees everything as usual
while the collector is paused; cyclic garbage made meanwhile (none is expected) is collected by
the next collection after it resumes, so memory stays bounded by one file's work.
"""

from __future__ import annotations

import gc
from types import TracebackType


class paused:  # noqa: N801 - used as a function: `with paused():`
    """Pause the collector for the `with` block (nested use and an already paused collector are
    left as they were)."""

    __slots__ = ("_resume",)

    def __enter__(self) -> None:
        self._resume = gc.isenabled()
        if self._resume:
            gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._resume:
            gc.enable()
