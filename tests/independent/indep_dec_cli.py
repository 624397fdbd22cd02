"""Helpers for the independent certificate tests: lint through the real CLI (typer CliRunner)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from mec_lint.cli import app  # noqa: E402

UPLOAD = "2024-09-01"


def lint(path: Path, *extra: str, upload: str = UPLOAD) -> tuple[int, dict[str, Any]]:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["check", str(path), "--format", "json", "--upload-date", upload, "--no-progress", "-j", "1", *extra],
    )
    try:
        data = json.loads(result.stdout)
    except ValueError:  # pragma: no cover - shows the crash
        raise AssertionError(f"exit {result.exit_code}: {result.output!r} {result.exception!r}") from None
    return result.exit_code, data


def describe(data: dict[str, Any]) -> str:
    return "\n".join(
        f"{f['severity']} {f['code']} {f['xpath']}@{f['attribute']} line={f['line']} value={f['value']!r}: {f['message']}"
        for f in data["findings"]
    )
