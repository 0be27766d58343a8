"""Scoring one sheet (แบบประเมิน): read it for editing, change it one action at a time, submit.

Every change is its own unit of work: it checks the user's right to the sheet and that the round
is still open, bumps the sheet's ``version`` and ``updated_at``, and writes an audit entry, so a
crash loses nothing that was saved. Read functions return the plain dataclasses of
:mod:`evaluator.services.sheet_data` (re-exported here); photos are
:mod:`evaluator.services.sheet_photos`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, NotFoundError, PermissionDenied, Problem
from evaluator.permissions import (
    Action,
    UserInfo,
    allowed,
    may_edit_sheet,
    require,
    require_sheet_edit,
    require_sheet_view,
)
from evaluator.services.sheet_data import (
    COUNTED,
    STATUS_TITLES,
    CriterionEntry,
    LevelInfo,
    PhotoInfo,
    RemovedPhoto,
    Saved,
    SheetSummary,
    SheetView,
    bump,
    criteria_of,
    editable_sheet,
    ensure_open,
    load_sheet,
    photos_of,
    sheet_criterion,
    sheet_total,
)
from evaluator.services.users import user_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "COUNTED",
    "STATUS_TITLES",
    "CriterionEntry",
    "LevelInfo",
    "PhotoInfo",
    "RemovedPhoto",
    "Saved",
    "SheetSummary",
    "SheetView",
    "criteria_of",
    "get_sheet",
    "list_sheets",
    "reopen",
    "set_criterion_note",
    "set_note",
    "set_score",
    "sheet_total",
    "start_sheet",
    "submit",
    "summarise",
]


# --- reading ---------------------------------------------------------------------------------


def get_sheet(db: Database, user: UserInfo, sheet_id: int) -> SheetView:
    """One sheet with its rubric (criteria and level descriptions), scores, notes and photos."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        sheet = load_sheet(s, sheet_id)
        require_sheet_view(actor, sheet.inspector_id)
        rnd = sheet.round
        contest = rnd.contest
        tambon = sheet.tambon
        district = tambon.district
        province = district.province
        scores = {sc.criterion_id: sc for sc in sheet.scores}
        entries = []
        for c in criteria_of(s, contest.id):
            sc = scores.get(c.id)
            entries.append(
                CriterionEntry(
                    criterion_id=c.id,
                    code=c.code,
                    title=c.title,
                    description=c.description,
                    max_score=c.max_score,
                    weight=c.weight,
                    levels=tuple(
                        LevelInfo(lv.min_score, lv.max_score, lv.label, lv.description)
                        for lv in c.levels
                    ),
                    score=sc.value if sc else None,
                    note=sc.note if sc else "",
                )
            )
        editable = (
            sheet.status is m.SheetStatus.DRAFT
            and rnd.finalised_at is None
            and may_edit_sheet(actor, sheet.inspector_id)
        )
        return SheetView(
            id=sheet.id,
            uuid=sheet.uuid,
            round_id=rnd.id,
            round_code=rnd.code,
            round_title=rnd.title or rnd.code,
            round_final=rnd.finalised_at is not None,
            contest_title=contest.title,
            tambon_code=tambon.code,
            tambon=tambon.name_th,
            district=district.name_th,
            province=province.name_th,
            zone=province.zone_number,
            inspector_id=sheet.inspector_id,
            inspector=sheet.inspector.name,
            status=m.SheetStatus(sheet.status),
            version=sheet.version,
            note=sheet.note,
            updated_at=sheet.updated_at,
            submitted_at=sheet.submitted_at,
            criteria=tuple(entries),
            photos=tuple(photos_of(s, [sheet.id])[sheet.id]),
            editable=editable,
        )


