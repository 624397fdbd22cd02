"""mec-lint never modifies, moves or creates files next to its inputs."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from mec_lint.cli import app
from mec_lint.testing import make_certificate


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            state[str(path.relative_to(folder))] = (data, info.st_mtime_ns, info.st_mode)
    return state


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_inputs_bytes_timestamps_and_folder_unchanged(tmp_path: Path) -> None:
    inputs = tmp_path / "entrada"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "valido.xml").write_bytes(make_certificate())
    (inputs / "sub" / "version2.xml").write_bytes(make_certificate(overrides={"Dec": {"version": "2.0"}}))
    (inputs / "roto.xml").write_bytes(b"<Dec><Alumno></Dec>")
    (inputs / "lote.zip").write_bytes(_zip({"a.xml": make_certificate(), "b.xml": b"<x"}))
    (inputs / "layout.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    before = _snapshot(inputs)
    for output_format in ("text", "json"):
        result = CliRunner().invoke(
            app, ["check", str(inputs), "--format", output_format, "--upload-date", "2024-09-01"]
        )
        assert result.exit_code in (1, 2), result.output
    assert _snapshot(inputs) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entrada"]
