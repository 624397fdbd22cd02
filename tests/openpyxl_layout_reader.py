"""The layout reader as it was before mec-lint read the sheet XML itself (openpyxl's read-only,
data-only streaming parser, extended to flag formula cells): the reference of the differential test
`test_layout_xlsx.py`. Not used by mec-lint; kept only so that every reading can be compared."""

from __future__ import annotations

import io
import warnings
from collections.abc import Generator, Iterator
from typing import Any

from mec_lint.config import Config, Limits
from mec_lint.layout.headers import INSTRUCTIONS_SHEET, REQUIRED_SHEETS, HeaderNames, header_names, title_rank
from mec_lint.layout.headers import required_columns as _required
from mec_lint.layout.model import Cell, Layout, Row, Table

EMPTY_RUN = 1000  # this many consecutive empty rows end a sheet
HEADER_SCAN = 10  # the header is searched among the first non-empty rows of a sheet


def read_layout(raw: bytes, path: str, config: Config) -> Layout:
    """Read workbook bytes; any problem becomes `Layout.error`, never an exception."""
    from mec_lint.layout.reader import sniff

    problem = sniff(raw, config.limits)
    if problem is not None:
        return Layout(path, error=problem[:2])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            return _read(raw, path, config)
    except Exception as exc:  # a damaged workbook is a finding, never a traceback
        return Layout(path, error=("corrupt", f"{type(exc).__name__}: {exc}"))


def _read(raw: bytes, path: str, config: Config) -> Layout:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    try:
        names = header_names(config.header_aliases)
        layout = Layout(path, sheet_titles=list(workbook.sheetnames))
        budget = _Budget(config.limits)
        chosen: dict[str, Any] = {}  # canonical name -> the sheet read for it
        for sheet in workbook.worksheets:
            canonical = names.sheet(sheet.title)
            if canonical is None or canonical == INSTRUCTIONS_SHEET:
                continue  # unknown sheets and the instructions are ignored
            first = chosen.get(canonical)
            if first is None or title_rank(sheet.title, canonical) > title_rank(first.title, canonical):
                chosen[canonical] = sheet  # the same choice of sheet as the reader (headers.title_rank)
        for canonical, sheet in chosen.items():
            layout.tables[canonical] = _read_sheet(workbook, sheet, canonical, names, budget)
        for sheet in workbook.worksheets:
            canonical = names.sheet(sheet.title)
            if canonical in chosen and chosen[canonical] is not sheet:
                if title_rank(sheet.title, canonical) == 0 < title_rank(chosen[canonical].title, canonical):
                    continue  # an alias or hinted title next to the real sheet (SEP's catalog sheets)
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


def _parser_class() -> type:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class FormulaAwareParser(WorkSheetParser):
        """openpyxl's streaming parser in data-only mode, also flagging formula cells."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            cell["formula"] = element.find(FORMULA_TAG) is not None
            return cell

    return FormulaAwareParser


def _number_formats(workbook: Any) -> Any:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    cache: dict[int, str] = {}

    def number_format(style_id: int) -> str:
        found = cache.get(style_id)
        if found is None:
            try:
                fmt_id = workbook._cell_styles[style_id].numFmtId
                if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
                    found = BUILTIN_FORMATS.get(fmt_id, "General")
                else:
                    found = workbook._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
            except (IndexError, KeyError, AttributeError):
                found = "General"
            cache[style_id] = str(found)
            found = cache[style_id]
        return found

    return number_format


def _has_value(cell: dict[str, Any]) -> bool:
    value = cell["value"]
    return cell.get("formula", False) or not (value is None or (isinstance(value, str) and not value.strip()))


def _stream(
    workbook: Any, sheet: Any, table: Table, budget: _Budget
) -> Generator[tuple[int, list[dict]], None, None]:
    """Non-empty rows of a sheet, bounded (stops on a long empty run or a limit)."""
    parser = _parser_class()(
        sheet._get_source(),
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    source = parser.source
    try:
        last = 0
        for number, cells in parser.parse():
            if number > budget.max_rows:
                if any(_has_value(c) for c in cells):
                    table.truncated_at = number
                break
            present = [c for c in cells if _has_value(c)]
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
    finally:
        source.close()


def _read_sheet(workbook: Any, sheet: Any, canonical: str, names: HeaderNames, budget: _Budget) -> Table:
    table = Table(canonical, sheet.title)
    number_format = _number_formats(workbook)
    rows = _stream(workbook, sheet, table, budget)
    scanned: list[tuple[int, list[dict]]] = []
    for item in rows:
        scanned.append(item)
        if len(scanned) >= HEADER_SCAN:
            break
    header_at = _choose_header(table, scanned, names)
    if header_at is None:
        table.missing_columns = _required(canonical)
        rows.close()
        return table
    by_index = {index: name for name, index in table.columns.items()}
    remaining = (item for item in scanned[header_at + 1 :])
    for number, cells in _chain(remaining, rows):
        kept: dict[str, Cell] = {}
        for raw in cells:
            name = by_index.get(raw["column"])
            if name is not None:
                kept[name] = _cell(raw, number_format)
        if any(not c.blank or c.formula for c in kept.values()):
            table.rows.append(Row(number, kept))
    return table


def _chain(*iterators: Iterator[tuple[int, list[dict]]]) -> Iterator[tuple[int, list[dict]]]:
    for iterator in iterators:
        yield from iterator


def _choose_header(table: Table, scanned: list[tuple[int, list[dict]]], names: HeaderNames) -> int | None:
    """The scanned row naming most known columns (title rows above it are skipped)."""
    best: tuple[int, int] | None = None  # (score, position)
    for position, (_number, cells) in enumerate(scanned):
        found = {names.column(table.name, c["value"]) for c in cells if isinstance(c["value"], str)} - {None}
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


def _map_headers(table: Table, row: int, cells: list[dict], names: HeaderNames) -> None:
    used = set(table.columns.values())
    for raw in cells:
        if not isinstance(raw["value"], str) or raw["column"] in used:
            continue
        name = names.column(table.name, raw["value"])
        if name is not None and name not in table.columns:
            table.columns[name] = raw["column"]
            table.headers[name] = raw["value"]
            table.header_rows[name] = row
            used.add(raw["column"])


def _header_like(table: Table, cells: list[dict], names: HeaderNames) -> bool:
    """Only text, and naming a column not mapped yet at a position not used yet (never a data row)."""
    filled = [c for c in cells if c["value"] is not None and str(c["value"]).strip()]
    if not filled or any(not isinstance(c["value"], str) for c in filled):
        return False
    used = set(table.columns.values())
    return any(
        c["column"] not in used and names.column(table.name, c["value"]) not in (None, *table.columns)
        for c in filled
    )


_KINDS = {"n": "n", "s": "s", "str": "s", "inlineStr": "s", "d": "d", "b": "b", "e": "e"}


def _cell(raw: dict[str, Any], number_format: Any) -> Cell:
    value = raw["value"]
    kind = "empty" if value is None else _KINDS.get(raw["data_type"], "s")
    if kind == "s" and not isinstance(value, str):
        value = str(value)  # rich text and other oddities are read as their text
    fmt = number_format(raw["style_id"] or 0) if kind in ("n", "d") else "General"
    return Cell(raw["row"], raw["column"], value, kind, fmt, bool(raw.get("formula")))
