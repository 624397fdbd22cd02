"""A progress bar on stderr for long runs, only for a person watching a terminal.

Never shown when stdout or stderr is piped, when `CI` is set, under pre-commit, on `TERM=dumb`, with
`--no-progress`, or for a run of a few files. rich is imported only when the bar is shown,
and it refreshes from this thread only (no background thread: workers are forked processes).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

MIN_FILES = 10  # "a run of more than a few files"
REFRESH_SECONDS = 0.1


def wanted(enabled: bool, total: int) -> bool:
    if not enabled or total <= MIN_FILES:
        return False
    if os.environ.get("CI") or os.environ.get("PRE_COMMIT") or os.environ.get("MEC_LINT_NO_PROGRESS"):
        return False
    if os.environ.get("TERM") == "dumb":  # a dumb terminal cannot redraw a line
        return False
    try:
        return sys.stderr.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """start(total) / advance() / stop(), drawn with rich when the terminal wants it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None
        self._done = 0
        self._drawn = 0.0

    def start(self, total: int) -> None:
        if not wanted(self.enabled, total):
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("[bold]Revisando[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} archivos/s"),
            TimeElapsedColumn(),
            TextColumn("restante"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            auto_refresh=False,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("lint", total=total, rate="-")
        self._started = time.monotonic()

    def advance(self) -> None:
        if self._bar is None:
            return
        self._done += 1
        now = time.monotonic()
        if now - self._drawn >= REFRESH_SECONDS:
            elapsed = max(now - self._started, 1e-6)
            self._bar.update(self._task, completed=self._done, rate=f"{self._done / elapsed:.0f}")
            self._bar.refresh()
            self._drawn = now

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
