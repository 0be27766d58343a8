"""Text stays text in every spreadsheet the program writes (DESIGN.md section 5).

openpyxl turns a string that starts with ``=`` into a live formula; a note, a name or an audit
actor such as ``=HYPERLINK("http://…","คลิก")`` would then run in the clerk's Excel. Every writer
puts user text through :func:`put` (one cell) or :func:`append` (one row): a string is always
written as a string cell, and one that starts with ``=``, ``+``, ``-`` or ``@`` also gets Excel's
quote prefix, so that editing it in Excel keeps it text. The only formulas in the program's
workbooks are the ones it writes itself with :func:`formula`.

Every workbook also prints well (:func:`finish`, the last step of every writer): each sheet on
A4, landscape when its columns are wide, fitted to the page's width, its header rows repeated on
every printed page, page numbers in the footer; every font named (:data:`THAI_FONT`, so that no
cell falls back to a serif font); dates in Thai cells as Thai dates (:func:`thai_datetime`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from copy import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from evaluator.i18n import THAI_MONTHS_FULL as MONTHS

if TYPE_CHECKING:  # openpyxl is imported where a workbook is written, not at the app's start
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

THAI_FONT = "Sarabun"
"""The one font of every workbook (the PDFs' font; Thai and Latin letters)."""
THAI_FONT_SIZE = 11
PORTRAIT_WIDTH = 95.0
"""Column widths (in characters) that fit across a portrait A4 page at a readable scale; a sheet
wider than this prints landscape."""
THAILAND = timezone(timedelta(hours=7))

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


# --- printing ----------------------------------------------------------------------------------

_HEADER_ROWS: weakref.WeakKeyDictionary[Worksheet, int] = weakref.WeakKeyDictionary()


def header_rows(ws: Worksheet, rows: int) -> None:
    """The rows at the top of ``ws`` repeated on every printed page (1 unless told; 0: none)."""
    _HEADER_ROWS[ws] = rows


def thai_datetime(moment: datetime) -> str:
    """A moment as a Thai reader writes it, in Thailand's time: ``1 ธันวาคม พ.ศ. 2569 เวลา
    23:35 น.`` (a naive moment is taken as UTC, as the database stores them)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(THAILAND)
    return f"{local.day} {MONTHS[local.month - 1]} พ.ศ. {local.year + 543} เวลา {local:%H:%M} น."


def sheet_width(ws: Worksheet) -> float:
    """The width of a sheet's used columns, in characters (default width 8.43 when unset)."""
    from openpyxl.utils import get_column_letter

    total = 0.0
    for col in range(1, (ws.max_column or 1) + 1):
        dim = ws.column_dimensions.get(get_column_letter(col))
        if dim is not None and dim.hidden:
            continue
        total += float(dim.width) if dim is not None and dim.width else 8.43
    return total


def page_setup(ws: Worksheet, *, rows: int | None = None) -> None:
    """A4, landscape when wide, fitted to the page's width (as many pages down as needed), the
    header rows repeated on every page, page numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet_width(ws) > PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    properties: Any = ws.sheet_properties
    if properties.pageSetUpPr is None:
        properties.pageSetUpPr = PageSetupProperties()
    properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    repeat = _HEADER_ROWS.get(ws, 1) if rows is None else rows
    if repeat and (ws.max_row or 0) > repeat:
        ws.print_title_rows = f"1:{repeat}"
    footer: Any = ws.oddFooter
    footer.center.text = "&P / &N"
    footer.center.font = THAI_FONT
    footer.right.text = "&A"
    footer.right.font = THAI_FONT


def name_fonts(wb: Workbook) -> None:
    """Give every font of the workbook a name: the default one and any made with ``Font(bold=
    True)`` and the like (no name, which LibreOffice shows in a serif font) become
    :data:`THAI_FONT`."""
    from openpyxl.utils.indexed_list import IndexedList

    book: Any = wb  # the workbook's font table (openpyxl keeps it private; no public way)
    fonts: list[Any] = []
    for index, font in enumerate(book._fonts):
        named = copy(font)
        if index == 0 or not font.name or font.name == "Calibri":
            named.name = THAI_FONT
            if index == 0:
                named.sz = THAI_FONT_SIZE
        fonts.append(named)
    book._fonts = IndexedList(fonts)


def finish(wb: Workbook) -> None:
    """The last step of every writer before it saves: text stays text (:func:`text_only`),
    every sheet prints well (:func:`page_setup`), every font is named (:func:`name_fonts`)."""
    text_only(wb)
    for ws in wb.worksheets:
        page_setup(ws)
    name_fonts(wb)
