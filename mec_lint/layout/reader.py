"""Read a Programa de Estudios workbook into a `Layout` (values, number formats, coordinates).

Reader choice (docs/layout.md has the measurements): mec-lint's own streaming reader of the
sheet XML (`mec_lint.layout.xlsx`, lxml), which gives in one pass the cached value, the cell's
number format (a `0000` format on ID_CARRERA is a finding), whether a formula had no cached value
and the coordinate. It reads values exactly as openpyxl's read-only mode did, in less than half its
CPU time, with every part bounded. python-calamine is faster still but exposes neither number
formats nor formulas.

Macros never run (nothing executes VBA or formulas). Rows are streamed, never materialised in bulk:
reading stops after a long run of empty rows and at `Limits.max_workbook_rows`.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

from mec_lint.config import Config, Limits
from mec_lint.layout.headers import INSTRUCTIONS_SHEET, REQUIRED_SHEETS, HeaderNames, header_names, title_rank
from mec_lint.layout.headers import required_columns as _required
from mec_lint.layout.model import Cell, Layout, Row, Table
from mec_lint.os_errors import describe as describe_os_error

if TYPE_CHECKING:
    from mec_lint.layout.xlsx import RawCell, Sheet, Workbook

EMPTY_RUN = 1000  # this many consecutive empty rows end a sheet
HEADER_SCAN = 10  # the header is searched among the first non-empty rows of a sheet
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def read_layout_file(path: str, config: Config) -> Layout:
    """Read the workbook at `path`; any problem becomes `Layout.error`, never an exception."""
    limit = config.limits.max_file_bytes
    try:
        size = os.path.getsize(path)
        if size > limit:
            return Layout(path, error=("too_big", f"{size} > {limit} bytes"))
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        return Layout(path, error=("missing", path))
    except OSError as exc:
        return Layout(path, error=("unreadable", describe_os_error(exc)))
    return read_layout(raw, path, config)


def read_layout(raw: bytes, path: str, config: Config) -> Layout:
    """Read workbook bytes; any problem becomes `Layout.error`, never an exception."""
    problem = sniff(raw, config.limits)
    if problem is not None:
        message_id, reason, part = problem
        return Layout(path, error=(message_id, reason), error_part=part)
    from mec_lint.layout.xlsx import WorkbookLimit

    try:
        return _read(raw, path, config)
    except WorkbookLimit as limit:  # a part passes a bound: named, with the bound
        return Layout(path, error=(limit.message_id, limit.limit), error_part=limit.part)
    except zipfile.BadZipFile as exc:
        from mec_lint.archive import explain_zip_error

        return Layout(path, error=("corrupt", explain_zip_error(exc)))
    except Exception as exc:  # a damaged workbook is a finding, never a traceback
        return Layout(path, error=("corrupt", f"{type(exc).__name__}: {exc}"))


def first_text(raw: bytes, length: int = 24) -> str:
    """«empieza con "HOJA,COL 1,2"»: the first bytes as a clerk can read them."""
    text = raw[:length].decode("utf-8", "replace")
    shown = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return f"empieza con «{shown}…»" if shown else f"empieza con los bytes {raw[:8].hex(' ')}"


def sniff(raw: bytes, limits: Limits) -> tuple[str, str, str] | None:
    """Reject what is not an .xlsx workbook before its parts are read: (message id, reason, part)."""
    if not raw:
        return ("empty", "0 bytes", "")
    if raw.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in raw:
            return ("encrypted", "OLE EncryptedPackage", "")
        return ("xls", "OLE/BIFF", "")
    if not raw.startswith(b"PK"):
        return ("not_xlsx", first_text(raw), "")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        from mec_lint.archive import explain_zip_error

        return ("corrupt", explain_zip_error(exc), "")
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            return ("ods", "OpenDocument", "")
        return ("not_xlsx", "sin xl/workbook.xml", "")
    total = sum(info.file_size for info in infos)
    if total > limits.max_zip_total_bytes:
        return ("too_big", f"{total} bytes", "")
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            return ("part_ratio", f"{limits.max_zip_ratio:g}", info.filename)  # declared; read_part re-checks
    return None


def _read(raw: bytes, path: str, config: Config) -> Layout:
    from mec_lint.layout.xlsx import Workbook

    workbook = Workbook(raw, config.limits)
    try:
        names = header_names(config.header_aliases)
        layout = Layout(path, sheet_titles=workbook.titles)
        budget = _Budget(config.limits)
        chosen: dict[str, Sheet] = {}  # canonical name -> the sheet read for it
        for sheet in workbook.worksheets:
            canonical = names.sheet(sheet.title)
            if canonical is None or canonical == INSTRUCTIONS_SHEET:
                continue  # unknown sheets and the instructions are ignored
            first = chosen.get(canonical)
            if first is None or title_rank(sheet.title, canonical) > title_rank(first.title, canonical):
                chosen[canonical] = sheet  # the title written as the name wins ("CARRERAS (2)" loses)
        for canonical, sheet in chosen.items():
            layout.tables[canonical] = _read_sheet(workbook, sheet, canonical, names, budget)
        for sheet in workbook.worksheets:
            canonical = names.sheet(sheet.title)
            if canonical in chosen and chosen[canonical] is not sheet:
                if title_rank(sheet.title, canonical) == 0 < title_rank(chosen[canonical].title, canonical):
                    continue  # only an alias («INSTITUCIONES», «ASIGNATURA»: SEP's catalog sheets)
                layout.other_sheets.setdefault(canonical, []).append(sheet.title)
        layout.missing_sheets = [name for name in REQUIRED_SHEETS if name not in layout.tables]
        return layout
    finally:
        workbook.close()


class _Budget:
    """Shared bounds of one workbook: rows per sheet and non-empty cells in total."""

    def __init__(self, limits: Limits) -> None:
        self.max_rows = limits.max_workbook_rows
        self.cells_left = limits.max_workbook_cells


def _stream(
    rows: Iterator[tuple[int, list[RawCell]]], table: Table, budget: _Budget
) -> Generator[tuple[int, list[RawCell]], None, None]:
    """Non-empty rows of a sheet, bounded (stops on a long empty run or a limit)."""
    last = 0
    for number, present in rows:
        if number > budget.max_rows:
            if present:
                table.truncated_at = number
            break
        if not present:
            if number - last > EMPTY_RUN:
                break  # millions of formatted but empty rows end here
            continue
        if number - last > EMPTY_RUN and last:
            table.truncated_at = number  # data far below a long gap: reported, not read
            break
        last = number
        budget.cells_left -= len(present)
        if budget.cells_left < 0:
            table.truncated_at = number
            break
        yield number, present


def _read_sheet(
    workbook: Workbook, sheet: Sheet, canonical: str, names: HeaderNames, budget: _Budget
) -> Table:
    from mec_lint.layout.xlsx import SheetRows

    table = Table(canonical, sheet.title, part=sheet.part)
    number_format = workbook.styles.number_format
    source = SheetRows(workbook, sheet)
    rows = _stream(iter(source), table, budget)
    try:
        scanned: list[tuple[int, list[RawCell]]] = []
        for item in rows:
            scanned.append(item)
            if len(scanned) >= HEADER_SCAN:
                break
        header_at = _choose_header(table, scanned, names)
        if header_at is None:
            table.missing_columns = _required(canonical)
            return table
        by_index = {index: name for name, index in table.columns.items()}
        remaining = (item for item in scanned[header_at + 1 :])
        append = table.rows.append
        kinds = _KINDS
        new_cell = tuple.__new__  # a named tuple's own __new__ is a Python function: skipped
        for number, cells in _chain(remaining, rows):
            kept: dict[str, Cell] = {}
            for raw in cells:
                name = by_index.get(raw[1])
                if name is not None:  # _cell(), inlined: this loop runs for every cell of the layout
                    row, column, value, data_type, style, formula = raw
                    kind = "empty" if value is None else kinds.get(data_type, "s")
                    if kind == "s" and value.__class__ is not str:
                        value = str(value)  # rich text and other oddities are read as their text
                    fmt = number_format(style) if kind == "n" or kind == "d" else "General"
                    kept[name] = new_cell(Cell, (row, column, value, kind, fmt, formula))  # Cell(…)
            if kept:  # the stream holds only cells with a value or a formula
                append(Row(number, kept))
        return table
    finally:
        rows.close()
        table.wide_at = source.wide or None


def _chain(*iterators: Iterator[tuple[int, list[RawCell]]]) -> Iterator[tuple[int, list[RawCell]]]:
    for iterator in iterators:
        yield from iterator


def _choose_header(table: Table, scanned: list[tuple[int, list[RawCell]]], names: HeaderNames) -> int | None:
    """The scanned row naming most known columns (title rows above it are skipped)."""
    best: tuple[int, int] | None = None  # (score, position)
    for position, (_number, cells) in enumerate(scanned):
        found = {names.column(table.name, c[2]) for c in cells if isinstance(c[2], str)} - {None}
        if found and (best is None or len(found) > best[0]):
            best = (len(found), position)
    if best is None:
        return None
    position = best[1]
    number, cells = scanned[position]
    table.header_row = number
    _map_headers(table, number, cells, names)
    # A header written over two rows (merged titles above, or a group title with the column names
    # in the row below): the neighbouring all-text row adds the columns the chosen row lacks.
    last = position
    for neighbour in (position - 1, position + 1):
        if 0 <= neighbour < len(scanned) and _header_like(table, scanned[neighbour][1], names):
            _map_headers(table, scanned[neighbour][0], scanned[neighbour][1], names)
            last = max(last, neighbour)
    table.missing_columns = [name for name in _required(table.name) if name not in table.columns]
    return last


def _map_headers(table: Table, row: int, cells: list[RawCell], names: HeaderNames) -> None:
    used = set(table.columns.values())
    for _row, column, value, *_rest in cells:
        if not isinstance(value, str) or column in used:
            continue
        name = names.column(table.name, value)
        if name is not None and name not in table.columns:
            table.columns[name] = column
            table.headers[name] = value
            table.header_rows[name] = row
            used.add(column)


def _header_like(table: Table, cells: list[RawCell], names: HeaderNames) -> bool:
    """Only text, and naming a column not mapped yet at a position not used yet (never a data row)."""
    filled = [c for c in cells if c[2] is not None and str(c[2]).strip()]
    if not filled or any(not isinstance(c[2], str) for c in filled):
        return False
    used = set(table.columns.values())
    return any(
        c[1] not in used and names.column(table.name, c[2]) not in (None, *table.columns) for c in filled
    )


_KINDS = {"n": "n", "s": "s", "str": "s", "inlineStr": "s", "d": "d", "b": "b", "e": "e"}
