"""Bar charts (reportlab.graphics) whose titles, labels and values the Thai engine draws."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import quantiles

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


def _frame(c: object, left: float, bottom: float, plot_w: float, plot_h: float) -> None:
    c.setStrokeColor(GREY)  # type: ignore[attr-defined]
    c.setLineWidth(0.6)  # type: ignore[attr-defined]
    c.line(left, bottom, left + plot_w, bottom)  # type: ignore[attr-defined]
    c.line(left, bottom, left, bottom + plot_h)  # type: ignore[attr-defined]


class _Plot(Flowable):  # type: ignore[misc]
    """A chart of our own drawing: title, legend, a value axis with a grid, category labels."""

    left, right, top = 36.0, 6.0, 24.0

    def __init__(
        self,
        title: str,
        categories: Sequence[str],
        *,
        axis_title: str,
        value_max: float,
        height: float,
        legend: Sequence[tuple[Color, str]] = (),
        value_format: Callable[[float], str] = lambda v: f"{v:g}",
        value_min: float = 0.0,
    ):
        super().__init__()
        self.title = title
        self.categories = list(categories)
        self.axis_title = axis_title
        self.value_max = value_max
        self.value_min = value_min
        self.height = height
        self.legend = list(legend)
        self.value_format = value_format
        self.spaceBefore = 4
        self.spaceAfter = 10
        self._size = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._size = (avail_width, self.height)
        return self._size

    def _axes(self) -> tuple[float, float, float, float, float]:
        """Draw the title, legend, grid and labels; return left, bottom, width, height, top."""
        c = self.canv
        width, height = self._size
        regular, bold = thai.font(), thai.font("semibold")
        bottom = 34.0 if self.axis_title else 20.0
        plot_w, plot_h = width - self.left - self.right, height - bottom - self.top
        span = self.value_max - self.value_min
        _, step = nice_scale(span)
        c.setFillColor(INK)
        thai.draw_text(c, 0, height - 13, self.title, bold, 10.5)
        legend_w = sum(regular.width(label, 8) + 22 for _, label in self.legend)
        legend_y = height - 12
        if bold.width(self.title, 10.5) + legend_w + 12 > width:  # below the title
            legend_y -= 13
            plot_h -= 10
        x = width
        for colour, label in reversed(self.legend):
            x -= regular.width(label, 8)
            c.setFillColor(GREY)
            thai.draw_text(c, x, legend_y, label, regular, 8)
            x -= 12
            c.setFillColor(colour)
            c.rect(x, legend_y - 1, 8, 8, stroke=0, fill=1)
            x -= 10
        c.setLineWidth(0.4)
        for k in range(round(span / step) + 1):
            value = self.value_min + k * step
            y = bottom + plot_h * (value - self.value_min) / span
            c.setStrokeColor(RULE)
            c.line(self.left, y, self.left + plot_w, y)
            c.setFillColor(GREY)
            thai.draw_text(c, self.left - 4, y - 3, self.value_format(value), regular, 7.5, "right")
        slot = plot_w / max(1, len(self.categories))
        for i, name in enumerate(self.categories):
            thai.draw_text(
                c, self.left + slot * (i + 0.5), bottom - 11, name, regular, 7.5, "centre"
            )
        if self.axis_title:
            thai.draw_text(c, self.left + plot_w / 2, 4, self.axis_title, regular, 8.5, "centre")
        _frame(c, self.left, bottom, plot_w, plot_h)
        return self.left, bottom, plot_w, plot_h, slot

    def _y(self, value: float, bottom: float, plot_h: float) -> float:
        span = self.value_max - self.value_min
        clipped = min(max(value, self.value_min), self.value_max)
        return bottom + plot_h * (clipped - self.value_min) / span


class GroupedBarChart(_Plot):
    """Bars of several series side by side in each category (e.g. winners against the rest)."""

    def __init__(
        self,
        title: str,
        categories: Sequence[str],
        series: Sequence[Sequence[float | None]],
        *,
        colours: Sequence[Color],
        legend: Sequence[tuple[Color, str]] = (),
        axis_title: str = "",
        value_max: float | None = None,
        height: float = 180,
    ):
        top = value_max or max((v or 0.0 for s in series for v in s), default=1.0) * 1.08
        super().__init__(
            title,
            categories,
            axis_title=axis_title,
            value_max=top,
            height=height,
            legend=legend,
            value_format=lambda v: f"{v:g}",
        )
        self.series = [list(s) for s in series]
        self.colours = list(colours)

    def draw(self) -> None:
        c = self.canv
        left, bottom, _plot_w, plot_h, slot = self._axes()
        n = max(1, len(self.series))
        bar = min(14.0, (slot - 6) / n)
        regular = thai.font()
        for i in range(len(self.categories)):
            x0 = left + slot * (i + 0.5) - bar * n / 2
            for k, values in enumerate(self.series):
                value = values[i] if i < len(values) else None
                if value is None:
                    continue
                c.setFillColor(self.colours[k % len(self.colours)])
                top = self._y(value, bottom, plot_h)
                c.rect(x0 + k * bar, bottom, bar - 1, top - bottom, stroke=0, fill=1)
                if bar >= 9:
                    c.setFillColor(INK)
                    thai.draw_text(
                        c, x0 + k * bar + bar / 2, top + 2, f"{value:.0f}", regular, 6, "centre"
                    )


@dataclass(frozen=True)
class Spread:
    """A category's distribution: lowest, quartiles, median, highest, and a mark (a cutoff)."""

    low: float
    q1: float
    median: float
    q3: float
    high: float
    mark: float | None = None

    @staticmethod
    def of(values: Sequence[float], mark: float | None = None) -> Spread | None:
        if not values:
            return None
        ordered = sorted(values)
        if len(ordered) == 1:
            v = ordered[0]
            return Spread(v, v, v, v, v, mark)
        q1, median, q3 = quantiles(ordered, n=4, method="inclusive")
        return Spread(ordered[0], q1, median, q3, ordered[-1], mark)


