"""Finalising a round, reopening it, and checking a finalised result (DESIGN.md section 6).

* Finalising locks the round's submitted sheets (status ``locked``) and stores the ranking with
  its SHA-256; drafts stay drafts (a locked sheet counts, so locking a draft would change the
  result) and, like every sheet of a finalised round, can no longer change: services call
  :func:`evaluator.services.rounds.ensure_round_open` first. A round with open merge conflicts
  (copies with ``conflict_of`` not yet superseded) cannot be finalised: the committee settles
  them first. A round can only be finalised after the round it draws its candidates from, and
  that one only reopened after the rounds that draw on it.
* Reopening unlocks the sheets finalising locked; superseded conflict copies (locked,
  ``conflict_of`` set) stay locked. It needs a reason, which goes to the audit log.
* Who may: the permission table decides (``Action.FINALISE_ROUND``, ``Action.REOPEN_ROUND``),
  for the acting user as stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Update, select, update
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, InputError, LockedError, PermissionDenied, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.scoring import result as rr
from evaluator.services.round_context import context_for_round, round_key
from evaluator.services.users import user_in

ONLY_ADMIN_FINALISES = "เฉพาะผู้ดูแลระบบเท่านั้น — only an admin may finalise a round"
ONLY_ADMIN_REOPENS = "เฉพาะผู้ดูแลระบบเท่านั้นที่เปิดรอบที่ยืนยันผลแล้วได้ — only an admin may reopen a round"


@dataclass(frozen=True)
class FinaliseResult:
    contest_code: str
    round_code: str
    result_hash: str
    finalised_at: datetime
    finalised_by: str
    locked_sheets: int
    winners: int
    ties: int


@dataclass(frozen=True)
class ReopenResult:
    contest_code: str
    round_code: str
    reopened_by: str
    reason: str
    unlocked_sheets: int
    previous_hash: str | None


@dataclass(frozen=True)
class ResultCheck:
    """Whether a finalised round's stored result is intact and still what its sheets give."""

    round_code: str
    stored_hash: str | None
    computed_hash: str | None
    intact: bool
    matches_sheets: bool


def actor_of(user: UserInfo) -> str:
    """Who the audit log names for ``user``: the login once accounts have one, else the name."""
    login = getattr(user, "login", None)
    return str(login) if login else user.name


def _require(session: Session, user: UserInfo, action: Action, only: str) -> UserInfo:
    """The acting user as stored, after checking they may do ``action``."""
    stored = user_in(session, user.id)
    try:
        require(stored, action)
    except PermissionDenied as denied:
        raise PermissionDenied(f"{denied} ({only})") from None
    return stored


def _rowcount(session: Session, statement: Update) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0))


def _lock_round_row(session: Session, round_id: int) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(m.Round.id).where(m.Round.id == round_id).with_for_update())


def _open_conflicts(session: Session, round_id: int) -> list[str]:
    return list(
        session.scalars(
            select(m.Sheet.tambon_code)
            .where(
                m.Sheet.round_id == round_id,
                m.Sheet.conflict_of.is_not(None),
                m.Sheet.status != m.SheetStatus.LOCKED,
            )
            .distinct()
        )
    )


def finalise_round(
    db: Database,
    user: UserInfo,
    round_code: str,
    *,
    contest: str | None = None,
    source: audit.Source | str = audit.Source.KEYBOARD,
) -> FinaliseResult:
    """Rank the round, store the result with its SHA-256 and lock the round's sheets.

    ``Action.FINALISE_ROUND`` (admins); a round drawing on another (``eligible_from``) only
    after that one is finalised.
    """
    with db.transaction() as s:
        stored_user = _require(s, user, Action.FINALISE_ROUND, ONLY_ADMIN_FINALISES)
        actor = actor_of(stored_user)
        ctx, rnd = context_for_round(s, round_code, contest)
        _lock_round_row(s, rnd.id)
        s.refresh(rnd)
        if rnd.is_final:
            raise LockedError(
                f"รอบ {rnd.code} ยืนยันผลไปแล้วเมื่อ {rnd.finalised_at} — already finalised"
            )
        if rnd.eligible_from:
            source_round = ctx.round(rnd.eligible_from)
            if not source_round.is_final:
                raise EvaluatorError(
                    f"ต้องยืนยันผลรอบ {source_round.code} ก่อน เพราะรอบ {rnd.code}"
                    f" คัดจากผู้ได้รับรางวัลของรอบนั้น — finalise {source_round.code} first"
                )
        open_conflicts = _open_conflicts(s, rnd.id)
        if open_conflicts:
            shown = ", ".join(sorted(open_conflicts)[:10])
            raise EvaluatorError(
                f"ยังมีแบบประเมินที่ขัดแย้งกันรอการแก้ไขใน {len(open_conflicts)} ตำบล ({shown})"
                " ต้องแก้ข้อขัดแย้งก่อนยืนยันผล — resolve the open sheet conflicts first"
            )
        at = m.utcnow()
        ranking = ctx.to_ranking(rnd, ctx.result(rnd.code), finalised_at=at, finalised_by=actor)
        result_text = rr.canonical_json(rr.result_object(ranking))
        digest = rr.sha256(result_text)
        locked = _rowcount(
            s,
            update(m.Sheet)
            .where(
                m.Sheet.round_id == rnd.id,
                m.Sheet.status == m.SheetStatus.SUBMITTED,
                m.Sheet.conflict_of.is_(None),
            )
            .values(status=m.SheetStatus.LOCKED),
        )
        rnd.finalised_at = at
        rnd.finalised_by = actor
        rnd.result_json = result_text
        rnd.result_hash = digest
        winners = len(ranking.winners())
        ties = len(ranking.ties())
        audit.record(
            s,
            actor,
            source,
            [
                audit.Change(
                    action="finalise",
                    entity="round",
                    entity_key=round_key(ctx.contest.code, rnd.code),
                    new={
                        "result_hash": digest,
                        "finalised_at": at.isoformat(),
                        "locked_sheets": locked,
                        "winners": winners,
                        "ties": ties,
                    },
                    reason="ยืนยันผลรอบการประกวด — round finalised",
                )
            ],
        )
        return FinaliseResult(
            contest_code=ctx.contest.code,
            round_code=rnd.code,
            result_hash=digest,
            finalised_at=at,
            finalised_by=actor,
            locked_sheets=locked,
            winners=winners,
            ties=ties,
        )


