"""The layout as certificate rules need it: lookups by id, typed values and where each value is.

Built once per process from `Config.layout_path` (Linter.__init__); plain picklable data. Loads are
cached per (file, mtime, size, aliases, limits) so several Linters in one process share one read.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mec_lint.config import Config
from mec_lint.layout.model import Cell, Layout, Row
from mec_lint.layout.report import coordinate

CAMPUS_WIDTH = 6  # default of LAY007.campus_digits (dec-3.0.md §5.8: every sample has 6 digits)
ENTIDAD_WIDTH = 2
COMPLEMENTARIA = "266"


@dataclass(frozen=True)
class Place:
    """One layout value and where it is: sheet title, row, cell coordinate."""

    sheet: str
    row: int
    cell: str
    text: str  # the value as a lookup key / as shown ("" when empty)
    number: Decimal | None = None
    date: dt.date | None = None


@dataclass
class Entry:
    """One row of a sheet: its values by canonical column."""

    sheet: str
    row: int
    places: dict[str, Place] = field(default_factory=dict)

    def text(self, column: str) -> str | None:
        place = self.places.get(column)
        return place.text if place is not None and place.text != "" else None

    def place(self, column: str) -> Place:
        found = self.places.get(column)
        return found if found is not None else Place(self.sheet, self.row, "", "")


@dataclass
class LayoutIndex:
    path: str
    institutions: dict[str, Entry] = field(default_factory=dict)
    campuses: dict[str, Entry] = field(default_factory=dict)
    carreras: dict[str, Entry] = field(default_factory=dict)
    subjects: dict[str, dict[str, Entry]] = field(default_factory=dict)  # carrera -> asignatura -> row
    subject_carreras: dict[str, list[str]] = field(default_factory=dict)  # asignatura -> carreras
    counted: dict[str, int] = field(default_factory=dict)  # carrera -> subjects that count (not 266)
    titles: dict[str, str] = field(default_factory=dict)  # canonical sheet -> title in the workbook
    headers: dict[tuple[str, str], Place] = field(default_factory=dict)  # (sheet, column) -> header cell
    campus_width: int = CAMPUS_WIDTH  # LAY007.campus_digits: digits a campus id keeps
    # ASIGNATURAS cells (ID_CARRERA, ID_ASIGNATURA, ID_TIPO_ASIGNATURA) holding a formula without a
    # cached value (LAY015): which subjects a carrera has is then unknown, so subject lookups and
    # counts are not trusted ("ASIGNATURAS!A2", …).
    uncached_subjects: list[str] = field(default_factory=list)
    campus_written: dict[str, str] = field(default_factory=dict)  # campus key -> id as in the workbook

    def campus_key(self, value: str) -> str:
        """A certificate's idCampus as a lookup key: digits padded like the layout's numeric cells."""
        text = value.strip()
        return text.zfill(self.campus_width) if text.isascii() and text.isdigit() else text

    def title(self, sheet: str) -> str:
        return self.titles.get(sheet, sheet)

    def column(self, sheet: str, column: str) -> Place:
        """Where a column's header is: the place named when a value is missing from the layout."""
        found = self.headers.get((sheet, column))
        return found if found is not None else Place(self.title(sheet), 0, "", "")

    @staticmethod
    def known(values: Any, limit: int = 10) -> str:
        items = sorted(values, key=lambda v: (len(v), v))
        shown = ", ".join(items[:limit])
        return shown + (f", … ({len(items)})" if len(items) > limit else "") if items else "(ninguno)"


@dataclass(frozen=True)
class LayoutProblem:
    """The --layout workbook cannot be used: message id and details (reported once per run)."""

    path: str
    message_id: str
    reason: str


