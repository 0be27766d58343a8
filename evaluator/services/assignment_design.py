"""Design advice on the assignments of a round: where inspector leniency cannot be separated from
tambon quality (read-only; the pure check is :mod:`evaluator.scoring.design`).

The links are the round's assignments (inspector → tambon); a round without assignments is
checked on its sheets instead (merge-conflict copies left out). The dashboard shows the
result, and the set-up screens can call :func:`assignment_design` the same way. Read with
SQLAlchemy Core (the dashboard's first read comes before the ORM's mapped classes are built).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, select

from evaluator.db import Database
from evaluator.db.schema import assignments, contests, inspectors, rounds, sheets
from evaluator.errors import NotFoundError
from evaluator.geography import tambon_places
from evaluator.scoring import design as sd


@dataclass(frozen=True)
class PartView:
    """A connected group: its inspectors' names and its tambons' codes and names."""

    inspectors: tuple[str, ...]
    tambons: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ZoneAdvice:
    zone: int
    inspectors: int
    tambons: int
    parts: tuple[PartView, ...]
    separable: bool
    message: str  # Thai — English; empty when the zone is fine


@dataclass(frozen=True)
class DesignReport:
    round_code: str
    round_title: str
    source: str  # "assignments" or "sheets" (the round has no assignments)
    zones: tuple[ZoneAdvice, ...]
    cross_zone_inspectors: tuple[str, ...]
    national: bool  # the round ranks nationally (``winners``)
    national_message: str  # Thai — English; empty when nothing to say

    @property
    def problems(self) -> tuple[ZoneAdvice, ...]:
        return tuple(z for z in self.zones if not z.separable)


def _round(connection: Connection, round_code: str | None, contest: str | None) -> Row[Any] | None:
    query = (
        select(rounds)
        .join(contests, rounds.c.contest_id == contests.c.id)
        .order_by(contests.c.id, rounds.c.position, rounds.c.id)
    )
    if contest is not None:
        query = query.where(contests.c.code == contest)
    if round_code is not None:
        query = query.where(rounds.c.code == round_code)
    return connection.execute(query.limit(1)).first()


def zone_message(zone: int, parts: int) -> str:
    """The advice for a zone whose inspectors fall into ``parts`` groups sharing no tambon."""
    return (
        f"เขต {zone}: ผู้ประเมินแบ่งเป็น {parts} กลุ่มที่ไม่ได้ประเมินตำบลร่วมกันเลย"
        " จึงแยกความเข้มงวดของผู้ประเมินออกจากคุณภาพของตำบลไม่ได้ (ทั้ง z-score และการปรับคะแนน)"
        " ควรมอบหมายให้ผู้ประเมินต่างกลุ่มประเมินตำบลเดียวกันอย่างน้อยหนึ่งตำบล"
        f" — zone {zone}: its inspectors fall into {parts} groups that share no tambon, so"
        " leniency cannot be told from quality; have inspectors of different groups assess at"
        " least one tambon in common"
    )


NATIONAL_MESSAGE = (
    "รอบนี้จัดอันดับทั้งประเทศ แต่ไม่มีผู้ประเมินคนใดประเมินตำบลในมากกว่าหนึ่งเขต"
    " จึงเทียบความเข้มงวดระหว่างเขตไม่ได้ ไม่มีวิธีปรับคะแนนใดแก้ได้"
    " — this round ranks nationally, but no inspector works in more than one zone: zones cannot"
    " be put on one scale, whatever the aggregation"
)


def assignment_design(
    db: Database, round_code: str | None = None, *, contest: str | None = None
) -> DesignReport:
    """Check a round's assignments (the first round when none is named)."""
    with db.connection() as s:
        rnd = _round(s, round_code, contest)
        if rnd is None:
            raise NotFoundError(
                f"ไม่พบรอบ {round_code} — no round {round_code}"
                if round_code
                else "ยังไม่มีรอบการประกวด — no round yet"
            )
        return design_report(s, rnd, s.execute(tambon_places()).all())


def design_report(s: Connection, rnd: Row[Any], places: Sequence[Sequence[Any]]) -> DesignReport:
    """The check of round ``rnd`` (its row of the ``rounds`` table) in its assignments, given
    every tambon's place: rows that begin with the columns of
    :func:`~evaluator.geography.tambon_places` (the dashboard passes its own read of the places,
    which adds its counts after them)."""
    zone_of = {place[0]: place[5] for place in places}
    tambon_name = {place[0]: place[1] for place in places}
    inspector_name: dict[int, str] = {
        i: n for i, n in s.execute(select(inspectors.c.id, inspectors.c.name))
    }
    links = s.execute(
        select(assignments.c.inspector_id, assignments.c.tambon_code).where(
            assignments.c.round_id == rnd.id
        )
    ).all()
    source = "assignments"
    if not links:
        source = "sheets"
        links = s.execute(
            select(sheets.c.inspector_id, sheets.c.tambon_code).where(
                sheets.c.round_id == rnd.id, sheets.c.conflict_of.is_(None)
            )
        ).all()
    check = sd.check_design(
        (zone_of[code], str(inspector), code) for inspector, code in links if code in zone_of
    )

    def name(inspector: str) -> str:
        return inspector_name.get(int(inspector), inspector)

    zones = tuple(
        ZoneAdvice(
            zone=z.zone,
            inspectors=z.inspectors,
            tambons=z.tambons,
            parts=tuple(
                PartView(
                    tuple(sorted(name(i) for i in p.inspectors)),
                    tuple((c, tambon_name.get(c, c)) for c in p.tambons),
                )
                for p in z.parts
            ),
            separable=z.separable,
            message="" if z.separable else zone_message(z.zone, len(z.parts)),
        )
        for z in check.zones
    )
    national = rnd.winners_per_zone is None and bool(rnd.winners)
    return DesignReport(
        round_code=rnd.code,
        round_title=rnd.title or rnd.code,
        source=source,
        zones=zones,
        cross_zone_inspectors=tuple(sorted(name(i) for i in check.cross_zone_inspectors)),
        national=national,
        national_message=(NATIONAL_MESSAGE if national and not check.zones_comparable else ""),
    )