def list_sheets(
    db: Database, user: UserInfo, round_code: str | None = None, tambon_code: str | None = None
) -> list[SheetSummary]:
    """The sheets the user may see (an inspector: their own), optionally of one round/tambon."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        query = (
            select(m.Sheet, m.Round.code, m.Round.contest_id, m.Tambon.name_th, m.Inspector.name)
            .join(m.Round, m.Sheet.round_id == m.Round.id)
            .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .order_by(m.Round.position, m.Sheet.tambon_code, m.Inspector.name)
        )
        if not allowed(actor, Action.VIEW_ALL_SHEETS):
            if actor.inspector_id is None:
                return []
            query = query.where(m.Sheet.inspector_id == actor.inspector_id)
        if round_code is not None:
            query = query.where(m.Round.code == round_code)
        if tambon_code is not None:
            query = query.where(m.Sheet.tambon_code == tambon_code)
        rows = [(r[0], r[1], r[2], r[3], r[4]) for r in s.execute(query).all()]
        return summarise(s, rows)


def summarise(
    session: Session, rows: list[tuple[m.Sheet, str, int, str, str]]
) -> list[SheetSummary]:
    """Sheet summaries (scored count, total) for rows of (sheet, round code, contest id,
    tambon name, inspector name)."""
    typed = rows
    sheet_ids = [r[0].id for r in typed]
    lines: dict[int, list[tuple[float, float, float]]] = {sid: [] for sid in sheet_ids}
    if sheet_ids:
        for sid, weight, max_score, value in session.execute(
            select(m.Score.sheet_id, m.Criterion.weight, m.Criterion.max_score, m.Score.value)
            .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
            .where(m.Score.sheet_id.in_(sheet_ids))
        ):
            lines[sid].append((weight, max_score, value))
    counts: dict[int, int] = {
        contest_id: n
        for contest_id, n in session.execute(
            select(m.Criterion.contest_id, func.count()).group_by(m.Criterion.contest_id)
        )
    }
    out = []
    for sheet, round_code, contest_id, tambon, inspector in typed:
        n = counts.get(contest_id, 0)
        scored = lines[sheet.id]
        out.append(
            SheetSummary(
                id=sheet.id,
                round_code=round_code,
                tambon_code=sheet.tambon_code,
                tambon=tambon,
                inspector_id=sheet.inspector_id,
                inspector=inspector,
                status=m.SheetStatus(sheet.status),
                scored=len(scored),
                criteria=n,
                total=sheet_total(scored) if n and len(scored) >= n else None,
                updated_at=sheet.updated_at,
            )
        )
    return out


# --- changing --------------------------------------------------------------------------------


def start_sheet(db: Database, user: UserInfo, round_code: str, tambon_code: str) -> int:
    """The id of the user's own sheet for a tambon in a round, made as a draft when new.

    An inspector may only start sheets for the tambons assigned to them in that round.
    """
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.EDIT_OWN_SHEET)
        if actor.inspector_id is None:
            raise PermissionDenied("ผู้ใช้นี้ไม่ได้เป็นผู้ประเมิน — this user is not an inspector")
        rnd = s.scalar(select(m.Round).where(m.Round.code == round_code))
        if rnd is None:
            raise NotFoundError(f"ไม่พบรอบ '{round_code}' — no round '{round_code}'")
        ensure_open(s, rnd.id, actor.login, f"start {tambon_code}")
        existing = s.scalar(
            select(m.Sheet.id)
            .where(
                m.Sheet.round_id == rnd.id,
                m.Sheet.inspector_id == actor.inspector_id,
                m.Sheet.tambon_code == tambon_code,
                m.Sheet.conflict_of.is_(None),
            )
            .order_by(m.Sheet.id)
            .limit(1)
        )
        if existing is not None:
            return existing
        assigned = s.scalar(
            select(m.Assignment.id).where(
                m.Assignment.round_id == rnd.id,
                m.Assignment.inspector_id == actor.inspector_id,
                m.Assignment.tambon_code == tambon_code,
            )
        )
        if assigned is None and not allowed(actor, Action.EDIT_ANY_SHEET):
            raise PermissionDenied(
                f"ตำบล {tambon_code} ไม่ได้มอบหมายให้ท่านในรอบนี้"
                f" — tambon {tambon_code} is not assigned to you in this round"
            )
        sheet = m.Sheet(round_id=rnd.id, inspector_id=actor.inspector_id, tambon_code=tambon_code)
        s.add(sheet)
        s.flush()
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "create", "sheet", sheet.uuid, new={"round": round_code, "tambon": tambon_code}
                )
            ],
        )
        return sheet.id


def set_score(
    db: Database, user: UserInfo, sheet_id: int, criterion_id: int, value: float | None
) -> Saved:
    """Score a criterion from 0 to its max_score; None takes the score (and its note) away."""
    with db.transaction() as s:
        actor, sheet = editable_sheet(s, user, sheet_id)
        criterion = sheet_criterion(s, sheet, criterion_id)
        if value is not None:
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise InputError([Problem("คะแนนต้องเป็นตัวเลข — not a number", field=criterion.code)])
            if not 0 <= value <= criterion.max_score:
                raise InputError(
                    [
                        Problem(
                            f"คะแนนต้องอยู่ระหว่าง 0 ถึง {criterion.max_score:g}"
                            f" — the score must be from 0 to {criterion.max_score:g}",
                            field=criterion.code,
                        )
                    ]
                )
        row = _score_row(s, sheet.id, criterion.id)
        old = None if row is None else {"score": row.value, "note": row.note}
        if row is None and value is None:
            return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)
        if row is not None and value is not None and row.value == value:
            return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)
        if value is None:
            assert row is not None
            s.delete(row)
        elif row is None:
            s.add(m.Score(sheet_id=sheet.id, criterion_id=criterion.id, value=float(value)))
        else:
            row.value = float(value)
        saved = bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "set_score",
                    "score",
                    f"{sheet.uuid}/{criterion.code}",
                    old=old,
                    new=None if value is None else {"score": float(value)},
                )
            ],
        )
        return saved


def set_criterion_note(
    db: Database, user: UserInfo, sheet_id: int, criterion_id: int, text: str
) -> Saved:
    """Write the note of a scored criterion (the note belongs to the score)."""
    with db.transaction() as s:
        actor, sheet = editable_sheet(s, user, sheet_id)
        criterion = sheet_criterion(s, sheet, criterion_id)
        row = _score_row(s, sheet.id, criterion.id)
        if row is None:
            raise InputError(
                [
                    Problem(
                        "ให้คะแนนเกณฑ์นี้ก่อนจึงเขียนหมายเหตุได้"
                        " — score this criterion before writing its note",
                        field=criterion.code,
                    )
                ]
            )
        if row.note == text:
            return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)
        old = row.note
        row.note = text
        saved = bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [audit.Change("set_note", "score", f"{sheet.uuid}/{criterion.code}", old, text)],
        )
        return saved


def set_note(db: Database, user: UserInfo, sheet_id: int, text: str) -> Saved:
    """Write the sheet's general note."""
    with db.transaction() as s:
        actor, sheet = editable_sheet(s, user, sheet_id)
        if sheet.note == text:
            return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)
        old = sheet.note
        sheet.note = text
        saved = bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [audit.Change("set_note", "sheet", sheet.uuid, old, text)],
        )
        return saved


