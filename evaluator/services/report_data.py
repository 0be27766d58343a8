"""Read-only facts the printed reports and the Excel exports need (DESIGN.md section 7).

Rankings, budgets, agreement and explanations come from :mod:`evaluator.services.ranking`
(never recomputed here); this module adds the plain counts around them (per zone, the
programme's figures) and the raw score lines of the Excel export; the raw sheets of one tambon,
with their notes and photos, are :mod:`evaluator.services.tambon_data`. Plain dataclasses out,
never ORM objects; each function reads in its own units of work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.geography import zone_name
from evaluator.scoring import budget as sb
from evaluator.scoring import model as sc
from evaluator.scoring import ties as st
from evaluator.scoring.model import TieDecision
from evaluator.services import ranking as rs
from evaluator.services.lessons_report import LessonsReport, lessons_report

COUNTED_STATUSES = ("submitted", "locked")


# --- a round ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionHead:
    code: str
    title: str
    max_score: float
    weight: float
    description: str = ""


@dataclass(frozen=True)
class ZoneFigures:
    """One zone's part of a round's ranking."""

    zone: int
    name: str
    tambons: int  # tambons of the zone in the ranking
    with_sheets: int  # of them, with at least one sheet in the round
    sheets_counted: int
    sheets_not_counted: int  # drafts, incomplete, conflicts of interest, merge conflicts
    eligible: int  # winner, tie or eligible
    winners: int
    ties: int
    mean_score: float | None  # mean of the scores of the zone's tambons that have one
    best_score: float | None
    amount: int  # prize money of the winners
    pending: int  # prize money still open to tied tambons (an upper bound)


@dataclass(frozen=True)
class TieGroup:
    """Tambons sharing a rank across the quota: the committee decides among them."""

    zone: int | None  # None when the round ranks nationally
    rank: int
    places: int  # places still open to the group
    entries: tuple[rs.RankedTambon, ...]
    decision: TieDecision | None = None  # the committee's, for a settled group


@dataclass(frozen=True)
class RoundReport:
    """A round as the summary report shows it."""

    ranking: rs.RoundRanking
    criteria: tuple[CriterionHead, ...]
    zone_names: dict[int, str]
    zones: tuple[ZoneFigures, ...]
    ties: tuple[TieGroup, ...]
    budget: sb.RoundBudget
    agreement: rs.RoundAgreement
    sheets_total: int  # every sheet of the round (conflict copies not counted)
    decided: tuple[TieGroup, ...] = ()  # ties at the cutoff the committee settled
    tie_breaks: tuple[st.TieBreakPlace, ...] = ()  # places decided by tie-break criteria

    @property
    def per_zone(self) -> bool:
        return self.ranking.quota_kind == "zone"

    def zone_entries(self, zone: int) -> list[rs.RankedTambon]:
        return [e for e in self.ranking.entries if e.zone == zone]

    @property
    def sheets_counted(self) -> int:
        return sum(z.sheets_counted for z in self.zones)

    @property
    def tambons_with_sheets(self) -> int:
        return sum(z.with_sheets for z in self.zones)


def zone_names(db: Database) -> dict[int, str]:
    """Zone number → its Thai name, as stored."""
    with db.transaction() as s:
        return {z.number: z.name for z in s.scalars(select(m.Zone).order_by(m.Zone.number))}


def _criteria(session: Session, contest_code: str) -> tuple[CriterionHead, ...]:
    rows = session.scalars(
        select(m.Criterion)
        .join(m.Contest, m.Criterion.contest_id == m.Contest.id)
        .where(m.Contest.code == contest_code)
        .order_by(m.Criterion.position, m.Criterion.id)
    )
    return tuple(
        CriterionHead(c.code, c.title, c.max_score, c.weight, c.description or "") for c in rows
    )


def criteria_heads(db: Database, contest_code: str) -> tuple[CriterionHead, ...]:
    """The rubric of a contest, in its order."""
    with db.transaction() as s:
        return _criteria(s, contest_code)


def _awards(r: rs.RoundRanking) -> sb.RoundAwards:
    """The round's statuses as the budget functions take them (no ranking is redone)."""
    return sb.RoundAwards(
        code=r.round_code,
        title=r.round_title,
        prize_baht=r.prize_baht,
        quota_kind=sc.QuotaKind(r.quota_kind),
        quota=r.quota,
        entries=tuple(sb.AwardEntry(e.tambon_code, e.zone, e.status) for e in r.entries),
    )


