"""The fields of a sheet's lessons learned (ถอดบทเรียน), DESIGN.md section 7: one table for the
database, the form, packages, scoresheets and documents, the one plain type of a sheet's lessons
(:class:`Lessons`) and the one rule for their text (:func:`clean_lesson_text`). No database and
no Qt here."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.i18n import language
from evaluator.text import normalise

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
    prompt_en: str

    def label(self, lang: str | None = None) -> str:
        """The title for a screen, in ``lang`` (default: the current language); documents keep
        ``title``, the Thai."""
        return self.title_en if (lang or language()) == "en" else self.title

    def question(self, lang: str | None = None) -> str:
        """The question the inspector answers, in ``lang`` (default: the current language)."""
        return self.prompt_en if (lang or language()) == "en" else self.prompt


LESSON_FIELDS: tuple[LessonField, ...] = (
    LessonField(
        "good_practices",
        "แนวปฏิบัติที่ดี",
        "Good practices",
        "ตำบลทำอะไรได้ดี ทำอย่างไร",
        "What the tambon does well, and how",
    ),
    LessonField(
        "success_factors",
        "ปัจจัยแห่งความสำเร็จ",
        "Success factors",
        "อะไรทำให้สำเร็จ (คน กลุ่ม ภาคี ทุน ความรู้)",
        "What made it work (people, groups, partners, funds, knowledge)",
    ),
    LessonField(
        "obstacles",
        "ปัญหาอุปสรรคและวิธีแก้ไข",
        "Obstacles and how they were overcome",
        "ติดขัดอะไร และผ่านมาได้อย่างไร",
        "What got in the way, and how it was overcome",
    ),
    LessonField(
        "transferable",
        "สิ่งที่ตำบลอื่นนำไปใช้ได้",
        "What other tambons can copy",
        "ตำบลอื่นนำอะไรไปทำต่อได้ และต้องมีอะไรก่อน",
        "What other tambons can take up, and what they need first",
    ),
    LessonField(
        "village_results",
        "ผลที่เกิดกับหมู่บ้านเป้าหมาย",
        "The focus village's results",
        "ครัวเรือน ผลผลิต รายได้ หรือรายจ่ายที่เปลี่ยนไป",
        "Households, produce, income or spending that changed",
    ),
)

LESSON_KEYS: tuple[str, ...] = tuple(f.key for f in LESSON_FIELDS)


@dataclass(frozen=True)
class Lessons:
    """The five fields of a sheet's lessons, as the services, packages and scoresheets carry
    them ("" where nothing was written).

    Lessons are *empty* when no field has visible text: a field of spaces, line breaks or
    zero-width characters counts as nothing, on the form as in a package. Text read from
    outside (a package, a scoresheet) is cleaned by :func:`clean_lesson_text` first, exactly as
    typed text is, so a lesson of only white space is never carried, stored or compared: it
    cannot make a conflict nobody can see, nor a lessons row nobody can list or mark.
    """

    good_practices: str = ""
    success_factors: str = ""
    obstacles: str = ""
    transferable: str = ""
    village_results: str = ""

    @property
    def empty(self) -> bool:
        return not any(getattr(self, k).translate(_ZERO_WIDTH).strip() for k in LESSON_KEYS)

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in LESSON_KEYS}

    def joined(self) -> str:
        """Every field in one text (for searching and counting themes)."""
        return "\n".join(getattr(self, k) for k in LESSON_KEYS)

    @classmethod
    def of(cls, row: object | None) -> Lessons:
        """The lessons of anything with the five fields as attributes (a database row); none
        for None."""
        if row is None:
            return NO_LESSONS
        return cls(**{k: getattr(row, k) or "" for k in LESSON_KEYS})

    @classmethod
    def cleaned(cls, texts: dict[str, str]) -> Lessons:
        """Lessons from texts read outside the program (a package, a scoresheet), each cleaned
        as typed text is; fields not given are empty."""
        return cls(**{k: clean_lesson_text(texts.get(k) or "") for k in LESSON_KEYS})


NO_LESSONS = Lessons()

_ZERO_WIDTH = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")


def clean_lesson_text(text: str) -> str:
    """A lesson field as stored: line ends unified, zero-width characters and trailing spaces
    taken away, Unicode NFC, a line of only spaces made empty (line breaks kept: these are
    paragraphs), empty lines at the start and end taken away. Cleaning twice changes nothing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH).split("\n")
    kept = [normalise(line) if line.strip() else "" for line in lines]
    return "\n".join(kept).strip("\n")