def reopen_round(
    db: Database,
    user: UserInfo,
    round_code: str,
    reason: str,
    *,
    contest: str | None = None,
    source: audit.Source | str = audit.Source.KEYBOARD,
) -> ReopenResult:
    """Undo a finalisation (``Action.REOPEN_ROUND``, admins; with a reason): unlock the sheets,
    drop the stored result; the audit log keeps the old hash, who and why."""
    reason = reason.strip()
    with db.transaction() as s:
        stored_user = _require(s, user, Action.REOPEN_ROUND, ONLY_ADMIN_REOPENS)
        if not reason:
            raise InputError(
                [Problem("ต้องระบุเหตุผลที่เปิดรอบอีกครั้ง — a reason is required", field="reason")]
            )
        actor = actor_of(stored_user)
        ctx, rnd = context_for_round(s, round_code, contest)
        _lock_round_row(s, rnd.id)
        s.refresh(rnd)
        if not rnd.is_final:
            raise EvaluatorError(f"รอบ {rnd.code} ยังไม่ได้ยืนยันผล — the round is not finalised")
        dependants = [
            r.code for r in ctx.rounds.values() if r.eligible_from == rnd.code and r.is_final
        ]
        if dependants:
            raise EvaluatorError(
                f"ต้องเปิดรอบ {', '.join(dependants)} ก่อน เพราะคัดจากผู้ได้รับรางวัลของรอบ"
                f" {rnd.code} — reopen {', '.join(dependants)} first"
            )
        previous = {
            "result_hash": rnd.result_hash,
            "finalised_at": rnd.finalised_at.isoformat() if rnd.finalised_at else None,
            "finalised_by": rnd.finalised_by,
        }
        unlocked = _rowcount(
            s,
            update(m.Sheet)
            .where(
                m.Sheet.round_id == rnd.id,
                m.Sheet.status == m.SheetStatus.LOCKED,
                m.Sheet.conflict_of.is_(None),  # superseded conflict copies stay locked
            )
            .values(status=m.SheetStatus.SUBMITTED),
        )
        previous_hash = rnd.result_hash
        rnd.finalised_at = None
        rnd.finalised_by = None
        rnd.result_json = None
        rnd.result_hash = None
        audit.record(
            s,
            actor,
            source,
            [
                audit.Change(
                    action="reopen",
                    entity="round",
                    entity_key=round_key(ctx.contest.code, rnd.code),
                    old=previous,
                    new={"unlocked_sheets": unlocked},
                    reason=reason,
                )
            ],
        )
        return ReopenResult(
            contest_code=ctx.contest.code,
            round_code=rnd.code,
            reopened_by=actor,
            reason=reason,
            unlocked_sheets=unlocked,
            previous_hash=previous_hash,
        )


def verify_result(db: Database, round_code: str, *, contest: str | None = None) -> ResultCheck:
    """Check a finalised round: its stored result matches its hash, and ranking its (locked)
    sheets again gives the same entries."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        if not rnd.is_final or rnd.result_json is None:
            return ResultCheck(rnd.code, None, None, intact=False, matches_sheets=False)
        computed = rr.sha256(rnd.result_json)
        intact = computed == rnd.result_hash
        matches = False
        if intact:
            stored = rr.ranking_from_result(json.loads(rnd.result_json), rnd.result_hash)
            fresh = ctx.to_ranking(rnd, ctx.result(rnd.code))
            matches = [rr.decisive(e) for e in stored.entries] == [
                rr.decisive(e) for e in fresh.entries
            ]
        return ResultCheck(rnd.code, rnd.result_hash, computed, intact, matches)
