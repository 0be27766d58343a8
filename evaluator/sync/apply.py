"""Carrying merge decisions out in the receiving database, with an audit entry for every change.

:func:`plan_package` looks up the local side of every incoming sheet of a package and asks
:func:`evaluator.sync.decide.decide_package`; :func:`apply` then inserts, replaces or keeps
conflict copies in the caller's unit of work. Conflict copies never count in rankings: every
reader filters ``conflict_of IS NULL``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.i18n import Catalog
from evaluator.lesson_fields import Lessons
from evaluator.progress import Progress
from evaluator.sync.decide import Decision, Outcome, Target, decide_package
from evaluator.sync.local import (
    LocalContext,
    changed_here,
    chunks,
    open_challengers,
    read_sheets,
    received_versions,
    sheets_by_place,
)
from evaluator.sync.wire import SheetData, parse_time

MERGING = Catalog("merge", {"merging": ("รวมแบบประเมิน", "Merging the sheets")})

PhotoSource = Callable[[str], bytes]
"""The bytes of a photo by its SHA-256 (read from a package, or from this database)."""

# --- planning and applying -------------------------------------------------------------------


@dataclass
class PlannedSheet:
    """One incoming sheet with the decision taken for it."""

    incoming: SheetData
    decision: Decision
    round_id: int
    target_id: int | None = None
    target_uuid: str | None = None
    target_before: SheetData | None = None
    new_version: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class MergeResult:
    """What a merge did, sheet by sheet (plain data, for reports and the import list)."""

    sheets: list[dict[str, object]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.counts.get(o.value, 0) for o in Outcome if o.changes)


def _targets(
    session: Session, ctx: LocalContext, incoming: Sequence[SheetData], file: str
) -> tuple[dict[str, m.Sheet], dict[tuple[int, str], m.Sheet], list[Problem]]:
    """Local sheets by uuid, this inspector's sheets by (round, tambon), and identity problems."""
    problems: list[Problem] = []
    by_uuid: dict[str, m.Sheet] = {}
    uuids = [s.uuid for s in incoming]
    for chunk in chunks(uuids, 500):
        for row in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(chunk))):
            by_uuid[row.uuid] = row
    twins = sheets_by_place(session, ctx.inspector_id, [r.id for r in ctx.rounds.values()])
    for sh in incoming:
        known = by_uuid.get(sh.uuid)
        if known is None:
            continue
        rnd = ctx.rounds.get(sh.round)
        if (
            known.conflict_of is not None
            or known.inspector_id != ctx.inspector_id
            or rnd is None
            or known.round_id != rnd.id
            or known.tambon_code != sh.tambon_code
        ):
            problems.append(
                Problem(
                    f"uuid {sh.uuid} เป็นของแบบประเมินอื่นในฐานข้อมูลนี้ (ผู้ประเมิน รอบ หรือตำบลไม่ตรง)"
                    " — this uuid belongs to another sheet here",
                    file,
                    None,
                    f"{sh.round}/{sh.tambon_code}",
                )
            )
    return by_uuid, twins, problems


def plan_package(
    session: Session, ctx: LocalContext, incoming: Sequence[SheetData], file: str
) -> list[PlannedSheet]:
    """Decide every sheet of a package; raises InputError for identity clashes (nothing done)."""
    by_uuid, twins, problems = _targets(session, ctx, incoming, file)
    if problems:
        raise InputError(problems)
    rows: dict[int, m.Sheet] = {}
    for sh in incoming:
        rnd = ctx.rounds[sh.round]
        row = by_uuid.get(sh.uuid) or twins.get((rnd.id, sh.tambon_code))
        if row is not None:
            rows[row.id] = row
    local = read_sheets(session, list(rows.values()))
    challengers = open_challengers(session, [r.uuid for r in rows.values()])
    received = received_versions(
        session, [s.uuid for s in incoming], source=audit.Source.PACKAGE.value
    )
    # only asked while nothing of a uuid was ever received and the contents differ
    never = [
        sh.uuid
        for sh in incoming
        if sh.uuid in by_uuid
        and sh.uuid not in received
        and local[by_uuid[sh.uuid].id].content_hash() != sh.content_hash()
    ]
    changed = changed_here(session, never)
    planned: list[PlannedSheet] = []
    for sh in incoming:
        rnd = ctx.rounds[sh.round]
        row = by_uuid.get(sh.uuid) or twins.get((rnd.id, sh.tambon_code))
        target = None
        before = None
        if row is not None:
            before = local[row.id]
            target = Target(
                row.uuid,
                row.version,
                row.base_version,
                before.content_hash(),
                row.status is m.SheetStatus.LOCKED,
            )
        decision = decide_package(
            sh.uuid,
            sh.version,
            sh.base_version,
            sh.content_hash(),
            target,
            received.get(sh.uuid, {}),
            challengers.get(row.uuid, frozenset()) if row is not None else frozenset(),
            rnd.final,
            changed_here=sh.uuid in changed or sh.uuid not in by_uuid,
        )
        new_version = sh.version
        if decision.outcome is Outcome.REPLACE and row is not None:
            new_version = (
                max(sh.version, row.version + 1)
                if row.uuid != sh.uuid or row.version >= sh.version
                else sh.version
            )
        planned.append(
            PlannedSheet(
                incoming=sh,
                decision=decision,
                round_id=rnd.id,
                target_id=row.id if row is not None else None,
                target_uuid=row.uuid if row is not None else None,
                target_before=before,
                new_version=new_version,
            )
        )
    return planned


