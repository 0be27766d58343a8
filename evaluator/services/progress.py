"""The progress dashboard: per zone and nationally, how many sheets are expected, drafted,
submitted and incomplete in a round, and which tambons still lack sheets.

A tambon expects one sheet per inspector assigned to it in the round; where a round has no
assignments at all, it expects the round's ``min_sheets``. A submitted sheet that misses a
criterion is *incomplete*: it does not count, and it is shown, never dropped silently.

Read with SQLAlchemy Core on the tables of :mod:`evaluator.db.schema` (a committee's first
view, the dashboard, comes before the ORM's mapped classes are built: docs/architecture.md).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, case, false, func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.schema import (
    assignments,
    criteria,
    districts,
    inspectors,
    provinces,
    rounds,
    scores,
    sheets,
    tambons,
    zones,
)
from evaluator.geography import tambon_places, zone_name
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.assignment_design import DesignReport, design_report
from evaluator.services.sheet_status import COUNTED, sheet_total
from evaluator.services.users import user_in

_log = logging.getLogger("evaluator.services")


@dataclass
class Counts:
    """Sheet counts of one zone (or the whole country)."""

    tambons: int = 0
    expected: int = 0
    not_started: int = 0
    drafted: int = 0
    submitted: int = 0
    incomplete: int = 0
    tambons_done: int = 0

    @property
    def percent_done(self) -> float:
        """Submitted (complete) sheets as a percentage of the expected ones."""
        return 100.0 * min(self.submitted, self.expected) / self.expected if self.expected else 0.0

    def add(self, other: Counts) -> None:
        self.tambons += other.tambons
        self.expected += other.expected
        self.not_started += other.not_started
        self.drafted += other.drafted
        self.submitted += other.submitted
        self.incomplete += other.incomplete
        self.tambons_done += other.tambons_done


@dataclass(frozen=True)
class ZoneProgress:
    zone: int
    name: str
    counts: Counts


@dataclass(frozen=True)
class LackingTambon:
    """A tambon with fewer counted sheets than it expects."""

    zone: int
    province: str
    district: str
    code: str
    tambon: str
    expected: int
    counted: int
    drafted: int


@dataclass(frozen=True)
class Progress:
    round_code: str | None
    round_title: str
    zones: list[ZoneProgress]
    national: Counts
    lacking: list[LackingTambon] = field(default_factory=list)


def _round(connection: Connection, round_code: str | None) -> Row[Any] | None:
    """The round named, or the first round when none is named (its row: every column)."""
    query = select(rounds).order_by(rounds.c.contest_id, rounds.c.position, rounds.c.id)
    if round_code is not None:
        query = query.where(rounds.c.code == round_code)
    return connection.execute(query.limit(1)).first()


def progress(db: Database, user: UserInfo, round_code: str | None = None) -> Progress:
    """The dashboard numbers of a round (the first round when none is named). An inspector
    gets the numbers of their own assignments only (:func:`my_work`), never the country's."""
    with db.connection() as s:
        actor = user_in(s, user.id)
        require(actor, Action.VIEW_PROGRESS)
        rnd = _round(s, round_code)
        if actor.role is m.Role.INSPECTOR:
            return _own_progress(_my_work(s, actor, rnd))
        return _country(s, rnd)[0]


def progress_and_design(
    db: Database, user: UserInfo, round_code: str | None = None
) -> tuple[Progress, DesignReport | None]:
    """The dashboard's numbers (:func:`progress`) and the check of the round's assignments
    (:func:`~evaluator.services.assignment_design.assignment_design`) in one transaction, the
    check taking every tambon's zone and name from the numbers' own read of the places. The
    check is advice: without a round, or when it fails (logged), the numbers come without it."""
    with db.connection() as s:
        actor = user_in(s, user.id)
        require(actor, Action.VIEW_PROGRESS)
        rnd = _round(s, round_code)
        if actor.role is m.Role.INSPECTOR:
            return _own_progress(_my_work(s, actor, rnd)), None
        numbers, places = _country(s, rnd)
        if rnd is None:
            return numbers, None
        try:
            return numbers, design_report(s, rnd, places)
        except Exception:
            _log.exception("the assignment design of round %s", rnd.code)
            return numbers, None


