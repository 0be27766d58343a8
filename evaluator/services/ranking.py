"""Ranking a round, explaining it, agreement, budget, and finalising (DESIGN.md section 6).

Reads a round with a few bulk queries (criteria, tambons with their places, sheets with their
inspectors, scores), turns the rows into the plain inputs of :mod:`evaluator.scoring` and calls
the pure functions there. Returns plain dataclasses; the contract other parts code against is
``/work/notes/RANKING_API.md`` (``rank_round``, ``list_rounds``, :class:`RoundRanking`).

Rules of this module:

* A finalised round's result is the one stored when it was finalised (``Round.result_json``),
  checked against its SHA-256 (``Round.result_hash``) each time it is read; a round with
  ``eligible_from`` takes the winners of a finalised earlier round from that stored result, and
  of an open one by ranking it now. A round can only be finalised after the round it draws its
  candidates from, and that one only reopened after the rounds that draw on it.
* Finalising locks the round's submitted sheets (status ``locked``); drafts stay drafts (a
  locked sheet counts, so locking a draft would change the result) and, like every sheet of a
  finalised round, can no longer change: services call :func:`ensure_round_open` first.
  A round with open merge conflicts (copies with ``conflict_of`` not yet superseded) cannot be
  finalised: the committee settles them first. Reopening unlocks the sheets finalising locked;
  superseded conflict copies (locked, ``conflict_of`` set) stay locked.
* Committee members and admins may finalise (DESIGN.md section 2: the committee finalises a
  round); only an admin may reopen one, with a reason that goes to the audit log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Update, event, func, select, text, update
from sqlalchemy.orm import Session, SessionTransaction, joinedload

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import (
    EvaluatorError,
    InputError,
    LockedError,
    NotFoundError,
    PermissionDenied,
    Problem,
)
from evaluator.permissions import Action, actions_of
from evaluator.scoring import agreement as sa
from evaluator.scoring import budget as sb
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr

# --- the contract (RANKING_API.md) -----------------------------------------------------------


@dataclass(frozen=True)
class SheetNote:
    """A sheet of a tambon that was not counted, or counted but flagged, and why."""

    sheet: str
    inspector: str
    status: str
    total: float | None
    reason: str
    reason_en: str = ""


@dataclass(frozen=True)
class RankedTambon:
    rank: int | None  # shared ranks 1,2,2,4; None for ineligible
    zone: int
    province: str  # Thai name
    district: str  # Thai name
    tambon_code: str  # 6 digits
    tambon: str  # Thai name
    score: float | None  # aggregated score 0..100 (None when no counted sheet)
    sheets: int  # counted sheets
    status: str  # "winner" | "tie" | "eligible" | "ineligible"
    reason: str = ""  # Thai reason for ineligible
    reason_en: str = ""
    shared: int = 1  # how many tambons share this rank (0 for ineligible)
    tie_break: tuple[tuple[str, float], ...] = ()  # mean score/max_score per tie-break criterion
    flags: tuple[str, ...] = ()
    excluded_sheets: tuple[SheetNote, ...] = ()
    flagged_sheets: tuple[SheetNote, ...] = ()
    spread: float | None = None  # max − min of the counted totals


@dataclass(frozen=True)
class RoundRanking:
    contest_code: str
    contest_title: str
    round_code: str
    round_title: str
    prize_baht: int
    aggregation: str
    finalised: bool
    result_hash: str | None  # SHA-256 of the canonical JSON of the finalised result, else None
    entries: list[RankedTambon]  # in rank order (ineligible last)
    quota_kind: str = "zone"  # "zone" (winners_per_zone) or "national" (winners)
    quota: int = 0
    min_sheets: int = 1
    min_score: float = 0.0
    tie_break: tuple[str, ...] = ()
    eligible_from: str | None = None
    conflict_of_interest: str = "exclude"  # the rule applied: "exclude" or "flag"
    finalised_at: datetime | None = None
    finalised_by: str | None = None
    zone: int | None = None  # set when the entries are one zone's only

    def winners(self) -> list[RankedTambon]:
        return [e for e in self.entries if e.status == "winner"]

    def ties(self) -> list[RankedTambon]:
        return [e for e in self.entries if e.status == "tie"]

    def entry(self, tambon_code: str) -> RankedTambon:
        for e in self.entries:
            if e.tambon_code == tambon_code:
                return e
        raise NotFoundError(f"ไม่พบตำบล {tambon_code} ในรอบ {self.round_code}")


@dataclass(frozen=True)
class RoundInfo:
    code: str
    title: str
    prize_baht: int
    finalised: bool
    contest_code: str = ""
    quota_kind: str = "zone"
    quota: int = 0
    eligible_from: str | None = None
    result_hash: str | None = None


# --- reading a contest -----------------------------------------------------------------------


def _find_round(session: Session, round_code: str, contest: str | None) -> m.Round:
    query = (
        select(m.Round)
        .join(m.Contest)
        .options(joinedload(m.Round.contest))
        .where(m.Round.code == round_code)
    )
    if contest is not None:
        query = query.where(m.Contest.code == contest)
    rounds = list(session.scalars(query))
    if not rounds:
        raise NotFoundError(f"ไม่พบรอบการประกวด '{round_code}' — no round '{round_code}'")
    if len(rounds) > 1:
        raise EvaluatorError(
            f"มีรอบ '{round_code}' ในหลายการประกวด ระบุการประกวดด้วย --contest"
            f" — round '{round_code}' is in several contests; name the contest"
        )
    return rounds[0]


def _find_contest(session: Session, contest: str | None) -> m.Contest:
    query = select(m.Contest).order_by(m.Contest.id)
    if contest is not None:
        query = query.where(m.Contest.code == contest)
    found = list(session.scalars(query))
    if not found:
        raise NotFoundError(
            f"ไม่พบการประกวด '{contest}'" if contest else "ยังไม่มีการประกวดในฐานข้อมูล — no contest"
        )
    if len(found) > 1:
        raise EvaluatorError("มีหลายการประกวด ระบุด้วย --contest — several contests; name one")
    return found[0]


def _setting(contest: m.Contest, name: str, default: str) -> str:
    value = (contest.settings or {}).get(name, default)
    return str(value) if value is not None else default


class _Context:
    """One contest read in one session, with every round ranked at most once."""

    def __init__(self, session: Session, contest: m.Contest) -> None:
        self.session = session
        self.contest = contest
        rows = list(
            session.scalars(
                select(m.Criterion)
                .where(m.Criterion.contest_id == contest.id)
                .order_by(m.Criterion.position, m.Criterion.id)
            )
        )
        self.criteria = tuple(
            sc.Criterion(code=c.code, max_score=c.max_score, weight=c.weight, title=c.title)
            for c in rows
        )
        self.criterion_codes = {c.id: c.code for c in rows}
        self.rounds = {
            r.code: r
            for r in session.scalars(
                select(m.Round).where(m.Round.contest_id == contest.id).order_by(m.Round.position)
            )
        }
        self._tambons: tuple[sc.Tambon, ...] | None = None
        self._sheets: dict[str, tuple[sc.Sheet, ...]] = {}
        self._results: dict[str, sr.RoundResult] = {}
        self._stored: dict[str, RoundRanking] = {}

    @property
    def conflict_rule(self) -> sc.ConflictRule:
        value = _setting(self.contest, "conflict_of_interest", sc.ConflictRule.EXCLUDE)
        try:
            return sc.ConflictRule(value)
        except ValueError:
            raise EvaluatorError(
                f"ค่า conflict_of_interest '{value}' ไม่ถูกต้อง ต้องเป็น exclude หรือ flag"
            ) from None

    @property
    def double_award(self) -> sb.DoubleAward:
        value = _setting(self.contest, "double_award", sb.DoubleAward.BOTH)
        try:
            return sb.DoubleAward(value)
        except ValueError:
            raise EvaluatorError(
                f"ค่า double_award '{value}' ไม่ถูกต้อง ต้องเป็น both หรือ highest"
            ) from None

    def round(self, code: str) -> m.Round:
        try:
            return self.rounds[code]
        except KeyError:
            raise NotFoundError(
                f"ไม่พบรอบ '{code}' ในการประกวด {self.contest.code} — no round '{code}'"
            ) from None

    @property
    def tambons(self) -> tuple[sc.Tambon, ...]:
        if self._tambons is None:
            rows = self.session.execute(
                select(
                    m.Tambon.code,
                    m.Tambon.name_th,
                    m.District.name_th,
                    m.Province.code,
                    m.Province.name_th,
                    m.Province.zone_number,
                )
                .join(m.District, m.Tambon.district_code == m.District.code)
                .join(m.Province, m.District.province_code == m.Province.code)
            )
            self._tambons = tuple(
                sc.Tambon(
                    code=code,
                    name=name,
                    zone=zone,
                    province=province,
                    district=district,
                    province_code=province_code,
                )
                for code, name, district, province_code, province, zone in rows
            )
        return self._tambons

    def tambon(self, code: str) -> sc.Tambon:
        for t in self.tambons:
            if t.code == code:
                return t
        raise NotFoundError(f"ไม่พบตำบลรหัส {code} — no tambon {code}")

    def rules(self, rnd: m.Round) -> sc.RoundRules:
        try:
            aggregation = sc.Aggregation(rnd.aggregation or "mean")
        except ValueError:
            raise EvaluatorError(
                f"รอบ {rnd.code}: วิธีรวมคะแนน '{rnd.aggregation}' ไม่รู้จัก"
                " (ใช้ได้: mean, median, trimmed_mean, zscore)"
            ) from None
        known = {c.code for c in self.criteria}
        unknown = [c for c in rnd.tie_break or [] if c not in known]
        if unknown:
            raise EvaluatorError(
                f"รอบ {rnd.code}: เกณฑ์ตัดสินกรณีคะแนนเท่ากัน {', '.join(unknown)} ไม่มีในการประกวด"
            )
        threshold = (self.contest.settings or {}).get("spread_threshold")
        return sc.RoundRules(
            code=rnd.code,
            title=rnd.title,
            aggregation=aggregation,
            winners_per_zone=rnd.winners_per_zone,
            winners=rnd.winners,
            min_sheets=rnd.min_sheets,
            min_score=rnd.min_score,
            tie_break=tuple(rnd.tie_break or ()),
            eligible_from=rnd.eligible_from or None,
            conflict_of_interest=self.conflict_rule,
            spread_threshold=(
                float(threshold)
                if isinstance(threshold, int | float)
                else sc.DEFAULT_SPREAD_THRESHOLD
            ),
        )

    def sheets(self, rnd: m.Round) -> tuple[sc.Sheet, ...]:
        if rnd.code not in self._sheets:
            scores: dict[int, dict[str, float]] = {}
            for sheet_id, criterion_id, value in self.session.execute(
                select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value)
                .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
                .where(m.Sheet.round_id == rnd.id)
            ):
                code = self.criterion_codes.get(criterion_id)
                if code is not None and value is not None:
                    scores.setdefault(sheet_id, {})[code] = value
            rows = self.session.execute(
                select(
                    m.Sheet.id,
                    m.Sheet.uuid,
                    m.Sheet.tambon_code,
                    m.Sheet.status,
                    m.Sheet.conflict_of,
                    m.Inspector.name,
                    m.Inspector.home_province_code,
                )
                .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
                .where(m.Sheet.round_id == rnd.id)
            )
            self._sheets[rnd.code] = tuple(
                sc.Sheet(
                    key=uuid,
                    inspector=inspector,
                    tambon_code=tambon_code,
                    status=str(status),
                    scores=scores.get(sheet_id, {}),
                    inspector_home_province=home,
                    conflict_of=conflict_of,
                )
                for sheet_id, uuid, tambon_code, status, conflict_of, inspector, home in rows
            )
        return self._sheets[rnd.code]

    def prerequisite(self, rnd: m.Round, stack: tuple[str, ...]) -> sc.Prerequisite | None:
        if not rnd.eligible_from:
            return None
        if rnd.eligible_from in stack:
            chain = " → ".join((*stack, rnd.eligible_from))
            raise EvaluatorError(f"eligible_from วนกลับมาที่เดิม: {chain} — a cycle")
        source = self.round(rnd.eligible_from)
        if source.is_final:
            winners = frozenset(e.tambon_code for e in self.stored(source).winners())
        else:
            winners = frozenset(
                e.tambon.code for e in self.result(source.code, (*stack, rnd.code)).winners()
            )
        return sc.Prerequisite(source.code, winners, source.title)

    def result(self, code: str, stack: tuple[str, ...] = ()) -> sr.RoundResult:
        """The round ranked from its sheets now (finalised or not)."""
        if code not in self._results:
            rnd = self.round(code)
            self._results[code] = sr.rank_round(
                self.rules(rnd),
                self.criteria,
                self.tambons,
                self.sheets(rnd),
                self.prerequisite(rnd, (*stack, code)),
            )
        return self._results[code]

    def stored(self, rnd: m.Round) -> RoundRanking:
        """A finalised round's stored result, after checking it against its hash."""
        if rnd.code not in self._stored:
            if rnd.result_json is None or rnd.result_hash is None:
                raise EvaluatorError(f"รอบ {rnd.code} ยืนยันผลแล้วแต่ไม่มีผลที่บันทึกไว้")
            if sha256(rnd.result_json) != rnd.result_hash:
                raise EvaluatorError(
                    f"ผลที่บันทึกไว้ของรอบ {rnd.code} ถูกแก้ไข ไม่ตรงกับรหัสตรวจสอบ (SHA-256)"
                    " — the stored result does not match its hash"
                )
            self._stored[rnd.code] = ranking_from_result(
                json.loads(rnd.result_json), rnd.result_hash
            )
        return self._stored[rnd.code]

    def ranking(self, code: str) -> RoundRanking:
        """The round's ranking: the stored one when finalised, else ranked now."""
        rnd = self.round(code)
        if rnd.is_final:
            return self.stored(rnd)
        return self.to_ranking(rnd, self.result(code))

    def to_ranking(
        self,
        rnd: m.Round,
        result: sr.RoundResult,
        finalised_at: datetime | None = None,
        finalised_by: str | None = None,
        result_hash: str | None = None,
    ) -> RoundRanking:
        rules = result.rules
        return RoundRanking(
            contest_code=self.contest.code,
            contest_title=self.contest.title,
            round_code=rnd.code,
            round_title=rnd.title,
            prize_baht=rnd.prize_baht,
            aggregation=str(rules.aggregation),
            finalised=finalised_at is not None,
            result_hash=result_hash,
            entries=[_ranked(e) for e in result.entries],
            quota_kind=str(rules.quota_kind),
            quota=rules.quota,
            min_sheets=rules.min_sheets,
            min_score=rules.min_score,
            tie_break=rules.tie_break,
            eligible_from=rules.eligible_from,
            conflict_of_interest=str(rules.conflict_of_interest),
            finalised_at=finalised_at,
            finalised_by=finalised_by,
        )


