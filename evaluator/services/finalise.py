"""Finalising a round, reopening it, and checking a finalised result (DESIGN.md section 6).

* Finalising locks the round's submitted sheets (status ``locked``) and stores the ranking with
  its SHA-256; drafts stay drafts (a locked sheet counts, so locking a draft would change the
  result) and, like every sheet of a finalised round, can no longer change: services call
  :func:`evaluator.services.rounds.ensure_round_open` first. A round with open merge conflicts
  (copies with ``conflict_of`` not yet superseded) cannot be finalised: the committee settles
  them first; so must a tie at the cutoff (``ties resolve``). A round can only be finalised
  after the round it draws its candidates from, and
  that one only reopened after the rounds that draw on it.
* Reopening unlocks the sheets finalising locked; superseded conflict copies (locked,
  ``conflict_of`` set) stay locked. It needs a reason, which goes to the audit log.
* One write transaction (DESIGN.md section 6): finalising takes the write lock first
  (:mod:`evaluator.db.locks`: SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``SELECT … FOR UPDATE``
  on the round), then ranks what is in the database, locks the sheets and stores the result,
  and commits; imports and edits of the round wait for it and then find the round finalised.
  A lock that times out or a deadlock is tried again a few times, then reported as a clear
  message (:class:`~evaluator.errors.EvaluatorError`).
* :func:`check_round` (``audit verify``) ranks a finalised round again from its locked sheets
  and compares that with the stored result, the stored result with its hash, and the hash with
  the one written in the audit entry of the finalisation.
* Who may: the permission table decides (``Action.FINALISE_ROUND``, ``Action.REOPEN_ROUND``),
  for the acting user as stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Update, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import begin_write, is_contention, lock_rounds
from evaluator.errors import EvaluatorError, InputError, LockedError, PermissionDenied, Problem
from evaluator.i18n import LANGUAGES as LANGS
from evaluator.i18n import one_language
from evaluator.permissions import Action, UserInfo, require
from evaluator.scoring import result as rr
from evaluator.services import audit_key, checkpoints
from evaluator.services.round_context import (
    RoundContext,
    context_for_round,
    find_contest,
    find_round,
)
from evaluator.services.rounds import round_key
from evaluator.services.ties import round_ties
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
    """Whether a finalised round's stored result is intact and still what its sheets give.

    ``intact``: the stored text hashes to the stored hash; ``matches_log``: that hash is the one
    the finalisation wrote in the audit log; ``matches_sheets``: ranking the locked sheets again
    decides every tambon as stored. ``problems`` says what is wrong, in Thai and English.
    """

    round_code: str
    stored_hash: str | None
    computed_hash: str | None
    intact: bool
    matches_sheets: bool
    contest_code: str = ""
    logged_hash: str | None = None
    matches_log: bool = False
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.intact and self.matches_log and self.matches_sheets and not self.problems


RETRIES = 4
"""How many times a finalisation or reopening meets a busy database before it gives up."""

T = TypeVar("T")


def _require(session: Session, user: UserInfo, action: Action, only: str) -> UserInfo:
    """The acting user as stored, after checking they may do ``action``."""
    stored = user_in(session, user.id)
    try:
        require(stored, action)
    except PermissionDenied as denied:
        said = denied.whole
        thai, english = (f"{one_language(said, k)} ({one_language(only, k)})" for k in LANGS)
        raise PermissionDenied(f"{thai} — {english}") from None
    return stored


def _rowcount(session: Session, statement: Update) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0))


def _retrying(work: Callable[[], T], what: str) -> T:
    """Run ``work`` (one whole unit of work), again after a lock timeout or a deadlock."""
    for attempt in range(RETRIES):
        try:
            return work()
        except DBAPIError as exc:
            if not is_contention(exc):
                raise
            if attempt == RETRIES - 1:
                raise EvaluatorError(
                    f"ฐานข้อมูลกำลังถูกใช้งานโดยงานอื่น (เช่น การนำเข้า) จึง{what}ไม่ได้ในขณะนี้"
                    f" ลองใหม่อีกครั้งเมื่องานนั้นเสร็จ — the database is busy"
                    f" (tried {RETRIES} times); try again when the other work has finished"
                ) from None
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _locked_context(
    session: Session, round_code: str, contest: str | None
) -> tuple[RoundContext, m.Round]:
    """The round, read after taking the write lock on it (see :mod:`evaluator.db.locks`)."""
    begin_write(session)
    lock_rounds(session, [find_round(session, round_code, contest).id], exclusive=True)
    session.expire_all()  # what was read before the lock may have changed meanwhile
    return context_for_round(session, round_code, contest)


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
    after that one is finalised. Everything happens in one write transaction that takes the
    lock before it reads (see the module docstring).
    """
    return _retrying(lambda: _finalise(db, user, round_code, contest, source), "ยืนยันผลรอบการประกวด")


