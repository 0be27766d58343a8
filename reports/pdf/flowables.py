"""Flowables that draw Thai text through :mod:`reports.thai`: paragraphs, headings (to the PDF
outline), shaded notes, boxes of key figures and grids of photos."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image, ImageOps
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    KeepTogether,
)

from reports import thai
from reports.pdf.style import (
    BODY,
    CHART_BLUE,
    GREY,
    H1,
    H2,
    H3,
    LIGHT,
    NAVY,
    NOTE_FILL,
    RULE,
    ZEBRA,
    TextStyle,
    ascent,
    descent,
    wrap_lines,
)

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
