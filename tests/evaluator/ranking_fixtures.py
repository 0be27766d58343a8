"""Build small contests for ranking tests straight through the storage model.

Tambon codes start with a real province code, which decides the zone:
``18`` ชัยนาท and ``14`` พระนครศรีอยุธยา are zone 1, ``84`` สุราษฎร์ธานี and ``86`` ชุมพร
zone 5, ``50`` เชียงใหม่ zone 15.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services.users import user_in
from tests.accounts import hash_of_test_password

Scores = Mapping[str, float] | Sequence[float | None]


class ContestBuilder:
    """A contest in a test database: criteria, rounds, tambons, inspectors and sheets."""

    def __init__(
        self,
        db: Database,
        criteria: Sequence[tuple[str, float, float]] = (("C1", 10, 60), ("C2", 10, 40)),
        *,
        code: str = "T2564",
        title: str = "การประกวดทดสอบ",
        settings: dict[str, object] | None = None,
    ) -> None:
        self.db = db
        self.code = code
        self.criteria = [c[0] for c in criteria]
        self.round_ids: dict[str, int] = {}
        self.inspector_ids: dict[str, int] = {}
        with db.transaction() as s:
            contest = m.Contest(code=code, title=title, settings=dict(settings or {}))
            s.add(contest)
            s.flush()
            self.contest_id = contest.id
            for position, (ccode, max_score, weight) in enumerate(criteria):
                s.add(
                    m.Criterion(
                        contest_id=contest.id,
                        code=ccode,
                        position=position,
                        title=f"เกณฑ์ {ccode}",
                        max_score=max_score,
                        weight=weight,
                    )
                )
            s.flush()
            self.criterion_ids = {
                c.code: c.id
                for c in s.scalars(select(m.Criterion).where(m.Criterion.contest_id == contest.id))
            }

    def round(self, code: str, **rules: Any) -> ContestBuilder:
        """Add a round; ``rules`` are Round columns (winners_per_zone, aggregation, ...)."""
        rules.setdefault("title", code)
        with self.db.transaction() as s:
            rnd = m.Round(
                contest_id=self.contest_id, code=code, position=len(self.round_ids), **rules
            )
            s.add(rnd)
            s.flush()
            self.round_ids[code] = rnd.id
        return self

    def tambon(self, code: str, name: str | None = None) -> str:
        """Add a tambon (and its district) in the province its code starts with."""
        with self.db.transaction() as s:
            if s.get(m.District, code[:4]) is None:
                s.add(m.District(code=code[:4], name_th=f"ทดสอบ{code[:4]}", province_code=code[:2]))
                s.flush()
            s.add(m.Tambon(code=code, name_th=name or f"ทดสอบ{code}", district_code=code[:4]))
        return code

    def tambons(self, *codes: str) -> list[str]:
        return [self.tambon(c) for c in codes]

    def inspector(self, name: str, home_province: str | None = None) -> int:
        if name not in self.inspector_ids:
            with self.db.transaction() as s:
                found = s.scalar(select(m.Inspector).where(m.Inspector.name == name))
                if found is None:
                    found = m.Inspector(name=name, home_province_code=home_province)
                    s.add(found)
                    s.flush()
                self.inspector_ids[name] = found.id
        return self.inspector_ids[name]

    def sheet(
        self,
        round_code: str,
        inspector: str,
        tambon_code: str,
        scores: Scores,
        *,
        status: str = "submitted",
        home_province: str | None = None,
        conflict_of: str | None = None,
    ) -> str:
        """Add a sheet; ``scores`` by criterion code, or a list in criterion order (None: not
        scored). Returns the sheet's uuid."""
        if isinstance(scores, Mapping):
            values = dict(scores)
        else:
            values = {c: v for c, v in zip(self.criteria, scores, strict=False) if v is not None}
        inspector_id = self.inspector(inspector, home_province)
        with self.db.transaction() as s:
            sheet = m.Sheet(
                round_id=self.round_ids[round_code],
                inspector_id=inspector_id,
                tambon_code=tambon_code,
                status=m.SheetStatus(status),
                conflict_of=conflict_of,
            )
            s.add(sheet)
            s.flush()
            for ccode, value in values.items():
                s.add(
                    m.Score(sheet_id=sheet.id, criterion_id=self.criterion_ids[ccode], value=value)
                )
            # sealed like every sheet the program writes, so `audit verify` knows its content
            audit.record(s, "test", audit.Source.SYSTEM, [], sheets=[sheet.uuid])
            return sheet.uuid


def add_user(db: Database, name: str, role: m.Role) -> None:
    """A user whose login is their name, signing in with tests.accounts.TEST_PASSWORD."""
    with db.transaction() as s:
        s.add(m.User(name=name, role=role, password_hash=hash_of_test_password()))


def acting(db: Database, name: str, role: m.Role | str) -> UserInfo:
    """The user called ``name`` (added with ``role`` when there is none yet), as stored."""
    with db.transaction() as s:
        user_id = s.scalar(select(m.User.id).where(m.User.name == name))
        if user_id is None:
            user = m.User(name=name, role=m.Role(role), password_hash=hash_of_test_password())
            s.add(user)
            s.flush()
            user_id = user.id
        return user_in(s, user_id)
