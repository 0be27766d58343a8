"""Colours, status colours, number formats and text styles shared by the reports' pages."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape

from evaluator.scoring.labels import STATUS_LABELS
from reports import thai
from reports.thai import Align
from reports.thai_format import thai_digits

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

# The status colours and labels of the one table (evaluator.scoring.labels), as the ranking view
# shows them: winner green, tie amber, eligible plain, ineligible grey.
STATUS_FILL: dict[str, Color | None] = {
    code: HexColor(label.fill) if label.fill else None for code, label in STATUS_LABELS.items()
}
STATUS_INK: dict[str, Color] = {code: HexColor(label.ink) for code, label in STATUS_LABELS.items()}
STATUS_CHART: dict[str, Color] = {
    code: HexColor(label.chart) for code, label in STATUS_LABELS.items()
}
STATUS_SHORT = {code: label.short for code, label in STATUS_LABELS.items()}


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