def write_content(
    session: Session,
    row: m.Sheet,
    sheet: SheetData,
    ctx: LocalContext,
    photo_bytes: PhotoSource,
    existing_photos: dict[str, bytes] | None = None,
    *,
    reason: str = "",
) -> list[audit.Change]:
    """Make ``row``'s notes, status, scores, photos and lessons those of ``sheet``; returns the
    audit changes that follow from it besides the content itself (the committee's
    worth-spreading mark taken away from lessons the new content empties, ``reason`` saying
    what brought the content)."""
    row.status = m.SheetStatus(sheet.status)
    row.note = sheet.note
    row.updated_at = parse_time(sheet.updated_at) or m.utcnow()
    row.submitted_at = parse_time(sheet.submitted_at)
    if row.status is m.SheetStatus.SUBMITTED and row.submitted_at is None:
        row.submitted_at = m.utcnow()
    current = {
        sc.criterion_id: sc
        for sc in session.scalars(select(m.Score).where(m.Score.sheet_id == row.id))
    }
    wanted = {ctx.criteria[s.criterion][0]: s for s in sheet.scores}
    for cid, sc in current.items():
        if cid not in wanted:
            session.delete(sc)
    for cid, want in wanted.items():
        have = current.get(cid)
        if have is None:
            session.add(
                m.Score(sheet_id=row.id, criterion_id=cid, value=want.value, note=want.note)
            )
        elif have.value != want.value or have.note != want.note:
            have.value, have.note = want.value, want.note
    changes = write_lessons(session, row, sheet.lessons, reason)
    old_photos = list(session.scalars(select(m.Photo).where(m.Photo.sheet_id == row.id)))
    keep: dict[tuple[str, str, str, str, str | None], m.Photo] = {}
    for ph in old_photos:
        key = (ph.sha256, ph.filename, ph.mime_type, ph.caption or "", _code(ctx, ph.criterion_id))
        if key in keep:
            session.delete(ph)
        else:
            keep[key] = ph
    wanted_photos = {
        (p.sha256, p.filename, p.mime_type, p.caption, p.criterion): p for p in sheet.photos
    }
    for key, ph in keep.items():
        if key not in wanted_photos:
            session.delete(ph)
    for key, p in wanted_photos.items():
        if key in keep:
            continue
        data = (existing_photos or {}).get(p.sha256)
        if data is None:
            data = photo_bytes(p.sha256)
        session.add(
            m.Photo(
                sheet_id=row.id,
                criterion_id=ctx.criteria[p.criterion][0] if p.criterion else None,
                sha256=p.sha256,
                filename=p.filename,
                mime_type=p.mime_type,
                caption=p.caption,
                data=data,
            )
        )
    return changes


MARK_EMPTIED = (
    "บทเรียนของแบบประเมินนี้ว่างแล้ว เครื่องหมายควรขยายผลจึงถูกยกเลิกโดยอัตโนมัติ"
    " — the lessons are now empty, so the worth-spreading mark was taken away"
)
"""The reason logged when new content empties lessons the committee had marked."""


