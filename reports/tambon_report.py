"""The score report of one tambon (รายงานผลการประเมินรายตำบล).

For each round it takes part in (or the round asked for): its place in the ranking and why
(the ranking service's explanation), the rubric with every inspector's score side by side,
each sheet with its notes, and the photos attached to the sheets, scaled to fit. Then the
tambon's change leaders. Data from :func:`evaluator.services.report_data.tambon_report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from evaluator.db import Database
from evaluator.scoring.model import score_text
from evaluator.services.report_data import CriterionHead
from evaluator.services.tambon_data import SheetRecord, TambonReport, TambonRound, tambon_report
from reports import pdf as L
from reports import thai
from reports.certificates import place_words
from reports.summary import WrittenReport, contest_line, date_line, thai_int
from reports.summary_tables import status_text
from reports.thai_format import thai_date, thai_day, thai_digits

SHEET_STATUS = {
    "draft": "ร่าง ยังไม่ส่ง",
    "submitted": "ส่งแล้ว",
    "locked": "ส่งแล้ว ปิดผลแล้ว",
}
INSPECTORS_PER_TABLE = 5


def _value(v: float | None) -> str:
    return "–" if v is None else f"{v:g}"


def _result(r: TambonRound) -> list[Any]:
    e = r.entry
    rank = "–" if e.rank is None else (f"{e.rank}" + (f" (ร่วม {e.shared})" if e.shared > 1 else ""))
    counted = sum(1 for s in r.sheets if s.counted)
    figures = [
        L.Figure(rank, "อันดับ"),
        L.Figure(L.fmt_score(e.score), "คะแนน (เต็ม 100)"),
        L.Figure(f"{counted} / {len(r.sheets)}", "แบบประเมินที่นับได้ / ทั้งหมด"),
        L.Figure(
            L.STATUS_SHORT.get(e.status, e.status),
            "ผลในรอบนี้",
            L.STATUS_INK.get(e.status, L.NAVY),
        ),
    ]
    fill = L.STATUS_FILL.get(e.status) or L.NOTE_FILL
    edge = L.STATUS_CHART.get(e.status, L.CHART_BLUE)
    story: list[Any] = [L.KeyFigures(figures)]
    story.append(L.Note(status_text(e), fill=fill, edge=edge))
    return story


def _explanation(r: TambonRound) -> list[Any]:
    lines = [
        line
        for line in r.explanation.lines
        if not line.startswith("  - ") and not line.startswith("แบบประเมิน ")
    ]
    story: list[Any] = [L.Para("คำอธิบายผลการจัดอันดับ", L.H3, keep_with_next=True)]
    story += [L.Para(line.strip(), L.TextStyle(size=10, space_after=2)) for line in lines]
    return story


def _score(sheet: SheetRecord, index: int) -> float | None:
    return sheet.scores[index].value if index < len(sheet.scores) else None


def _matrix(criteria: Sequence[CriterionHead], sheets: Sequence[SheetRecord]) -> list[Any]:
    """The rubric with each inspector's score side by side (five inspectors a table)."""
    if not sheets:
        return [L.Para("ยังไม่มีแบบประเมินของตำบลนี้ในรอบนี้")]
    tables: list[Any] = []
    for start in range(0, len(sheets), INSPECTORS_PER_TABLE):
        group = sheets[start : start + INSPECTORS_PER_TABLE]
        columns = [
            L.Column("เกณฑ์", 3.0),
            L.Column("คะแนนเต็ม", 0.65, "right"),
            L.Column("น้ำหนัก", 0.6, "right"),
            *(L.Column(s.inspector, 1.0, "right") for s in group),
        ]
        last = start + len(group) >= len(sheets)
        counted = [s for s in sheets if s.counted]
        if last:
            columns.append(L.Column("เฉลี่ยแบบที่นับได้", 0.95, "right"))
        rows = []
        for i, c in enumerate(criteria):
            values = [_score(s, i) for s in group]
            means = [v for s in counted if (v := _score(s, i)) is not None]
            cells = [
                f"{c.code} {c.title}",
                f"{c.max_score:g}",
                f"{c.weight:g}",
                *(_value(v) for v in values),
            ]
            if last:
                cells.append(score_text(sum(means) / len(means)) if means else "–")
            rows.append(L.Row(tuple(cells)))
        totals = [
            "คะแนนรวม (เต็ม 100)",
            "",
            "100" if abs(sum(c.weight for c in criteria) - 100) < 1e-9 else "",
            *(L.fmt_score(s.total) for s in group),
        ]
        if last:
            counted_totals = [s.total for s in counted if s.total is not None]
            totals.append(
                L.fmt_score(sum(counted_totals) / len(counted_totals) if counted_totals else None)
            )
        rows.append(L.Row(tuple(totals), bold=True, fill=L.ZEBRA))
        verdicts = [
            "สถานะ / นับหรือไม่",
            "",
            "",
            *(
                ("นับ" if s.counted else "ไม่นับ") + f" ({SHEET_STATUS.get(s.status, s.status)})"
                for s in group
            ),
        ]
        if last:
            verdicts.append("")
        rows.append(L.Row(tuple(verdicts)))
        tables.append(L.Table(columns, rows, style=L.TableStyle(size=8.5, header_size=8.5)))
    return tables