def build_index(layout: Layout, campus_width: int = CAMPUS_WIDTH) -> LayoutIndex:
    from mec_lint.layout.values import key

    titles = {name: t.title for name, t in layout.tables.items()}
    index = LayoutIndex(layout.path, titles=titles, campus_width=campus_width)
    for name, table in layout.tables.items():
        for column in table.columns:
            cell = table.header_cell(column) or ""
            index.headers[(name, column)] = Place(table.title, table.header_row or 0, cell, "")
    for row in layout.rows("INSTITUCION"):
        _add(
            index.institutions,
            key(row.get("ID_INSTITUCION")),
            _entry(layout, "INSTITUCION", row, campus_width),
        )
    for row in layout.rows("CAMPUS"):
        campus = row.get("ID_CAMPUS")
        campus_key = key(campus, campus_width)
        _add(index.campuses, campus_key, _entry(layout, "CAMPUS", row, campus_width))
        if campus_key is not None and campus is not None:
            index.campus_written.setdefault(campus_key, campus.shown.strip())
    for row in layout.rows("CARRERAS"):
        _add(index.carreras, key(row.get("ID_CARRERA")), _entry(layout, "CARRERAS", row, campus_width))
    for row in layout.rows("ASIGNATURAS"):
        for column in ("ID_CARRERA", "ID_ASIGNATURA", "ID_TIPO_ASIGNATURA"):
            found = row.get(column)
            if found is not None and found.uncached:
                index.uncached_subjects.append(f"{index.title('ASIGNATURAS')}!{found.coordinate}")
        carrera, asignatura = key(row.get("ID_CARRERA")), key(row.get("ID_ASIGNATURA"))
        if carrera is None or asignatura is None:
            continue
        entries = index.subjects.setdefault(carrera, {})
        if asignatura in entries:
            continue
        entry = _entry(layout, "ASIGNATURAS", row, campus_width)
        entries[asignatura] = entry
        index.subject_carreras.setdefault(asignatura, []).append(carrera)
        if entry.text("ID_TIPO_ASIGNATURA") != COMPLEMENTARIA:
            index.counted[carrera] = index.counted.get(carrera, 0) + 1
    return index


def _add(target: dict[str, Entry], value: str | None, entry: Entry) -> None:
    if value is not None and value not in target:
        target[value] = entry  # the first row of a repeated id wins (LAY005 reports the repetition)


def _entry(layout: Layout, sheet: str, row: Row, campus_width: int = CAMPUS_WIDTH) -> Entry:
    from mec_lint.layout.values import date_value, decimal, key

    table = layout.tables[sheet]
    entry = Entry(table.title, row.number)
    widths = {"ID_CAMPUS": campus_width, "ID_ENTIDAD_FEDERATIVA": ENTIDAD_WIDTH}
    for column in table.columns:
        cell: Cell | None = row.get(column)
        text = key(cell, widths.get(column, 0)) if cell is not None else None
        number = decimal(cell) if cell is not None else None
        date = None
        if cell is not None and column.startswith("FECHA") and not cell.blank:
            parsed = date_value(cell)
            date = parsed if isinstance(parsed, dt.date) else None
        entry.places[column] = Place(
            table.title, row.number, coordinate(layout, sheet, row, column), text or "", number, date
        )
    return entry


_CACHE: dict[tuple[Any, ...], tuple[LayoutIndex | None, LayoutProblem | None]] = {}


def load_index(config: Config) -> tuple[LayoutIndex | None, LayoutProblem | None]:
    """The index of `config.layout_path`, or the problem that makes it unusable."""
    from mec_lint.layout.reader import read_layout_file

    path = config.layout_path or ""
    try:
        stat = os.stat(path)
        stamp: tuple[Any, ...] = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = ()
    aliases = tuple(
        sorted((k, tuple(v) if not isinstance(v, str) else (v,)) for k, v in config.header_aliases.items())
    )
    width = campus_digits(config)
    cache_key = (os.path.abspath(path), stamp, aliases, config.limits, width)
    if stamp and cache_key in _CACHE:
        return _CACHE[cache_key]
    layout = read_layout_file(path, config)
    result: tuple[LayoutIndex | None, LayoutProblem | None]
    if layout.error is not None:
        reason = f"{layout.error_part}: {layout.error[1]}" if layout.error_part else layout.error[1]
        result = (None, LayoutProblem(path, layout.error[0], reason))
    elif not layout.complete:
        missing = list(layout.missing_sheets)
        missing += [f"{t.title}.{c}" for t in layout.tables.values() for c in t.missing_columns]
        result = (None, LayoutProblem(path, "incomplete", ", ".join(missing)))
    else:
        index = build_index(layout, width)
        problem = None
        if index.uncached_subjects:  # usable, but its subjects are not all known: said once
            cells = ", ".join(index.uncached_subjects[:5]) + (
                " …" if len(index.uncached_subjects) > 5 else ""
            )
            problem = LayoutProblem(path, "formulas", cells)
        result = (index, problem)
    if stamp:
        _CACHE[cache_key] = result
    return result


def campus_digits(config: Config) -> int:
    """LAY007.campus_digits from the configuration (the default when unset or not sensible)."""
    value = config.rule_options.get("LAY007", {}).get("campus_digits", CAMPUS_WIDTH)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else CAMPUS_WIDTH


def forget(path: str) -> None:
    """Drop the cached index of `path` (the web page's uploaded layout is deleted after its run)."""
    absolute = os.path.abspath(path)
    for key in [key for key in _CACHE if key[0] == absolute]:
        del _CACHE[key]
