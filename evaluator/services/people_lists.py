"""Read-only lists of the set-up screens: inspectors, assignments per tambon, all change leaders.

Plain rows out (one unit of work each); the inspectors' contact details and the assignments are
the admin's set-up data (:data:`Action.SET_UP_PEOPLE`), the leaders are readable by whoever may
see the tambons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.geography import tambon_places
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in


@dataclass(frozen=True)
class InspectorRow:
    id: int
    name: str
    position: str
    zone: int | None
    province_code: str | None  # home province
    province: str
    phone: str
    email: str
    has_key: bool
    assignments: int
    logins: str


@dataclass(frozen=True)
class LeaderRow:
    id: int
    tambon_code: str
    tambon: str
    district: str
    province_code: str
    province: str
    zone: int
    title: str
    first_name: str
    last_name: str
    position: str
    village: str
    phone: str

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class TambonAssignments:
    """A target tambon and the inspectors assigned to it in a round."""

    tambon_code: str
    tambon: str
    district: str
    province_code: str
    province: str
    zone: int
    inspectors: tuple[str, ...]
    conflicts: tuple[str, ...]  # assigned inspectors whose home province is the tambon's
    outside_zone: tuple[str, ...]  # assigned inspectors of another zone


def list_inspectors(db: Database, user: UserInfo) -> list[InspectorRow]:
    """Every inspector with their zone, home province, contact, key state and assignments."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.SET_UP_PEOPLE)
        provinces = {
            code: name for code, name in s.execute(select(m.Province.code, m.Province.name_th))
        }
        counts = {
            inspector: count
            for inspector, count in s.execute(
                select(m.Assignment.inspector_id, func.count(m.Assignment.id)).group_by(
                    m.Assignment.inspector_id
                )
            )
        }
        logins: dict[int, list[str]] = defaultdict(list)
        for inspector_id, name in s.execute(
            select(m.User.inspector_id, m.User.name).where(m.User.inspector_id.is_not(None))
        ):
            if inspector_id is not None:
                logins[inspector_id].append(name)
        return [
            InspectorRow(
                i.id,
                i.name,
                i.position,
                i.zone_number,
                i.home_province_code,
                provinces.get(i.home_province_code or "", ""),
                i.phone,
                i.email,
                i.public_key is not None,
                int(counts.get(i.id, 0)),
                ", ".join(sorted(logins.get(i.id, []))),
            )
            for i in s.scalars(select(m.Inspector).order_by(m.Inspector.name))
        ]


def list_leaders(db: Database, user: UserInfo) -> list[LeaderRow]:
    """Every change leader with their tambon, district, province and zone, by tambon code."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.VIEW_TAMBONS)
        rows = s.execute(
            select(
                m.Leader,
                m.Tambon.name_th,
                m.District.name_th,
                m.Province.code,
                m.Province.name_th,
                m.Province.zone_number,
            )
            .join(m.Tambon, m.Leader.tambon_code == m.Tambon.code)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
            .order_by(m.Leader.tambon_code, m.Leader.id)
        ).all()
        return [
            LeaderRow(
                leader.id,
                leader.tambon_code,
                tambon,
                district,
                province_code,
                province,
                zone,
                leader.title,
                leader.first_name,
                leader.last_name,
                leader.position,
                leader.village,
                leader.phone,
            )
            for leader, tambon, district, province_code, province, zone in rows
        ]


def list_assignments(
    db: Database, user: UserInfo, round_code: str | None
) -> list[TambonAssignments]:
    """Every target tambon with the inspectors assigned to it in the round (the first round
    when None), conflicts of interest and inspectors from another zone named."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.SET_UP_PEOPLE)
        query = select(m.Round.id).order_by(m.Round.contest_id, m.Round.position).limit(1)
        if round_code is not None:
            query = select(m.Round.id).where(m.Round.code == round_code).limit(1)
        round_id = s.scalar(query)
        assigned: dict[str, list[tuple[str, int | None, str | None]]] = defaultdict(list)
        if round_id is not None:
            for tambon, name, zone, home in s.execute(
                select(
                    m.Assignment.tambon_code,
                    m.Inspector.name,
                    m.Inspector.zone_number,
                    m.Inspector.home_province_code,
                )
                .join(m.Inspector, m.Assignment.inspector_id == m.Inspector.id)
                .where(m.Assignment.round_id == round_id)
                .order_by(m.Inspector.name)
            ):
                assigned[tambon].append((name, zone, home))
        out = []
        for code, tambon, district, province_code, province, zone in s.execute(
            tambon_places().order_by(m.Province.zone_number, m.Tambon.code)
        ):
            people = assigned.get(code, [])
            out.append(
                TambonAssignments(
                    code,
                    tambon,
                    district,
                    province_code,
                    province,
                    zone,
                    tuple(p[0] for p in people),
                    tuple(p[0] for p in people if p[2] == province_code),
                    tuple(p[0] for p in people if p[1] is not None and p[1] != zone),
                )
            )
        return out