def _sheet(criteria: Sequence[CriterionHead], s: SheetRecord, number: int) -> list[Any]:
    title = f"แบบประเมินที่ {thai_digits(number)}: {s.inspector}"
    if s.inspector_position:
        title += f" ({s.inspector_position})"
    facts = [f"สถานะ {SHEET_STATUS.get(s.status, s.status)}"]
    if s.submitted_at is not None:
        facts.append(f"ส่งเมื่อ {thai_date(thai_day(s.submitted_at))}")
    elif s.updated_at is not None:
        facts.append(f"แก้ไขล่าสุด {thai_date(thai_day(s.updated_at))}")
    facts.append(f"คะแนนรวม {thai_digits(L.fmt_score(s.total))}")
    facts.append("นับในการจัดอันดับ" if s.counted else f"ไม่นับในการจัดอันดับ: {s.reason or 'ไม่ทราบเหตุผล'}")
    if s.counted and s.conflict_of_interest:
        facts.append("ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล")
    if s.conflict_of:
        facts.append(f"สำเนาที่ขัดแย้งกับแบบ {s.conflict_of}")
    story: list[Any] = [
        L.Para(title, L.H3, keep_with_next=True),
        L.Para(" · ".join(facts), L.SMALL),
        L.Para(f"รหัสแบบประเมิน {s.uuid}", L.SMALL),
    ]
    if s.note:
        story.append(L.Note(f"บันทึกของผู้ประเมิน: {s.note}"))
    columns = [
        L.Column("เกณฑ์", 2.6),
        L.Column("คะแนน", 0.8, "right"),
        L.Column("หมายเหตุของผู้ประเมิน", 3.4),
    ]
    titles = {c.code: c for c in criteria}
    rows = []
    for score in s.scores:
        c = titles.get(score.criterion)
        rows.append(
            L.Row.of(
                f"{score.criterion} {c.title}" if c else score.criterion,
                f"{_value(score.value)} / {c.max_score:g}" if c else _value(score.value),
                score.note or "",
                ink=L.STATUS_INK["ineligible"] if score.value is None else None,
            )
        )
    story.append(L.Table(columns, rows, style=L.TableStyle(size=9)))
    return story


def _photos(report: TambonReport, r: TambonRound) -> list[Any]:
    if not r.photos:
        return []
    titles = {c.code: c.title for c in report.criteria}
    items = []
    for n, p in enumerate(r.photos, start=1):
        parts = [f"ภาพที่ {thai_digits(n)}"]
        if p.caption:
            parts.append(p.caption)
        who = f"โดย {p.inspector}"
        if p.criterion:
            who += f" เกณฑ์ {p.criterion} {titles.get(p.criterion, '')}".rstrip()
        parts.append(who)
        items.append(L.PhotoItem(p.data, " — ".join(parts)))
    story: list[Any] = [
        L.CondPageBreak(260),
        L.Para(f"ภาพประกอบ ({thai_int(len(items))} ภาพ)", L.H3, keep_with_next=True),
    ]
    for start in range(0, len(items), 2):
        story.append(L.PhotoGrid(items[start : start + 2]))
    return story


