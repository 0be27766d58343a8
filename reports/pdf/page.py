"""The page: A4 portrait or landscape templates, the header (contest, document, draft mark), the
footer (issuer, date, ``หน้า ๑ / ๓``), the outline, and :func:`build_pdf`."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from evaluator.files import write_bytes
from reports import thai
from reports.pdf.style import (
    DRAFT_RED,
    GOLD,
    GREY,
    ISSUER,
    LANDSCAPE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NAVY,
    PORTRAIT,
    RULE,
)
from reports.thai_format import thai_digits


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
        _watermark(canv, width, height)
    canv.restoreState()


WATERMARK = "ฉบับร่าง — DRAFT"
WATERMARK_INK = HexColor("#F2C4BE")


def _watermark(canv: Any, width: float, height: float) -> None:
    """The draft's mark across the page, diagonal, under the page's content (drawn first)."""
    bold = thai.font("bold")
    diagonal = math.hypot(width, height)
    size = min(96.0, 0.62 * diagonal / (bold.width(WATERMARK, 1.0) or 1.0))
    canv.saveState()
    canv.translate(width / 2, height / 2)
    canv.rotate(math.degrees(math.atan2(height, width)))
    canv.setFillColor(WATERMARK_INK)
    thai.draw_text(canv, 0, -size * 0.35, WATERMARK, bold, size, "centre")
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
    write_bytes(Path(path), out.getvalue())
    return pages[0] if pages else 0
