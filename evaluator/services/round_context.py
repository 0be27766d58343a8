"""Reading a contest's rounds, criteria, tambons and sheets into the plain inputs of scoring.

:class:`RoundContext` reads one contest in one session with a few bulk queries and ranks each
round at most once: a finalised round's result is the one stored when it was finalised
(``Round.result_json``), checked against its SHA-256 (``Round.result_hash``) each time it is
read; a round with ``eligible_from`` takes the winners of a finalised earlier round from that
stored result, and of an open one by ranking it now.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import ClauseElement

from evaluator.collector import paused
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, NotFoundError
from evaluator.scoring import budget as sb
from evaluator.scoring import figures
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring import result as rr
from evaluator.scoring import ties as st
from evaluator.services.round_read import compiled_rows, read_sheets, read_tambons


def _iso(at: datetime) -> str:
    """A stored time as ISO 8601 in UTC (SQLite gives it back without a zone)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat()


def find_round(session: Session, round_code: str, contest: str | None) -> m.Round:
    query = (
        select(m.Round)
        .join(m.Contest)
        .options(joinedload(m.Round.contest))
        .where(m.Round.code == round_code)
    )
    if contest is not None:
        query = query.where(m.Contest.code == contest)
    return _the_round(list(session.scalars(query)), round_code)


def _the_round(rounds: Sequence[m.Round], round_code: str) -> m.Round:
    """The one round found of that code, else why not."""
    if not rounds:
        raise NotFoundError(f"ไม่พบรอบการประกวด '{round_code}' — no round '{round_code}'")
    if len(rounds) > 1:
        raise EvaluatorError(
            f"มีรอบ '{round_code}' ในหลายการประกวด ระบุการประกวดด้วย --contest"
            f" — round '{round_code}' is in several contests; name the contest"
        )
    return rounds[0]


def find_contest(session: Session, contest: str | None) -> m.Contest:
    query = select(m.Contest).order_by(m.Contest.id)
    if contest is not None:
        query = query.where(m.Contest.code == contest)
    found = list(session.scalars(query))
    if not found:
        raise NotFoundError(
            f"ไม่พบการประกวด '{contest}' — no contest '{contest}'"
            if contest
            else "ยังไม่มีการประกวดในฐานข้อมูล — no contest"
        )
    if len(found) > 1:
        raise EvaluatorError("มีหลายการประกวด ระบุด้วย --contest — several contests; name one")
    return found[0]


def _setting(contest: m.Contest, name: str, default: str) -> str:
    value = (contest.settings or {}).get(name, default)
    return str(value) if value is not None else default


