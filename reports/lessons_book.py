"""The good-practice book (หนังสือแนวปฏิบัติที่ดี): the lessons learned of the tambons that won
the contest's top round and of those whose practices the committee marked worth spreading, each
with its lessons (every inspector's, by field) and photos; Thai fonts embedded through
:mod:`reports.pdf`.

Data from :mod:`evaluator.services.lessons_report`. ``evaluator export lessons-book --out
FILE.pdf`` writes it (the command is in :mod:`reports.reports_cli`), and so does the
documents view.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from evaluator.db import Database
from evaluator.lesson_fields import LESSON_FIELDS
from evaluator.services import ranking as rs
from evaluator.services.lessons_report import (
    BookTambon,
    LessonsReport,
    book_tambons,
    lessons_report,
)
from reports import pdf as L
from reports.summary import WrittenReport, contest_line, date_line
from reports.thai_format import thai_day, thai_digits

TITLE = "หนังสือแนวปฏิบัติที่ดี"
SUBTITLE = "ถอดบทเรียนตำบลผู้นำการเปลี่ยนแปลง"


def _why(t: BookTambon) -> str:
    parts = []
    if t.award:
        parts.append(f"ได้รับรางวัล{t.award}")
    if t.marked:
        parts.append("คณะกรรมการคัดเลือกเป็นแนวปฏิบัติที่ควรขยายผล")
    return f"เขตตรวจราชการที่ {thai_digits(str(t.zone))} · " + " · ".join(parts)


def _tambon(t: BookTambon, number: int) -> list[Any]:
    story: list[Any] = [
        L.CondPageBreak(260),
        L.heading(f"{thai_digits(str(number))}. {t.place}", 1, outline=f"ตำบล{t.tambon}"),
        L.Para(_why(t), L.SMALL),
    ]
    for field in LESSON_FIELDS:
        texts = t.fields.get(field.key, ())
        if not texts:
            continue
        story.append(L.Para(field.title, L.H3, keep_with_next=True))
        for text in texts:
            for i, line in enumerate(x for x in text.split("\n") if x.strip()):
                bullet = "•" if i == 0 else " "
                story.append(L.Para(f"{bullet} {line.strip()}", replace(L.BODY, indent=10)))
    for note in t.notes:
        story.append(L.Note(f"ความเห็นของคณะกรรมการ: {note}"))
    photos = [L.PhotoItem(p.data, p.caption or f"ตำบล{t.tambon}") for p in t.photos]
    for start in range(0, len(photos), 2):
        story.append(L.PhotoGrid(photos[start : start + 2], image_height=150))
    return story


def book_story(rep: LessonsReport, tambons: list[BookTambon], *, draft: bool) -> list[Any]:
    """Everything the book draws, in order."""
    winners = sum(1 for t in tambons if t.award)
    marked = sum(1 for t in tambons if t.marked and not t.award)
    story: list[Any] = [
        L.Spacer(1, 120),
        L.Para(TITLE, L.TITLE),
        L.Para(SUBTITLE, L.SUBTITLE),
        L.Para(contest_line(rep.contest_title), L.BODY_CENTRED),
        L.Spacer(1, 24),
        L.Para(
            f"ตำบลที่ได้รับรางวัล{rep.top_round_title} {L.thai_int(winners)} ตำบล"
            f" และตำบลที่คณะกรรมการคัดเลือกแนวปฏิบัติให้ขยายผล {L.thai_int(marked)} ตำบล",
            L.BODY_CENTRED,
        ),
    ]
    if draft:
        story.append(
            L.Note(
                f"ผลรอบ{rep.top_round_title}ยังไม่ยืนยัน รายชื่อตำบลที่ได้รับรางวัลในเล่มนี้ยังเปลี่ยนแปลงได้",
                fill=L.DRAFT_FILL,
                edge=L.DRAFT_RED,
            )
        )
    story += [L.PageBreak(), L.heading("บทนำ")]
    story.append(
        L.Para(
            "หนังสือเล่มนี้รวบรวมบทเรียนที่ผู้ประเมินบันทึกจากการลงพื้นที่ตำบลเป้าหมาย"
            " ทั้งแนวปฏิบัติที่ดี ปัจจัยแห่งความสำเร็จ ปัญหาอุปสรรคและวิธีแก้ไข"
            " สิ่งที่ตำบลอื่นนำไปใช้ได้ และผลที่เกิดกับหมู่บ้านเป้าหมาย"
            " เพื่อให้ตำบลอื่นนำไปปรับใช้ในการสร้างความมั่นคงทางอาหารของชุมชน"
            " ข้อความเป็นของผู้ประเมินแต่ละคน ตำบลที่มีผู้ประเมินหลายคนจึงมีหลายมุมมอง"
        )
    )
    if rep.themes:
        story.append(L.heading("ประเด็นที่พบบ่อยในบทเรียนของทุกตำบล", 1))
        story.append(
            L.Table(
                [L.Column("ประเด็น", 4.0), L.Column("จำนวนตำบล", 1.2, "right")],
                [L.Row.of(t.theme.title, L.fmt_int(t.count)) for t in rep.themes],
            )
        )
        story.append(
            L.Para(
                "นับจากคำสำคัญของแต่ละประเด็นในบทเรียนที่ตัดคำแล้ว ตำบลละหนึ่งครั้งต่อประเด็น"
                " (นับคำ ไม่ได้อ่านความหมาย)",
                L.SMALL,
            )
        )
    if not tambons:
        story.append(L.Para("ยังไม่มีตำบลที่ได้รับรางวัลหรือแนวปฏิบัติที่คณะกรรมการคัดเลือกซึ่งมีบทเรียนบันทึกไว้"))
        return story
    story += [L.PageBreak(), L.heading("บทเรียนรายตำบล")]
    for number, t in enumerate(tambons, start=1):
        story += _tambon(t, number)
    return story


def write_lessons_book(
    db: Database, path: Path, *, contest: str | None = None, issued_on: date | None = None
) -> WrittenReport:
    """Read the contest's lessons and write the good-practice book to ``path``."""
    rep = lessons_report(db, contest=contest)
    tambons = book_tambons(db, rep)
    rounds = [r for r in rs.list_rounds(db) if r.contest_code == rep.contest_code]
    draft = bool(rounds) and not rounds[-1].finalised and any(t.award for t in tambons)
    info = L.DocInfo(
        title=TITLE,
        contest=contest_line(rep.contest_title),
        date_text=date_line(issued_on or thai_day(None)),
        draft_mark=f"ฉบับร่าง ผลรอบ{rep.top_round_title}ยังไม่ยืนยัน" if draft else None,
        subject=rep.contest_code,
        keywords=(rep.contest_code, "lessons"),
    )
    pages = L.build_pdf(path, book_story(rep, tambons, draft=draft), info)
    return WrittenReport(path, pages, draft=draft)
