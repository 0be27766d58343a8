"""The page template and the drawing pieces the reports share (summary, executive, tambon).

Built on reportlab's platypus (frames, page templates, page breaks) with flowables of our own
that draw every string through :mod:`reports.thai` (shaped, wrapped at Thai word boundaries,
extractable exactly as drawn):

* :class:`Para` and :func:`heading` — paragraphs and headings (headings go to the PDF outline);
* :class:`Table` — the one table renderer: wrapped cells, status colours, a header repeated
  on every page the table runs over, rows split across pages only when one is very tall;
* :class:`BarChart` — a bar chart per zone drawn with ``reportlab.graphics`` with no labels of
  its own; its labels are drawn afterwards with the Thai engine;
* :class:`KeyFigures`, :class:`PhotoGrid`, :class:`Note` — boxes of figures, photos scaled to
  fit, a shaded note;
* :func:`build_pdf` — A4 portrait pages (landscape ones on request) with the contest's title
  and the document's in the header and the date (Buddhist era) and ``หน้า ๑ / ๓`` in the footer.

Numbers: Thai numerals in running text, headers, footers and dates, as the department writes
them; Arabic numerals in tables and charts of figures (scores, codes, amounts), where columns
of digits are read and compared.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps
from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from reports import thai
from reports.thai import Align
from reports.thai_format import thai_digits

__all__ = [
    "CondPageBreak",
    "NextPageTemplate",
    "PageBreak",
    "Spacer",
]

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 42.0
MARGIN_TOP = 64.0
MARGIN_BOTTOM = 54.0

ISSUER = "กรมการพัฒนาชุมชน"

INK = HexColor("#222222")
GREY = HexColor("#666666")
LIGHT = HexColor("#BBBBBB")
RULE = HexColor("#D5D9E0")
NAVY = HexColor("#1B2F5B")
GOLD = HexColor("#B08D2B")
ZEBRA = HexColor("#F5F7FA")
NOTE_FILL = HexColor("#EEF3FB")
DRAFT_FILL = HexColor("#FDECEA")
DRAFT_RED = HexColor("#B22222")
CHART_BLUE = HexColor("#4C78A8")
SUBMITTED_GREEN = HexColor("#2E8B57")  # the dashboard's "submitted" colour

# The ranking view's status colours (ui/views/rankings.py): winner green, tie amber,
# eligible plain, ineligible grey.
STATUS_FILL: dict[str, Color | None] = {
    "winner": HexColor("#CDECCF"),
    "tie": HexColor("#FFE3A3"),
    "eligible": None,
    "ineligible": HexColor("#EEEEEE"),
}
STATUS_INK: dict[str, Color] = {
    "winner": HexColor("#145A2B"),
    "tie": HexColor("#7A4B00"),
    "eligible": INK,
    "ineligible": HexColor("#777777"),
}
STATUS_CHART: dict[str, Color] = {
    "winner": HexColor("#2E8B57"),
    "tie": HexColor("#E0A100"),
    "eligible": CHART_BLUE,
    "ineligible": HexColor("#B0B0B0"),
}
STATUS_SHORT = {
    "winner": "ได้รับรางวัล",
    "tie": "คะแนนเท่ากัน รอคณะกรรมการตัดสิน",
    "eligible": "มีสิทธิ์",
    "ineligible": "ไม่มีสิทธิ์",
}


# --- numbers ---------------------------------------------------------------------------------


def fmt_score(value: float | None, digits: int = 2) -> str:
    """A score as tables show it (``82.13``; ``–`` when there is none)."""
    if value is None or not math.isfinite(value):
        return "–"
    from evaluator.scoring.model import round2

    return f"{round2(value):.2f}" if digits == 2 else f"{value:.{digits}f}"


def fmt_int(value: int) -> str:
    """A whole number with thousands separators (``1,000``)."""
    return f"{value:,}"


def thai_int(value: int) -> str:
    """A whole number for running text: Thai numerals with separators (``๑,๐๐๐``)."""
    return thai_digits(f"{value:,}")


# --- text ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextStyle:
    weight: str = "regular"
    size: float = 11.0
    leading: float | None = None
    colour: Color = INK
    align: Align = "left"
    space_before: float = 0.0
    space_after: float = 4.0
    indent: float = 0.0

    @property
    def line_height(self) -> float:
        return self.leading if self.leading is not None else self.size * 1.4


BODY = TextStyle()
BODY_CENTRED = TextStyle(align="centre")
SMALL = TextStyle(size=9.5, colour=GREY, space_after=3)
TITLE = TextStyle("bold", 20, colour=NAVY, align="centre", space_after=6)
SUBTITLE = TextStyle("semibold", 14, colour=INK, align="centre", space_after=4)
H1 = TextStyle("bold", 15, colour=NAVY, space_before=10, space_after=6)
H2 = TextStyle("bold", 12.5, colour=NAVY, space_before=8, space_after=4)
H3 = TextStyle("semibold", 11.5, colour=INK, space_before=6, space_after=3)


def wrap_lines(text: str, font: thai.ThaiFont, size: float, width: float) -> list[str]:
    """``text`` cut into lines of at most ``width`` points at Thai word boundaries."""
    if "\n" not in text and font.width(text, size) <= width:
        return [text]
    return thai.wrap(text, font, size, max(width, size))


def ascent(size: float) -> float:
    """Where the first baseline sits below the top of a text block: room for stacked marks."""
    return size * 1.08


def descent(size: float) -> float:
    """Room below the last baseline for descending vowels (ฤ, ญ with ู)."""
    return size * 0.34


KEEP_WITH_NEXT = 80.0
"""Room a heading wants below it for what follows; with less left it starts a new page."""


class Para(Flowable):  # type: ignore[misc]
    """A paragraph of Thai text wrapped to the frame's width; long ones split across pages.

    With ``keep_with_next`` it is not left alone at the foot of a page: it goes to the next one
    when less than :data:`KEEP_WITH_NEXT` points would be left below it. (Platypus's own
    ``keepWithNext`` moves the next flowable along too, and with a table longer than a page
    that leaves a blank page behind.)
    """

    def __init__(self, text: str, style: TextStyle = BODY, *, keep_with_next: bool = False):
        super().__init__()
        self.text = text
        self.style = style
        self.reserve = KEEP_WITH_NEXT if keep_with_next else 0.0
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._lines: list[str] = []
        self._width = 0.0

    def _font(self) -> thai.ThaiFont:
        return thai.font(self.style.weight)

    def _height(self, n: int) -> float:
        st = self.style
        return ascent(st.size) + descent(st.size) + max(0, n - 1) * st.line_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        inner = avail_width - self.style.indent
        self._lines = wrap_lines(self.text, self._font(), self.style.size, inner)
        height = self._height(len(self._lines))
        if self.reserve and height + self.reserve > avail_height:
            return avail_width, avail_height + 1  # does not fit: on to the next page
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.reserve:
            return []
        fits = 0
        while fits < len(self._lines) and self._height(fits + 1) <= avail_height:
            fits += 1
        if fits < 2 or fits >= len(self._lines):
            return []
        head = _ParaLines(self._lines[:fits], self.style, after=0.0)
        tail = _ParaLines(self._lines[fits:], self.style, before=0.0)
        return [head, tail]

    def draw(self) -> None:
        _draw_block(self.canv, self._lines, self.style, self._width, self._height(len(self._lines)))


class _ParaLines(Para):
    """A part of a split paragraph: lines already cut."""

    def __init__(
        self,
        lines: list[str],
        style: TextStyle,
        *,
        before: float | None = None,
        after: float | None = None,
    ):
        super().__init__("\n".join(lines), style)
        self._fixed = lines
        if before is not None:
            self.spaceBefore = before
        if after is not None:
            self.spaceAfter = after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        self._lines = list(self._fixed)
        return avail_width, self._height(len(self._lines))


def _draw_block(
    canv: Any, lines: Sequence[str], st: TextStyle, width: float, height: float
) -> None:
    font = thai.font(st.weight)
    canv.setFillColor(st.colour)
    x = st.indent
    if st.align == "centre":
        x = st.indent + (width - st.indent) / 2
    elif st.align == "right":
        x = width
    thai.draw_lines(
        canv, lines, x, height - ascent(st.size), font, st.size, st.line_height, st.align
    )


class Heading(Para):
    """A heading: kept with what follows, and an entry in the PDF's outline."""

    _count = 0

    def __init__(self, text: str, style: TextStyle, level: int, outline: str | None = None):
        super().__init__(text, style, keep_with_next=True)
        self.level = level
        self.outline = outline if outline is not None else text
        Heading._count += 1
        self.key = f"h{Heading._count}"

    def draw(self) -> None:
        super().draw()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.outline, self.key, level=self.level, closed=self.level > 0)


