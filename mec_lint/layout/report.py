"""Small helpers shared by the layout rule modules: where a cell is, and reporting on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mec_lint.findings import Finding
from mec_lint.layout.model import Cell, Layout, Row, column_letter
from mec_lint.rule import Rule

if TYPE_CHECKING:
    from mec_lint.context import Context


def coordinate(layout: Layout, sheet: str, row: Row, column: str) -> str:
    """The coordinate of `column` in `row`, also when the cell is absent (empty)."""
    cell = row.get(column)
    if cell is not None:
        return cell.coordinate
    table = layout.tables[sheet]
    return f"{column_letter(table.columns.get(column, 1))}{row.number}"


def report_cell(
    ctx: Context,
    rule: Rule,
    message_id: str,
    layout: Layout,
    sheet: str,
    row: Row,
    column: str,
    *,
    value: Any = None,
    expected: Any = None,
    cell: Cell | None = None,
    **data: Any,
) -> Finding:
    """A finding on one cell: sheet (as titled in the workbook), row, coordinate, column name."""
    cell = cell if cell is not None else row.get(column)
    shown = value if value is not None else (cell.shown if cell is not None else "")
    return ctx.report(
        rule,
        message_id,
        attribute=column,
        value=shown,
        expected=expected,
        sheet=layout.title(sheet),
        row=row.number,
        cell=coordinate(layout, sheet, row, column),
        **data,
    )


def report_against(
    ctx: Context,
    rule: Rule,
    message_id: str,
    element: Any,
    attribute: str | None,
    value: Any,
    place: Any,
    *,
    expected: Any = None,
    **data: Any,
) -> Finding:
    """A certificate finding that names both places: the XML attribute and the layout cell."""
    where = f"{place.sheet}!{place.cell}" if getattr(place, "cell", "") else getattr(place, "sheet", "")
    return ctx.report(
        rule,
        message_id,
        element,
        attribute=attribute,
        value=value,
        expected=expected if expected is not None else ((place.text or None) if place is not None else None),
        sheet=getattr(place, "sheet", None),
        row=getattr(place, "row", None) or None,
        cell=getattr(place, "cell", None) or None,
        where=where,
        **data,
    )
