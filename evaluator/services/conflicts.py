"""Sheets in conflict: list them, and settle one with a reason.

A merge keeps an incoming sheet beside a sheet changed here as a *conflict copy* (a row with
``conflict_of`` = the sheet's uuid; see :mod:`evaluator.sync.decide`). Copies never count in a
ranking. The committee chooses which content the sheet keeps (:func:`resolve_conflict`); every
other content stays, marked locked (superseded), and the audit log holds both contents and the
reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, InputError, LockedError, NotFoundError, Problem
from evaluator.lesson_fields import LESSON_KEYS
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.rounds import ensure_round_open
from evaluator.services.users import user_in
from evaluator.sync.apply import score_changes, write_content
from evaluator.sync.local import load_context, read_sheets
from evaluator.sync.wire import SheetData


@dataclass(frozen=True)
class ConflictVersion:
    """One of the contents of a sheet in conflict."""

    row_uuid: str
    is_current: bool
    version: int
    status: str
    note: str
    scores: dict[str, float]
    score_notes: dict[str, str]
    photos: int
    updated_at: datetime | None
    made_by: str = ""  # who made this content (a display name; the inspector for field work)
    made_at: datetime | None = None  # when this content was last changed
    source: str = ""  # how it came here: keyboard, package, excel, import, demo, system
    imported_by: str = ""  # who brought it in from a package or workbook ("" for keyboard)
    imported_at: datetime | None = None
    lessons: dict[str, str] = field(default_factory=dict)  # lesson key → text ("" if none)


@dataclass(frozen=True)
class Conflict:
    """A sheet with one or more open conflict copies: the committee chooses one content."""

    sheet_uuid: str
    round: str
    tambon_code: str
    tambon: str
    inspector: str
    current: ConflictVersion
    copies: list[ConflictVersion]

    @property
    def versions(self) -> list[ConflictVersion]:
        return [self.current, *self.copies]

    def lesson_keys(self) -> list[str]:
        """The lesson fields some version has text in, in the form's order."""
        return [k for k in LESSON_KEYS if any(v.lessons.get(k, "").strip() for v in self.versions)]

    def lessons_differ(self) -> list[str]:
        """The lesson fields whose text is not the same in every version."""
        return [k for k in LESSON_KEYS if len({v.lessons.get(k, "") for v in self.versions}) > 1]


def _version(row: m.Sheet, data: SheetData, current: bool) -> ConflictVersion:
    return ConflictVersion(
        row_uuid=row.uuid,
        is_current=current,
        version=row.version,
        status=str(row.status),
        note=row.note or "",
        scores={s.criterion: s.value for s in data.scores},
        score_notes={s.criterion: s.note for s in data.scores if s.note},
        photos=len(data.photos),
        updated_at=row.updated_at,
        lessons=data.lessons.as_dict(),
    )


def _conflicts(session: Session) -> list[Conflict]:
    """Every sheet with open conflict copies, oldest first."""
    copies = list(
        session.scalars(
            select(m.Sheet)
            .where(m.Sheet.conflict_of.is_not(None), m.Sheet.status != m.SheetStatus.LOCKED)
            .order_by(m.Sheet.id)
        )
    )
    if not copies:
        return []
    primary_uuids = sorted({c.conflict_of for c in copies if c.conflict_of})
    primaries = {
        r.uuid: r for r in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(primary_uuids)))
    }
    data = read_sheets(session, [*copies, *primaries.values()])
    names = dict(session.execute(select(m.Tambon.code, m.Tambon.name_th)).all())
    people = _display_names(session)
    out: list[Conflict] = []
    for uuid in primary_uuids:
        primary = primaries.get(uuid)
        if primary is None:
            continue
        pd = data[primary.id]
        out.append(
            Conflict(
                sheet_uuid=uuid,
                round=pd.round,
                tambon_code=pd.tambon_code,
                tambon=names.get(pd.tambon_code, ""),
                inspector=pd.inspector,
                current=_with_origin(
                    _version(primary, pd, True),
                    _last_change(session, uuid),
                    pd.inspector,
                    people,
                ),
                copies=[
                    _with_origin(
                        _version(c, data[c.id], False),
                        _arrival(session, uuid, c.uuid),
                        pd.inspector,
                        people,
                    )
                    for c in copies
                    if c.conflict_of == uuid
                ],
            )
        )
    return out