def _note(s: sr.SheetResult) -> SheetNote:
    return SheetNote(
        sheet=s.key,
        inspector=s.inspector,
        status=s.status,
        total=s.total,
        reason=s.reason,
        reason_en=s.reason_en,
    )


def _ranked(e: sr.TambonResult) -> RankedTambon:
    return RankedTambon(
        rank=e.rank,
        zone=e.tambon.zone,
        province=e.tambon.province,
        district=e.tambon.district,
        tambon_code=e.tambon.code,
        tambon=e.tambon.name,
        score=e.score,
        sheets=e.sheets,
        status=str(e.status),
        reason=e.reason,
        reason_en=e.reason_en,
        shared=e.shared,
        tie_break=e.tie_break,
        flags=e.flags,
        excluded_sheets=tuple(_note(s) for s in e.sheet_results if not s.counted),
        flagged_sheets=tuple(
            _note(s) for s in e.sheet_results if s.counted and s.conflict_of_interest
        ),
        spread=e.spread,
    )


def _context_for_round(
    session: Session, round_code: str, contest: str | None
) -> tuple[_Context, m.Round]:
    rnd = _find_round(session, round_code, contest)
    ctx = _Context(session, rnd.contest)
    return ctx, ctx.round(round_code)


# --- JSON ------------------------------------------------------------------------------------