def write_lessons(
    session: Session, sheet: m.Sheet, lessons: Lessons, reason: str = ""
) -> list[audit.Change]:
    """Make a sheet's lessons these (a row is only made when there is something to write).

    The committee's worth-spreading mark stays while there are lessons: a newer version of the
    same practice is still the practice they chose. When the new content empties the lessons,
    a mark on nothing would mean nothing (and would come back, unseen, on whatever is written
    next), so it is taken away, and the change returned says so (``unmark_spread`` with
    :data:`MARK_EMPTIED` and ``reason``) for the caller's audit entries."""
    row = session.scalar(select(m.Lesson).where(m.Lesson.sheet_id == sheet.id))
    if row is None:
        if lessons.empty:
            return []
        row = m.Lesson(sheet_id=sheet.id, spread_note="")
        session.add(row)
    elif all(getattr(row, k) == v for k, v in lessons.as_dict().items()):
        return []
    for key, value in lessons.as_dict().items():
        setattr(row, key, value)
    row.updated_at = m.utcnow()
    if not lessons.empty or row.spread_by is None:
        return []
    old = {"by": row.spread_by, "note": row.spread_note or ""}
    row.spread_by = None
    row.spread_at = None
    row.spread_note = ""
    why = f"{MARK_EMPTIED}: {reason}" if reason else MARK_EMPTIED
    return [audit.Change("unmark_spread", "lesson", sheet.uuid, old, None, why)]


def _insert_new(
    session: Session,
    ctx: LocalContext,
    fresh: Sequence[tuple[m.Sheet, SheetData]],
    photo_bytes: PhotoSource,
) -> None:
    """Write new sheets with their scores and photos, a few statements for all of them."""
    if not fresh:
        return
    session.add_all([row for row, _ in fresh])
    session.flush()
    scores = [
        {
            "sheet_id": row.id,
            "criterion_id": ctx.criteria[sc.criterion][0],
            "value": sc.value,
            "note": sc.note,
        }
        for row, sheet in fresh
        for sc in sheet.scores
    ]
    if scores:
        session.execute(insert(m.Score), scores)
    lessons = [
        {"sheet_id": row.id, **sheet.lessons.as_dict(), "updated_at": m.utcnow(), "spread_note": ""}
        for row, sheet in fresh
        if not sheet.lessons.empty
    ]
    if lessons:
        session.execute(insert(m.Lesson), lessons)
    # photos a few at a time: their bytes are read from the package as they are stored
    photos = [(row.id, p) for row, sheet in fresh for p in sheet.photos]
    for i in range(0, len(photos), 16):
        session.execute(
            insert(m.Photo),
            [
                {
                    "sheet_id": sheet_id,
                    "criterion_id": ctx.criteria[p.criterion][0] if p.criterion else None,
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "data": photo_bytes(p.sha256),
                    "created_at": m.utcnow(),
                }
                for sheet_id, p in photos[i : i + 16]
            ],
        )


def _code(ctx: LocalContext, criterion_id: int | None) -> str | None:
    return None if criterion_id is None else ctx.criterion_codes.get(criterion_id)


def _new_row(sheet: SheetData, ctx: LocalContext, round_id: int, uuid: str) -> m.Sheet:
    now = m.utcnow()
    return m.Sheet(
        uuid=uuid,
        round_id=round_id,
        inspector_id=ctx.inspector_id,
        tambon_code=sheet.tambon_code,
        status=m.SheetStatus(sheet.status),
        version=sheet.version,
        base_version=sheet.base_version,
        note=sheet.note,
        created_at=parse_time(sheet.created_at) or now,
        updated_at=parse_time(sheet.updated_at) or now,
        submitted_at=parse_time(sheet.submitted_at)
        or (now if sheet.status == m.SheetStatus.SUBMITTED.value else None),
    )


def score_changes(
    before: SheetData | None, after: SheetData, key_uuid: str, reason: str
) -> list[audit.Change]:
    """One audit change per score whose value or note changed between two contents."""
    old = {s.criterion: s for s in (before.scores if before else ())}
    new = {s.criterion: s for s in after.scores}
    out: list[audit.Change] = []
    for code in sorted(set(old) | set(new)):
        a, b = old.get(code), new.get(code)
        if a is not None and b is not None and a.value == b.value and a.note == b.note:
            continue
        action = "create" if a is None else "delete" if b is None else "update"
        out.append(
            audit.Change(
                action,
                "score",
                f"{key_uuid}/{code}",
                old=None if a is None else {"value": a.value, "note": a.note},
                new=None if b is None else {"value": b.value, "note": b.note},
                reason=reason,
            )
        )
    return out


