"""Lessons learned read for the documents: the executive summary's chapter (themes counted
across tambons, the marked practices) and the good-practice book (the top round's winners and
the tambons whose practices the committee marked worth spreading, each with its lessons and
photos).

Like :mod:`evaluator.services.report_data`, a read for documents: the command or view that
writes the document checks who may export it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.lesson_fields import LESSON_KEYS
from evaluator.lesson_themes import ThemeCount
from evaluator.services import ranking as rs
from evaluator.services.lessons import LessonEntry, lesson_entries, themes

MAX_BOOK_PHOTOS = 4
"""Photos shown per tambon in the good-practice book."""


@dataclass(frozen=True)
class BookPhoto:
    """A photo of one of a tambon's sheets (the bytes travel with it: the book embeds it)."""

    sha256: str
    caption: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class BookTambon:
    """One tambon of the good-practice book: why it is there, its lessons (every inspector's,
    by field, each text once), the committee's notes, and a few photos."""

    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int
    award: str  # the round it won, or "" when it is in the book for a marked practice
    marked: bool
    fields: dict[str, tuple[str, ...]]
    notes: tuple[str, ...]
    photos: tuple[BookPhoto, ...]

    @property
    def place(self) -> str:
        return f"ตำบล{self.tambon} อำเภอ{self.district} จังหวัด{self.province}"


@dataclass(frozen=True)
class LessonsReport:
    """What the documents print of the lessons learned of a contest."""

    contest_code: str
    contest_title: str
    top_round_title: str
    entries: tuple[LessonEntry, ...]
    themes: tuple[ThemeCount, ...]
    marked: tuple[LessonEntry, ...]

    @property
    def tambons(self) -> int:
        """How many tambons have lessons."""
        return len({e.tambon_code for e in self.entries})


def lessons_report(db: Database, *, contest: str | None = None) -> LessonsReport:
    """Every lesson written in the contest's rounds (not conflict copies), their themes
    counted across tambons, and the practices marked worth spreading."""
    rounds = [r for r in rs.list_rounds(db) if contest is None or r.contest_code == contest]
    code = rounds[0].contest_code if rounds else (contest or "")
    rounds = [r for r in rounds if r.contest_code == code]
    with db.transaction() as s:
        title = s.scalar(select(m.Contest.title).where(m.Contest.code == code)) or ""
        entries = [
            e
            for r in rounds
            for e in lesson_entries(s, round_code=r.code)
            if not e.texts.empty and e.round_code == r.code
        ]
    marked = tuple(e for e in entries if e.spread is not None)
    return LessonsReport(
        contest_code=code,
        contest_title=title,
        top_round_title=(rounds[-1].title or rounds[-1].code) if rounds else "",
        entries=tuple(entries),
        themes=tuple(themes(entries)),
        marked=marked,
    )


def _photos(db: Database, sheet_ids: list[int]) -> list[BookPhoto]:
    if not sheet_ids:
        return []
    with db.transaction() as s:
        rows = s.execute(
            select(m.Photo.sha256, m.Photo.caption, m.Photo.mime_type, m.Photo.data)
            .where(m.Photo.sheet_id.in_(sheet_ids))
            .order_by(m.Photo.sheet_id, m.Photo.id)
        ).all()
    seen: set[str] = set()
    out: list[BookPhoto] = []
    for digest, caption, mime, data in rows:
        if digest in seen or mime not in ("image/jpeg", "image/png"):
            continue
        seen.add(digest)
        out.append(BookPhoto(digest, caption or "", mime, bytes(data)))
        if len(out) == MAX_BOOK_PHOTOS:
            break
    return out


def book_tambons(db: Database, report: LessonsReport) -> list[BookTambon]:
    """The tambons of the good-practice book, in zone and tambon order: the winners of the
    contest's top round (its current ranking; a finalised round's stored result) and the
    tambons with a practice marked worth spreading; only those with lessons written."""
    rounds = [r for r in rs.list_rounds(db) if r.contest_code == report.contest_code]
    winners: dict[str, str] = {}
    if rounds:
        top = rounds[-1]
        ranking = rs.rank_round(db, top.code, contest=report.contest_code)
        winners = {
            e.tambon_code: top.title or top.code for e in ranking.entries if e.status == "winner"
        }
    marked = {e.tambon_code for e in report.marked}
    by_tambon: dict[str, list[LessonEntry]] = defaultdict(list)
    for e in report.entries:
        if e.tambon_code in winners or e.tambon_code in marked:
            by_tambon[e.tambon_code].append(e)
    out: list[BookTambon] = []
    for code, entries in by_tambon.items():
        first = entries[0]
        fields: dict[str, tuple[str, ...]] = {}
        for key in LESSON_KEYS:
            texts = [getattr(e.texts, key).strip() for e in entries]
            fields[key] = tuple(dict.fromkeys(t for t in texts if t))
        notes = tuple(dict.fromkeys(e.spread.note for e in entries if e.spread and e.spread.note))
        out.append(
            BookTambon(
                tambon_code=code,
                tambon=first.tambon,
                district=first.district,
                province=first.province,
                zone=first.zone,
                award=winners.get(code, ""),
                marked=code in marked,
                fields=fields,
                notes=notes,
                photos=tuple(_photos(db, [e.sheet_id for e in entries])),
            )
        )
    return sorted(out, key=lambda t: (t.award == "", t.zone, t.province, t.tambon, t.tambon_code))
