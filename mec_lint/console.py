"""The one place mec-lint's output goes through: an encoding-aware writer and rich's own console.

Every command writes text with `out()` (stdout) or `err()` (stderr), never with `print`,
`typer.echo` or `sys.stdout.buffer`: a Windows console in cp1252 or cp850 cannot show every
character a report holds (`…`, `—`, `≤`, `→`), and Python's console stream raises
`UnicodeEncodeError` on them. The writer replaces what the console cannot show (`…` becomes
`...`, anything else without a close ASCII form becomes `?`) and never crashes.

Colours go through rich's own `Console` (`rich_console()`), so rich handles the Windows console
(legacy or VT) itself; no hand-written ANSI codes. Whether to colour follows what users of ruff or
eslint expect: `--color/--no-color` when given, else only on a terminal, never with `NO_COLOR`
set (https://no-color.org) or `TERM=dumb`; `FORCE_COLOR` turns it on. rich is imported only here,
and only when colour is used.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import IO, Any

# What a cp1252 / cp850 console lacks, in the closest form it can show.
FALLBACKS = {
    "…": "...",
    "—": "-",
    "–": "-",
    "·": "-",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "→": "->",
    "←": "<-",
    "×": "x",
    "✓": "v",
    "✗": "x",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "«": '"',
    "»": '"',
    "§": "S",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}
_HANDLER = "mec_lint_console"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(FALLBACKS.get(char, "?") for char in text), error.end


codecs.register_error(_HANDLER, _fallback)


def encoding_of(stream: IO[str] | Any) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def displayable(text: str, encoding: str) -> str:
    """`text` with every character `encoding` cannot carry replaced (FALLBACKS, else `?`)."""
    if encoding in ("utf-8", "utf-16", "utf-32"):
        return text.encode(encoding, "replace").decode(encoding) if _has_surrogates(text) else text
    return text.encode(encoding, _HANDLER).decode(encoding)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def write(text: str, stream: IO[str] | Any) -> None:
    """Write `text` to a text stream in the stream's own encoding, never raising on a character."""
    if not text:
        return
    stream.write(displayable(text, encoding_of(stream)))
    stream.flush()


def out(text: str = "", end: str = "\n") -> None:
    """Standard output: the report, `rules`, `explain`, `cadena`, `config`, `--version`."""
    write(text + end, sys.stdout)


def err(text: str = "", end: str = "\n") -> None:
    """Standard error: usage errors, warnings, progress notes."""
    write(text + end, sys.stderr)


def harden_streams() -> None:
    """Whatever else prints (click's help and usage screens) replaces what the console lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or unusual stream
                reconfigure(errors="replace")


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_color(option: bool | None, stream: Any = None) -> bool:
    """--color/--no-color wins; else NO_COLOR and TERM=dumb turn colour off, FORCE_COLOR on,
    and otherwise only a terminal gets colour."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(sys.stdout if stream is None else stream)


def terminal_width(stream: Any = None) -> int | None:
    """The width to lay the report out for: `COLUMNS`, else the terminal's; None when piped
    (a file or a CI log has no width: one finding per line reads and greps best there)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = sys.stdout if stream is None else stream
    if not is_terminal(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return None


class _SafeFile:
    """What rich writes to: the real stream (its fileno and isatty, so rich's Windows console
    detection works) with characters the console cannot show replaced."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.encoding = encoding_of(stream)

    def write(self, text: str) -> int:
        self._stream.write(displayable(text, self.encoding))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return is_terminal(self._stream)

    def fileno(self) -> int:
        fileno: int = self._stream.fileno()
        return fileno


def rich_console(stream: Any = None, *, color: bool = True, width: int | None = None) -> Any:
    """A rich Console on `stream` (stdout by default), coloured as decided by `use_color`."""
    from rich.console import Console

    target = sys.stdout if stream is None else stream
    if width is None:
        width = terminal_width(target) or 120
    return Console(
        file=_SafeFile(target),  # type: ignore[arg-type]  # a file-like object
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def out_bytes(data: bytes) -> None:
    """Machine formats (json, sarif, junit, csv) on stdout: UTF-8 bytes, as their readers expect,
    whatever the console's code page."""
    if not data:
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