def heading(text: str, level: int = 0, *, outline: str | None = None) -> Heading:
    """A heading of level 0 (chapter), 1 (section) or 2 (sub-section)."""
    return Heading(text, (H1, H2, H3)[min(level, 2)], level, outline)


class Note(Flowable):  # type: ignore[misc]
    """A shaded box of text lines (a remark, a warning)."""

    def __init__(
        self,
        text: str,
        *,
        fill: Color = NOTE_FILL,
        edge: Color = CHART_BLUE,
        style: TextStyle = BODY,
    ):
        super().__init__()
        self.text = text
        self.fill = fill
        self.edge = edge
        self.style = replace(style, space_after=0, space_before=0)
        self.spaceBefore = 4
        self.spaceAfter = 8
        self._lines: list[str] = []
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        st = self.style
        self._lines = wrap_lines(self.text, thai.font(st.weight), st.size, avail_width - 20)
        height = ascent(st.size) + descent(st.size) + (len(self._lines) - 1) * st.line_height + 12
        self._size = (avail_width, height)
        return self._size

    def draw(self) -> None:
        width, height = self._size
        c = self.canv
        c.setFillColor(self.fill)
        c.setStrokeColor(self.fill)
        c.rect(0, 0, width, height, stroke=0, fill=1)
        c.setFillColor(self.edge)
        c.rect(0, 0, 3, height, stroke=0, fill=1)
        c.setFillColor(self.style.colour)
        font = thai.font(self.style.weight)
        thai.draw_lines(
            c,
            self._lines,
            12,
            height - 6 - ascent(self.style.size),
            font,
            self.style.size,
            self.style.line_height,
        )