def _country(
    s: Connection, rnd: Row[Any] | None
) -> tuple[Progress, Sequence[Row[*tuple[Any, ...]]]]:
    """The country's numbers in ``rnd``, and the places read for them (every tambon)."""
    names = {z.number: z.name for z in s.execute(select(zones).order_by(zones.c.number))}
    per_zone = {z: Counts() for z in names}
    national = Counts()
    lacking: list[LackingTambon] = []
    if rnd is None:
        places = s.execute(_places()).all()
        for place in places:
            per_zone.setdefault(place[5], Counts()).tambons += 1
            national.tambons += 1
        return Progress(None, "", _zones(per_zone, names), national, []), places

    n_criteria = (
        s.scalar(
            select(func.count())
            .select_from(criteria)
            .where(criteria.c.contest_id == rnd.contest_id)
        )
        or 0
    )
    places = s.execute(_places(rnd, n_criteria)).all()
    any_assigned = any(place[6] for place in places)
    for code, tambon, district, _, province, zone, assigned, own, submitted, counted in places:
        if any_assigned:
            expected = max(assigned, own)
        elif rnd.eligible_from:
            expected = own  # only the earlier round's winners take part
        else:
            expected = max(rnd.min_sheets, own)
        if expected == 0:
            continue
        c = Counts(
            tambons=1,
            expected=expected,
            submitted=submitted,
            incomplete=counted - submitted,
            drafted=own - counted,
            not_started=max(0, expected - own),
        )
        if c.submitted >= expected:
            c.tambons_done = 1
        else:
            lacking.append(
                LackingTambon(
                    zone, province, district, code, tambon, expected, c.submitted, c.drafted
                )
            )
        per_zone.setdefault(zone, Counts()).add(c)
        national.add(c)
    numbers = Progress(rnd.code, rnd.title or rnd.code, _zones(per_zone, names), national, lacking)
    return numbers, places


def _places(rnd: Row[Any] | None = None, n_criteria: int = 0) -> Select[*tuple[Any, ...]]:
    """Every tambon with its district, province and zone, in the dashboard's order; with a
    round, also its assignments in the round and its sheets there (merge-conflict copies left
    out): how many, how many submitted with every criterion scored (a contest without criteria
    has none), how many submitted at all. One statement: the sums are SQL's."""
    query = tambon_places().order_by(
        provinces.c.zone_number, provinces.c.name_th, districts.c.name_th
    )
    if rnd is None:
        return query
    assigned = (
        select(assignments.c.tambon_code.label("code"), func.count().label("n"))
        .where(assignments.c.round_id == rnd.id)
        .group_by(assignments.c.tambon_code)
        .subquery()
    )
    scored = (
        select(func.count()).where(scores.c.sheet_id == sheets.c.id).correlate(sheets)
    ).scalar_subquery()
    counted = sheets.c.status.in_(COUNTED)
    complete = and_(counted, scored >= n_criteria) if n_criteria else false()
    per_tambon = (
        select(
            sheets.c.tambon_code.label("code"),
            func.count().label("n"),
            func.sum(case((complete, 1), else_=0)).label("submitted"),
            func.sum(case((counted, 1), else_=0)).label("counted"),
        )
        .where(sheets.c.round_id == rnd.id, sheets.c.conflict_of.is_(None))
        .group_by(sheets.c.tambon_code)
        .subquery()
    )
    return (
        query.add_columns(
            func.coalesce(assigned.c.n, 0),
            func.coalesce(per_tambon.c.n, 0),
            func.coalesce(per_tambon.c.submitted, 0),
            func.coalesce(per_tambon.c.counted, 0),
        )
        .outerjoin(assigned, assigned.c.code == tambons.c.code)
        .outerjoin(per_tambon, per_tambon.c.code == tambons.c.code)
    )


def _zones(per_zone: dict[int, Counts], names: dict[int, str]) -> list[ZoneProgress]:
    return [ZoneProgress(z, names.get(z, zone_name(z)), per_zone[z]) for z in sorted(per_zone)]


# --- an inspector's own work -------------------------------------------------------------------

NOT_STARTED = "not_started"
INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class AssignedTambon:
    """A tambon an inspector scores in a round, with the state of their sheet there."""

    zone: int
    province: str
    district: str
    code: str
    tambon: str
    sheet_id: int | None
    status: m.SheetStatus | None  # None: not started
    scored: int
    criteria: int
    total: float | None
    updated_at: datetime | None

    @property
    def state(self) -> str:
        """not_started, draft, incomplete (submitted without every score), submitted, locked."""
        if self.status is None:
            return NOT_STARTED
        if self.status in COUNTED and self.criteria and self.scored < self.criteria:
            return INCOMPLETE
        return str(self.status)

    @property
    def done(self) -> bool:
        return self.status in COUNTED and self.scored >= self.criteria > 0


