"""The reports' one table: wrapped Thai cells, status colours, a header repeated on every page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.platypus import (
    Flowable,
)

from reports import thai
from reports.pdf.style import (
    INK,
    LIGHT,
    NAVY,
    RULE,
    STATUS_FILL,
    STATUS_INK,
    ZEBRA,
    ascent,
    descent,
    wrap_lines,
)
from reports.thai import Align

# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: its title, its share of the width and how its cells align."""

    title: str
    width: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Row:
    """A table row; ``status`` colours it as the app does (winner, tie, eligible, ineligible)."""

    cells: tuple[str, ...]
    status: str | None = None
    bold: bool = False
    fill: Color | None = None
    ink: Color | None = None

    @staticmethod
    def of(*cells: object, **style: Any) -> Row:
        return Row(tuple("" if c is None else str(c) for c in cells), **style)


@dataclass
class _Laid:
    """A row wrapped to the column widths."""

    row: Row
    lines: list[list[str]]
    height: float
    sizes: list[float] | None = None  # a cell's own font size, when a word had to be set smaller


@dataclass(frozen=True)
class TableStyle:
    size: float = 9.0
    header_size: float = 9.0
    pad_x: float = 3.5
    pad_y: float = 2.5
    zebra: bool = True
    header_fill: Color = NAVY
    header_ink: Color = white

    @property
    def leading(self) -> float:
        return self.size * 1.32


