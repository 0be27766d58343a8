"""Writing the sheets of the Excel exports (reports/excel.py, reports/excel_budget.py): one
table per sheet with a bold shaded Thai header row frozen below, an auto-filter, number formats
(``#,##0`` for baht, ``0.00`` for scores), tambon codes as text, column widths fitted to the Thai
text; totals rows of ``=SUM`` formulas with the program's own totals under them; and the last
step before saving (:func:`save`: text stays text, A4 print set-up, named fonts)."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from evaluator import files, spreadsheet
from evaluator.scoring.labels import STATUS_LABELS
from reports.thai_format import thai_date, thai_day

Kind = Literal["text", "code", "int", "baht", "score", "ratio"]

FORMATS: dict[Kind, str] = {
    "text": "General",
    "code": "@",
    "int": "#,##0",
    "baht": "#,##0",
    "score": "0.00",
    "ratio": "0.0000",
}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
CHECK_FILL = PatternFill("solid", fgColor="FFF2CC")
# Status colours and labels from the one table (evaluator.scoring.labels); eligible stays plain.
STATUS_FILL = {
    code: PatternFill("solid", fgColor=label.fill.removeprefix("#"))
    for code, label in STATUS_LABELS.items()
    if label.fill
}
STATUS_FONT = {
    code: Font(color=label.ink.removeprefix("#"))
    for code, label in STATUS_LABELS.items()
    if label.fill
}
THIN = Side(style="thin", color="BFBFBF")
MAX_WIDTH = 60.0
WRAP_WIDTH = 45.0
STATUS_THAI = {code: label.title for code, label in STATUS_LABELS.items()}
SHEET_STATUS_THAI = {"draft": "ร่าง", "submitted": "ส่งแล้ว", "locked": "ส่งแล้ว"}
SHEET_STATE_THAI = {"draft": "ร่าง", "submitted": "ส่งแล้ว", "locked": "ปิดผลแล้ว (ล็อก)"}


@dataclass(frozen=True)
class XCol:
    """A column of an exported sheet: its Thai header and the kind of values it holds."""

    header: str
    kind: Kind = "text"
    wrap: bool = False
    width: float | None = None
    """The column's width in characters, when its header is long: the header wraps within it
    (on word boundaries: keep it at least as wide as the header's longest word); values wider
    than it widen it, except in a wrapped column, whose text wraps within it instead."""


Cell = str | int | float | None


@dataclass(frozen=True)
class Written:
    path: Path
    sheets: tuple[str, ...]
    rows: int


# --- sheet writing ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=100_000)
def display_width(text: str) -> float:
    """How many character widths a text takes in a cell: Thai vowels and tone marks above or
    below a letter take none, wide characters two."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0
    return width


def _shown(value: Cell, kind: Kind) -> str:
    if value is None:
        return ""
    if kind in ("int", "baht") and isinstance(value, int | float):
        return f"{value:,.0f}"
    if kind == "score" and isinstance(value, int | float):
        return f"{value:.2f}"
    if kind == "ratio" and isinstance(value, int | float):
        return f"{value:.4f}"
    return str(value)


def fit_widths(ws: Worksheet, columns: Sequence[XCol], rows: Iterable[Sequence[Cell]]) -> None:
    """Set each column's width to its widest content (header included, unless the column
    gives its own width for a long header to wrap in), within limits."""
    widest = [display_width(c.header) if c.width is None else 0.0 for c in columns]
    kinds = [c.kind for c in columns]
    for row in rows:
        for i, value in enumerate(row[: len(columns)]):
            if value is None or value == "":
                continue
            text = _shown(value, kinds[i])
            width = (
                max(display_width(part) for part in text.split("\n"))
                if "\n" in text
                else display_width(text)
            )
            if width > widest[i]:
                widest[i] = width
    for i, col in enumerate(columns):
        fitted = widest[i] * 1.15 + 2.5
        if col.width is not None:
            fitted = col.width if col.wrap else max(fitted, col.width)
        limit = WRAP_WIDTH if col.wrap else MAX_WIDTH
        ws.column_dimensions[get_column_letter(i + 1)].width = round(
            min(max(fitted, 7.0), limit), 1
        )


def write_table(
    ws: Worksheet,
    columns: Sequence[XCol],
    rows: Sequence[Sequence[Cell]],
    *,
    styles: Sequence[str | None] | None = None,
) -> None:
    """A header row and data rows: bold shaded header, frozen below it, auto-filter, number
    formats, fitted widths; ``styles`` gives each row's status (winner, tie, …) for its
    colours."""
    spreadsheet.append(ws, [c.header for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(bottom=THIN)
    for values in rows:
        spreadsheet.append(ws, values)  # a name or note starting with "=" stays text
    last_row = len(rows) + 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, col in enumerate(columns, start=1):
        if col.kind == "text" and not col.wrap:
            continue  # General, the default
        number_format = FORMATS[col.kind]
        for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=c, max_col=c):
            cell.number_format = number_format
            if col.wrap:
                cell.alignment = wrap
    if styles:
        for r, status in enumerate(styles, start=2):
            if status in STATUS_FILL:
                for cell in ws[r]:
                    cell.fill = STATUS_FILL[status]
                    cell.font = STATUS_FONT[status]
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(last_row, 2)}"
    fit_widths(ws, columns, rows)
    fit_heights(ws, columns, rows)


LINE_HEIGHT = 16.0
"""Points a line of wrapped text takes in a row (Sarabun, 11 points)."""


def text_lines(text: str, room: float) -> int:
    """How many lines ``text`` takes wrapped in ``room`` characters, its own line breaks kept
    (the room is counted short enough that words ending before the line does still fit)."""
    return sum(max(1, math.ceil(display_width(part) / room)) for part in text.split("\n"))


def fit_heights(ws: Worksheet, columns: Sequence[XCol], rows: Sequence[Sequence[Cell]]) -> None:
    """Make the header row and every row with wrapped text as tall as their lines: LibreOffice
    and Excel show a row at the height the file gives (one line when none is given), so wrapped
    text would be cut in print. Rows of one line keep no height of their own."""
    # a column's width is in characters of the default font; LibreOffice sets about 1.15 Thai
    # letters of Sarabun in each (33 in a column 28 wide): counted as one
    room = [
        max(1.0, ws.column_dimensions[get_column_letter(i)].width or 8.43)
        for i in range(1, len(columns) + 1)
    ]
    heads = max(text_lines(c.header, room[i]) for i, c in enumerate(columns))
    if heads > 1:
        ws.row_dimensions[1].height = LINE_HEIGHT * heads + 4
    wrapped = [i for i, c in enumerate(columns) if c.wrap]
    for r, values in enumerate(rows, start=2):
        lines = max(
            (text_lines(str(values[i]), room[i]) for i in wrapped if i < len(values) and values[i]),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
            for c, cell in enumerate(ws[r]):  # every value at the top, beside the first line
                wrap = c < len(columns) and columns[c].wrap
                cell.alignment = Alignment(
                    horizontal=cell.alignment.horizontal, vertical="top", wrap_text=wrap
                )


def add_totals(
    ws: Worksheet,
    columns: Sequence[XCol],
    first_row: int,
    last_row: int,
    totals: dict[int, int | float],
    *,
    label_column: int = 1,
    label: str = "รวม",
) -> tuple[int, int]:
    """Below the data (after one blank row): a row of ``=SUM`` formulas for the columns in
    ``totals`` (1-based), then a row with the totals the program computed, labelled as such.
    Returns the two rows' numbers."""
    formula_row = last_row + 2
    check_row = formula_row + 1
    ws.cell(row=formula_row, column=label_column, value=label).font = Font(bold=True)
    ws.cell(
        row=check_row,
        column=label_column,
        value="ยอดรวมที่โปรแกรมคำนวณ (ใช้ตรวจสอบสูตรในแถวบน)",
    ).font = Font(italic=True)
    for column, value in totals.items():
        letter = get_column_letter(column)
        if last_row >= first_row:
            formula = spreadsheet.formula(
                ws, formula_row, column, f"=SUM({letter}{first_row}:{letter}{last_row})"
            )
        else:
            formula = ws.cell(row=formula_row, column=column, value=0)
        formula.font = Font(bold=True)
        check = ws.cell(row=check_row, column=column, value=value)
        check.font = Font(italic=True)
        kind = columns[column - 1].kind if column - 1 < len(columns) else "int"
        formula.number_format = check.number_format = FORMATS[kind]
    for c in range(1, len(columns) + 1):
        ws.cell(row=formula_row, column=c).fill = TOTAL_FILL
        ws.cell(row=check_row, column=c).fill = CHECK_FILL
    width = ws.column_dimensions[get_column_letter(label_column)].width or 10
    needed = display_width("ยอดรวมที่โปรแกรมคำนวณ (ใช้ตรวจสอบสูตรในแถวบน)") * 1.15 + 2.5
    if needed > width:  # wrapped, the row as tall as its lines (no fixed height to clip them)
        ws.cell(row=check_row, column=label_column).alignment = Alignment(wrap_text=True)
    return formula_row, check_row


def write_facts(ws: Worksheet, facts: Sequence[tuple[str, Cell]]) -> None:
    """A two-column sheet of facts (what, value)."""
    columns = [XCol("รายการ"), XCol("ข้อมูล", wrap=True)]
    write_table(ws, columns, [list(f) for f in facts])


def sheet_title(text: str) -> str:
    """A valid worksheet name (31 characters, none of ``[]:*?/\\``)."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in text).strip("'")
    return cleaned[:31] or "Sheet"


def save(wb: Workbook, path: Path) -> None:
    """Write the workbook to ``path`` through a temporary file (never a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = files.temporary_beside(path)
    # text stays text (only the program's own formulas are formulas); every sheet prints on A4
    # fitted to its width with its header row on every page; every font named
    spreadsheet.finish(wb)
    try:
        wb.save(tmp)
        files.replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    return wb


def today(issued_on: date | None) -> str:
    return thai_date(issued_on or thai_day(None), digits=False)