def canonical_json(value: object) -> str:
    """JSON with sorted keys, no spaces and real Thai letters: the text that is hashed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(text_value: str) -> str:
    return hashlib.sha256(text_value.encode("utf-8")).hexdigest()


def _note_json(n: SheetNote) -> dict[str, Any]:
    return {
        "sheet": n.sheet,
        "inspector": n.inspector,
        "status": n.status,
        "total": n.total,
        "reason": n.reason,
        "reason_en": n.reason_en,
    }


def _entry_json(e: RankedTambon) -> dict[str, Any]:
    return {
        "rank": e.rank,
        "zone": e.zone,
        "province": e.province,
        "district": e.district,
        "tambon_code": e.tambon_code,
        "tambon": e.tambon,
        "score": None if e.score is None else sc.round2(e.score),
        "score_exact": e.score,
        "sheets": e.sheets,
        "status": e.status,
        "reason": e.reason,
        "reason_en": e.reason_en,
        "shared": e.shared,
        "tie_break": dict(e.tie_break),
        "flags": list(e.flags),
        "excluded_sheets": [_note_json(n) for n in e.excluded_sheets],
        "flagged_sheets": [_note_json(n) for n in e.flagged_sheets],
        "spread": e.spread,
    }


def result_object(r: RoundRanking) -> dict[str, Any]:
    """The result of a round as JSON data: what is stored and hashed when it is finalised."""
    return {
        "contest": r.contest_code,
        "contest_title": r.contest_title,
        "round": r.round_code,
        "round_title": r.round_title,
        "prize_baht": r.prize_baht,
        "aggregation": r.aggregation,
        "quota": {"kind": r.quota_kind, "winners": r.quota},
        "min_sheets": r.min_sheets,
        "min_score": r.min_score,
        "tie_break": list(r.tie_break),
        "eligible_from": r.eligible_from,
        "conflict_of_interest": r.conflict_of_interest,
        "finalised_at": r.finalised_at.isoformat() if r.finalised_at else None,
        "finalised_by": r.finalised_by,
        "ranking": [_entry_json(e) for e in r.entries],
    }


def ranking_json(r: RoundRanking) -> dict[str, Any]:
    """What ``rank --json`` prints: the result, whether it is final, and its hash."""
    data = result_object(r)
    data["finalised"] = r.finalised
    data["result_hash"] = r.result_hash
    if r.zone is not None:
        data["zone"] = r.zone
    return data


def _note_from(d: dict[str, Any]) -> SheetNote:
    return SheetNote(
        sheet=d["sheet"],
        inspector=d["inspector"],
        status=d["status"],
        total=d["total"],
        reason=d["reason"],
        reason_en=d.get("reason_en", ""),
    )


def ranking_from_result(data: dict[str, Any], result_hash: str | None) -> RoundRanking:
    """A :class:`RoundRanking` back from :func:`result_object` data."""
    tie_break = tuple(data.get("tie_break", []))
    entries = [
        RankedTambon(
            rank=e["rank"],
            zone=e["zone"],
            province=e["province"],
            district=e["district"],
            tambon_code=e["tambon_code"],
            tambon=e["tambon"],
            score=e["score_exact"],
            sheets=e["sheets"],
            status=e["status"],
            reason=e["reason"],
            reason_en=e.get("reason_en", ""),
            shared=e.get("shared", 1),
            tie_break=tuple((c, e["tie_break"][c]) for c in tie_break if c in e["tie_break"]),
            flags=tuple(e.get("flags", [])),
            excluded_sheets=tuple(_note_from(n) for n in e.get("excluded_sheets", [])),
            flagged_sheets=tuple(_note_from(n) for n in e.get("flagged_sheets", [])),
            spread=e.get("spread"),
        )
        for e in data["ranking"]
    ]
    finalised_at = data.get("finalised_at")
    return RoundRanking(
        contest_code=data["contest"],
        contest_title=data["contest_title"],
        round_code=data["round"],
        round_title=data["round_title"],
        prize_baht=data["prize_baht"],
        aggregation=data["aggregation"],
        finalised=finalised_at is not None,
        result_hash=result_hash,
        entries=entries,
        quota_kind=data["quota"]["kind"],
        quota=data["quota"]["winners"],
        min_sheets=data["min_sheets"],
        min_score=data["min_score"],
        tie_break=tie_break,
        eligible_from=data.get("eligible_from"),
        conflict_of_interest=data["conflict_of_interest"],
        finalised_at=datetime.fromisoformat(finalised_at) if finalised_at else None,
        finalised_by=data.get("finalised_by"),
    )


def _only_zone(r: RoundRanking, zone: int | None) -> RoundRanking:
    if zone is None:
        return r
    return replace(r, entries=[e for e in r.entries if e.zone == zone], zone=zone)


# --- ranking ---------------------------------------------------------------------------------


def rank_round(
    db: Database, round_code: str, zone: int | None = None, *, contest: str | None = None
) -> RoundRanking:
    """Rank a round (the stored result when it is finalised); ``zone`` keeps that zone only.

    The round is always ranked as a whole (z-scores and national quotas need every sheet),
    then filtered.
    """
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
        return _only_zone(ctx.ranking(rnd.code), zone)


def list_rounds(db: Database) -> list[RoundInfo]:
    """Every round of every contest, in contest and round order."""
    with db.transaction() as s:
        rows = s.execute(
            select(m.Round, m.Contest.code)
            .join(m.Contest)
            .order_by(m.Contest.id, m.Round.position, m.Round.id)
        ).all()
        return [
            RoundInfo(
                code=r.code,
                title=r.title,
                prize_baht=r.prize_baht,
                finalised=r.is_final,
                contest_code=contest_code,
                quota_kind="zone" if r.winners_per_zone is not None else "national",
                quota=r.winners_per_zone if r.winners_per_zone is not None else (r.winners or 0),
                eligible_from=r.eligible_from,
                result_hash=r.result_hash,
            )
            for r, contest_code in rows
        ]


# --- explanations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetExplanation:
    sheet: str
    inspector: str
    status: str
    scores: tuple[tuple[str, float | None], ...]
    total: float | None
    counted: bool
    reason: str
    conflict_of_interest: bool
    z: float | None = None
    rescaled: float | None = None


@dataclass(frozen=True)
class Neighbour:
    """A tambon next to the explained one in its ranking, and what separates them.

    ``decided_by`` is "score", a tie-break criterion code, or None when they are equal.
    """

    tambon_code: str
    tambon: str
    rank: int | None
    score: float | None
    decided_by: str | None
    own_value: float
    their_value: float


@dataclass(frozen=True)
class TambonExplanation:
    round_code: str
    round_title: str
    aggregation: str
    tambon_code: str
    tambon: str
    zone: int
    province: str
    district: str
    rank: int | None
    shared: int
    status: str
    reason: str
    score: float | None
    sheets: int
    sheet_details: tuple[SheetExplanation, ...]
    criterion_means: tuple[tuple[str, float], ...]
    above: Neighbour | None
    below: Neighbour | None
    sharing: tuple[str, ...]
    lines: tuple[str, ...] = field(default=())


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if digits == 2:
        return f"{sc.round2(value):.2f}"
    return f"{value:.{digits}f}"


def _aggregation_line(rules: sc.RoundRules, e: sr.TambonResult, z: sr.ZScores | None) -> str:
    counted = e.counted
    totals = sorted(s.total for s in counted if s.total is not None)
    n = len(totals)
    if not n:
        return "ไม่มีแบบประเมินที่นับได้ จึงไม่มีคะแนน"
    shown = ", ".join(_fmt(t) for t in totals)
    agg = rules.aggregation
    if agg is sc.Aggregation.MEAN:
        return (
            f"คะแนนเฉลี่ยของ {n} แบบ: ({' + '.join(_fmt(t) for t in totals)}) / {n} = {_fmt(e.score)}"
        )
    if agg is sc.Aggregation.MEDIAN:
        if n % 2:
            return f"มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่ากลาง = {_fmt(e.score)}"
        a, b = totals[n // 2 - 1], totals[n // 2]
        return (
            f"มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่าเฉลี่ยของสองค่ากลาง"
            f" ({_fmt(a)} + {_fmt(b)}) / 2 = {_fmt(e.score)}"
        )
    if agg is sc.Aggregation.TRIMMED_MEAN:
        if n >= 3:
            kept = totals[1:-1]
            return (
                f"ตัดค่าสูงสุด {_fmt(totals[-1])} และต่ำสุด {_fmt(totals[0])} ออก"
                f" แล้วเฉลี่ย {len(kept)} ค่าที่เหลือ"
                f" ({' + '.join(_fmt(t) for t in kept)}) / {len(kept)} = {_fmt(e.score)}"
            )
        return (
            f"มีไม่ถึง 3 แบบ จึงใช้ค่าเฉลี่ย"
            f" ({' + '.join(_fmt(t) for t in totals)}) / {n} = {_fmt(e.score)}"
        )
    assert z is not None
    parts = [
        f"คะแนนมาตรฐาน: แต่ละแบบปรับตามผู้ประเมิน z = (คะแนน − ค่าเฉลี่ยของผู้ประเมิน) / SD ของผู้ประเมิน"
        f" แล้วแปลงกลับเป็น {_fmt(z.overall_mean)} + z × {_fmt(z.overall_std)}"
        f" (ค่าเฉลี่ยและ SD ของทุกแบบที่นับได้ในรอบ)"
    ]
    stats = {i.inspector: i for i in z.inspectors}
    for s in counted:
        st = stats[s.inspector]
        parts.append(
            f"  {s.inspector}: {_fmt(s.total)}, ค่าเฉลี่ย {_fmt(st.mean)}, SD {_fmt(st.std)}"
            f" → z = {_fmt(s.z, 3)} → {_fmt(s.rescaled)}"
            + (" (SD เป็น 0 จึงให้ z = 0)" if st.std == 0 else "")
        )
    parts.append(f"  คะแนนของตำบล = ค่าเฉลี่ยของคะแนนที่ปรับแล้ว = {_fmt(e.score)}")
    return "\n".join(parts)


def _neighbour(own: sr.TambonResult, other: sr.TambonResult, tie_break: Sequence[str]) -> Neighbour:
    d = sr.decide(own, other, tie_break)
    return Neighbour(
        tambon_code=other.tambon.code,
        tambon=other.tambon.name,
        rank=other.rank,
        score=other.score,
        decided_by=d.key,
        own_value=d.a_value,
        their_value=d.b_value,
    )


def _explain_lines(
    ctx_rules: sc.RoundRules,
    result: sr.RoundResult,
    e: sr.TambonResult,
    above: Neighbour | None,
    below: Neighbour | None,
    sharing: Sequence[sr.TambonResult],
    criteria: Sequence[sc.Criterion],
    sheets: dict[str, sc.Sheet],
) -> list[str]:
    t = e.tambon
    rules = ctx_rules
    scope = "ในเขตตรวจราชการ" if rules.quota_kind is sc.QuotaKind.ZONE else "ทั้งประเทศ"
    quota = (
        f"{rules.quota} รางวัลต่อเขต"
        if rules.quota_kind is sc.QuotaKind.ZONE
        else f"{rules.quota} รางวัลทั้งประเทศ"
    )
    lines = [
        f"ตำบล{t.name} ({t.code}) อำเภอ{t.district} จังหวัด{t.province} เขตตรวจราชการที่ {t.zone}",
        f"รอบ {rules.title or rules.code} ({rules.code}): วิธีรวมคะแนน"
        f" {sc.AGGREGATION_TITLES[rules.aggregation]} ({rules.aggregation}); {quota};"
        f" ขั้นต่ำ {rules.min_sheets} แบบ คะแนนอย่างน้อย {rules.min_score:g}",
        f"แบบประเมิน {len(e.sheet_results)} แบบ นับได้ {e.sheets} แบบ:",
    ]
    for s in e.sheet_results:
        detail = ", ".join(
            f"{c.code} {sheets[s.key].scores[c.code]:g}/{c.max_score:g}"
            if c.code in sheets[s.key].scores
            else f"{c.code} -"
            for c in criteria
        )
        verdict = "นับ" if s.counted else "ไม่นับ"
        why = f" ({s.reason})" if s.reason else ""
        lines.append(
            f"  - {s.inspector} [{s.status}]: {detail}; รวม {_fmt(s.total)} — {verdict}{why}"
        )
    lines.append(_aggregation_line(rules, e, result.zscore))
    if e.tie_break:
        lines.append(
            "ค่าเฉลี่ยเกณฑ์ตัดสิน (คะแนน/คะแนนเต็ม): "
            + ", ".join(f"{code} {v:.4f}" for code, v in e.tie_break)
        )
    if e.status is sc.Status.INELIGIBLE:
        lines.append(f"ไม่มีสิทธิ์: {e.reason}")
        if (
            rules.eligible_from
            and result.prerequisite
            and t.code not in result.prerequisite.winners
        ):
            lines.append(f"ต้องเป็นผู้ได้รับรางวัลรอบ {rules.eligible_from} ก่อน")
        if e.sheets < rules.min_sheets:
            lines.append(f"ต้องมีแบบประเมินที่นับได้เพิ่มอีก {rules.min_sheets - e.sheets} แบบ")
        if e.score is not None and e.score < rules.min_score - sc.EPSILON:
            lines.append(
                f"ต้องได้คะแนนเพิ่มอีก {_fmt(rules.min_score - e.score)} คะแนน"
                f" จึงถึงเกณฑ์ขั้นต่ำ {rules.min_score:g}"
            )
        return lines
    lines.append(
        f"อันดับ {e.rank} {scope}"
        + (f" (อันดับร่วม {e.shared} ตำบล)" if e.shared > 1 else "")
        + f": {sc.STATUS_TITLES[e.status]}"
    )
    if sharing:
        names = ", ".join(f"ตำบล{o.tambon.name} ({o.tambon.code})" for o in sharing)
        lines.append(f"ได้อันดับร่วมกับ {names} เพราะคะแนนรวมและทุกเกณฑ์ตัดสินเท่ากัน (ต่างกันไม่เกิน 1e-9)")
        if e.status is sc.Status.TIE:
            lines.append(f"กลุ่มอันดับร่วมนี้เกินโควตา {rules.quota} รางวัล คณะกรรมการต้องตัดสิน")
    if above is not None:
        if above.decided_by == "score":
            gap = above.their_value - above.own_value
            lines.append(
                f"อยู่ถัดจากตำบล{above.tambon} (อันดับ {above.rank}) ซึ่งมีคะแนนรวม"
                f" {_fmt(above.their_value)} สูงกว่า {_fmt(gap)} คะแนน"
            )
            needs = (
                f"จะแซงตำบล{above.tambon}ได้ ต้องได้คะแนนรวมมากกว่า {_fmt(above.their_value)}"
                f" คือเพิ่มอีกมากกว่า {_fmt(gap)} คะแนน"
            )
            if rules.aggregation is sc.Aggregation.MEAN and e.sheets > 1:
                needs += (
                    f" (คือคะแนนรวมของแบบประเมินทั้ง {e.sheets} แบบต้องเพิ่มขึ้นรวมกัน"
                    f"มากกว่า {_fmt(gap * e.sheets)} คะแนน)"
                )
            lines.append(needs)
        elif above.decided_by is not None:
            code = above.decided_by
            lines.append(
                f"คะแนนรวมเท่ากับตำบล{above.tambon} (อันดับ {above.rank}) แต่แพ้ที่"
                f" เกณฑ์ตัดสิน {code}: {above.own_value:.4f} ต่อ {above.their_value:.4f}"
            )
            lines.append(
                f"จะแซงตำบล{above.tambon}ได้ ต้องได้คะแนนรวมสูงกว่านี้ หรือได้ค่าเฉลี่ยเกณฑ์"
                f" {code} มากกว่า {above.their_value:.4f}"
                f" (ขาดอีก {above.their_value - above.own_value:.4f})"
            )
    elif e.rank == 1 and e.shared == 1:
        lines.append(f"อยู่อันดับ 1 {scope}แล้ว")
    elif e.rank == 1:
        lines.append("อยู่อันดับ 1 ร่วม จะขึ้นนำเพียงตำบลเดียวได้ต้องได้คะแนนรวมหรือเกณฑ์ตัดสินสูงกว่า")
    if below is not None and below.decided_by is not None:
        lines.append(f"นำตำบล{below.tambon} (อันดับ {below.rank}) ที่ตามมาด้วย{_decided_text(below)}")
    if e.status in (sc.Status.ELIGIBLE, sc.Status.TIE) and rules.quota > 0:
        cutoff = _last_winner(result, e)
        if cutoff is not None and cutoff.score is not None and e.score is not None:
            lines.append(
                f"ผู้ได้รับรางวัลลำดับสุดท้าย{scope} คือตำบล{cutoff.tambon.name}"
                f" (อันดับ {cutoff.rank}) คะแนน {_fmt(cutoff.score)}"
                f" ต้องได้มากกว่านี้อีก {_fmt(cutoff.score - e.score)} คะแนนจึงจะได้รับรางวัลแน่นอน"
            )
    return lines


def _decided_text(n: Neighbour) -> str:
    if n.decided_by == "score":
        return f"คะแนนรวมสูงกว่า {_fmt(n.own_value - n.their_value)} คะแนน"
    return f"เกณฑ์ตัดสิน {n.decided_by} (คะแนนรวมเท่ากัน): {n.own_value:.4f} ต่อ {n.their_value:.4f}"


def _last_winner(result: sr.RoundResult, e: sr.TambonResult) -> sr.TambonResult | None:
    winners = [w for w in result.scope_of(e) if w.status is sc.Status.WINNER]
    return winners[-1] if winners else None


def explain_tambon(
    db: Database, round_code: str, tambon_code: str, *, contest: str | None = None
) -> TambonExplanation:
    """Why a tambon is where it is in a round: its sheets and totals, the aggregation, what
    broke its ties, and what it would need to pass the one above it."""
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
        result = ctx.result(rnd.code)
        try:
            e = result.entry(tambon_code)
        except KeyError:
            raise NotFoundError(f"ไม่พบตำบลรหัส {tambon_code} — no tambon {tambon_code}") from None
        sheets = {sh.key: sh for sh in ctx.sheets(rnd)}
        rules = result.rules
        above = below = None
        sharing: list[sr.TambonResult] = []
        if e.rank is not None:
            scope = [x for x in result.scope_of(e) if x.rank is not None]
            sharing = [x for x in scope if x.rank == e.rank and x.tambon.code != e.tambon.code]
            ahead = [x for x in scope if x.rank is not None and x.rank < e.rank]
            behind = [x for x in scope if x.rank is not None and x.rank > e.rank]
            if ahead:
                above = _neighbour(e, ahead[-1], rules.tie_break)
            if behind:
                below = _neighbour(e, behind[0], rules.tie_break)
        details = tuple(
            SheetExplanation(
                sheet=r.key,
                inspector=r.inspector,
                status=r.status,
                scores=tuple((c.code, sheets[r.key].scores.get(c.code)) for c in ctx.criteria),
                total=r.total,
                counted=r.counted,
                reason=r.reason,
                conflict_of_interest=r.conflict_of_interest,
                z=r.z,
                rescaled=r.rescaled,
            )
            for r in e.sheet_results
        )
        lines = _explain_lines(rules, result, e, above, below, sharing, ctx.criteria, sheets)
        if rnd.is_final:
            lines.insert(
                0,
                f"รอบนี้ยืนยันผลแล้ว (SHA-256 {rnd.result_hash}); แบบประเมินถูกล็อก"
                " ผลด้านล่างคำนวณจากแบบประเมินชุดเดียวกัน",
            )
        return TambonExplanation(
            round_code=rnd.code,
            round_title=rnd.title,
            aggregation=str(rules.aggregation),
            tambon_code=e.tambon.code,
            tambon=e.tambon.name,
            zone=e.tambon.zone,
            province=e.tambon.province,
            district=e.tambon.district,
            rank=e.rank,
            shared=e.shared,
            status=str(e.status),
            reason=e.reason,
            score=e.score,
            sheets=e.sheets,
            sheet_details=details,
            criterion_means=e.criterion_means,
            above=above,
            below=below,
            sharing=tuple(x.tambon.code for x in sharing),
            lines=tuple(lines),
        )


# --- agreement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundAgreement:
    contest_code: str
    round_code: str
    round_title: str
    agreement: sa.Agreement
    tambon_names: dict[str, str]
    tambon_zones: dict[str, int]


def round_agreement(db: Database, round_code: str, *, contest: str | None = None) -> RoundAgreement:
    """Spread per tambon, leniency per inspector and Krippendorff's alpha of a round."""
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
        result = ctx.result(rnd.code)
        return RoundAgreement(
            contest_code=ctx.contest.code,
            round_code=rnd.code,
            round_title=rnd.title,
            agreement=sa.agreement(result.sheets, result.rules.spread_threshold),
            tambon_names={t.code: t.name for t in ctx.tambons},
            tambon_zones={t.code: t.zone for t in ctx.tambons},
        )


