"""The scores table (DESIGN.md section 5), long format: one row per criterion score.

Columns: ``round`` (รอบ), ``inspector`` (ผู้ประเมิน), ``tambon_code`` (รหัสตำบล), ``criterion``
(เกณฑ์), ``score`` (คะแนน), and optionally ``note`` (หมายเหตุ), ``status`` (สถานะ: ``draft`` /
``submitted``, default submitted) and ``contest`` (การประกวด, only needed when two contests share
a round code). A row names its sheet by (round, inspector, tambon_code). Rounds and criteria are
looked up by code (any case) or by their exact title, in the round's contest.

A blank score is not an error: the row is skipped with a warning and the sheet stays incomplete
(it is shown as incomplete in the ranking). Everything else that is wrong is a problem; the
importer checks the whole file before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import geothai
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import models as m
from evaluator.errors import Problem
from evaluator.io.geography_import import tambon_code_of
from evaluator.io.tables import Column, Table, parse_number
from evaluator.text import name_key, normalise

COLUMNS: tuple[Column, ...] = (
    Column("round", "รอบ", ("round_code", "รหัสรอบ", "ระดับรางวัล", "award_round")),
    Column(
        "inspector",
        "ผู้ประเมิน",
        ("inspector_name", "ชื่อผู้ประเมิน", "ผู้ตรวจ", "ผู้ตรวจราชการ", "evaluator"),
    ),
    Column(
        "tambon_code",
        "รหัสตำบล",
        ("code", "รหัส", "subdistrict_code", "tambon_id", "geocode"),
        numeric=True,
    ),
    Column("criterion", "เกณฑ์", ("criterion_code", "รหัสเกณฑ์", "ตัวชี้วัด", "criteria")),
    Column("score", "คะแนน", ("value", "points", "คะแนนที่ได้"), numeric=True),
    Column(
        "note",
        "หมายเหตุ",
        ("notes", "comment", "บันทึก", "ความเห็น"),
        required=False,
        multiline=True,
    ),
    Column("status", "สถานะ", ("sheet_status", "สถานะแบบประเมิน"), required=False),
    Column("contest", "การประกวด", ("contest_code", "รหัสการประกวด"), required=False),
)

MAX_PROBLEMS = 500
EPSILON = 1e-9

_STATUS_WORDS: dict[str, m.SheetStatus] = {
    "draft": m.SheetStatus.DRAFT,
    "ร่าง": m.SheetStatus.DRAFT,
    "ฉบับร่าง": m.SheetStatus.DRAFT,
    "submitted": m.SheetStatus.SUBMITTED,
    "submit": m.SheetStatus.SUBMITTED,
    "ส่งแล้ว": m.SheetStatus.SUBMITTED,
    "ส่ง": m.SheetStatus.SUBMITTED,
}


def person_name(text: str) -> str:
    """A person's name in its one stored form (:func:`evaluator.text.normalise`)."""
    return normalise(text)


def _key(text: str) -> str:
    return name_key(text)


# --- what the database holds -----------------------------------------------------------------


@dataclass(frozen=True)
class RoundInfo:
    id: int
    contest_id: int
    code: str
    finalised: bool


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    code: str
    max_score: float


@dataclass
class ScoreContext:
    """Plain lookups of the database's contests, rounds, criteria, tambons and inspectors."""

    contests: dict[str, int] = field(default_factory=dict)
    first_contest: int | None = None
    rounds: dict[str, list[RoundInfo]] = field(default_factory=dict)
    criteria: dict[int, dict[str, CriterionInfo]] = field(default_factory=dict)
    criteria_codes: dict[int, list[str]] = field(default_factory=dict)
    tambons: set[str] = field(default_factory=set)
    inspectors: dict[str, tuple[int, str]] = field(default_factory=dict)
    locked_sheets: set[tuple[int, int, str]] = field(default_factory=set)


