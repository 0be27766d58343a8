"""Plaque texts (โล่) for the engraver: the exact lines for each winning tambon of a round.

Two files from the same lines: a PDF proof (one A4 page per plaque: the lines set on a plaque
outline, then numbered with their lengths) and an .xlsx sheet (one row per plaque, one column
per line; and one row per line on a second sheet).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from evaluator import files, spreadsheet
from evaluator.db import Database
from evaluator.services.documents import active_signatory
from evaluator.text import spacing_count
from reports import thai
from reports.certificates import ISSUER, WinnerLike, place_words
from reports.thai_format import given_on, thai_day, thai_digits

LineStyle = Literal["title", "name", "large", "normal"]

GOLD = HexColor("#B08D2B")
NAVY = HexColor("#1B2F5B")
INK = HexColor("#222222")
GREY = HexColor("#666666")
SHEET_FONT = spreadsheet.THAI_FONT


MM_PER_POINT = 25.4 / 72.0
PROOF_WIDTH = 360.0
"""The widest a line may be on the proof's plaque, in points; a longer line is set smaller."""


@dataclass(frozen=True)
class PlaqueLine:
    text: str
    style: LineStyle


@dataclass(frozen=True)
class LineMeasure:
    """A line as the proof sets it: its spacing characters, all characters (marks included),
    the font size it is set at and its width at that size in millimetres."""

    spacing: int
    characters: int
    weight: str
    size: float
    width_mm: float


def measure(line: PlaqueLine) -> LineMeasure:
    """The size the proof sets ``line`` at (its style's size, smaller when it would not fit)
    and the line's width at that size, measured on the embedded Thai font as drawn."""
    weight, size, _ = _PDF_STYLE[line.style]
    f = thai.font(weight)
    while f.width(line.text, size) > PROOF_WIDTH and size > 8:  # the proof never re-wraps
        size -= 0.5
    width = f.width(line.text, size) * MM_PER_POINT
    return LineMeasure(spacing_count(line.text), len(line.text), weight, size, round(width, 1))


@dataclass(frozen=True)
class PlaqueData:
    """One plaque: which tambon, and the lines to engrave, in order."""

    number: int
    tambon_code: str
    zone: int
    province: str
    district: str
    tambon: str
    lines: tuple[PlaqueLine, ...]


@dataclass(frozen=True)
class PlaqueRound:
    contest_code: str
    round_code: str
    round_title: str
    draft: bool
    ties: list[str]
    plaques: list[PlaqueData]


def plaque_lines(
    winner: WinnerLike,
    *,
    award: str,
    contest_title: str,
    zone: int | None,
    issued_on: date,
    signatory_name: str | None = None,
    signatory_position: str | None = None,
    issuer: str = ISSUER,
) -> tuple[PlaqueLine, ...]:
    """The department's plaque wording for one tambon, line by line."""
    place = place_words(winner.tambon, winner.district, winner.province)
    tambon, rest = place.split(" ", 1)
    contest = thai_digits(contest_title)
    lines = [
        PlaqueLine("โล่เกียรติคุณ", "title"),
        PlaqueLine(f"{issuer} มอบให้ไว้เพื่อแสดงว่า", "normal"),
        PlaqueLine(f"ผู้นำการเปลี่ยนแปลง{tambon}", "name"),
        PlaqueLine(rest, "large"),
        PlaqueLine(f"ได้รับรางวัล{award}", "large"),
    ]
    if zone is not None:
        lines.append(PlaqueLine(f"เขตตรวจราชการที่ {thai_digits(zone)}", "normal"))
    lines.append(PlaqueLine(contest, "normal"))
    lines.append(PlaqueLine(given_on(issued_on), "normal"))
    if signatory_name:
        lines.append(PlaqueLine(f"({signatory_name})", "normal"))
    if signatory_position:
        lines.append(PlaqueLine(signatory_position, "normal"))
    return tuple(lines)


def build_plaques(
    winners: Sequence[WinnerLike],
    *,
    award: str,
    contest_title: str,
    per_zone: bool,
    issued_on: date,
    signatory_name: str | None = None,
    signatory_position: str | None = None,
) -> list[PlaqueData]:
    """One plaque per winner, numbered in the order given (the ranking's)."""
    return [
        PlaqueData(
            number=n,
            tambon_code=w.tambon_code,
            zone=w.zone,
            province=w.province,
            district=w.district,
            tambon=w.tambon,
            lines=plaque_lines(
                w,
                award=award,
                contest_title=contest_title,
                zone=w.zone if per_zone else None,
                issued_on=issued_on,
                signatory_name=signatory_name,
                signatory_position=signatory_position,
            ),
        )
        for n, w in enumerate(winners, start=1)
    ]


