"""Paths as CI systems want them: repo-relative, forward slashes, zip members split off."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def split_member(path: str) -> tuple[str, str | None]:
    """`lote.zip!a.xml` -> (`lote.zip`, `a.xml`); a plain path -> (path, None)."""
    outer, bang, inner = path.partition("!")
    return (outer, inner) if bang else (path, None)


def root_folder() -> str:
    """The repository root CI tools resolve paths against: $GITHUB_WORKSPACE, else the cwd."""
    return os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())


def repo_relative(path: str, root: str | None = None) -> str | None:
    """`path` relative to `root` with forward slashes, or None when it lies outside `root`."""
    base = root or root_folder()
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


def display_file(path: str) -> str:
    """The file an annotation points at: repo-relative when possible, else as given."""
    outer, _ = split_member(path)
    return repo_relative(outer) or outer.replace(os.sep, "/")


def artifact_uri(path: str) -> str:
    """A valid uri-reference: percent-encoded repo-relative path, else an absolute file URI."""
    outer, _ = split_member(path)
    rel = repo_relative(outer)
    if rel is not None:
        return quote(rel, safe="/")
    return Path(os.path.abspath(outer)).as_uri()
