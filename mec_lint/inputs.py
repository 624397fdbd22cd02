"""Turn the paths given on the command line into the sources to lint."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from mec_lint.record import Record
from mec_lint.safe_open import readable_name

KINDS = {".xml": "xml", ".xlsx": "xlsx", ".xlsm": "xlsx", ".zip": "zip"}


class Source(Record):
    __slots__ = ("display", "fs_path", "kind", "folder")

    def __init__(
        self,
        display: str,  # the path as the user wrote it (joined with the folder's relative path)
        fs_path: str,
        kind: str,  # xml | xlsx | zip | missing | unsupported | symlink | empty_folder
        folder: str | None = None,  # the folder argument this file was found under
    ) -> None:
        self.display = display
        self.fs_path = fs_path
        self.kind = kind
        self.folder = folder


def kind_of(path: str) -> str:
    return KINDS.get(os.path.splitext(path)[1].lower(), "unsupported")


def expand(paths: Iterable[str]) -> Iterator[Source]:
    """Files as given; folders walked recursively (sorted, links not followed).

    `display` is always valid text: bytes of a name that are not UTF-8 are shown as `\\xNN`
    (`fs_path` keeps the name the file system knows)."""
    for given in paths:
        shown = readable_name(given)
        if os.path.isdir(given):
            yield from _walk(given)
        elif os.path.isfile(given):
            kind = kind_of(given)
            # An explicitly named file with another extension is read as XML: the user asked for it.
            yield Source(shown, given, "xml" if kind == "unsupported" else kind)
        else:
            yield Source(shown, given, "missing")


def _walk(folder: str) -> Iterator[Source]:
    found: list[Source] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs:
            full = os.path.join(root, name)
            if os.path.islink(full):  # reported, never followed
                found.append(Source(readable_name(full), full, "symlink", folder))
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(root, d)))
        for name in files:
            full = os.path.join(root, name)
            kind = kind_of(name)
            if kind == "unsupported" or name.startswith("~$"):
                continue  # other files in a folder are not ours to judge (Excel lock files too)
            found.append(
                Source(readable_name(full), full, "symlink" if os.path.islink(full) else kind, folder)
            )
    if not found:  # nothing to lint: probably the wrong folder (said, never a silent green run)
        yield Source(readable_name(folder), folder, "empty_folder")
    yield from sorted(found, key=lambda s: s.display)