class RoundContext:
    """One contest read in one session, with every round ranked at most once."""

    def __init__(
        self, session: Session, contest: m.Contest, rounds: Iterable[m.Round] | None = None
    ) -> None:
        """``rounds``: the contest's rounds with their tie decisions, in order, when the caller
        has read them already (:func:`context_for_round`)."""
        self.session = session
        self.contest = contest
        rows = compiled_rows(
            session.connection(), "criteria", _criteria_statement, {"contest_id": contest.id}
        )
        self.criteria = tuple(
            sc.Criterion(code=code, max_score=max_score, weight=weight, title=title)
            for _, code, max_score, weight, title in rows
        )
        self.criterion_codes = {row[0]: row[1] for row in rows}
        if rounds is None:  # with their tie decisions, in the same query
            rounds = session.scalars(
                select(m.Round)
                .options(joinedload(m.Round.tie_decisions))
                .where(m.Round.contest_id == contest.id)
                .order_by(m.Round.position)
            ).unique()
        self.rounds = {r.code: r for r in rounds}
        self._tambons: tuple[sc.Tambon, ...] | None = None
        self._sheets: dict[str, tuple[sc.Sheet, ...]] = {}
        self._results: dict[str, sr.RoundResult] = {}
        self._raw: dict[str, sr.RoundResult] = {}
        self._decisions: dict[str, tuple[sc.TieDecision, ...]] = {}
        self._stored: dict[str, rr.RoundRanking] = {}

    @property
    def conflict_rule(self) -> sc.ConflictRule:
        value = _setting(self.contest, "conflict_of_interest", sc.ConflictRule.EXCLUDE)
        try:
            return sc.ConflictRule(value)
        except ValueError:
            raise EvaluatorError(
                f"ค่า conflict_of_interest '{value}' ไม่ถูกต้อง ต้องเป็น exclude หรือ flag"
                f" — conflict_of_interest '{value}' must be exclude or flag"
            ) from None

    @property
    def double_award(self) -> sb.DoubleAward:
        value = _setting(self.contest, "double_award", sb.DoubleAward.BOTH)
        try:
            return sb.DoubleAward(value)
        except ValueError:
            raise EvaluatorError(
                f"ค่า double_award '{value}' ไม่ถูกต้อง ต้องเป็น both หรือ highest"
                f" — double_award '{value}' must be both or highest"
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
            with paused():
                self._tambons = read_tambons(self.session.connection())
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
                f" — round {rnd.code}: unknown aggregation '{rnd.aggregation}'"
                " (one of mean, median, trimmed_mean, zscore)"
            ) from None
        known = {c.code for c in self.criteria}
        unknown = [c for c in rnd.tie_break or [] if c not in known]
        if unknown:
            raise EvaluatorError(
                f"รอบ {rnd.code}: เกณฑ์ตัดสินกรณีคะแนนเท่ากัน {', '.join(unknown)} ไม่มีในการประกวด"
                f" — round {rnd.code}: tie-break criteria {', '.join(unknown)} not in the contest"
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
            # the collector paused while the round's objects pile up (none of them in a cycle):
            # else it walks every object of the process again and again as they do
            with paused():
                self._sheets[rnd.code] = read_sheets(
                    self.session.connection(), rnd.id, self.criterion_codes
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

    def decisions(self, rnd: m.Round) -> tuple[sc.TieDecision, ...]:
        """The committee's decisions on the round's ties, oldest first."""
        if rnd.code not in self._decisions:
            national = rnd.winners_per_zone is None
            self._decisions[rnd.code] = tuple(
                sc.TieDecision(
                    zone=None if national else d.zone,
                    tambons=frozenset(d.tambons or ()),
                    winners=frozenset(d.winners or ()),
                    reason=d.reason,
                    decided_by=d.decided_by,
                    decided_at=_iso(d.decided_at),
                )
                for d in rnd.tie_decisions
            )
        return self._decisions[rnd.code]

    def ranked_by_rules(self, code: str, stack: tuple[str, ...] = ()) -> sr.RoundResult:
        """The round ranked from its sheets by the rules alone, ties left open."""
        if code not in self._raw:
            rnd = self.round(code)
            self._raw[code] = sr.rank_round(
                self.rules(rnd),
                self.criteria,
                self.tambons,
                self.sheets(rnd),
                self.prerequisite(rnd, (*stack, code)),
            )
        return self._raw[code]

    def result(self, code: str, stack: tuple[str, ...] = ()) -> sr.RoundResult:
        """The round ranked from its sheets now (finalised or not), with the committee's
        decisions on its ties applied where they still fit."""
        if code not in self._results:
            rnd = self.round(code)
            self._results[code] = self._decided(rnd, self.ranked_by_rules(code, stack))
        return self._results[code]

    def result_of_locked(self, rnd: m.Round) -> sr.RoundResult:
        """A finalised round ranked again from its locked sheets only (what finalising locked),
        with the committee's decisions."""
        locked = tuple(sh for sh in self.sheets(rnd) if sh.status == m.SheetStatus.LOCKED)
        raw = sr.rank_round(
            self.rules(rnd), self.criteria, self.tambons, locked, self.prerequisite(rnd, ())
        )
        return self._decided(rnd, raw)

    def _decided(self, rnd: m.Round, raw: sr.RoundResult) -> sr.RoundResult:
        """``raw`` with the committee's decisions; read only when there is a tie to settle."""
        if not any(e.status is sc.Status.TIE for e in raw.entries):
            return raw
        return st.apply_decisions(raw, self.decisions(rnd))

    def stored(self, rnd: m.Round) -> rr.RoundRanking:
        """A finalised round's stored result, after checking it against its hash."""
        if rnd.code not in self._stored:
            if rnd.result_json is None or rnd.result_hash is None:
                raise EvaluatorError(
                    f"รอบ {rnd.code} ยืนยันผลแล้วแต่ไม่มีผลที่บันทึกไว้"
                    f" — round {rnd.code} is finalised but has no stored result"
                )
            if rr.sha256(rnd.result_json) != rnd.result_hash:
                raise EvaluatorError(
                    f"ผลที่บันทึกไว้ของรอบ {rnd.code} ถูกแก้ไข ไม่ตรงกับรหัสตรวจสอบ (SHA-256)"
                    " — the stored result does not match its hash"
                )
            self._stored[rnd.code] = rr.ranking_from_result(
                json.loads(rnd.result_json), rnd.result_hash
            )
        return self._stored[rnd.code]

    def ranking(self, code: str) -> rr.RoundRanking:
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
    ) -> rr.RoundRanking:
        """``result`` (of round ``rnd``) in the contract's terms."""
        facts = rr.RoundFacts(
            contest_code=self.contest.code,
            contest_title=self.contest.title,
            round_code=rnd.code,
            round_title=rnd.title,
            prize_baht=rnd.prize_baht,
        )
        ranking = rr.round_ranking(facts, result, finalised_at, finalised_by, result_hash)
        # margins, p_winner (seeded resampling), standard errors and warnings
        return figures.with_figures(ranking, result, self.criteria, self.sheets(rnd))


def context_for_round(
    session: Session, round_code: str, contest: str | None
) -> tuple[RoundContext, m.Round]:
    """The round of that code (in the contest of that code, when given) and its contest's
    context: one query for the round, its contest and the contest's rounds with their tie
    decisions (what :func:`find_round` then :class:`RoundContext` would read in two)."""
    values = {"round_code": round_code, "contest_code": contest}
    rounds = list(session.scalars(_rounds_statement(contest is not None), values).unique())
    rnd = _the_round([r for r in rounds if r.code == round_code], round_code)
    ctx = RoundContext(session, rnd.contest, [r for r in rounds if r.contest_id == rnd.contest_id])
    return ctx, ctx.round(round_code)


@cache
def _rounds_statement(of_contest: bool) -> Select[m.Round]:
    """The rounds of the contests that have a round ``:round_code`` (of contest
    ``:contest_code`` only, with ``of_contest``), each with its contest and tie decisions.
    Built once: building it cost more than running it."""
    contests = select(m.Round.contest_id).where(m.Round.code == bindparam("round_code"))
    if of_contest:
        contests = contests.join(m.Contest).where(m.Contest.code == bindparam("contest_code"))
    return (
        select(m.Round)
        .options(joinedload(m.Round.contest), joinedload(m.Round.tie_decisions))
        .where(m.Round.contest_id.in_(contests))
        .order_by(m.Round.contest_id, m.Round.position)
    )


def _criteria_statement() -> ClauseElement:
    return (
        select(
            m.Criterion.id,
            m.Criterion.code,
            m.Criterion.max_score,
            m.Criterion.weight,
            m.Criterion.title,
        )
        .where(m.Criterion.contest_id == bindparam("contest_id"))
        .order_by(m.Criterion.position, m.Criterion.id)
    )
