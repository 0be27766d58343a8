"""Text stays text in every spreadsheet the program writes (DESIGN.md section 5).

openpyxl turns a string that starts with ``=`` into a live formula; a note, a name or an audit
actor such as ``=HYPERLINK("http://…","คลิก")`` would then run in the clerk's Excel. Every writer
puts user text through :func:`put` (one cell) or :func:`append` (one row): a string is always
written as a string cell, and one that starts with ``=``, ``+``, ``-`` or ``@`` also gets Excel's
quote prefix, so that editing it in Excel keeps it text. The only formulas in the program's
workbooks are the ones it writes itself with :func:`formula`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported where a workbook is written, not at the app's start
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@")

# the cells holding the program's own formulas, per worksheet
_OWN: weakref.WeakKeyDictionary[Worksheet, set[str]] = weakref.WeakKeyDictionary()


def as_text(cell: Cell) -> Cell:
    """Make a cell that holds a string a string cell (never a formula)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True
    return cell


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value`` into one cell; a string stays a string whatever it starts with."""
    from openpyxl.cell import Cell

    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell)
    cell.value = value  # type: ignore[assignment]
    return as_text(cell)


def append(ws: Worksheet, values: Iterable[object]) -> None:
    """Append one row; its strings stay strings whatever they start with."""
    from openpyxl.cell import WriteOnlyCell

    ws.append([as_text(WriteOnlyCell(ws, value=v)) if isinstance(v, str) else v for v in values])


def formula(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    """One of the program's own formulas (e.g. ``=SUM(B2:B9)``)."""
    if not text.startswith("="):
        raise ValueError(f"not a formula: {text!r}")
    from openpyxl.cell import Cell

    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell)
    cell.value = text
    cell.data_type = "f"
    _OWN.setdefault(ws, set()).add(cell.coordinate)
    return cell


def row_of_text(ws: Worksheet, values: Iterable[object]) -> list[object]:
    """A row for a write-only sheet's ``append``: its strings as string cells."""
    from openpyxl.cell import WriteOnlyCell

    out: list[object] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, value=value)
            out.append(as_text(cell))
        else:
            out.append(value)
    return out


def text_only(wb: Workbook) -> None:
    """Make every string cell of a workbook a string cell, except the program's own formulas
    (:func:`formula`): the last step of every writer before it saves."""
    from openpyxl.cell import Cell

    for ws in wb.worksheets:
        own = _OWN.get(ws, set())
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, Cell) and cell.coordinate not in own:
                    as_text(cell)
