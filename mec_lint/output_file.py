"""The one file mec-lint writes (`--output`, and the baseline that `mec-lint baseline` writes).

- Never onto a file the run reads: an input, a file a folder walk would lint, the configuration,
  the layout, the baseline or the schema — compared by resolved path and by identity (inode), so
  a link or another spelling of the same file is caught too.
- A regular file (or a new one) is replaced atomically: the report is written to a temporary file
  created in the same folder with `O_CREAT | O_EXCL` (`tempfile.mkstemp`: it never opens an
  existing file or a link), given the permissions the target had (or the usual ones for a new
  file), then renamed over the target. A link at the target is replaced, never written through;
  a hard link to an input keeps the input's content.
- `-`, a device (`/dev/stdout`, `/dev/null`), a named pipe or `/dev/fd/N` are written as streams,
  never replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable

from mec_lint.config import ConfigError
from mec_lint.os_errors import describe as describe_os_error

STDOUT = "-"
WALKED_EXTENSIONS = (".xml", ".xlsx", ".xlsm", ".zip")  # what a folder walk would lint


def _same(first: str, second: str) -> bool:
    if os.path.normcase(os.path.realpath(first)) == os.path.normcase(os.path.realpath(second)):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def check_target(output: str, paths: Iterable[str], protected: Iterable[tuple[str, str | None]] = ()) -> None:
    """Refuse an --output that would overwrite something the run reads (ConfigError, exit 2).

    `protected`: (what it is, path) for the configuration, layout, baseline and schema files."""
    if output == STDOUT:
        return
    target = os.path.abspath(output)
    resolved = os.path.realpath(output)
    for given in paths:
        if os.path.isdir(given):
            for folder in {os.path.abspath(given), os.path.realpath(given)}:
                inside = any(
                    os.path.commonpath([folder, candidate]) == folder
                    for candidate in (target, resolved)
                    if os.path.splitdrive(candidate)[0] == os.path.splitdrive(folder)[0]
                )
                walked = resolved.lower().endswith(WALKED_EXTENSIONS) or target.lower().endswith(
                    WALKED_EXTENSIONS
                )
                if inside and walked:
                    raise ConfigError(
                        f"--output {output} queda dentro de la carpeta revisada {given} y sería revisado "
                        "(o sobrescribiría un certificado); escríbalo fuera de ella"
                    )
        elif _same(given, output):
            raise ConfigError(f"--output {output} es uno de los archivos revisados; no se sobrescribe")
    for what, path in protected:
        if path and _same(path, output):
            raise ConfigError(f"--output {output} es {what} ({path}); no se sobrescribe")
    if os.path.isdir(output):
        raise ConfigError(f"--output {output} es una carpeta; indique un archivo")


def write(path: str, data: bytes) -> None:
    """Write the report to `path` (see the module docstring); ConfigError when it cannot."""
    if path == STDOUT:
        _to_stdout(data)
        return
    try:
        current = os.stat(path)  # follows a link: what is there to write to?
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise ConfigError(f"no se pudo escribir --output {path}: {describe_os_error(exc)}") from exc
    if current is not None and not stat.S_ISREG(current.st_mode):
        _to_stream(path, data)  # a device, a pipe, /dev/fd/N: written as it is, never replaced
        return
    _replace(path, data, None if _is_link(path) or current is None else stat.S_IMODE(current.st_mode))


def _is_link(path: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _replace(path: str, data: bytes, mode: int | None) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise ConfigError(f"no se pudo escribir --output {path}: {describe_os_error(exc)}") from exc
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            with contextlib.suppress(OSError):
                os.fsync(handle.fileno())
        os.chmod(temporary, _new_file_mode() if mode is None else mode)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ConfigError(f"no se pudo escribir --output {path}: {describe_os_error(exc)}") from exc


def _to_stream(path: str, data: bytes) -> None:
    try:
        with open(path, "wb", buffering=0) as handle:
            view = memoryview(data)
            while view:
                written = handle.write(view)
                view = view[written or len(view) :]
    except OSError as exc:
        raise ConfigError(f"no se pudo escribir --output {path}: {describe_os_error(exc)}") from exc


def _to_stdout(data: bytes) -> None:
    sys.stdout.flush()
    if hasattr(sys.stdout, "buffer"):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    sys.stdout.flush()
