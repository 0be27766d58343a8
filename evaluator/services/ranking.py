"""Ranking a round, explaining it, agreement and budget (DESIGN.md section 6).

Reads a round through :class:`~evaluator.services.round_context.RoundContext` (a few bulk
queries turned into the plain inputs of :mod:`evaluator.scoring`) and calls the pure functions
there. Returns plain dataclasses; the contract other parts code against is
:class:`RoundRanking` and :class:`RankedTambon` (defined in :mod:`evaluator.scoring.result`,
re-exported here), :func:`rank_round` and :func:`list_rounds`.

Finalising and reopening are in :mod:`evaluator.services.finalise`; the lock on a finalised
round in :mod:`evaluator.services.rounds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, NotFoundError
from evaluator.i18n import Catalog, in_language
from evaluator.scoring import agreement as sa
from evaluator.scoring import budget as sb
from evaluator.scoring import caveats as cv
from evaluator.scoring import explain as sx
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring.explain import Neighbour, SheetExplanation, TambonExplanation
from evaluator.scoring.result import (
    RankedTambon,
    RoundRanking,
    SheetNote,
    differences,
    only_zone,
    ranking_json,
)
from evaluator.services.round_context import RoundContext, context_for_round, find_contest

__all__ = [
    "BudgetReport",
    "Neighbour",
    "RankedTambon",
    "RoundAgreement",
    "RoundInfo",
    "RoundRanking",
    "SheetExplanation",
    "SheetNote",
    "TambonExplanation",
    "contest_budget",
    "explain_tambon",
    "list_rounds",
    "rank_round",
    "ranking_json",
    "round_agreement",
    "round_budget",
]


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


# --- ranking ---------------------------------------------------------------------------------


def rank_round(
    db: Database, round_code: str, zone: int | None = None, *, contest: str | None = None
) -> RoundRanking:
    """Rank a round (the stored result when it is finalised); ``zone`` keeps that zone only.

    The round is always ranked as a whole (z-scores and national quotas need every sheet),
    then filtered.
    """
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        return only_zone(ctx.ranking(rnd.code), zone)


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


def explain_tambon(
    db: Database, round_code: str, tambon_code: str, *, contest: str | None = None
) -> TambonExplanation:
    """Why a tambon is where it is in a round: its sheets and totals, the aggregation, what
    broke its ties, and what it would need to pass the one above it."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        result = ctx.result(rnd.code)
        x = sx.explain(result, tambon_code, ctx.criteria, ctx.sheets(rnd))
        if rnd.is_final:
            th, en = _final_line(ctx, rnd, result)
            x = replace(x, lines=(th, *x.lines), lines_en=(en, *x.lines_en))
        return x


FINAL = Catalog(
    "final",
    {
        "head": (
            "รอบนี้ยืนยันผลแล้ว (SHA-256 {hash}); แบบประเมินถูกล็อก",
            "This round is finalised (SHA-256 {hash}); its sheets are locked",
        ),
        "unusable": (
            "{head} แต่ผลที่บันทึกไว้ใช้ไม่ได้: {error}",
            "{head}, but the stored result cannot be used: {error}",
        ),
        "same": (
            "{head} ผลด้านล่างคำนวณจากแบบประเมินชุดเดียวกัน และตรงกับผลที่บันทึกไว้ทุกตำบล",
            "{head}. The result below is computed from the same sheets and matches the stored"
            " result for every tambon",
        ),
        "differs": (
            "{head} คำเตือน: คำนวณจากแบบประเมินในฐานข้อมูลตอนนี้ได้ผลไม่ตรงกับผลที่บันทึกไว้"
            " (ตรวจได้ที่หน้า บันทึก ปุ่ม ตรวจความถูกต้องของบันทึก) คำอธิบายด้านล่างมาจากการคำนวณตอนนี้"
            " — recomputing now does not give the stored result",
            "{head}. Warning: recomputing from the sheets in the database now does not give the"
            " stored result (check it in the Audit log view, button Verify the log); the"
            " explanation below comes from"
            " the computation now",
        ),
    },
)