def _finalise(
    db: Database,
    user: UserInfo,
    round_code: str,
    contest: str | None,
    source: audit.Source | str,
) -> FinaliseResult:
    with db.transaction() as s:
        begin_write(s)
        stored_user = _require(s, user, Action.FINALISE_ROUND, ONLY_ADMIN_FINALISES)
        actor = stored_user.login
        key = audit_key.signing_key()  # no passphrase: refused here, nothing written
        ctx, rnd = _locked_context(s, round_code, contest)
        if rnd.is_final:
            raise LockedError(
                f"รอบ {rnd.code} ยืนยันผลไปแล้วเมื่อ {rnd.finalised_at}"
                f" — round {rnd.code} was already finalised on {rnd.finalised_at}"
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
                " ต้องแก้ข้อขัดแย้งก่อนยืนยันผล"
                f" — resolve the open sheet conflicts of {len(open_conflicts)} tambons ({shown})"
                " first: Conflicts view"
            )
        open_ties = round_ties(ctx, rnd).open()
        if open_ties:
            listed = "; ".join(t.describe("th") for t in open_ties)
            listed_en = "; ".join(t.describe("en") for t in open_ties)
            raise EvaluatorError(
                f"ยังมีคะแนนเท่ากันที่ลำดับตัดรางวัลรอคณะกรรมการตัดสิน {len(open_ties)} กลุ่ม: {listed}"
                " คณะกรรมการตัดสินได้ที่หน้า จัดอันดับ แท็บ คะแนนเท่ากัน ก่อนยืนยันผล"
                f" — settle the {len(open_ties)} ties at the cutoff first ({listed_en}):"
                " Rankings view, Ties tab (`ties resolve` from a script)"
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
        checkpoints.checkpoint(s, actor, f"ยืนยันผลรอบ {rnd.code} — round {rnd.code} finalised", key)
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
    return _retrying(
        lambda: _reopen(db, user, round_code, reason.strip(), contest, source),
        "เปิดรอบอีกครั้ง",
    )


def _reopen(
    db: Database,
    user: UserInfo,
    round_code: str,
    reason: str,
    contest: str | None,
    source: audit.Source | str,
) -> ReopenResult:
    with db.transaction() as s:
        begin_write(s)
        stored_user = _require(s, user, Action.REOPEN_ROUND, ONLY_ADMIN_REOPENS)
        if not reason:
            raise InputError(
                [Problem("ต้องระบุเหตุผลที่เปิดรอบอีกครั้ง — a reason is required", field="reason")]
            )
        actor = stored_user.login
        ctx, rnd = _locked_context(s, round_code, contest)
        if not rnd.is_final:
            raise EvaluatorError(f"รอบ {rnd.code} ยังไม่ได้ยืนยันผล — round {rnd.code} is not finalised")
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


def logged_hash(session: Session, contest_code: str, round_code: str) -> str | None:
    """The result hash the round's last finalisation wrote in the audit log."""
    new = session.scalar(
        select(m.AuditEntry.new)
        .where(
            m.AuditEntry.action == "finalise",
            m.AuditEntry.entity == "round",
            m.AuditEntry.entity_key == round_key(contest_code, round_code),
        )
        .order_by(m.AuditEntry.id.desc())
        .limit(1)
    )
    try:
        data = json.loads(new) if isinstance(new, str) else new
    except ValueError:
        return None
    value = data.get("result_hash") if isinstance(data, dict) else None
    return str(value) if value else None


def _stray_sheets(session: Session, round_id: int) -> int:
    """Submitted sheets of a finalised round that finalising did not lock (added behind the
    lock's back)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(m.Sheet)
            .where(
                m.Sheet.round_id == round_id,
                m.Sheet.status == m.SheetStatus.SUBMITTED,
                m.Sheet.conflict_of.is_(None),
            )
        )
        or 0
    )


def check_round(ctx: RoundContext, rnd: m.Round) -> ResultCheck:
    """Check one finalised round (see :class:`ResultCheck`); an open round is not intact."""
    contest_code = ctx.contest.code
    if not rnd.is_final or rnd.result_json is None:
        return ResultCheck(rnd.code, None, None, False, False, contest_code)
    problems: list[str] = []
    computed = rr.sha256(rnd.result_json)
    intact = computed == rnd.result_hash
    if not intact:
        problems.append(
            f"ผลที่บันทึกไว้ไม่ตรงกับรหัส SHA-256 ของมัน (บันทึก {rnd.result_hash}, คำนวณ {computed})"
            " — the stored result does not match its hash"
        )
    logged = logged_hash(ctx.session, contest_code, rnd.code)
    matches_log = logged is not None and logged == rnd.result_hash == computed
    if not matches_log:
        problems.append(
            f"รหัสของผลที่บันทึกไว้ไม่ตรงกับรหัสในบันทึกการยืนยันผล (บันทึกการยืนยันผล {logged})"
            " — the stored result is not the one the finalisation logged"
        )
    try:
        stored = rr.ranking_from_result(json.loads(rnd.result_json), rnd.result_hash)
    except (ValueError, KeyError, TypeError):
        problems.append("อ่านผลที่บันทึกไว้ไม่ได้ — the stored result cannot be read")
        return ResultCheck(
            rnd.code, rnd.result_hash, computed, intact, False, contest_code, logged,
            matches_log, tuple(problems),
        )  # fmt: skip
    fresh = ctx.to_ranking(rnd, ctx.result_of_locked(rnd))
    diff = rr.differences(stored, fresh)
    problems.extend(
        (
            f"คำนวณใหม่จากแบบประเมินที่ล็อกไว้ได้ผลต่างจากที่บันทึก: {one_language(d, 'th')}"
            f" — recomputed from the locked sheets, the result differs: {one_language(d, 'en')}"
        )
        if i == 0
        else f"  {d}"
        for i, d in enumerate(diff)
    )
    stray = _stray_sheets(ctx.session, rnd.id)
    if stray:
        problems.append(
            f"มีแบบประเมินที่ส่งแล้วแต่ไม่ได้ถูกล็อก {stray} แบบ ในรอบที่ยืนยันผลแล้ว"
            f" — {stray} submitted sheets of the finalised round are not locked"
        )
    return ResultCheck(
        rnd.code, rnd.result_hash, computed, intact, not diff, contest_code, logged,
        matches_log, tuple(problems),
    )  # fmt: skip


def verify_result(db: Database, round_code: str, *, contest: str | None = None) -> ResultCheck:
    """Check a finalised round: its stored result matches its hash and the hash its
    finalisation logged, and ranking its locked sheets again gives the same entries."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        return check_round(ctx, rnd)


def check_results(session: Session) -> list[ResultCheck]:
    """:func:`check_round` for every finalised round of every contest (``audit verify``)."""
    checks: list[ResultCheck] = []
    codes = session.scalars(select(m.Contest.code).order_by(m.Contest.id)).all()
    for code in codes:
        ctx = RoundContext(session, find_contest(session, code))
        checks.extend(check_round(ctx, r) for r in ctx.rounds.values() if r.is_final)
    return checks
