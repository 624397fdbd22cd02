"""Output formats: one module per format over the same RunResult (imported lazily)."""

from __future__ import annotations

import importlib
from typing import Protocol

from mec_lint.engine import RunResult


class Formatter(Protocol):
    def __call__(self, run: RunResult, *, color: bool, lang: str) -> str: ...


FORMATS: dict[str, str] = {
    "text": "mec_lint.formatters.text",
    "json": "mec_lint.formatters.json_format",
}


def render(name: str, run: RunResult, *, color: bool = False, lang: str = "es") -> str:
    module = importlib.import_module(FORMATS[name])
    text: str = module.render(run, color=color, lang=lang)
    return text
