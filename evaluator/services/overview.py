"""Counts that describe what a database holds, per zone."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m


@dataclass(frozen=True)
class ZoneCount:
    zone: int
    name: str
    provinces: int
    tambons: int
    sheets: int


@dataclass(frozen=True)
class Overview:
    contest: str | None
    zones: list[ZoneCount]

    @property
    def tambons(self) -> int:
        return sum(z.tambons for z in self.zones)

    @property
    def sheets(self) -> int:
        return sum(z.sheets for z in self.zones)


def overview(db: Database) -> Overview:
    """How many provinces, tambons and sheets each zone has."""
    with db.transaction() as s:
        contest = s.scalar(select(m.Contest.title).order_by(m.Contest.id).limit(1))
        provinces: dict[int, int] = dict(
            s.execute(
                select(m.Province.zone_number, func.count()).group_by(m.Province.zone_number)
            ).all()
        )
        tambon_zone = (
            select(m.Tambon.code, m.Province.zone_number)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
            .subquery()
        )
        tambons: dict[int, int] = dict(
            s.execute(
                select(tambon_zone.c.zone_number, func.count()).group_by(tambon_zone.c.zone_number)
            ).all()
        )
        sheets: dict[int, int] = dict(
            s.execute(
                select(tambon_zone.c.zone_number, func.count(m.Sheet.id))
                .join(m.Sheet, m.Sheet.tambon_code == tambon_zone.c.code)
                .group_by(tambon_zone.c.zone_number)
            ).all()
        )
        zones = [
            ZoneCount(
                zone=z.number,
                name=z.name,
                provinces=provinces.get(z.number, 0),
                tambons=tambons.get(z.number, 0),
                sheets=sheets.get(z.number, 0),
            )
            for z in s.scalars(select(m.Zone).order_by(m.Zone.number))
        ]
    return Overview(contest=contest, zones=zones)
