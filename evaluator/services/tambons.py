"""The target tambons: the big list (one query), one tambon's detail, comparison side by side."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Integer, Row, and_, case, func, literal, or_, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.schema import (
    assignments,
    criteria,
    districts,
    provinces,
    rounds,
    scores,
    sheets,
    tambons,
)
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.permissions import Action, UserInfo, allowed, require
from evaluator.services.round_list import RoundRef as RoundRef  # where it lived: still found here
from evaluator.services.round_list import list_rounds as list_rounds
from evaluator.services.sheet_data import (
    COUNTED,
    PhotoInfo,
    SheetSummary,
    criteria_of,
    photos_of,
    sheet_total,
)
from evaluator.services.sheets import summarise
from evaluator.services.users import user_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class TambonStatus(StrEnum):
    """Where a tambon's sheets of a round stand."""

    NONE = "none"  # no sheet yet
    DRAFT = "draft"  # at least one sheet still a draft
    SUBMITTED = "submitted"  # every sheet submitted
    LOCKED = "locked"  # every sheet locked (the round is finalised)


STATUS_TITLES = {
    TambonStatus.NONE: "ยังไม่มีแบบประเมิน",
    TambonStatus.DRAFT: "กำลังประเมิน",
    TambonStatus.SUBMITTED: "ส่งแล้ว",
    TambonStatus.LOCKED: "ปิดผลแล้ว",
}


@dataclass(frozen=True)
class TambonRow:
    """One line of the tambon table."""

    code: str
    zone: int
    province_code: str
    province: str
    province_en: str
    district: str
    district_en: str
    tambon: str
    tambon_en: str
    status: TambonStatus
    sheets: int
    submitted: int
    score: float | None  # mean total of the counted (submitted, complete) sheets


@dataclass(frozen=True)
class VillageInfo:
    moo: int
    name: str
    is_focus: bool


@dataclass(frozen=True)
class LeaderInfo:
    id: int
    name: str
    position: str


@dataclass(frozen=True)
class TambonDetail:
    """One tambon: its places, its 15 leaders, its sheets and their photos."""

    code: str
    tambon: str
    tambon_en: str
    district: str
    province: str
    zone: int
    focus_village: str | None
    villages: list[VillageInfo]
    leaders: list[LeaderInfo]
    sheets: list[SheetSummary]
    photos: list[PhotoInfo]


@dataclass(frozen=True)
class CriterionHead:
    id: int
    code: str
    title: str
    max_score: float
    weight: float


@dataclass(frozen=True)
class ComparedSheet:
    """One inspector's submitted sheet of a compared tambon."""

    sheet_id: int
    inspector: str
    status: m.SheetStatus
    total: float | None
    scores: dict[str, float | None]
    notes: dict[str, str]
    note: str
    photos: list[PhotoInfo]


@dataclass(frozen=True)
class ComparedTambon:
    code: str
    tambon: str
    district: str
    province: str
    zone: int
    sheets: list[ComparedSheet]

    def mean(self, code: str) -> float | None:
        """The mean score of criterion ``code`` over the sheets that scored it."""
        values = [v for sh in self.sheets if (v := sh.scores.get(code)) is not None]
        return sum(values) / len(values) if values else None

    def spread(self, code: str) -> float | None:
        """How far apart the inspectors are on criterion ``code`` (highest − lowest)."""
        values = [v for sh in self.sheets if (v := sh.scores.get(code)) is not None]
        return max(values) - min(values) if len(values) >= 2 else None

    @property
    def mean_total(self) -> float | None:
        totals = [sh.total for sh in self.sheets if sh.total is not None]
        return sum(totals) / len(totals) if totals else None


@dataclass(frozen=True)
class Comparison:
    round_code: str
    round_title: str
    criteria: list[CriterionHead]
    tambons: list[ComparedTambon]


def _round(session: Session | Connection, round_code: str | None) -> Row[Any] | None:
    """The round named (NotFoundError when there is none), or the first round: its row."""
    query = select(rounds).order_by(rounds.c.contest_id, rounds.c.position, rounds.c.id)
    if round_code is not None:
        rnd = session.execute(query.where(rounds.c.code == round_code)).first()
        if rnd is None:
            raise NotFoundError(f"ไม่พบรอบ '{round_code}' — no round '{round_code}'")
        return rnd
    return session.execute(query.limit(1)).first()


def _status(sheets: int, drafts: int, locked: int) -> TambonStatus:
    if sheets == 0:
        return TambonStatus.NONE
    if drafts:
        return TambonStatus.DRAFT
    if locked == sheets:
        return TambonStatus.LOCKED
    return TambonStatus.SUBMITTED


