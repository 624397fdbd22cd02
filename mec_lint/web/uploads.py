"""The upload form read as a stream: each file goes straight into the request's private folder.

Nothing is held whole in memory and nothing is written anywhere but that folder (created by
`tempfile.mkdtemp`, readable only by this user, removed after the request by the caller). Every
upload is bounded by the run's limits (`Config.limits`, the same the command line applies):
a `.zip` by `max_zip_file_bytes`, any other file by `max_file_bytes`, the number of files by
`max_zip_members`, the whole request by one zip plus one file of the largest size.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import IO, Any

from mec_lint.config import Limits

FIELD_BYTES = 1024  # a text field (upload_date) is short
FIELDS = ("files", "layout", "upload_date")


class FormProblem(Exception):
    """The request is not the form the page sends (400)."""

    def __init__(self, message_id: str, **data: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.data = data


class TooLarge(Exception):
    """An upload or the whole request exceeds the limits (413)."""

    def __init__(self, name: str | None, limit: int) -> None:
        super().__init__(name or "")
        self.name = name
        self.limit = limit


@dataclass
class Upload:
    field: str  # "files" or "layout"
    name: str  # the file's name as the user's machine gave it (its last component)
    fs_path: str  # where it lies inside the private folder
    size: int = 0


@dataclass
class Form:
    files: list[Upload] = field(default_factory=list)
    layout: Upload | None = None
    values: dict[str, str] = field(default_factory=dict)


def request_cap(limits: Limits) -> int:
    """The largest request accepted: one zip of the largest size plus one other file."""
    return limits.max_zip_file_bytes + limits.max_file_bytes + 1024 * 1024


def file_cap(name: str, limits: Limits) -> int:
    return limits.max_zip_file_bytes if name.lower().endswith(".zip") else limits.max_file_bytes


def display_name(raw: str) -> str:
    """The last component of the name a browser sent (old browsers send `C:\\ruta\\lote.zip`)."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name or "archivo"


def _unique(name: str, taken: set[str]) -> str:
    """Two uploads with one name stay apart in the report: `cert.xml`, `cert (2).xml`."""
    if name not in taken:
        return name
    stem, ext = os.path.splitext(name)
    number = 2
    while f"{stem} ({number}){ext}" in taken:
        number += 1
    return f"{stem} ({number}){ext}"


class _Reader:
    """python-multipart callbacks writing each file part into `folder`."""

    def __init__(self, folder: str, limits: Limits) -> None:
        self.folder = folder
        self.limits = limits
        self.form = Form()
        self.taken: set[str] = set()
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.part_field = ""
        self.part_upload: Upload | None = None
        self.part_handle: IO[bytes] | None = None
        self.part_text = bytearray()
        self.part_skip = False
        self.part_cap = 0
        self.count = 0

    def on_part_begin(self) -> None:
        self.disposition = b""
        self.part_upload = None
        self.part_handle = None
        self.part_text = bytearray()
        self.part_skip = False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = b""
        self.header_value = b""

    def on_headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self.disposition)
        name = options.get(b"name")
        if name is None:
            raise FormProblem("malformed")
        self.part_field = name.decode("utf-8", "replace")
        if self.part_field not in FIELDS:
            self.part_skip = True  # not ours: read past it
            return
        filename = options.get(b"filename")
        if filename is None:
            return  # a text field
        raw_name = filename.decode("utf-8", "replace")
        if not raw_name or self.part_field not in ("files", "layout"):
            self.part_skip = True  # an empty file input sends a part without a name
            return
        self.count += 1
        if self.count > self.limits.max_zip_members:
            raise FormProblem("too_many", limit=self.limits.max_zip_members)
        shown = display_name(raw_name)
        if self.part_field == "files":
            shown = _unique(shown, self.taken)
            self.taken.add(shown)
        ext = os.path.splitext(shown)[1].lower()
        safe_ext = ext if ext[1:].isalnum() and len(ext) <= 6 else ""
        path = os.path.join(self.folder, f"{self.count}{safe_ext}")
        self.part_upload = Upload(self.part_field, shown, path)
        self.part_cap = file_cap(shown, self.limits)
        self.part_handle = open(path, "xb")  # noqa: SIM115 (closed at the part's end or by close())

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.part_skip:
            return
        chunk = data[start:end]
        if self.part_upload is None:
            self.part_text += chunk
            if len(self.part_text) > FIELD_BYTES:
                raise FormProblem("field_too_long", name=self.part_field)
            return
        assert self.part_handle is not None
        self.part_upload.size += len(chunk)
        if self.part_upload.size > self.part_cap:
            raise TooLarge(self.part_upload.name, self.part_cap)
        self.part_handle.write(chunk)

    def on_part_end(self) -> None:
        if self.part_skip:
            return
        if self.part_upload is None:
            self.form.values[self.part_field] = self.part_text.decode("utf-8", "replace").strip()
            return
        assert self.part_handle is not None
        self.part_handle.close()
        self.part_handle = None
        if self.part_upload.field == "layout":
            self.form.layout = self.part_upload
        else:
            self.form.files.append(self.part_upload)

    def close(self) -> None:
        if self.part_handle is not None:
            self.part_handle.close()
            self.part_handle = None


async def read_form(
    content_type: str, content_length: str | None, body: AsyncIterator[bytes], folder: str, limits: Limits
) -> Form:
    """Parse the multipart body into `folder`; FormProblem or TooLarge when it cannot be used."""
    from python_multipart import MultipartParser
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type or "")
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise FormProblem("not_multipart")
    cap = request_cap(limits)
    if content_length is not None and content_length.strip().isdigit() and int(content_length) > cap:
        raise TooLarge(None, cap)
    reader = _Reader(folder, limits)
    callbacks: Any = {
        "on_part_begin": reader.on_part_begin,
        "on_part_data": reader.on_part_data,
        "on_part_end": reader.on_part_end,
        "on_header_field": reader.on_header_field,
        "on_header_value": reader.on_header_value,
        "on_header_end": reader.on_header_end,
        "on_headers_finished": reader.on_headers_finished,
    }
    received = 0
    try:
        parser = MultipartParser(boundary, callbacks)
        async for chunk in body:
            received += len(chunk)
            if received > cap:
                raise TooLarge(None, cap)
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise FormProblem("malformed") from exc
    finally:
        reader.close()
    return reader.form