def _sheet_count(db: Database, round_code: str, contest_code: str) -> int:
    with db.transaction() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(m.Sheet)
                .join(m.Round, m.Sheet.round_id == m.Round.id)
                .join(m.Contest, m.Round.contest_id == m.Contest.id)
                .where(
                    m.Round.code == round_code,
                    m.Contest.code == contest_code,
                    m.Sheet.conflict_of.is_(None),
                )
            )
            or 0
        )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def tie_groups(ranking: rs.RoundRanking, budget: sb.RoundBudget) -> tuple[TieGroup, ...]:
    """The round's tied groups at the quota's edge, each with the places still open to it."""
    per_zone = ranking.quota_kind == "zone"
    groups: dict[tuple[int, int], list[rs.RankedTambon]] = defaultdict(list)
    for e in ranking.entries:
        if e.status == "tie" and e.rank is not None:
            groups[(e.zone if per_zone else 0, e.rank)].append(e)
    places = {z.zone: z.tie_places for z in budget.zones}
    return tuple(
        TieGroup(
            zone=scope if per_zone else None,
            rank=rank,
            places=places.get(scope, 0) if per_zone else budget.tie_places,
            entries=tuple(entries),
        )
        for (scope, rank), entries in sorted(groups.items())
    )


def decided_groups(ranking: rs.RoundRanking) -> tuple[TieGroup, ...]:
    """The ties at the cutoff that a committee decision settled, with the decision."""
    per_zone = ranking.quota_kind == "zone"
    groups: dict[tuple[int, int], list[rs.RankedTambon]] = defaultdict(list)
    for e in ranking.entries:
        if e.decision is not None and e.rank is not None:
            groups[(e.zone if per_zone else 0, e.rank)].append(e)
    return tuple(
        TieGroup(
            zone=scope if per_zone else None,
            rank=rank,
            places=len(entries[0].decision.winners) if entries[0].decision else 0,
            entries=tuple(entries),
            decision=entries[0].decision,
        )
        for (scope, rank), entries in sorted(groups.items())
    )


def round_report(db: Database, round_code: str, *, contest: str | None = None) -> RoundReport:
    """A round's ranking with its figures per zone, tie groups, budget and agreement."""
    ranking = rs.rank_round(db, round_code, contest=contest)
    agreement = rs.round_agreement(db, round_code, contest=ranking.contest_code)
    budget = sb.round_budget(_awards(ranking))
    names = zone_names(db)
    money = {z.zone: z for z in budget.zones}
    by_zone: dict[int, list[rs.RankedTambon]] = defaultdict(list)
    for e in ranking.entries:
        by_zone[e.zone].append(e)
    zones = []
    for zone in sorted(set(names) | set(by_zone)):
        entries = by_zone.get(zone, [])
        scores = [e.score for e in entries if e.score is not None]
        zb = money.get(zone)
        zones.append(
            ZoneFigures(
                zone=zone,
                name=names.get(zone, zone_name(zone)),
                tambons=len(entries),
                with_sheets=sum(1 for e in entries if e.sheets or e.excluded_sheets),
                sheets_counted=sum(e.sheets for e in entries),
                sheets_not_counted=sum(len(e.excluded_sheets) for e in entries),
                eligible=sum(1 for e in entries if e.status != "ineligible"),
                winners=sum(1 for e in entries if e.status == "winner"),
                ties=sum(1 for e in entries if e.status == "tie"),
                mean_score=_mean(scores),
                best_score=max(scores) if scores else None,
                amount=zb.amount if zb else 0,
                pending=zb.pending if zb else 0,
            )
        )
    return RoundReport(
        ranking=ranking,
        criteria=criteria_heads(db, ranking.contest_code),
        zone_names=names,
        zones=tuple(zones),
        ties=tie_groups(ranking, budget),
        budget=budget,
        agreement=agreement,
        sheets_total=_sheet_count(db, ranking.round_code, ranking.contest_code),
        decided=decided_groups(ranking),
        tie_breaks=st.tie_break_places(ranking),
    )


# --- the whole programme ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFigures:
    """What the programme covers, counted in the database."""

    zones: int
    provinces: int
    districts: int
    tambons: int
    villages: int
    focus_villages: int
    leaders: int
    inspectors: int
    sheets: int  # every sheet of every round (conflict copies not counted)
    sheets_submitted: int  # submitted or locked
    photos: int


@dataclass(frozen=True)
class ExecutiveReport:
    contest_code: str
    contest_title: str
    figures: ProgrammeFigures
    rounds: tuple[RoundReport, ...]
    budget: rs.BudgetReport
    lessons: LessonsReport | None = None  # the chapter of lessons learned