def plaques_for_round(
    db: Database, round_code: str, *, contest: str | None = None, issued_on: date | None = None
) -> PlaqueRound:
    """The plaques of a round's winners (drafts when the round is not finalised)."""
    from evaluator.services.ranking import rank_round

    ranking = rank_round(db, round_code, contest=contest)
    person = active_signatory(db)
    if issued_on is None:
        issued_on = thai_day(ranking.finalised_at)
    plaques = build_plaques(
        ranking.winners(),
        award=ranking.round_title or ranking.round_code,
        contest_title=ranking.contest_title,
        per_zone=ranking.quota_kind == "zone",
        issued_on=issued_on,
        signatory_name=person.name if person else None,
        signatory_position=person.position if person else None,
    )
    return PlaqueRound(
        contest_code=ranking.contest_code,
        round_code=ranking.round_code,
        round_title=ranking.round_title or ranking.round_code,
        draft=not ranking.finalised,
        ties=[e.tambon_code for e in ranking.ties()],
        plaques=plaques,
    )


# --- PDF proof ----------------------------------------------------------------------------------

_PDF_STYLE: dict[LineStyle, tuple[str, float, object]] = {
    "title": ("bold", 30, GOLD),
    "name": ("bold", 24, NAVY),
    "large": ("bold", 18, INK),
    "normal": ("regular", 15, INK),
}


def write_plaques_pdf(batch: PlaqueRound, path: Path) -> Path:
    """The proof for the engraver: one A4 page per plaque."""
    out = io.BytesIO()
    width, height = A4
    c = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=thai.font().name)
    c.setTitle(f"ข้อความจารึกโล่ {batch.round_title}")
    c.setAuthor(ISSUER)
    c.setCreator("cdd-evaluator")
    regular, bold = thai.font(), thai.font("bold")
    total = len(batch.plaques)
    if not batch.plaques:
        c.setFillColor(INK)
        thai.draw_text(c, width / 2, height / 2, "ไม่มีตำบลที่ได้รับรางวัล", regular, 16, "centre")
        c.showPage()
    for plaque in batch.plaques:
        c.setFillColor(GREY)
        header = (
            f"ข้อความจารึกโล่ {batch.round_title} — แผ่นที่ {thai_digits(plaque.number)}"
            f"/{thai_digits(total)} — รหัสตำบล {plaque.tambon_code}"
        )
        thai.draw_text(c, 50, height - 45, header, regular, 10)
        if batch.draft:
            c.setFillColor(HexColor("#B22222"))
            thai.draw_text(c, width - 50, height - 45, "ฉบับร่าง ผลยังไม่รับรอง", bold, 10, "right")
        plaque_top, plaque_h = height - 80, 470.0
        _plaque_outline(c, width / 2, plaque_top, 420, plaque_h)
        measures = [measure(line) for line in plaque.lines]
        fitted = [
            (line.text, thai.font(m.weight), m.size, _PDF_STYLE[line.style][2])
            for line, m in zip(plaque.lines, measures, strict=True)
        ]
        block = sum(size * 1.6 for _, _, size, _ in fitted)
        y = plaque_top - 30 - (plaque_h - 30 - block) / 2  # centred in the plaque, below its arch
        for text, f, size, color in fitted:
            c.setFillColor(color)
            thai.draw_text(c, width / 2, y - size, text, f, size, "centre")
            y -= size * 1.6
        # the list of lines with their lengths, for the engraver to check against
        y = height - 590
        c.setFillColor(INK)
        thai.draw_text(c, 60, y, "บรรทัด", bold, 10)
        thai.draw_text(c, 100, y, "ข้อความ", bold, 10)
        for x, head in zip(_COLUMNS_X, ("ช่องอักขระ", "ขนาด (พอยต์)", "กว้าง (มม.)"), strict=True):
            thai.draw_text(c, width - x, y, head, bold, 10, "right")
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.line(55, y - 5, width - 55, y - 5)
        y -= 18
        for n, (line, m) in enumerate(zip(plaque.lines, measures, strict=True), start=1):
            thai.draw_text(c, 72, y, thai_digits(n), regular, 10, "centre")
            text = line.text
            while regular.width(text, 10) > width - 100 - _COLUMNS_X[0] - 70 and len(text) > 4:
                text = text[:-2] + "…"
            thai.draw_text(c, 100, y, text, regular, 10)
            for x, value in zip(
                _COLUMNS_X, (str(m.spacing), f"{m.size:g}", f"{m.width_mm:.1f}"), strict=True
            ):
                thai.draw_text(c, width - x, y, thai_digits(value), regular, 10, "right")
            y -= 15
        c.setFillColor(GREY)
        thai.draw_text(
            c,
            60,
            y - 6,
            "ช่องอักขระ: จำนวนอักขระที่กินที่บนบรรทัด ไม่นับสระบน สระล่าง และวรรณยุกต์"
            " · กว้าง: ความยาวของบรรทัดเมื่อพิมพ์ด้วยฟอนต์ Sarabun ขนาดที่ระบุ",
            regular,
            8.5,
        )
        c.showPage()
    c.save()
    _write_atomic(path, out.getvalue())
    return path


