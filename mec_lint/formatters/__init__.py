"""Output formats: one module per format over the same RunResult (imported lazily)."""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from mec_lint.engine import RunResult


class Formatter(Protocol):
    def __call__(self, run: RunResult, *, color: bool, lang: str) -> str: ...


FORMATS: dict[str, str] = {
    "text": "mec_lint.formatters.text",
    "json": "mec_lint.formatters.json_format",
    "sarif": "mec_lint.formatters.sarif",
    "github": "mec_lint.formatters.github",
    "junit": "mec_lint.formatters.junit",
    "csv": "mec_lint.formatters.csv_format",
    "xlsx": "mec_lint.formatters.xlsx",
    "html": "mec_lint.formatters.html",
}
BINARY_FORMATS = frozenset({"xlsx"})  # need --output: render_bytes(run, lang=...) -> bytes


def render(name: str, run: RunResult, *, color: bool = False, lang: str = "es", **options: Any) -> str:
    """`options`: format-specific keywords (junit: `junit_warnings`)."""
    from mec_lint.formatters._escape import encodable

    run = encodable(run)
    module = importlib.import_module(FORMATS[name])
    text: str = module.render(run, color=color, lang=lang, **options)
    return text


def render_bytes(
    name: str, run: RunResult, *, color: bool = False, lang: str = "es", **options: Any
) -> bytes:
    """The report as bytes: binary formats (xlsx) natively, text formats encoded as UTF-8."""
    from mec_lint.gc_pause import paused

    with paused():  # sorting and writing the findings build only acyclic objects
        return _render_bytes(name, run, color=color, lang=lang, **options)


def _render_bytes(name: str, run: RunResult, *, color: bool, lang: str, **options: Any) -> bytes:
    if name in BINARY_FORMATS:
        from mec_lint.formatters._escape import encodable

        run = encodable(run)
        module = importlib.import_module(FORMATS[name])
        data: bytes = module.render_bytes(run, lang=lang)
        return data
    module = importlib.import_module(FORMATS[name])
    direct = getattr(module, "render_utf8", None)  # a format that builds its UTF-8 bytes itself
    if direct is not None:
        from mec_lint.formatters._escape import Unchecked

        try:  # from the run as it is: the format raises Unchecked on what encodable() must see
            utf8: bytes = direct(run, color=color, lang=lang, **options)
            return utf8
        except Unchecked:
            pass
    return render(name, run, color=color, lang=lang, **options).encode("utf-8")