# --- budget ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetReport:
    contest_code: str
    contest_title: str
    budget: sb.ContestBudget
    finalised: dict[str, bool]

    def round(self, code: str) -> sb.RoundBudget:
        for r in self.budget.rounds:
            if r.code == code:
                return r
        raise NotFoundError(f"ไม่พบรอบ {code}")


def _awards(r: RoundRanking) -> sb.RoundAwards:
    return sb.RoundAwards(
        code=r.round_code,
        title=r.round_title,
        prize_baht=r.prize_baht,
        quota_kind=sc.QuotaKind(r.quota_kind),
        quota=r.quota,
        entries=tuple(sb.AwardEntry(e.tambon_code, e.zone, e.status) for e in r.entries),
    )


def contest_budget(db: Database, *, contest: str | None = None) -> BudgetReport:
    """The prize money of every round and of the contest, per zone and overall."""
    with db.transaction() as s:
        ctx = _Context(s, _find_contest(s, contest))
        rankings = [ctx.ranking(code) for code in ctx.rounds]
        return BudgetReport(
            contest_code=ctx.contest.code,
            contest_title=ctx.contest.title,
            budget=sb.contest_budget([_awards(r) for r in rankings], ctx.double_award),
            finalised={r.round_code: r.finalised for r in rankings},
        )


