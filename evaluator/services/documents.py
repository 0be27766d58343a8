"""Read-only facts that printed documents need: a round's titles, the signatory, the leaders.

Plain dataclasses out, never ORM objects; one unit of work per call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.geography import tambon_places


@dataclass(frozen=True)
class RoundDocumentInfo:
    """What a certificate says about its round and contest."""

    contest_code: str
    contest_title: str
    round_code: str
    round_title: str
    prize_baht: int
    per_zone: bool
    finalised_at: datetime | None
    result_hash: str | None


@dataclass(frozen=True)
class SignatoryInfo:
    name: str
    position: str
    signature_png: bytes | None


@dataclass(frozen=True)
class LeaderInfo:
    id: int
    tambon_code: str
    title: str
    first_name: str
    last_name: str
    position: str

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class PlaceInfo:
    """A tambon with the names of its district and province, and its zone."""

    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int


def round_info(db: Database, round_code: str) -> RoundDocumentInfo:
    """The round named ``round_code`` (of the newest contest that has one) and its contest."""
    with db.transaction() as s:
        row = s.execute(
            select(m.Round, m.Contest)
            .join(m.Contest, m.Round.contest_id == m.Contest.id)
            .where(m.Round.code == round_code)
            .order_by(m.Contest.id.desc())
            .limit(1)
        ).first()
        if row is None:
            known = sorted(set(s.scalars(select(m.Round.code))))
            raise NotFoundError(
                f"ไม่พบรอบ '{round_code}'"
                + (f" (มี: {', '.join(known)})" if known else "")
                + f" — no round '{round_code}'"
                + (f" (there are: {', '.join(known)})" if known else "")
            )
        rnd, contest = row
        return RoundDocumentInfo(
            contest_code=contest.code,
            contest_title=contest.title,
            round_code=rnd.code,
            round_title=rnd.title or rnd.code,
            prize_baht=int(rnd.prize_baht or 0),
            per_zone=rnd.winners_per_zone is not None,
            finalised_at=rnd.finalised_at,
            result_hash=rnd.result_hash,
        )


def active_signatory(db: Database) -> SignatoryInfo | None:
    """The signatory marked active (the first one if several are), or None."""
    with db.transaction() as s:
        row = s.scalars(
            select(m.Signatory).where(m.Signatory.active.is_(True)).order_by(m.Signatory.id)
        ).first()
        if row is None:
            return None
        return SignatoryInfo(row.name, row.position, row.signature_png)


def leaders_by_tambon(db: Database, tambon_codes: Iterable[str]) -> dict[str, list[LeaderInfo]]:
    """The change leaders of each tambon, in the order they were recorded."""
    codes = sorted(set(tambon_codes))
    out: dict[str, list[LeaderInfo]] = defaultdict(list)
    with db.transaction() as s:
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            rows = s.scalars(
                select(m.Leader).where(m.Leader.tambon_code.in_(chunk)).order_by(m.Leader.id)
            )
            for r in rows:
                out[r.tambon_code].append(
                    LeaderInfo(r.id, r.tambon_code, r.title, r.first_name, r.last_name, r.position)
                )
    return dict(out)


def leaders_with_ids(db: Database, ids: Iterable[int]) -> list[LeaderInfo]:
    """The change leaders ``ids`` (each once, by tambon, in the order they were recorded); an
    id that is no leader is refused."""
    wanted = sorted(set(ids))
    out: list[LeaderInfo] = []
    with db.transaction() as s:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for r in s.scalars(select(m.Leader).where(m.Leader.id.in_(chunk))):
                out.append(
                    LeaderInfo(r.id, r.tambon_code, r.title, r.first_name, r.last_name, r.position)
                )
    missing = set(wanted) - {leader.id for leader in out}
    if missing:
        raise NotFoundError(
            f"ไม่พบผู้นำหมายเลข {', '.join(map(str, sorted(missing)[:10]))} — no such leader"
        )
    return sorted(out, key=lambda leader: (leader.tambon_code, leader.id))


def places(db: Database, tambon_codes: Iterable[str]) -> dict[str, PlaceInfo]:
    """Tambon, district and province names and the zone of each tambon code."""
    codes = sorted(set(tambon_codes))
    out: dict[str, PlaceInfo] = {}
    with db.transaction() as s:
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            rows = s.execute(tambon_places().where(m.Tambon.code.in_(chunk)))
            for code, tambon, district, _, province, zone in rows:
                out[code] = PlaceInfo(code, tambon, district, province, zone)
    return out