class SpreadChart(_Plot):
    """A box per category: whiskers from the lowest to the highest value, a box over the middle
    half, a line at the median, and a mark (the score of the last winner) in gold."""

    def __init__(
        self,
        title: str,
        categories: Sequence[str],
        spreads: Sequence[Spread | None],
        *,
        axis_title: str = "",
        legend: Sequence[tuple[Color, str]] = (),
        height: float = 190,
        colour: Color = CHART_BLUE,
        mark_colour: Color = INK,
    ):
        present = [s for s in spreads if s is not None]
        low = min((s.low for s in present), default=0.0)
        high = max((s.high for s in present), default=100.0)
        bottom_value = max(0.0, math.floor((low - 2) / 10) * 10)
        top_value = min(100.0, math.ceil((high + 2) / 10) * 10)
        if top_value <= bottom_value:
            top_value = bottom_value + 10
        super().__init__(
            title,
            categories,
            axis_title=axis_title,
            value_max=top_value,
            value_min=bottom_value,
            height=height,
            legend=legend,
        )
        self.spreads = list(spreads)
        self.colour = colour
        self.mark_colour = mark_colour

    def draw(self) -> None:
        c = self.canv
        left, bottom, _plot_w, plot_h, slot = self._axes()
        box = min(16.0, slot * 0.55)
        for i, s in enumerate(self.spreads):
            if s is None:
                continue
            x = left + slot * (i + 0.5)
            y = [self._y(v, bottom, plot_h) for v in (s.low, s.q1, s.median, s.q3, s.high)]
            c.setStrokeColor(GREY)
            c.setLineWidth(0.7)
            c.line(x, y[0], x, y[1])
            c.line(x, y[3], x, y[4])
            c.line(x - box / 4, y[0], x + box / 4, y[0])
            c.line(x - box / 4, y[4], x + box / 4, y[4])
            c.setFillColor(self.colour)
            c.rect(x - box / 2, y[1], box, max(y[3] - y[1], 0.8), stroke=0, fill=1)
            c.setStrokeColor(INK)
            c.setLineWidth(1.2)
            c.line(x - box / 2, y[2], x + box / 2, y[2])
            if s.mark is not None:
                ym = self._y(s.mark, bottom, plot_h)
                c.setFillColor(self.mark_colour)
                p = c.beginPath()
                p.moveTo(x + box / 2 + 1, ym)
                p.lineTo(x + box / 2 + 6, ym + 3)
                p.lineTo(x + box / 2 + 6, ym - 3)
                p.close()
                c.drawPath(p, stroke=0, fill=1)