@dataclass(frozen=True)
class MyWork:
    """An inspector's assignments in a round and the state of each of their sheets."""

    round_code: str | None
    round_title: str
    round_final: bool
    inspector: str
    tambons: list[AssignedTambon]

    @property
    def counts(self) -> Counts:
        c = Counts(tambons=len(self.tambons), expected=len(self.tambons))
        for t in self.tambons:
            if t.status is None:
                c.not_started += 1
            elif t.status not in COUNTED:
                c.drafted += 1
            elif t.done:
                c.submitted += 1
                c.tambons_done += 1
            else:
                c.incomplete += 1
        return c


def my_work(db: Database, user: UserInfo, round_code: str | None = None) -> MyWork:
    """The acting inspector's tambons in a round (assigned to them, or where they have a sheet)
    and the state of their sheet in each; empty for a user who is not an inspector."""
    with db.connection() as s:
        actor = user_in(s, user.id)
        require(actor, Action.VIEW_PROGRESS)
        return _my_work(s, actor, _round(s, round_code))


def _my_work(session: Connection, actor: UserInfo, rnd: Row[Any] | None) -> MyWork:
    inspector = actor.inspector_id
    if rnd is None or inspector is None:
        return MyWork(
            rnd.code if rnd else None,
            (rnd.title or rnd.code) if rnd else "",
            bool(rnd and rnd.finalised_at),
            actor.inspector_name or "",
            [],
        )
    assigned = set(
        session.scalars(
            select(assignments.c.tambon_code).where(
                assignments.c.round_id == rnd.id, assignments.c.inspector_id == inspector
            )
        )
    )
    own = {
        sheet.tambon_code: sheet
        for sheet in session.execute(
            select(sheets).where(
                sheets.c.round_id == rnd.id,
                sheets.c.inspector_id == inspector,
                sheets.c.conflict_of.is_(None),
            )
        )
    }
    codes = assigned | set(own)
    weights = {
        c.id: (c.weight, c.max_score)
        for c in session.execute(
            select(criteria.c.id, criteria.c.weight, criteria.c.max_score).where(
                criteria.c.contest_id == rnd.contest_id
            )
        )
    }
    lines: dict[int, list[tuple[float, float, float]]] = {sh.id: [] for sh in own.values()}
    if lines:
        for sheet_id, criterion_id, value in session.execute(
            select(scores.c.sheet_id, scores.c.criterion_id, scores.c.value).where(
                scores.c.sheet_id.in_(list(lines))
            )
        ):
            if criterion_id in weights:
                weight, max_score = weights[criterion_id]
                lines[sheet_id].append((weight, max_score, value))
    places = session.execute(
        tambon_places()
        .where(tambons.c.code.in_(sorted(codes)))
        .order_by(
            provinces.c.zone_number, provinces.c.name_th, districts.c.name_th, tambons.c.name_th
        )
    ).all()
    out = []
    n = len(weights)
    for code, tambon, district, _, province, zone in places:
        sheet = own.get(code)
        scored = lines[sheet.id] if sheet is not None else []
        out.append(
            AssignedTambon(
                zone=zone,
                province=province,
                district=district,
                code=code,
                tambon=tambon,
                sheet_id=sheet.id if sheet is not None else None,
                status=m.SheetStatus(sheet.status) if sheet is not None else None,
                scored=len(scored),
                criteria=n,
                total=sheet_total(scored) if n and len(scored) >= n else None,
                updated_at=sheet.updated_at if sheet is not None else None,
            )
        )
    name = session.scalar(select(inspectors.c.name).where(inspectors.c.id == inspector)) or ""
    return MyWork(rnd.code, rnd.title or rnd.code, rnd.finalised_at is not None, name, out)


def _own_progress(work: MyWork) -> Progress:
    """An inspector's dashboard numbers: their own tambons, per zone and in all."""
    per_zone: dict[int, Counts] = {}
    lacking = []
    for t in work.tambons:
        one = MyWork(work.round_code, work.round_title, work.round_final, work.inspector, [t])
        per_zone.setdefault(t.zone, Counts()).add(one.counts)
        if not t.done:
            lacking.append(
                LackingTambon(
                    t.zone,
                    t.province,
                    t.district,
                    t.code,
                    t.tambon,
                    1,
                    0,
                    int(t.status is not None and t.status not in COUNTED),
                )
            )
    zones = [ZoneProgress(z, zone_name(z), per_zone[z]) for z in sorted(per_zone)]
    return Progress(work.round_code, work.round_title, zones, work.counts, lacking)