# --- who made each version, and when (from the audit log) ---------------------------------------

_ARRIVALS = ("sync.conflict", "sync.receive", "sync.refused")  # logged under the sheet's uuid
# neither a copy arriving beside the sheet nor the committee's mark is a change of its content
_NOT_CONTENT = (*_ARRIVALS, "mark_spread", "unmark_spread")
_FIELD = frozenset({audit.Source.PACKAGE, audit.Source.EXCEL, audit.Source.IMPORT})


def _display_names(session: Session) -> dict[str, str]:
    """Login → display name, so that a version names a person rather than a login."""
    return {login: name for login, name in session.execute(select(m.User.login, m.User.name))}


def _last_change(session: Session, sheet_uuid: str) -> m.AuditEntry | None:
    """The last logged change of a sheet's own content (not a copy arriving beside it)."""
    return session.scalar(
        select(m.AuditEntry)
        .where(
            (m.AuditEntry.entity_key == sheet_uuid)
            | m.AuditEntry.entity_key.like(f"{sheet_uuid}/%"),
            m.AuditEntry.entity.in_(("sheet", "score", "photo", "lesson")),
            m.AuditEntry.action.not_in(_NOT_CONTENT),
        )
        .order_by(m.AuditEntry.id.desc())
        .limit(1)
    )


def _arrival(session: Session, sheet_uuid: str, row_uuid: str) -> m.AuditEntry | None:
    """The logged import that kept a conflict copy (``row_uuid``) beside a sheet."""
    for entry in session.scalars(
        select(m.AuditEntry)
        .where(m.AuditEntry.entity_key == sheet_uuid, m.AuditEntry.action == "sync.conflict")
        .order_by(m.AuditEntry.id.desc())
    ):
        try:
            new = json.loads(entry.new or "{}")
        except ValueError:
            continue
        if isinstance(new, dict) and new.get("row") == row_uuid:
            return entry
    return None


def _with_origin(
    version: ConflictVersion,
    entry: m.AuditEntry | None,
    inspector: str,
    people: dict[str, str],
) -> ConflictVersion:
    """``version`` with who made it and when: a version typed here names the user who typed it;
    one that came from field work (package, workbook, file) names the inspector, made when its
    content was last changed, and who imported it when."""
    if entry is None:
        return replace(version, made_by=inspector, made_at=version.updated_at)
    actor = people.get(entry.actor, entry.actor)
    if entry.source in _FIELD:
        return replace(
            version,
            made_by=inspector,
            made_at=version.updated_at,
            source=entry.source,
            imported_by=actor,
            imported_at=entry.at,
        )
    return replace(version, made_by=actor, made_at=entry.at, source=entry.source)


@dataclass(frozen=True)
class Resolution:
    sheet_uuid: str
    kept_row: str
    superseded: list[str]
    version: int