def round_budget(db: Database, round_code: str, *, contest: str | None = None) -> sb.RoundBudget:
    """The prize money of one round, per zone and overall."""
    return sb.round_budget(_awards(rank_round(db, round_code, contest=contest)))


# --- finalising ------------------------------------------------------------------------------


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


def _role(role: m.Role | str) -> m.Role:
    try:
        return m.Role(role)
    except ValueError:
        raise PermissionDenied(f"ไม่รู้จักบทบาท '{role}' — unknown role") from None


def _round_key(contest_code: str, round_code: str) -> str:
    return f"{contest_code}/{round_code}"


def _rowcount(session: Session, statement: Update) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0))


def _lock_round_row(session: Session, round_id: int) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(m.Round.id).where(m.Round.id == round_id).with_for_update())


def finalise_round(
    db: Database,
    round_code: str,
    actor: str,
    role: m.Role | str,
    *,
    contest: str | None = None,
    source: audit.Source | str = audit.Source.KEYBOARD,
) -> FinaliseResult:
    """Rank the round, store the result with its SHA-256 and lock the round's sheets.

    Admins only (``permissions.Action.FINALISE_ROUND``); a round drawing on another
    (``eligible_from``) only after that one is finalised.
    """
    if Action.FINALISE_ROUND not in actions_of(_role(role)):
        raise PermissionDenied(
            "ไม่มีสิทธิ์ยืนยันผลรอบการประกวด: เฉพาะผู้ดูแลระบบเท่านั้น — only an admin may finalise a round"
        )
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
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
        open_conflicts = list(
            s.scalars(
                select(m.Sheet.tambon_code)
                .where(
                    m.Sheet.round_id == rnd.id,
                    m.Sheet.conflict_of.is_not(None),
                    m.Sheet.status != m.SheetStatus.LOCKED,
                )
                .distinct()
            )
        )
        if open_conflicts:
            shown = ", ".join(sorted(open_conflicts)[:10])
            raise EvaluatorError(
                f"ยังมีแบบประเมินที่ขัดแย้งกันรอการแก้ไขใน {len(open_conflicts)} ตำบล ({shown})"
                " ต้องแก้ข้อขัดแย้งก่อนยืนยันผล — resolve the open sheet conflicts first"
            )
        at = m.utcnow()
        ranking = ctx.to_ranking(rnd, ctx.result(rnd.code), finalised_at=at, finalised_by=actor)
        result_text = canonical_json(result_object(ranking))
        digest = sha256(result_text)
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
                    entity_key=_round_key(ctx.contest.code, rnd.code),
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
    round_code: str,
    actor: str,
    role: m.Role | str,
    reason: str,
    *,
    contest: str | None = None,
    source: audit.Source | str = audit.Source.KEYBOARD,
) -> ReopenResult:
    """Undo a finalisation (admins only, with a reason): unlock the sheets, drop the stored
    result; the audit log keeps the old hash, who and why."""
    if Action.REOPEN_ROUND not in actions_of(_role(role)):
        raise PermissionDenied(
            "เฉพาะผู้ดูแลระบบเท่านั้นที่เปิดรอบที่ยืนยันผลแล้วได้ — only an admin may reopen a round"
        )
    reason = reason.strip()
    if not reason:
        raise InputError(
            [Problem("ต้องระบุเหตุผลที่เปิดรอบอีกครั้ง — a reason is required", field="reason")]
        )
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
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
                    entity_key=_round_key(ctx.contest.code, rnd.code),
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


