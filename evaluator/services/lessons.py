"""Lessons learned (ถอดบทเรียน, DESIGN.md section 7): an inspector writes them on their sheet, the
committee marks the practices worth spreading, and everyone who may see the sheets lists and
searches them; the themes are counted across tambons (:mod:`evaluator.lesson_themes`).

The lessons belong to the sheet: saving them is a change of the sheet (its version grows, it is
audited, and the sheet's seal covers them), allowed to whoever may edit the sheet while it is an
open draft. The committee's mark is not the inspector's content (it does not change the sheet's
version, and packages do not carry it) but it is audited and sealed all the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, NotFoundError, Problem
from evaluator.i18n import Catalog
from evaluator.lesson_fields import (
    LESSON_FIELDS,
    LESSON_KEYS,
    MAX_LESSON_TEXT,
    Lessons,
    clean_lesson_text,
)
from evaluator.lesson_themes import ThemeCount, count_themes
from evaluator.permissions import (
    Action,
    UserInfo,
    allowed,
    require,
    require_sheet_edit,
    require_sheet_view,
)
from evaluator.services.rounds import ensure_round_open
from evaluator.services.users import user_in
from evaluator.text import normalise

# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """The committee's mark: the practice is worth spreading."""

    by: str
    at: datetime
    note: str


@dataclass(frozen=True)
class LessonEntry:
    """One sheet's lessons with the place they come from and the committee's mark."""

    sheet_id: int
    sheet_uuid: str
    round_code: str
    round_title: str
    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int
    inspector: str
    texts: Lessons
    updated_at: datetime
    spread: Spread | None

    @property
    def place(self) -> str:
        """ตำบล… อำเภอ… จังหวัด… (the documents' Thai)"""
        return f"ตำบล{self.tambon} อำเภอ{self.district} จังหวัด{self.province}"

    def place_in(self, lang: str | None = None) -> str:
        """The place for a screen, in ``lang`` (default: the current language)."""
        return PLACE.text(
            "place", lang, tambon=self.tambon, district=self.district, province=self.province
        )


PLACE = Catalog(
    "lesson_place",
    {
        "place": (
            "ตำบล{tambon} อำเภอ{district} จังหวัด{province}",
            "Tambon {tambon}, district {district}, province {province}",
        )
    },
)


@dataclass(frozen=True)
class LessonSaved:
    """What saving the lessons left behind: the sheet's new version and the texts stored."""

    sheet_id: int
    version: int
    updated_at: datetime
    texts: Lessons


# --- helpers ---------------------------------------------------------------------------------


def check_texts(changes: Mapping[str, object], where: str = "") -> dict[str, str]:
    """The lesson fields of ``changes``, cleaned; InputError names every unknown or bad field."""
    problems: list[Problem] = []
    out: dict[str, str] = {}
    for key, value in changes.items():
        if key not in LESSON_KEYS:
            problems.append(
                Problem(f"ไม่มีช่องบทเรียน '{key}' — no such lesson field", file=where or None)
            )
        elif not isinstance(value, str):
            problems.append(Problem("ต้องเป็นข้อความ — must be a text", field=key))
        elif len(value) > MAX_LESSON_TEXT:
            problems.append(
                Problem(
                    f"ยาวเกิน {MAX_LESSON_TEXT:,} ตัวอักษร — longer than {MAX_LESSON_TEXT:,}"
                    " characters",
                    field=key,
                )
            )
        else:
            out[key] = clean_lesson_text(value)
    if problems:
        raise InputError(problems)
    return out


def lesson_row(session: Session, sheet_id: int) -> m.Lesson | None:
    return session.scalar(select(m.Lesson).where(m.Lesson.sheet_id == sheet_id))


def _sheet(session: Session, sheet_id: int) -> m.Sheet:
    sheet = session.get(m.Sheet, sheet_id)
    if sheet is None:
        raise NotFoundError(f"ไม่พบแบบประเมินหมายเลข {sheet_id} — no sheet {sheet_id}")
    return sheet


def _spread(lesson: m.Lesson | None) -> Spread | None:
    if lesson is None or lesson.spread_by is None or lesson.spread_at is None:
        return None
    return Spread(lesson.spread_by, lesson.spread_at, lesson.spread_note or "")


# --- the inspector's lessons -----------------------------------------------------------------