def list_tambons(db: Database, user: UserInfo, round_code: str | None = None) -> list[TambonRow]:
    """Every target tambon with its place names (Thai and Latin) and its sheets' state in a
    round (the first round when none is named), in one query.

    An inspector sees only the tambons assigned to them (or that they have a sheet for), and
    only their own sheets count towards status and score.
    """
    with db.connection() as s:  # Core: an inspector's first view comes before the mapped classes
        actor = user_in(s, user.id)
        require(actor, Action.VIEW_TAMBONS)
        rnd = _round(s, round_code)
        own_only = not allowed(actor, Action.VIEW_ALL_SHEETS)
        round_id = rnd.id if rnd is not None else -1
        n_criteria = (
            s.scalar(
                select(func.count())
                .select_from(criteria)
                .where(criteria.c.contest_id == rnd.contest_id)
            )
            if rnd is not None
            else 0
        ) or 0
        sheet_filter = [sheets.c.round_id == round_id, sheets.c.conflict_of.is_(None)]
        if own_only:
            sheet_filter.append(sheets.c.inspector_id == (actor.inspector_id or -1))
        per_sheet = (
            select(
                sheets.c.id.label("sheet_id"),
                sheets.c.tambon_code.label("tambon_code"),
                sheets.c.status.label("status"),
                func.count(scores.c.id).label("scored"),
                func.sum(criteria.c.weight * scores.c.value / criteria.c.max_score).label("total"),
            )
            .outerjoin(scores, scores.c.sheet_id == sheets.c.id)
            .outerjoin(criteria, scores.c.criterion_id == criteria.c.id)
            .where(*sheet_filter)
            .group_by(sheets.c.id, sheets.c.tambon_code, sheets.c.status)
            .subquery()
        )
        counted = and_(
            per_sheet.c.status.in_([str(x) for x in COUNTED]),
            per_sheet.c.scored >= n_criteria,
            literal(n_criteria) > 0,
        )
        per_tambon = (
            select(
                per_sheet.c.tambon_code,
                func.count().label("sheets"),
                func.sum(case((per_sheet.c.status == m.SheetStatus.DRAFT.value, 1), else_=0))
                .cast(Integer)
                .label("drafts"),
                func.sum(case((per_sheet.c.status == m.SheetStatus.LOCKED.value, 1), else_=0))
                .cast(Integer)
                .label("locked"),
                func.sum(case((per_sheet.c.status.in_([str(x) for x in COUNTED]), 1), else_=0))
                .cast(Integer)
                .label("submitted"),
                func.avg(case((counted, per_sheet.c.total), else_=None)).label("score"),
            )
            .group_by(per_sheet.c.tambon_code)
            .subquery()
        )
        query = (
            select(
                tambons.c.code,
                provinces.c.zone_number,
                provinces.c.code,
                provinces.c.name_th,
                provinces.c.name_en,
                districts.c.name_th,
                districts.c.name_en,
                tambons.c.name_th,
                tambons.c.name_en,
                per_tambon.c.sheets,
                per_tambon.c.drafts,
                per_tambon.c.locked,
                per_tambon.c.submitted,
                per_tambon.c.score,
            )
            .join(districts, tambons.c.district_code == districts.c.code)
            .join(provinces, districts.c.province_code == provinces.c.code)
            .outerjoin(per_tambon, per_tambon.c.tambon_code == tambons.c.code)
            .order_by(
                provinces.c.zone_number, provinces.c.name_th, districts.c.name_th, tambons.c.name_th
            )
        )
        if own_only:
            inspector_id = actor.inspector_id or -1
            assigned = select(assignments.c.tambon_code).where(
                assignments.c.round_id == round_id, assignments.c.inspector_id == inspector_id
            )
            query = query.where(or_(tambons.c.code.in_(assigned), per_tambon.c.sheets.is_not(None)))
        rows = []
        for r in s.execute(query):
            n_sheets = int(r[9] or 0)
            rows.append(
                TambonRow(
                    code=r[0],
                    zone=r[1],
                    province_code=r[2],
                    province=r[3],
                    province_en=r[4] or "",
                    district=r[5],
                    district_en=r[6] or "",
                    tambon=r[7],
                    tambon_en=r[8] or "",
                    status=_status(n_sheets, int(r[10] or 0), int(r[11] or 0)),
                    sheets=n_sheets,
                    submitted=int(r[12] or 0),
                    score=None if r[13] is None else float(r[13]),
                )
            )
        return rows


