"""The budget workbook (งบประมาณเงินรางวัล): per round, per zone (every round side by side) and
per tambon, each with a totals row of ``=SUM`` formulas and, under it, the totals the program
computed; and the facts of the contest's prize money."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from evaluator.db import Database
from evaluator.services import ranking as rs
from evaluator.services.documents import places
from evaluator.services.report_data import zone_names
from reports.excel_sheets import (
    FORMATS,
    Cell,
    Written,
    XCol,
    add_totals,
    new_workbook,
    save,
    today,
    write_facts,
    write_table,
)

# --- budget ----------------------------------------------------------------------------------


def _rule(b: Any) -> str:
    return (
        "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินทุกระดับ"
        if b.double_award == "both"
        else "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินเฉพาะระดับสูงสุด"
    )


def _per_round(wb: Workbook, report: rs.BudgetReport) -> int:
    """The sheet of rounds, its totals and the contest's total; returns its rows of data."""
    b = report.budget
    ws = wb.create_sheet("สรุปตามรอบ")
    round_cols = [
        XCol("รหัสรอบ"),
        XCol("รอบ"),
        XCol("รางวัลละ (บาท)", "baht"),
        XCol("โควตา"),
        XCol("จำนวนรางวัล", "int"),
        XCol("เงินรางวัล (บาท)", "baht"),
        XCol("รางวัลที่รอตัดสิน", "int", width=10),
        XCol("เงินที่รอตัดสิน (บาท)", "baht", width=12),
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
    totals: dict[int, int | float] = {
        5: sum(r.winners for r in b.rounds),
        6: sum(r.amount for r in b.rounds),
        7: sum(r.tie_places for r in b.rounds),
        8: sum(r.pending for r in b.rounds),
    }
    add_totals(ws, round_cols, 2, len(rows) + 1, totals)
    note_row = len(rows) + 5
    ws.cell(row=note_row, column=1, value="เงินรางวัลที่จ่ายจริงทั้งโครงการ (บาท)").font = Font(bold=True)
    total = ws.cell(row=note_row, column=6, value=b.total)
    total.number_format = FORMATS["baht"]
    total.font = Font(bold=True)
    pending = ws.cell(row=note_row, column=8, value=b.pending)
    pending.number_format = FORMATS["baht"]
    ws.cell(row=note_row + 1, column=1, value=f"หมายเหตุ: {_rule(b)}")
    return len(rows)


def _per_zone(wb: Workbook, b: Any, names: dict[int, str]) -> int:
    """Every zone with every round side by side, and totals; returns its rows of data."""
    zs = wb.create_sheet("ตามเขต")
    zone_cols = [XCol("เขตตรวจราชการ", "int", width=8), XCol("ชื่อเขต")]
    for r in b.rounds:
        zone_cols += [  # a round's long title wraps in the head
            XCol(f"รางวัล {r.title}", "int", width=14),
            XCol(f"เงิน {r.title} (บาท)", "baht", width=14),
        ]
    zone_cols += [
        XCol("ตำบลที่ได้รับรางวัล", "int", width=10),
        XCol("เงินรางวัลรวม (บาท)", "baht", width=12),
        XCol("เงินที่รอตัดสิน (บาท)", "baht", width=12),
    ]
    per_round = [{z.zone: z for z in r.zones} for r in b.rounds]
    overall = {z.zone: z for z in b.zones}
    zone_rows: list[list[Cell]] = []
    for zone in sorted(set(names) | set(overall)):
        row: list[Cell] = [zone, names.get(zone, f"เขตตรวจราชการที่ {zone}")]
        for by_zone in per_round:
            z = by_zone.get(zone)
            row += [z.winners if z else 0, z.amount if z else 0]
        o = overall.get(zone)
        row += [o.winners if o else 0, o.amount if o else 0, o.pending if o else 0]
        zone_rows.append(row)
    write_table(zs, zone_cols, zone_rows)
    sums: dict[int, int | float] = {
        c: sum(int(row[c - 1] or 0) for row in zone_rows) for c in range(3, len(zone_cols) + 1)
    }
    add_totals(zs, zone_cols, 2, len(zone_rows) + 1, sums, label_column=2)
    return len(zone_rows)


def _per_tambon(wb: Workbook, db: Database, b: Any, titles: dict[str, str]) -> int:
    """Every winning tambon with its awards and money, and the total; returns its rows."""
    ts = wb.create_sheet("รายตำบล")
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
    tambon_rows: list[list[Cell]] = []
    for a in sorted(b.awards, key=lambda a: (a.zone, a.tambon_code)):
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
    return len(tambon_rows)


def _facts(
    wb: Workbook, report: rs.BudgetReport, titles: dict[str, str], issued_on: date | None
) -> None:
    b = report.budget
    info = wb.create_sheet("ข้อมูล")
    finalised = ", ".join(
        f"{titles.get(code, code)}: {'ยืนยันแล้ว' if done else 'ยังไม่ยืนยัน'}"
        for code, done in report.finalised.items()
    )
    write_facts(
        info,
        [
            ("การประกวด", f"{report.contest_title} ({report.contest_code})"),
            ("เงินรางวัลที่จ่ายจริงทั้งโครงการ (บาท)", b.total),
            ("เงินที่อาจเพิ่มเมื่อตัดสินคะแนนเท่ากัน (บาท)", b.pending),
            ("ตำบลที่ได้รับรางวัลมากกว่าหนึ่งระดับ", len(b.double_winners)),
            ("กติกาเมื่อได้รับรางวัลหลายระดับ", _rule(b)),
            ("ผลการคัดเลือก", finalised),
            (
                "แถวรวม",
                "แถว 'รวม' ใช้สูตร =SUM; แถวสีเหลืองใต้แถวรวมคือยอดที่โปรแกรมคำนวณไว้ ใช้ตรวจสอบสูตร",
            ),
            ("วันที่ส่งออก", today(issued_on)),
        ],
    )
    for line in (3, 4):
        info.cell(row=line, column=2).number_format = FORMATS["baht"]


def write_budget(
    db: Database, path: Path, *, contest: str | None = None, issued_on: date | None = None
) -> Written:
    """The prize money: per round, per zone (every round side by side) and per tambon, with
    formula totals and the program's own totals to check them against."""
    report = rs.contest_budget(db, contest=contest)
    b = report.budget
    titles = {r.code: r.title or r.code for r in b.rounds}
    wb = new_workbook()
    rows = _per_round(wb, report)
    rows += _per_zone(wb, b, zone_names(db))
    rows += _per_tambon(wb, db, b, titles)
    _facts(wb, report, titles, issued_on)
    save(wb, path)
    return Written(Path(path), tuple(w.title for w in wb.worksheets), rows)