def get_lessons(db: Database, user: UserInfo, sheet_id: int) -> Lessons:
    """A sheet's lessons (empty when none were written); whoever may see the sheet."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        sheet = _sheet(s, sheet_id)
        require_sheet_view(actor, sheet.inspector_id)
        return Lessons.of(lesson_row(s, sheet.id))


def save_lessons(
    db: Database, user: UserInfo, sheet_id: int, changes: Mapping[str, object]
) -> LessonSaved:
    """Write some of a sheet's lesson fields (the others stay as they are): the sheet's
    inspector (or an admin), while the sheet is an open draft. A change bumps the sheet's
    version and is audited; writing what is already there changes nothing."""
    wanted = check_texts(changes)
    with db.transaction() as s:
        actor = user_in(s, user.id)
        sheet = _sheet(s, sheet_id)
        require_sheet_edit(actor, sheet.inspector_id)
        ensure_round_open(
            s, sheet.round_id, actor.login, audit.Source.KEYBOARD, attempted=sheet.uuid
        )
        if sheet.status is m.SheetStatus.LOCKED:
            raise LockedError("แบบประเมินนี้ปิดผลแล้ว — this sheet is locked")
        if sheet.status is not m.SheetStatus.DRAFT:
            raise InputError(
                [
                    Problem(
                        "แบบประเมินส่งแล้ว ต้องเปิดกลับเป็นร่างก่อนแก้ไขบทเรียน"
                        " — the sheet is submitted; reopen it as a draft to edit its lessons"
                    )
                ]
            )
        row = lesson_row(s, sheet.id)
        before = Lessons.of(row)
        after = Lessons(**{**before.as_dict(), **wanted})
        if after == before:
            return LessonSaved(sheet.id, sheet.version, sheet.updated_at, before)
        if row is None:
            row = m.Lesson(sheet_id=sheet.id, spread_note="")
            s.add(row)
        for key, value in wanted.items():
            setattr(row, key, value)
        row.updated_at = m.utcnow()
        sheet.version += 1
        sheet.updated_at = row.updated_at
        changed = [k for k in LESSON_KEYS if getattr(before, k) != getattr(after, k)]
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "set_lessons",
                    "lesson",
                    sheet.uuid,
                    old={k: getattr(before, k) for k in changed},
                    new={k: getattr(after, k) for k in changed},
                )
            ],
        )
        return LessonSaved(sheet.id, sheet.version, sheet.updated_at, after)


# --- the committee's mark --------------------------------------------------------------------


def mark_spread(db: Database, user: UserInfo, sheet_id: int, note: str = "") -> LessonEntry:
    """Mark a sheet's lessons as worth spreading (committee or admin), with an optional note
    (why). Marking again replaces the note. A sheet without lessons cannot be marked; neither
    can a conflict copy."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.MARK_LESSON)
        sheet = _sheet(s, sheet_id)
        if sheet.conflict_of is not None:
            raise InputError(
                [
                    Problem(
                        "ฉบับขัดแย้งทำเครื่องหมายไม่ได้ ตัดสินข้อขัดแย้งก่อน"
                        " — a conflict copy cannot be marked; resolve the conflict first"
                    )
                ]
            )
        row = lesson_row(s, sheet.id)
        if row is None or Lessons.of(row).empty:
            raise InputError([Problem("แบบประเมินนี้ยังไม่มีบทเรียน — this sheet has no lessons yet")])
        clean = clean_lesson_text(note)
        old = None if row.spread_by is None else {"by": row.spread_by, "note": row.spread_note}
        if row.spread_by is not None and row.spread_note == clean:
            return lesson_entries(s, [sheet.id])[0]
        row.spread_by = actor.login
        row.spread_at = m.utcnow()
        row.spread_note = clean
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "mark_spread", "lesson", sheet.uuid, old, {"by": actor.login, "note": clean}
                )
            ],
        )
        return lesson_entries(s, [sheet.id])[0]