def load_context(session: Session) -> ScoreContext:
    """Everything a scores table is checked against, in a handful of queries."""
    ctx = ScoreContext()
    for cid, code in session.execute(select(m.Contest.id, m.Contest.code).order_by(m.Contest.id)):
        ctx.contests[_key(code)] = cid
        if ctx.first_contest is None:
            ctx.first_contest = cid
    for r in session.execute(
        select(
            m.Round.id, m.Round.contest_id, m.Round.code, m.Round.title, m.Round.finalised_at
        ).order_by(m.Round.contest_id, m.Round.position, m.Round.id)
    ):
        info = RoundInfo(r.id, r.contest_id, r.code, r.finalised_at is not None)
        for key in {_key(r.code), _key(r.title or r.code)}:
            ctx.rounds.setdefault(key, []).append(info)
    for c in session.execute(
        select(m.Criterion.id, m.Criterion.contest_id, m.Criterion.code, m.Criterion.title)
        .add_columns(m.Criterion.max_score)
        .order_by(m.Criterion.contest_id, m.Criterion.position, m.Criterion.id)
    ):
        info_c = CriterionInfo(c.id, c.code, float(c.max_score))
        by_key = ctx.criteria.setdefault(c.contest_id, {})
        by_key.setdefault(_key(c.title), info_c)
        by_key[_key(c.code)] = info_c  # a code wins over another criterion's same title
        ctx.criteria_codes.setdefault(c.contest_id, []).append(c.code)
    ctx.tambons = set(session.scalars(select(m.Tambon.code)))
    for iid, name in session.execute(select(m.Inspector.id, m.Inspector.name)):
        ctx.inspectors.setdefault(_key(name), (iid, name))
    ctx.locked_sheets = {
        (r, i, t)
        for r, i, t in session.execute(
            select(m.Sheet.round_id, m.Sheet.inspector_id, m.Sheet.tambon_code).where(
                m.Sheet.status == m.SheetStatus.LOCKED
            )
        )
    }
    return ctx


# --- checking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    """One checked row. ``value`` None: blank score; ``note`` None: the file has no note column."""

    row: int
    round_id: int
    round_code: str
    contest_id: int
    inspector: str
    tambon_code: str
    criterion_id: int
    criterion_code: str
    value: float | None
    note: str | None
    status: m.SheetStatus | None