def keep(*flowables: Flowable) -> Flowable:
    """Flowables kept on one page (for a heading and a short table: no more than a page)."""
    return KeepTogether(list(flowables))


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
        font = thai.font("bold" if row.bold else "regular")
        lines = [
            wrap_lines(text, font, size, w - 2 * self.tstyle.pad_x) if text else []
            for text, w in zip(row.cells, self._widths, strict=False)
        ]
        return _Laid(row, lines, self._row_height(max((len(x) for x in lines), default=1), size))

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
        for col, w, lines in zip(self.columns, self._widths, laid.lines, strict=False):
            align = "centre" if header else col.align
            if align == "left":
                tx = x + st.pad_x
            elif align == "right":
                tx = x + w - st.pad_x
            else:
                tx = x + w / 2
            baseline = top - st.pad_y - ascent(size)
            thai.draw_lines(c, lines, tx, baseline, font, size, lead, align)
            x += w
        return bottom


def _style_of(row: Row) -> dict[str, Any]:
    return {"status": row.status, "bold": row.bold, "fill": row.fill, "ink": row.ink}


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    colour: Color = NAVY


class KeyFigures(Flowable):  # type: ignore[misc]
    """A grid of boxes, each a large figure over its label."""

    def __init__(self, figures: Sequence[Figure], per_row: int = 4, box_height: float = 66):
        super().__init__()
        self.figures = list(figures)
        self.per_row = per_row
        self.box_height = box_height
        self.spaceBefore = 4
        self.spaceAfter = 10
        self._size = (0.0, 0.0)

    def _rows(self) -> int:
        return max(1, math.ceil(len(self.figures) / self.per_row))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        gap = 8
        self._size = (avail_width, self._rows() * (self.box_height + gap) - gap)
        return self._size

    def draw(self) -> None:
        c = self.canv
        width, height = self._size
        gap = 8
        box_w = (width - gap * (self.per_row - 1)) / self.per_row
        bold, regular = thai.font("bold"), thai.font()
        for i, fig in enumerate(self.figures):
            col, row = i % self.per_row, i // self.per_row
            x = col * (box_w + gap)
            y = height - (row + 1) * self.box_height - row * gap
            c.setFillColor(ZEBRA)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.roundRect(x, y, box_w, self.box_height, 4, stroke=1, fill=1)
            c.setFillColor(fig.colour)
            size = 17.0
            while size > 9 and bold.width(fig.value, size) > box_w - 10:
                size -= 1
            top = y + self.box_height
            number_base = top - 8 - size * 0.95
            thai.draw_text(c, x + box_w / 2, number_base, fig.value, bold, size, "centre")
            c.setFillColor(GREY)
            lines = wrap_lines(fig.label, regular, 8.5, box_w - 10)[:2]
            first = number_base - 17 if len(lines) > 1 else number_base - 22
            thai.draw_lines(c, lines, x + box_w / 2, first, regular, 8.5, 11, "centre")