def _round(report: TambonReport, r: TambonRound) -> list[Any]:
    story: list[Any] = [L.heading(f"รอบ{r.round_title}", outline=f"รอบ{r.round_title}")]
    story.append(
        L.Para(
            "ผลรอบนี้ยืนยันแล้ว" + (f" รหัสตรวจสอบผล (SHA-256) {r.result_hash}" if r.result_hash else "")
            if r.finalised
            else "ผลรอบนี้ยังไม่ยืนยัน (ฉบับร่าง) อาจเปลี่ยนแปลงได้",
            L.SMALL,
        )
    )
    story += _result(r)
    story += _explanation(r)
    first, *more = _matrix(report.criteria, r.sheets)
    story += [L.keep(L.Para("คะแนนรายเกณฑ์ของผู้ประเมินแต่ละคน", L.H3), first), *more]
    for n, s in enumerate(r.sheets, start=1):
        story += [L.CondPageBreak(220), *_sheet(report.criteria, s, n)]
    story += _photos(report, r)
    return story


def tambon_story(report: TambonReport) -> list[Any]:
    """Everything the tambon report draws, in order."""
    place = place_words(report.tambon, report.district, report.province)
    info = [
        ("รหัสตำบล", report.tambon_code),
        ("เขตตรวจราชการ", thai_digits(report.zone_name)),
        ("หมู่บ้านเป้าหมาย", report.focus_village or "–"),
        ("ผู้นำการเปลี่ยนแปลง", f"{thai_int(len(report.leaders))} คน"),
        ("การประกวด", contest_line(report.contest_title)),
    ]
    story: list[Any] = [
        L.Para("รายงานผลการประเมินรายตำบล", L.TITLE),
        L.Para(place, L.SUBTITLE),
        L.Table(
            [L.Column("", 1.0), L.Column("", 3.2)],
            [L.Row.of(k, v) for k, v in info],
            repeat_header=False,
            style=L.TableStyle(size=10, zebra=True),
        ),
    ]
    for r in report.rounds:
        story += _round(report, r)
    if report.leaders:
        table = L.Table(
            [L.Column("ที่", 0.4, "centre"), L.Column("ชื่อ-สกุล", 2.2), L.Column("ตำแหน่ง", 3.0)],
            [L.Row.of(n, ld.name, ld.position) for n, ld in enumerate(report.leaders, start=1)],
        )
        title = L.heading("รายชื่อผู้นำการเปลี่ยนแปลง")
        if len(report.leaders) <= 25:  # a page at most: kept whole with its heading
            story.append(L.keep(title, table))
        else:
            story += [title, table]
    return story


def doc_info(report: TambonReport, issued_on: date) -> L.DocInfo:
    final = all(r.finalised for r in report.rounds)
    return L.DocInfo(
        title=f"รายงานผลการประเมิน ตำบล{report.tambon} ({report.tambon_code})",
        contest=contest_line(report.contest_title),
        date_text=date_line(issued_on),
        draft_mark=None if final else "ฉบับร่าง ผลยังไม่ยืนยัน",
        subject=f"{report.contest_code} {report.tambon_code}",
        keywords=(report.contest_code, report.tambon_code),
    )


def write_tambon_pdf(report: TambonReport, path: Path, *, issued_on: date | None = None) -> int:
    """Write the report of a tambon already read; returns the number of pages."""
    return L.build_pdf(path, tambon_story(report), doc_info(report, issued_on or thai_day(None)))


def write_tambon_report(
    db: Database,
    tambon_code: str,
    path: Path,
    *,
    round_code: str | None = None,
    contest: str | None = None,
    issued_on: date | None = None,
) -> WrittenReport:
    """Read a tambon and write its score report to ``path``."""
    report = tambon_report(db, tambon_code, round_code=round_code, contest=contest)
    with thai.using(thai.names_of(db)):  # no name of the database cut at a line's end
        pages = write_tambon_pdf(report, path, issued_on=issued_on)
    return WrittenReport(path, pages, draft=not all(r.finalised for r in report.rounds))