def submit(db: Database, user: UserInfo, sheet_id: int) -> Saved:
    """Mark a sheet submitted; refused, naming every criterion still without a score."""
    with db.transaction() as s:
        actor, sheet = editable_sheet(s, user, sheet_id)
        scored = set(s.scalars(select(m.Score.criterion_id).where(m.Score.sheet_id == sheet.id)))
        missing = [c for c in criteria_of(s, sheet.round.contest_id) if c.id not in scored]
        if missing:
            raise InputError(
                [
                    Problem(
                        f"ยังไม่ได้ให้คะแนนเกณฑ์ {c.code} {c.title} — criterion {c.code} has no score",
                        field=c.code,
                    )
                    for c in missing
                ]
            )
        sheet.status = m.SheetStatus.SUBMITTED
        sheet.submitted_at = m.utcnow()
        saved = bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [audit.Change("submit", "sheet", sheet.uuid, old="draft", new="submitted")],
        )
        return saved


def reopen(db: Database, user: UserInfo, sheet_id: int) -> Saved:
    """Put a submitted sheet back to draft, so it can be changed (not in a finalised round)."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        sheet = load_sheet(s, sheet_id)
        if not allowed(actor, Action.REOPEN_ANY_SHEET):
            require_sheet_edit(actor, sheet.inspector_id)
        ensure_open(s, sheet.round_id, actor.login, sheet.uuid)
        if sheet.status is m.SheetStatus.LOCKED:
            raise LockedError("แบบประเมินนี้ปิดผลแล้ว — this sheet is locked")
        if sheet.status is m.SheetStatus.DRAFT:
            return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)
        sheet.status = m.SheetStatus.DRAFT
        sheet.submitted_at = None
        saved = bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [audit.Change("reopen", "sheet", sheet.uuid, old="submitted", new="draft")],
        )
        return saved


def _score_row(session: Session, sheet_id: int, criterion_id: int) -> m.Score | None:
    return session.scalar(
        select(m.Score).where(m.Score.sheet_id == sheet_id, m.Score.criterion_id == criterion_id)
    )
