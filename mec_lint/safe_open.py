"""Open an input first, then check what was opened (issue #13: no check-then-open races).

A file found by walking a folder may be swapped, between the listing and the read, for a named
pipe (an open for reading would block forever), a device or a symbolic link. So the file is
opened without blocking (`O_NONBLOCK`) and without following a final link (`O_NOFOLLOW`), every
folder below the walked one is entered with `O_NOFOLLOW` too (`dir_fd`, where the OS has it), and
`fstat` on the descriptor decides: a regular file is read, anything else is reported. Windows has
neither flag nor named pipes in folders: there the link check is `lstat` before the open and a
comparison of both afterwards (best effort).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import IO

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_READ = os.O_RDONLY | _BINARY | _NONBLOCK | _NOCTTY | _CLOEXEC
# errno values an O_NOFOLLOW open gives for a link: Linux/macOS ELOOP, FreeBSD EMLINK, NetBSD EFTYPE.
_LINK_ERRNOS = {getattr(errno, name) for name in ("ELOOP", "EMLINK", "EFTYPE") if hasattr(errno, name)}


class InputRefused(OSError):
    """The path is not something mec-lint reads: `kind` is the IO001 message id."""

    def __init__(self, kind: str, path: str) -> None:
        super().__init__(kind, path)
        self.kind = kind  # "symlink" | "not_regular"


def open_input(path: str, *, follow: bool = True, beneath: str | None = None) -> tuple[IO[bytes], int]:
    """Open `path` for reading; return the file and its size (from the descriptor).

    `follow=False`: a symbolic link is refused (`InputRefused("symlink")`), for the last component
    and, when `beneath` names the folder that was walked, for every folder between it and the file.
    Whatever was opened, it must be a regular file (`InputRefused("not_regular")`) — a named pipe is
    opened without blocking and closed at once. Other problems raise OSError as `open` does."""
    descriptor = _open_descriptor(path, follow, beneath)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused("not_regular", path)
        if not follow and not _NOFOLLOW:  # no O_NOFOLLOW (Windows): what is there now must be what we opened
            after = os.lstat(path)
            if stat.S_ISLNK(after.st_mode) or not os.path.samestat(after, info):
                raise InputRefused("symlink", path)
        _blocking(descriptor)
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    return handle, info.st_size


def _open_descriptor(path: str, follow: bool, beneath: str | None) -> int:
    if not follow and not _NOFOLLOW and stat.S_ISLNK(os.lstat(path).st_mode):
        raise InputRefused("symlink", path)
    flags = _READ | (0 if follow else _NOFOLLOW)
    try:
        if not follow and beneath is not None and _DIRECTORY and _NOFOLLOW and os.open in os.supports_dir_fd:
            return _open_beneath(beneath, path, flags)
        return os.open(path, flags)
    except InputRefused:
        raise
    except OSError as exc:
        if not follow and exc.errno in _LINK_ERRNOS and _is_link(path):
            raise InputRefused("symlink", path) from exc
        if exc.errno == errno.ENXIO:  # a socket or a FIFO without a writer on some systems
            raise InputRefused("not_regular", path) from exc
        raise


def _open_beneath(folder: str, path: str, flags: int) -> int:
    """Open `path` (found under `folder`) walking its folders with O_NOFOLLOW from `folder`."""
    relative = os.path.relpath(path, folder)
    parts = [part for part in relative.split(os.sep) if part not in ("", ".")]
    if not parts or ".." in parts:
        return os.open(path, flags)
    current = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for part in parts[:-1]:
            try:
                below = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=current)
            except OSError as exc:
                if exc.errno in _LINK_ERRNOS or exc.errno == errno.ENOTDIR:
                    raise InputRefused("symlink", path) from exc
                raise
            os.close(current)
            current = below
        return os.open(parts[-1], flags, dir_fd=current)
    finally:
        os.close(current)


def _is_link(path: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return True  # gone or swapped again: not followed either way


def _blocking(descriptor: int) -> None:
    """Regular files ignore O_NONBLOCK; clear it anyway so reads behave as usual everywhere."""
    if not _NONBLOCK:
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows has no O_NONBLOCK either
        return
    flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
    fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~_NONBLOCK)


def readable_name(path: str) -> str:
    """A path as people can read it: bytes that were not valid UTF-8 in a file name (kept by
    Python as lone surrogates) are shown as `\\xNN`, never a UnicodeEncodeError later."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path