def unmark_spread(db: Database, user: UserInfo, sheet_id: int, reason: str = "") -> LessonEntry:
    """Take the worth-spreading mark away (committee or admin); the reason is logged."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.MARK_LESSON)
        sheet = _sheet(s, sheet_id)
        row = lesson_row(s, sheet.id)
        if row is None or row.spread_by is None:
            raise InputError([Problem("บทเรียนนี้ไม่ได้ทำเครื่องหมายไว้ — these lessons are not marked")])
        old = {"by": row.spread_by, "note": row.spread_note}
        row.spread_by = None
        row.spread_at = None
        row.spread_note = ""
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "unmark_spread", "lesson", sheet.uuid, old, None, clean_lesson_text(reason)
                )
            ],
        )
        return lesson_entries(s, [sheet.id])[0]


# --- lists -----------------------------------------------------------------------------------


def lesson_entries(
    session: Session, sheet_ids: list[int] | None = None, **where: object
) -> list[LessonEntry]:
    query = (
        select(
            m.Lesson,
            m.Sheet.uuid,
            m.Sheet.id,
            m.Round.code,
            m.Round.title,
            m.Tambon.code,
            m.Tambon.name_th,
            m.District.name_th,
            m.Province.name_th,
            m.Province.zone_number,
            m.Inspector.name,
        )
        .join(m.Sheet, m.Lesson.sheet_id == m.Sheet.id)
        .join(m.Round, m.Sheet.round_id == m.Round.id)
        .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
        .join(m.District, m.Tambon.district_code == m.District.code)
        .join(m.Province, m.District.province_code == m.Province.code)
        .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
        .order_by(m.Round.position, m.Province.zone_number, m.Tambon.code, m.Inspector.name)
    )
    if sheet_ids is not None:
        query = query.where(m.Sheet.id.in_(sheet_ids))
    else:
        query = query.where(m.Sheet.conflict_of.is_(None))
    if where.get("inspector_id") is not None:
        query = query.where(m.Sheet.inspector_id == where["inspector_id"])
    if where.get("round_code") is not None:
        query = query.where(m.Round.code == where["round_code"])
    if where.get("zone") is not None:
        query = query.where(m.Province.zone_number == where["zone"])
    if where.get("province") is not None:
        query = query.where(
            (m.Province.code == where["province"]) | (m.Province.name_th == where["province"])
        )
    if where.get("tambons") is not None:
        query = query.where(m.Tambon.code.in_(list(where["tambons"])))  # type: ignore[call-overload]
    out = []
    for row in session.execute(query):
        lesson = row[0]
        out.append(
            LessonEntry(
                sheet_id=row[2],
                sheet_uuid=row[1],
                round_code=row[3],
                round_title=row[4] or row[3],
                tambon_code=row[5],
                tambon=row[6],
                district=row[7],
                province=row[8],
                zone=row[9],
                inspector=row[10],
                texts=Lessons.of(lesson),
                updated_at=lesson.updated_at,
                spread=_spread(lesson),
            )
        )
    return out


def matches(entry: LessonEntry, text: str) -> bool:
    """Whether every word of ``text`` (spaces apart) is found in the lessons or their place
    (tambon, district, province, inspector), case and Unicode form aside."""
    words = normalise(text).casefold().split()
    if not words:
        return True
    haystack = normalise(
        " ".join(
            [
                entry.texts.joined(),
                entry.tambon,
                entry.district,
                entry.province,
                entry.inspector,
                entry.tambon_code,
                entry.spread.note if entry.spread else "",
            ]
        )
    ).casefold()
    return all(w in haystack for w in words)


def list_lessons(
    db: Database,
    user: UserInfo,
    *,
    round_code: str | None = None,
    zone: int | None = None,
    province: str | None = None,
    text: str | None = None,
    spread_only: bool = False,
    tambons: set[str] | None = None,
) -> list[LessonEntry]:
    """The lessons written (not empty, not in conflict copies) the user may see (an inspector:
    their own), filtered by round, zone, province (code or Thai name), text (every word found)
    and the committee's mark."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        inspector_id: int | None = None
        if not allowed(actor, Action.VIEW_ALL_SHEETS):
            if actor.inspector_id is None:
                return []
            inspector_id = actor.inspector_id
        entries = lesson_entries(
            s,
            inspector_id=inspector_id,
            round_code=round_code,
            zone=zone,
            province=province,
            tambons=tambons,
        )
    return [
        e
        for e in entries
        if not e.texts.empty
        and (not spread_only or e.spread is not None)
        and (text is None or matches(e, text))
    ]


def themes(entries: list[LessonEntry]) -> list[ThemeCount]:
    """The themes of some lessons counted across tambons (see :mod:`evaluator.lesson_themes`)."""
    return count_themes((e.tambon_code, e.texts.joined()) for e in entries)


def field_titles() -> list[tuple[str, str]]:
    """(key, Thai title) of every lesson field, in the form's order."""
    return [(f.key, f.title) for f in LESSON_FIELDS]


def sheet_id_of(db: Database, sheet_uuid: str) -> int:
    """The id of the sheet with that uuid (the command line names sheets by uuid)."""
    with db.transaction() as s:
        found = s.scalar(select(m.Sheet.id).where(m.Sheet.uuid == sheet_uuid.strip()))
    if found is None:
        raise NotFoundError(f"ไม่พบแบบประเมิน {sheet_uuid} — no sheet {sheet_uuid}")
    return int(found)
