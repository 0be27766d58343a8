"""Bar charts (reportlab.graphics) whose titles, labels and values the Thai engine draws."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.platypus import (
    Flowable,
)

from reports import thai
from reports.pdf.style import (
    CHART_BLUE,
    GREY,
    INK,
    RULE,
)


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
        # the renderer sets its default font (Helvetica, not embedded) unless told otherwise
        drawing.initialFontName = thai.font().name
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