class Table(Flowable):  # type: ignore[misc]
    """The reports' one table: Thai text wrapped in its cells, the header row repeated on every
    page, rows coloured by status. A row taller than the space left on an empty page is split
    between its lines."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        style: TableStyle | None = None,
        repeat_header: bool = True,
        continued: bool = False,
    ):
        super().__init__()
        self.columns = list(columns)
        self.rows = list(rows)
        self.tstyle = style or TableStyle()
        self.repeat_header = repeat_header
        self.continued = continued
        self.spaceBefore = 2
        self.spaceAfter = 8
        self._widths: list[float] = []
        self._header: _Laid | None = None
        self._laid: list[_Laid] = []
        self._laid_for = -1.0

    # layout
    def _layout(self, avail_width: float) -> None:
        if self._laid_for == avail_width:
            return
        total = sum(c.width for c in self.columns) or 1.0
        self._widths = [avail_width * c.width / total for c in self.columns]
        header_row = Row(tuple(c.title for c in self.columns), bold=True)
        self._header = self._lay(header_row, self.tstyle.header_size)
        self._laid = [self._lay(r, self.tstyle.size) for r in self.rows]
        self._laid_for = avail_width

    def _lay(self, row: Row, size: float) -> _Laid:
        """Wrap each cell; a cell with a word (a name) wider than its column is set smaller,
        down to 4/5 of the size, rather than cut inside the word."""
        font = thai.font("bold" if row.bold else "regular")
        lines: list[list[str]] = []
        sizes: list[float] = []
        for text, w in zip(row.cells, self._widths, strict=False):
            room = w - 2 * self.tstyle.pad_x
            cell_size = size
            cell = wrap_lines(text, font, size, room) if text else []
            if len(cell) > 1:
                widest = thai.widest_word(text, font, size)
                if widest > room:
                    cell_size = max(size * 0.8, math.floor(size * room / widest * 10) / 10)
                    cell = wrap_lines(text, font, cell_size, room)
            lines.append(cell)
            sizes.append(cell_size)
        height = max(
            (self._row_height(len(x), s) for x, s in zip(lines, sizes, strict=True)),
            default=self._row_height(1, size),
        )
        return _Laid(row, lines, height, sizes if any(s != size for s in sizes) else None)

    def _row_height(self, n: int, size: float) -> float:
        n = max(n, 1)
        lead = size * 1.32
        return 2 * self.tstyle.pad_y + ascent(size) + descent(size) + (n - 1) * lead

    def _header_height(self) -> float:
        return self._header.height if self._header and self.repeat_header else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._layout(avail_width)
        height = self._header_height() + sum(r.height for r in self._laid)
        self._size = (avail_width, height)
        return self._size

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._layout(avail_width)
        room = avail_height - self._header_height()
        used = 0.0
        fits = 0
        for laid in self._laid:
            if used + laid.height > room:
                break
            used += laid.height
            fits += 1
        if fits >= len(self._laid):
            return [self]
        if fits == 0:
            return self._split_row(room)
        if len(self._laid) - fits == 1 and fits > 2:
            fits -= 1  # no single row left alone on the next page
        return [self._part(self.rows[:fits]), self._part(self.rows[fits:], continued=True)]

    def _split_row(self, room: float) -> list[Flowable]:
        """Split the first row between its lines when it is tall (more than 4 lines) and at
        least 2 lines fit; otherwise let it go to the next page whole."""
        first = self._laid[0]
        lines = max((len(x) for x in first.lines), default=1)
        size = self.tstyle.size
        fit = 0
        while fit < lines and self._row_height(fit + 1, size) <= room:
            fit += 1
        if lines <= 4 or fit < 2:
            return []
        head = Row(tuple("\n".join(c[:fit]) for c in first.lines), **_style_of(first.row))
        tail = Row(tuple("\n".join(c[fit:]) for c in first.lines), **_style_of(first.row))
        return [self._part([head]), self._part([tail, *self.rows[1:]], continued=True)]

    def _part(self, rows: Sequence[Row], continued: bool = False) -> Table:
        part = Table(
            self.columns,
            rows,
            style=self.tstyle,
            repeat_header=self.repeat_header,
            continued=continued,
        )
        part.spaceBefore = 0 if continued else self.spaceBefore
        part.spaceAfter = self.spaceAfter if continued else 0
        return part

    # drawing
    def draw(self) -> None:
        c = self.canv
        width, height = self._size
        y = height
        if self._header is not None and self.repeat_header:
            y = self._draw_row(self._header, y, header=True, index=0)
        for index, laid in enumerate(self._laid):
            y = self._draw_row(laid, y, header=False, index=index)
        c.setStrokeColor(LIGHT)
        c.setLineWidth(0.6)
        c.rect(0, 0, width, height, stroke=1, fill=0)
        x = 0.0
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        for w in self._widths[:-1]:
            x += w
            c.line(x, 0, x, height - self._header_height())

    def _draw_row(self, laid: _Laid, top: float, *, header: bool, index: int) -> float:
        c = self.canv
        st = self.tstyle
        row = laid.row
        bottom = top - laid.height
        width = sum(self._widths)
        fill: Color | None
        if header:
            fill, ink, size = st.header_fill, st.header_ink, st.header_size
        else:
            fill = row.fill or (STATUS_FILL.get(row.status) if row.status else None)
            if fill is None and st.zebra and index % 2 == 1:
                fill = ZEBRA
            ink = row.ink or (STATUS_INK.get(row.status, INK) if row.status else INK)
            size = st.size
        if fill is not None:
            c.setFillColor(fill)
            c.rect(0, bottom, width, laid.height, stroke=0, fill=1)
        if not header:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.line(0, bottom, width, bottom)
        font = thai.font("bold" if row.bold or header else "regular")
        c.setFillColor(ink)
        x = 0.0
        lead = size * 1.32
        sizes = laid.sizes or [size] * len(laid.lines)
        for col, w, lines, cell_size in zip(
            self.columns, self._widths, laid.lines, sizes, strict=False
        ):
            align = "centre" if header else col.align
            if align == "left":
                tx = x + st.pad_x
            elif align == "right":
                tx = x + w - st.pad_x
            else:
                tx = x + w / 2
            baseline = top - st.pad_y - ascent(cell_size)
            lead = cell_size * 1.32
            thai.draw_lines(c, lines, tx, baseline, font, cell_size, lead, align)
            x += w
        return bottom


def _style_of(row: Row) -> dict[str, Any]:
    return {"status": row.status, "bold": row.bold, "fill": row.fill, "ink": row.ink}
