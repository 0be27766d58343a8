"""The progress dashboard: per zone and nationally, how many sheets are expected, drafted,
submitted and incomplete in a round, and which tambons still lack sheets.

A tambon expects one sheet per inspector assigned to it in the round; where a round has no
assignments at all, it expects the round's ``min_sheets``. A submitted sheet that misses a
criterion is *incomplete*: it does not count, and it is shown, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.geography import zone_name
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.sheets import COUNTED
from evaluator.services.users import user_in


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


def progress(db: Database, user: UserInfo, round_code: str | None = None) -> Progress:
    """The dashboard numbers of a round (the first round when none is named)."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.VIEW_PROGRESS)
        query = select(m.Round).order_by(m.Round.contest_id, m.Round.position, m.Round.id)
        if round_code is not None:
            query = query.where(m.Round.code == round_code)
        rnd = s.scalar(query.limit(1))
        zones = {z.number: z.name for z in s.scalars(select(m.Zone).order_by(m.Zone.number))}
        places = s.execute(
            select(
                m.Tambon.code,
                m.Tambon.name_th,
                m.District.name_th,
                m.Province.name_th,
                m.Province.zone_number,
            )
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
            .order_by(m.Province.zone_number, m.Province.name_th, m.District.name_th)
        ).all()
        per_zone = {z: Counts() for z in zones}
        national = Counts()
        lacking: list[LackingTambon] = []
        if rnd is None:
            for place in places:
                per_zone.setdefault(place[4], Counts()).tambons += 1
                national.tambons += 1
            return Progress(None, "", _zones(per_zone, zones), national, [])

        n_criteria = (
            s.scalar(
                select(func.count())
                .select_from(m.Criterion)
                .where(m.Criterion.contest_id == rnd.contest_id)
            )
            or 0
        )
        assigned: dict[str, int] = {
            code: n
            for code, n in s.execute(
                select(m.Assignment.tambon_code, func.count())
                .where(m.Assignment.round_id == rnd.id)
                .group_by(m.Assignment.tambon_code)
            )
        }
        scored = (
            select(m.Score.sheet_id, func.count().label("n")).group_by(m.Score.sheet_id).subquery()
        )
        sheets: dict[str, list[tuple[m.SheetStatus, int]]] = {}
        for code, status, n in s.execute(
            select(m.Sheet.tambon_code, m.Sheet.status, func.coalesce(scored.c.n, 0))
            .outerjoin(scored, scored.c.sheet_id == m.Sheet.id)
            .where(m.Sheet.round_id == rnd.id, m.Sheet.conflict_of.is_(None))
        ):
            sheets.setdefault(code, []).append((m.SheetStatus(status), int(n)))

        for code, tambon, district, province, zone in places:
            own = sheets.get(code, [])
            if assigned:
                expected = max(assigned.get(code, 0), len(own))
            elif rnd.eligible_from:
                expected = len(own)  # only the earlier round's winners take part
            else:
                expected = max(rnd.min_sheets, len(own))
            if expected == 0:
                continue
            c = Counts(tambons=1, expected=expected)
            for status, n in own:
                if status in COUNTED:
                    if n_criteria and n >= n_criteria:
                        c.submitted += 1
                    else:
                        c.incomplete += 1
                else:
                    c.drafted += 1
            c.not_started = max(0, expected - len(own))
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
        return Progress(rnd.code, rnd.title or rnd.code, _zones(per_zone, zones), national, lacking)


def _zones(per_zone: dict[int, Counts], names: dict[int, str]) -> list[ZoneProgress]:
    return [ZoneProgress(z, names.get(z, zone_name(z)), per_zone[z]) for z in sorted(per_zone)]
