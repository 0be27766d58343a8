"""Excel exports for the committee and the budget office (openpyxl): rankings, raw scores, budget.

One workbook per export. Every sheet: Thai headers in a bold, shaded first row; panes frozen
below it; an auto-filter over the data; number formats (``#,##0`` for baht, ``0.00`` for
scores); tambon codes stored as text; column widths fitted to the Thai text they hold.

* rankings — a sheet for the whole country (the ranking in its order), one per zone
  (``เขต 1`` …) and one with the round's facts (``ข้อมูลรอบ``);
* raw scores — long format, one row per criterion score, with the columns the scores importer
  reads (รอบ, ผู้ประเมิน, รหัสตำบล, เกณฑ์, คะแนน, หมายเหตุ, สถานะ, การประกวด), so the file can be
  imported again, and the sheet's uuid, the places and the criterion's title beside them;
* budget — per round, per zone and per tambon, each with a totals row of ``=SUM`` formulas and,
  under it, a row with the totals the program computed (openpyxl cannot compute formulas, so a
  file that was never opened in Excel has no cached results; the second row is what to check
  the formulas against).
"""

from __future__ import annotations

import functools
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
from evaluator.db import Database
from evaluator.scoring import model as sc
from evaluator.scoring.labels import STATUS_LABELS
from evaluator.scoring.ranking import FLAG_TITLES
from evaluator.services import ranking as rs
from evaluator.services.documents import places
from evaluator.services.report_data import ScoreLine, score_lines, zone_names
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
    """Set each column's width to its widest content (header included), within limits."""
    widest = [display_width(c.header) for c in columns]
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
        limit = WRAP_WIDTH if col.wrap else MAX_WIDTH
        ws.column_dimensions[get_column_letter(i + 1)].width = round(
            min(max(widest[i] * 1.15 + 2.5, 7.0), limit), 1
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
    if needed > width:
        ws.cell(row=check_row, column=label_column).alignment = Alignment(wrap_text=True)
        ws.row_dimensions[check_row].height = 30
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
    spreadsheet.text_only(wb)  # text stays text; only the program's own formulas are formulas
    try:
        wb.save(tmp)
        files.replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    return wb


def _today(issued_on: date | None) -> str:
    return thai_date(issued_on or thai_day(None), digits=False)


# --- rankings --------------------------------------------------------------------------------


def ranking_columns(r: rs.RoundRanking) -> list[XCol]:
    return [
        XCol("อันดับ", "int"),
        XCol("เขตตรวจราชการ", "int"),
        XCol("จังหวัด"),
        XCol("อำเภอ"),
        XCol("ตำบล"),
        XCol("รหัสตำบล", "code"),
        XCol("คะแนน", "score"),
        XCol("แบบประเมินที่นับได้", "int"),
        XCol("สถานะ"),
        XCol("เหตุผล", wrap=True),
        XCol("จำนวนตำบลที่อันดับร่วม", "int"),
        *(XCol(f"เกณฑ์ตัดสิน {code} (คะแนน/คะแนนเต็ม)", "ratio") for code in r.tie_break),
        XCol("ผลต่างคะแนนของผู้ประเมิน", "score"),
        XCol("ข้อสังเกต", wrap=True),
        XCol("เงินรางวัล (บาท)", "baht"),
        XCol("status"),
    ]


def ranking_row(r: rs.RoundRanking, e: rs.RankedTambon) -> list[Cell]:
    means = dict(e.tie_break)
    return [
        e.rank,
        e.zone,
        e.province,
        e.district,
        e.tambon,
        e.tambon_code,
        None if e.score is None else sc.round2(e.score),
        e.sheets,
        STATUS_THAI.get(e.status, e.status),
        e.reason,
        e.shared if e.rank is not None else None,
        *(means.get(code) for code in r.tie_break),
        None if e.spread is None else sc.round2(e.spread),
        "; ".join(FLAG_TITLES.get(f, f) for f in e.flags),
        r.prize_baht if e.status == "winner" else None,
        e.status,
    ]


def write_rankings(
    db: Database,
    round_code: str,
    path: Path,
    *,
    contest: str | None = None,
    issued_on: date | None = None,
) -> Written:
    """The ranking of a round: the country, each zone, and the round's facts."""
    r = rs.rank_round(db, round_code, contest=contest)
    names = zone_names(db)
    wb = _new_workbook()
    columns = ranking_columns(r)
    titles = []

    def sheet(title: str, entries: Sequence[rs.RankedTambon]) -> None:
        ws = wb.create_sheet(sheet_title(title))
        titles.append(ws.title)
        write_table(
            ws,
            columns,
            [ranking_row(r, e) for e in entries],
            styles=[e.status for e in entries],
        )

    sheet("ทั้งประเทศ", r.entries)
    for zone in sorted(set(names) | {e.zone for e in r.entries}):
        sheet(f"เขต {zone}", [e for e in r.entries if e.zone == zone])
    ws = wb.create_sheet("ข้อมูลรอบ")
    titles.append(ws.title)
    try:
        aggregation = sc.AGGREGATION_TITLES[sc.Aggregation(r.aggregation)]
    except ValueError:
        aggregation = r.aggregation
    write_facts(
        ws,
        [
            ("การประกวด", f"{r.contest_title} ({r.contest_code})"),
            ("รอบ", f"{r.round_title} ({r.round_code})"),
            ("รางวัลละ (บาท)", r.prize_baht),
            (
                "โควตา",
                f"เขตละ {r.quota} รางวัล" if r.quota_kind == "zone" else f"ทั้งประเทศ {r.quota} รางวัล",
            ),
            ("วิธีรวมคะแนน", f"{aggregation} ({r.aggregation})"),
            ("แบบประเมินขั้นต่ำ", r.min_sheets),
            ("คะแนนขั้นต่ำ", r.min_score),
            ("เกณฑ์ตัดสินเมื่อคะแนนเท่ากัน", ", ".join(r.tie_break) or "-"),
            ("คัดจากผู้ได้รับรางวัลรอบ", r.eligible_from or "-"),
            ("ผลการจัดอันดับ", "ยืนยันแล้ว" if r.finalised else "ยังไม่ยืนยัน (ฉบับร่าง)"),
            ("รหัสตรวจสอบผล (SHA-256)", r.result_hash or "-"),
            ("ตำบลที่ได้รับรางวัล", len(r.winners())),
            ("ตำบลคะแนนเท่ากันรอตัดสิน", len(r.ties())),
            ("วันที่ส่งออก", _today(issued_on)),
        ],
    )
    ws.cell(row=4, column=2).number_format = FORMATS["baht"]
    save(wb, path)
    return Written(Path(path), tuple(titles), len(r.entries))


# --- raw scores ------------------------------------------------------------------------------

SCORE_COLUMNS: tuple[XCol, ...] = (
    XCol("รอบ"),
    XCol("ผู้ประเมิน"),
    XCol("รหัสตำบล", "code"),
    XCol("เกณฑ์"),
    XCol("คะแนน", "score"),
    XCol("หมายเหตุ", wrap=True),
    XCol("สถานะ"),
    XCol("การประกวด"),
    XCol("รหัสแบบประเมิน"),
    XCol("เขตตรวจราชการ", "int"),
    XCol("จังหวัด"),
    XCol("อำเภอ"),
    XCol("ตำบล"),
)
"""The first eight are the scores importer's columns (evaluator/io/scores_import.py); it
ignores the rest."""

SHEET_COLUMNS: tuple[XCol, ...] = (
    XCol("รหัสแบบประเมิน"),
    XCol("การประกวด"),
    XCol("รอบ"),
    XCol("ผู้ประเมิน"),
    XCol("เขตตรวจราชการ", "int"),
    XCol("รหัสตำบล", "code"),
    XCol("ตำบล"),
    XCol("สถานะในระบบ"),
    XCol("จำนวนเกณฑ์ที่ให้คะแนน", "int"),
    XCol("บันทึกของแบบประเมิน", wrap=True),
)

CRITERION_COLUMNS: tuple[XCol, ...] = (
    XCol("การประกวด"),
    XCol("เกณฑ์"),
    XCol("ชื่อเกณฑ์"),
    XCol("คะแนนเต็ม", "score"),
)


def score_row(line: ScoreLine) -> list[Cell]:
    return [
        line.round_code,
        line.inspector,
        line.tambon_code,
        line.criterion,
        line.score,
        line.note,
        SHEET_STATUS_THAI.get(line.status, line.status),
        line.contest_code,
        line.sheet_uuid,
        line.zone,
        line.province,
        line.district,
        line.tambon,
    ]


def write_scores(
    db: Database,
    path: Path,
    *,
    round_code: str | None = None,
    contest: str | None = None,
    issued_on: date | None = None,
) -> Written:
    """Every criterion score (of one round, when named), one row each, importable again; then
    one row per sheet (its state and note) and the criteria."""
    lines = score_lines(db, round_code=round_code, contest=contest)
    wb = _new_workbook()
    ws = wb.create_sheet("คะแนน")
    write_table(ws, SCORE_COLUMNS, [score_row(x) for x in lines])

    sheets: dict[str, list[Cell]] = {}
    criteria: dict[tuple[str, str], list[Cell]] = {}
    for x in lines:
        row = sheets.get(x.sheet_uuid)
        if row is None:
            sheets[x.sheet_uuid] = [
                x.sheet_uuid,
                x.contest_code,
                x.round_code,
                x.inspector,
                x.zone,
                x.tambon_code,
                x.tambon,
                SHEET_STATE_THAI.get(x.status, x.status),
                1,
                x.sheet_note,
            ]
        else:
            row[8] = int(row[8] or 0) + 1
        criteria.setdefault(
            (x.contest_code, x.criterion),
            [x.contest_code, x.criterion, x.criterion_title, x.max_score],
        )
    per_sheet = wb.create_sheet("แบบประเมิน")
    write_table(per_sheet, SHEET_COLUMNS, list(sheets.values()))
    rubric = wb.create_sheet("เกณฑ์")
    write_table(rubric, CRITERION_COLUMNS, list(criteria.values()))

    info = wb.create_sheet("ข้อมูล")
    write_facts(
        info,
        [
            ("รอบ", round_code or "ทุกรอบ"),
            ("จำนวนคะแนน (แถว)", len(lines)),
            ("จำนวนแบบประเมิน", len(sheets)),
            ("วันที่ส่งออก", _today(issued_on)),
            (
                "การนำเข้ากลับ",
                "แผ่นงาน 'คะแนน' นำเข้าได้ด้วยคำสั่ง evaluator import scores"
                " (คอลัมน์ รอบ ผู้ประเมิน รหัสตำบล เกณฑ์ คะแนน หมายเหตุ สถานะ การประกวด)"
                " แบบประเมินที่ปิดผลแล้วส่งออกเป็น 'ส่งแล้ว'; บันทึกของแบบประเมินไม่ถูกนำเข้า",
            ),
            (
                "ที่ไม่ได้ส่งออก",
                "สำเนาแบบประเมินที่ขัดแย้งกันจากการรวมข้อมูล (รอคณะกรรมการแก้ไข) และแบบประเมินที่ยังไม่มีคะแนนเลย",
            ),
        ],
    )
    save(wb, path)
    return Written(Path(path), tuple(w.title for w in wb.worksheets), len(lines))


# --- budget ----------------------------------------------------------------------------------


def write_budget(
    db: Database, path: Path, *, contest: str | None = None, issued_on: date | None = None
) -> Written:
    """The prize money: per round, per zone (every round side by side) and per tambon, with
    formula totals and the program's own totals to check them against."""
    report = rs.contest_budget(db, contest=contest)
    b = report.budget
    names = zone_names(db)
    wb = _new_workbook()

    # per round
    ws = wb.create_sheet("สรุปตามรอบ")
    round_cols = [
        XCol("รหัสรอบ"),
        XCol("รอบ"),
        XCol("รางวัลละ (บาท)", "baht"),
        XCol("โควตา"),
        XCol("จำนวนรางวัล", "int"),
        XCol("เงินรางวัล (บาท)", "baht"),
        XCol("รางวัลที่รอตัดสิน", "int"),
        XCol("เงินที่รอตัดสิน (บาท)", "baht"),
        XCol("ผลการคัดเลือก"),
    ]
    rows: list[list[Cell]] = [
        [
            r.code,
            r.title,
            r.prize_baht,
            f"เขตละ {r.quota}" if r.quota_kind == "zone" else f"ทั้งประเทศ {r.quota}",
            r.winners,
            r.amount,
            r.tie_places,
            r.pending,
            "ยืนยันแล้ว" if report.finalised.get(r.code) else "ยังไม่ยืนยัน",
        ]
        for r in b.rounds
    ]
    write_table(ws, round_cols, rows)
    add_totals(
        ws,
        round_cols,
        2,
        len(rows) + 1,
        {
            5: sum(r.winners for r in b.rounds),
            6: sum(r.amount for r in b.rounds),
            7: sum(r.tie_places for r in b.rounds),
            8: sum(r.pending for r in b.rounds),
        },
    )
    note_row = len(rows) + 5
    rule = (
        "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินทุกระดับ"
        if b.double_award == "both"
        else "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินเฉพาะระดับสูงสุด"
    )
    ws.cell(row=note_row, column=1, value="เงินรางวัลที่จ่ายจริงทั้งโครงการ (บาท)").font = Font(bold=True)
    total = ws.cell(row=note_row, column=6, value=b.total)
    total.number_format = FORMATS["baht"]
    total.font = Font(bold=True)
    pending = ws.cell(row=note_row, column=8, value=b.pending)
    pending.number_format = FORMATS["baht"]
    ws.cell(row=note_row + 1, column=1, value=f"หมายเหตุ: {rule}")

    # per zone
    zs = wb.create_sheet("ตามเขต")
    zone_cols = [XCol("เขตตรวจราชการ", "int"), XCol("ชื่อเขต")]
    for r in b.rounds:
        zone_cols += [XCol(f"รางวัล {r.title}", "int"), XCol(f"เงิน {r.title} (บาท)", "baht")]
    zone_cols += [
        XCol("ตำบลที่ได้รับรางวัล", "int"),
        XCol("เงินรางวัลรวม (บาท)", "baht"),
        XCol("เงินที่รอตัดสิน (บาท)", "baht"),
    ]
    per_round = [{z.zone: z for z in r.zones} for r in b.rounds]
    overall = {z.zone: z for z in b.zones}
    zone_numbers = sorted(set(names) | set(overall))
    zone_rows: list[list[Cell]] = []
    for zone in zone_numbers:
        row: list[Cell] = [zone, names.get(zone, f"เขตตรวจราชการที่ {zone}")]
        for by_zone in per_round:
            z = by_zone.get(zone)
            row += [z.winners if z else 0, z.amount if z else 0]
        o = overall.get(zone)
        row += [o.winners if o else 0, o.amount if o else 0, o.pending if o else 0]
        zone_rows.append(row)
    write_table(zs, zone_cols, zone_rows)
    sums: dict[int, int | float] = {}
    for c in range(3, len(zone_cols) + 1):
        sums[c] = sum(int(row[c - 1] or 0) for row in zone_rows)
    add_totals(zs, zone_cols, 2, len(zone_rows) + 1, sums, label_column=2)

    # per tambon
    ts = wb.create_sheet("รายตำบล")
    titles = {r.code: r.title or r.code for r in b.rounds}
    where = places(db, [a.tambon_code for a in b.awards])
    tambon_cols = [
        XCol("รหัสตำบล", "code"),
        XCol("ตำบล"),
        XCol("อำเภอ"),
        XCol("จังหวัด"),
        XCol("เขตตรวจราชการ", "int"),
        XCol("รางวัลที่ได้รับ", wrap=True),
        XCol("เงินรางวัล (บาท)", "baht"),
    ]
    awards = sorted(b.awards, key=lambda a: (a.zone, a.tambon_code))
    tambon_rows: list[list[Cell]] = []
    for a in awards:
        p = where.get(a.tambon_code)
        tambon_rows.append(
            [
                a.tambon_code,
                p.tambon if p else "",
                p.district if p else "",
                p.province if p else "",
                a.zone,
                ", ".join(titles.get(code, code) for code in a.rounds),
                a.amount,
            ]
        )
    write_table(ts, tambon_cols, tambon_rows)
    add_totals(ts, tambon_cols, 2, len(tambon_rows) + 1, {7: b.total}, label_column=2)

    info = wb.create_sheet("ข้อมูล")
    write_facts(
        info,
        [
            ("การประกวด", f"{report.contest_title} ({report.contest_code})"),
            ("เงินรางวัลที่จ่ายจริงทั้งโครงการ (บาท)", b.total),
            ("เงินที่อาจเพิ่มเมื่อตัดสินคะแนนเท่ากัน (บาท)", b.pending),
            ("ตำบลที่ได้รับรางวัลมากกว่าหนึ่งระดับ", len(b.double_winners)),
            ("กติกาเมื่อได้รับรางวัลหลายระดับ", rule),
            (
                "ผลการคัดเลือก",
                ", ".join(
                    f"{titles.get(code, code)}: {'ยืนยันแล้ว' if done else 'ยังไม่ยืนยัน'}"
                    for code, done in report.finalised.items()
                ),
            ),
            (
                "แถวรวม",
                "แถว 'รวม' ใช้สูตร =SUM; แถวสีเหลืองใต้แถวรวมคือยอดที่โปรแกรมคำนวณไว้ ใช้ตรวจสอบสูตร",
            ),
            ("วันที่ส่งออก", _today(issued_on)),
        ],
    )
    for line in (3, 4):
        info.cell(row=line, column=2).number_format = FORMATS["baht"]
    save(wb, path)
    return Written(
        Path(path), tuple(w.title for w in wb.worksheets), len(rows) + len(zone_rows) + len(awards)
    )
