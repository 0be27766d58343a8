"""The executive summary's chapter of lessons learned (ถอดบทเรียน): how many tambons wrote
lessons, the themes counted across tambons (with the counting method said in plain words), and
the practices the committee marked worth spreading, quoted with their tambon.

Data from :func:`evaluator.services.lessons_report.lessons_report`; layout from
:mod:`reports.pdf`. :func:`lessons_chapter` is called by :mod:`reports.executive`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from evaluator.db import Database
from evaluator.services.lessons import LessonEntry
from evaluator.services.lessons_report import LessonsReport, lessons_report
from reports import pdf as L
from reports.thai_format import thai_digits

MAX_QUOTES = 12
"""The marked practices quoted in the chapter (the rest are in the good-practice book)."""
QUOTE_CHARS = 360
"""A quote longer than this is cut at a word and ends with an ellipsis."""

METHOD = (
    "วิธีนับ: ตัดคำในบทเรียนทุกช่องด้วยโปรแกรมตัดคำภาษาไทย (PyThaiNLP) แล้วหาคำสำคัญของแต่ละประเด็น"
    " (เช่น ผักสวนครัว ธนาคารข้าว บ่อปลา ปุ๋ยหมัก) ที่ขึ้นต้นและจบตรงขอบคำ นับตำบลละหนึ่งครั้งต่อประเด็น"
    " ไม่ว่าผู้ประเมินกี่คนหรือกี่ช่องจะกล่าวถึง การนับนี้นับคำ ไม่ได้อ่านความหมาย"
    " บทเรียนที่เขียนว่า “ยังไม่มีธนาคารข้าว” จึงนับเป็นประเด็นธนาคารข้าวด้วย"
)


PLACE = replace(L.BODY, weight="semibold", space_before=4, space_after=1)


def _cut(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + " …"


def _quote(e: LessonEntry) -> list[Any]:
    practice = e.texts.good_practices or e.texts.transferable or e.texts.success_factors
    lines = [
        L.Para(
            f"{e.place} (เขต {thai_digits(str(e.zone))})",
            replace(L.BODY, weight="semibold", space_before=4, space_after=1),
        ),
        L.Para(f"“{_cut(practice)}”", replace(L.BODY, indent=12)),
    ]
    if e.texts.transferable and e.texts.transferable != practice:
        lines.append(
            L.Para(f"ตำบลอื่นนำไปใช้ได้: {_cut(e.texts.transferable, 200)}", replace(L.BODY, indent=12))
        )
    if e.spread is not None and e.spread.note:
        lines.append(
            L.Para(f"ความเห็นคณะกรรมการ: {_cut(e.spread.note, 200)}", replace(L.SMALL, indent=12))
        )
    return [L.keep(*lines)]


def spread_over_zones(entries: tuple[LessonEntry, ...]) -> list[LessonEntry]:
    """The entries taken zone by zone in turn (the first of every zone, then the second…), so
    that the quotes of a short chapter come from across the country."""
    by_zone: dict[int, list[LessonEntry]] = {}
    for e in entries:
        by_zone.setdefault(e.zone, []).append(e)
    out: list[LessonEntry] = []
    depth = 0
    while len(out) < len(entries):
        for zone in sorted(by_zone):
            if depth < len(by_zone[zone]):
                out.append(by_zone[zone][depth])
        depth += 1
    return out


def chapter_story(rep: LessonsReport, number: str = "") -> list[Any]:
    """The chapter from lessons already read; ``number`` prefixes its heading (e.g. "๖.")."""
    title = f"{number} ถอดบทเรียน".strip()
    story: list[Any] = [L.CondPageBreak(200), L.heading(title)]
    if not rep.entries:
        story.append(
            L.Para(
                "ยังไม่มีผู้ประเมินบันทึกบทเรียนในแบบประเมิน (บันทึกได้ในหมวด “ถอดบทเรียน” ของแบบประเมินแต่ละตำบล)"
            )
        )
        return story
    zones = len({e.zone for e in rep.entries})
    story.append(
        L.Para(
            f"ผู้ประเมินบันทึกบทเรียนของตำบลเป้าหมายแล้ว {L.thai_int(rep.tambons)} ตำบล"
            f" ใน {L.thai_int(zones)} เขตตรวจราชการ รวม {L.thai_int(len(rep.entries))} แบบประเมิน"
            f" คณะกรรมการคัดเลือกแนวปฏิบัติที่ควรขยายผล {L.thai_int(len(rep.marked))} รายการ"
        )
    )
    if rep.themes:
        story.append(L.heading("ประเด็นที่พบบ่อย", 1))
        rows = [
            L.Row.of(
                t.theme.title,
                L.fmt_int(t.count),
                f"{100 * t.count / rep.tambons:.0f}%",
            )
            for t in rep.themes
        ]
        story.append(
            L.Table(
                [
                    L.Column("ประเด็น", 4.0),
                    L.Column("จำนวนตำบล", 1.2, "right"),
                    L.Column("ร้อยละของตำบลที่มีบทเรียน", 1.8, "right"),
                ],
                rows,
            )
        )
        story.append(L.Para(METHOD, L.SMALL))
    story.append(L.heading("แนวปฏิบัติที่ควรขยายผล", 1))
    if not rep.marked:
        story.append(L.Para("คณะกรรมการยังไม่ได้คัดเลือกแนวปฏิบัติที่ควรขยายผล"))
        return story
    for e in spread_over_zones(rep.marked)[:MAX_QUOTES]:
        story += _quote(e)
    if len(rep.marked) > MAX_QUOTES:
        story.append(
            L.Para(
                f"และอีก {L.thai_int(len(rep.marked) - MAX_QUOTES)} รายการ"
                " ดูทั้งหมดในหนังสือแนวปฏิบัติที่ดี (export lessons-book)",
                L.SMALL,
            )
        )
    return story


def lessons_chapter(db: Database, contest: str | None, number: str = "") -> list[Any]:
    """Read the contest's lessons and draw the chapter (see :func:`chapter_story`)."""
    return chapter_story(lessons_report(db, contest=contest), number)