def _core(e: RankedTambon) -> tuple[object, ...]:
    """What a result decides about a tambon (not the status of its sheets, locked since)."""
    return (e.rank, e.zone, e.tambon_code, e.score, e.sheets, e.status, e.reason, e.tie_break)


def verify_result(db: Database, round_code: str, *, contest: str | None = None) -> ResultCheck:
    """Check a finalised round: its stored result matches its hash, and ranking its (locked)
    sheets again gives the same entries."""
    with db.transaction() as s:
        ctx, rnd = _context_for_round(s, round_code, contest)
        if not rnd.is_final or rnd.result_json is None:
            return ResultCheck(rnd.code, None, None, intact=False, matches_sheets=False)
        computed = sha256(rnd.result_json)
        intact = computed == rnd.result_hash
        matches = False
        if intact:
            stored = ranking_from_result(json.loads(rnd.result_json), rnd.result_hash)
            fresh = ctx.to_ranking(rnd, ctx.result(rnd.code))
            matches = [_core(e) for e in stored.entries] == [_core(e) for e in fresh.entries]
        return ResultCheck(rnd.code, rnd.result_hash, computed, intact, matches)


# --- the lock other services check -----------------------------------------------------------


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def _holds_writes(session: Session) -> bool:
    """Whether the session's open transaction has written (and so may hold write locks that a
    second connection would wait on)."""
    if not session.in_transaction():
        return False
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # pysqlite opens a transaction only before the first write.
        return bool(getattr(connection.connection.driver_connection, "in_transaction", True))
    if dialect == "postgresql":
        xid = connection.execute(text("SELECT txid_current_if_assigned()")).scalar()
        return xid is not None
    return True