# --- charts ----------------------------------------------------------------------------------


def nice_scale(top: float, ticks: int = 5, *, integer: bool = False) -> tuple[float, float]:
    """A round axis maximum at or above ``top`` and its step (``top`` 87 → 100 by 20); with
    ``integer`` the step is a whole number (counts)."""
    if top <= 0:
        return 1.0, 1.0
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude * ticks >= top - 1e-9:
            step = factor * magnitude
            break
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return math.ceil(top / step - 1e-9) * step, step


class BarChart(Flowable):  # type: ignore[misc]
    """A vertical bar chart (reportlab.graphics) with its title, axis labels and values drawn
    by the Thai engine; ``colours`` colours bars one by one."""

    def __init__(
        self,
        title: str,
        categories: Sequence[str],
        values: Sequence[float | None],
        *,
        axis_title: str = "",
        value_format: Callable[[float], str] = lambda v: f"{v:g}",
        colour: Color = CHART_BLUE,
        colours: Sequence[Color] | None = None,
        height: float = 170,
        value_max: float | None = None,
        legend: Sequence[tuple[Color, str]] = (),
        integer: bool = False,
    ):
        super().__init__()
        self.title = title
        self.categories = list(categories)
        self.values = [v if v is not None else 0.0 for v in values]
        self.missing = [v is None for v in values]
        self.axis_title = axis_title
        self.value_format = value_format
        self.colour = colour
        self.colours = list(colours) if colours is not None else None
        self.height = height
        self.value_max = value_max
        self.legend = list(legend)
        self.integer = integer
        self.spaceBefore = 4
        self.spaceAfter = 10
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._size = (avail_width, self.height)
        return self._size

    def draw(self) -> None:
        c = self.canv
        width, height = self._size
        regular, bold = thai.font(), thai.font("semibold")
        left, right, bottom, top = 36.0, 6.0, 34.0 if self.axis_title else 20.0, 24.0
        plot_w, plot_h = width - left - right, height - bottom - top
        top_value, step = nice_scale(
            self.value_max or max(self.values, default=0.0) * 1.08, integer=self.integer
        )

        drawing = Drawing(width, height)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = left, bottom, plot_w, plot_h
        chart.data = [self.values]
        chart.categoryAxis.categoryNames = [""] * len(self.values)
        chart.categoryAxis.visibleLabels = 0
        chart.categoryAxis.strokeColor = GREY
        chart.valueAxis.visibleLabels = 0
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = top_value
        chart.valueAxis.valueStep = step
        chart.valueAxis.visibleGrid = 1
        chart.valueAxis.gridStrokeColor = RULE
        chart.valueAxis.gridStrokeWidth = 0.4
        chart.valueAxis.strokeColor = GREY
        chart.barSpacing = 0
        chart.groupSpacing = 6 if len(self.values) < 25 else 2
        chart.bars[0].fillColor = self.colour
        chart.bars[0].strokeColor = None
        if self.colours:
            for i, colour in enumerate(self.colours):
                chart.bars[(0, i)].fillColor = colour
        drawing.add(chart)
        renderPDF.draw(drawing, c, 0, 0)

        c.setFillColor(INK)
        thai.draw_text(c, 0, height - 13, self.title, bold, 10.5)
        if self.legend:
            x = width
            for colour, label in reversed(self.legend):
                w = regular.width(label, 8)
                x -= w
                c.setFillColor(GREY)
                thai.draw_text(c, x, height - 12, label, regular, 8)
                x -= 12
                c.setFillColor(colour)
                c.rect(x, height - 13, 8, 8, stroke=0, fill=1)
                x -= 10
        c.setFillColor(GREY)
        ticks = round(top_value / step)
        for k in range(ticks + 1):
            value = k * step
            y = bottom + plot_h * value / top_value
            thai.draw_text(c, left - 4, y - 3, self.value_format(value), regular, 7.5, "right")
        slot = plot_w / max(1, len(self.values))
        for i, (name, value) in enumerate(zip(self.categories, self.values, strict=False)):
            x = left + slot * (i + 0.5)
            c.setFillColor(GREY)
            thai.draw_text(c, x, bottom - 11, name, regular, 7.5, "centre")
            c.setFillColor(INK)
            label = "–" if self.missing[i] else self.value_format(value)
            size = 7.0 if len(self.values) > 12 else 8.0
            while size > 5 and regular.width(label, size) > slot + 2:
                size -= 0.5
            y = bottom + plot_h * min(value, top_value) / top_value + 2.5
            thai.draw_text(c, x, y, label, regular, size, "centre")
        if self.axis_title:
            c.setFillColor(GREY)
            thai.draw_text(c, left + plot_w / 2, 4, self.axis_title, regular, 8.5, "centre")