def tambon_detail(db: Database, user: UserInfo, code: str) -> TambonDetail:
    """One tambon: villages (focus first), leaders, the sheets the user may see, their photos."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.VIEW_TAMBONS)
        tambon = s.get(m.Tambon, code)
        if tambon is None:
            raise NotFoundError(f"ไม่พบตำบลรหัส {code} — no tambon {code}")
        district = tambon.district
        province = district.province
        villages = [
            VillageInfo(v.moo, v.name_th, v.is_focus)
            for v in s.scalars(
                select(m.Village).where(m.Village.tambon_code == code).order_by(m.Village.moo)
            )
        ]
        leaders = [
            LeaderInfo(ld.id, ld.full_name, ld.position)
            for ld in s.scalars(
                select(m.Leader).where(m.Leader.tambon_code == code).order_by(m.Leader.id)
            )
        ]
        query = (
            select(m.Sheet, m.Round.code, m.Round.contest_id, m.Tambon.name_th, m.Inspector.name)
            .join(m.Round, m.Sheet.round_id == m.Round.id)
            .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .where(m.Sheet.tambon_code == code)
            .order_by(m.Round.position, m.Inspector.name)
        )
        if not allowed(actor, Action.VIEW_ALL_SHEETS):
            query = query.where(m.Sheet.inspector_id == (actor.inspector_id or -1))
        rows = [(r[0], r[1], r[2], r[3], r[4]) for r in s.execute(query).all()]
        sheets = summarise(s, rows)
        photos = photos_of(s, [sh.id for sh in sheets])
        return TambonDetail(
            code=tambon.code,
            tambon=tambon.name_th,
            tambon_en=tambon.name_en,
            district=district.name_th,
            province=province.name_th,
            zone=province.zone_number,
            focus_village=tambon.focus_village,
            villages=villages,
            leaders=leaders,
            sheets=sheets,
            photos=[p for sh in sheets for p in photos[sh.id]],
        )


def compare_tambons(db: Database, user: UserInfo, round_code: str, codes: list[str]) -> Comparison:
    """2 to 4 tambons side by side in a round: every submitted sheet's scores, notes, photos."""
    codes = list(dict.fromkeys(codes))
    if not 2 <= len(codes) <= 4:
        raise InputError([Problem("เลือกตำบล 2 ถึง 4 ตำบลเพื่อเปรียบเทียบ — choose 2 to 4 tambons")])
    return tambon_sheets(db, user, round_code, codes)


def tambon_sheets(db: Database, user: UserInfo, round_code: str, codes: list[str]) -> Comparison:
    """Every counted sheet (scores, notes, photos without their bytes) of some tambons in a
    round, any number of them (``Action.COMPARE``): the compare view's 2 to 4, or every tambon
    of a tie at the cutoff for the rankings view's tie panel."""
    codes = list(dict.fromkeys(codes))
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.COMPARE)
        rnd = _round(s, round_code)
        assert rnd is not None
        criteria = criteria_of(s, rnd.contest_id)
        heads = [CriterionHead(c.id, c.code, c.title, c.max_score, c.weight) for c in criteria]
        code_of = {c.id: c.code for c in criteria}
        tambons = []
        for code in codes:
            tambon = s.get(m.Tambon, code)
            if tambon is None:
                raise NotFoundError(f"ไม่พบตำบลรหัส {code} — no tambon {code}")
            sheet_rows = list(
                s.execute(
                    select(m.Sheet, m.Inspector.name)
                    .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
                    .where(
                        m.Sheet.round_id == rnd.id,
                        m.Sheet.tambon_code == code,
                        m.Sheet.conflict_of.is_(None),
                        m.Sheet.status.in_([str(x) for x in COUNTED]),
                    )
                    .order_by(m.Inspector.name)
                ).all()
            )
            photos = photos_of(s, [sh.id for sh, _ in sheet_rows])
            compared = []
            for sheet, inspector in sheet_rows:
                by_code = {code_of[sc.criterion_id]: sc for sc in sheet.scores}
                complete = all(c.code in by_code for c in criteria) and bool(criteria)
                compared.append(
                    ComparedSheet(
                        sheet_id=sheet.id,
                        inspector=inspector,
                        status=m.SheetStatus(sheet.status),
                        total=sheet_total(
                            [(c.weight, c.max_score, by_code[c.code].value) for c in criteria]
                        )
                        if complete
                        else None,
                        scores={
                            c.code: by_code[c.code].value if c.code in by_code else None
                            for c in criteria
                        },
                        notes={c.code: by_code[c.code].note for c in criteria if c.code in by_code},
                        note=sheet.note,
                        photos=photos[sheet.id],
                    )
                )
            district = tambon.district
            tambons.append(
                ComparedTambon(
                    code=code,
                    tambon=tambon.name_th,
                    district=district.name_th,
                    province=district.province.name_th,
                    zone=district.province.zone_number,
                    sheets=compared,
                )
            )
        return Comparison(rnd.code, rnd.title or rnd.code, heads, tambons)