def _resolve(
    session: Session, sheet_uuid: str, keep_row: str, reason: str, actor: str
) -> Resolution:
    """Settle a conflict: the sheet takes the content of ``keep_row`` (itself or one of its open
    copies); every other content stays in a copy marked locked (superseded), and the audit log
    records both contents and the reason."""
    reason = reason.strip()
    if not reason:
        raise InputError([Problem("ต้องระบุเหตุผลในการเลือก — a reason is required", field="reason")])
    primary = session.scalar(select(m.Sheet).where(m.Sheet.uuid == sheet_uuid))
    if primary is None or primary.conflict_of is not None:
        raise NotFoundError(f"ไม่พบแบบประเมิน {sheet_uuid} — no sheet {sheet_uuid}")
    open_copies = list(
        session.scalars(
            select(m.Sheet)
            .where(m.Sheet.conflict_of == sheet_uuid, m.Sheet.status != m.SheetStatus.LOCKED)
            .order_by(m.Sheet.id)
        )
    )
    if not open_copies:
        tambon = session.get_one(m.Tambon, primary.tambon_code)
        inspector_name = session.get_one(m.Inspector, primary.inspector_id).name
        raise EvaluatorError(
            f"แบบประเมินของ {inspector_name} ตำบล{tambon.name_th} ไม่มีข้อขัดแย้งที่ยังไม่ได้ตัดสิน"
            f" (อาจตัดสินไปแล้ว) — no open conflict on {inspector_name}'s sheet of {tambon.name_th}"
        )
    rnd = session.get_one(m.Round, primary.round_id)
    if rnd.finalised_at is not None or primary.status is m.SheetStatus.LOCKED:
        raise LockedError(
            f"รอบ '{rnd.title or rnd.code}' ยืนยันผลแล้ว แก้ไขไม่ได้"
            f" — round '{rnd.title or rnd.code}' is finalised: its sheets cannot change"
        )
    if keep_row != sheet_uuid and keep_row not in {c.uuid for c in open_copies}:
        raise NotFoundError(
            f"{keep_row} ไม่ใช่ฉบับหนึ่งของข้อขัดแย้งนี้ — {keep_row} is not one of this conflict's versions"
        )
    contest = session.get_one(m.Contest, rnd.contest_id)
    inspector = session.get_one(m.Inspector, primary.inspector_id)
    ctx = load_context(session, contest.id, inspector)
    data = read_sheets(session, [primary, *open_copies])
    before = data[primary.id]
    changes: list[audit.Change] = []
    superseded: list[str] = []
    if keep_row != sheet_uuid:
        winner = next(c for c in open_copies if c.uuid == keep_row)
        won = data[winner.id]
        photos = {
            ph.sha256: bytes(ph.data)
            for ph in session.scalars(
                select(m.Photo).where(m.Photo.sheet_id.in_([primary.id, winner.id]))
            )
        }
        # the copy keeps the content the sheet had; the sheet takes the chosen content
        write_content(session, winner, before, ctx, photos.__getitem__, photos)
        winner_version = winner.version
        winner.version = max(winner.version, primary.version)
        session.flush()
        unmarked = write_content(
            session, primary, won, ctx, photos.__getitem__, photos, reason=reason
        )
        primary.version = max(primary.version, winner_version) + 1
        primary.updated_at = m.utcnow()
        changes.extend(score_changes(before, won, sheet_uuid, reason))
        changes.append(
            audit.Change(
                "conflict.resolve",
                "sheet",
                sheet_uuid,
                {**before.snapshot(), "row": sheet_uuid},
                {**won.snapshot(), "row": sheet_uuid, "chosen": keep_row},
                reason,
            )
        )
        changes.extend(unmarked)  # a mark on lessons the chosen version empties
    else:
        changes.append(
            audit.Change(
                "conflict.resolve",
                "sheet",
                sheet_uuid,
                None,
                {**before.snapshot(), "row": sheet_uuid, "chosen": keep_row},
                reason,
            )
        )
    for copy in open_copies:
        copy.status = m.SheetStatus.LOCKED
    session.flush()
    kept = read_sheets(session, open_copies)
    for copy in open_copies:
        superseded.append(copy.uuid)
        changes.append(
            audit.Change(
                "conflict.supersede",
                "sheet",
                copy.uuid,
                {"conflict_of": sheet_uuid, "open": True},
                {**kept[copy.id].snapshot(), "row": copy.uuid, "conflict_of": sheet_uuid},
                reason,
            )
        )
    audit.record(session, actor, audit.Source.KEYBOARD, changes)
    return Resolution(sheet_uuid, keep_row, superseded, primary.version)


def list_conflicts(db: Database) -> list[Conflict]:
    """Every sheet with open conflict copies: its current content and each copy's content
    (a read: whoever holds the database may list them)."""
    with db.transaction() as s:
        return _conflicts(s)


def resolve_conflict(
    db: Database, user: UserInfo, sheet_uuid: str, keep_row: str, reason: str
) -> Resolution:
    """Choose which content a sheet in conflict keeps (``keep_row``: the sheet's own uuid to keep
    the current content, or a copy's uuid); the reason is written to the audit log. Committee or
    admin; never in a finalised round."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.RESOLVE_CONFLICT)
        round_id = s.scalar(select(m.Sheet.round_id).where(m.Sheet.uuid == sheet_uuid))
        if round_id is not None:
            ensure_round_open(s, round_id, actor.login, audit.Source.KEYBOARD, attempted=sheet_uuid)
        return _resolve(s, sheet_uuid, keep_row, reason, actor.login)