# --- photos ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoItem:
    data: bytes
    caption: str


def _prepared_image(data: bytes, max_px: int = 1400) -> tuple[ImageReader, int, int] | None:
    """The photo upright, as a JPEG (a PNG when it has transparency) of at most ``max_px`` a
    side, or None when it cannot be read."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            im = ImageOps.exif_transpose(opened)
        im.thumbnail((max_px, max_px))
        out = io.BytesIO()
        if im.mode in ("RGBA", "LA") or "transparency" in im.info:
            im.convert("RGBA").save(out, "PNG", optimize=True)
        else:
            im.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
        w, h = im.size
    except Exception:  # a broken photo must not stop the report
        return None
    return ImageReader(io.BytesIO(out.getvalue())), w, h


class PhotoGrid(Flowable):  # type: ignore[misc]
    """One row of photos side by side, each scaled to fit its cell, with a caption below."""

    def __init__(self, photos: Sequence[PhotoItem], per_row: int = 2, image_height: float = 170):
        super().__init__()
        self.photos = list(photos)
        self.per_row = per_row
        self.image_height = image_height
        self.spaceBefore = 2
        self.spaceAfter = 10
        self._captions: list[list[str]] = []
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        gap = 12
        cell_w = (avail_width - gap * (self.per_row - 1)) / self.per_row
        font = thai.font()
        self._captions = [wrap_lines(p.caption, font, 8.5, cell_w)[:3] for p in self.photos]
        lines = max((len(x) for x in self._captions), default=0)
        self._size = (avail_width, self.image_height + 6 + lines * 11.5 + 2)
        return self._size

    def draw(self) -> None:
        c = self.canv
        width, height = self._size
        gap = 12
        cell_w = (width - gap * (self.per_row - 1)) / self.per_row
        font = thai.font()
        for i, (photo, caption) in enumerate(zip(self.photos, self._captions, strict=False)):
            x = i * (cell_w + gap)
            y = height - self.image_height
            image = _prepared_image(photo.data)
            if image is None:
                c.setFillColor(ZEBRA)
                c.setStrokeColor(LIGHT)
                c.rect(x, y, cell_w, self.image_height, stroke=1, fill=1)
                c.setFillColor(GREY)
                thai.draw_text(
                    c,
                    x + cell_w / 2,
                    y + self.image_height / 2,
                    "เปิดรูปภาพนี้ไม่ได้",
                    font,
                    10,
                    "centre",
                )
            else:
                reader, w, h = image
                scale = min(cell_w / w, self.image_height / h)
                dw, dh = w * scale, h * scale
                c.drawImage(
                    reader,
                    x + (cell_w - dw) / 2,
                    y + (self.image_height - dh) / 2,
                    dw,
                    dh,
                    mask="auto",
                )
                c.setStrokeColor(RULE)
                c.setLineWidth(0.5)
                c.rect(x + (cell_w - dw) / 2, y + (self.image_height - dh) / 2, dw, dh)
            c.setFillColor(GREY)
            thai.draw_lines(c, caption, x, y - 6 - 8.5, font, 8.5, 11.5)


# --- the document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    """What every page says: the contest (header, left), the document (header, right), the date
    (footer, left) and, for drafts, a red mark."""

    title: str
    contest: str
    date_text: str
    draft_mark: str | None = None
    subject: str = ""
    keywords: tuple[str, ...] = field(default=())


def page_label(number: int, total: int) -> str:
    """``หน้า ๑ / ๓``."""
    return f"หน้า {thai_digits(number)} / {thai_digits(total)}"


def _numbered_canvas(info: DocInfo) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds every page until the end, then writes "หน้า n / N" on each; bookmarks are
        set as each page is really written, so they point at the right page."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            self._marks: list[str] = []
            self.showOutline()

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:
            self._marks.append(key)

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                for key in state["_marks"]:
                    Canvas.bookmarkPage(self, key)
                _footer(self, info, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _header(canv: Any, doc: Any, info: DocInfo) -> None:
    width, height = canv._pagesize
    regular, bold = thai.font(), thai.font("semibold")
    canv.saveState()
    y = height - 34
    canv.setFillColor(GREY)
    right_room = bold.width(info.title, 8.5) + 12
    contest = info.contest
    while contest and regular.width(contest, 8.5) > width - 2 * MARGIN_X - right_room:
        contest = contest[:-2] + "…"
    thai.draw_text(canv, MARGIN_X, y, contest, regular, 8.5)
    canv.setFillColor(NAVY)
    thai.draw_text(canv, width - MARGIN_X, y, info.title, bold, 8.5, "right")
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(0.8)
    canv.line(MARGIN_X, y - 6, width - MARGIN_X, y - 6)
    if info.draft_mark:
        canv.setFillColor(DRAFT_RED)
        thai.draw_text(
            canv, width / 2, height - 20, info.draft_mark, thai.font("bold"), 9, "centre"
        )
    canv.restoreState()


def _footer(canv: Any, info: DocInfo, number: int, total: int) -> None:
    width, _ = canv._pagesize
    regular = thai.font()
    canv.saveState()
    y = 30.0
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(MARGIN_X, y + 12, width - MARGIN_X, y + 12)
    canv.setFillColor(GREY)
    thai.draw_text(canv, MARGIN_X, y, f"{ISSUER} · {info.date_text}", regular, 8.5)
    thai.draw_text(canv, width - MARGIN_X, y, page_label(number, total), regular, 8.5, "right")
    canv.restoreState()


def _template(name: str, size: tuple[float, float], info: DocInfo) -> PageTemplate:
    width, height = size
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width - 2 * MARGIN_X,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=f"{name}-frame",
    )
    return PageTemplate(
        id=name,
        frames=[frame],
        pagesize=size,
        onPage=lambda canv, doc: _header(canv, doc, info),
    )


def build_pdf(path: Path, story: list[Flowable], info: DocInfo, *, first: str = "portrait") -> int:
    """Lay out ``story`` on A4 pages (``NextPageTemplate("landscape")`` switches) and write the
    PDF to ``path`` (atomically); returns the number of pages."""
    out = io.BytesIO()
    templates = [
        _template("portrait", PORTRAIT, info),
        _template("landscape", LANDSCAPE, info),
    ]
    if first == "landscape":
        templates.reverse()
    doc = BaseDocTemplate(
        out,
        pagesize=PORTRAIT if first == "portrait" else LANDSCAPE,
        pageTemplates=templates,
        title=info.title,
        author=ISSUER,
        subject=info.subject or info.contest,
        creator="cdd-evaluator",
        keywords=list(info.keywords),
        initialFontName=thai.font().name,
        pageCompression=1,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
    )
    pages: list[int] = []

    class _Counting(_numbered_canvas(info)):  # type: ignore[misc]
        def save(self) -> None:
            pages.append(len(self._held))
            super().save()

    doc.build(story, canvasmaker=_Counting)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(out.getvalue())
    os.replace(tmp, path)
    return pages[0] if pages else 0