def apply(
    session: Session,
    ctx: LocalContext,
    planned: Sequence[PlannedSheet],
    photo_bytes: PhotoSource,
    *,
    actor: str,
    source: audit.Source,
    reason: str,
    origin: str,
    progress: Progress | None = None,
) -> MergeResult:
    """Carry the decisions out in the caller's unit of work; every change goes to the audit log.

    ``origin`` names where the sheets came from (a package's or a workbook's id); it is kept in
    the audit entries so that a workbook imported twice is recognised.
    """
    result = MergeResult(counts={o.value: 0 for o in Outcome})
    changes: list[audit.Change] = []
    fresh: list[tuple[m.Sheet, SheetData]] = []  # new rows, written in bulk at the end
    total = len(planned)
    for done, p in enumerate(planned, start=1):
        sh = p.incoming
        outcome = p.decision.outcome
        result.counts[outcome.value] += 1
        entry: dict[str, object] = {
            "uuid": sh.uuid,
            "round": sh.round,
            "tambon_code": sh.tambon_code,
            "version": sh.version,
            "outcome": outcome.value,
            "reason": p.decision.reason,
        }
        new_snapshot = {**sh.snapshot(), "origin": origin, **p.extra}
        if outcome is Outcome.INSERT:
            row = _new_row(sh, ctx, p.round_id, sh.uuid)
            fresh.append((row, sh))
            entry["row"] = row.uuid
            changes.append(
                audit.Change("sync.insert", "sheet", sh.uuid, None, new_snapshot, reason)
            )
        elif outcome is Outcome.REPLACE:
            assert p.target_id is not None and p.target_before is not None
            row = session.get_one(m.Sheet, p.target_id)
            unmarked = write_content(session, row, sh, ctx, photo_bytes, reason=reason)
            row.version = p.new_version or sh.version
            if row.uuid == sh.uuid:
                row.base_version = min(sh.base_version, row.version - 1)
            entry["row"] = row.uuid
            entry["from_version"] = p.target_before.version
            # the scores first: the entry with the whole content is the sheet's last
            changes.extend(score_changes(p.target_before, sh, row.uuid, reason))
            changes.append(
                audit.Change(
                    "sync.replace",
                    "sheet",
                    sh.uuid,
                    {**p.target_before.snapshot(), "row": row.uuid},
                    {**new_snapshot, "row": row.uuid},
                    reason,
                )
            )
            if unmarked:
                entry["spread_removed"] = True
                changes.extend(unmarked)
        elif outcome is Outcome.CONFLICT:
            assert p.target_uuid is not None
            row = _new_row(sh, ctx, p.round_id, m.new_uuid())
            row.conflict_of = p.target_uuid
            fresh.append((row, sh))
            entry["row"] = row.uuid
            entry["conflict_of"] = p.target_uuid
            changes.append(
                audit.Change(
                    "sync.conflict",
                    "sheet",
                    sh.uuid,
                    None if p.target_before is None else p.target_before.snapshot(),
                    {**new_snapshot, "row": row.uuid, "conflict_of": p.target_uuid},
                    reason,
                )
            )
        elif outcome is Outcome.RECEIVE:
            changes.append(
                audit.Change(
                    "sync.receive",
                    "sheet",
                    sh.uuid,
                    None,
                    {
                        "version": sh.version,
                        "hash": sh.content_hash(),
                        "origin": origin,
                        "row": p.target_uuid,
                        **p.extra,
                    },
                    reason,
                )
            )
        elif outcome is Outcome.LOCKED:
            changes.append(
                audit.Change(
                    "sync.refused",
                    "sheet",
                    sh.uuid,
                    None,
                    {"version": sh.version, "hash": sh.content_hash(), "origin": origin, **p.extra},
                    f"{reason}: {p.decision.reason}",
                )
            )
        result.sheets.append(entry)
        if progress is not None:
            progress(done, total, MERGING.text("merging"))
    _insert_new(session, ctx, fresh, photo_bytes)
    session.flush()
    if changes:
        audit.record(session, actor, source, changes)
    return result