def _final_line(ctx: RoundContext, rnd: m.Round, result: sr.RoundResult) -> tuple[str, str]:
    """What an explanation of a finalised round may honestly say about where it comes from,
    in Thai and in English."""
    head = FINAL.both("head", hash=rnd.result_hash)
    try:
        stored = ctx.stored(rnd)
    except EvaluatorError as exc:
        return (
            FINAL.text("unusable", "th", head=head[0], error=exc.whole),
            FINAL.text("unusable", "en", head=head[1], error=in_language(exc.whole, "en")),
        )
    key = "same" if not differences(stored, ctx.to_ranking(rnd, result)) else "differs"
    return FINAL.text(key, "th", head=head[0]), FINAL.text(key, "en", head=head[1])


# --- agreement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundAgreement:
    contest_code: str
    round_code: str
    round_title: str
    agreement: sa.Agreement
    tambon_names: dict[str, str]
    tambon_zones: dict[str, int]
    # the round ranked with every aggregation: how many winners each would change
    aggregations: cv.AggregationComparison | None = None


def round_agreement(db: Database, round_code: str, *, contest: str | None = None) -> RoundAgreement:
    """Spread per tambon, leniency per inspector and Krippendorff's alpha of a round."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        result = ctx.result(rnd.code)
        return RoundAgreement(
            contest_code=ctx.contest.code,
            round_code=rnd.code,
            round_title=rnd.title,
            agreement=sa.agreement(result.sheets, result.rules.spread_threshold),
            tambon_names={t.code: t.name for t in ctx.tambons},
            tambon_zones={t.code: t.zone for t in ctx.tambons},
            aggregations=cv.compare_aggregations(
                result.rules,
                ctx.criteria,
                ctx.tambons,
                ctx.sheets(rnd),
                ctx.prerequisite(rnd, (rnd.code,)),
            ),
        )


# --- budget ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetReport:
    contest_code: str
    contest_title: str
    budget: sb.ContestBudget
    finalised: dict[str, bool]
    # per round, the committee's decisions that settled a tie at the cutoff (counted as won)
    decisions: dict[str, tuple[sc.TieDecision, ...]] = field(default_factory=dict)

    def round(self, code: str) -> sb.RoundBudget:
        for r in self.budget.rounds:
            if r.code == code:
                return r
        raise NotFoundError(f"ไม่พบรอบ {code} — no round {code}")


def _awards(r: RoundRanking) -> sb.RoundAwards:
    return sb.RoundAwards(
        code=r.round_code,
        title=r.round_title,
        prize_baht=r.prize_baht,
        quota_kind=sc.QuotaKind(r.quota_kind),
        quota=r.quota,
        entries=tuple(sb.AwardEntry(e.tambon_code, e.zone, e.status) for e in r.entries),
    )


def _decisions(r: RoundRanking) -> tuple[sc.TieDecision, ...]:
    seen: dict[tuple[int | None, frozenset[str]], sc.TieDecision] = {}
    for e in r.entries:
        if e.decision is not None:
            seen[(e.decision.zone, e.decision.tambons)] = e.decision
    return tuple(seen.values())


def contest_budget(db: Database, *, contest: str | None = None) -> BudgetReport:
    """The prize money of every round and of the contest, per zone and overall."""
    with db.transaction() as s:
        ctx = RoundContext(s, find_contest(s, contest))
        rankings = [ctx.ranking(code) for code in ctx.rounds]
        return BudgetReport(
            contest_code=ctx.contest.code,
            contest_title=ctx.contest.title,
            budget=sb.contest_budget([_awards(r) for r in rankings], ctx.double_award),
            finalised={r.round_code: r.finalised for r in rankings},
            decisions={r.round_code: _decisions(r) for r in rankings},
        )


def round_budget(db: Database, round_code: str, *, contest: str | None = None) -> sb.RoundBudget:
    """The prize money of one round, per zone and overall."""
    return sb.round_budget(_awards(rank_round(db, round_code, contest=contest)))
