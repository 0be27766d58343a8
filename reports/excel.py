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

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl.utils import get_column_letter

from evaluator.db import Database
from evaluator.scoring import model as sc
from evaluator.scoring.ranking import FLAG_TITLES
from evaluator.services import ranking as rs
from evaluator.services.report_data import ScoreLine, score_lines, zone_names
from reports.excel_budget import write_budget
from reports.excel_sheets import (
    FORMATS,
    SHEET_STATE_THAI,
    SHEET_STATUS_THAI,
    STATUS_THAI,
    Cell,
    Written,
    XCol,
    display_width,
    new_workbook,
    save,
    sheet_title,
    today,
    write_facts,
    write_table,
)

__all__ = [
    "Written",
    "display_width",
    "save",
    "write_budget",
    "write_rankings",
    "write_scores",
]


# --- rankings --------------------------------------------------------------------------------


def ranking_columns(r: rs.RoundRanking) -> list[XCol]:
    """The ranking's columns. Long heads wrap over two or three lines in a column as wide as
    its values need; places, the reason and remarks wrap in a column of their own width; so
    the sheet prints on A4 landscape at a legible scale instead of being shrunk to fit heads
    and the longest names written on one line."""
    return [
        XCol("อันดับ", "int"),
        XCol("เขตตรวจราชการ", "int", width=8),
        XCol("จังหวัด", wrap=True, width=14),
        XCol("อำเภอ", wrap=True, width=15),
        XCol("ตำบล", wrap=True, width=15),
        XCol("รหัสตำบล", "code"),
        XCol("คะแนน", "score"),
        XCol("แบบประเมินที่นับได้", "int", width=10),
        XCol("สถานะ"),
        XCol("เหตุผล", wrap=True, width=28),
        XCol("จำนวนตำบลที่อันดับร่วม", "int", width=10),
        *(XCol(f"เกณฑ์ตัดสิน {code} (คะแนน / คะแนนเต็ม)", "ratio", width=11) for code in r.tie_break),
        XCol("ผลต่างคะแนนของผู้ประเมิน", "score", width=12),
        XCol("ข้อสังเกต", wrap=True, width=22),
        XCol("เงินรางวัล (บาท)", "baht", width=11),
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
    wb = new_workbook()
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
        # the status code repeats สถานะ for filters and formulas: kept, but not printed
        ws.column_dimensions[get_column_letter(len(columns))].hidden = True

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
            ("วันที่ส่งออก", today(issued_on)),
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
    wb = new_workbook()
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
            ("วันที่ส่งออก", today(issued_on)),
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
