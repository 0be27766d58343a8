"""What a merge needs to know of the receiving database: rounds, criteria, the inspector's
sheets by place, what was received before (audit log), sheets as plain data.

Only reads; :mod:`evaluator.sync.apply` writes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.lesson_fields import NO_LESSONS, Lessons
from evaluator.sync.package import ContestInfo
from evaluator.sync.wire import PhotoData, ScoreData, SheetData, iso_time
from evaluator.text import normalise

SYNC_ACTIONS = ("sync.insert", "sync.replace", "sync.conflict", "sync.receive")


@dataclass(frozen=True)
class RoundKey:
    id: int
    code: str
    final: bool


@dataclass
class LocalContext:
    """What a merge needs to know of the local database for one contest and one inspector."""

    contest_id: int
    inspector_id: int
    inspector: str
    rounds: dict[str, RoundKey]
    criteria: dict[str, tuple[int, float]]  # code -> (id, max_score)
    criterion_codes: dict[int, str]


def load_context(session: Session, contest_id: int, inspector: m.Inspector) -> LocalContext:
    rounds = {
        r.code: RoundKey(r.id, r.code, r.finalised_at is not None)
        for r in session.scalars(select(m.Round).where(m.Round.contest_id == contest_id))
    }
    criteria = {
        c.code: (c.id, c.max_score)
        for c in session.scalars(select(m.Criterion).where(m.Criterion.contest_id == contest_id))
    }
    return LocalContext(
        contest_id=contest_id,
        inspector_id=inspector.id,
        inspector=inspector.name,
        rounds=rounds,
        criteria=criteria,
        criterion_codes={cid: code for code, (cid, _) in criteria.items()},
    )


def check_against_context(
    sheets: Sequence[SheetData], ctx: LocalContext, session: Session, file: str
) -> list[Problem]:
    """Every reference of the incoming sheets must exist here, every score within its range."""
    problems: list[Problem] = []
    codes = {s.tambon_code for s in sheets}
    known = (
        set(session.scalars(select(m.Tambon.code).where(m.Tambon.code.in_(codes))))
        if codes
        else set()
    )
    seen: set[str] = set()
    for i, sh in enumerate(sheets):
        where = f"sheets[{i}] ({sh.round}/{sh.tambon_code})"
        if sh.uuid in seen:
            problems.append(
                Problem(f"uuid {sh.uuid} ซ้ำในไฟล์ — uuid {sh.uuid} appears twice", file, None, where)
            )
        seen.add(sh.uuid)
        if normalise(sh.inspector) != normalise(ctx.inspector):
            problems.append(
                Problem(
                    f"แบบประเมินของ '{sh.inspector}' อยู่ในแพ็กเกจของ '{ctx.inspector}'"
                    f" — a sheet of another inspector: '{sh.inspector}' in the package of"
                    f" '{ctx.inspector}'",
                    file,
                    None,
                    where,
                )
            )
        if sh.round not in ctx.rounds:
            problems.append(
                Problem(f"ไม่มีรอบ '{sh.round}' — no round '{sh.round}'", file, None, where)
            )
        if sh.tambon_code not in known:
            problems.append(
                Problem(
                    f"ไม่มีตำบลรหัส {sh.tambon_code} — no tambon {sh.tambon_code}", file, None, where
                )
            )
        for sc in sh.scores:
            crit = ctx.criteria.get(sc.criterion)
            if crit is None:
                problems.append(
                    Problem(
                        f"ไม่มีเกณฑ์ '{sc.criterion}' — no criterion '{sc.criterion}'",
                        file,
                        None,
                        where,
                    )
                )
            elif not 0 <= sc.value <= crit[1]:
                problems.append(
                    Problem(
                        f"คะแนนเกณฑ์ {sc.criterion} = {sc.value:g} ต้องอยู่ระหว่าง 0 ถึง {crit[1]:g}"
                        f" — the score of {sc.criterion}, {sc.value:g}, is not from 0 to"
                        f" {crit[1]:g}",
                        file,
                        None,
                        where,
                    )
                )
        for ph in sh.photos:
            if ph.criterion is not None and ph.criterion not in ctx.criteria:
                problems.append(
                    Problem(
                        f"รูปภาพอ้างถึงเกณฑ์ '{ph.criterion}' ที่ไม่มี"
                        f" — a photo names criterion '{ph.criterion}', which does not exist",
                        file,
                        None,
                        where,
                    )
                )
    return problems


def read_sheets(session: Session, rows: Sequence[m.Sheet]) -> dict[int, SheetData]:
    """Local sheets as plain data (photos without their bytes), by sheet id."""
    if not rows:
        return {}
    ids = [r.id for r in rows]
    codes: dict[int, str] = dict(session.execute(select(m.Criterion.id, m.Criterion.code)).all())
    rounds: dict[int, str] = dict(session.execute(select(m.Round.id, m.Round.code)).all())
    names: dict[int, str] = dict(
        session.execute(
            select(m.Inspector.id, m.Inspector.name).where(
                m.Inspector.id.in_({r.inspector_id for r in rows})
            )
        ).all()
    )
    scores: dict[int, list[ScoreData]] = defaultdict(list)
    photos: dict[int, list[PhotoData]] = defaultdict(list)
    lessons: dict[int, Lessons] = {}
    for chunk in chunks(ids, 500):
        for lesson in session.scalars(select(m.Lesson).where(m.Lesson.sheet_id.in_(chunk))):
            lessons[lesson.sheet_id] = Lessons.of(lesson)
        for sid, cid, value, note in session.execute(
            select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value, m.Score.note).where(
                m.Score.sheet_id.in_(chunk)
            )
        ):
            scores[sid].append(ScoreData(codes[cid], float(value), note or ""))
        for ph in session.scalars(
            select(m.Photo).options(defer(m.Photo.data)).where(m.Photo.sheet_id.in_(chunk))
        ):
            photos[ph.sheet_id].append(
                PhotoData(
                    ph.sha256,
                    ph.filename,
                    ph.mime_type,
                    ph.caption or "",
                    codes.get(ph.criterion_id) if ph.criterion_id is not None else None,
                )
            )
    out: dict[int, SheetData] = {}
    for r in rows:
        out[r.id] = SheetData(
            uuid=r.uuid,
            round=rounds[r.round_id],
            tambon_code=r.tambon_code,
            inspector=names[r.inspector_id],
            status=str(r.status),
            version=r.version,
            base_version=r.base_version,
            note=r.note or "",
            scores=tuple(sorted(scores[r.id], key=lambda s: s.criterion)),
            photos=tuple(photos[r.id]),
            created_at=iso_time(r.created_at),
            updated_at=iso_time(r.updated_at),
            submitted_at=iso_time(r.submitted_at),
            lessons=lessons.get(r.id, NO_LESSONS),
        )
    return out


def chunks(items: Sequence[int] | Sequence[str], size: int) -> Iterable[list[object]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def received_versions(
    session: Session,
    uuids: Iterable[str],
    *,
    source: str | None = None,
    origin: str | None = None,
    field: str = "hash",
) -> dict[str, dict[int, frozenset[str]]]:
    """What this database has received of each uuid: version → content hashes (audit log).

    ``source`` keeps only entries from one source (package, excel), ``origin`` only those from
    one origin (an Excel workbook's id); ``field`` names the hash to read.
    """
    keys = sorted(set(uuids))
    found: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for chunk in chunks(keys, 500):
        query = select(m.AuditEntry.entity_key, m.AuditEntry.new).where(
            m.AuditEntry.entity == "sheet",
            m.AuditEntry.entity_key.in_(chunk),
            m.AuditEntry.action.in_(SYNC_ACTIONS),
        )
        if source is not None:
            query = query.where(m.AuditEntry.source == source)
        for key, new in session.execute(query):
            try:
                data = json.loads(new or "{}")
                version, digest = int(data["version"]), str(data[field])
            except (ValueError, KeyError, TypeError):
                continue
            if origin is not None and data.get("origin") != origin:
                continue
            found[key][version].add(digest)
    return {k: {v: frozenset(h) for v, h in vs.items()} for k, vs in found.items()}


def sheets_by_place(
    session: Session, inspector_id: int, round_ids: Iterable[int]
) -> dict[tuple[int, str], m.Sheet]:
    """An inspector's own sheets (not conflict copies) by (round id, tambon code), the oldest
    where there are several: the sheet an incoming sheet of that place is a twin of."""
    places: dict[tuple[int, str], m.Sheet] = {}
    for row in session.scalars(
        select(m.Sheet)
        .where(
            m.Sheet.inspector_id == inspector_id,
            m.Sheet.conflict_of.is_(None),
            m.Sheet.round_id.in_(list(round_ids)),
        )
        .order_by(m.Sheet.id)
    ):
        places.setdefault((row.round_id, row.tambon_code), row)
    return places


def changed_here(session: Session, uuids: Sequence[str]) -> set[str]:
    """The sheets (of ``uuids``) the audit log shows were changed in this database: any entry
    about the sheet, its scores, photos or lessons (keys ``uuid`` or ``uuid/…``), other than its
    creation, the merge's own and the committee's worth-spreading mark (not the content)."""
    out: set[str] = set()
    head = func.substr(m.AuditEntry.entity_key, 1, 36)
    for chunk in chunks(sorted(set(uuids)), 500):
        out.update(
            session.scalars(
                select(head)
                .where(
                    m.AuditEntry.entity.in_(("sheet", "score", "photo"))
                    | ((m.AuditEntry.entity == "lesson") & (m.AuditEntry.action == "set_lessons")),
                    head.in_(chunk),
                    ~m.AuditEntry.action.startswith("sync."),
                    ~((m.AuditEntry.entity == "sheet") & (m.AuditEntry.action == "create")),
                )
                .distinct()
            )
        )
    return out


def open_challengers(session: Session, uuids: Sequence[str]) -> dict[str, frozenset[str]]:
    """The content hashes of the open conflict copies of each sheet."""
    rows: list[m.Sheet] = []
    for chunk in chunks(list(uuids), 500):
        rows.extend(
            session.scalars(
                select(m.Sheet).where(
                    m.Sheet.conflict_of.in_(chunk), m.Sheet.status != m.SheetStatus.LOCKED
                )
            )
        )
    data = read_sheets(session, rows)
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert row.conflict_of is not None
        out[row.conflict_of].add(data[row.id].content_hash())
    return {k: frozenset(v) for k, v in out.items()}


def find_inspector(session: Session, name: str) -> m.Inspector:
    """The inspector of that name (normalised as every importer does); NotFoundError names it
    otherwise."""
    name = normalise(name)
    row = session.scalar(select(m.Inspector).where(m.Inspector.name == name))
    if row is None:
        raise NotFoundError(f"ไม่พบผู้ประเมินชื่อ '{name}' — no inspector named '{name}'")
    return row


def contest_for(session: Session, inspector_id: int, code: str | None) -> m.Contest:
    """The contest named by ``code``, else the only one the inspector has sheets in (or the
    only one there is)."""
    if code is not None:
        contest = session.scalar(select(m.Contest).where(m.Contest.code == code))
        if contest is None:
            raise NotFoundError(f"ไม่พบการประกวดรหัส '{code}' — no contest '{code}'")
        return contest
    ids = set(
        session.scalars(
            select(m.Round.contest_id)
            .join(m.Sheet, m.Sheet.round_id == m.Round.id)
            .where(m.Sheet.inspector_id == inspector_id)
        )
    )
    if not ids:
        ids = set(session.scalars(select(m.Contest.id)))
    if len(ids) != 1:
        raise InputError(
            [
                Problem(
                    "มีการประกวดมากกว่าหนึ่งรายการ ระบุด้วย --contest"
                    " — more than one contest: name one with --contest",
                    field="contest",
                )
            ]
        )
    return session.get_one(m.Contest, ids.pop())


def contest_info(session: Session, contest: m.Contest) -> ContestInfo:
    """The contest as a package's manifest names it: code, title, rubric version, criteria."""
    criteria = session.scalars(
        select(m.Criterion)
        .where(m.Criterion.contest_id == contest.id)
        .order_by(m.Criterion.position, m.Criterion.id)
    )
    return ContestInfo(
        contest.code,
        contest.title,
        contest.rubric_version,
        tuple((c.code, c.max_score) for c in criteria),
    )


def check_assignments(
    session: Session, ctx: LocalContext, sheets: Sequence[SheetData], file: str
) -> list[Problem]:
    """Whose scores count: every sheet an inspector hands on (package or Excel scoresheet) must
    be for a tambon assigned to that inspector in that round in this database. One problem per
    sheet that is not, naming the tambon and the round."""
    round_ids = {ctx.rounds[s.round].id for s in sheets if s.round in ctx.rounds}
    if not round_ids:
        return []
    assigned = {
        (rid, code)
        for rid, code in session.execute(
            select(m.Assignment.round_id, m.Assignment.tambon_code).where(
                m.Assignment.inspector_id == ctx.inspector_id,
                m.Assignment.round_id.in_(sorted(round_ids)),
            )
        )
    }
    outside = [
        (i, s)
        for i, s in enumerate(sheets)
        if s.round in ctx.rounds and (ctx.rounds[s.round].id, s.tambon_code) not in assigned
    ]
    if not outside:
        return []
    codes = sorted({s.tambon_code for _, s in outside})
    names: dict[str, str] = {
        code: name
        for code, name in session.execute(
            select(m.Tambon.code, m.Tambon.name_th).where(m.Tambon.code.in_(codes))
        )
    }
    problems: list[Problem] = []
    for i, sh in outside:
        tambon = f"{names.get(sh.tambon_code, '')} ({sh.tambon_code})".strip()
        problems.append(
            Problem(
                f"ตำบล{tambon} ไม่ได้มอบหมายให้ '{ctx.inspector}' ในรอบ '{sh.round}'"
                " ในฐานข้อมูลนี้ จึงไม่รับทั้งไฟล์"
                f" — tambon {sh.tambon_code} is not assigned to '{ctx.inspector}' in round"
                f" '{sh.round}' here; the whole file is refused",
                file,
                None,
                f"sheets[{i}] ({sh.round}/{sh.tambon_code})",
            )
        )
    return problems
