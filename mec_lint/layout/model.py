"""What the reader produces: plain, picklable data (no openpyxl objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Cell(NamedTuple):
    """One cell as stored: the (cached) value, its kind, number format and whether it is a formula.

    kind: "s" text, "n" number, "d" date/time, "b" boolean, "e" error value, "empty".
    Immutable and picklable; a named tuple because a 50,000-row layout creates hundreds of
    thousands of them (a frozen dataclass cost a third of the whole read).
    """

    row: int
    column: int
    value: CellValue
    kind: str
    number_format: str = "General"
    formula: bool = False

    @property
    def coordinate(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    @property
    def uncached(self) -> bool:
        """A formula whose value Excel never saved (files written by openpyxl, pandas…): LAY015."""
        return self.formula and self.value is None

    @property
    def blank(self) -> bool:
        """No value, or text made only of spaces."""
        value = self[2]  # self.value
        return value is None or (isinstance(value, str) and not value.strip())

    @property
    def shown(self) -> str:
        """The value as a message shows it (integral floats without '.0', dates as ISO)."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, bool):
            return "VERDADERO" if value else "FALSO"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if isinstance(value, dt.datetime):
            if value.time() == dt.time():
                return value.date().isoformat()
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        return str(value)


@dataclass(slots=True)
class Row:
    number: int
    cells: dict[str, Cell]  # canonical column name -> cell (only recognised columns)

    def get(self, column: str) -> Cell | None:
        return self.cells.get(column)

    def filled(self, column: str) -> Cell | None:
        """The cell of `column` when it holds a value."""
        cell = self.cells.get(column)
        return None if cell is None or cell.blank else cell


@dataclass
class Table:
    """One recognised sheet: where its header is, which columns it has, its data rows."""

    name: str  # canonical sheet name, e.g. CARRERAS
    title: str  # the sheet's title in the workbook
    header_row: int | None = None
    header_rows: dict[str, int] = field(default_factory=dict)  # column -> its header's row (2-row headers)
    columns: dict[str, int] = field(default_factory=dict)  # canonical column -> column index
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> header as written
    rows: list[Row] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    truncated_at: int | None = None  # row number where reading stopped because of a limit
    part: str = ""  # the sheet's part in the .xlsx (xl/worksheets/sheet3.xml)
    wide_at: int | None = None  # farthest column beyond Limits.max_workbook_columns (not read)

    def header_cell(self, column: str) -> str | None:
        index = self.columns.get(column)
        row = self.header_rows.get(column, self.header_row)
        if index is None or row is None:
            return None
        return f"{column_letter(index)}{row}"


@dataclass
class Layout:
    """A read workbook. `error` set: the file could not be read at all (message id, reason)."""

    path: str
    tables: dict[str, Table] = field(default_factory=dict)
    missing_sheets: list[str] = field(default_factory=list)
    error: tuple[str, str] | None = None
    error_part: str = ""  # the part of the .xlsx a limit stopped (error "part_size", …)
    sheet_titles: list[str] = field(default_factory=list)
    # canonical sheet -> titles of other sheets with the same name that were not read ("CARRERAS (2)")
    other_sheets: dict[str, list[str]] = field(default_factory=dict)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)

    def rows(self, sheet: str) -> list[Row]:
        table = self.tables.get(sheet)
        return table.rows if table is not None else []

    def title(self, sheet: str) -> str:
        table = self.tables.get(sheet)
        return table.title if table is not None else sheet

    @property
    def complete(self) -> bool:
        """Readable, with every required sheet and column."""
        return (
            self.error is None
            and not self.missing_sheets
            and not any(t.missing_columns for t in self.tables.values())
        )

    def describe(self) -> dict[str, Any]:
        return {
            name: {"title": t.title, "header_row": t.header_row, "rows": len(t.rows)}
            for name, t in self.tables.items()
        }