@dataclass
class ScoreCheck:
    rows: list[ScoreRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _format(value: float) -> str:
    return f"{value:g}"


def check_scores(table: Table, ctx: ScoreContext) -> ScoreCheck:
    """Check every row of a scores table against the database; collect all problems."""
    out = ScoreCheck()
    seen: dict[tuple[int, str, str, int], int] = {}
    sheet_status: dict[tuple[int, str, str], tuple[m.SheetStatus, int]] = {}
    reported_rounds: set[int] = set()
    blank_rows: list[int] = []

    def problem(row: int, name: str, message: str) -> None:
        out.problems.append(table.problem(row, name, message))

    if ctx.first_contest is None:
        out.problems.append(
            Problem(
                "ยังไม่มีการประกวดในฐานข้อมูล นำเข้าเกณฑ์และรอบก่อน (evaluator import contest) "
                "— no contest in the database yet",
                table.file,
            )
        )
        return out
    if not table.rows:
        out.problems.append(Problem("ไม่มีแถวข้อมูลใต้หัวตาราง — the table has no data rows", table.file))
        return out

    for row in table.rows:
        if len(out.problems) >= MAX_PROBLEMS:
            out.problems.append(
                Problem(f"พบปัญหามากกว่า {MAX_PROBLEMS} ข้อ หยุดตรวจ — too many problems", table.file)
            )
            break
        n, v = row.number, row.values
        before = len(out.problems)

        # contest (optional column) and round
        contest_id: int | None = None
        contest_text = v.get("contest", "")
        if contest_text:
            contest_id = ctx.contests.get(_key(contest_text))
            if contest_id is None:
                problem(n, "contest", f"ไม่มีการประกวด '{contest_text}' — unknown contest")
        rnd: RoundInfo | None = None
        round_text = v.get("round", "")
        if not round_text:
            problem(n, "round", "ไม่ได้ระบุรอบ — the round is empty")
        elif not (contest_text and contest_id is None):
            candidates = ctx.rounds.get(_key(round_text), [])
            if contest_id is not None:
                candidates = [c for c in candidates if c.contest_id == contest_id]
            if not candidates:
                problem(n, "round", f"ไม่มีรอบ '{round_text}' — unknown round")
            else:
                # the first contest's round when two contests share a code
                rnd = next(
                    (c for c in candidates if c.contest_id == ctx.first_contest), candidates[0]
                )
                if rnd.finalised and rnd.id not in reported_rounds:
                    reported_rounds.add(rnd.id)
                    problem(
                        n,
                        "round",
                        f"รอบ '{rnd.code}' ปิดผลแล้ว ถูกล็อก แก้ไขคะแนนไม่ได้ "
                        "— the round is finalised and locked",
                    )

        inspector = person_name(v.get("inspector", ""))
        if not inspector:
            problem(n, "inspector", "ไม่ได้ระบุชื่อผู้ประเมิน — the inspector is empty")

        raw_code = v.get("tambon_code", "")
        code = tambon_code_of(raw_code)
        if code is None:
            problem(
                n,
                "tambon_code",
                "ไม่มีรหัสตำบล — the tambon code is empty"
                if not raw_code
                else f"รหัสตำบล '{raw_code}' ต้องเป็นตัวเลข 6 หลัก — a tambon code has 6 digits",
            )
        elif code not in ctx.tambons:
            official = geothai.subdistrict(code)
            problem(
                n,
                "tambon_code",
                f"ตำบล {code} ({official.name_th}) ยังไม่อยู่ในฐานข้อมูล นำเข้าภูมิศาสตร์ก่อน "
                "— the tambon is not in the database"
                if official
                else f"ไม่มีรหัสตำบล {code} — unknown tambon code",
            )

        crit: CriterionInfo | None = None
        crit_text = v.get("criterion", "")
        if not crit_text:
            problem(n, "criterion", "ไม่ได้ระบุเกณฑ์ — the criterion is empty")
        elif rnd is not None:
            crit = ctx.criteria.get(rnd.contest_id, {}).get(_key(crit_text))
            if crit is None:
                known = ", ".join(ctx.criteria_codes.get(rnd.contest_id, []))
                problem(
                    n,
                    "criterion",
                    f"ไม่มีเกณฑ์ '{crit_text}' ในการประกวดของรอบ '{rnd.code}' (มี {known}) "
                    "— unknown criterion",
                )

        value: float | None = None
        score_text = v.get("score", "")
        if score_text:
            try:
                value = parse_number(score_text)
            except ValueError:
                problem(n, "score", f"คะแนน '{score_text}' ไม่ใช่ตัวเลข — the score is not a number")
            else:
                if value < 0:
                    problem(n, "score", f"คะแนน {_format(value)} ติดลบ — the score is below 0")
                elif crit is not None and value > crit.max_score + EPSILON:
                    problem(
                        n,
                        "score",
                        f"คะแนน {_format(value)} เกินคะแนนเต็ม {_format(crit.max_score)} "
                        f"ของเกณฑ์ {crit.code} — the score is above max_score",
                    )

        status: m.SheetStatus | None = None
        status_text = v.get("status", "")
        if status_text:
            status = _STATUS_WORDS.get(status_text.strip().casefold())
            if status is None:
                problem(
                    n,
                    "status",
                    f"สถานะ '{status_text}' ใช้ไม่ได้ ใช้ draft/ร่าง หรือ submitted/ส่งแล้ว "
                    "— unknown status",
                )

        if len(out.problems) > before or rnd is None or crit is None or code is None:
            continue

        inspector_key = _key(inspector)
        dup_key = (rnd.id, inspector_key, code, crit.id)
        if dup_key in seen:
            problem(
                n,
                "criterion",
                f"คะแนนเกณฑ์ {crit.code} ของ {inspector} ตำบล {code} รอบ {rnd.code} "
                f"ซ้ำกับแถว {seen[dup_key]} — duplicate row",
            )
            continue
        seen[dup_key] = n
        sheet_key = (rnd.id, inspector_key, code)
        if status is not None:
            first = sheet_status.setdefault(sheet_key, (status, n))
            if first[0] != status:
                problem(
                    n,
                    "status",
                    f"สถานะ '{status_text}' ขัดกับแถว {first[1]} ของแบบประเมินเดียวกัน "
                    "— rows of one sheet disagree on its status",
                )
                continue
        known_inspector = ctx.inspectors.get(inspector_key)
        if known_inspector and (rnd.id, known_inspector[0], code) in ctx.locked_sheets:
            problem(
                n,
                "tambon_code",
                f"แบบประเมินของ {inspector} ตำบล {code} รอบ {rnd.code} ถูกล็อกแล้ว "
                "— the sheet is locked",
            )
            continue
        if value is None:
            blank_rows.append(n)
        out.rows.append(
            ScoreRow(
                row=n,
                round_id=rnd.id,
                round_code=rnd.code,
                contest_id=rnd.contest_id,
                inspector=known_inspector[1] if known_inspector else inspector,
                tambon_code=code,
                criterion_id=crit.id,
                criterion_code=crit.code,
                value=value,
                note=v.get("note", "") if table.has("note") else None,
                status=status,
            )
        )
    if blank_rows:
        shown = ", ".join(str(r) for r in blank_rows[:20])
        more = f" และอีก {len(blank_rows) - 20} แถว" if len(blank_rows) > 20 else ""
        out.warnings.append(
            f"{table.file}: ไม่มีคะแนน {len(blank_rows)} แถว (แถว {shown}{more}) ข้ามไป "
            "แบบประเมินนั้นจะยังไม่ครบ — blank scores skipped"
        )
    return out


# --- storing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreCounts:
    """What storing the rows did."""

    scores_added: int
    scores_updated: int
    scores_unchanged: int
    sheets_added: int
    sheets_updated: int
    sheets_unchanged: int
    inspectors_added: list[str]
    complete_sheets: int
    incomplete_sheets: list[str]
    audit_entries: int
    assignments_added: tuple[str, ...] = ()  # "round / inspector / tambon" made by this import


def _score_state(value: float, note: str) -> dict[str, object]:
    return {"value": value, "note": note}


def store_scores(
    session: Session,
    rows: list[ScoreRow],
    ctx: ScoreContext,
    *,
    actor: str,
    reason: str,
) -> ScoreCounts:
    """Create or update inspectors, sheets and scores for checked rows, in the caller's unit of
    work, with an audit entry for every change. Identical data changes nothing."""
    now = m.utcnow()
    changes: list[audit.Change] = []

    # inspectors
    inspector_ids: dict[str, int] = {k: v[0] for k, v in ctx.inspectors.items()}
    added_inspectors: list[m.Inspector] = []
    pending: set[str] = set()
    for r in rows:
        if r.value is None:
            continue
        key = _key(r.inspector)
        if key not in inspector_ids and key not in pending:
            pending.add(key)
            added_inspectors.append(m.Inspector(name=r.inspector))
    session.add_all(added_inspectors)
    session.flush()
    for inspector in added_inspectors:
        inspector_ids[_key(inspector.name)] = inspector.id
        changes.append(
            audit.Change("create", "inspector", str(inspector.id), new={"name": inspector.name})
        )

    # existing sheets of the rounds concerned, with their scores
    round_ids = sorted({r.round_id for r in rows})
    sheets: dict[tuple[int, int, str], m.Sheet] = {}
    if round_ids:
        for stored in session.scalars(
            select(m.Sheet)
            .where(m.Sheet.round_id.in_(round_ids), m.Sheet.conflict_of.is_(None))
            .order_by(m.Sheet.id)
        ):
            sheets.setdefault((stored.round_id, stored.inspector_id, stored.tambon_code), stored)
    scores: dict[int, dict[int, m.Score]] = defaultdict(dict)
    if sheets:
        sheet_ids = {s.id for s in sheets.values()}
        for kept in session.scalars(
            select(m.Score)
            .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
            .where(m.Sheet.round_id.in_(round_ids), m.Sheet.conflict_of.is_(None))
        ):
            if kept.sheet_id in sheet_ids:
                scores[kept.sheet_id][kept.criterion_id] = kept

    # group rows by sheet, in file order
    groups: dict[tuple[int, int, str], list[ScoreRow]] = {}
    for r in rows:
        if r.value is None:
            continue
        sheet_key = (r.round_id, inspector_ids[_key(r.inspector)], r.tambon_code)
        groups.setdefault(sheet_key, []).append(r)

    # a sheet handed in for a tambon the inspector was not assigned to gets its assignment,
    # so that it shows in the inspector's and the committee's lists like any other
    assigned: set[tuple[int, int, str]] = {
        (row.round_id, row.inspector_id, row.tambon_code)
        for row in session.execute(
            select(
                m.Assignment.round_id, m.Assignment.inspector_id, m.Assignment.tambon_code
            ).where(m.Assignment.round_id.in_(round_ids))
        )
    }

    made_assignments: list[str] = []
    codes = ctx.criteria_codes
    s_added = s_updated = s_same = sh_added = sh_updated = sh_same = 0
    complete = 0
    incomplete: list[str] = []
    new_scores: list[tuple[m.Sheet, int, float, str]] = []
    for (round_id, inspector_id, tambon), group in groups.items():
        explicit = next((r.status for r in group if r.status is not None), None)
        sheet = sheets.get((round_id, inspector_id, tambon))
        label = f"{group[0].round_code} / {group[0].inspector} / {tambon}"
        if sheet is None:
            status = explicit or m.SheetStatus.SUBMITTED
            sheet = m.Sheet(
                uuid=m.new_uuid(),
                round_id=round_id,
                inspector_id=inspector_id,
                tambon_code=tambon,
                status=status,
                version=1,
                base_version=0,
                created_at=now,
                updated_at=now,
                submitted_at=now if status is m.SheetStatus.SUBMITTED else None,
            )
            session.add(sheet)
            sheets[(round_id, inspector_id, tambon)] = sheet
            if (round_id, inspector_id, tambon) not in assigned:
                session.add(
                    m.Assignment(round_id=round_id, inspector_id=inspector_id, tambon_code=tambon)
                )
                assigned.add((round_id, inspector_id, tambon))
                made_assignments.append(label)
                changes.append(
                    audit.Change(
                        "create",
                        "assignment",
                        f"{group[0].round_code}/{tambon}/{inspector_id}",
                        new={
                            "round": group[0].round_code,
                            "inspector": group[0].inspector,
                            "tambon_code": tambon,
                        },
                        reason=f"{reason} (มอบหมายโดยคณะกรรมการผ่านตารางคะแนน)",
                    )
                )
            sh_added += 1
            changes.append(
                audit.Change(
                    "create",
                    "sheet",
                    sheet.uuid,
                    new={
                        "round": group[0].round_code,
                        "inspector": group[0].inspector,
                        "tambon_code": tambon,
                        "status": str(status),
                    },
                    reason=reason,
                )
            )
            for r in group:
                assert r.value is not None
                note = r.note or ""
                new_scores.append((sheet, r.criterion_id, r.value, note))
                changes.append(
                    audit.Change(
                        "create",
                        "score",
                        f"{sheet.uuid}/{r.criterion_code}",
                        new=_score_state(r.value, note),
                        reason=reason,
                    )
                )
                s_added += 1
            have = {r.criterion_id for r in group}
        else:
            current = scores[sheet.id]
            changed = False
            for r in group:
                assert r.value is not None
                score = current.get(r.criterion_id)
                if score is None:
                    note = r.note or ""
                    new_scores.append((sheet, r.criterion_id, r.value, note))
                    changes.append(
                        audit.Change(
                            "create",
                            "score",
                            f"{sheet.uuid}/{r.criterion_code}",
                            new=_score_state(r.value, note),
                            reason=reason,
                        )
                    )
                    s_added += 1
                    changed = True
                    continue
                note = score.note if r.note is None else r.note
                if abs(score.value - r.value) <= EPSILON and note == score.note:
                    s_same += 1
                    continue
                old = _score_state(score.value, score.note)
                score.value, score.note = r.value, note
                changes.append(
                    audit.Change(
                        "update",
                        "score",
                        f"{sheet.uuid}/{r.criterion_code}",
                        old=old,
                        new=_score_state(r.value, note),
                        reason=reason,
                    )
                )
                s_updated += 1
                changed = True
            target = explicit or (m.SheetStatus.SUBMITTED if changed else sheet.status)
            if target != sheet.status:
                changes.append(
                    audit.Change(
                        "update",
                        "sheet",
                        sheet.uuid,
                        old={"status": str(sheet.status)},
                        new={"status": str(target)},
                        reason=reason,
                    )
                )
                sheet.status = target
                if target is m.SheetStatus.SUBMITTED:
                    sheet.submitted_at = now
                changed = True
            if changed:
                sheet.version += 1
                sheet.updated_at = now
                sh_updated += 1
            else:
                sh_same += 1
            have = set(current) | {r.criterion_id for r in group}
        contest_codes = codes.get(group[0].contest_id, [])
        all_ids = {c.id for c in ctx.criteria.get(group[0].contest_id, {}).values()}
        missing = all_ids - have
        if missing:
            by_id = {c.id: c.code for c in ctx.criteria.get(group[0].contest_id, {}).values()}
            gaps = [c for c in contest_codes if c in {by_id[i] for i in missing}]
            incomplete.append(f"{label} (ขาด {', '.join(gaps)})")
        else:
            complete += 1
    session.flush()  # new sheets get their ids
    if new_scores:
        session.execute(
            insert(m.Score),
            [
                {"sheet_id": sheet.id, "criterion_id": cid, "value": value, "note": note}
                for sheet, cid, value, note in new_scores
            ],
        )
    written = audit.record(session, actor, audit.Source.IMPORT, changes) if changes else 0
    return ScoreCounts(
        scores_added=s_added,
        scores_updated=s_updated,
        scores_unchanged=s_same,
        sheets_added=sh_added,
        sheets_updated=sh_updated,
        sheets_unchanged=sh_same,
        inspectors_added=[i.name for i in added_inspectors],
        complete_sheets=complete,
        incomplete_sheets=incomplete,
        audit_entries=written,
        assignments_added=tuple(made_assignments),
    )
