"""The fields of a sheet's lessons learned (ถอดบทเรียน), DESIGN.md section 7: one table for the
database, the form, packages, scoresheets and documents. No database and no Qt here."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LESSON_TEXT = 20_000
"""The longest text one lesson field takes (as a package's text fields)."""


@dataclass(frozen=True)
class LessonField:
    """One field: its key (the column and the wire name), its Thai and English titles, and the
    question the inspector answers."""

    key: str
    title: str
    title_en: str
    prompt: str


LESSON_FIELDS: tuple[LessonField, ...] = (
    LessonField(
        "good_practices",
        "แนวปฏิบัติที่ดี",
        "Good practices",
        "ตำบลทำอะไรได้ดี ทำอย่างไร",
    ),
    LessonField(
        "success_factors",
        "ปัจจัยแห่งความสำเร็จ",
        "Success factors",
        "อะไรทำให้สำเร็จ (คน กลุ่ม ภาคี ทุน ความรู้)",
    ),
    LessonField(
        "obstacles",
        "ปัญหาอุปสรรคและวิธีแก้ไข",
        "Obstacles and how they were overcome",
        "ติดขัดอะไร และผ่านมาได้อย่างไร",
    ),
    LessonField(
        "transferable",
        "สิ่งที่ตำบลอื่นนำไปใช้ได้",
        "What other tambons can copy",
        "ตำบลอื่นนำอะไรไปทำต่อได้ และต้องมีอะไรก่อน",
    ),
    LessonField(
        "village_results",
        "ผลที่เกิดกับหมู่บ้านเป้าหมาย",
        "The focus village's results",
        "ครัวเรือน ผลผลิต รายได้ หรือรายจ่ายที่เปลี่ยนไป",
    ),
)

LESSON_KEYS: tuple[str, ...] = tuple(f.key for f in LESSON_FIELDS)