_COLUMNS_X = (180.0, 120.0, 60.0)  # the right ends of the measure columns, from the page's right


def _plaque_outline(c: Canvas, cx: float, top: float, w: float, h: float) -> None:
    """A shield-shaped plaque: straight sides, a pointed arch on top, a rounded foot."""
    left, right, bottom = cx - w / 2, cx + w / 2, top - h
    shoulder = top - 70
    c.saveState()
    for inset, width_, color in ((0.0, 3.0, GOLD), (10.0, 0.8, NAVY)):
        p = c.beginPath()
        p.moveTo(left + inset, bottom + 40)
        p.lineTo(left + inset, shoulder)
        p.curveTo(left + inset, top - 30 + inset / 2, cx - 60, top - inset, cx, top - inset)
        p.curveTo(
            cx + 60, top - inset, right - inset, top - 30 + inset / 2, right - inset, shoulder
        )
        p.lineTo(right - inset, bottom + 40)
        p.curveTo(right - inset, bottom + inset, right - 40, bottom + inset, cx, bottom + inset)
        p.curveTo(
            left + 40, bottom + inset, left + inset, bottom + inset, left + inset, bottom + 40
        )
        p.close()
        c.setStrokeColor(color)
        c.setLineWidth(width_)
        c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


# --- Excel for the engraver --------------------------------------------------------------------


def write_plaques_xlsx(batch: PlaqueRound, path: Path) -> Path:
    """One row per plaque (its lines in columns) and, on a second sheet, one row per line."""
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "โล่"
    most = max((len(p.lines) for p in batch.plaques), default=0)
    header = ["แผ่นที่", "เขตตรวจราชการ", "จังหวัด", "อำเภอ", "ตำบล", "รหัสตำบล"]
    header += [f"บรรทัด {n}" for n in range(1, most + 1)]
    sheet.append(header)
    for p in batch.plaques:
        sheet.append(
            [p.number, p.zone, p.province, p.district, p.tambon, p.tambon_code]
            + [line.text for line in p.lines]
        )
    lines = wb.create_sheet("บรรทัด")
    lines.append(
        [
            "แผ่นที่",
            "รหัสตำบล",
            "บรรทัด",
            "ข้อความ",
            "รูปแบบ",
            "จำนวนอักขระ",
            "ช่องอักขระ (ไม่นับสระบน สระล่าง วรรณยุกต์)",
            "ขนาดตัวอักษร (พอยต์)",
            "ความกว้าง (มม.)",
        ]
    )
    style_names = {"title": "หัวเรื่อง", "name": "ชื่อ", "large": "ตัวใหญ่", "normal": "ปกติ"}
    for p in batch.plaques:
        for n, line in enumerate(p.lines, start=1):
            m = measure(line)
            lines.append(
                [
                    p.number,
                    p.tambon_code,
                    n,
                    line.text,
                    style_names[line.style],
                    m.characters,
                    m.spacing,
                    m.size,
                    m.width_mm,
                ]
            )
    head_fill = PatternFill("solid", fgColor="E9D9A6")
    for ws, widths in (
        (sheet, [8, 14, 16, 20, 18, 10] + [48] * most),
        (lines, [8, 10, 8, 64, 12, 12, 20, 12, 12]),
    ):
        for col, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = w
        for row in ws.iter_rows():
            for cell in row:
                cell.font = Font(name=SHEET_FONT, size=14, bold=cell.row == 1)
                cell.alignment = Alignment(vertical="top", wrap_text=False)
                if cell.row == 1:
                    cell.fill = head_fill
        ws.freeze_panes = "A2"
        # the tambon code is text: keep its leading digits as typed
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.isdigit():
                    cell.number_format = "@"
    if batch.draft:
        note = wb.create_sheet("หมายเหตุ", 0)
        note.append(["ฉบับร่าง: รอบนี้ยังไม่ปิดรอบ ผลยังไม่รับรอง — draft, the round is not finalised"])
        note["A1"].font = Font(name=SHEET_FONT, size=14, bold=True, color="B22222")
        note.column_dimensions["A"].width = 90
    if batch.draft:
        spreadsheet.header_rows(wb["หมายเหตุ"], 0)
    spreadsheet.finish(wb)  # A4, fitted to the width, the header on every page
    buf = io.BytesIO()
    wb.save(buf)
    _write_atomic(path, buf.getvalue())
    return path


def _write_atomic(path: Path, data: bytes) -> None:
    files.write_bytes(path, data)


def write_plaques(batch: PlaqueRound, out_dir: Path) -> tuple[Path, Path]:
    """Both files into ``out_dir``: ``plaques_<round>.pdf`` and ``plaques_<round>.xlsx``."""
    stem = "plaques_" + "".join(
        ch if ch.isalnum() or ch in "-_" else "-" for ch in batch.round_code
    )
    return (
        write_plaques_pdf(batch, out_dir / f"{stem}.pdf"),
        write_plaques_xlsx(batch, out_dir / f"{stem}.xlsx"),
    )