def programme_figures(db: Database) -> ProgrammeFigures:
    """Counts of the places, people and sheets in the database."""

    with db.transaction() as s:

        def count(table: type[m.Base]) -> int:
            return int(s.scalar(select(func.count()).select_from(table)) or 0)

        provinces_in_use = (
            select(func.count(func.distinct(m.District.province_code)))
            .select_from(m.Tambon)
            .join(m.District, m.Tambon.district_code == m.District.code)
        )
        zones_in_use = (
            select(func.count(func.distinct(m.Province.zone_number)))
            .select_from(m.Tambon)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
        )
        districts_in_use = select(func.count(func.distinct(m.Tambon.district_code)))
        sheets = int(
            s.scalar(select(func.count()).select_from(m.Sheet).where(m.Sheet.conflict_of.is_(None)))
            or 0
        )
        submitted = int(
            s.scalar(
                select(func.count())
                .select_from(m.Sheet)
                .where(m.Sheet.conflict_of.is_(None), m.Sheet.status.in_(COUNTED_STATUSES))
            )
            or 0
        )
        focus = int(
            s.scalar(
                select(func.count()).select_from(m.Village).where(m.Village.is_focus.is_(True))
            )
            or 0
        )
        return ProgrammeFigures(
            zones=int(s.scalar(zones_in_use) or 0),
            provinces=int(s.scalar(provinces_in_use) or 0),
            districts=int(s.scalar(districts_in_use) or 0),
            tambons=count(m.Tambon),
            villages=count(m.Village),
            focus_villages=focus,
            leaders=count(m.Leader),
            inspectors=count(m.Inspector),
            sheets=sheets,
            sheets_submitted=submitted,
            photos=count(m.Photo),
        )


def executive_report(db: Database, *, contest: str | None = None) -> ExecutiveReport:
    """Every round of the contest with its figures, the contest's budget, the programme's size."""
    budget = rs.contest_budget(db, contest=contest)
    rounds = [r for r in rs.list_rounds(db) if r.contest_code == budget.contest_code]
    return ExecutiveReport(
        contest_code=budget.contest_code,
        contest_title=budget.contest_title,
        figures=programme_figures(db),
        rounds=tuple(round_report(db, r.code, contest=budget.contest_code) for r in rounds),
        budget=budget,
        lessons=lessons_report(db, contest=budget.contest_code),
    )


# --- raw scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreLine:
    """One criterion score of one sheet, with the names a clerk reads it by."""

    contest_code: str
    round_code: str
    round_title: str
    sheet_uuid: str
    inspector: str
    zone: int
    province: str
    district: str
    tambon_code: str
    tambon: str
    criterion: str
    criterion_title: str
    max_score: float
    score: float
    note: str
    status: str  # the sheet's: draft, submitted or locked
    sheet_note: str


def score_lines(
    db: Database, *, round_code: str | None = None, contest: str | None = None
) -> list[ScoreLine]:
    """Every score of every sheet (of one round, when named), one line per criterion score, in
    round, zone, province, tambon, inspector and criterion order.

    Conflict copies kept by a merge (``conflict_of`` set) are left out: they are second versions
    of a sheet that the committee has still to settle, not sheets of their own.
    """
    with db.transaction() as s:
        query = (
            select(
                m.Contest.code,
                m.Round.code,
                m.Round.title,
                m.Sheet.uuid,
                m.Inspector.name,
                m.Province.zone_number,
                m.Province.name_th,
                m.District.name_th,
                m.Tambon.code,
                m.Tambon.name_th,
                m.Criterion.code,
                m.Criterion.title,
                m.Criterion.max_score,
                m.Score.value,
                m.Score.note,
                m.Sheet.status,
                m.Sheet.note,
            )
            .select_from(m.Score)
            .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
            .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
            .join(m.Round, m.Sheet.round_id == m.Round.id)
            .join(m.Contest, m.Round.contest_id == m.Contest.id)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
            .where(m.Sheet.conflict_of.is_(None))
            .order_by(
                m.Contest.id,
                m.Round.position,
                m.Province.zone_number,
                m.Province.name_th,
                m.District.name_th,
                m.Tambon.code,
                m.Inspector.name,
                m.Criterion.position,
                m.Criterion.id,
            )
        )
        if contest is not None:
            query = query.where(m.Contest.code == contest)
        if round_code is not None:
            known = s.scalar(
                select(func.count()).select_from(m.Round).where(m.Round.code == round_code)
            )
            if not known:
                raise NotFoundError(f"ไม่พบรอบ '{round_code}' — no round '{round_code}'")
            query = query.where(m.Round.code == round_code)
        return [
            ScoreLine(
                contest_code=r[0],
                round_code=r[1],
                round_title=r[2] or r[1],
                sheet_uuid=r[3],
                inspector=r[4],
                zone=r[5],
                province=r[6],
                district=r[7],
                tambon_code=r[8],
                tambon=r[9],
                criterion=r[10],
                criterion_title=r[11],
                max_score=float(r[12]),
                score=float(r[13]),
                note=r[14] or "",
                status=str(r[15]),
                sheet_note=r[16] or "",
            )
            for r in s.execute(query)
        ]