def _write_refusal(engine: Engine, actor: str, source: str, change: audit.Change) -> None:
    with Session(engine) as other, other.begin():
        audit.record(other, actor, source, [change])


def _after_root_transaction(session: Session, action: Callable[[], None]) -> None:
    """Run ``action`` once the session's outermost transaction has ended (either way)."""
    done = False

    def listener(_session: Session, transaction: SessionTransaction) -> None:
        nonlocal done
        if done or transaction.parent is not None:
            return
        done = True
        action()

    event.listen(session, "after_transaction_end", listener)


def ensure_round_open(
    session: Session,
    round_id: int,
    actor: str,
    source: audit.Source | str,
    *,
    attempted: str = "",
) -> None:
    """Raise :class:`LockedError` when the round is finalised, after logging the refused
    attempt (``attempted`` says what it was, e.g. a sheet's uuid).

    Services call this before changing a sheet of the round. The refusal is written in a
    transaction of its own, so it stays in the log even though the caller's transaction is
    rolled back: at once when the caller has written nothing yet, otherwise (its write locks
    would block a second writer) as soon as the caller's transaction ends.
    """
    row = session.execute(
        select(m.Round.code, m.Round.finalised_at, m.Round.finalised_by, m.Contest.code)
        .join(m.Contest, m.Round.contest_id == m.Contest.id)
        .where(m.Round.id == round_id)
    ).first()
    if row is None:
        raise NotFoundError(f"ไม่พบรอบหมายเลข {round_id} — no round {round_id}")
    round_code, finalised_at, finalised_by, contest_code = row
    if finalised_at is None:
        return
    message = (
        f"รอบ {round_code} ยืนยันผลแล้ว (โดย {finalised_by}) แบบประเมินของรอบนี้ถูกล็อก"
        f" แก้ไข นำเข้า หรือรวมไม่ได้ — round {round_code} is finalised; its sheets are locked"
    )
    change = audit.Change(
        action="refused",
        entity="round",
        entity_key=_round_key(contest_code, round_code),
        new={"attempted": attempted} if attempted else None,
        reason=f"ปฏิเสธการเปลี่ยนแปลงแบบประเมินของรอบที่ยืนยันผลแล้ว — change refused ({source})",
    )
    engine = _engine_of(session)
    if _holds_writes(session):
        _after_root_transaction(session, lambda: _write_refusal(engine, actor, str(source), change))
    else:
        _write_refusal(engine, actor, str(source), change)
    raise LockedError(message)


def acting_role(db: Database, actor: str, claimed: m.Role | str | None = None) -> m.Role:
    """The role of the user called ``actor``, as stored.

    While no user has been set up at all, whoever holds the database acts as an admin, or in the
    role they claim; once there are users, only a known user may act.
    """
    with db.transaction() as s:
        stored = s.scalar(select(m.User.role).where(m.User.name == actor.strip()))
        if stored is not None:
            return m.Role(stored)
        anyone = s.scalar(select(func.count()).select_from(m.User)) or 0
    if anyone:
        raise PermissionDenied(f"ไม่พบผู้ใช้ '{actor}' — unknown user '{actor}'")
    return _role(claimed) if claimed is not None else m.Role.ADMIN
